import { addDays, daysBetween } from '@evergreen/rules';

/** Where a window sits on a day scale from `from` to `to` (both included), in percent of the width. */
export interface Bar {
  leftPct: number;
  widthPct: number;
  /** The window starts before / ends after the visible range. */
  clippedStart: boolean;
  clippedEnd: boolean;
}

/** A window [start, end] (whole days, both included) on the scale; null when it is outside. */
export function barPosition(start: string, end: string, from: string, to: string): Bar | null {
  if (end < from || start > to || to < from) return null;
  const total = daysBetween(from, to) + 1;
  const s = start < from ? from : start;
  const e = end > to ? to : end;
  return {
    leftPct: (daysBetween(from, s) / total) * 100,
    widthPct: ((daysBetween(s, e) + 1) / total) * 100,
    clippedStart: start < from,
    clippedEnd: end > to,
  };
}

/** The first day of every month within the range, with its place on the scale. */
export function monthTicks(from: string, to: string): { day: string; leftPct: number }[] {
  if (to < from) return [];
  const total = daysBetween(from, to) + 1;
  const ticks: { day: string; leftPct: number }[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  let day = from.endsWith('-01') ? from : '';
  if (!day) {
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
    day = `${y}-${String(m).padStart(2, '0')}-01`;
  }
  while (day <= to) {
    ticks.push({ day, leftPct: (daysBetween(from, day) / total) * 100 });
    [y, m] = day.split('-').map(Number) as [number, number];
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
    day = `${y}-${String(m).padStart(2, '0')}-01`;
  }
  return ticks;
}

/**
 * Lanes for windows drawn in one row: a window goes in the first lane whose last window ended
 * before it starts, so bars never cover each other. Returns each window's lane, in input order.
 */
export function assignLanes(windows: { startsOn: string; endsOn: string }[]): number[] {
  const order = windows
    .map((w, i) => ({ w, i }))
    .sort((a, b) => a.w.startsOn.localeCompare(b.w.startsOn) || a.w.endsOn.localeCompare(b.w.endsOn));
  const laneEnds: string[] = [];
  const lanes = new Array<number>(windows.length).fill(0);
  for (const { w, i } of order) {
    let lane = laneEnds.findIndex((end) => end < w.startsOn);
    if (lane === -1) {
      lane = laneEnds.length;
      laneEnds.push(w.endsOn);
    } else laneEnds[lane] = w.endsOn;
    lanes[i] = lane;
  }
  return lanes;
}

/** The default range: 30 days back to 180 days ahead, as the API's default. */
export function defaultRange(today: string): { from: string; to: string } {
  return { from: addDays(today, -30), to: addDays(today, 180) };
}

/** A window's identity, to find the windows an overlap points at. */
export const windowKey = (w: {
  kind: string;
  creatorId: string;
  campaignId: string;
  deliverableId: string | null;
  startsOn: string;
  endsOn: string;
}) => [w.kind, w.creatorId, w.campaignId, w.deliverableId ?? '', w.startsOn, w.endsOn].join('|');
