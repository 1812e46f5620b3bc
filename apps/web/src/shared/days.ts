/**
 * Calendar days as 'YYYY-MM-DD' strings. The server counts days in UTC (due dates, "today",
 * snoozes), so the web app does too: a manager in Moscow after midnight is still on the
 * server's day, and a touchpoint dated "today" is never refused as being in the future.
 */

const MS_PER_DAY = 86_400_000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export const isDay = (value: unknown): value is string =>
  typeof value === 'string' && DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));

export const dayOf = (d: Date): string => d.toISOString().slice(0, 10);

/** Today as the server counts it. */
export const utcToday = (now: Date = new Date()): string => dayOf(now);

export const addDays = (day: string, n: number): string =>
  dayOf(new Date(Date.parse(`${day}T00:00:00Z`) + n * MS_PER_DAY));

/** b − a in whole days. */
export const daysBetween = (a: string, b: string): number =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / MS_PER_DAY);
