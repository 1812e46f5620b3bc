import type { FieldIssue, TierPolicy } from '@evergreen/contracts';
import { AppError } from '../shared/errors.ts';

/**
 * Defaults from our users' programs: a few strategic partners touched monthly,
 * a wider regular group quarterly, occasional creators case by case; budget 40/40/20.
 */
export const defaultTierPolicies = (lang: 'en' | 'ru' = 'en'): TierPolicy[] => [
  {
    tier: 1,
    name: lang === 'ru' ? 'Стратегические' : 'Strategic',
    targetMin: 5,
    targetMax: 8,
    cadenceDays: 30,
    budgetSharePct: '40',
  },
  {
    tier: 2,
    name: lang === 'ru' ? 'Постоянные' : 'Regular',
    targetMin: 15,
    targetMax: 20,
    cadenceDays: 90,
    budgetSharePct: '40',
  },
  {
    tier: 3,
    name: lang === 'ru' ? 'Разовые' : 'Occasional',
    targetMin: null,
    targetMax: null,
    cadenceDays: null,
    budgetSharePct: '20',
  },
];

/** "33.5" → 3350: exact hundredths of a percent, so shares add up without float error. */
export const percentToBasisPoints = (pct: string): number => {
  const [whole = '0', frac = ''] = pct.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0').slice(0, 2));
};

/** Postgres numeric(5,2) comes back as "40.00"; answer the shortest exact form ("40", "33.5"). */
export const normalizePercent = (pct: string): string => {
  const bp = percentToBasisPoints(pct);
  const whole = Math.floor(bp / 100);
  const frac = bp % 100;
  if (frac === 0) return String(whole);
  return `${whole}.${String(frac).padStart(2, '0').replace(/0$/, '')}`;
};

/** The three tiers, 1 to 3, each once; min ≤ max; shares add up to exactly 100%. */
export function validateTierPolicies(tiers: TierPolicy[]): TierPolicy[] {
  const fields: FieldIssue[] = [];
  const seen = new Set(tiers.map((t) => t.tier));
  if (seen.size !== 3 || ![1, 2, 3].every((n) => seen.has(n))) {
    fields.push({ field: 'tiers', message: 'must contain tiers 1, 2 and 3 once each', code: 'tiers_set' });
  }
  tiers.forEach((t, i) => {
    if (t.targetMin != null && t.targetMax != null && t.targetMin > t.targetMax) {
      fields.push({
        field: `tiers.${i}.targetMax`,
        message: 'must be at least the target minimum',
        code: 'min_above_max',
      });
    }
  });
  const total = tiers.reduce((sum, t) => sum + percentToBasisPoints(t.budgetSharePct), 0);
  if (total !== 10000) {
    const sum = normalizePercent(String(total / 100));
    fields.push({
      field: 'tiers',
      message: `budget shares must add up to 100% (they add up to ${sum}%)`,
      code: 'shares_sum',
      params: { sum },
    });
  }
  if (fields.length) {
    throw new AppError('validation_failed', fields.map((f) => `${f.field}: ${f.message}`).join('; '), fields);
  }
  return [...tiers].sort((a, b) => a.tier - b.tier);
}
