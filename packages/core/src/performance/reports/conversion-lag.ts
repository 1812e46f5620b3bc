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
  med: number | null;
  p90: number | null;
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

/** Lag buckets for the exact percentiles of large sets: whole hours (s / 3600). */
const BUCKET_SECONDS = 3600;
const PERCENTILES = [0.5, 0.9] as const;

/** One set's lag counts by hour bucket, ascending. */
type Buckets = { hr: number; n: number }[];

/**
 * The sorted positions percentile_cont(f) reads for n values: p = f × (n − 1) in double
 * precision, then ⌊p⌋ and ⌈p⌉ (from 0), as PostgreSQL computes them.
 */
export const percentilePositions = (f: number, n: number) => {
  const p = f * (n - 1);
  return { p, lo: Math.floor(p), hi: Math.ceil(p) };
};

/**
 * percentile_cont's value from the two values at ⌊p⌋ and ⌈p⌉: PostgreSQL's float8_lerp,
 * lo + (p − ⌊p⌋) × (hi − lo) in double precision, or the value itself when ⌊p⌋ = ⌈p⌉.
 */
export const percentileLerp = (f: number, n: number, lo: number, hi: number): number => {
  const pos = percentilePositions(f, n);
  return pos.hi > pos.lo ? lo + (pos.p - pos.lo) * (hi - lo) : lo;
};

/** The hour bucket holding the value at sorted position `rank`, and the count of values before it. */
function bucketOf(buckets: Buckets, rank: number): { hr: number; before: number } {
  let before = 0;
  for (const b of buckets) {
    if (rank < before + b.n) return { hr: b.hr, before };
    before += b.n;
  }
  throw new Error(`lag rank ${rank} out of range`);
}

export async function lagSummaries(
  db: Db,
  ws: string,
  period: Period,
  opts: { creatorId?: string | undefined; perCreator: boolean; groups?: boolean },
): Promise<Omit<ConversionLagReport, 'period' | 'creatorId'>> {
  const groups = opts.groups !== false;
  const lags = lagOrders(ws, period, opts.creatorId, groups);
  const hour = sql.raw(String(BUCKET_SECONDS));
  // Both statements read one snapshot (repeatable read): the second one relies on the counts of
  // the first.
  const { rows, exact } = await withReportMemory(
    db,
    async (tx) => {
      // 1. Per creator (when asked): counts and percentile_cont, one streaming aggregate over the
      //    index's creator order (each creator's lags are few, so their sorts are cheap). And
      //    the lags counted by group and hour bucket (a hash of a few thousand rows): the
      //    all-orders and group counts, the histogram by day, and where each needed rank lies.
      const rows = await queryRows<{
        c: string | null;
        name: string | null;
        g: boolean | null;
        hr: number | null;
        n: number;
        w: number;
        pc: (number | string)[] | null;
      }>(
        tx,
        sql`with ${lags}
        ${
          opts.perCreator
            ? sql`select o.c::text as c, cr.display_name as name, null::boolean as g, null::bigint as hr, o.n, o.w, o.pc
        from (
          select c, count(*)::int as n, (count(*) filter (where s <= ${WITHIN_SECONDS}))::int as w,
            percentile_cont(array[0.5, 0.9]) within group (order by s) as pc
          from o group by c
        ) o left join creators cr on cr.workspace_id = ${ws} and cr.id = o.c
        union all`
            : sql``
        }
        select null::text as c, null::text as name, g, s / ${hour} as hr, count(*)::int as n,
          (count(*) filter (where s <= ${WITHIN_SECONDS}))::int as w, null::float8[] as pc
        from o group by g, s / ${hour}`,
      );
      // 2. The exact percentiles of all orders and of each group, without sorting every lag:
      //    the values at the positions percentile_cont reads lie in a few hour buckets, and only
      //    those buckets' lags are fetched (and sorted here).
      const hours = rows.filter((r) => r.hr !== null);
      const setBuckets = (g: boolean | null): Buckets => {
        const byHr = new Map<number, number>();
        for (const r of hours) {
          if (g !== null && r.g !== g) continue;
          byHr.set(Number(r.hr), (byHr.get(Number(r.hr)) ?? 0) + Number(r.n));
        }
        return [...byHr.entries()].sort((a, b) => a[0] - b[0]).map(([hr, n]) => ({ hr, n }));
      };
      const sets = (groups ? [null, true, false] : [null]).map((g) => {
        const buckets = setBuckets(g);
        const n = buckets.reduce((t, b) => t + b.n, 0);
        const ranks = n
          ? PERCENTILES.flatMap((f) => {
              const { lo, hi } = percentilePositions(f, n);
              return [lo, hi];
            }).map((rank) => ({ rank, ...bucketOf(buckets, rank) }))
          : [];
        return { g, n, ranks };
      });
      const needed = [...new Set(sets.flatMap((s) => s.ranks.map((r) => r.hr)))];
      const fetched = needed.length
        ? await queryRows<{ g: boolean; hr: number; s: number | string }>(
            tx,
            sql`with ${lags}
            select g, s / ${hour} as hr, s::float8 as s from o
            where s / ${hour} in (${sql.join(
              needed.map((h) => sql`${h}`),
              sql`, `,
            )})`,
          )
        : [];
      const exact = new Map<boolean | null, SummaryRow>();
      for (const set of sets) {
        if (!set.n) continue;
        const valueAt = (r: { rank: number; hr: number; before: number }) => {
          const inBucket = fetched
            .filter((f) => Number(f.hr) === r.hr && (set.g === null || f.g === set.g))
            .map((f) => Number(f.s))
            .sort((a, b) => a - b);
          const v = inBucket[r.rank - r.before];
          if (v === undefined) throw new Error(`lag rank ${r.rank} not found`);
          return v;
        };
        const [p = null, q = null] = PERCENTILES.map((f, i) =>
          percentileLerp(f, set.n, valueAt(set.ranks[2 * i]!), valueAt(set.ranks[2 * i + 1]!)),
        );
        const w = hours.filter((r) => set.g === null || r.g === set.g).reduce((t, r) => t + Number(r.w), 0);
        exact.set(set.g, { n: set.n, w, med: p, p90: q });
      }
      return { rows, exact };
    },
    { snapshot: true },
  );
  const histogram = (g: boolean | null): LagSummary['histogram'] => {
    const counts = new Map<number, number>();
    for (const b of rows) {
      if (b.hr === null || (g !== null && b.g !== g)) continue;
      // ⌊s / 86400⌋ = ⌊⌊s / 3600⌋ / 24⌋ (lags are not negative; s / 3600 truncates).
      const day = Math.min(Math.trunc(Number(b.hr) / 24), LAG_DAYS);
      counts.set(day, (counts.get(day) ?? 0) + Number(b.n));
    }
    return Array.from({ length: LAG_DAYS + 1 }, (_, d) => ({
      day: d === LAG_DAYS ? `${LAG_DAYS}+` : String(d),
      orders: counts.get(d) ?? 0,
    }));
  };
  const at = (p: (number | string)[] | null | undefined, i: number) => p?.[i] ?? null;
  const creators = rows
    .filter((s) => s.hr === null && s.c !== null)
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
    overall: summaryOf(exact.get(null), histogram(null)),
    partnership: summaryOf(groups ? exact.get(true) : undefined, histogram(true)),
    oneOff: summaryOf(groups ? exact.get(false) : undefined, histogram(false)),
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
