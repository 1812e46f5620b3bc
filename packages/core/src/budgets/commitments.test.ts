import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  agreementSchedule,
  type CommitmentAgreement,
  commitments,
  elapsedDays,
  fiscalYear,
  fiscalYearOf,
  proRataReserve,
  splitByShares,
  tierSummaries,
} from './commitments.ts';
import { annualAgreement } from './testing.ts';

const ag = (p: Partial<CommitmentAgreement>): CommitmentAgreement => ({ ...annualAgreement, ...p });

describe('fiscal years', () => {
  it('start on the start month and last twelve months', () => {
    const fy = fiscalYear(2026, 4);
    expect(fy.startsOn).toBe('2026-04-01');
    expect(fy.endsOn).toBe('2027-03-31');
    expect(fy.months[0]).toBe('2026-04');
    expect(fy.months[11]).toBe('2027-03');
    expect(fy.days).toBe(365);
    expect(fiscalYear(2027, 4).days).toBe(366);
    expect(fiscalYearOf('2027-03-31', 4)).toBe(2026);
    expect(fiscalYearOf('2027-04-01', 4)).toBe(2027);
  });
});

describe('pro-rata reserve', () => {
  const fy = fiscalYear(2026, 1);
  it('is exact at month boundaries', () => {
    expect(elapsedDays(fy, '2026-01-01')).toBe(0);
    expect(elapsedDays(fy, '2026-02-01')).toBe(31);
    expect(elapsedDays(fy, '2026-04-01')).toBe(90);
    expect(elapsedDays(fy, '2026-07-01')).toBe(181);
    expect(elapsedDays(fy, '2027-01-01')).toBe(365);
    expect(elapsedDays(fy, '2025-06-01')).toBe(0);
    expect(proRataReserve(365_00, fy, '2026-04-01')).toBe(90_00);
    expect(proRataReserve(365_00, fy, '2026-07-01')).toBe(181_00);
    expect(proRataReserve(4_000_000, fy, '2026-01-01')).toBe(0);
    expect(proRataReserve(4_000_000, fy, '2026-12-31')).toBe(Math.round((4_000_000 * 364) / 365));
    expect(proRataReserve(4_000_000, fy, '2030-01-01')).toBe(4_000_000);
  });
  it('never exceeds the allocation and grows with time', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 0, max: 400 }), (alloc, d) => {
        const day = new Date(Date.UTC(2025, 11, 20 + d)).toISOString().slice(0, 10);
        const next = new Date(Date.UTC(2025, 11, 21 + d)).toISOString().slice(0, 10);
        const r = proRataReserve(alloc, fy, day);
        expect(r).toBeGreaterThanOrEqual(0);
        expect(r).toBeLessThanOrEqual(alloc);
        expect(proRataReserve(alloc, fy, next)).toBeGreaterThanOrEqual(r);
      }),
    );
  });
});

describe('splitting by shares', () => {
  it('40/40/20', () => {
    expect(splitByShares(10_000_000, [4000, 4000, 2000])).toEqual([4_000_000, 4_000_000, 2_000_000]);
    expect(splitByShares(100, [3333, 3333, 3334])).toEqual([33, 33, 34]);
    expect(splitByShares(1, [3333, 3333, 3334])).toEqual([0, 0, 1]);
  });
  it('always adds up to the total', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc.integer({ min: 0, max: 10000 }),
        fc.integer({ min: 0, max: 10000 }),
        (t, x, y) => {
          const [a, b] = [Math.min(x, y), Math.max(x, y)];
          const parts = splitByShares(t, [a, b - a, 10000 - b]);
          expect(parts.reduce((s, p) => s + p, 0)).toBe(t);
        },
      ),
    );
  });
});

describe('commitments', () => {
  const fy = fiscalYear(2026, 1);
  it('seed: 6 Tier 1 creators × 4 times a year × $2,500 = $60,000', () => {
    const six = Array.from({ length: 6 }, (_, i) => ag({ id: `a${i}`, creatorId: `c${i}` }));
    const c = commitments(fy, six, 'USD', []);
    expect(c.byTier).toEqual([6_000_000, 0, 0]);
    expect(c.byMonth.reduce((s, m) => s + m, 0)).toBe(6_000_000);
    // $10,000 a year each, a twelfth a month: 833.33 in January, the cents catch up over the year.
    expect(c.byMonth[0]).toBe(6 * 83_333);
    expect(c.byMonth[11]).toBe(6 * 83_334);
    expect(c.warnings).toEqual([]);
  });
  it('annual: a twelfth a month, exact over the year, uses the first rate', () => {
    const a = ag({
      collaborationsPerYear: 1,
      rates: [
        { deliverableType: 'a', amountMinor: 100 },
        { deliverableType: 'b', amountMinor: 9 },
      ],
    });
    const s = agreementSchedule(a);
    expect(s).toHaveLength(12);
    expect(s.reduce((x, y) => x + y.amountMinor, 0)).toBe(100);
  });
  it('annual across two fiscal years: each gets its months', () => {
    const a = ag({ startsOn: '2026-07-01' });
    expect(commitments(fy, [a], 'USD', []).byTier[0]).toBe(500_000);
    expect(commitments(fiscalYear(2027, 1), [a], 'USD', []).byTier[0]).toBe(500_000);
  });
  it('retainer: monthly fee × months of the term inside the fiscal year', () => {
    const r = ag({
      type: 'retainer',
      monthlyFeeMinor: 300_000,
      startsOn: '2026-10-15',
      termMonths: 6,
      tier: 2,
    });
    const c = commitments(fy, [r], 'USD', []);
    expect(c.byTier).toEqual([0, 900_000, 0]);
    expect(c.byMonth.slice(9)).toEqual([300_000, 300_000, 300_000]);
  });
  it('retainer with notice stops after the notice period', () => {
    const r = ag({ type: 'retainer', monthlyFeeMinor: 100_000, noticeGivenOn: '2026-03-10', noticeDays: 30 });
    // in force through 2026-04-09: Jan, Feb, Mar, Apr term months
    expect(commitments(fy, [r], 'USD', []).byTier[0]).toBe(400_000);
  });
  it('project and one-off: the fee in the month it starts; drafts commit nothing', () => {
    const p = ag({ type: 'project', feeMinor: 150_000, startsOn: '2026-05-20', tier: 3 });
    const d = ag({ type: 'one_off', feeMinor: 999, status: 'draft', tier: 3 });
    const c = commitments(fy, [p, d], 'USD', []);
    expect(c.byTier).toEqual([0, 0, 150_000]);
    expect(c.byMonth[4]).toBe(150_000);
  });
  it('converts at the rate of each month and warns when a rate is missing', () => {
    const rates = [{ currency: 'EUR', reportingCurrency: 'USD', onDate: '2026-01-01', rate: '1.1' }];
    const e = ag({ type: 'project', feeMinor: 100_000, currency: 'EUR', startsOn: '2026-02-01', tier: 2 });
    const r = ag({ type: 'project', feeMinor: 100_000, currency: 'RUB', startsOn: '2026-02-01', tier: 2 });
    const c = commitments(fy, [e, r], 'USD', rates);
    expect(c.byTier).toEqual([0, 110_000, 0]);
    expect(c.warnings).toEqual([
      expect.objectContaining({ code: 'missing_rate', currency: 'RUB', on: '2026-02-01' }),
    ]);
    expect(c.lines.find((l) => l.currency === 'RUB')?.reportingMinor).toBeNull();
  });
});

describe('tier summaries', () => {
  const fy = fiscalYear(2026, 1);
  it('allocation, reserve, remaining and warnings', () => {
    const s = tierSummaries({
      fy,
      today: '2026-04-01',
      totalMinor: 36_500_000,
      sharesPct: ['40', '40', '20'],
      sharesBp: [4000, 4000, 2000],
      committed: [16_000_000, 3_000_000, 1_000_000],
      currency: 'USD',
    });
    expect(s.map((t) => t.allocationMinor)).toEqual([14_600_000, 14_600_000, 7_300_000]);
    expect(s.map((t) => t.reserveMinor)).toEqual([null, 3_600_000, 1_800_000]);
    expect(s.map((t) => t.remainingMinor)).toEqual([-1_400_000, 11_600_000, 6_300_000]);
    expect(s[0]!.warnings.map((w) => w.code)).toEqual(['over_allocation']);
    expect(s[1]!.warnings).toEqual([]);
  });
});
