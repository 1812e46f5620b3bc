import type { Platform } from '@evergreen/contracts';

interface Snapshot {
  capturedOn: string;
  platform: Platform;
  followers: number;
}

/**
 * Rows for a line chart of followers over time, one series per platform: one row per day,
 * `null` where a platform had no snapshot that day (the chart joins across the gaps). Two
 * snapshots of one platform on one day: the later one in the list counts.
 */
export function followersSeries(snapshots: Snapshot[]): {
  rows: Record<string, string | number | null>[];
  platforms: Platform[];
} {
  const platforms: Platform[] = [];
  const byDay = new Map<string, Map<Platform, number>>();
  for (const s of snapshots) {
    if (!platforms.includes(s.platform)) platforms.push(s.platform);
    const day = byDay.get(s.capturedOn) ?? new Map<Platform, number>();
    day.set(s.platform, s.followers);
    byDay.set(s.capturedOn, day);
  }
  const rows = [...byDay.keys()].sort().map((date) => {
    const row: Record<string, string | number | null> = { date };
    for (const p of platforms) row[p] = byDay.get(date)?.get(p) ?? null;
    return row;
  });
  return { rows, platforms };
}

/** "12.5" and "12,5" → "12.5" (the API's exact decimal); null when empty; undefined when invalid. */
export function percentInput(value: string): string | null | undefined {
  const s = value.trim().replace(',', '.');
  if (!s) return null;
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(s) || Number(s) > 100) return undefined;
  return s;
}
