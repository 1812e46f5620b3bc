import { addMonths } from '../agreements/index.ts';
import { addDays } from '../shared/dates.ts';
import { COMMITTING_STATUSES, type CommitmentAgreement, lastDayInForce } from './commitments.ts';

/**
 * Payment rules, as plain functions of plain data (docs/budgets.md).
 *
 * Schedule: a retainer owes its monthly fee for each term month in force, due on the month's
 * first day (the start day, S + k months) + payment terms; an approved or live deliverable with a
 * cost owes it on its approval day + payment terms. Paying fairly and on time is measured as
 * on-time rate = payments paid in full on or before their due date / payments paid in full.
 */

export interface ScheduledPayment {
  creatorId: string;
  agreementId: string | null;
  deliverableId: string | null;
  periodOn: string | null;
  dueOn: string;
  amountMinor: number;
  currency: string;
}

export function retainerPayments(a: CommitmentAgreement & { paymentTermsDays: number }): ScheduledPayment[] {
  if (a.type !== 'retainer' || !COMMITTING_STATUSES.includes(a.status) || !a.monthlyFeeMinor) return [];
  const last = lastDayInForce(a);
  const out: ScheduledPayment[] = [];
  for (let k = 0; k < a.termMonths; k++) {
    const periodOn = addMonths(a.startsOn, k);
    if (periodOn > last) break;
    out.push({
      creatorId: a.creatorId,
      agreementId: a.id,
      deliverableId: null,
      periodOn,
      dueOn: addDays(periodOn, a.paymentTermsDays),
      amountMinor: a.monthlyFeeMinor,
      currency: a.currency,
    });
  }
  return out;
}

export interface PayableDeliverable {
  id: string;
  creatorId: string;
  agreementId: string | null;
  status: string;
  costMinor: number | null;
  costCurrency: string | null;
  /** The day it was approved (see docs/budgets.md for how it is read). */
  approvedOn: string;
  paymentTermsDays: number;
}

export function deliverablePayment(d: PayableDeliverable): ScheduledPayment | null {
  if ((d.status !== 'approved' && d.status !== 'live') || !d.costMinor || !d.costCurrency) return null;
  return {
    creatorId: d.creatorId,
    agreementId: d.agreementId,
    deliverableId: d.id,
    periodOn: null,
    dueOn: addDays(d.approvedOn, d.paymentTermsDays),
    amountMinor: d.costMinor,
    currency: d.costCurrency,
  };
}

export type PaymentStatus = 'scheduled' | 'paid' | 'partially_paid' | 'cancelled';

/** Records a payment of `amountMinor` (default: what is still owed) on `paidOn`. */
export function applyPayment(
  p: { amountMinor: number; paidMinor: number; status: PaymentStatus },
  pay: { amountMinor?: number | undefined; paidOn: string },
): { paidMinor: number; status: PaymentStatus; paidOn: string } {
  if (p.status === 'cancelled') throw new Error('cancelled');
  const owed = Math.max(p.amountMinor - p.paidMinor, 0);
  const amount = pay.amountMinor ?? owed;
  const paidMinor = p.paidMinor + amount;
  return { paidMinor, status: paidMinor >= p.amountMinor ? 'paid' : 'partially_paid', paidOn: pay.paidOn };
}

export const isOverdue = (p: { status: PaymentStatus; dueOn: string }, today: string): boolean =>
  (p.status === 'scheduled' || p.status === 'partially_paid') && p.dueOn < today;

export interface OnTime {
  creatorId: string;
  paid: number;
  onTime: number;
  /** Percent with up to one decimal ("87.5"), or null when nothing has been paid in full yet. */
  ratePct: string | null;
}

/** Per creator: payments paid in full, those paid on or before their due date, and the rate. */
export function onTimeRates(
  rows: readonly { creatorId: string; status: PaymentStatus; dueOn: string; paidOn: string | null }[],
): OnTime[] {
  const by = new Map<string, { paid: number; onTime: number }>();
  for (const r of rows) {
    const e = by.get(r.creatorId) ?? { paid: 0, onTime: 0 };
    if (r.status === 'paid') {
      e.paid++;
      if (r.paidOn && r.paidOn <= r.dueOn) e.onTime++;
    }
    by.set(r.creatorId, e);
  }
  return [...by].map(([creatorId, e]) => ({
    creatorId,
    ...e,
    ratePct: e.paid ? ratePct(e.onTime, e.paid) : null,
  }));
}

/** onTime / paid as a percent, half up to one decimal, exactly: 7/8 → "87.5", 2/3 → "66.7". */
export function ratePct(onTime: number, paid: number): string {
  const tenths = Math.floor((onTime * 2000 + paid) / (2 * paid)); // round(onTime × 1000 / paid), half up
  const whole = Math.floor(tenths / 10);
  const frac = tenths % 10;
  return frac ? `${whole}.${frac}` : `${whole}`;
}
