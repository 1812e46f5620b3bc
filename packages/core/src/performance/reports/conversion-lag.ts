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

/** Two sorted sets as one sorted set. */
function mergeSorted(a: Lags, b: Lags): Lags {
  const out = new Float64Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i]! <= b[j]! ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

/** Lags ≤ 48 h in a sorted set: the position of the first lag over it. */
function within48h(sorted: Lags): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= WITHIN_SECONDS) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

type LagFigures = Omit<LagSummary, 'histogram'>;

/** A sorted set's counts and percentiles. */
function figuresOf(sorted: Lags): LagFigures {
  const n = sorted.length;
  const w = within48h(sorted);
  return {
    orders: n,
    within48h: w,
    within48hShare: ratioString(w, n, 6),
    // percentile_cont interpolates linearly between the two nearest lags (in seconds; days = s / 86400).
    medianDays: secondsToDays(percentileOf(sorted, 0.5)),
    p90Days: secondsToDays(percentileOf(sorted, 0.9)),
  };
}

/** A sorted set's figures and its histogram by whole day (0…29, then 30+). */
function summaryOf(sorted: Lags): LagSummary {
  const counts = new Array<number>(LAG_DAYS + 1).fill(0);
  for (const s of sorted) counts[Math.min(Math.floor(s / 86400), LAG_DAYS)]! += 1;
  return {
    ...figuresOf(sorted),
    histogram: counts.map((orders, d) => ({ day: d === LAG_DAYS ? `${LAG_DAYS}+` : String(d), orders })),
  };
}

/**
 * Sorted sets as one sorted set, merged two by two (a tree of merges: n·log(sets) steps, as a sort
 * would take), pausing between merges so that no step holds the server's thread for long; the
 * largest step is the last merge, one pass over the lags.
 */
async function mergeAll(sets: Lags[], pause: () => Promise<void>): Promise<Lags> {
  let level = sets.filter((s) => s.length);
  if (!level.length) return new Float64Array(0);
  while (level.length > 1) {
    const next: Lags[] = [];
    for (let i = 0; i < level.length; i += 2) {
      next.push(i + 1 < level.length ? mergeSorted(level[i]!, level[i + 1]!) : level[i]!);
      await pause();
    }
    level = next;
  }
  return level[0]!;
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
 * The figures of the creators' lags. Runs on the server's thread in slices of a few
 * milliseconds, yielding between them: per-creator sorts, then a tree of merges of the sorted
 * sets instead of one sort per group (bench/conversion-lag-loop.ts measures the event-loop delay).
 */
export async function summarizeLags(
  rows: LagRow[],
  opts: { perCreator: boolean; groups: boolean },
): Promise<Omit<ConversionLagReport, 'period' | 'creatorId'>> {
  const { groups } = opts;
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
    creators.push({ creatorId: r.c, name: r.name ?? '', ...figuresOf(o.length ? mergeSorted(p, o) : p) });
  }
  const partnership = await mergeAll(partnerSets, pause);
  const oneOff = await mergeAll(oneOffSets, pause);
  const overall = mergeSorted(partnership, oneOff);
  await pause();
  // Each summary is a pass over its group's lags: a pause between them.
  const none = new Float64Array(0);
  const summaries = [];
  for (const sorted of [overall, groups ? partnership : none, groups ? oneOff : none]) {
    summaries.push(summaryOf(sorted));
    await pause();
  }
  const [overallSummary, partnershipSummary, oneOffSummary] = summaries as [
    LagSummary,
    LagSummary,
    LagSummary,
  ];
  return {
    overall: overallSummary,
    partnership: partnershipSummary,
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
