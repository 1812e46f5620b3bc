import type { CreatorList } from '@evergreen/contracts';

type TierCount = CreatorList['tiers'][number];

/** "5–8", "15+" (at least), "0–8" (at most), or null when the tier has no target. */
export function targetRangeText(min: number | null, max: number | null): string | null {
  if (min !== null && max !== null) return min === max ? String(min) : `${min}–${max}`;
  if (min !== null) return `${min}+`;
  if (max !== null) return `0–${max}`;
  return null;
}

/** How far a tier is from its target: creators to add (under) or too many (over). */
export function targetGap(tier: Pick<TierCount, 'count' | 'targetMin' | 'targetMax' | 'health'>): number {
  if (tier.health === 'under' && tier.targetMin !== null) return tier.targetMin - tier.count;
  if (tier.health === 'over' && tier.targetMax !== null) return tier.count - tier.targetMax;
  return 0;
}
