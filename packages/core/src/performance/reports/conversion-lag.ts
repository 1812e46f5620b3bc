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

/**
 * Rearranges a[lo..hi] so that a[k] holds the value a sort would put there, every value before it
 * (within lo..hi) is ≤ and every value after it is ≥ (Hoare's selection, median of three pivots):
 * the k-th smallest in linear time on average, without sorting. Should the pivots keep splitting
 * badly (more rounds than twice the halvings a good split would take), the rest of the range is
 * sorted instead, so no input takes quadratic time.
 */
export function selectKth(
  a: Lags,
  k: number,
  lo = 0,
  hi = a.length - 1,
  maxRounds = 2 * Math.ceil(Math.log2(hi - lo + 2)) + 8,
): number {
  let l = lo;
  let h = hi;
  let rounds = maxRounds;
  while (h > l) {
    if (--rounds < 0) {
      a.subarray(l, h + 1).sort();
      return a[k]!;
    }
    const m = (l + h) >> 1;
    // Median of three at a[m]; a[l] ≤ a[m] ≤ a[h].
    if (a[m]! < a[l]!) swap(a, m, l);
    if (a[h]! < a[l]!) swap(a, h, l);
    if (a[h]! < a[m]!) swap(a, h, m);
    const pivot = a[m]!;
    let i = l;
    let j = h;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    // Now a[l..j] ≤ pivot ≤ a[i..h], and every value between j and i equals the pivot.
    if (k <= j) h = j;
    else if (k >= i) l = i;
    else return a[k]!;
  }
  return a[k]!;
}

function swap(a: Lags, i: number, j: number) {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}

/** The smallest of a[lo..hi] (lo ≤ hi). */
function minOf(a: Lags, lo: number, hi: number): number {
  let m = a[lo]!;
  for (let i = lo + 1; i <= hi; i++) if (a[i]! < m) m = a[i]!;
  return m;
}

/**
 * percentile_cont(0.5) and percentile_cont(0.9) of a set of lags in any order (it is reordered):
 * the values at ⌊p⌋ and ⌈p⌉ found by selection (the 0.9 ranks first, then the 0.5 ranks among the
 * values below them), then percentile_cont's interpolation. Null for none.
 */
export function medianAndP90(a: Lags): { median: number | null; p90: number | null } {
  const n = a.length;
  if (!n) return { median: null, p90: null };
  const q = percentilePositions(0.9, n);
  const q90lo = selectKth(a, q.lo);
  // Every value after q.lo is ≥ a[q.lo]: the next rank is their smallest.
  const q90hi = q.hi > q.lo ? minOf(a, q.lo + 1, n - 1) : q90lo;
  const m = percentilePositions(0.5, n);
  // Ranks 0…q.lo hold the q.lo + 1 smallest values, and m.lo ≤ q.lo.
  const m50lo = selectKth(a, m.lo, 0, q.lo);
  const m50hi = m.hi === m.lo ? m50lo : m.hi <= q.lo ? minOf(a, m.lo + 1, q.lo) : q90hi;
  return { median: percentileLerp(0.5, n, m50lo, m50hi), p90: percentileLerp(0.9, n, q90lo, q90hi) };
}

type LagFigures = Omit<LagSummary, 'histogram'>;

/** A set's counts and percentiles, from its lags in any order (reordered) and its count within 48 h. */
function figuresOf(lags: Lags, within: number): LagFigures {
  const n = lags.length;
  const { median, p90 } = medianAndP90(lags);
  return {
    orders: n,
    within48h: within,
    within48hShare: ratioString(within, n, 6),
    // percentile_cont interpolates linearly between the two nearest lags (in seconds; days = s / 86400).
    medianDays: secondsToDays(median),
    p90Days: secondsToDays(p90),
  };
}

/** Orders per whole day of lag, 0…29 then 30+, as the report lists them. */
const histogramOf = (counts: Int32Array | number[]): LagSummary['histogram'] =>
  Array.from(counts, (orders, d) => ({ day: d === LAG_DAYS ? `${LAG_DAYS}+` : String(d), orders }));

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
 * per-creator sorts, then the creators' sorted sets merged two by two into each group's, in
 * slices that let other requests run between them (one sort of a group's 280,000 lags held the
 * server's thread for tens of milliseconds). Three passes over the index (per-creator
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
    queryRows<LagRow>(
      tx,
      sql`with ${lags}
      select o.c::text as c, cr.display_name as name, o.c in (select creator_id from many) as many, o.l
      from (
        select c, string_agg(int8send(case when a then -1 - s else s end), ''::bytea) as l from o group by c
      ) o left join creators cr on cr.workspace_id = ${ws} and cr.id = o.c`,
    ),
  );
  return summarizeLags(rows, { perCreator: opts.perCreator, groups });
}

/** One creator's lags as the statement sends them (see {@link decodeLags}); `many`: a post 3. */
export interface LagRow {
  c: string;
  name: string | null;
  many: boolean;
  l: Uint8Array;
}

/**
 * The figures of the creators' lags, in one pass over them and without sorting: each lag is
 * decoded once into its creator's stretch of one array (all lags) and into its group's array,
 * counted into its set's histogram and within-48 h count, and the percentiles of each creator and
 * each set are found by selection ({@link medianAndP90}: linear on average, where sorting the
 * 280,000 lags of a year took most of the report's time). Runs on the server's thread in slices
 * of a few milliseconds, yielding between them (bench/conversion-lag-loop.ts measures the
 * event-loop delay and checks the answer against sorting).
 */
export async function summarizeLags(
  rows: LagRow[],
  opts: { perCreator: boolean; groups: boolean },
): Promise<Omit<ConversionLagReport, 'period' | 'creatorId'>> {
  const { groups } = opts;
  const pause = yielder();
  let total = 0;
  for (const r of rows) total += r.l ? r.l.byteLength / 8 : 0;
  // Every lag, each creator's together; and each group's (only when grouping).
  const all = new Float64Array(total);
  const partner = new Float64Array(groups ? total : 0);
  const oneOff = new Float64Array(groups ? total : 0);
  const hist = {
    all: new Int32Array(LAG_DAYS + 1),
    partner: new Int32Array(LAG_DAYS + 1),
    oneOff: new Int32Array(LAG_DAYS + 1),
  };
  const within = { all: 0, partner: 0, oneOff: 0 };
  let k = 0;
  let np = 0;
  let no = 0;
  const creators: ConversionLagReport['creators'] = [];
  for (const r of rows) {
    await pause();
    const from = k;
    let w = 0;
    const bytes = r.l;
    if (bytes) {
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      // A creator with a post 3 is a partner: every one of their posts is in the partnership group.
      const allPartner = groups && r.many;
      for (let i = 0, count = bytes.byteLength / 8; i < count; i++) {
        // High word signed, low word unsigned: exact for any integer below 2^53.
        const v = view.getInt32(i * 8) * 4294967296 + view.getUint32(i * 8 + 4);
        const s = v < 0 ? -1 - v : v;
        all[k++] = s;
        const day = Math.min(Math.floor(s / 86400), LAG_DAYS);
        const in48 = s <= WITHIN_SECONDS ? 1 : 0;
        w += in48;
        hist.all[day]! += 1;
        if (!groups) continue;
        if (v < 0 || allPartner) {
          partner[np++] = s;
          hist.partner[day]! += 1;
          within.partner += in48;
        } else {
          oneOff[no++] = s;
          hist.oneOff[day]! += 1;
          within.oneOff += in48;
        }
      }
    }
    within.all += w;
    if (opts.perCreator)
      creators.push({ creatorId: r.c, name: r.name ?? '', ...figuresOf(all.subarray(from, k), w) });
  }
  // Each set's selection is a few passes over its lags: a pause between them.
  await pause();
  const overall = { ...figuresOf(all, within.all), histogram: histogramOf(hist.all) };
  await pause();
  const partnership = {
    ...figuresOf(partner.subarray(0, np), within.partner),
    histogram: histogramOf(hist.partner),
  };
  await pause();
  const oneOffSummary = {
    ...figuresOf(oneOff.subarray(0, no), within.oneOff),
    histogram: histogramOf(hist.oneOff),
  };
  return {
    overall,
    partnership,
    oneOff: oneOffSummary,
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
