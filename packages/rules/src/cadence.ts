import { addDays, daysBetween } from './days.ts';

/**
 * Keeping relationships warm, as plain rules of plain data. A creator's cadence is their own
 * override, else their tier's; the next check-in is the last touchpoint plus the cadence (a
 * creator never contacted is due from the day they were added); "gone quiet" is no touchpoint
 * for more than twice the cadence.
 */

export interface CadenceInput {
  tierCadenceDays: number | null;
  cadenceDaysOverride: number | null;
  lastTouchpointOn: string | null;
  /** The day the creator was added: the start when nobody has talked to them yet. */
  addedOn: string;
  snoozedUntil: string | null;
}

export const effectiveCadence = (
  c: Pick<CadenceInput, 'tierCadenceDays' | 'cadenceDaysOverride'>,
): number | null => c.cadenceDaysOverride ?? c.tierCadenceDays;

export function nextCheckIn(c: CadenceInput): string | null {
  const cadence = effectiveCadence(c);
  if (cadence == null) return null;
  return c.lastTouchpointOn ? addDays(c.lastTouchpointOn, cadence) : c.addedOn;
}

/** Silence longer than twice the cadence, counted from the last touchpoint (or from being added). */
export function isGoneQuiet(c: CadenceInput, today: string): boolean {
  const cadence = effectiveCadence(c);
  if (cadence == null) return false;
  return daysBetween(c.lastTouchpointOn ?? c.addedOn, today) > 2 * cadence;
}

export const isSnoozed = (c: Pick<CadenceInput, 'snoozedUntil'>, today: string) =>
  c.snoozedUntil != null && c.snoozedUntil > today;

export type Bucket = 'overdue' | 'due' | 'upcoming';
export const UPCOMING_DAYS = 7;

/** Where a creator stands on Today: overdue, due today, coming in the next 7 days, or nowhere. */
export function todayBucket(c: CadenceInput, today: string): Bucket | null {
  if (isSnoozed(c, today)) return null;
  const next = nextCheckIn(c);
  if (next == null) return null;
  if (next < today) return 'overdue';
  if (next === today) return 'due';
  if (daysBetween(today, next) <= UPCOMING_DAYS) return 'upcoming';
  return null;
}

/** How far past their cadence a creator is: 1.0 = one full cadence late. Sorts the overdue list. */
export function overdueRatio(c: CadenceInput, today: string): number {
  const next = nextCheckIn(c);
  const cadence = effectiveCadence(c);
  if (next == null || cadence == null) return 0;
  return daysBetween(next, today) / cadence;
}

/** Snoozing needs a day after today. */
export const validSnoozeUntil = (until: string, today: string) => until > today;
