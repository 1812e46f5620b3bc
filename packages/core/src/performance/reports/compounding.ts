import type { CompoundingReport, ReportQuery } from '@evergreen/contracts';
import { type Db, queryRows } from '@evergreen/db';
import { sql } from 'drizzle-orm';
import type { ActorCtx } from '../../shared/context.ts';
import { reportScope } from './common.ts';
import { meanRate, rate6 } from './measures.ts';
import type { Period } from './period.ts';
import { liftOver } from './stats.ts';

/** Ordinals 1…12 each, then one bucket for 13 and later. */
export const CURVE_BUCKETS = 13;

/**
 * Engagement rate by sponsored-post ordinal over the sponsored live posts posted in the period
 * (the ordinal itself counts all of the creator's posts, ever): posts, creators, the mean of
 * per-post rates, and the lift over post 1 = mean(n) ÷ mean(1) − 1.
 */
export async function compoundingCurve(
  db: Db,
  ws: string,
  period: Period,
  creatorId?: string,
): Promise<CompoundingReport['points']> {
  const only = creatorId ? sql`and d.creator_id = ${creatorId}` : sql``;
  const rows = await queryRows<{
    b: number;
    posts: number;
    creators: number;
    rated: number;
    mean: string | null;
  }>(
    db,
    sql`select least(d.ordinal, ${CURVE_BUCKETS})::int as b, count(*)::int as posts,
        count(distinct d.creator_id)::int as creators,
        (count(*) filter (where d.latest_basis > 0))::int as rated,
        ${meanRate('d.latest_engagements', 'd.latest_basis')} as mean
      from deliverables d
      where d.workspace_id = ${ws} and d.ordinal is not null
        and d.posted_at >= ${period.start}::timestamptz and d.posted_at < ${period.end}::timestamptz ${only}
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
  return {
    period: { from: period.from, to: period.to },
    creatorId: creatorId ?? null,
    points: await compoundingCurve(ctx.db, ws, period, creatorId),
  };
}
