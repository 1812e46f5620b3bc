import type { Clock } from '../../shared/context.ts';
import { addDays, toDay } from '../../shared/dates.ts';
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
