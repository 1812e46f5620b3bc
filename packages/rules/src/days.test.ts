import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, earlierDay, isDay, laterDay, toDay, utcToday } from './days.ts';

describe('days', () => {
  it('counts days as the server does, in UTC', () => {
    expect(utcToday(new Date('2026-03-31T23:30:00-05:00'))).toBe('2026-04-01');
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
    expect(addDays('2026-03-29', -1)).toBe('2026-03-28');
    expect(daysBetween('2026-10-07', '2026-11-21')).toBe(45);
    expect(isDay('2026-02-30')).toBe(true);
    expect(isDay('2026-2-3')).toBe(false);
  });

  it('takes the UTC day of an instant, and the earlier or later of two days', () => {
    expect(toDay(new Date('2026-12-31T21:00:00-03:00'))).toBe('2027-01-01');
    expect(toDay(new Date('2026-12-31T23:59:59.999Z'))).toBe('2026-12-31');
    expect(earlierDay('2026-02-01', '2026-01-31')).toBe('2026-01-31');
    expect(laterDay('2026-02-01', '2026-01-31')).toBe('2026-02-01');
    expect(earlierDay('2026-02-01', '2026-02-01')).toBe('2026-02-01');
    expect(isDay(20261121)).toBe(false);
  });
});
