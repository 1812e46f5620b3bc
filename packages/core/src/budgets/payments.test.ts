import { describe, expect, it } from 'vitest';
import type { CommitmentAgreement } from './commitments.ts';
import {
  applyPayment,
  deliverablePayment,
  isOverdue,
  onTimeRates,
  ratePct,
  retainerPayments,
} from './payments.ts';

const retainer: CommitmentAgreement & { paymentTermsDays: number } = {
  id: 'a',
  creatorId: 'c',
  tier: 1,
  type: 'retainer',
  status: 'active',
  startsOn: '2026-01-31',
  termMonths: 3,
  collaborationsPerYear: null,
  monthlyFeeMinor: 300_000,
  feeMinor: null,
  currency: 'USD',
  rates: [],
  noticeGivenOn: null,
  noticeDays: 30,
  endedOn: null,
  paymentTermsDays: 30,
};

describe('payment schedule', () => {
  it('a retainer: one payment per month, on the start day + payment terms', () => {
    expect(retainerPayments(retainer).map((p) => [p.periodOn, p.dueOn, p.amountMinor])).toEqual([
      ['2026-01-31', '2026-03-02', 300_000],
      ['2026-02-28', '2026-03-30', 300_000],
      ['2026-03-31', '2026-04-30', 300_000],
    ]);
    expect(retainerPayments({ ...retainer, status: 'draft' })).toEqual([]);
    expect(retainerPayments({ ...retainer, endedOn: '2026-02-10' })).toHaveLength(1);
  });
  it('a deliverable: its cost on approval + payment terms, once approved or live', () => {
    const d = {
      id: 'd',
      creatorId: 'c',
      agreementId: null,
      status: 'approved',
      costMinor: 50_000,
      costCurrency: 'EUR',
      approvedOn: '2026-05-10',
      paymentTermsDays: 14,
    };
    expect(deliverablePayment(d)).toMatchObject({
      dueOn: '2026-05-24',
      amountMinor: 50_000,
      currency: 'EUR',
    });
    expect(deliverablePayment({ ...d, status: 'submitted' })).toBeNull();
    expect(deliverablePayment({ ...d, costMinor: null })).toBeNull();
  });
});

describe('paying', () => {
  it('in full by default, partially when less', () => {
    const p = { amountMinor: 1000, paidMinor: 0, status: 'scheduled' as const };
    expect(applyPayment(p, { paidOn: '2026-01-01' })).toEqual({
      paidMinor: 1000,
      status: 'paid',
      paidOn: '2026-01-01',
    });
    const half = applyPayment(p, { paidOn: '2026-01-01', amountMinor: 400 });
    expect(half).toMatchObject({ paidMinor: 400, status: 'partially_paid' });
    expect(applyPayment({ ...p, ...half }, { paidOn: '2026-01-05' })).toMatchObject({
      paidMinor: 1000,
      status: 'paid',
    });
    expect(() => applyPayment({ ...p, status: 'cancelled' }, { paidOn: '2026-01-01' })).toThrow();
  });
  it('overdue: unpaid after the due date', () => {
    expect(isOverdue({ status: 'scheduled', dueOn: '2026-01-01' }, '2026-01-02')).toBe(true);
    expect(isOverdue({ status: 'scheduled', dueOn: '2026-01-01' }, '2026-01-01')).toBe(false);
    expect(isOverdue({ status: 'partially_paid', dueOn: '2026-01-01' }, '2026-02-01')).toBe(true);
    expect(isOverdue({ status: 'paid', dueOn: '2026-01-01' }, '2026-02-01')).toBe(false);
  });
  it('on-time rate = paid on or before the due date / paid', () => {
    const rows = [
      { creatorId: 'x', status: 'paid' as const, dueOn: '2026-01-10', paidOn: '2026-01-10' },
      { creatorId: 'x', status: 'paid' as const, dueOn: '2026-01-10', paidOn: '2026-01-11' },
      { creatorId: 'x', status: 'paid' as const, dueOn: '2026-02-10', paidOn: '2026-02-01' },
      { creatorId: 'x', status: 'scheduled' as const, dueOn: '2026-03-10', paidOn: null },
      { creatorId: 'y', status: 'scheduled' as const, dueOn: '2026-03-10', paidOn: null },
    ];
    expect(onTimeRates(rows)).toEqual([
      { creatorId: 'x', paid: 3, onTime: 2, ratePct: '66.7' },
      { creatorId: 'y', paid: 0, onTime: 0, ratePct: null },
    ]);
    expect(ratePct(7, 8)).toBe('87.5');
    expect(ratePct(1, 1)).toBe('100');
    expect(ratePct(1, 2000)).toBe('0.1'); // 0.05 → half up
  });
});
