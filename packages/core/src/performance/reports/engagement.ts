import type { EngagementReport, ReportQuery } from '@evergreen/contracts';
import { queryRows } from '@evergreen/db';
import { sql } from 'drizzle-orm';
import type { ActorCtx } from '../../shared/context.ts';
import { groupCtes, groupLabel, postIsPartner } from './classify.ts';
import { reportScope } from './common.ts';
import { meanRate, rate6 } from './measures.ts';

type Row = EngagementReport['rows'][number];

/**
 * Day-1, day-7 and latest engagement rates (means of per-post rates) of the sponsored live
 * posts posted in the period: over all of them and per group (partnership vs one-off).
 */
export async function getEngagementReport(ctx: ActorCtx, q: ReportQuery): Promise<EngagementReport> {
  const { ws, period, creatorId } = await reportScope(ctx, q);
  const only = creatorId ? sql`and d.creator_id = ${creatorId}` : sql``;
  const rows = await queryRows<{
    g: string;
    posts: number;
    latest: string | null;
    d1: string | null;
    d7: string | null;
    nl: number;
    n1: number;
    n7: number;
  }>(
    ctx.db,
    sql`with ${groupCtes(ws)},
      p as (
        select ${groupLabel(postIsPartner('d'))} as g, d.latest_engagements, d.latest_basis,
          d.day1_engagements, d.day1_basis, d.day7_engagements, d.day7_basis
        from deliverables d
        where d.workspace_id = ${ws} and d.ordinal is not null
          and d.posted_at >= ${period.start}::timestamptz and d.posted_at < ${period.end}::timestamptz ${only}
      )
      select coalesce(g, 'all') as g, count(*)::int as posts,
        ${meanRate('latest_engagements', 'latest_basis')} as latest,
        ${meanRate('day1_engagements', 'day1_basis')} as d1,
        ${meanRate('day7_engagements', 'day7_basis')} as d7,
        (count(*) filter (where latest_basis > 0))::int as nl,
        (count(*) filter (where day1_basis > 0))::int as n1,
        (count(*) filter (where day7_basis > 0))::int as n7
      from p group by grouping sets ((g), ())`,
  );
  const at = new Map(rows.map((r) => [r.g, r]));
  const row = (group: Row['group']): Row => {
    const r = at.get(group);
    return {
      group,
      posts: Number(r?.posts ?? 0),
      latestRate: rate6(r?.latest),
      day1Rate: rate6(r?.d1),
      day7Rate: rate6(r?.d7),
      latestPosts: Number(r?.nl ?? 0),
      day1Posts: Number(r?.n1 ?? 0),
      day7Posts: Number(r?.n7 ?? 0),
    };
  };
  return {
    period: { from: period.from, to: period.to },
    creatorId: creatorId ?? null,
    rows: [row('all'), row('partnership'), row('one_off')],
  };
}
