import type { Today, TodayCheckInItem, TodayItem } from '@evergreen/contracts';
import { creators, deliverables, users, workspaces } from '@evergreen/db';
import {
  addDays,
  daysBetween,
  isGoneQuiet,
  isSnoozed,
  nextCheckIn,
  overdueRatio,
  todayBucket,
} from '@evergreen/rules';
import { and, asc, eq, gte, inArray, lte, or } from 'drizzle-orm';
import { renewalDecisions } from '../agreements/index.ts';
import { PAYMENT_TODAY_DAYS, paymentsDueSoon } from '../budgets/index.ts';
import { cadenceInput, creatorsActivity, loadTiers, nudgeFacts, suggestNudge } from '../roster/index.ts';
import { computeSuggestions } from '../selection/index.ts';
import { requireRole } from '../shared/access.ts';
import type { ActorCtx } from '../shared/context.ts';
import { dayInZone } from '../shared/values.ts';

const bucketOrder = { overdue: 0, due: 1, upcoming: 2 } as const;
/** Renewal decisions join Today this many days ahead (and every one past due). */
export const RENEWAL_TODAY_DAYS = 14;
/** Deliverables join Today this many days before their due date; marked missed, this many days after it. */
export const DELIVERABLE_TODAY_DAYS = 7;
/** Selection suggestions on Today, at most. */
export const TODAY_SUGGESTIONS = 5;

/**
 * The manager's day: check-ins overdue (most overdue against their cadence first), due today,
 * and coming in the next 7 days; for "my creators" or the whole team. Built as a list of typed
 * items: renewal decisions (due within 14 days, or past due) and unpaid payments (due within
 * 7 days, or overdue) join them, contractual dates first within a bucket: decisions, then
 * payments (by due date), then deliverables due or missed, then check-ins. Each check-in
 * suggests a message: share a recent win, ask their view on a campaign being planned, or check in.
 */
export async function getToday(ctx: ActorCtx, scope: 'mine' | 'team'): Promise<Today> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'analyst');
  // "Today" is the day in the workspace's time zone (a Moscow team's day starts 3 hours before UTC's).
  const [ws] = await db
    .select({ timeZone: workspaces.timeZone })
    .from(workspaces)
    .where(eq(workspaces.id, actor.workspaceId));
  const today = dayInZone(clock.now(), ws?.timeZone ?? 'UTC');
  const conds = [eq(creators.workspaceId, actor.workspaceId), eq(creators.status, 'active')];
  if (scope === 'mine' && actor.userId) conds.push(eq(creators.ownerUserId, actor.userId));
  // Only the columns Today shows or its cadence needs (not every column of 2,000 creators).
  const rows = await db
    .select({
      c: {
        id: creators.id,
        displayName: creators.displayName,
        tier: creators.tier,
        ownerUserId: creators.ownerUserId,
        cadenceDaysOverride: creators.cadenceDaysOverride,
        lastTouchpointOn: creators.lastTouchpointOn,
        createdAt: creators.createdAt,
        snoozedUntil: creators.snoozedUntil,
        preferredChannel: creators.preferredChannel,
        email: creators.email,
      },
      ownerName: users.name,
    })
    .from(creators)
    .leftJoin(users, eq(users.id, creators.ownerUserId))
    .where(and(...conds));
  const tiers = await loadTiers(db, actor.workspaceId);
  const items: (TodayCheckInItem & { ratio: number })[] = [];
  let snoozed = 0;
  // The suggestion follows what the creator did and what is being planned: only for the
  // creators whose check-in is on Today (three queries for all of them).
  const onToday = rows.filter(({ c }) => todayBucket(cadenceInput(c, tiers), today));
  const activity = await creatorsActivity(
    db,
    actor.workspaceId,
    onToday.map(({ c }) => c.id),
    today,
  );
  for (const { c, ownerName } of rows) {
    const input = cadenceInput(c, tiers);
    if (isSnoozed(input, today) && nextCheckIn(input) != null) snoozed++;
    const bucket = todayBucket(input, today);
    if (!bucket) continue;
    const dueOn = nextCheckIn(input)!;
    items.push({
      type: 'check_in',
      bucket,
      creatorId: c.id,
      creatorName: c.displayName,
      tier: c.tier,
      ownerUserId: c.ownerUserId,
      ownerName,
      dueOn,
      daysOverdue: Math.max(0, daysBetween(dueOn, today)),
      cadenceDays: (c.cadenceDaysOverride ?? tiers.get(c.tier)?.cadenceDays)!,
      lastTouchpointOn: c.lastTouchpointOn,
      goneQuiet: isGoneQuiet(input, today),
      preferredChannel: c.preferredChannel,
      email: c.email,
      nudge: suggestNudge(nudgeFacts(activity.get(c.id), today)),
      ratio: overdueRatio(input, today),
    });
  }
  items.sort(
    (a, b) =>
      bucketOrder[a.bucket] - bucketOrder[b.bucket] ||
      (a.bucket === 'overdue' ? b.ratio - a.ratio : a.dueOn.localeCompare(b.dueOn)) ||
      a.tier - b.tier ||
      a.creatorName.localeCompare(b.creatorName),
  );
  const renewals: TodayItem[] = (
    await renewalDecisions(db, actor.workspaceId, today, RENEWAL_TODAY_DAYS, {
      ...(scope === 'mine' && actor.userId ? { ownerUserId: actor.userId } : {}),
    })
  ).map((d) => ({
    type: 'renewal_decision',
    bucket: d.pastDue ? 'overdue' : d.date === today ? 'due' : 'upcoming',
    creatorId: d.creatorId,
    creatorName: d.creatorName,
    tier: d.tier,
    ownerUserId: d.ownerUserId,
    ownerName: d.ownerName,
    dueOn: d.date,
    daysOverdue: Math.max(0, -d.daysLeft),
    decision: d.kind,
    agreementId: d.agreementId,
    agreementTitle: d.agreementTitle,
    autoRenew: d.autoRenew,
    renewsOn: d.renewsOn,
  }));
  const pays: TodayItem[] = (
    await paymentsDueSoon(db, actor.workspaceId, today, PAYMENT_TODAY_DAYS, {
      ...(scope === 'mine' && actor.userId ? { ownerUserId: actor.userId } : {}),
    })
  ).map((p) => ({
    type: 'payment',
    bucket: p.dueOn < today ? 'overdue' : p.dueOn === today ? 'due' : 'upcoming',
    paymentId: p.id,
    creatorId: p.creatorId,
    creatorName: p.creatorName,
    tier: p.tier,
    ownerUserId: p.ownerUserId,
    ownerName: p.ownerName,
    dueOn: p.dueOn,
    daysOverdue: Math.max(0, daysBetween(p.dueOn, today)),
    amountMinor: p.amountMinor,
    paidMinor: p.paidMinor,
    currency: p.currency,
    status: p.status,
    agreementId: p.agreementId,
  }));
  // Deliverables not live: due within 7 days, or past due (overdue, shown as missed); one marked
  // missed stays for 7 days after its due date, then leaves Today.
  const dueRows = await ctx.db
    .select({
      d: deliverables,
      creatorName: creators.displayName,
      tier: creators.tier,
      ownerUserId: creators.ownerUserId,
      ownerName: users.name,
    })
    .from(deliverables)
    .innerJoin(
      creators,
      and(eq(creators.id, deliverables.creatorId), eq(creators.workspaceId, deliverables.workspaceId)),
    )
    .leftJoin(users, eq(users.id, creators.ownerUserId))
    .where(
      and(
        eq(deliverables.workspaceId, actor.workspaceId),
        lte(deliverables.dueOn, addDays(today, DELIVERABLE_TODAY_DAYS)),
        or(
          inArray(deliverables.status, ['planned', 'submitted', 'approved']),
          and(
            eq(deliverables.status, 'missed'),
            gte(deliverables.dueOn, addDays(today, -DELIVERABLE_TODAY_DAYS)),
          ),
        ),
        scope === 'mine' && actor.userId ? eq(creators.ownerUserId, actor.userId) : undefined,
      ),
    )
    .orderBy(asc(deliverables.dueOn), asc(creators.displayName), asc(deliverables.id));
  const posts: TodayItem[] = dueRows.map(({ d, ...c }) => {
    const dueOn = d.dueOn!;
    const missed = d.status === 'missed' || dueOn < today;
    return {
      type: 'deliverable',
      bucket: missed ? 'overdue' : dueOn === today ? 'due' : 'upcoming',
      deliverableId: d.id,
      creatorId: d.creatorId,
      creatorName: c.creatorName,
      tier: c.tier,
      ownerUserId: c.ownerUserId,
      ownerName: c.ownerName,
      dueOn,
      daysOverdue: Math.max(0, daysBetween(dueOn, today)),
      deliverableType: d.type,
      platform: d.platform,
      title: d.title,
      status: d.status as 'planned' | 'submitted' | 'approved' | 'missed',
      missed,
      agreementId: d.agreementId,
      campaignId: d.campaignId,
    };
  });
  const checkIns: TodayItem[] = items.map(({ ratio: _r, ...i }) => i);
  // Within each bucket: renewal decisions (by date), payments (by due date), deliverables (by due
  // date), then check-ins.
  const merged = (['overdue', 'due', 'upcoming'] as const).flatMap((b) => [
    ...renewals.filter((r) => r.bucket === b),
    ...pays.filter((p) => p.bucket === b),
    ...posts.filter((p) => p.bucket === b),
    ...checkIns.filter((c) => c.bucket === b),
  ]);
  // Promotion, review and alumni suggestions (docs/selection.md): the first few, for my creators or the team's.
  const suggestions = (
    await computeSuggestions(
      db,
      actor.workspaceId,
      today,
      scope === 'mine' && actor.userId ? actor.userId : undefined,
    )
  ).slice(0, TODAY_SUGGESTIONS);
  return { date: today, items: merged, snoozed, suggestions };
}
