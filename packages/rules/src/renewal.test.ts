import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from './days.ts';
import {
  addMonths,
  adjustWithinBound,
  agreementDates,
  allowedRange,
  effectiveEndOn,
  monthSixOn,
  nextTermStartsOn,
  noticeDeadline,
  openDecisions,
  percentHundredths,
  rateReviewOn,
  readPercentHundredths,
  termEndsOn,
  withinBound,
} from './renewal.ts';

/** Each row: the function's two arguments, then what it answers. */
type Cases = readonly (readonly [string, number, string])[];
const expectEach = (fn: (on: string, n: number) => string, cases: Cases) => {
  for (const [on, n, answer] of cases) expect(fn(on, n), `${fn.name}(${on}, ${n})`).toBe(answer);
};

describe('calendar months', () => {
  it('clamps to the end of a shorter month, leap years included', () => {
    expectEach(addMonths, [
      ['2026-01-31', 1, '2026-02-28'],
      ['2028-01-31', 1, '2028-02-29'],
      ['2028-02-29', 12, '2029-02-28'],
      ['2026-11-30', 3, '2027-02-28'],
      ['2026-08-31', 1, '2026-09-30'],
      ['2026-12-15', 1, '2027-01-15'],
      ['2026-03-15', 0, '2026-03-15'],
      ['2026-11-15', 3, '2027-02-15'],
      ['2026-03-31', -1, '2026-02-28'],
    ]);
  });

  it('ends a term on the day before the same date N months later (inclusive last day)', () => {
    expectEach(termEndsOn, [
      ['2026-01-01', 12, '2026-12-31'],
      ['2026-01-31', 1, '2026-02-27'],
      ['2028-01-31', 1, '2028-02-28'],
      ['2026-03-31', 1, '2026-04-29'],
      // Leap years: a year from 1 March 2027 ends on 29 February 2028; from 29 February 2028 on 27 February 2029.
      ['2027-03-01', 12, '2028-02-29'],
      ['2026-03-01', 12, '2027-02-28'],
      ['2028-02-29', 12, '2029-02-27'],
    ]);
    expectEach(nextTermStartsOn, [
      ['2026-01-01', 12, '2027-01-01'],
      ['2028-02-29', 12, '2029-02-28'],
    ]);
  });
});

describe('decision dates', () => {
  it('puts the notice deadline notice days before the term end, the rate review 30 days before that', () => {
    expectEach(noticeDeadline, [
      ['2026-12-31', 30, '2026-12-01'],
      ['2028-03-31', 30, '2028-03-01'],
      ['2027-03-31', 30, '2027-03-01'],
      ['2028-02-29', 0, '2028-02-29'],
    ]);
    expectEach(rateReviewOn, [
      ['2026-12-31', 30, '2026-11-01'],
      ['2027-02-28', 60, '2026-11-30'],
    ]);
  });

  it('ends an agreement notice days after the notice ("exit with 30 days\' notice")', () => {
    expectEach(effectiveEndOn, [
      ['2026-11-20', 30, '2026-12-20'],
      ['2028-02-15', 30, '2028-03-16'],
      ['2027-02-15', 30, '2027-03-17'],
      ['2026-12-01', 30, '2026-12-31'],
      ['2026-02-15', 0, '2026-02-15'],
    ]);
  });

  it('has a month-6 decision only for the first term of annual agreements and retainers', () => {
    expect(monthSixOn({ type: 'annual', termNumber: 1, startsOn: '2026-01-31' })).toBe('2026-07-31');
    expect(monthSixOn({ type: 'retainer', termNumber: 1, startsOn: '2026-03-31' })).toBe('2026-09-30');
    expect(monthSixOn({ type: 'annual', termNumber: 2, startsOn: '2027-01-01' })).toBeNull();
    expect(monthSixOn({ type: 'project', termNumber: 1, startsOn: '2026-01-01' })).toBeNull();
  });

  it('derives every date of an agreement', () => {
    const facts = {
      type: 'annual' as const,
      startsOn: '2026-01-01',
      termMonths: 12,
      termNumber: 1,
      noticeDays: 30,
      autoRenew: true,
      noticeGivenOn: null,
    };
    expect(agreementDates(facts)).toEqual({
      termEndsOn: '2026-12-31',
      noticeDeadline: '2026-12-01',
      rateReviewOn: '2026-11-01',
      monthSixOn: '2026-07-01',
      effectiveEndOn: null,
      renewsOn: '2027-01-01',
    });
    expect(agreementDates({ ...facts, noticeGivenOn: '2026-09-10' })).toMatchObject({
      effectiveEndOn: '2026-10-10',
      renewsOn: null,
    });
  });

  it('lists the open decisions with days left and past-due flags', () => {
    const a = {
      type: 'annual' as const,
      startsOn: '2026-01-01',
      termMonths: 12,
      termNumber: 1,
      noticeDays: 30,
      autoRenew: true,
      noticeGivenOn: null,
      status: 'active',
      extendDecision: null,
      hasNextTerm: false,
    };
    expect(openDecisions(a, '2026-07-05')).toEqual([
      { kind: 'month_six', date: '2026-07-01', daysLeft: -4, pastDue: true },
      { kind: 'rate_review', date: '2026-11-01', daysLeft: 119, pastDue: false },
      { kind: 'notice_deadline', date: '2026-12-01', daysLeft: 149, pastDue: false },
      { kind: 'term_end', date: '2026-12-31', daysLeft: 179, pastDue: false },
    ]);
    expect(openDecisions({ ...a, extendDecision: 'extend' }, '2026-07-05').map((d) => d.kind)).toEqual([
      'rate_review',
      'notice_deadline',
      'term_end',
    ]);
    expect(openDecisions({ ...a, hasNextTerm: true }, '2026-07-05')).toEqual([]);
    expect(openDecisions({ ...a, status: 'notice_given' }, '2026-07-05')).toEqual([]);
    expect(openDecisions({ ...a, status: 'sent' }, '2026-07-05')).toEqual([]);
    // A project ends with its term: nothing to review.
    expect(
      openDecisions({ ...a, type: 'project', autoRenew: false, termMonths: 2 }, '2026-01-05').map(
        (d) => d.kind,
      ),
    ).toEqual(['term_end']);
  });
});

describe('review bound', () => {
  it('allows exactly ±pct in integer minor units', () => {
    expect(allowedRange(350000, '10')).toEqual({ min: 315000, max: 385000 });
    expect(withinBound(350000, 385000, '10')).toBe(true);
    expect(withinBound(350000, 385001, '10')).toBe(false);
    expect(withinBound(350000, 315000, '10')).toBe(true);
    expect(withinBound(350000, 314999, '10')).toBe(false);
    expect(allowedRange(350000, '7.5')).toEqual({ min: 323750, max: 376250 });
    expect(allowedRange(350001, '10.00')).toEqual({ min: 315001, max: 385001 });
    // Never past the bound: 10% of 12 collaborations is 1.2, so one either way.
    expect(allowedRange(12, '10')).toEqual({ min: 11, max: 13 });
    expect(allowedRange(2, '10')).toEqual({ min: 2, max: 2 });
    expect(allowedRange(0, '10')).toEqual({ min: 0, max: 0 });
    expect(allowedRange(99999, '7.5')).toEqual({ min: 92500, max: 107498 });
    expect(allowedRange(999_999_999_999, '10')).toEqual({ min: 900_000_000_000, max: 1_099_999_999_998 });
  });

  it('reads percentages exactly', () => {
    expect(percentHundredths('10')).toBe(1000);
    expect(percentHundredths('10.00')).toBe(1000);
    expect(percentHundredths('7.5')).toBe(750);
    expect(percentHundredths('0.05')).toBe(5);
    expect(() => percentHundredths('1e2')).toThrow();
    // Typed into a form: a value that is not a percentage reads as null, nothing thrown.
    expect(readPercentHundredths('10')).toBe(1000);
    expect(readPercentHundredths('7.5')).toBe(750);
    expect(readPercentHundredths('0.05')).toBe(5);
    expect(readPercentHundredths('10.00')).toBe(1000);
    expect(readPercentHundredths('7,5')).toBeNull();
    expect(readPercentHundredths('')).toBeNull();
  });

  it('changes by the percent asked for a rate review, inside the allowed range, in whole minor units', () => {
    // 10% of 350000 allows 315000…385000 (allowedRange).
    expect(adjustWithinBound(350000, '10', 5)).toBe(367500);
    expect(adjustWithinBound(350000, '10', -10)).toBe(315000);
    expect(adjustWithinBound(350000, '10', 25)).toBe(385000);
    expect(adjustWithinBound(350000, '10', -40)).toBe(315000);
    // 7.5% of 999 is 74.925: 924…1073; +3.3% is 1031.967 → 1032.
    expect(adjustWithinBound(999, '7.5', 3.3)).toBe(1032);
    // A bound too small to move (10% of 2 rounds to 0) keeps the value.
    expect(adjustWithinBound(2, '10', 10)).toBe(2);
  });
});

const day = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('properties', () => {
  it('terms tile: the next term starts the day after the last day, and lasts the right months', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 60 }), (start, months) => {
        const end = termEndsOn(start, months);
        expect(addDays(end, 1)).toBe(nextTermStartsOn(start, months));
        expect(end >= start).toBe(true);
        // Between 28·N − 3 and 31·N days long.
        const len = daysBetween(start, end) + 1;
        expect(len).toBeGreaterThanOrEqual(28 * months - 3);
        expect(len).toBeLessThanOrEqual(31 * months);
      }),
    );
  });

  it('adding months keeps the day of month unless the month is shorter', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 240 }), (start, months) => {
        const out = addMonths(start, months);
        const [y, m, d] = start.split('-').map(Number) as [number, number, number];
        const [y2, m2, d2] = out.split('-').map(Number) as [number, number, number];
        expect(y2 * 12 + m2 - (y * 12 + m)).toBe(months);
        expect(d2 <= d).toBe(true);
        if (d2 < d) expect(addDays(out, 1).slice(8)).toBe('01');
      }),
    );
  });

  it('the allowed range is the widest whole range within the bound', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc.integer({ min: 0, max: 10000 }),
        (current, hundredths) => {
          const pct = `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
          const { min, max } = allowedRange(current, pct);
          const delta = BigInt(max - current);
          expect(current - min).toBe(max - current);
          expect(delta * 10000n <= BigInt(current) * BigInt(hundredths)).toBe(true);
          expect((delta + 1n) * 10000n > BigInt(current) * BigInt(hundredths)).toBe(true);
        },
      ),
    );
  });

  it('notice given on the deadline ends the agreement exactly with its term', () => {
    fc.assert(
      fc.property(
        day,
        fc.integer({ min: 1, max: 36 }),
        fc.integer({ min: 0, max: 120 }),
        (start, months, notice) => {
          const end = termEndsOn(start, months);
          expect(effectiveEndOn(noticeDeadline(end, notice), notice)).toBe(end);
        },
      ),
    );
  });
});
