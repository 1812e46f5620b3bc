import { createHash } from 'node:crypto';
import { daysBetween, earlierDay, laterDay } from '@evergreen/rules';

/**
 * Overlapping creator activity, as a plain function. Two windows overlap when they belong to
 * different creators, share a product and a market, and their nearer edges are at most
 * `windowDays` apart: `gap = laterStart − earlierEnd` in days, overlap iff `gap <= windowDays`.
 * Windows are whole days, both ends included, so windows that share a day have gap ≤ 0; with
 * windowDays = 0 only those overlap (one ending on the day the other starts included), and
 * windows exactly N days apart overlap at windowDays = N but not at N − 1.
 */

export interface Window {
  kind: 'campaign' | 'deliverable';
  creatorId: string;
  creatorName: string;
  campaignId: string;
  campaignName: string;
  deliverableId: string | null;
  products: string[];
  markets: string[];
  startsOn: string;
  endsOn: string;
}

export interface OverlapPair {
  key: string;
  products: string[];
  markets: string[];
  gapDays: number;
  startsOn: string;
  endsOn: string;
  windows: [Window, Window];
}

/** Days from the end of the earlier window to the start of the later; ≤ 0 when they share days. */
export function gapDays(a: Pick<Window, 'startsOn' | 'endsOn'>, b: Pick<Window, 'startsOn' | 'endsOn'>) {
  const laterStart = laterDay(a.startsOn, b.startsOn);
  const earlierEnd = earlierDay(a.endsOn, b.endsOn);
  return daysBetween(earlierEnd, laterStart);
}

export const windowsOverlap = (
  a: Pick<Window, 'startsOn' | 'endsOn'>,
  b: Pick<Window, 'startsOn' | 'endsOn'>,
  windowDays: number,
) => gapDays(a, b) <= windowDays;

const norm = (s: string) => s.trim().toLocaleLowerCase();
const intersect = (a: string[], b: string[]) => {
  const bs = new Set(b.map(norm));
  return [...new Set(a.filter((x) => bs.has(norm(x))))];
};

/** The same two creators in the same two campaigns always get the same key. */
export function overlapKey(parts: { creatorId: string; campaignId: string }[]): string {
  const ids = parts.map((p) => `${p.campaignId}:${p.creatorId}`).sort();
  return createHash('sha256').update(ids.join('|')).digest('hex').slice(0, 24);
}

/**
 * Every overlap between two creators' windows. One per pair of (creator, campaign): when several
 * windows of the same pair overlap (campaign and deliverable windows), the closest one is kept.
 */
export function findOverlaps(windows: Window[], windowDays: number): OverlapPair[] {
  const best = new Map<string, OverlapPair>();
  for (let i = 0; i < windows.length; i++) {
    for (let j = i + 1; j < windows.length; j++) {
      const a = windows[i]!;
      const b = windows[j]!;
      if (a.creatorId === b.creatorId) continue;
      const products = intersect(a.products, b.products);
      if (!products.length) continue;
      const markets = intersect(a.markets, b.markets);
      if (!markets.length) continue;
      const gap = gapDays(a, b);
      if (gap > windowDays) continue;
      const [first, second] = a.creatorId < b.creatorId ? [a, b] : [b, a];
      const key = overlapKey([first, second]);
      const prev = best.get(key);
      if (prev && prev.gapDays <= gap) continue;
      best.set(key, {
        key,
        products,
        markets,
        gapDays: gap,
        startsOn: earlierDay(a.startsOn, b.startsOn),
        endsOn: laterDay(a.endsOn, b.endsOn),
        windows: [first, second],
      });
    }
  }
  return [...best.values()].sort((x, y) =>
    x.startsOn < y.startsOn ? -1 : x.startsOn > y.startsOn ? 1 : x.key < y.key ? -1 : 1,
  );
}

/**
 * The markets a creator's campaign window covers: the campaign's markets they work in; when they
 * work in none of them (or list none), all of the campaign's.
 */
export function windowMarkets(campaignMarkets: string[], creatorMarkets: string[]): string[] {
  const mine = campaignMarkets.filter((m) => creatorMarkets.includes(m));
  return mine.length ? mine : campaignMarkets;
}
