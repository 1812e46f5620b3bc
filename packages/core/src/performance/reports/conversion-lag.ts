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
 * Attributed orders placed in the period that have a post before them (lag known), as
 * c (creator), s (lag in seconds) and g (true when the order is in the partnership group; false
 * for every order without `withGroups`). The post's group needs no join: its creator has a post 3,
 * or the post is under an annual/retainer agreement. Not materialized: each use reads the orders'
 * creator-first covering index again (index-only, in creator order), which costs less than
 * writing 300,000 rows to a tuple store and reading them back.
 */
const lagOrders = (ws: string, period: Period, creatorId: string | undefined, withGroups: boolean): SQL => {
  const partnerPosts = sql`(select d2.id from deliverables d2 where d2.workspace_id = ${ws}
    and d2.agreement_id in (select a.id from agreements a where a.workspace_id = ${ws} and a.type in ('annual', 'retainer')))`;
  const g = withGroups
    ? sql`(o.attributed_creator_id in (select creator_id from many)
        or coalesce(o.attributed_deliverable_id in ${partnerPosts}, false))`
    : sql`false`;
  return sql`${groupCtes(ws)},
  o as not materialized (
    select o.attributed_creator_id as c, o.lag_seconds as s, ${g} as g
    from orders o
    where o.workspace_id = ${ws} and o.attributed_creator_id is not null and o.lag_seconds is not null
      and o.ordered_at >= ${period.start}::timestamptz and o.ordered_at < ${period.end}::timestamptz
      ${creatorId ? sql`and o.attributed_creator_id = ${creatorId}` : sql``}
  )`;
};

interface SummaryRow {
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
  const groups = opts.groups !== false;
  // percentile_cont with an array of fractions sorts each set's lags once for both percentiles.
  const pc = (filter: SQL) => sql`percentile_cont(array[0.5, 0.9]) within group (order by s) ${filter}`;
  // Per creator (when asked) and over all orders in one streaming aggregate over the index's
  // creator order: `rollup (c)` adds the all-orders row (c null) to the creators' rows. The
  // group summaries are filtered aggregates of that same pass (on the creators' rows they are
  // computed too, and not used).
  const groupBy = opts.perCreator ? sql`group by rollup (c)` : sql``;
  const creatorCol = opts.perCreator ? sql`c` : sql`null::uuid`;
  const rows = await withReportMemory(db, (tx) =>
    queryRows<{
      c: string | null;
      /** Histogram rows: 'partnership' or 'one_off'. */
      g: string | null;
      name: string | null;
      n: number;
      w: number;
      pc: (number | string)[] | null;
      gn: number;
      gw: number;
      gpc: (number | string)[] | null;
      opc: (number | string)[] | null;
      day: number | null;
    }>(
      tx,
      sql`with ${lagOrders(ws, period, opts.creatorId, groups)},
      s as (
        select ${creatorCol} as c, count(*)::int as n, (count(*) filter (where s <= ${WITHIN_SECONDS}))::int as w,
          ${pc(sql``)} as pc,
          (count(*) filter (where g))::int as gn, (count(*) filter (where g and s <= ${WITHIN_SECONDS}))::int as gw,
          ${pc(sql`filter (where g)`)} as gpc, ${pc(sql`filter (where not g)`)} as opc
        from o ${groupBy}
      ),
      -- The histogram by group and day (all orders = the sum of the two groups).
      h as (
        select g, least(s / 86400, ${LAG_DAYS})::int as day, count(*)::int as n from o group by 1, 2
      )
      select s.c::text as c, null as g, cr.display_name as name, s.n, s.w, s.pc, s.gn, s.gw, s.gpc, s.opc,
        null::int as day
      from s left join creators cr on cr.workspace_id = ${ws} and cr.id = s.c
      union all
      select null, case when h.g then 'partnership' else 'one_off' end, null, h.n, 0, null, 0, 0, null, null, h.day
      from h`,
    ),
  );
  const buckets = rows.filter((r) => r.day !== null);
  const all = rows.find((r) => r.day === null && r.c === null);
  const at = (p: (number | string)[] | null | undefined, i: number) => p?.[i] ?? null;
  // A set with no orders has no summary (a group: a count of 0).
  const set = (n: number, w: number, p: (number | string)[] | null): SummaryRow | undefined =>
    Number(n) > 0 ? { n: Number(n), w: Number(w), med: at(p, 0), p90: at(p, 1) } : undefined;
  const gn = Number(all?.gn ?? 0);
  const gw = Number(all?.gw ?? 0);
  const overall = all && set(all.n, all.w, all.pc);
  const partnership = all && groups ? set(gn, gw, all.gpc) : undefined;
  const oneOff = all && groups ? set(Number(all.n) - gn, Number(all.w) - gw, all.opc) : undefined;
  const histogram = (g: string | null): LagSummary['histogram'] => {
    const counts = new Map<number, number>();
    for (const b of buckets) {
      if (g !== null && b.g !== g) continue;
      counts.set(Number(b.day), (counts.get(Number(b.day)) ?? 0) + Number(b.n));
    }
    return Array.from({ length: LAG_DAYS + 1 }, (_, d) => ({
      day: d === LAG_DAYS ? `${LAG_DAYS}+` : String(d),
      orders: counts.get(d) ?? 0,
    }));
  };
  const creators = rows
    .filter((s) => s.day === null && s.c !== null)
    .map((s) => ({
      creatorId: s.c!,
      name: s.name ?? '',
      orders: Number(s.n),
      within48h: Number(s.w),
      within48hShare: ratioString(s.w, s.n, 6),
      medianDays: secondsToDays(at(s.pc, 0)),
      p90Days: secondsToDays(at(s.pc, 1)),
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en') || a.creatorId.localeCompare(b.creatorId));
  return {
    overall: summaryOf(overall, histogram(null)),
    partnership: summaryOf(partnership, histogram('partnership')),
    oneOff: summaryOf(oneOff, histogram('one_off')),
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
