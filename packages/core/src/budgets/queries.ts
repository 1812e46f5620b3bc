import type { AgreementType } from '@evergreen/contracts';
import { agreements, budgets, creators, type Db, exchangeRates, workspaces } from '@evergreen/db';
import { and, asc, eq, inArray, lte, type SQL } from 'drizzle-orm';
import { ratesOf } from '../agreements/index.ts';
import { notFound } from '../shared/errors.ts';
import { COMMITTING_STATUSES } from './commitments.ts';
import type { RateRow } from './fx.ts';
import type { PlanAgreement } from './plan.ts';

/**
 * The budgets module's reads that more than one use case makes (docs/architecture.md, "Modules":
 * one place per module for its queries). Use cases keep the writes they alone make.
 */

export type BudgetRow = typeof budgets.$inferSelect;

/** The workspace's reporting currency and the month its fiscal year starts. */
export async function workspaceMoney(db: Db, workspaceId: string) {
  const [w] = await db
    .select({ currency: workspaces.reportingCurrency, startMonth: workspaces.fiscalYearStartMonth })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  if (!w) throw notFound('Workspace');
  return w;
}

/** The budget of fiscal year `year` (404 when there is none), locked for update when `lock`. */
export async function budgetRow(
  db: Db,
  workspaceId: string,
  year: number,
  opts: { lock?: boolean } = {},
): Promise<BudgetRow> {
  const q = db
    .select()
    .from(budgets)
    .where(and(eq(budgets.workspaceId, workspaceId), eq(budgets.fiscalYear, year)));
  const [b] = opts.lock ? await q.for('update') : await q;
  if (!b) throw notFound('Budget');
  return b;
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
  const [w] = await db
    .select({ c: workspaces.reportingCurrency })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  if (!w) throw notFound('Workspace');
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
    .where(and(eq(exchangeRates.workspaceId, workspaceId), eq(exchangeRates.reportingCurrency, reporting)));
}
