import { randomBytes } from 'node:crypto';
import type {
  CsvImportMode,
  CsvRowError,
  ImportProgress,
  ImportResult,
  Order,
  OrderList,
  OrderListQuery,
} from '@evergreen/contracts';
import { textFault, textFaultMessage } from '@evergreen/contracts';
import { type Db, queryRows } from '@evergreen/db';
import { type SQL, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/index.ts';
import {
  type MappingRequest,
  type ResolvedMapping,
  requireFields,
  resolveMapping,
} from '../imports/index.ts';
import { requireRole } from '../shared/access.ts';
import {
  ambiguousDateColumn,
  ambiguousNumberColumn,
  decideDateOrder,
  decideDecimal,
} from '../shared/column-values.ts';
import { type ActorCtx, isoRequired } from '../shared/context.ts';
import { AppError, invalid } from '../shared/errors.ts';
import { type CopySink, copyCell, openCopySink } from './bulk.ts';
import { attributionSql, lockWorkspaceOrders, refreshCustomerFacts, reportingAmountSql } from './facts.ts';
import {
  type CsvInput,
  type OrderColumn,
  type OrderFormats,
  type OrderValues,
  orderColumns,
  readCsvRecords,
  readOrder,
  readOrderHeader,
  UTC_FORMATS,
} from './orders-csv.ts';

/** Decides the undecided column styles of `formats` from a batch's cells (in place); throws on a mix. */
function decideOrderFormats(
  cols: (OrderColumn | null)[],
  records: { cells: string[] }[],
  formats: OrderFormats,
): void {
  const valuesOf = (c: OrderColumn) => {
    const i = cols.indexOf(c);
    return i < 0 ? [] : records.map((r) => r.cells[i] ?? '');
  };
  if (!formats.amount) formats.amount = decideDecimal('amount', valuesOf('amount'), null);
  if (!formats.orderedAt) formats.orderedAt = decideDateOrder('ordered_at', valuesOf('ordered_at'), null);
}

/**
 * Orders in: a CSV file of any size (docs/csv.md, "Orders") or a webhook delivery. Both go the
 * same way, in one transaction: rows are checked in JS, COPYed into a temporary staging table,
 * then one set-based statement upserts them on (workspace, external_id) with their reporting
 * amount and attribution computed in the same insert, and the facts of the customers whose
 * orders changed are rebuilt. Re-sending an order with the same values changes nothing.
 */

/** The staging table's columns: the row number, then the file's columns with amounts in minor units. */
const STAGE_COLUMNS = [
  'row_no',
  ...orderColumns.map((c) =>
    c === 'amount' ? 'amount_minor' : c === 'refunded_amount' ? 'refunded_minor' : c,
  ),
];

/** A staging table for this transaction (dropped at commit). */
export async function createOrderStage(tx: Db): Promise<string> {
  const name = `order_stage_${randomBytes(6).toString('hex')}`;
  await tx.execute(
    sql.raw(`create temp table ${name} (row_no int not null, external_id text not null,
      customer_id text not null, ordered_at timestamptz not null, amount_minor bigint not null,
      currency text not null, promo_code text, utm_source text, utm_campaign text, landing_url text,
      status order_status not null, refunded_minor bigint not null)
      on commit drop`),
  );
  return name;
}

export const openOrderSink = (tx: Db, stage: string): Promise<CopySink> =>
  openCopySink(tx, stage, STAGE_COLUMNS);

/** One staged order as a line of CSV for COPY. */
export const stageLine = (row: number, v: OrderValues): string =>
  `${row},${copyCell(v.externalId)},${copyCell(v.customerId)},${v.orderedAt},${v.amountMinor},${v.currency},${copyCell(v.promoCode)},${copyCell(v.utmSource)},${copyCell(v.utmCampaign)},${copyCell(v.landingUrl)},${v.status},${v.refundedMinor}\n`;

/**
 * Runs `insert` with the secondary indexes of `orders` dropped (every one but the primary key),
 * then builds them again, as pg_restore does: one sorted build per index costs a fraction of
 * updating it at a random place for every order (1,000,000 orders on PostgreSQL: the insert
 * took 13.5 s with the unique external-id index kept and the others dropped, 6.3 s with only
 * the primary key; rebuilding that one index takes ~1.5 s). The dropped indexes lock `orders`,
 * the table every workspace shares, for the rest of the transaction: everyone else's reads and
 * writes of orders wait for the import to commit. So it is never done in a server request: only
 * when the operator asks for it (`evergreen import orders … --bulk-rebuild-indexes`, which
 * refuses unless nobody else is connected), and only for `rows` orders into a table that holds
 * fewer (by the planner's estimate) — the first load of an installation's history. When
 * another transaction holds `orders` all the same, the drop gives up after 2 s and the import
 * keeps the indexes. Everything is in the import's transaction: a failed import rolls the
 * indexes back too. The caller inserts a workspace's first orders without conflict checks and
 * has refused external ids repeated in the file; the rebuilt unique index checks that again (a
 * duplicate fails the import, and nothing is written). Answers whether the indexes were rebuilt.
 */
export async function withoutSecondaryIndexes<T>(
  tx: Db,
  rows: number,
  insert: () => Promise<T>,
  onStep: (step: ImportStep, ms: number) => void = () => {},
): Promise<{ result: T; rebuilt: boolean }> {
  const usual = async () => {
    const t = performance.now();
    const result = await insert();
    onStep('insert', performance.now() - t);
    return { result, rebuilt: false };
  };
  const [table] = await queryRows<{ n: number }>(
    tx,
    sql`select greatest(reltuples, 0)::float8 as n from pg_class where oid = 'orders'::regclass`,
  );
  if (Number(table?.n ?? 0) >= rows) return usual();
  const indexes = await queryRows<{ name: string; def: string }>(
    tx,
    sql`select c.relname as name, pg_get_indexdef(i.indexrelid) as def
      from pg_index i join pg_class c on c.oid = i.indexrelid
      where i.indrelid = 'orders'::regclass and not i.indisprimary order by c.relname`,
  );
  if (!indexes.length) return usual();
  const [lock] = await queryRows<{ t: string }>(tx, sql`select current_setting('lock_timeout') as t`);
  await tx.execute(sql`savepoint bulk_load`);
  try {
    await tx.execute(sql`select set_config('lock_timeout', '2s', true)`);
    for (const ix of indexes) await tx.execute(sql`drop index ${sql.identifier(ix.name)}`);
    await tx.execute(sql`release savepoint bulk_load`);
  } catch {
    // Someone else holds orders: keep the indexes and insert the usual way.
    await tx.execute(sql`rollback to savepoint bulk_load`);
    await tx.execute(sql`select set_config('lock_timeout', ${lock?.t ?? '0'}, true)`);
    return usual();
  }
  await tx.execute(sql`select set_config('lock_timeout', ${lock?.t ?? '0'}, true)`);
  let t = performance.now();
  const result = await insert();
  onStep('insert', performance.now() - t);
  t = performance.now();
  await tx.execute(sql`set local maintenance_work_mem = '256MB'`);
  for (const ix of indexes) await tx.execute(sql.raw(ix.def));
  onStep('indexes', performance.now() - t);
  return { result, rebuilt: true };
}

/**
 * The steps of an import after the file is staged, for whoever times them (the benchmark):
 * `attribution` (one set-based statement into a temporary table), `insert` (into orders, with
 * its statement-level fact triggers), `indexes` (the bulk path's rebuild), `customer facts`
 * (with their trigger).
 */
export type ImportStep = 'stage' | 'attribution' | 'insert' | 'indexes' | 'customer facts';

/**
 * Upserts the staged orders: new external ids are created, known ones whose values differ are
 * updated (attribution and reporting amount recomputed), the rest left alone. Then the facts of
 * every customer who gained, changed or lost an order.
 *
 * Writers of one workspace's orders take turns (a transaction-level advisory lock), so the
 * first import into a workspace without orders can take the fast path: a plain insert (no
 * conflict checks, no list of changed customers) and the customer facts built in one pass. With
 * `rebuildIndexes` (the CLI's explicit flag, never a server request), a first import into a table
 * holding fewer orders than it brings also rebuilds the secondary indexes afterwards instead of
 * updating them order by order ({@link withoutSecondaryIndexes}).
 *
 * `rows`: how many orders are staged, when the caller knows.
 */
export async function upsertStagedOrders(
  tx: Db,
  workspaceId: string,
  stage: string,
  at: Date,
  opts: {
    rows?: number;
    rebuildIndexes?: boolean | undefined;
    onPhase?: (phase: 'writing' | 'attributing') => void;
    onNote?: ((note: string) => void) | undefined;
    onStep?: ((step: ImportStep, ms: number) => void) | undefined;
  } = {},
): Promise<{ created: number; updated: number }> {
  const onPhase = opts.onPhase ?? (() => {});
  const onStep = opts.onStep ?? (() => {});
  const S = sql.raw(stage);
  const A = sql.raw(`${stage}_a`);
  const changed = sql.raw(`${stage}_changed`);
  await lockWorkspaceOrders(tx, workspaceId);
  // Sorts and hashes of a large import stay in memory (the default 4 MB spills to disk).
  await tx.execute(sql`set local work_mem = '128MB'`);
  const [ws] = await queryRows<{ window: number; reporting: string; any: boolean }>(
    tx,
    sql`select attribution_window_days as window, reporting_currency as reporting,
      exists (select 1 from orders where workspace_id = ${workspaceId}) as any
      from workspaces where id = ${workspaceId}`,
  );
  if (!ws) throw new Error('workspace not found');
  // The planner knows nothing of a fresh temporary table; without statistics it guesses badly.
  await tx.execute(sql`analyze ${S}`);
  // Attribution first, on its own (a temporary table of the attributed rows), so its time is its own.
  onPhase('attributing');
  let t = performance.now();
  const source = sql`(select row_no as id, ordered_at, promo_code, utm_source, utm_campaign from ${S})`;
  await tx.execute(
    sql`create temp table ${A} on commit drop as ${attributionSql(workspaceId, ws.window, source)}`,
  );
  await tx.execute(sql`analyze ${A}`);
  onStep('attribution', performance.now() - t);
  onPhase('writing');
  const columns = sql`(workspace_id, external_id, customer_id, ordered_at, amount_minor, currency,
        amount_reporting_minor, status, refunded_minor, refunded_reporting_minor, promo_code, utm_source, utm_campaign, landing_url,
        attributed_creator_id, attributed_deliverable_id, attributed_by, lag_seconds, created_at)`;
  const rows = sql`select ${workspaceId}::uuid, s.external_id, s.customer_id, s.ordered_at, s.amount_minor, s.currency,
        ${reportingAmountSql(workspaceId, ws.reporting, sql`s.amount_minor`, sql`s.currency`, sql`(s.ordered_at at time zone 'UTC')::date`)},
        s.status, s.refunded_minor,
        case when s.refunded_minor = 0 then 0 else ${reportingAmountSql(workspaceId, ws.reporting, sql`s.refunded_minor`, sql`s.currency`, sql`(s.ordered_at at time zone 'UTC')::date`)} end,
        s.promo_code, s.utm_source, s.utm_campaign, s.landing_url,
        a.creator_id, case when a.creator_id is not null then a.post_id end, a.attributed_by,
        case when a.creator_id is not null and a.posted_at is not null
          then extract(epoch from s.ordered_at - a.posted_at)::bigint end,
        ${at.toISOString()}::timestamptz
      from ${S} s left join ${A} a on a.id = s.row_no`;

  if (!ws.any) {
    // The first orders of this workspace: nothing to conflict with, and every customer is new.
    // (Feeding the facts from the insert's RETURNING in the same statement measured no faster.)
    const insert = () =>
      queryRows<{ n: number }>(
        tx,
        sql`with ins as (insert into orders ${columns} ${rows} returning 1)
        select count(*)::int as n from ins`,
      );
    let n: { n: number } | undefined;
    if (opts.rebuildIndexes) {
      const bulk = await withoutSecondaryIndexes(tx, opts.rows ?? 0, insert, onStep);
      [n] = bulk.result;
      opts.onNote?.(
        bulk.rebuilt
          ? "orders' secondary indexes were dropped for the insert and rebuilt after it"
          : "orders' indexes were kept (the table holds as many orders as the file, or another session is using it)",
      );
    } else {
      t = performance.now();
      [n] = await insert();
      onStep('insert', performance.now() - t);
    }
    t = performance.now();
    await tx.execute(sql`delete from customer_facts where workspace_id = ${workspaceId}`);
    await refreshCustomerFacts(tx, workspaceId, undefined, { fresh: true });
    onStep('customer facts', performance.now() - t);
    return { created: n?.n ?? 0, updated: 0 };
  }

  await tx.execute(sql`create temp table ${changed} (customer_id text not null) on commit drop`);
  // Orders moving to another customer: the customer they leave needs new facts too.
  await tx.execute(sql`insert into ${changed}
    select o.customer_id from orders o join ${S} s on o.workspace_id = ${workspaceId}
      and o.external_id = s.external_id
    where o.customer_id <> s.customer_id`);
  const stmt = sql`
    with ins as (
      insert into orders as o ${columns}
      ${rows}
      on conflict (workspace_id, external_id) do update set
        customer_id = excluded.customer_id, ordered_at = excluded.ordered_at,
        amount_minor = excluded.amount_minor, currency = excluded.currency,
        amount_reporting_minor = excluded.amount_reporting_minor, status = excluded.status,
        refunded_minor = excluded.refunded_minor, refunded_reporting_minor = excluded.refunded_reporting_minor,
        promo_code = excluded.promo_code,
        utm_source = excluded.utm_source, utm_campaign = excluded.utm_campaign,
        landing_url = excluded.landing_url, attributed_creator_id = excluded.attributed_creator_id,
        attributed_deliverable_id = excluded.attributed_deliverable_id,
        attributed_by = excluded.attributed_by, lag_seconds = excluded.lag_seconds
      where (o.customer_id, o.ordered_at, o.amount_minor, o.currency, o.promo_code, o.utm_source,
          o.utm_campaign, o.landing_url, o.status, o.refunded_minor)
        is distinct from (excluded.customer_id, excluded.ordered_at, excluded.amount_minor,
          excluded.currency, excluded.promo_code, excluded.utm_source, excluded.utm_campaign,
          excluded.landing_url, excluded.status, excluded.refunded_minor)
      returning o.customer_id, (o.xmax = 0) as inserted
    ),
    keep as (insert into ${changed} select customer_id from ins)
    select (count(*) filter (where inserted))::int as created,
      (count(*) filter (where not inserted))::int as updated
    from ins`;
  t = performance.now();
  const [counts] = await queryRows<{ created: number; updated: number }>(tx, stmt);
  onStep('insert', performance.now() - t);
  const created = counts?.created ?? 0;
  const updated = counts?.updated ?? 0;
  await tx.execute(sql`analyze ${changed}`);
  // The facts below read orders through its indexes; a large upsert changes its statistics.
  if (created + updated >= 10_000) await tx.execute(sql`analyze orders`);
  t = performance.now();
  await refreshCustomerFacts(tx, workspaceId, sql`select distinct customer_id from ${changed}`);
  onStep('customer facts', performance.now() - t);
  return { created, updated };
}

/**
 * After a large import, VACUUM ANALYZE the tables it wrote (outside the transaction: VACUUM
 * cannot run in one). Fresh statistics keep the planner on the right plans and the visibility
 * map lets the reports read their covering indexes without visiting the table (index-only
 * scans). PostgreSQL's autovacuum would get there too, later; PGlite has no autovacuum at all.
 */
const VACUUM_AT = 10_000;
async function vacuumOrders(db: Db): Promise<void> {
  try {
    await db.execute(sql`vacuum (analyze) orders, customer_facts`);
  } catch (e) {
    // Called inside someone else's transaction (a test's, a script's): skip, it is only upkeep.
    if ((e as { code?: string }).code !== '25001') throw e;
  }
}

const MAX_LISTED_ERRORS = 1000;
const PROGRESS_EVERY = 25_000;

/** Thrown inside the transaction to roll it back when all_or_nothing meets a bad row. */
class Refused extends Error {
  constructor(readonly result: ImportResult) {
    super('refused');
  }
}

export interface ImportOptions {
  mode: CsvImportMode;
  onProgress?: ((p: ImportProgress) => void) | undefined;
  /**
   * Drop and rebuild `orders`' secondary indexes around a first import into a workspace
   * ({@link withoutSecondaryIndexes}). Locks the table every workspace shares until the import
   * commits: only `evergreen import … --bulk-rebuild-indexes` on an idle installation sets it,
   * never a server request.
   */
  rebuildIndexes?: boolean | undefined;
  /** What the bulk path did (the CLI prints it). */
  onNote?: ((note: string) => void) | undefined;
  /** Each step's time once it ends (the benchmark prints them; {@link ImportStep}). */
  onStep?: ((step: ImportStep, ms: number) => void) | undefined;
  /** How values are read: the zone of offset-less times, and column styles the mapping fixes. */
  formats?: Partial<OrderFormats> | undefined;
  /** How the columns are read: a mapping, a preset or a saved mapping's name (else the names as they are). */
  columns?: MappingRequest | undefined;
}

/**
 * Imports an orders CSV (a string or a stream) in one transaction. all_or_nothing: any bad row
 * and nothing is written (`wrote: false`, every error listed); valid_rows: the good rows are
 * written and the others reported. Errors of the file as a whole (missing column, not UTF-8,
 * an unclosed quote) throw validation_failed.
 */
export async function importOrdersCsv(
  { db, clock, actor }: ActorCtx,
  input: CsvInput,
  opts: ImportOptions,
): Promise<ImportResult> {
  requireRole(actor, 'manager');
  const ws = actor.workspaceId;
  const at = clock.now();
  const report = opts.onProgress ?? (() => {});
  let totalRows = 0;
  const rowErrors: CsvRowError[] = [];
  let errorCount = 0;
  const badRows = new Set<number>();
  let reading: ImportResult['reading'];
  const base = (): Omit<ImportResult, 'created' | 'updated' | 'unchanged' | 'wrote'> => ({
    mode: opts.mode,
    totalRows,
    skipped: badRows.size,
    rowErrors,
    errorCount,
    ...(reading ? { reading } : {}),
  });
  report({ phase: 'reading', processedRows: 0, totalRows: 0 });
  try {
    // The header first, outside the transaction: the mapping may be a saved one (a query), and
    // inside, the connection is busy with the COPY into the stage (PostgreSQL) or the
    // transaction holds the one session (PGlite).
    const batches = readCsvRecords(input)[Symbol.asyncIterator]();
    const first = await batches.next();
    const formats: OrderFormats = { ...UTC_FORMATS, ...opts.formats };
    let mapped: ResolvedMapping | null = null;
    let width = 0;
    let columns: (OrderColumn | null)[] | null = null;
    if (!first.done && 'header' in first.value) {
      const batch = first.value;
      // A header cell PostgreSQL cannot store (a NUL, half a surrogate pair) refuses the file.
      const bad = batch.header.findIndex((c) => textFault(c) !== null);
      if (bad >= 0) {
        const code = textFault(batch.header[bad]!)!;
        const message = `Row 1, column ${bad + 1}: ${textFaultMessage[code]}`;
        throw new AppError('validation_failed', message, [
          { field: `rows.1.column ${bad + 1}`, message: textFaultMessage[code], code, params: { row: 1 } },
        ]);
      }
      // The columns through the mapping (given, preset, saved, or the names as they are).
      mapped = await resolveMapping(db, ws, 'orders', batch.header, opts.columns ?? {}, {
        known: (f) => (orderColumns as readonly string[]).includes(f),
      });
      requireFields(mapped);
      width = batch.header.length;
      columns = readOrderHeader(mapped.fields);
      const o = mapped.mapping.options;
      if (o?.decimal) formats.amount = o.decimal;
      if (o?.dateOrder) formats.orderedAt = o.dateOrder;
      reading = {
        timeZone: formats.timeZone,
        encoding: typeof input === 'string' ? null : batch.encoding,
        delimiter: batch.delimiter,
        preset: mapped.preset?.name ?? null,
        mapping: mapped.savedName,
      };
    }
    const rest = { [Symbol.asyncIterator]: () => batches };
    const result = await db.transaction(async (tx) => {
      const stage = await createOrderStage(tx);
      const sink = await openOrderSink(tx, stage);
      let valid = 0;
      try {
        const seen = new Map<string, number>();
        const addError = (e: CsvRowError) => {
          errorCount++;
          badRows.add(e.row);
          if (rowErrors.length < MAX_LISTED_ERRORS) rowErrors.push(e);
        };
        let nextReport = PROGRESS_EVERY;
        for await (const batch of rest) {
          if ('header' in batch) continue;
          const cols = columns!;
          const m = mapped!;
          // Rows through the mapping; a row with the wrong number of cells is an error of its own.
          const records: { row: number; cells: string[] }[] = [];
          for (const { row, cells } of batch.records) {
            const extra = cells.length > width ? cells.slice(width) : null;
            if (cells.length < width || extra?.some((c) => c.trim() !== '')) {
              totalRows++;
              addError({
                row,
                column: null,
                message: `has ${cells.length} cells but the header has ${width} columns (a missing or extra separator, or an unquoted comma?)`,
                code: 'column_count',
              });
              continue;
            }
            const projected = m.project(cells, row);
            if (projected) records.push({ row, cells: projected });
          }
          // Until a column's values prove its decimal mark / date order, each batch is looked at.
          if (!formats.amount || !formats.orderedAt) decideOrderFormats(cols, records, formats);
          let lines = '';
          for (const { row, cells } of records) {
            totalRows++;
            const byName: Partial<Record<OrderColumn, string>> = {};
            for (let i = 0; i < cols.length; i++) {
              const c = cols[i];
              if (c) byName[c] = cells[i];
            }
            // A cell PostgreSQL cannot store (a NUL, half a surrogate pair) is this row's error.
            const fault = cols.findIndex((c, i) => c !== null && textFault(cells[i] ?? '') !== null);
            if (fault >= 0) {
              const code = textFault(cells[fault]!)!;
              addError({ row, column: cols[fault]!, message: textFaultMessage[code], code });
              continue;
            }
            const r = readOrder(byName, formats);
            if ('issues' in r) {
              for (const i of r.issues) {
                if (i.code === 'ambiguous_number')
                  throw ambiguousNumberColumn(i.column, byName[i.column] ?? '');
                if (i.code === 'ambiguous_date') throw ambiguousDateColumn(i.column, byName[i.column] ?? '');
              }
              for (const i of r.issues) addError({ row, column: i.column, message: i.message, code: i.code });
              continue;
            }
            const first = seen.get(r.values.externalId);
            if (first !== undefined) {
              addError({
                row,
                column: 'external_id',
                message: `row ${first} has the same external_id (${r.values.externalId})`,
                code: 'duplicate_in_file',
              });
              continue;
            }
            seen.set(r.values.externalId, row);
            // all_or_nothing: after the first bad row nothing will be written; keep checking only.
            if (opts.mode === 'all_or_nothing' && errorCount) continue;
            lines += stageLine(row, r.values);
            valid++;
          }
          if (lines) await sink.write(lines);
          if (totalRows >= nextReport) {
            report({ phase: 'reading', processedRows: totalRows, totalRows: 0 });
            nextReport = totalRows + PROGRESS_EVERY;
          }
        }
        if (!columns)
          throw invalid('csv', 'The file is empty: it needs a header row and at least one order', 'empty');
        const notes = mapped?.notes() ?? [];
        if (reading && notes.length) reading.notes = notes;
      } catch (e) {
        sink.abort(e as Error);
        throw e;
      }
      if (opts.mode === 'all_or_nothing' && errorCount) {
        sink.abort(new Error('refused'));
        throw new Refused({
          ...base(),
          created: 0,
          updated: 0,
          unchanged: 0,
          skipped: totalRows,
          wrote: false,
        });
      }
      report({ phase: 'writing', processedRows: 0, totalRows });
      const staged = performance.now();
      await sink.end();
      opts.onStep?.('stage', performance.now() - staged);
      const { created, updated } = valid
        ? await upsertStagedOrders(tx, ws, stage, at, {
            rows: valid,
            rebuildIndexes: opts.rebuildIndexes,
            onNote: opts.onNote,
            onStep: opts.onStep,
            onPhase: (phase) =>
              report({ phase, processedRows: phase === 'attributing' ? totalRows : 0, totalRows }),
          })
        : { created: 0, updated: 0 };
      const result: ImportResult = {
        ...base(),
        created,
        updated,
        unchanged: valid - created - updated,
        wrote: created + updated > 0,
      };
      const { rowErrors: _e, ...counts } = result;
      await recordAudit(
        tx,
        actor,
        { action: 'order.imported', entityType: 'order', entityId: null, changes: counts },
        at,
      );
      return result;
    });
    report({ phase: 'done', processedRows: totalRows, totalRows });
    if (result.created + result.updated >= VACUUM_AT) await vacuumOrders(db);
    return result;
  } catch (e) {
    if (e instanceof Refused) {
      report({ phase: 'done', processedRows: totalRows, totalRows });
      return e.result;
    }
    report({ phase: 'failed', processedRows: totalRows, totalRows });
    throw e;
  }
}

// ---- the list -------------------------------------------------------------------------------

const DATE = /^\d{4}-\d{2}-\d{2}$/;
function boundOf(field: 'from' | 'to', v: string | undefined): string | null {
  if (!v) return null;
  if (DATE.test(v)) {
    const d = new Date(`${v}T00:00:00Z`);
    if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v)
      throw invalid(field, 'must be a date (YYYY-MM-DD) or an ISO date-time', 'invalid_date');
    // "to" a day includes that whole day.
    return field === 'to' ? new Date(d.getTime() + 86_400_000).toISOString() : d.toISOString();
  }
  const t = Date.parse(v);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(v) || Number.isNaN(t))
    throw invalid(field, 'must be a date (YYYY-MM-DD) or an ISO date-time', 'invalid_date');
  return new Date(t).toISOString();
}

interface OrderRow {
  id: number;
  external_id: string;
  customer_id: string;
  ordered_at: Date | string;
  amount_minor: number;
  currency: string;
  amount_reporting_minor: number | null;
  status: Order['status'];
  refunded_minor: number;
  refunded_reporting_minor: number | null;
  promo_code: string | null;
  utm_source: string | null;
  utm_campaign: string | null;
  landing_url: string | null;
  attributed_creator_id: string | null;
  creator_name: string | null;
  attributed_deliverable_id: string | null;
  attributed_by: 'code' | 'link' | null;
  lag_seconds: number | null;
}

const toOrder = (r: OrderRow): Order => ({
  id: Number(r.id),
  externalId: r.external_id,
  customerId: r.customer_id,
  orderedAt: isoRequired(r.ordered_at),
  amountMinor: Number(r.amount_minor),
  currency: r.currency,
  amountReportingMinor: r.amount_reporting_minor == null ? null : Number(r.amount_reporting_minor),
  status: r.status,
  refundedMinor: Number(r.refunded_minor),
  refundedReportingMinor: r.refunded_reporting_minor == null ? null : Number(r.refunded_reporting_minor),
  promoCode: r.promo_code,
  utmSource: r.utm_source,
  utmCampaign: r.utm_campaign,
  landingUrl: r.landing_url,
  attribution:
    r.attributed_creator_id && r.attributed_by
      ? {
          creatorId: r.attributed_creator_id,
          creatorName: r.creator_name,
          deliverableId: r.attributed_deliverable_id,
          by: r.attributed_by,
          lagSeconds: r.lag_seconds == null ? null : Number(r.lag_seconds),
        }
      : null,
});

/** Orders, newest first, with their attribution; analysts can read. */
export async function listOrders({ db, actor }: ActorCtx, q: OrderListQuery): Promise<OrderList> {
  requireRole(actor, 'analyst');
  const ws = actor.workspaceId;
  const from = boundOf('from', q.from);
  const to = boundOf('to', q.to);
  const conds: SQL[] = [sql`o.workspace_id = ${ws}`];
  if (q.creatorId) conds.push(sql`o.attributed_creator_id = ${q.creatorId}`);
  if (q.attributed === 'yes') conds.push(sql`o.attributed_creator_id is not null`);
  if (q.attributed === 'no') conds.push(sql`o.attributed_creator_id is null`);
  if (from) conds.push(sql`o.ordered_at >= ${from}::timestamptz`);
  if (to) conds.push(sql`o.ordered_at < ${to}::timestamptz`);
  const where = sql.join(conds, sql` and `);
  const rows = await queryRows<OrderRow>(
    db,
    sql`select o.id, o.external_id, o.customer_id, o.ordered_at, o.amount_minor, o.currency,
      o.amount_reporting_minor, o.status, o.refunded_minor, o.refunded_reporting_minor,
      o.promo_code, o.utm_source, o.utm_campaign, o.landing_url,
      o.attributed_creator_id, c.display_name as creator_name, o.attributed_deliverable_id,
      o.attributed_by, o.lag_seconds
    from orders o
    left join creators c on c.workspace_id = o.workspace_id and c.id = o.attributed_creator_id
    where ${where}
    order by o.ordered_at desc, o.id desc
    limit ${q.limit} offset ${q.offset}`,
  );
  const [n] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from orders o where ${where}`);
  return { orders: rows.map(toOrder), total: n?.n ?? 0 };
}
