import { describe, expect, it } from 'vitest';
import { decodeLags, percentileOf } from './conversion-lag.ts';

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
