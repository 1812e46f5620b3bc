import type { Agreement, AgreementRate, FieldIssue, RenewAgreementRequest } from '@evergreen/contracts';
import type { Db } from '@evergreen/db';
import { agreementDates, allowedRange, nextTermStartsOn, toDay } from '@evergreen/rules';
import { recordAudit } from '../audit/index.ts';
import { recordCreatorEvent } from '../roster/index.ts';
import { requireRole } from '../shared/access.ts';
import type { Actor, ActorCtx, Ctx } from '../shared/context.ts';
import { pgErrorCode } from '../shared/db-errors.ts';
import { AppError } from '../shared/errors.ts';
import { isScheduled, loadAgreement, termFacts } from './agreements.ts';
import { agreementTransition } from './lifecycle.ts';
import {
  type AgreementRow,
  agreementsPossiblyDue,
  getAgreementRow,
  insertAgreement,
  insertRates,
  lockAgreement,
  nextTermsOf,
  ratesOfOne,
} from './queries.ts';
import { applyTransition } from './transitions.ts';

export interface ReviewedTerms {
  rates: AgreementRate[];
  monthlyFeeMinor: number | null;
  feeMinor: number | null;
  collaborationsPerYear: number | null;
  deliverablesPerMonth: number | null;
}

/**
 * The annual review, as a pure rule: every proposed value must stay within ±pct of the current
 * one (exact, in integers). Returns the next term's values, or the issues naming each field and
 * its allowed range.
 */
export function reviewTerms(
  current: ReviewedTerms,
  proposed: RenewAgreementRequest,
  pct: string,
): { terms: ReviewedTerms; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const check = (field: string, from: number | null, to: number | undefined): number | null => {
    if (to === undefined) return from;
    if (from == null) {
      issues.push({ field, message: 'has no current value to review', code: 'not_in_agreement' });
      return from;
    }
    const { min, max } = allowedRange(from, pct);
    if (to < min || to > max) {
      issues.push({
        field,
        message: `must be between ${min} and ${max} (±${pct}% of ${from})`,
        code: 'out_of_review_bound',
        params: { minimum: min, maximum: max, current: from },
      });
    }
    return to;
  };
  const byType = new Map((proposed.rates ?? []).map((r, i) => [r.deliverableType, { r, i }]));
  const rates = current.rates.map((r) => {
    const p = byType.get(r.deliverableType);
    byType.delete(r.deliverableType);
    return {
      deliverableType: r.deliverableType,
      amountMinor: p ? check(`rates.${p.i}.amountMinor`, r.amountMinor, p.r.amountMinor)! : r.amountMinor,
    };
  });
  for (const { i } of byType.values()) {
    issues.push({
      field: `rates.${i}.deliverableType`,
      message: 'is not a rate of this agreement (a new rate needs a new agreement)',
      code: 'not_in_agreement',
    });
  }
  return {
    terms: {
      rates,
      monthlyFeeMinor: check('monthlyFeeMinor', current.monthlyFeeMinor, proposed.monthlyFeeMinor),
      feeMinor: check('feeMinor', current.feeMinor, proposed.feeMinor),
      collaborationsPerYear: check(
        'collaborationsPerYear',
        current.collaborationsPerYear,
        proposed.collaborationsPerYear,
      ),
      deliverablesPerMonth: check(
        'deliverablesPerMonth',
        current.deliverablesPerMonth,
        proposed.deliverablesPerMonth,
      ),
    },
    issues,
  };
}

const termsOf = (a: AgreementRow, rates: AgreementRate[]): ReviewedTerms => ({
  rates,
  monthlyFeeMinor: a.monthlyFeeMinor,
  feeMinor: a.feeMinor,
  collaborationsPerYear: a.collaborationsPerYear,
  deliverablesPerMonth: a.deliverablesPerMonth,
});

/**
 * Creates the next term in the caller's transaction: a new row after the previous one, with
 * the reviewed terms, active when the agreement auto-renews (the acceptance covers renewals),
 * else a draft to send. The previous term ends once its last day has passed.
 */
async function createNextTerm(
  tx: Db,
  actor: Actor,
  a: AgreementRow,
  current: ReviewedTerms,
  next: ReviewedTerms,
  now: Date,
  how: 'manual' | 'automatic',
): Promise<string> {
  agreementTransition(a.status, 'renew');
  // The previous term locked and unchanged: notice given on it meanwhile refuses the renewal.
  await lockAgreement(tx, a);
  const today = toDay(now);
  const startsOn = nextTermStartsOn(a.startsOn, a.termMonths);
  const { id: _id, createdAt: _c, updatedAt: _u, ...copy } = a;
  const { id } = await insertAgreement(tx, {
    ...copy,
    status: a.autoRenew ? 'active' : 'draft',
    startsOn,
    termMonths: a.renewalTermMonths ?? a.termMonths,
    monthlyFeeMinor: next.monthlyFeeMinor,
    feeMinor: next.feeMinor,
    collaborationsPerYear: next.collaborationsPerYear,
    deliverablesPerMonth: next.deliverablesPerMonth,
    previousAgreementId: a.id,
    termNumber: a.termNumber + 1,
    sentAt: null,
    // Its own acceptance only: an automatic renewal is covered by the first term's, which stays
    // on that term; a renewal that is a draft is sent and accepted like any agreement.
    acceptedAt: null,
    acceptedName: null,
    acceptedIp: null,
    acceptedOnBehalf: null,
    noticeGivenOn: null,
    noticeBy: null,
    noticeReason: null,
    endedOn: null,
    extendDecision: null,
    extendDecisionNotes: null,
    extendDecidedOn: null,
    createdBy: actor.userId,
    createdAt: now,
    updatedAt: now,
  });
  await insertRates(tx, { workspaceId: a.workspaceId, id, currency: a.currency }, next.rates);
  const changes: Record<string, unknown> = { nextAgreementId: id, startsOn, how, currency: a.currency };
  for (const k of ['monthlyFeeMinor', 'feeMinor', 'collaborationsPerYear', 'deliverablesPerMonth'] as const) {
    if (current[k] != null || next[k] != null) changes[k] = { from: current[k], to: next[k] };
  }
  if (current.rates.length) changes.rates = { from: current.rates, to: next.rates };
  await recordAudit(
    tx,
    actor,
    { action: 'agreement.renewed', entityType: 'agreement', entityId: a.id, changes },
    now,
  );
  await recordCreatorEvent(
    tx,
    actor,
    a.creatorId,
    'agreement_renewed',
    { agreementId: a.id, nextAgreementId: id, title: a.title, termNumber: a.termNumber + 1, startsOn, how },
    now,
  );
  const termEnd = agreementDates(termFacts(a)).termEndsOn;
  if (termEnd < today) await endTerm(tx, actor, a, termEnd, now);
  return id;
}

async function endTerm(tx: Db, actor: Actor, a: AgreementRow, endedOn: string, now: Date) {
  await applyTransition(tx, actor, a, 'end', { endedOn }, now, {
    kind: 'agreement_ended',
    data: { endedOn },
  });
}

const renewConflict = (err: unknown): never => {
  if (pgErrorCode(err) === '23505') throw new AppError('conflict', 'This term is already renewed');
  throw err;
};

/** POST …/renew: the reviewed next term. Every change within the review bound, else 400. */
export async function renewAgreement(
  ctx: ActorCtx,
  id: string,
  input: RenewAgreementRequest,
): Promise<Agreement> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  const a = await getAgreementRow(db, actor.workspaceId, id);
  agreementTransition(a.status, 'renew');
  if (isScheduled(a, toDay(clock.now()))) {
    throw new AppError(
      'conflict',
      `This term starts on ${a.startsOn}: it is scheduled, not in force yet, so there is nothing to renew yet`,
    );
  }
  if ((await nextTermsOf(db, actor.workspaceId, [id])).has(id)) {
    throw new AppError('conflict', 'This term is already renewed');
  }
  const current = termsOf(a, await ratesOfOne(db, actor.workspaceId, id));
  const { terms, issues } = reviewTerms(current, input, a.reviewMaxAdjustPct);
  if (issues.length) {
    throw new AppError('validation_failed', issues.map((i) => `${i.field}: ${i.message}`).join('; '), issues);
  }
  const now = clock.now();
  const nextId = await db
    .transaction((tx) => createNextTerm(tx, actor, a, current, terms, now, 'manual'))
    .catch(renewConflict);
  return loadAgreement(db, actor.workspaceId, nextId, now);
}

/**
 * The daily job, idempotent: activates accepted agreements whose start has come; renews
 * auto-renewing agreements whose term is over without notice (same terms); ends terms that are
 * over (renewed or not), and agreements whose notice period has run out. A second run finds
 * nothing to do; two at once collide on the unique previous-agreement index and one rolls back.
 */
export async function renewDueAgreements(
  { db, clock }: Ctx,
  opts: { workspaceId?: string } = {},
): Promise<{ activated: number; renewed: number; ended: number }> {
  const now = clock.now();
  const today = toDay(now);
  const out = { activated: 0, renewed: 0, ended: 0 };
  const rows = await agreementsPossiblyDue(db, today, opts.workspaceId);
  for (const a of rows) {
    const system: Actor = { workspaceId: a.workspaceId, role: 'owner', userId: null, tokenId: null };
    const d = agreementDates(termFacts(a));
    try {
      await db.transaction(async (tx) => {
        if (a.status === 'accepted') {
          await applyTransition(tx, system, a, 'activate', {}, now, { kind: 'agreement_activated' });
          out.activated++;
          return;
        }
        if (a.status === 'notice_given') {
          if (d.effectiveEndOn! < today) {
            await endTerm(tx, system, a, d.effectiveEndOn!, now);
            out.ended++;
          }
          return;
        }
        if (d.termEndsOn >= today) return;
        const renewed = (await nextTermsOf(tx, a.workspaceId, [a.id])).has(a.id);
        if (!renewed && a.autoRenew) {
          const rates = await ratesOfOne(tx, a.workspaceId, a.id);
          await createNextTerm(tx, system, a, termsOf(a, rates), termsOf(a, rates), now, 'automatic');
          out.renewed++;
          out.ended++;
          return;
        }
        await endTerm(tx, system, a, d.termEndsOn, now);
        out.ended++;
      });
    } catch (err) {
      // Another run (or a person) got there first; the next run sees the new state.
      if (err instanceof AppError && err.code === 'conflict') continue;
      if (pgErrorCode(err) === '23505') continue;
      throw err;
    }
  }
  return out;
}

/** For tests and the scheduler: run the job until nothing changes (a renewed term may itself be over). */
export async function renewDueAgreementsUntilSettled(ctx: Ctx, opts: { workspaceId?: string } = {}) {
  const total = { activated: 0, renewed: 0, ended: 0 };
  for (let i = 0; i < 50; i++) {
    const r = await renewDueAgreements(ctx, opts);
    total.activated += r.activated;
    total.renewed += r.renewed;
    total.ended += r.ended;
    if (!r.activated && !r.renewed && !r.ended) break;
  }
  return total;
}
