import { describe, expect, it } from 'vitest';
import { fiscalYear } from './commitments.ts';
import { type PlanAgreement, planNextYear } from './plan.ts';
import { annualAgreement } from './testing.ts';

const base: PlanAgreement = { ...annualAgreement, autoRenew: true, previousAgreementId: null };
const ag = (p: Partial<PlanAgreement>): PlanAgreement => ({ ...base, ...p });
const next = fiscalYear(2027, 1);

describe('plan for next year', () => {
  it("the seed's Tier 1: 6 creators × 4 times × $2,500 = $60,000, plus retainers, converted", () => {
    const seed = Array.from({ length: 6 }, (_, i) => ag({ id: `t1-${i}`, creatorId: `c${i}` }));
    const plan = planNextYear(
      next,
      [
        ...seed,
        // A retainer renewed with a reviewed fee: the next term (€1,100) replaces the first (€1,000).
        ag({
          id: 'r1',
          creatorId: 'r',
          tier: 2,
          type: 'retainer',
          currency: 'EUR',
          monthlyFeeMinor: 100_000,
          rates: [],
          collaborationsPerYear: null,
          startsOn: '2026-03-01',
        }),
        ag({
          id: 'r2',
          creatorId: 'r',
          tier: 2,
          type: 'retainer',
          currency: 'EUR',
          monthlyFeeMinor: 110_000,
          rates: [],
          collaborationsPerYear: null,
          startsOn: '2027-03-01',
          previousAgreementId: 'r1',
        }),
        // Not auto-renewing and over before 2027: left out. Notice given: left out. A one-off: left out.
        ag({ id: 'x1', creatorId: 'x1', autoRenew: false }),
        ag({ id: 'x2', creatorId: 'x2', noticeGivenOn: '2026-06-01' }),
        ag({ id: 'x3', creatorId: 'x3', type: 'one_off', feeMinor: 9, rates: [] }),
        // A draft commits nothing; a JPY retainer has no rate: named, left out of the totals.
        ag({ id: 'x4', creatorId: 'x4', status: 'draft' }),
        ag({
          id: 'j',
          creatorId: 'j',
          tier: 3,
          type: 'retainer',
          currency: 'JPY',
          monthlyFeeMinor: 50_000,
          rates: [],
          autoRenew: false,
          termMonths: 24,
        }),
      ],
      'USD',
      [{ currency: 'EUR', reportingCurrency: 'USD', onDate: '2026-12-15', rate: '1.085' }],
    );
    expect(plan.fiscalYear).toBe(2027);
    expect(plan.tiers[0]).toEqual({
      tier: 1,
      lines: [
        {
          type: 'annual',
          creators: 6,
          timesPerYear: 4,
          rateMinor: 250_000,
          currency: 'USD',
          totalMinor: 6_000_000,
          reportingMinor: 6_000_000,
        },
      ],
      totalMinor: 6_000_000,
    });
    // 12 × €1,100 = €13,200 at 1.085 = $14,322.00
    expect(plan.tiers[1]).toEqual({
      tier: 2,
      lines: [
        {
          type: 'retainer',
          creators: 1,
          timesPerYear: 12,
          rateMinor: 110_000,
          currency: 'EUR',
          totalMinor: 1_320_000,
          reportingMinor: 1_432_200,
        },
      ],
      totalMinor: 1_432_200,
    });
    expect(plan.tiers[2]!.lines).toEqual([
      {
        type: 'retainer',
        creators: 1,
        timesPerYear: 12,
        rateMinor: 50_000,
        currency: 'JPY',
        totalMinor: 600_000,
        reportingMinor: null,
      },
    ]);
    expect(plan.tiers[2]!.totalMinor).toBe(0);
    expect(plan.totalMinor).toBe(7_432_200);
    expect(plan.warnings).toEqual([
      expect.objectContaining({ code: 'missing_rate', currency: 'JPY', on: '2027-01-01' }),
    ]);
  });

  it('groups by rate: different rates make different lines', () => {
    const plan = planNextYear(
      next,
      [
        ag({ id: 'a', creatorId: 'a' }),
        ag({ id: 'b', creatorId: 'b', rates: [{ deliverableType: 'reel', amountMinor: 300_000 }] }),
      ],
      'USD',
      [],
    );
    expect(plan.tiers[0]!.lines.map((l) => [l.creators, l.timesPerYear, l.rateMinor, l.totalMinor])).toEqual([
      [1, 4, 300_000, 1_200_000],
      [1, 4, 250_000, 1_000_000],
    ]);
  });
});
