import type { ConversionLagReport, LagSummary, ReportQuery } from '@evergreen/contracts';
import { type Db, queryRows } from '@evergreen/db';
import { type SQL, sql } from 'drizzle-orm';
import type { ActorCtx } from '../../shared/context.ts';
import { COUNTED } from '../facts.ts';
import { groupCtes } from './classify.ts';
import { reportScope, withReportMemory } from './common.ts';
import { type Period, periodSpans } from './period.ts';
import { ratioString, secondsToDays } from './stats.ts';

/** 48 hours in seconds: an order at exactly 48 h counts as within. */
export const WITHIN_SECONDS = 48 * 3600;
/** Histogram buckets: whole days 0…29, then 30 and later. */
export const LAG_DAYS = 30;
/** The last lag bucket within 48 h (bucket 48 is exactly 172,800 s; migration 0021). */
const LAST_WITHIN_BUCKET = 48;

/**
 * The statement behind the report. Everything is computed in the database from
 * `creator_lag_facts` (orders by creator, UTC day/month and lag bucket, with the sum of their
 * lags; kept by triggers on orders, migration 0021), so its cost follows the number of creators,
 * months and buckets, not the number of orders:
 *
 * - `cb`: per creator and bucket, the orders of the period and Σ lag, and the group. A creator with
 *   a 3rd post is a partner (all their orders), one without an annual/retainer agreement is not;
 *   for the few creators with such an agreement and fewer than 3 posts the group depends on the
 *   order's post, so their orders of the period are read from `orders_creator_idx` instead.
 * - `sets`: the same per set (each creator, each group, all).
 * - percentiles: percentile_cont's positions p = f × (n − 1), ⌊p⌋ and ⌈p⌉ (from 0), located in
 *   the buckets by running counts. Inside a bucket of c orders the values are taken as spread
 *   evenly, one bucket-width ÷ c apart, centred on the bucket's mean lag and held inside the
 *   bucket: a bucket with one order gives its lag exactly. Then the linear interpolation
 *   percentile_cont makes between the two values.
 */
function lagStatement(
  ws: string,
  period: Period,
  opts: { creatorId?: string | undefined; perCreator: boolean; groups: boolean },
): SQL {
  const only = (col: string) => (opts.creatorId ? sql`and ${sql.raw(col)} = ${opts.creatorId}::uuid` : sql``);
  const facts = sql.join(
    periodSpans(period).map(
      (s) => sql`select f.creator_id, f.bucket, f.orders, f.lag_sum from creator_lag_facts f
        where f.workspace_id = ${ws} and f.grain = ${s.grain}
          and f.starts_on >= ${s.lo}::date and f.starts_on < ${s.hi}::date ${only('f.creator_id')}`,
    ),
    sql` union all `,
  );
  // Creators whose orders' group depends on the order's post (none without groups).
  const mixed = opts.groups
    ? sql`select creator_id from pac where creator_id not in (select creator_id from many)`
    : sql`select null::uuid as creator_id where false`;
  const partnerPosts = sql`(select d2.id from deliverables d2 where d2.workspace_id = ${ws}
    and d2.agreement_id in (select id from pag))`;
  const isPartner = opts.groups ? sql`fc.c in (select creator_id from many)` : sql`false`;
  const perCreator = opts.perCreator
    ? sql`select 'c:' || c as k, c, b, sum(n)::int as n, sum(s) as s from cb group by c, b union all`
    : sql``;
  return sql`with ${groupCtes(ws)},
    mixed as (${mixed}),
    f as (${facts}),
    fc as (
      select creator_id as c, bucket as b, sum(orders)::int as n, sum(lag_sum)::float8 as s
      from f where creator_id not in (select creator_id from mixed)
      group by 1, 2 having sum(orders) > 0
    ),
    r as (
      select o.attributed_creator_id as c, lag_bucket(o.lag_seconds) as b,
        coalesce(o.attributed_deliverable_id in ${partnerPosts}, false) as a,
        count(*)::int as n, sum(o.lag_seconds)::float8 as s
      from orders o
      where o.workspace_id = ${ws} and o.attributed_creator_id in (select creator_id from mixed)
        and ${COUNTED()} and o.lag_seconds is not null
        and o.ordered_at >= ${period.start}::timestamptz and o.ordered_at < ${period.end}::timestamptz
        ${only('o.attributed_creator_id')}
      group by 1, 2, 3
    ),
    cb as (
      select fc.c, fc.b, ${isPartner} as a, fc.n, fc.s from fc
      union all select c, b, a, n, s from r
    ),
    sets (k, c, b, n, s) as materialized (
      ${perCreator}
      select case when a then 'p' else 'o' end, null::uuid, b, sum(n)::int, sum(s) from cb group by a, b
      union all select 'all', null::uuid, b, sum(n)::int, sum(s) from cb group by b
    ),
    x as (
      select k, b, n, s, (sum(n) over (partition by k order by b) - n)::float8 as before,
        sum(n) over (partition by k) as total
      from sets
    ),
    ranks as (
      select q.k, v.f, v.f * (q.total - 1) as p, rk.r
      from (select distinct k, total from x) q
      cross join (values (0.5::float8), (0.9::float8)) v(f)
      cross join lateral (values (floor(v.f * (q.total - 1))), (ceil(v.f * (q.total - 1)))) rk(r)
    ),
    vals as (
      select rk.k, rk.f, rk.p, rk.r,
        least(greatest(
          x.s / x.n + (rk.r - x.before - (x.n - 1) / 2.0::float8)
            * coalesce(lag_bucket_hi(x.b) - lag_bucket_lo(x.b), 0)::float8 / x.n,
          lag_bucket_lo(x.b)::float8), coalesce((lag_bucket_hi(x.b) - 1)::float8, 'infinity'::float8)) as v
      from ranks rk join x on x.k = rk.k and rk.r >= x.before and rk.r < x.before + x.n
    ),
    pct as (
      select k, f, case when ceil(p) > floor(p)
          then min(v) filter (where r = floor(p)) + (p - floor(p)) * (min(v) filter (where r = ceil(p)) - min(v) filter (where r = floor(p)))
          else min(v) end as v
      from vals group by k, f, p
    ),
    hist as (
      select s.k, array_agg(coalesce(h.n, 0) order by g.d)::int[] as h
      from (values ('all'), ('p'), ('o')) s(k)
      cross join generate_series(0, ${LAG_DAYS}) g(d)
      left join (
        select k, lag_bucket_day(b) as d, sum(n)::int as n from sets where k in ('all', 'p', 'o') group by 1, 2
      ) h on h.k = s.k and h.d = g.d
      group by s.k
    )
    select t.k, t.c::text as c, cr.display_name as name, t.orders, t.within,
      m.v as med, p9.v as p90, hist.h
    from (
      select k, min(c::text)::uuid as c, sum(n)::int as orders,
        coalesce(sum(n) filter (where b <= ${LAST_WITHIN_BUCKET}), 0)::int as within
      from sets group by k
    ) t
    left join creators cr on cr.workspace_id = ${ws} and cr.id = t.c
    left join pct m on m.k = t.k and m.f = 0.5
    left join pct p9 on p9.k = t.k and p9.f = 0.9
    left join hist on hist.k = t.k`;
}

type LagFigures = Omit<LagSummary, 'histogram'>;

interface LagRow {
  k: string;
  c: string | null;
  name: string | null;
  orders: number;
  within: number;
  med: number | null;
  p90: number | null;
  h: number[] | null;
}

const figuresOf = (r: LagRow | undefined): LagFigures => {
  const n = Number(r?.orders ?? 0);
  const w = Number(r?.within ?? 0);
  return {
    orders: n,
    within48h: w,
    within48hShare: ratioString(w, n, 6),
    medianDays: n ? secondsToDays(r?.med ?? null) : null,
    p90Days: n ? secondsToDays(r?.p90 ?? null) : null,
  };
};

const summaryOf = (r: LagRow | undefined): LagSummary => ({
  ...figuresOf(r),
  histogram: Array.from({ length: LAG_DAYS + 1 }, (_, d) => ({
    day: d === LAG_DAYS ? `${LAG_DAYS}+` : String(d),
    orders: Number(r?.h?.[d] ?? 0),
  })),
});

/**
 * The conversion lag of the period: overall, per group and (when asked) per creator, in one
 * statement over `creator_lag_facts` ({@link lagStatement}). Counts, the share within 48 h and
 * the histogram are exact; the median and p90 are exact where the orders around their rank are
 * alone in their lag bucket, and otherwise within that bucket's width (an hour in the first two
 * days, a day up to 30 days; docs/performance.md, "Conversion lag").
 */
export async function lagSummaries(
  db: Db,
  ws: string,
  period: Period,
  opts: { creatorId?: string | undefined; perCreator: boolean; groups?: boolean },
): Promise<Omit<ConversionLagReport, 'period' | 'creatorId'>> {
  const groups = opts.groups !== false;
  const rows = await withReportMemory(db, (tx) =>
    queryRows<LagRow>(tx, lagStatement(ws, period, { ...opts, groups })),
  );
  const byKey = new Map(rows.map((r) => [r.k, r]));
  const creators: ConversionLagReport['creators'] = rows
    .filter((r) => r.k.startsWith('c:') && r.c)
    .map((r) => ({ creatorId: r.c!, name: r.name ?? '', ...figuresOf(r) }));
  return {
    overall: summaryOf(byKey.get('all')),
    partnership: summaryOf(groups ? byKey.get('p') : undefined),
    oneOff: summaryOf(groups ? byKey.get('o') : undefined),
    creators: creators.sort(
      (a, b) => a.name.localeCompare(b.name, 'en') || a.creatorId.localeCompare(b.creatorId),
    ),
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
