/** Calendar days as 'YYYY-MM-DD' strings, computed in UTC so no time zone shifts a day. */

const MS_PER_DAY = 86_400_000;

export const toDay = (d: Date): string => d.toISOString().slice(0, 10);
const toMs = (day: string) => Date.parse(`${day}T00:00:00Z`);

export const addDays = (day: string, n: number): string => toDay(new Date(toMs(day) + n * MS_PER_DAY));
/** b − a in whole days. */
export const daysBetween = (a: string, b: string): number => Math.round((toMs(b) - toMs(a)) / MS_PER_DAY);

/** The earlier / later of ISO days (YYYY-MM-DD strings order as their days do). */
export const earlierDay = (a: string, b: string): string => (b < a ? b : a);
export const laterDay = (a: string, b: string): string => (b > a ? b : a);
