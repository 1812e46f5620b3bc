import type {
  BulkExchangeRatesRequest,
  CreateExchangeRateRequest,
  ExchangeRate,
  ExchangeRateListQuery,
  UpdateExchangeRateRequest,
} from '@evergreen/contracts';
import {
  bulkExchangeRatesRequest,
  createExchangeRateRequest,
  exchangeRateListQuery,
  updateExchangeRateRequest,
} from '@evergreen/contracts';
import { type Db, exchangeRates, workspaces } from '@evergreen/db';
import { and, asc, eq, getTableColumns, gte, lte, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/record-audit.ts';
import type { ActorCtx } from '../shared/context.ts';
import { isoRequired } from '../shared/context.ts';
import { rethrowConflict } from '../shared/db-errors.ts';
import { invalid, notFound } from '../shared/errors.ts';
import { requireRole } from '../workspaces/access.ts';
import { type RateRow, normalizeRate } from './fx.ts';

type RateDbRow = typeof exchangeRates.$inferSelect;

const toRate = (r: RateDbRow): ExchangeRate => ({
  id: r.id,
  currency: r.currency,
  reportingCurrency: r.reportingCurrency,
  onDate: r.onDate,
  rate: normalizeRate(r.rate),
  updatedAt: isoRequired(r.updatedAt),
});

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

function checkPair(currency: string, reporting: string, field = 'currency') {
  if (currency === reporting)
    throw invalid(field, 'is the reporting currency itself; no rate is needed', 'same_currency');
}

export async function listExchangeRates(
  { db, actor }: ActorCtx,
  raw: ExchangeRateListQuery = {},
): Promise<ExchangeRate[]> {
  const q = exchangeRateListQuery.parse(raw);
  const rows = await db
    .select()
    .from(exchangeRates)
    .where(
      and(
        eq(exchangeRates.workspaceId, actor.workspaceId),
        q.currency ? eq(exchangeRates.currency, q.currency) : undefined,
        q.from ? gte(exchangeRates.onDate, q.from) : undefined,
        q.to ? lte(exchangeRates.onDate, q.to) : undefined,
      ),
    )
    .orderBy(asc(exchangeRates.currency), asc(exchangeRates.reportingCurrency), asc(exchangeRates.onDate));
  return rows.map(toRate);
}

async function getRateRow(db: Db, workspaceId: string, id: string): Promise<RateDbRow> {
  const [r] = await db
    .select()
    .from(exchangeRates)
    .where(and(eq(exchangeRates.workspaceId, workspaceId), eq(exchangeRates.id, id)));
  if (!r) throw notFound('Exchange rate');
  return r;
}

export async function getExchangeRate({ db, actor }: ActorCtx, id: string): Promise<ExchangeRate> {
  return toRate(await getRateRow(db, actor.workspaceId, id));
}

export async function createExchangeRate(
  ctx: ActorCtx,
  input: CreateExchangeRateRequest,
): Promise<ExchangeRate> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  const d = createExchangeRateRequest.parse(input);
  const reporting = d.reportingCurrency ?? (await reportingCurrencyOf(db, actor.workspaceId));
  checkPair(d.currency, reporting);
  const now = clock.now();
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(exchangeRates)
        .values({
          workspaceId: actor.workspaceId,
          currency: d.currency,
          reportingCurrency: reporting,
          onDate: d.onDate,
          rate: d.rate,
          createdBy: actor.userId,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      await recordAudit(
        tx,
        actor,
        {
          action: 'exchange_rate.created',
          entityType: 'exchange_rate',
          entityId: row!.id,
          changes: { currency: d.currency, reportingCurrency: reporting, onDate: d.onDate, rate: d.rate },
        },
        now,
      );
      return toRate(row!);
    });
  } catch (err) {
    rethrowConflict(err, `A ${d.currency}→${reporting} rate for ${d.onDate} already exists`);
  }
}

export async function updateExchangeRate(
  ctx: ActorCtx,
  id: string,
  patch: UpdateExchangeRateRequest,
): Promise<ExchangeRate> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  const d = updateExchangeRateRequest.parse(patch);
  const before = await getRateRow(db, actor.workspaceId, id);
  const now = clock.now();
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .update(exchangeRates)
        .set({ ...d, updatedAt: now })
        .where(and(eq(exchangeRates.workspaceId, actor.workspaceId), eq(exchangeRates.id, id)))
        .returning();
      await recordAudit(
        tx,
        actor,
        {
          action: 'exchange_rate.updated',
          entityType: 'exchange_rate',
          entityId: id,
          changes: { from: { onDate: before.onDate, rate: normalizeRate(before.rate) }, to: d },
        },
        now,
      );
      return toRate(row!);
    });
  } catch (err) {
    rethrowConflict(err, 'A rate for that currency pair and day already exists');
  }
}

export async function deleteExchangeRate(ctx: ActorCtx, id: string): Promise<void> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  const before = await getRateRow(db, actor.workspaceId, id);
  const now = clock.now();
  await db.transaction(async (tx) => {
    await tx
      .delete(exchangeRates)
      .where(and(eq(exchangeRates.workspaceId, actor.workspaceId), eq(exchangeRates.id, id)));
    await recordAudit(
      tx,
      actor,
      {
        action: 'exchange_rate.deleted',
        entityType: 'exchange_rate',
        entityId: id,
        changes: { currency: before.currency, onDate: before.onDate, rate: normalizeRate(before.rate) },
      },
      now,
    );
  });
}

/** Many rates in one transaction; the same pair and day replaces the stored rate (all or nothing). */
export async function bulkUpsertExchangeRates(ctx: ActorCtx, input: BulkExchangeRatesRequest) {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  const d = bulkExchangeRatesRequest.parse(input);
  const reportingDefault = await reportingCurrencyOf(db, actor.workspaceId);
  const seen = new Set<string>();
  const rows = d.rates.map((r, i) => {
    const reporting = r.reportingCurrency ?? reportingDefault;
    checkPair(r.currency, reporting, `rates.${i}.currency`);
    const key = `${r.currency}|${reporting}|${r.onDate}`;
    if (seen.has(key))
      throw invalid(`rates.${i}`, `${r.currency}→${reporting} on ${r.onDate} appears twice`, 'duplicate');
    seen.add(key);
    return { ...r, reportingCurrency: reporting };
  });
  const now = clock.now();
  return db.transaction(async (tx) => {
    const out: RateDbRow[] = [];
    let created = 0;
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      const result = await tx
        .insert(exchangeRates)
        .values(
          chunk.map((r) => ({
            workspaceId: actor.workspaceId,
            currency: r.currency,
            reportingCurrency: r.reportingCurrency,
            onDate: r.onDate,
            rate: r.rate,
            createdBy: actor.userId,
            createdAt: now,
            updatedAt: now,
          })),
        )
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
        .returning({ ...getTableColumns(exchangeRates), inserted: sql<boolean>`(xmax = 0)` });
      for (const { inserted, ...r } of result) {
        out.push(r);
        if (inserted) created++;
      }
    }
    await recordAudit(
      tx,
      actor,
      { action: 'exchange_rate.bulk_upserted', entityType: 'exchange_rate', changes: { count: rows.length } },
      now,
    );
    return { created, updated: out.length - created, rates: out.map(toRate) };
  });
}
