import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../shared/random.ts';
import {
  decodeLags,
  type LagRow,
  medianAndP90,
  percentileOf,
  selectKth,
  summarizeLags,
} from './conversion-lag.ts';

/** What PostgreSQL's string_agg(int8send(x), '') sends: 8 bytes big-endian per value. */
const packed = (values: bigint[]) => {
  const b = Buffer.alloc(values.length * 8);
  values.forEach((v, i) => {
    b.writeBigInt64BE(v, i * 8);
  });
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
};

describe('decodeLags', () => {
  it('reads one-off lags as they are and partnership lags from −1 − s, across the 32-bit boundary', () => {
    // One-offs: 0, 1, 2^31 (over int4), 2^32 + 5 (needs the high word), 2^40.
    // Partners: 3 sent as −4, 0 as −1, 2^33 as −(2^33) − 1.
    const { partner, oneOff } = decodeLags(
      packed([0n, -4n, 1n, 2n ** 31n, -1n, 2n ** 32n + 5n, -(2n ** 33n) - 1n, 2n ** 40n]),
    );
    expect([...oneOff]).toEqual([0, 1, 2 ** 31, 2 ** 32 + 5, 2 ** 40]);
    expect([...partner]).toEqual([3, 0, 2 ** 33]);
  });

  it('reads nothing from null (a creator without lags)', () => {
    const { partner, oneOff } = decodeLags(null);
    expect([partner.length, oneOff.length]).toEqual([0, 0]);
  });
});

describe('percentileOf', () => {
  it('interpolates as percentile_cont does: 0.9 of 10, 20, 30, 40 sits at position 2.7 → 30 + 0.7 × 10', () => {
    const sorted = Float64Array.from([10, 20, 30, 40]);
    expect(percentileOf(sorted, 0.9)).toBeCloseTo(37, 12);
    // 0.5 of four values: position 1.5 → 20 + 0.5 × 10 = 25.
    expect(percentileOf(sorted, 0.5)).toBe(25);
    expect(percentileOf(new Float64Array(0), 0.5)).toBeNull();
  });
});

describe('selection instead of sorting', () => {
  it('selectKth puts the k-th smallest at k, smaller or equal before it, larger or equal after it', () => {
    const rnd = mulberry32(11);
    for (let n = 1; n <= 60; n++) {
      for (const spread of [3, 1000]) {
        const a = Float64Array.from({ length: n }, () => Math.floor(rnd() * spread));
        const sorted = Float64Array.from(a).sort();
        const k = Math.floor(rnd() * n);
        expect(selectKth(a, k)).toBe(sorted[k]);
        for (let i = 0; i < n; i++) expect(i < k ? a[i]! <= a[k]! : a[i]! >= a[k]!).toBe(true);
        expect(Float64Array.from(a).sort()).toEqual(sorted);
      }
    }
  });

  it('selectKth sorts the rest of the range when the pivots split badly for too long (here: after 0 or 1 rounds)', () => {
    const rnd = mulberry32(3);
    for (const rounds of [0, 1]) {
      // Ascending, descending, all equal and organ-pipe inputs, and random ones.
      const inputs = [
        Array.from({ length: 50 }, (_, i) => i),
        Array.from({ length: 50 }, (_, i) => 50 - i),
        Array.from({ length: 50 }, () => 7),
        Array.from({ length: 50 }, (_, i) => Math.min(i, 49 - i)),
        Array.from({ length: 50 }, () => Math.floor(rnd() * 20)),
      ];
      for (const input of inputs) {
        const a = Float64Array.from(input);
        const sorted = Float64Array.from(input).sort();
        for (const k of [0, 17, 49]) {
          expect(selectKth(a, k, 0, 49, rounds)).toBe(sorted[k]);
          for (let i = 0; i < 50; i++) expect(i < k ? a[i]! <= a[k]! : a[i]! >= a[k]!).toBe(true);
        }
      }
    }
  });

  it('medianAndP90 gives what percentile_cont gives on the sorted lags, for every size 1…400, ties included', () => {
    const rnd = mulberry32(5);
    for (let n = 1; n <= 400; n++) {
      // Few distinct values (many ties) for odd n, whole seconds up to 60 days for even n.
      const spread = n % 2 ? 7 : 60 * 86400;
      const a = Float64Array.from({ length: n }, () => Math.floor(rnd() ** 3 * spread));
      const sorted = Float64Array.from(a).sort();
      expect(medianAndP90(a)).toEqual({ median: percentileOf(sorted, 0.5), p90: percentileOf(sorted, 0.9) });
    }
    expect(medianAndP90(new Float64Array(0))).toEqual({ median: null, p90: null });
  });

  it("summarizeLags: the worked example's eight lags (docs/performance.md) split over two creators and both groups", async () => {
    const row = (c: string, many: boolean, values: bigint[]): LagRow => ({
      c,
      name: c,
      many,
      l: packed(values),
    });
    // A's 2 h and 48 h are under a partnership post (sent as −1 − s); B has a post 3, so all of B's are.
    const r = await summarizeLags(
      [
        row('a', false, [-7201n, 108000n, -172801n, 3456000n]),
        row('b', true, [172740n, 172860n, 432000n, 1036800n]),
      ],
      { perCreator: true, groups: true },
    );
    expect(r.overall).toMatchObject({
      orders: 8,
      within48h: 4,
      within48hShare: '0.500000',
      medianDays: '2.00',
      p90Days: '20.40',
    });
    expect(r.overall.histogram.filter((h) => h.orders)).toEqual([
      { day: '0', orders: 1 },
      { day: '1', orders: 2 },
      { day: '2', orders: 2 },
      { day: '5', orders: 1 },
      { day: '12', orders: 1 },
      { day: '30+', orders: 1 },
    ]);
    // Partnership: 7,200, 172,740, 172,800, 172,860, 432,000, 1,036,800 (median at 2.5: 172,830 s).
    expect(r.partnership).toMatchObject({ orders: 6, within48h: 3, medianDays: '2.00' });
    // One-off: A's 108,000 and 3,456,000; the median is their mean, 1,782,000 s = 20.625 → 20.62 days.
    expect(r.oneOff).toMatchObject({ orders: 2, within48h: 1, medianDays: '20.62' });
    expect(r.creators.map((c) => [c.creatorId, c.orders, c.within48h])).toEqual([
      ['a', 4, 3],
      ['b', 4, 1],
    ]);
  });
});
