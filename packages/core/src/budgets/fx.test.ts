import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  convertMinor,
  divHalfEven,
  formatRate,
  normalizeRate,
  parseRate,
  rateOn,
  toReporting,
} from './fx.ts';

describe('rates', () => {
  it('parses and prints exact decimals', () => {
    expect(parseRate('1.085')).toBe(10_850_000_000n);
    expect(parseRate('0.0000000001')).toBe(1n);
    expect(formatRate(10_850_000_000n)).toBe('1.085');
    expect(normalizeRate('1.0850000000')).toBe('1.085');
    expect(normalizeRate('90.0000000000')).toBe('90');
    expect(() => parseRate('1e3')).toThrow();
    expect(() => parseRate('-1')).toThrow();
  });
  it('round-trips any rate', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 20n - 1n }), (n) => {
        expect(parseRate(formatRate(n))).toBe(n);
      }),
    );
  });
});

describe('half-even division', () => {
  it('rounds halves to the even neighbour', () => {
    expect([5n, 15n, 25n, 35n, -5n, -15n].map((n) => divHalfEven(n, 10n))).toEqual([0n, 2n, 2n, 4n, 0n, -2n]);
    expect(divHalfEven(16n, 10n)).toBe(2n);
    expect(divHalfEven(14n, 10n)).toBe(1n);
  });
  it('is never more than half a unit off', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }),
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        (n, d) => {
          const q = divHalfEven(n, d);
          const err = q * d - n;
          expect(2n * (err < 0n ? -err : err) <= d).toBe(true);
        },
      ),
    );
  });
});

describe('convertMinor', () => {
  it('converts between currencies with different minor units', () => {
    // 100.00 EUR at 1.085 → 108.50 USD
    expect(convertMinor(10_000, 'EUR', 'USD', '1.085')).toBe(10_850);
    // 10,000 JPY (no minor unit) at 0.0067 USD → 67.00 USD
    expect(convertMinor(10_000, 'JPY', 'USD', '0.0067')).toBe(6_700);
    // 1.234 KWD (three decimals) at 3.25 USD → 4.0105 → 4.01 USD (half-even: ...05 → even 0)
    expect(convertMinor(1_234, 'KWD', 'USD', '3.25')).toBe(401);
    // 1.00 USD at 150.5 JPY → 150.5 → 150 (half to even), 3.00 USD → 451.5 → 452
    expect(convertMinor(100, 'USD', 'JPY', '150.5')).toBe(150);
    expect(convertMinor(300, 'USD', 'JPY', '150.5')).toBe(452);
    // 120,000.00 RUB at 0.0109 → 1,308.00 USD
    expect(convertMinor(12_000_000, 'RUB', 'USD', '0.0109')).toBe(130_800);
    expect(convertMinor(12_345, 'USD', 'USD', '2')).toBe(12_345);
  });
  it('rounds half to even at the reporting minor unit', () => {
    // 0.01 EUR at 0.5 = 0.005 USD → 0.00; 0.03 EUR → 0.015 → 0.02
    expect(convertMinor(1, 'EUR', 'USD', '0.5')).toBe(0);
    expect(convertMinor(3, 'EUR', 'USD', '0.5')).toBe(2);
  });
  it('at rate 1 between two-decimal currencies is the identity', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (n) => {
        expect(convertMinor(n, 'EUR', 'USD', '1')).toBe(n);
      }),
    );
  });
  it('is within half a minor unit of the exact product', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 1, max: 10 ** 12 }), (n, r) => {
        const rate = formatRate(BigInt(r));
        const got = BigInt(convertMinor(n, 'EUR', 'USD', rate));
        const exact = BigInt(n) * BigInt(r); // in units of 10^-10 minor
        const err = got * 10n ** 10n - exact;
        expect(2n * (err < 0n ? -err : err) <= 10n ** 10n).toBe(true);
      }),
    );
  });
});

describe('rate of the day', () => {
  const rates = [
    { currency: 'EUR', reportingCurrency: 'USD', onDate: '2026-01-01', rate: '1.05' },
    { currency: 'EUR', reportingCurrency: 'USD', onDate: '2026-03-01', rate: '1.10' },
    { currency: 'RUB', reportingCurrency: 'USD', onDate: '2026-01-01', rate: '0.011' },
    { currency: 'EUR', reportingCurrency: 'GBP', onDate: '2025-01-01', rate: '0.85' },
  ];
  it('uses the latest rate on or before the date', () => {
    expect(rateOn(rates, 'EUR', 'USD', '2026-02-28')?.rate).toBe('1.05');
    expect(rateOn(rates, 'EUR', 'USD', '2026-03-01')?.rate).toBe('1.10');
    expect(rateOn(rates, 'EUR', 'USD', '2027-01-01')?.rate).toBe('1.10');
    expect(rateOn(rates, 'EUR', 'USD', '2025-12-31')).toBeNull();
  });
  it('warns about a missing rate instead of using 1.0', () => {
    const r = toReporting({ amountMinor: 10_000, currency: 'EUR', on: '2025-06-01' }, 'USD', rates);
    expect(r).toEqual({
      ok: false,
      warning: expect.objectContaining({
        code: 'missing_rate',
        currency: 'EUR',
        reportingCurrency: 'USD',
        on: '2025-06-01',
      }),
    });
    expect(toReporting({ amountMinor: 10_000, currency: 'EUR', on: '2026-03-02' }, 'USD', rates)).toEqual({
      ok: true,
      amountMinor: 11_000,
      rate: '1.1',
      rateOn: '2026-03-01',
    });
    expect(toReporting({ amountMinor: 5, currency: 'USD', on: '2020-01-01' }, 'USD', [])).toMatchObject({
      ok: true,
      amountMinor: 5,
    });
  });
});
