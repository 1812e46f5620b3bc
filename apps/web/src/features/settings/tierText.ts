import type { TierPolicy } from '@evergreen/contracts';
import type { TFunction } from 'i18next';

export function tierTargetText(tier: TierPolicy, t: TFunction): string {
  const { targetMin: min, targetMax: max } = tier;
  if (min !== null && max !== null) return min === max ? String(min) : `${min}–${max}`;
  if (min !== null) return t('tiers.atLeast', { n: min });
  if (max !== null) return t('tiers.upTo', { n: max });
  return t('tiers.noTarget');
}

export function tierCadenceText(tier: TierPolicy, t: TFunction, days: (n: number) => string): string {
  return tier.cadenceDays === null
    ? t('tiers.caseByCase')
    : t('tiers.every', { duration: days(tier.cadenceDays) });
}

/** Sum of exact decimal percentages, in hundredths, so 33.33 + 33.33 + 33.34 is exactly 100. */
export function sumHundredths(values: string[]): number {
  return values.reduce((sum, v) => {
    const n = Number(v);
    return sum + (Number.isFinite(n) ? Math.round(n * 100) : 0);
  }, 0);
}
