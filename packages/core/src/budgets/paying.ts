import type { Payment, PaymentListQuery, PaymentPage, PayPaymentRequest } from '@evergreen/contracts';
import { paymentListQuery, payPaymentRequest } from '@evergreen/contracts';
import { agreements, creators, type Db, deliverables, payments, users } from '@evergreen/db';
import { and, asc, desc, eq, gte, inArray, isNotNull, lt, lte, or, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/index.ts';
import { requireRole } from '../shared/access.ts';
import type { ActorCtx } from '../shared/context.ts';
import { addDays, toDay } from '../shared/dates.ts';
import { AppError, notFound } from '../shared/errors.ts';
import { formatMoney } from '../shared/money.ts';
import { COMMITTING_STATUSES } from './commitments.ts';
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
import { rateRows, reportingCurrencyOf } from './queries.ts';

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

async function selectPayments(db: Db, workspaceId: string, where: ReturnType<typeof and>[]) {
  return db
    .select({ p: payments, name: creators.displayName })
    .from(payments)
    .innerJoin(
      creators,
      and(eq(creators.id, payments.creatorId), eq(creators.workspaceId, payments.workspaceId)),
    )
    .where(and(eq(payments.workspaceId, workspaceId), ...where))
    .orderBy(asc(payments.dueOn), asc(payments.id));
}

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
  const open = inArray(payments.status, ['scheduled', 'partially_paid']);
  const conds = [
    eq(payments.workspaceId, actor.workspaceId),
    q.status ? eq(payments.status, q.status) : undefined,
    q.creatorId ? eq(payments.creatorId, q.creatorId) : undefined,
    q.from ? gte(payments.dueOn, q.from) : undefined,
    q.to ? lte(payments.dueOn, q.to) : undefined,
    q.open || q.overdue ? open : undefined,
    q.overdue ? lt(payments.dueOn, today) : undefined,
  ];
  const order =
    q.sort === 'action'
      ? [
          sql`case when ${payments.status} in ('scheduled', 'partially_paid') then 0 else 1 end`,
          sql`case when ${payments.status} in ('scheduled', 'partially_paid') then ${payments.dueOn} end asc`,
          desc(payments.dueOn),
          asc(payments.id),
        ]
      : [asc(payments.dueOn), asc(payments.id)];
  const page = db
    .select({ p: payments, name: creators.displayName })
    .from(payments)
    .innerJoin(
      creators,
      and(eq(creators.id, payments.creatorId), eq(creators.workspaceId, payments.workspaceId)),
    )
    .where(and(...conds))
    .orderBy(...order)
    .offset(q.offset);
  const [rows, sums] = await Promise.all([
    q.limit === undefined ? page : page.limit(q.limit),
    db
      .select({
        currency: payments.currency,
        count: sql<number>`count(*)::int`,
        owed: sql<string>`coalesce(sum(${payments.amountMinor} - ${payments.paidMinor})
          filter (where ${payments.status} in ('scheduled', 'partially_paid')), 0)::text`,
      })
      .from(payments)
      .where(and(...conds))
      .groupBy(payments.currency)
      .orderBy(asc(payments.currency)),
  ]);
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
  const rows = await selectPayments(db, actor.workspaceId, [
    inArray(payments.status, ['scheduled', 'partially_paid']),
    lt(payments.dueOn, today),
  ]);
  return rows.map((r) => toPayment(r.p, r.name, today));
}

async function getPaymentRow(db: Db, workspaceId: string, id: string) {
  const [r] = await selectPayments(db, workspaceId, [eq(payments.id, id)]);
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
  const retainers = await db
    .select()
    .from(agreements)
    .where(
      and(
        eq(agreements.workspaceId, ws),
        eq(agreements.type, 'retainer'),
        inArray(agreements.status, [...COMMITTING_STATUSES]),
      ),
    );
  const planned: ScheduledPayment[] = retainers.flatMap((a) =>
    retainerPayments({ ...a, tier: 0, rates: [] }),
  );
  const ds = await db
    .select({ d: deliverables, terms: agreements.paymentTermsDays })
    .from(deliverables)
    .leftJoin(agreements, and(eq(agreements.id, deliverables.agreementId), eq(agreements.workspaceId, ws)))
    .where(
      and(
        eq(deliverables.workspaceId, ws),
        inArray(deliverables.status, ['approved', 'live']),
        isNotNull(deliverables.costMinor),
      ),
    );
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
      const rows = await tx
        .insert(payments)
        .values(
          planned.slice(i, i + 500).map((p) => ({ ...p, workspaceId: ws, createdAt: now, updatedAt: now })),
        )
        .onConflictDoNothing()
        .returning();
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
    const names = new Map(
      (
        await tx
          .select({ id: creators.id, name: creators.displayName })
          .from(creators)
          .where(eq(creators.workspaceId, ws))
      ).map((c) => [c.id, c.name]),
    );
    return {
      created: created.length,
      payments: created.map((p) => toPayment(p, names.get(p.creatorId) ?? '', today)),
    };
  });
}

/** The payment row, locked until the transaction ends, so parallel writes to it queue up. */
async function lockPaymentRow(tx: Db, workspaceId: string, id: string): Promise<PaymentRow> {
  const [p] = await tx
    .select()
    .from(payments)
    .where(and(eq(payments.workspaceId, workspaceId), eq(payments.id, id)))
    .for('update');
  if (!p) throw notFound('Payment');
  return p;
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
    await tx
      .update(payments)
      .set({ ...next, reference: d.reference ?? p.reference, updatedAt: now })
      .where(and(eq(payments.workspaceId, actor.workspaceId), eq(payments.id, id)));
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
    await tx
      .update(payments)
      .set({ status: 'cancelled', updatedAt: now })
      .where(and(eq(payments.workspaceId, actor.workspaceId), eq(payments.id, id)));
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

/** Money paid per tier (creator's current tier), in its own currency, dated by the day paid. */
export async function paidAmounts(db: Db, workspaceId: string, from: string, to: string) {
  return db
    .select({
      tier: creators.tier,
      amountMinor: payments.paidMinor,
      currency: payments.currency,
      on: payments.paidOn,
    })
    .from(payments)
    .innerJoin(
      creators,
      and(eq(creators.id, payments.creatorId), eq(creators.workspaceId, payments.workspaceId)),
    )
    .where(
      and(
        eq(payments.workspaceId, workspaceId),
        inArray(payments.status, ['paid', 'partially_paid', 'cancelled']),
        gte(payments.paidOn, from),
        lte(payments.paidOn, to),
      ),
    );
}

/** Payments due or paid between two days (inclusive), for the forecast by month. */
export async function forecastPayments(db: Db, workspaceId: string, from: string, to: string) {
  const rows = await db
    .select({
      dueOn: payments.dueOn,
      amountMinor: payments.amountMinor,
      currency: payments.currency,
      status: payments.status,
      paidOn: payments.paidOn,
      paidMinor: payments.paidMinor,
    })
    .from(payments)
    .where(
      and(
        eq(payments.workspaceId, workspaceId),
        or(
          and(gte(payments.dueOn, from), lte(payments.dueOn, to)),
          and(gte(payments.paidOn, from), lte(payments.paidOn, to)),
        ),
      ),
    );
  return rows.map((r) => ({ ...r, status: r.status as PaymentStatus }));
}

/** Payments Today shows ahead of their due date: due within this many days (and every overdue one). */
export const PAYMENT_TODAY_DAYS = 7;

/**
 * Unpaid payments (scheduled or partially paid) that are overdue or due within `days` of
 * `today`, with their creator and owner, by due date; `ownerUserId` keeps one owner's creators.
 */
export async function paymentsDueSoon(
  db: Db,
  workspaceId: string,
  today: string,
  days: number,
  opts: { ownerUserId?: string } = {},
) {
  const rows = await db
    .select({
      p: payments,
      creatorName: creators.displayName,
      tier: creators.tier,
      ownerUserId: creators.ownerUserId,
      ownerName: users.name,
    })
    .from(payments)
    .innerJoin(
      creators,
      and(eq(creators.id, payments.creatorId), eq(creators.workspaceId, payments.workspaceId)),
    )
    .leftJoin(users, eq(users.id, creators.ownerUserId))
    .where(
      and(
        eq(payments.workspaceId, workspaceId),
        inArray(payments.status, ['scheduled', 'partially_paid']),
        lte(payments.dueOn, addDays(today, days)),
        opts.ownerUserId ? eq(creators.ownerUserId, opts.ownerUserId) : undefined,
      ),
    )
    .orderBy(asc(payments.dueOn), asc(creators.displayName), asc(payments.id));
  return rows.map((r) => ({
    id: r.p.id,
    creatorId: r.p.creatorId,
    creatorName: r.creatorName,
    tier: r.tier,
    ownerUserId: r.ownerUserId,
    ownerName: r.ownerName,
    agreementId: r.p.agreementId,
    dueOn: r.p.dueOn,
    amountMinor: r.p.amountMinor,
    paidMinor: r.p.paidMinor,
    currency: r.p.currency,
    status: r.p.status as 'scheduled' | 'partially_paid',
  }));
}
