import type { Payment, PaymentListQuery, PaymentPage, PayPaymentRequest } from '@evergreen/contracts';
import { paymentListQuery, payPaymentRequest } from '@evergreen/contracts';
import type { Db, payments } from '@evergreen/db';
import { toDay } from '@evergreen/rules';
import { recordAudit } from '../audit/index.ts';
import { requireRole } from '../shared/access.ts';
import type { ActorCtx, PortalCtx } from '../shared/context.ts';
import { AppError, notFound } from '../shared/errors.ts';
import { formatMoney } from '../shared/money.ts';
import { toReporting } from './fx.ts';
import {
  applyPayment,
  deliverablePayment,
  isOverdue,
  onTimeRates,
  type PaymentStatus,
  retainerPayments,
  type ScheduledPayment,
} from './payments.ts';
import {
  costedDeliverables,
  creatorNames,
  creatorPaymentRows,
  forecastPayments,
  insertNewPayments,
  lockPaymentRow,
  overduePaymentRows,
  paidAmounts,
  paymentListRows,
  paymentRowsById,
  paymentsDueSoon,
  rateRows,
  reportingCurrencyOf,
  retainersInForce,
  selectPayments,
  updatePayment,
} from './queries.ts';

type PaymentRow = typeof payments.$inferSelect;

const toPayment = (p: PaymentRow, creatorName: string, today: string): Payment => ({
  id: p.id,
  creatorId: p.creatorId,
  creatorName,
  agreementId: p.agreementId,
  deliverableId: p.deliverableId,
  periodOn: p.periodOn,
  dueOn: p.dueOn,
  amountMinor: p.amountMinor,
  currency: p.currency,
  status: p.status,
  paidOn: p.paidOn,
  paidMinor: p.paidMinor,
  reference: p.reference,
  overdue: isOverdue(p, today),
});

/**
 * Payments matching the filters, a page of them when `limit` is given, with how many match and
 * what is still owed over all of them (per currency), so a paged screen's totals stay whole.
 */
export async function listPayments(
  { db, clock, actor }: ActorCtx,
  raw: PaymentListQuery = {},
): Promise<PaymentPage> {
  const q = paymentListQuery.parse(raw);
  const today = toDay(clock.now());
  const [rows, sums] = await paymentListRows(db, actor.workspaceId, q, today);
  const reporting = await reportingCurrencyOf(db, actor.workspaceId);
  const rates = await rateRows(db, actor.workspaceId, reporting);
  // Screens show both: the amount in its own currency and in the reporting currency.
  const list = rows.map((r) => {
    const c = toReporting(
      { amountMinor: r.p.amountMinor, currency: r.p.currency, on: r.p.dueOn },
      reporting,
      rates,
    );
    return {
      ...toPayment(r.p, r.name, today),
      reporting: c.ok ? { currency: reporting, amountMinor: c.amountMinor } : null,
    };
  });
  return {
    payments: list,
    total: sums.reduce((n, s) => n + s.count, 0),
    owed: sums
      .filter((s) => s.owed !== '0')
      .map((s) => ({ currency: s.currency, amountMinor: Number(s.owed) })),
  };
}

/** Unpaid (scheduled or partially paid) after their due date, the oldest first. */
export async function listOverduePayments({ db, clock, actor }: ActorCtx): Promise<Payment[]> {
  const today = toDay(clock.now());
  const rows = await overduePaymentRows(db, actor.workspaceId, today);
  return rows.map((r) => toPayment(r.p, r.name, today));
}

async function getPaymentRow(db: Db, workspaceId: string, id: string) {
  const [r] = await paymentRowsById(db, workspaceId, id);
  if (!r) throw notFound('Payment');
  return r;
}

export async function getPayment({ db, clock, actor }: ActorCtx, id: string): Promise<Payment> {
  const r = await getPaymentRow(db, actor.workspaceId, id);
  return toPayment(r.p, r.name, toDay(clock.now()));
}

/**
 * Adds the payments agreements call for and are not scheduled yet: every retainer month in force,
 * every approved or live deliverable with a cost. Idempotent: run it as often as you like.
 */
export async function generatePayments(ctx: ActorCtx) {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  const ws = actor.workspaceId;
  const retainers = await retainersInForce(db, ws);
  const planned: ScheduledPayment[] = retainers.flatMap((a) =>
    retainerPayments({ ...a, tier: 0, rates: [] }),
  );
  const ds = await costedDeliverables(db, ws);
  for (const { d, terms } of ds) {
    const p = deliverablePayment({
      id: d.id,
      creatorId: d.creatorId,
      agreementId: d.agreementId,
      status: d.status,
      costMinor: d.costMinor,
      costCurrency: d.costCurrency,
      // No approval timestamp is stored: the day it went live, else its last change (docs/budgets.md).
      approvedOn: toDay(d.postedAt ?? d.updatedAt),
      paymentTermsDays: terms ?? 30,
    });
    if (p) planned.push(p);
  }
  const now = clock.now();
  const today = toDay(now);
  return db.transaction(async (tx) => {
    const created: PaymentRow[] = [];
    for (let i = 0; i < planned.length; i += 500) {
      const rows = await insertNewPayments(
        tx,
        planned.slice(i, i + 500).map((p) => ({ ...p, workspaceId: ws, createdAt: now, updatedAt: now })),
      );
      created.push(...rows);
    }
    if (created.length) {
      await recordAudit(
        tx,
        actor,
        { action: 'payments.generated', entityType: 'payment', changes: { count: created.length } },
        now,
      );
    }
    const names = new Map((await creatorNames(tx, ws)).map((c) => [c.id, c.name]));
    return {
      created: created.length,
      payments: created.map((p) => toPayment(p, names.get(p.creatorId) ?? '', today)),
    };
  });
}

/**
 * Records a payment (in full by default, or part of it) with its date and reference. The row is
 * read locked inside the transaction (SELECT … FOR UPDATE), so parallel partial payments add up
 * instead of overwriting one another; more than is still owed is refused (docs/budgets.md).
 */
export async function payPayment(ctx: ActorCtx, id: string, input: PayPaymentRequest): Promise<Payment> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  const d = payPaymentRequest.parse(input);
  const now = clock.now();
  await db.transaction(async (tx) => {
    const p = await lockPaymentRow(tx, actor.workspaceId, id);
    if (p.status === 'cancelled') throw new AppError('conflict', 'This payment was cancelled');
    if (p.status === 'paid') throw new AppError('conflict', 'This payment is already paid in full');
    const owed = Math.max(p.amountMinor - p.paidMinor, 0);
    if (d.amountMinor !== undefined && d.amountMinor > owed) {
      const message = `${formatMoney(d.amountMinor, p.currency)} is more than the ${formatMoney(owed, p.currency)} still owed`;
      throw new AppError('validation_failed', `amountMinor: ${message}`, [
        {
          field: 'amountMinor',
          code: 'overpayment',
          message,
          params: { amountMinor: d.amountMinor, owedMinor: owed, currency: p.currency },
        },
      ]);
    }
    const next = applyPayment({ ...p, status: p.status as PaymentStatus }, d);
    await updatePayment(tx, actor.workspaceId, id, {
      ...next,
      reference: d.reference ?? p.reference,
      updatedAt: now,
    });
    await recordAudit(
      tx,
      actor,
      {
        action: 'payment.paid',
        entityType: 'payment',
        entityId: id,
        changes: {
          paidOn: d.paidOn,
          amountMinor: next.paidMinor - p.paidMinor,
          reference: d.reference ?? null,
        },
      },
      now,
    );
  });
  return getPayment(ctx, id);
}

export async function cancelPayment(ctx: ActorCtx, id: string): Promise<Payment> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  const now = clock.now();
  await db.transaction(async (tx) => {
    // Locked, so a payment being paid meanwhile is seen paid, not cancelled over.
    const p = await lockPaymentRow(tx, actor.workspaceId, id);
    if (p.status === 'paid') throw new AppError('conflict', 'A paid payment cannot be cancelled');
    await updatePayment(tx, actor.workspaceId, id, { status: 'cancelled', updatedAt: now });
    await recordAudit(tx, actor, { action: 'payment.cancelled', entityType: 'payment', entityId: id }, now);
  });
  return getPayment(ctx, id);
}

/** Per creator: paid in full, of those on or before the due date, and the on-time rate. */
export async function onTimeByCreator({ db, actor }: ActorCtx) {
  const rows = await selectPayments(db, actor.workspaceId, []);
  const names = new Map(rows.map((r) => [r.p.creatorId, r.name]));
  const rates = onTimeRates(rows.map((r) => ({ ...r.p, status: r.p.status as PaymentStatus })));
  return rates
    .map((r) => ({ ...r, creatorName: names.get(r.creatorId) ?? '' }))
    .sort((a, b) => a.creatorName.localeCompare(b.creatorName));
}

/** Payments Today shows ahead of their due date: due within this many days (and every overdue one). */
export const PAYMENT_TODAY_DAYS = 7;

export { forecastPayments, paidAmounts, paymentsDueSoon };

/** The creator's own payments (the creator portal): amounts in their currency, due dates, paid or not. */
export async function listPaymentsAsCreator({ db, clock, portal }: PortalCtx): Promise<Payment[]> {
  const today = toDay(clock.now());
  const rows = await creatorPaymentRows(db, portal.workspaceId, portal.creatorId);
  return rows.map((r) => toPayment(r.p, r.name, today));
}
