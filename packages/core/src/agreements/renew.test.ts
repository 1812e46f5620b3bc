import { describe, expect, it } from 'vitest';
import { reviewTerms } from './renew.ts';

const current = {
  rates: [
    { deliverableType: 'reel', amountMinor: 350000 },
    { deliverableType: 'story', amountMinor: 40000 },
  ],
  monthlyFeeMinor: 350000,
  feeMinor: null,
  collaborationsPerYear: 12,
  deliverablesPerMonth: null,
};

describe('annual review', () => {
  it('accepts changes exactly at the bound and keeps what is not proposed', () => {
    const r = reviewTerms(
      current,
      {
        rates: [{ deliverableType: 'reel', amountMinor: 385000 }],
        monthlyFeeMinor: 315000,
        collaborationsPerYear: 13,
      },
      '10',
    );
    expect(r.issues).toEqual([]);
    expect(r.terms).toEqual({
      rates: [
        { deliverableType: 'reel', amountMinor: 385000 },
        { deliverableType: 'story', amountMinor: 40000 },
      ],
      monthlyFeeMinor: 315000,
      feeMinor: null,
      collaborationsPerYear: 13,
      deliverablesPerMonth: null,
    });
  });

  it('refuses one unit beyond, naming the field and the allowed range', () => {
    const r = reviewTerms(
      current,
      {
        rates: [
          { deliverableType: 'story', amountMinor: 40000 },
          { deliverableType: 'reel', amountMinor: 385001 },
          { deliverableType: 'podcast', amountMinor: 1 },
        ],
        monthlyFeeMinor: 314999,
        collaborationsPerYear: 14,
        feeMinor: 100,
      },
      '10',
    );
    expect(r.issues).toEqual([
      {
        field: 'rates.1.amountMinor',
        message: 'must be between 315000 and 385000 (±10% of 350000)',
        code: 'out_of_review_bound',
        params: { minimum: 315000, maximum: 385000, current: 350000 },
      },
      {
        field: 'rates.2.deliverableType',
        message: 'is not a rate of this agreement (a new rate needs a new agreement)',
        code: 'not_in_agreement',
      },
      {
        field: 'monthlyFeeMinor',
        message: 'must be between 315000 and 385000 (±10% of 350000)',
        code: 'out_of_review_bound',
        params: { minimum: 315000, maximum: 385000, current: 350000 },
      },
      { field: 'feeMinor', message: 'has no current value to review', code: 'not_in_agreement' },
      {
        field: 'collaborationsPerYear',
        message: 'must be between 11 and 13 (±10% of 12)',
        code: 'out_of_review_bound',
        params: { minimum: 11, maximum: 13, current: 12 },
      },
    ]);
  });
});
