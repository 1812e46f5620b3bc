import type { ConversionLagReport, LagSummary, ReportQuery } from '@evergreen/contracts';
import { type Db, queryRows } from '@evergreen/db';
import { type SQL, sql } from 'drizzle-orm';
import type { ActorCtx } from '../../shared/context.ts';
import { groupCtes, groupLabel } from './classify.ts';
import { reportScope, withReportMemory } from './common.ts';
import type { Period } from './period.ts';
import { ratioString, secondsToDays } from './stats.ts';

/** 48 hours in seconds: an order at exactly 48 h counts as within. */
export const WITHIN_SECONDS = 48 * 3600;
/** Histogram buckets: whole days 0…29, then 30 and later. */
export const LAG_DAYS = 30;

/**
 * Attributed orders placed in the period that have a post before them (lag known), with the
 * group of that post (`withGroups`; else every order is in group 'all'). The post's group needs
 * no join: its creator has a post 3, or the post is under an annual/retainer agreement.
 */
const lagOrders = (ws: string, period: Period, creatorId: string | undefined, withGroups: boolean): SQL => {
  const partnerPosts = sql`(select d2.id from deliverables d2 where d2.workspace_id = ${ws}
    and d2.agreement_id in (select a.id from agreements a where a.workspace_id = ${ws} and a.type in ('annual', 'retainer')))`;
  const g = withGroups
    ? groupLabel(sql`(o.attributed_creator_id in (select creator_id from many)
        or coalesce(o.attributed_deliverable_id in ${partnerPosts}, false))`)
    : sql`'all'`;
  return sql`${groupCtes(ws)},
  o as (
    select o.attributed_creator_id as c, o.lag_seconds as s, ${g} as g
    from orders o
    where o.workspace_id = ${ws} and o.attributed_creator_id is not null and o.lag_seconds is not null
      and o.ordered_at >= ${period.start}::timestamptz and o.ordered_at < ${period.end}::timestamptz
      ${creatorId ? sql`and o.attributed_creator_id = ${creatorId}` : sql``}
  )`;
};

interface SummaryRow {
  /** 'all', 'group' or 'creator'. */
  kind: string;
  g: string | null;
  c: string | null;
  name: string | null;
  n: number;
  w: number;
  med: number | string | null;
  p90: number | string | null;
}

const summaryOf = (r: SummaryRow | undefined, histogram: LagSummary['histogram']): LagSummary => ({
  orders: Number(r?.n ?? 0),
  within48h: Number(r?.w ?? 0),
  within48hShare: r ? ratioString(r.w, r.n, 6) : null,
  // percentile_cont interpolates linearly between the two nearest lags (in seconds; days = s / 86400).
  medianDays: secondsToDays(r?.med ?? null),
  p90Days: secondsToDays(r?.p90 ?? null),
  histogram,
});

export async function lagSummaries(
  db: Db,
  ws: string,
  period: Period,
  opts: { creatorId?: string | undefined; perCreator: boolean; groups?: boolean },
): Promise<Omit<ConversionLagReport, 'period' | 'creatorId'>> {
  // GROUPING() only takes columns that some grouping set names.
  const sets = opts.perCreator ? sql`(), (g), (c)` : sql`(), (g)`;
  const creatorKind = opts.perCreator ? sql`when grouping(c) = 0 then 'creator'` : sql``;
  const creatorCol = opts.perCreator ? sql`c` : sql`null::uuid as c`;
  // One statement: the orders CTE is read once (materialized) and feeds both the summaries and
  // the histogram; sorts for the percentiles get enough memory to stay off disk.
  const rows = await withReportMemory(db, (tx) =>
    queryRows<SummaryRow & { day: number | null }>(
      tx,
      sql`with ${lagOrders(ws, period, opts.creatorId, opts.groups !== false)},
      s as (
        select case when grouping(g) = 0 then 'group' ${creatorKind} else 'all' end as kind,
          g, ${creatorCol}, count(*)::int as n, (count(*) filter (where s <= ${WITHIN_SECONDS}))::int as w,
          percentile_cont(0.5) within group (order by s) as med,
          percentile_cont(0.9) within group (order by s) as p90
        from o group by grouping sets (${sets})
      ),
      h as (
        select g, day, count(*)::int as n
        from (select g, least(s / 86400, ${LAG_DAYS})::int as day from o) x
        group by grouping sets ((g, day), (day))
      )
      select s.kind, s.g, s.c::text as c, cr.display_name as name, s.n, s.w, s.med, s.p90, null::int as day
      from s left join creators cr on cr.workspace_id = ${ws} and cr.id = s.c
      union all
      select 'bucket', h.g, null, null, h.n, 0, null, null, h.day from h`,
    ),
  );
  const summaries = rows.filter((r) => r.kind !== 'bucket');
  const buckets = rows.filter((r) => r.kind === 'bucket');
  const histogram = (g: string | null): LagSummary['histogram'] => {
    const at = new Map(buckets.filter((b) => b.g === g).map((b) => [Number(b.day), Number(b.n)]));
    return Array.from({ length: LAG_DAYS + 1 }, (_, d) => ({
      day: d === LAG_DAYS ? `${LAG_DAYS}+` : String(d),
      orders: at.get(d) ?? 0,
    }));
  };
  const find = (kind: string, g: string | null = null) =>
    summaries.find((s) => s.kind === kind && (g === null || s.g === g));
  const creators = summaries
    .filter((s) => s.kind === 'creator' && s.c)
    .map((s) => ({
      creatorId: s.c!,
      name: s.name ?? '',
      orders: Number(s.n),
      within48h: Number(s.w),
      within48hShare: ratioString(s.w, s.n, 6),
      medianDays: secondsToDays(s.med),
      p90Days: secondsToDays(s.p90),
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en') || a.creatorId.localeCompare(b.creatorId));
  return {
    overall: summaryOf(find('all'), histogram(null)),
    partnership: summaryOf(find('group', 'partnership'), histogram('partnership')),
    oneOff: summaryOf(find('group', 'one_off'), histogram('one_off')),
    creators,
  };
}

/** Lag from post to attributed order: share within 48 h, median and 90th percentile, histogram by day. */
export async function getConversionLagReport(ctx: ActorCtx, q: ReportQuery): Promise<ConversionLagReport> {
  const { ws, period, creatorId } = await reportScope(ctx, q);
  return {
    period: { from: period.from, to: period.to },
    creatorId: creatorId ?? null,
    ...(await lagSummaries(ctx.db, ws, period, { creatorId, perCreator: true })),
  };
}
