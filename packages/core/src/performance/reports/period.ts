import { addDays, toDay } from '@evergreen/rules';
import type { Clock } from '../../shared/context.ts';
import { invalid } from '../../shared/errors.ts';

/** Report days are UTC calendar days; both ends are included. */
export interface Period {
  from: string;
  to: string;
  /** The first instant of `from` (UTC). */
  start: string;
  /** The first instant after `to` (UTC): rows count when start ≤ t < end. */
  end: string;
}

/** Without `from`/`to`: the 365 days up to and including today. */
export const DEFAULT_PERIOD_DAYS = 365;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (s: string) =>
  DAY.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && toDay(new Date(`${s}T00:00:00Z`)) === s;

/** The period of a report query; a bad day or a reversed range throws naming the field. */
export function resolvePeriod(
  q: { from?: string | undefined; to?: string | undefined },
  clock: Clock,
): Period {
  for (const field of ['from', 'to'] as const) {
    const v = q[field];
    if (v !== undefined && !isDay(v))
      throw invalid(field, 'must be a real date like 2026-03-31', 'invalid_date');
  }
  const to = q.to ?? toDay(clock.now());
  const from = q.from ?? addDays(to, -(DEFAULT_PERIOD_DAYS - 1));
  if (from > to) throw invalid('from', 'must not be after `to`', 'range');
  return { from, to, start: `${from}T00:00:00.000Z`, end: `${addDays(to, 1)}T00:00:00.000Z` };
}

/**
 * The spans of `creator_period_facts` that make up a period: the whole UTC months inside it at
 * month grain, the days before the first and after the last of them at day grain (all of it at
 * day grain when no whole month fits). Each span is [lo, hi) of `starts_on`.
 */
export function periodSpans(period: Period): { grain: 'day' | 'month'; lo: string; hi: string }[] {
  const endDay = addDays(period.to, 1);
  const firstMonth = period.from.endsWith('-01') ? period.from : `${nextMonth(period.from)}-01`;
  const lastMonthEnd = `${endDay.slice(0, 7)}-01`;
  if (firstMonth >= lastMonthEnd) return [{ grain: 'day', lo: period.from, hi: endDay }];
  return [
    { grain: 'day' as const, lo: period.from, hi: firstMonth },
    { grain: 'month' as const, lo: firstMonth, hi: lastMonthEnd },
    { grain: 'day' as const, lo: lastMonthEnd, hi: endDay },
  ].filter((s) => s.lo < s.hi);
}

/** 'YYYY-MM' of the month after the day's month. */
function nextMonth(day: string): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}
