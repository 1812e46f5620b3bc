import { z } from 'zod';

/**
 * Whether `name` is an IANA time zone name the runtime knows (`Europe/Moscow`, `UTC`): a
 * region/city name, not an offset or abbreviation (`+03:00`, `MSK` are refused). The same
 * check runs in the server and the browser.
 */
export function isIanaTimeZone(name: string): boolean {
  if (name === 'UTC') return true;
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+){1,2}$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** A workspace's time zone: times without an offset in imported files are read in it, and "today" is its day. */
export const ianaTimeZone = z
  .string()
  .trim()
  .max(64)
  .refine(isIanaTimeZone, 'must be an IANA time zone name like Europe/Moscow, America/New_York or UTC');
