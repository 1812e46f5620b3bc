import type { CompoundingGroup, CompoundingReport, ReportQuery } from '@evergreen/contracts';
import { type Db, queryRows } from '@evergreen/db';
import { sql } from 'drizzle-orm';
import type { ActorCtx } from '../../shared/context.ts';
import { groupCtes, postIsPartner } from './classify.ts';
import { reportScope } from './common.ts';
import { meanRate, rate6 } from './measures.ts';
import type { Period } from './period.ts';
import { liftOver } from './stats.ts';

/** Ordinals 1…12 each, then one bucket for 13 and later. */
export const CURVE_BUCKETS = 13;

/**
 * Engagement rate by sponsored-post ordinal over the sponsored live posts posted in the period
 * (the ordinal itself counts all of the creator's posts, ever): posts, creators, the mean of
 * per-post rates, and the lift over post 1 = mean(n) ÷ mean(1) − 1. `group` keeps partnership
 * posts or one-off posts only (classify.ts): a one-off creator's single post is their post 1, and
 * mixed into the partnerships' post 1 it hides the partnerships' own lift.
 */
export async function compoundingCurve(
  db: Db,
  ws: string,
  period: Period,
  creatorId?: string,
  group: CompoundingGroup = 'all',
): Promise<CompoundingReport['points']> {
  const only = creatorId ? sql`and d.creator_id = ${creatorId}` : sql``;
  const inGroup =
    group === 'all'
      ? sql``
      : group === 'partnership'
        ? sql`and ${postIsPartner('d')}`
        : sql`and not ${postIsPartner('d')}`;
  const ctes = group === 'all' ? sql`` : sql`with ${groupCtes(ws)} `;
  const rows = await queryRows<{
    b: number;
    posts: number;
    creators: number;
    rated: number;
    mean: string | null;
  }>(
    db,
    sql`${ctes}select least(d.ordinal, ${CURVE_BUCKETS})::int as b, count(*)::int as posts,
        count(distinct d.creator_id)::int as creators,
        (count(*) filter (where d.latest_basis > 0))::int as rated,
        ${meanRate('d.latest_engagements', 'd.latest_basis')} as mean
      from deliverables d
      where d.workspace_id = ${ws} and d.ordinal is not null
        and d.posted_at >= ${period.start}::timestamptz and d.posted_at < ${period.end}::timestamptz ${only} ${inGroup}
      group by 1`,
  );
  const at = new Map(rows.map((r) => [Number(r.b), r]));
  const base = at.get(1)?.mean ?? null;
  return Array.from({ length: CURVE_BUCKETS }, (_, i) => {
    const n = i + 1;
    const r = at.get(n);
    const mean = r?.mean ?? null;
    return {
      ordinal: n,
      label: n === CURVE_BUCKETS ? `${CURVE_BUCKETS}+` : String(n),
      posts: Number(r?.posts ?? 0),
      creators: Number(r?.creators ?? 0),
      ratedPosts: Number(r?.rated ?? 0),
      engagementRate: rate6(mean),
      lift: liftOver(mean, base, 6),
    };
  });
}

export async function getCompoundingReport(ctx: ActorCtx, q: ReportQuery): Promise<CompoundingReport> {
  const { ws, period, creatorId } = await reportScope(ctx, q);
  // The roster's curve is the partnerships' by default; one creator's curve is all their posts.
  const group = q.group ?? (creatorId ? 'all' : 'partnership');
  return {
    period: { from: period.from, to: period.to },
    creatorId: creatorId ?? null,
    group,
    points: await compoundingCurve(ctx.db, ws, period, creatorId, group),
  };
}
