import type { TierPolicy } from '@evergreen/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors.ts';
import {
  defaultTierPolicies,
  normalizePercent,
  percentToBasisPoints,
  validateTierPolicies,
} from './tiers.ts';

const tier = (n: number, share: string, extra: Partial<TierPolicy> = {}): TierPolicy => ({
  tier: n,
  name: `T${n}`,
  targetMin: null,
  targetMax: null,
  cadenceDays: null,
  budgetSharePct: share,
  ...extra,
});

const fieldsOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e.fields;
    throw e;
  }
  return undefined;
};

describe('tier policies', () => {
  it('defaults to the programs our users described: 5–8 monthly, 15–20 quarterly, 40/40/20', () => {
    const [t1, t2, t3] = defaultTierPolicies();
    expect([t1!.targetMin, t1!.targetMax, t1!.cadenceDays, t1!.budgetSharePct]).toEqual([5, 8, 30, '40']);
    expect([t2!.targetMin, t2!.targetMax, t2!.cadenceDays, t2!.budgetSharePct]).toEqual([15, 20, 90, '40']);
    expect([t3!.targetMin, t3!.targetMax, t3!.cadenceDays, t3!.budgetSharePct]).toEqual([
      null,
      null,
      null,
      '20',
    ]);
    expect(defaultTierPolicies('ru').map((t) => t.name)).toEqual(['Стратегические', 'Постоянные', 'Разовые']);
  });

  it('converts percentages to exact hundredths', () => {
    expect(percentToBasisPoints('40')).toBe(4000);
    expect(percentToBasisPoints('33.5')).toBe(3350);
    expect(percentToBasisPoints('33.33')).toBe(3333);
    expect(percentToBasisPoints('0.01')).toBe(1);
    expect(normalizePercent('40.00')).toBe('40');
    expect(normalizePercent('33.50')).toBe('33.5');
    expect(normalizePercent('0.05')).toBe('0.05');
  });

  it('accepts splits with decimals, compared in exact hundredths', () => {
    expect(() => validateTierPolicies([tier(1, '10.1'), tier(2, '20.2'), tier(3, '69.7')])).not.toThrow();
    expect(() => validateTierPolicies([tier(1, '33.34'), tier(2, '33.33'), tier(3, '33.33')])).not.toThrow();
  });

  it('names what is wrong', () => {
    expect(fieldsOf(() => validateTierPolicies([tier(1, '50'), tier(2, '40'), tier(3, '20')]))).toEqual([
      {
        field: 'tiers',
        message: 'budget shares must add up to 100% (they add up to 110%)',
        code: 'shares_sum',
        params: { sum: '110' },
      },
    ]);
    expect(
      fieldsOf(() =>
        validateTierPolicies([tier(1, '40', { targetMin: 9, targetMax: 8 }), tier(2, '40'), tier(3, '20')]),
      ),
    ).toEqual([
      { field: 'tiers.0.targetMax', message: 'must be at least the target minimum', code: 'min_above_max' },
    ]);
    expect(fieldsOf(() => validateTierPolicies([tier(1, '40'), tier(1, '40'), tier(3, '20')]))?.[0]).toEqual({
      field: 'tiers',
      message: 'must contain tiers 1, 2 and 3 once each',
      code: 'tiers_set',
    });
  });

  it('returns the tiers in order 1, 2, 3', () => {
    expect(validateTierPolicies([tier(3, '20'), tier(1, '40'), tier(2, '40')]).map((t) => t.tier)).toEqual([
      1, 2, 3,
    ]);
  });

  it('accepts any split into hundredths that adds up to 100%, and refuses every other total', () => {
    const toPct = (bp: number) =>
      normalizePercent(`${Math.floor(bp / 100)}.${String(bp % 100).padStart(2, '0')}`);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10000 }), fc.integer({ min: 0, max: 10000 }), (x, y) => {
        const [a, b] = [Math.min(x, y), Math.max(x, y)];
        const shares = [a, b - a, 10000 - b];
        const ok = validateTierPolicies(shares.map((s, i) => tier(i + 1, toPct(s))));
        expect(ok.map((t) => percentToBasisPoints(t.budgetSharePct)).reduce((s, v) => s + v, 0)).toBe(10000);
      }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10000 }),
        fc.integer({ min: 0, max: 10000 }),
        fc.integer({ min: 0, max: 10000 }),
        (a, b, c) => {
          fc.pre(a + b + c !== 10000);
          expect(() =>
            validateTierPolicies([tier(1, toPct(a)), tier(2, toPct(b)), tier(3, toPct(c))]),
          ).toThrow(AppError);
        },
      ),
    );
  });
});
