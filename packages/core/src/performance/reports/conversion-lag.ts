import type { ConversionLagReport, LagSummary, ReportQuery } from '@evergreen/contracts';
import { type Db, queryRows } from '@evergreen/db';
import { type SQL, sql } from 'drizzle-orm';
import type { ActorCtx } from '../../shared/context.ts';
import { COUNTED } from '../facts.ts';
import { groupCtes } from './classify.ts';
import { reportScope, withReportMemory } from './common.ts';
import type { Period } from './period.ts';
import { ratioString, secondsToDays } from './stats.ts';

/** 48 hours in seconds: an order at exactly 48 h counts as within. */
export const WITHIN_SECONDS = 48 * 3600;
/** Histogram buckets: whole days 0…29, then 30 and later. */
export const LAG_DAYS = 30;

/**
 * Attributed orders placed in the period that have a post before them (lag known), as
 * c (creator), s (lag in seconds) and a (true when the post is under an annual/retainer
 * agreement; false for every order without `withGroups`). The other half of the partnership
 * test, "the creator has a post 3", is per creator and made once per creator by the caller.
 * Not materialized, so the aggregate over it streams from the orders' creator-first covering
 * index (index-only, in creator order).
 */
const lagOrders = (ws: string, period: Period, creatorId: string | undefined, withGroups: boolean): SQL => {
  const partnerPosts = sql`(select d2.id from deliverables d2 where d2.workspace_id = ${ws}
    and d2.agreement_id in (select a.id from agreements a where a.workspace_id = ${ws} and a.type in ('annual', 'retainer')))`;
  const a = withGroups ? sql`coalesce(o.attributed_deliverable_id in ${partnerPosts}, false)` : sql`false`;
  return sql`${groupCtes(ws)},
  o as not materialized (
    select o.attributed_creator_id as c, o.lag_seconds as s, ${a} as a
    from orders o
    where o.workspace_id = ${ws} and o.attributed_creator_id is not null and ${COUNTED()}
      and o.lag_seconds is not null
      and o.ordered_at >= ${period.start}::timestamptz and o.ordered_at < ${period.end}::timestamptz
      ${creatorId ? sql`and o.attributed_creator_id = ${creatorId}` : sql``}
  )`;
};

/** Lags (seconds) of one set, sorted ascending. */
type Lags = Float64Array;

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

/** percentile_cont(f) within group (order by s) of sorted lags; null for none. */
export function percentileOf(sorted: Lags, f: number): number | null {
  const n = sorted.length;
  if (!n) return null;
  const { lo, hi } = percentilePositions(f, n);
  return percentileLerp(f, n, sorted[lo]!, sorted[hi]!);
}

/**
 * Lags as the statement sends them: string_agg of int8send, 8 bytes big-endian each; a lag of
 * the partnership group comes as −1 − s (lags are never negative), so one aggregate carries
 * both groups. Returns each group's lags, unsorted.
 */
export function decodeLags(bytes: Uint8Array | null | undefined): { partner: Lags; oneOff: Lags } {
  const count = bytes ? bytes.byteLength / 8 : 0;
  const partner = new Float64Array(count);
  const oneOff = new Float64Array(count);
  let p = 0;
  let o = 0;
  if (bytes) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i < count; i++) {
      // High word signed, low word unsigned: exact for any integer below 2^53.
      const v = view.getInt32(i * 8) * 4294967296 + view.getUint32(i * 8 + 4);
      if (v < 0) partner[p++] = -1 - v;
      else oneOff[o++] = v;
    }
  }
  return { partner: partner.subarray(0, p), oneOff: oneOff.subarray(0, o) };
}

/** Sets as one set (sort it after). */
function concat(sets: Lags[]): Lags {
  const out = new Float64Array(sets.reduce((t, s) => t + s.length, 0));
  let k = 0;
  for (const s of sets) {
    out.set(s, k);
    k += s.length;
  }
  return out;
}

/** How many lags of a sorted set are below `x` (`orEqual`: at most `x`): a binary search. */
function countBelow(sorted: Lags, x: number, orEqual = false): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const v = sorted[mid]!;
    if (v < x || (orEqual && v === x)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Many sorted sets read as their union, never merged or sorted as one: counts by binary search
 * in each set, and the value at a rank by a binary search over the (whole-second) lag values.
 * A group's 280,000 lags cost a few thousand searches instead of one sort on the server's thread.
 */
class SortedSets {
  readonly n: number;
  constructor(readonly sets: Lags[]) {
    this.n = sets.reduce((t, s) => t + s.length, 0);
  }
  countBelow(x: number, orEqual = false): number {
    let t = 0;
    for (const s of this.sets) t += countBelow(s, x, orEqual);
    return t;
  }
  /** The value at `rank` (from 0) of the union in ascending order; lags are whole seconds. */
  at(rank: number): number {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const s of this.sets)
      if (s.length) {
        lo = Math.min(lo, s[0]!);
        hi = Math.max(hi, s[s.length - 1]!);
      }
    // The least whole x with more than `rank` lags at most x.
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (this.countBelow(mid, true) > rank) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
  /** percentile_cont(f) of the union; null for none (as {@link percentileOf} of it sorted). */
  percentile(f: number): number | null {
    if (!this.n) return null;
    const { lo, hi } = percentilePositions(f, this.n);
    const low = this.at(lo);
    return percentileLerp(f, this.n, low, hi > lo ? this.at(hi) : low);
  }
}

type LagFigures = Omit<LagSummary, 'histogram'>;

/** Counts and percentiles of sorted sets, taken as one set. */
function figuresOf(lags: SortedSets): LagFigures {
  const n = lags.n;
  // 48 h exactly counts as within.
  const w = lags.countBelow(WITHIN_SECONDS, true);
  return {
    orders: n,
    within48h: w,
    within48hShare: ratioString(w, n, 6),
    // percentile_cont interpolates linearly between the two nearest lags (in seconds; days = s / 86400).
    medianDays: secondsToDays(lags.percentile(0.5)),
    p90Days: secondsToDays(lags.percentile(0.9)),
  };
}

/** Figures and the histogram by whole day (0…29, then 30+) of sorted sets taken as one. */
function summaryOf(lags: SortedSets): LagSummary {
  // Day d holds the lags in [d × 86400, (d + 1) × 86400).
  const below = Array.from({ length: LAG_DAYS + 1 }, (_, d) => lags.countBelow(d * 86400));
  return {
    ...figuresOf(lags),
    histogram: below.map((b, d) => ({
      day: d === LAG_DAYS ? `${LAG_DAYS}+` : String(d),
      orders: (d === LAG_DAYS ? lags.n : below[d + 1]!) - b,
    })),
  };
}

/** Lets other requests run when this one has held the thread for a while. */
function yielder(sliceMs = 5): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < sliceMs) return;
    await new Promise((r) => setImmediate(r));
    since = performance.now();
  };
}

const byName = new Intl.Collator('en');

/**
 * The conversion lag of the period: overall, per group and (when asked) per creator.
 *
 * One statement reads the orders' creator-first covering index once (index-only, in creator
 * order) and sends each creator's lags packed as 8-byte integers (~2.2 MB for 280,000 orders);
 * the exact percentiles (the values percentile_cont finds) come from those lags here: small
 * per-creator sorts in slices that let other requests run between them, then each group read
 * as the union of its creators' sorted sets (binary searches; a sort of a group's 280,000 lags
 * held the server's thread for tens of milliseconds). Three passes over the index (per-creator
 * percentiles, counts by hour, the lags of the hours that hold the needed ranks) took longer.
 */
export async function lagSummaries(
  db: Db,
  ws: string,
  period: Period,
  opts: { creatorId?: string | undefined; perCreator: boolean; groups?: boolean },
): Promise<Omit<ConversionLagReport, 'period' | 'creatorId'>> {
  const groups = opts.groups !== false;
  const lags = lagOrders(ws, period, opts.creatorId, groups);
  const rows = await withReportMemory(db, (tx) =>
    queryRows<{ c: string; name: string | null; many: boolean; l: Uint8Array }>(
      tx,
      sql`with ${lags}
      select o.c::text as c, cr.display_name as name, o.c in (select creator_id from many) as many, o.l
      from (
        select c, string_agg(int8send(case when a then -1 - s else s end), ''::bytea) as l from o group by c
      ) o left join creators cr on cr.workspace_id = ${ws} and cr.id = o.c`,
    ),
  );
  // The work here runs on the server's thread: per-creator sorts in slices, yielding between them,
  // and the groups read as the union of the creators' sorted sets, never sorted as one.
  const pause = yielder();
  const partnerSets: Lags[] = [];
  const oneOffSets: Lags[] = [];
  const creators: ConversionLagReport['creators'] = [];
  for (const r of rows) {
    await pause();
    const lags = decodeLags(r.l);
    // A creator with a post 3 is a partner: every one of their posts is in the partnership group.
    const [p, o] =
      groups && r.many
        ? [concat([lags.partner, lags.oneOff]).sort(), new Float64Array(0)]
        : [lags.partner.sort(), lags.oneOff.sort()];
    partnerSets.push(p);
    oneOffSets.push(o);
    if (!opts.perCreator) continue;
    creators.push({ creatorId: r.c, name: r.name ?? '', ...figuresOf(new SortedSets([p, o])) });
  }
  await pause();
  const none = new SortedSets([]);
  const overall = summaryOf(new SortedSets([...partnerSets, ...oneOffSets]));
  await pause();
  return {
    overall,
    partnership: groups ? summaryOf(new SortedSets(partnerSets)) : summaryOf(none),
    oneOff: groups ? summaryOf(new SortedSets(oneOffSets)) : summaryOf(none),
    // Intl.Collator('en') orders as localeCompare(…, 'en') does, without building a collator per call.
    creators: creators.sort(
      (a, b) => byName.compare(a.name, b.name) || a.creatorId.localeCompare(b.creatorId),
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
