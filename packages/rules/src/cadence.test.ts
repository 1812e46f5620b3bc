import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CadenceInput,
  effectiveCadence,
  isGoneQuiet,
  nextCheckIn,
  overdueRatio,
  todayBucket,
  validSnoozeUntil,
} from './cadence.ts';
import { addDays, daysBetween } from './days.ts';

const tier1: CadenceInput = {
  tierCadenceDays: 30,
  cadenceDaysOverride: null,
  lastTouchpointOn: '2026-10-01',
  addedOn: '2025-01-15',
  snoozedUntil: null,
};

describe('cadence', () => {
  it('next check-in is the last touchpoint plus the tier cadence', () => {
    expect(nextCheckIn(tier1)).toBe('2026-10-31');
    expect(nextCheckIn({ ...tier1, tierCadenceDays: 90 })).toBe('2026-12-30');
  });

  it("uses the creator's own cadence over the tier's", () => {
    expect(effectiveCadence({ tierCadenceDays: 30, cadenceDaysOverride: 14 })).toBe(14);
    expect(nextCheckIn({ ...tier1, cadenceDaysOverride: 14 })).toBe('2026-10-15');
  });

  it('crosses month and leap-year ends exactly', () => {
    expect(nextCheckIn({ ...tier1, lastTouchpointOn: '2028-01-31' })).toBe('2028-03-01');
    expect(nextCheckIn({ ...tier1, lastTouchpointOn: '2027-01-31' })).toBe('2027-03-02');
    expect(nextCheckIn({ ...tier1, lastTouchpointOn: '2026-12-15' })).toBe('2027-01-14');
  });

  it('a creator never contacted is due from the day they were added', () => {
    expect(nextCheckIn({ ...tier1, lastTouchpointOn: null })).toBe('2025-01-15');
  });

  it('no cadence (case by case) means never due and never quiet', () => {
    const t3 = { ...tier1, tierCadenceDays: null };
    expect(nextCheckIn(t3)).toBeNull();
    expect(todayBucket(t3, '2030-01-01')).toBeNull();
    expect(isGoneQuiet(t3, '2030-01-01')).toBe(false);
  });

  it('gone quiet after more than twice the cadence, not at exactly twice', () => {
    // last touchpoint 2026-10-01, cadence 30: twice = 60 days = 2026-11-30.
    expect(isGoneQuiet(tier1, '2026-11-30')).toBe(false);
    expect(isGoneQuiet(tier1, '2026-12-01')).toBe(true);
    expect(isGoneQuiet({ ...tier1, cadenceDaysOverride: 90 }, '2026-12-01')).toBe(false);
  });

  it('buckets: overdue before the due day, due on it, upcoming within 7 days', () => {
    // next check-in 2026-10-31
    expect(todayBucket(tier1, '2026-11-01')).toBe('overdue');
    expect(todayBucket(tier1, '2026-10-31')).toBe('due');
    expect(todayBucket(tier1, '2026-10-30')).toBe('upcoming');
    expect(todayBucket(tier1, '2026-10-24')).toBe('upcoming');
    expect(todayBucket(tier1, '2026-10-23')).toBeNull();
  });

  it('a snooze hides the creator until the snooze day, then they come back', () => {
    const snoozed = { ...tier1, snoozedUntil: '2026-11-10' };
    expect(todayBucket(snoozed, '2026-11-09')).toBeNull();
    expect(todayBucket(snoozed, '2026-11-10')).toBe('overdue');
  });

  it('snoozes only until a day after today', () => {
    expect(validSnoozeUntil('2026-11-10', '2026-11-09')).toBe(true);
    expect(validSnoozeUntil('2026-11-09', '2026-11-09')).toBe(false);
    expect(validSnoozeUntil('2026-11-08', '2026-11-09')).toBe(false);
  });

  it('orders the overdue by how far past their cadence they are', () => {
    const monthly = { ...tier1 }; // due 2026-10-31
    const quarterly = { ...tier1, tierCadenceDays: 90, lastTouchpointOn: '2026-07-01' }; // due 2026-09-29
    expect(overdueRatio(monthly, '2026-11-30')).toBeCloseTo(30 / 30);
    expect(overdueRatio(quarterly, '2026-11-30')).toBeCloseTo(62 / 90);
  });

  it('property: the next check-in is always exactly one cadence after the last touchpoint', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2090-12-31'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 3650 }),
        (d, cadence) => {
          const last = d.toISOString().slice(0, 10);
          const next = nextCheckIn({ ...tier1, lastTouchpointOn: last, tierCadenceDays: cadence })!;
          expect(daysBetween(last, next)).toBe(cadence);
          expect(addDays(next, -cadence)).toBe(last);
          expect(todayBucket({ ...tier1, lastTouchpointOn: last, tierCadenceDays: cadence }, next)).toBe(
            'due',
          );
        },
      ),
    );
  });
});
