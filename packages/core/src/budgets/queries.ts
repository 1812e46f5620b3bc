import type { AgreementType, paymentListQuery } from '@evergreen/contracts';
import {
  agreements,
  budgets,
  creators,
  type Db,
  deliverables,
  exchangeRates,
  paymentInvoices,
  payments,
  tierPolicies,
  users,
  workspaces,
} from '@evergreen/db';
import { addDays } from '@evergreen/rules';
import {
  and,
  asc,
  desc,
  eq,
  getTableColumns,
  gte,
  inArray,
  isNotNull,
  lt,
  lte,
  ne,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import { ratesOf } from '../agreements/index.ts';
import { notFound } from '../shared/errors.ts';
import { matching, rowOfWorkspace, rowOr404 } from '../shared/rows.ts';
import { COMMITTING_STATUSES } from './commitments.ts';
import type { RateRow } from './fx.ts';
import type { PaymentStatus } from './payments.ts';
import type { PlanAgreement } from './plan.ts';

/**
 * The budgets module's reads and writes (decision 0011; docs/architecture.md, "Modules": one place
 * per module for its queries): agreements that commit money, budgets, the money settings, exchange
 * rates, payments and their invoices. Private to the module, except what paying.ts re-exports
 * (paidAmounts, forecastPayments, paymentsDueSoon).
 */

export type BudgetRow = typeof budgets.$inferSelect;

/** The workspace's reporting currency and the month its fiscal year starts. */
export async function workspaceMoney(db: Db, workspaceId: string) {
  return rowOr404(
    db
      .select({ currency: workspaces.reportingCurrency, startMonth: workspaces.fiscalYearStartMonth })
      .from(workspaces)
      .where(eq(workspaces.id, workspaceId)),
    'Workspace',
  );
}

/** The budget of fiscal year `year` (404 when there is none), locked for update when `lock`. */
export async function budgetRow(
  db: Db,
  workspaceId: string,
  year: number,
  opts: { lock?: boolean } = {},
): Promise<BudgetRow> {
  return rowOr404(
    db
      .select()
      .from(budgets)
      .where(matching(budgets, { workspaceId, fiscalYear: year })),
    'Budget',
    opts.lock,
  );
}

/** The workspace's budgets, by fiscal year. */
export async function budgetRows(db: Db, workspaceId: string) {
  return db
    .select()
    .from(budgets)
    .where(eq(budgets.workspaceId, workspaceId))
    .orderBy(asc(budgets.fiscalYear));
}

export async function insertBudget(db: Db, values: typeof budgets.$inferInsert) {
  const [b] = await db.insert(budgets).values(values).returning();
  return b;
}

export async function updateBudgetRow(db: Db, id: string, set: Partial<BudgetRow>) {
  const [b] = await db.update(budgets).set(set).where(eq(budgets.id, id)).returning();
  return b;
}

export async function deleteBudgetRow(db: Db, id: string) {
  await db.delete(budgets).where(eq(budgets.id, id));
}

/** Each tier's budget share as the workspace's tier policies set it. */
export async function tierBudgetShares(db: Db, workspaceId: string) {
  return db
    .select({ tier: tierPolicies.tier, sharePct: tierPolicies.budgetSharePct })
    .from(tierPolicies)
    .where(eq(tierPolicies.workspaceId, workspaceId));
}

/**
 * Agreements that commit money (accepted or later), with their creator's current tier and their
 * rates, oldest start first: what a budget year's commitments (`startsOnOrBefore` its last day)
 * and next year's plan (`types` annual and retainer) are computed from.
 */
export async function committingAgreements(
  db: Db,
  workspaceId: string,
  filter: { startsOnOrBefore?: string; types?: readonly AgreementType[] },
): Promise<PlanAgreement[]> {
  const where: SQL[] = [
    eq(agreements.workspaceId, workspaceId),
    inArray(agreements.status, [...COMMITTING_STATUSES]),
  ];
  if (filter.startsOnOrBefore !== undefined) where.push(lte(agreements.startsOn, filter.startsOnOrBefore));
  if (filter.types !== undefined) where.push(inArray(agreements.type, [...filter.types]));
  const rows = await db
    .select({ a: agreements, tier: creators.tier })
    .from(agreements)
    .innerJoin(
      creators,
      and(eq(creators.id, agreements.creatorId), eq(creators.workspaceId, agreements.workspaceId)),
    )
    .where(and(...where))
    .orderBy(asc(agreements.startsOn), asc(agreements.id));
  const rates = await ratesOf(
    db,
    workspaceId,
    rows.map((r) => r.a.id),
  );
  return rows.map(({ a, tier }) => ({
    id: a.id,
    creatorId: a.creatorId,
    tier,
    type: a.type,
    status: a.status,
    startsOn: a.startsOn,
    termMonths: a.termMonths,
    collaborationsPerYear: a.collaborationsPerYear,
    monthlyFeeMinor: a.monthlyFeeMinor,
    feeMinor: a.feeMinor,
    currency: a.currency,
    rates: rates.get(a.id) ?? [],
    noticeGivenOn: a.noticeGivenOn,
    noticeDays: a.noticeDays,
    endedOn: a.endedOn,
    autoRenew: a.autoRenew,
    previousAgreementId: a.previousAgreementId,
  }));
}

/** The workspace's reporting currency. */
export async function reportingCurrencyOf(db: Db, workspaceId: string): Promise<string> {
  const w = await rowOr404(
    db.select({ c: workspaces.reportingCurrency }).from(workspaces).where(eq(workspaces.id, workspaceId)),
    'Workspace',
  );
  return w.c;
}

/** Every rate of the workspace into `reporting`, for the pure conversion rules. */
export async function rateRows(db: Db, workspaceId: string, reporting: string): Promise<RateRow[]> {
  return db
    .select({
      currency: exchangeRates.currency,
      reportingCurrency: exchangeRates.reportingCurrency,
      onDate: exchangeRates.onDate,
      rate: exchangeRates.rate,
    })
    .from(exchangeRates)
    .where(matching(exchangeRates, { workspaceId, reportingCurrency: reporting }));
}

// ---- payments (paying.ts) ----

type PaymentRow = typeof payments.$inferSelect;

/** Payments of the workspace with their creator's name, by due date. */
export async function selectPayments(db: Db, workspaceId: string, where: ReturnType<typeof and>[]) {
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

/** Unpaid (scheduled or partially paid) after their due date. */
export const overduePaymentRows = (db: Db, workspaceId: string, today: string) =>
  selectPayments(db, workspaceId, [
    inArray(payments.status, ['scheduled', 'partially_paid']),
    lt(payments.dueOn, today),
  ]);

export const paymentRowsById = (db: Db, workspaceId: string, id: string) =>
  selectPayments(db, workspaceId, [eq(payments.id, id)]);

/** The creator's payments that were not cancelled. */
export const creatorPaymentRows = (db: Db, workspaceId: string, creatorId: string) =>
  selectPayments(db, workspaceId, [eq(payments.creatorId, creatorId), ne(payments.status, 'cancelled')]);

/**
 * The page of payments matching the list's filters (with their creator's name) and, per currency,
 * how many match and what is still owed over all of them.
 */
export async function paymentListRows(
  db: Db,
  workspaceId: string,
  q: ReturnType<typeof paymentListQuery.parse>,
  today: string,
) {
  const open = inArray(payments.status, ['scheduled', 'partially_paid']);
  const conds = [
    eq(payments.workspaceId, workspaceId),
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
  return Promise.all([
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
}

/** The retainers that commit money (accepted or later). */
export async function retainersInForce(db: Db, ws: string) {
  return db
    .select()
    .from(agreements)
    .where(
      and(
        eq(agreements.workspaceId, ws),
        eq(agreements.type, 'retainer'),
        inArray(agreements.status, [...COMMITTING_STATUSES]),
      ),
    );
}

/** Approved or live deliverables with a cost, with their agreement's payment terms. */
export async function costedDeliverables(db: Db, ws: string) {
  return db
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
}

/** Inserts payments, skipping those already scheduled; the ones inserted. */
export async function insertNewPayments(db: Db, values: (typeof payments.$inferInsert)[]) {
  return db.insert(payments).values(values).onConflictDoNothing().returning();
}

/** The workspace's creators' names. */
export async function creatorNames(db: Db, ws: string) {
  return db
    .select({ id: creators.id, name: creators.displayName })
    .from(creators)
    .where(eq(creators.workspaceId, ws));
}

/** The payment row, locked until the transaction ends, so parallel writes to it queue up. */
export async function lockPaymentRow(tx: Db, workspaceId: string, id: string): Promise<PaymentRow> {
  return rowOfWorkspace(tx, payments, workspaceId, id, 'Payment', true);
}

export async function updatePayment(
  db: Db,
  workspaceId: string,
  id: string,
  set: Partial<typeof payments.$inferInsert>,
) {
  await db.update(payments).set(set).where(matching(payments, { workspaceId, id }));
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

// ---- the payments export (export-payments.ts) ----

/** Payments due between the query's days (either may be open) with creator name and agreement title. */
export async function paymentExportRows(db: Db, ws: string, q: { from?: string; to?: string }) {
  return db
    .select({ p: payments, creatorName: creators.displayName, agreementTitle: agreements.title })
    .from(payments)
    .innerJoin(
      creators,
      and(eq(creators.id, payments.creatorId), eq(creators.workspaceId, payments.workspaceId)),
    )
    .leftJoin(
      agreements,
      and(eq(agreements.id, payments.agreementId), eq(agreements.workspaceId, payments.workspaceId)),
    )
    .where(
      and(
        eq(payments.workspaceId, ws),
        q.from ? gte(payments.dueOn, q.from) : undefined,
        q.to ? lte(payments.dueOn, q.to) : undefined,
      ),
    )
    .orderBy(asc(payments.dueOn), asc(creators.displayName), asc(payments.id));
}

// ---- payment invoices (invoices.ts) ----

const listColumns = {
  id: paymentInvoices.id,
  paymentId: paymentInvoices.paymentId,
  filename: paymentInvoices.filename,
  contentType: paymentInvoices.contentType,
  sizeBytes: paymentInvoices.sizeBytes,
  uploadedBy: paymentInvoices.uploadedBy,
  byCreator: paymentInvoices.byCreator,
  uploadedAt: paymentInvoices.uploadedAt,
};

/** The payment, within the workspace and (for a creator) their own, not cancelled; else 404. */
export async function requirePayment(db: Db, workspaceId: string, paymentId: string, creatorId?: string) {
  const [p] = await db
    .select({ id: payments.id, status: payments.status })
    .from(payments)
    .where(
      and(
        eq(payments.workspaceId, workspaceId),
        eq(payments.id, paymentId),
        ...(creatorId ? [eq(payments.creatorId, creatorId), ne(payments.status, 'cancelled')] : []),
      ),
    );
  if (!p) throw notFound('Payment');
}

/** A payment's invoices (without the file), oldest first. */
export async function invoiceRows(db: Db, workspaceId: string, paymentId: string) {
  return db
    .select(listColumns)
    .from(paymentInvoices)
    .where(matching(paymentInvoices, { workspaceId, paymentId }))
    .orderBy(asc(paymentInvoices.uploadedAt), asc(paymentInvoices.id));
}

export async function insertInvoice(db: Db, values: typeof paymentInvoices.$inferInsert) {
  const [row] = await db.insert(paymentInvoices).values(values).returning(listColumns);
  return row;
}

/** One invoice of the payment, with its file. */
export async function invoiceRow(db: Db, workspaceId: string, paymentId: string, invoiceId: string) {
  const [row] = await db
    .select()
    .from(paymentInvoices)
    .where(matching(paymentInvoices, { workspaceId, paymentId, id: invoiceId }));
  return row;
}

/** Deletes one invoice of the payment; its id and filename, none when there was no such invoice. */
export async function deleteInvoice(db: Db, workspaceId: string, paymentId: string, invoiceId: string) {
  const [row] = await db
    .delete(paymentInvoices)
    .where(matching(paymentInvoices, { workspaceId, paymentId, id: invoiceId }))
    .returning({ id: paymentInvoices.id, filename: paymentInvoices.filename });
  return row;
}

// ---- exchange rates (rates.ts) ----

type RateDbRow = typeof exchangeRates.$inferSelect;

/** The workspace's rates matching the list's filters, by pair and day. */
export async function exchangeRateRows(
  db: Db,
  workspaceId: string,
  q: { currency?: string; from?: string; to?: string },
) {
  return db
    .select()
    .from(exchangeRates)
    .where(
      and(
        eq(exchangeRates.workspaceId, workspaceId),
        q.currency ? eq(exchangeRates.currency, q.currency) : undefined,
        q.from ? gte(exchangeRates.onDate, q.from) : undefined,
        q.to ? lte(exchangeRates.onDate, q.to) : undefined,
      ),
    )
    .orderBy(asc(exchangeRates.currency), asc(exchangeRates.reportingCurrency), asc(exchangeRates.onDate));
}

export async function getRateRow(db: Db, workspaceId: string, id: string): Promise<RateDbRow> {
  return rowOfWorkspace(db, exchangeRates, workspaceId, id, 'Exchange rate');
}

export async function insertExchangeRate(db: Db, values: typeof exchangeRates.$inferInsert) {
  const [row] = await db.insert(exchangeRates).values(values).returning();
  return row;
}

export async function updateExchangeRateRow(
  db: Db,
  workspaceId: string,
  id: string,
  set: Partial<typeof exchangeRates.$inferInsert>,
) {
  const [row] = await db
    .update(exchangeRates)
    .set(set)
    .where(matching(exchangeRates, { workspaceId, id }))
    .returning();
  return row;
}

export async function deleteExchangeRateRow(db: Db, workspaceId: string, id: string) {
  await db.delete(exchangeRates).where(matching(exchangeRates, { workspaceId, id }));
}

/**
 * Inserts rates; the same pair and day replaces the stored rate. Each row says whether this
 * statement inserted it (else it updated it).
 */
export async function upsertExchangeRates(db: Db, values: (typeof exchangeRates.$inferInsert)[], now: Date) {
  return (
    db
      .insert(exchangeRates)
      .values(values)
      .onConflictDoUpdate({
        target: [
          exchangeRates.workspaceId,
          exchangeRates.currency,
          exchangeRates.reportingCurrency,
          exchangeRates.onDate,
        ],
        set: { rate: sql`excluded.rate`, updatedAt: now },
      })
      // xmax = 0 on a row this statement inserted (not one it updated).
      .returning({ ...getTableColumns(exchangeRates), inserted: sql<boolean>`(xmax = 0)` })
  );
}
