import { describe, expect, it } from 'vitest';
import { findTextFault, httpUrl, INT4_MAX, int4, isoDateTimeInput, MAX_DEPTH, textFault } from './common.ts';
import { isoDate } from './roster.ts';

describe('text that cannot be stored', () => {
  it('finds a NUL and half a surrogate pair, and lets whole emoji and other text through', () => {
    expect(textFault('Ann\u0000Lee')).toBe('nul_character');
    expect(textFault('Ann \ud83d')).toBe('lone_surrogate');
    expect(textFault('\ude00 trailing half first')).toBe('lone_surrogate');
    expect(textFault('Ann 😀 Ли 中文 \u0001 \uFFFD')).toBeNull();
    expect(textFault('')).toBeNull();
  });

  it('names the first bad string by its path, keys included, as the API names fields', () => {
    expect(findTextFault({ tiers: [{ name: 'A' }, { name: 'B\u0000' }] })).toEqual({
      field: 'tiers.1.name',
      code: 'nul_character',
    });
    expect(findTextFault({ rates: { 'post\ud83d': 1 } })).toEqual({
      field: 'rates.post\ud83d',
      code: 'lone_surrogate',
    });
    expect(findTextFault({ a: 1, b: [true, null, 'ok 😀'] })).toBeNull();
    expect(findTextFault({ csv: 'x\u0000', n: 'y' }, { skip: (p) => p === 'csv' })).toBeNull();
  });

  it('refuses nesting past MAX_DEPTH without recursion (a 100,000-deep value does not overflow)', () => {
    let v: unknown = 'x';
    for (let i = 0; i < 100_000; i++) v = { a: v };
    const fault = findTextFault(v);
    expect(fault?.code).toBe('too_deep');
    expect(fault?.field.split('.')).toHaveLength(MAX_DEPTH);
    let ok: unknown = 'x';
    for (let i = 0; i < MAX_DEPTH; i++) ok = [ok];
    expect(findTextFault(ok)).toBeNull();
  });
});

describe('bounds that match the columns', () => {
  it('reads dates only in 1900–2200, and answers any date', () => {
    expect(isoDate.safeParse('1900-01-01').success).toBe(true);
    expect(isoDate.safeParse('2200-12-31').success).toBe(true);
    const zero = isoDate.safeParse('0000-01-01');
    expect(zero.success).toBe(false);
    expect(zero.error?.issues[0]).toMatchObject({
      code: 'custom',
      params: { code: 'date_out_of_range', minimum: 1900, maximum: 2200 },
    });
    expect(isoDate.safeParse('2201-01-01').success).toBe(false);
    expect(isoDateTimeInput.safeParse('0000-03-01T10:00:00Z').success).toBe(false);
    expect(isoDateTimeInput.safeParse('2026-03-01T10:00:00+03:00').success).toBe(true);
    // A term's end worked out from a date near the bound is still answered.
    expect(isoDate.encode('2210-06-01')).toBe('2210-06-01');
  });

  it('keeps integers within int4 and links to http(s)', () => {
    expect(int4.safeParse(INT4_MAX).success).toBe(true);
    expect(int4.safeParse(INT4_MAX + 1).success).toBe(false);
    expect(httpUrl.safeParse('https://instagram.com/p/abc').success).toBe(true);
    expect(httpUrl.safeParse('javascript:alert(1)').success).toBe(false);
    expect(httpUrl.safeParse('data:text/html,<script>alert(1)</script>').success).toBe(false);
  });
});
