import type { CommitmentAgreement } from './commitments.ts';

/** A Tier 1 annual agreement from 2026-01-01: 4 sponsored posts a year at $2,500 (tests change what they test). */
export const annualAgreement: CommitmentAgreement = {
  id: 'a',
  creatorId: 'c',
  tier: 1,
  type: 'annual',
  status: 'active',
  startsOn: '2026-01-01',
  termMonths: 12,
  collaborationsPerYear: 4,
  monthlyFeeMinor: null,
  feeMinor: null,
  currency: 'USD',
  rates: [{ deliverableType: 'sponsored_post', amountMinor: 250_000 }],
  noticeGivenOn: null,
  noticeDays: 30,
  endedOn: null,
};
