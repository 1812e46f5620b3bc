import type { RenewalDecision, RenewalPipeline } from '@evergreen/contracts';
import { renewalsQuery } from '@evergreen/contracts';
import type { Db } from '@evergreen/db';
import { addDays, agreementDates, openDecisions, toDay } from '@evergreen/rules';
import { requireRole } from '../shared/access.ts';
import type { ActorCtx } from '../shared/context.ts';
import { termFacts } from './agreements.ts';
import { agreementsInForce, nextTermsOf } from './queries.ts';

const kindOrder = { month_six: 0, rate_review: 1, notice_deadline: 2, term_end: 3 } as const;

export type DecisionWithOwner = RenewalDecision & { ownerName: string | null };

/**
 * Every open decision of the workspace's accepted and active agreements, dated up to
 * today + within days, past-due ones included (flagged), sorted by date.
 */
export async function renewalDecisions(
  db: Db,
  workspaceId: string,
  today: string,
  within: number,
  opts: { ownerUserId?: string } = {},
): Promise<DecisionWithOwner[]> {
  const rows = await agreementsInForce(db, workspaceId, opts);
  const next = await nextTermsOf(
    db,
    workspaceId,
    rows.map((r) => r.a.id),
  );
  const horizon = addDays(today, within);
  const items: DecisionWithOwner[] = [];
  for (const { a, c, ownerName } of rows) {
    const facts = {
      ...termFacts(a),
      status: a.status,
      extendDecision: a.extendDecision,
      hasNextTerm: next.has(a.id),
    };
    const renewsOn = agreementDates(facts).renewsOn;
    for (const d of openDecisions(facts, today)) {
      if (d.date > horizon) continue;
      items.push({
        ...d,
        agreementId: a.id,
        agreementTitle: a.title,
        agreementType: a.type,
        status: a.status,
        termNumber: a.termNumber,
        autoRenew: a.autoRenew,
        renewsOn,
        creatorId: c.id,
        creatorName: c.displayName,
        tier: c.tier,
        ownerUserId: c.ownerUserId,
        ownerName,
      });
    }
  }
  items.sort(
    (x, y) =>
      x.date.localeCompare(y.date) ||
      kindOrder[x.kind] - kindOrder[y.kind] ||
      x.creatorName.localeCompare(y.creatorName) ||
      x.agreementId.localeCompare(y.agreementId),
  );
  return items;
}

export async function getRenewalPipeline(
  { db, clock, actor }: ActorCtx,
  raw: { within?: number | string },
): Promise<RenewalPipeline> {
  requireRole(actor, 'analyst');
  const { within } = renewalsQuery.parse(raw);
  const today = toDay(clock.now());
  const items = await renewalDecisions(db, actor.workspaceId, today, within);
  return { date: today, within, items: items.map(({ ownerName: _o, ...i }) => i) };
}
