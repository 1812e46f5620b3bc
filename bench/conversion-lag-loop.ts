/**
 * How long the conversion-lag report holds the server's event loop after its statement answered:
 * the creators' lags (as the statement sends them, synthetic here) summarized by the report's
 * own `summarizeLags`, and by the way it worked before (each group concatenated and sorted as
 * one Float64Array, kept below), while a 1 ms timer measures the event loop's delay
 * (perf_hooks.monitorEventLoopDelay). Both must give the same answer; the script checks it.
 *
 *   npx tsx bench/conversion-lag-loop.ts                          # 100,000 lags, 500 creators
 *   BENCH_ORDERS=280000 BENCH_CREATORS=2000 npx tsx bench/conversion-lag-loop.ts
 */
import { deepStrictEqual } from 'node:assert';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import {
  decodeLags,
  type LagRow,
  percentileOf,
  ratioString,
  secondsToDays,
  summarizeLags,
} from '@evergreen/core';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 100_000);
const CREATORS = Number(process.env.BENCH_CREATORS ?? 500);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

/** A deterministic generator (mulberry32), so every run summarizes the same lags. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Lags of 0–60 days in whole seconds, skewed short; a third of them under partnership posts. */
function rows(): LagRow[] {
  const r = random(42);
  return Array.from({ length: CREATORS }, (_, i) => {
    const n = Math.floor(ORDERS / CREATORS);
    const b = Buffer.alloc(n * 8);
    for (let k = 0; k < n; k++) {
      const s = Math.floor(r() ** 3 * 60 * 86400);
      b.writeBigInt64BE(BigInt(r() < 1 / 3 ? -1 - s : s), k * 8);
    }
    return {
      c: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      name: `Creator ${i}`,
      many: i % 10 === 0,
      l: new Uint8Array(b.buffer, b.byteOffset, b.byteLength),
    };
  });
}

type Lags = Float64Array;
const concat = (sets: Lags[]) => {
  const out = new Float64Array(sets.reduce((t, s) => t + s.length, 0));
  let k = 0;
  for (const s of sets) {
    out.set(s, k);
    k += s.length;
  }
  return out;
};

/** The summary as it was computed before: every group concatenated and sorted in one go. */
function sortedAsOne(data: LagRow[]) {
  const figures = (sorted: Lags) => {
    let w = 0;
    while (w < sorted.length && sorted[w]! <= 48 * 3600) w++;
    return {
      orders: sorted.length,
      within48h: w,
      within48hShare: ratioString(w, sorted.length, 6),
      medianDays: secondsToDays(percentileOf(sorted, 0.5)),
      p90Days: secondsToDays(percentileOf(sorted, 0.9)),
    };
  };
  const summary = (sorted: Lags) => {
    const counts = new Array<number>(31).fill(0);
    for (const s of sorted) counts[Math.min(Math.floor(s / 86400), 30)]! += 1;
    return {
      ...figures(sorted),
      histogram: counts.map((orders, d) => ({ day: d === 30 ? '30+' : String(d), orders })),
    };
  };
  const partner: Lags[] = [];
  const oneOff: Lags[] = [];
  const creators = [];
  for (const r of data) {
    const lags = decodeLags(r.l);
    const [p, o] = r.many
      ? [concat([lags.partner, lags.oneOff]).sort(), new Float64Array(0)]
      : [lags.partner.sort(), lags.oneOff.sort()];
    partner.push(p);
    oneOff.push(o);
    creators.push({ creatorId: r.c, name: r.name ?? '', ...figures(concat([p, o]).sort()) });
  }
  const ps = concat(partner).sort();
  const os = concat(oneOff).sort();
  return {
    overall: summary(concat([ps, os]).sort()),
    partnership: summary(ps),
    oneOff: summary(os),
    creators: creators.sort(
      (a, b) => a.name.localeCompare(b.name, 'en') || a.creatorId.localeCompare(b.creatorId),
    ),
  };
}

/** Runs `f` RUNS times with a 1 ms timer ticking: wall time and the event loop's longest delay. */
async function measure(label: string, f: () => unknown) {
  const walls: number[] = [];
  const h = monitorEventLoopDelay({ resolution: 1 });
  const tick = setInterval(() => {}, 1);
  h.enable();
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await f();
    walls.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 20));
  }
  h.disable();
  clearInterval(tick);
  walls.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(34)} wall median ${walls[walls.length >> 1]!.toFixed(1)} ms; event-loop delay p99 ${(h.percentile(99) / 1e6).toFixed(1)} ms, max ${(h.max / 1e6).toFixed(1)} ms`,
  );
}

const data = rows();
console.log(
  `${ORDERS.toLocaleString('en')} lags, ${CREATORS} creators, ${RUNS} runs each (load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')})`,
);
deepStrictEqual(await summarizeLags(data, { perCreator: true, groups: true }), sortedAsOne(data));
// What the machine alone does to a 1 ms timer (a busy machine delays it however little we do).
await measure('idle: 230 ms of waiting', () => new Promise((r) => setTimeout(r, 230)));
await measure('before: each group sorted as one', () => sortedAsOne(data));
await measure('now: summarizeLags (selection)', () =>
  summarizeLags(data, { perCreator: true, groups: true }),
);
