/**
 * Calendar days as 'YYYY-MM-DD' strings, computed in UTC so no time zone shifts a day. The server
 * counts days in UTC (due dates, "today", snoozes), so the web app does too: a manager in Moscow
 * after midnight is still on the server's day, and a touchpoint dated "today" is never refused as
 * being in the future.
 */

const MS_PER_DAY = 86_400_000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const toMs = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** The UTC day of an instant. */
export const toDay = (d: Date): string => d.toISOString().slice(0, 10);

/** Today as the server counts it. */
export const utcToday = (now: Date = new Date()): string => toDay(now);

/** A 'YYYY-MM-DD' string that Date reads as a day. */
export const isDay = (value: unknown): value is string =>
  typeof value === 'string' && DAY.test(value) && !Number.isNaN(toMs(value));

export const addDays = (day: string, n: number): string => toDay(new Date(toMs(day) + n * MS_PER_DAY));

/** b − a in whole days. */
export const daysBetween = (a: string, b: string): number => Math.round((toMs(b) - toMs(a)) / MS_PER_DAY);

/** The earlier / later of ISO days (YYYY-MM-DD strings order as their days do). */
export const earlierDay = (a: string, b: string): string => (b < a ? b : a);
export const laterDay = (a: string, b: string): string => (b > a ? b : a);
