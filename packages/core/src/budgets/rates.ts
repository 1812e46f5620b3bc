import type {
  BulkExchangeRatesRequest,
  CreateExchangeRateRequest,
  ExchangeRate,
  ExchangeRateListQuery,
  FieldIssue,
  UpdateExchangeRateRequest,
} from '@evergreen/contracts';
import {
  bulkExchangeRatesRequest,
  createExchangeRateRequest,
  currencyCode,
  exchangeRateListQuery,
  isoDate,
  rateDecimal,
  updateExchangeRateRequest,
} from '@evergreen/contracts';
import type { exchangeRates } from '@evergreen/db';
import { recordAudit } from '../audit/index.ts';
import { type MappingRequest, mappedTable } from '../imports/index.ts';
import { refreshReportingAmounts } from '../performance/index.ts';
import { requireRole } from '../shared/access.ts';
import { fileFormats } from '../shared/column-values.ts';
import type { ActorCtx } from '../shared/context.ts';
import { isoRequired } from '../shared/context.ts';
import { readCsv } from '../shared/csv-text.ts';
import { rethrowConflict } from '../shared/db-errors.ts';
import { AppError, invalid } from '../shared/errors.ts';
import { readDay, readNumber } from '../shared/values.ts';
import { normalizeRate } from './fx.ts';
import {
  deleteExchangeRateRow,
  exchangeRateRows,
  getRateRow,
  insertExchangeRate,
  reportingCurrencyOf,
  updateExchangeRateRow,
  upsertExchangeRates,
} from './queries.ts';

type RateDbRow = typeof exchangeRates.$inferSelect;

const toRate = (r: RateDbRow): ExchangeRate => ({
  id: r.id,
  currency: r.currency,
  reportingCurrency: r.reportingCurrency,
  onDate: r.onDate,
  rate: normalizeRate(r.rate),
  updatedAt: isoRequired(r.updatedAt),
});

function checkPair(currency: string, reporting: string, field = 'currency') {
  if (currency === reporting)
    throw invalid(field, 'is the reporting currency itself; no rate is needed', 'same_currency');
}

export async function listExchangeRates(
  { db, actor }: ActorCtx,
  raw: ExchangeRateListQuery = {},
): Promise<ExchangeRate[]> {
  const q = exchangeRateListQuery.parse(raw);
  const rows = await exchangeRateRows(db, actor.workspaceId, q);
  return rows.map(toRate);
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
      const row = await insertExchangeRate(tx, {
        workspaceId: actor.workspaceId,
        currency: d.currency,
        reportingCurrency: reporting,
        onDate: d.onDate,
        rate: d.rate,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      });
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
      await refreshReportingAmounts(tx, actor.workspaceId, { currencies: [d.currency] });
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
      const row = await updateExchangeRateRow(tx, actor.workspaceId, id, { ...d, updatedAt: now });
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
      await refreshReportingAmounts(tx, actor.workspaceId, { currencies: [before.currency] });
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
    await deleteExchangeRateRow(tx, actor.workspaceId, id);
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
    await refreshReportingAmounts(tx, actor.workspaceId, { currencies: [before.currency] });
  });
}

/** Many rates in one transaction; the same pair and day replaces the stored rate (all or nothing). */
export async function bulkUpsertExchangeRates(ctx: ActorCtx, input: BulkExchangeRatesRequest) {
  const { db, actor } = ctx;
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
  return upsertRates(ctx, rows, { count: rows.length });
}

/** Inserts or replaces rates (same pair and day replaces) in one transaction: all or nothing. */
async function upsertRates(
  { db, clock, actor }: ActorCtx,
  rows: { currency: string; reportingCurrency: string; onDate: string; rate: string }[],
  changes: Record<string, unknown>,
) {
  const now = clock.now();
  return db.transaction(async (tx) => {
    const out: RateDbRow[] = [];
    let created = 0;
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      const result = await upsertExchangeRates(
        tx,
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
        now,
      );
      for (const { inserted, ...r } of result) {
        out.push(r);
        if (inserted) created++;
      }
    }
    await recordAudit(
      tx,
      actor,
      { action: 'exchange_rate.bulk_upserted', entityType: 'exchange_rate', changes: changes },
      now,
    );
    await refreshReportingAmounts(tx, actor.workspaceId, {
      currencies: [...new Set(rows.map((r) => r.currency))],
    });
    return { created, updated: out.length - created, rates: out.map(toRate) };
  });
}

/**
 * POST exchange-rates/import: a CSV file with the header `date,currency,rate` (any order, any
 * case; comma, semicolon or tab separated, read by the roster's CSV reader) into the
 * workspace's reporting currency. Every error names its row (the header is row 1) and column;
 * any error imports nothing; else every row is added or replaced in one transaction.
 */
export async function importExchangeRates(ctx: ActorCtx, csv: string, columns?: MappingRequest) {
  requireRole(ctx.actor, 'manager');
  const table = await mappedTable(
    ctx.db,
    ctx.actor.workspaceId,
    'exchange_rates',
    readCsv(csv, { rowNoun: 'rate' }),
    columns,
  );
  const names = table.header.map((h) => h.trim().toLowerCase());
  const col = {
    date: names.indexOf('date'),
    currency: names.indexOf('currency'),
    rate: names.indexOf('rate'),
  };
  const missing = (['date', 'currency', 'rate'] as const).filter((k) => col[k] < 0);
  if (missing.length) {
    throw invalid(
      'csv',
      `The header row must name the columns date, currency and rate (missing: ${missing.join(', ')})`,
      'missing_header',
    );
  }
  if (!table.records.length) throw invalid('csv', 'The file has a header but no rates', 'empty');
  // Each column's decimal mark and date order come from its values (shared/values.ts).
  const formats = fileFormats(
    table.records,
    { numbers: [['rate', col.rate]], dates: [['date', col.date]] },
    table.options,
  );
  const reporting = await reportingCurrencyOf(ctx.db, ctx.actor.workspaceId);
  const issues: FieldIssue[] = [];
  const issue = (row: number, column: string, message: string, code: string) =>
    issues.push({
      field: `rows.${row}.${column}`,
      message: `Row ${row}, column ${column}: ${message}`,
      code,
      params: { row, column },
    });
  const seen = new Map<string, number>();
  const rows: { currency: string; reportingCurrency: string; onDate: string; rate: string }[] = [];
  for (const { row, cells } of table.records) {
    const cell = (k: keyof typeof col) => (cells[col[k]] ?? '').trim();
    const dateText = cell('date');
    const day = dateText ? readDay(dateText, formats.dateOrder.get('date')) : null;
    const onDate = day?.ok ? day.value : '';
    const currency = cell('currency').toUpperCase();
    // "1,085" (a comma-decimal locale), "90,5", "1 085,50": the shared number reader.
    const rateText = cell('rate');
    const n = rateText ? readNumber(rateText, formats.decimal.get('rate')) : null;
    const rate = n?.ok ? n.value : rateText;
    const d = isoDate.safeParse(onDate);
    if (!day) issue(row, 'date', 'is empty', 'invalid_date');
    else if (!day.ok) issue(row, 'date', day.message, day.code);
    const c = currencyCode.safeParse(currency);
    if (!c.success)
      issue(
        row,
        'currency',
        currency ? `"${currency}" ${c.error.issues[0]!.message}` : 'is empty',
        'invalid_currency',
      );
    else if (currency === reporting)
      issue(
        row,
        'currency',
        `is the reporting currency (${reporting}) itself; no rate is needed`,
        'same_currency',
      );
    const r = rateDecimal.safeParse(rate);
    if (!r.success)
      issue(row, 'rate', rate ? `"${rate}" ${r.error.issues[0]!.message}` : 'is empty', 'invalid_rate');
    if (!d.success || !c.success || !r.success) continue;

    const key = `${currency}|${onDate}`;
    const first = seen.get(key);
    if (first) {
      issue(row, 'date', `${currency} on ${onDate} is already on row ${first}`, 'duplicate');
      continue;
    }
    seen.set(key, row);
    rows.push({ currency, reportingCurrency: reporting, onDate, rate });
  }
  if (issues.length) {
    throw new AppError(
      'validation_failed',
      `${issues.length} error(s); nothing was imported. ${issues
        .slice(0, 5)
        .map((i) => i.message)
        .join('; ')}`,
      issues,
    );
  }
  return upsertRates(ctx, rows, { count: rows.length, source: 'csv' });
}
