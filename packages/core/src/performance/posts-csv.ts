import {
  type CsvImportMode,
  type CsvRowError,
  deliverableStatuses,
  type ImportProgress,
  type ImportResult,
  type Platform,
  platforms,
} from '@evergreen/contracts';
import { type Db, queryRows } from '@evergreen/db';
import { sql } from 'drizzle-orm';

type DeliverableStatus = (typeof deliverableStatuses)[number];

import { recordAudit } from '../audit/index.ts';
import {
  type MappingRequest,
  mapRecords,
  type ResolvedMapping,
  requireFields,
  resolveMapping,
} from '../imports/index.ts';
import { requireRole } from '../shared/access.ts';
import { type FileFormats, type FormatOptions, fileFormats } from '../shared/column-values.ts';
import type { ActorCtx } from '../shared/context.ts';
import { type CsvRecord, type CsvTable, readCsv, unneutralise } from '../shared/csv-text.ts';
import { AppError, missingColumns, rowErrorsToAppError } from '../shared/errors.ts';
import {
  type DateOrder,
  type DecimalStyle,
  readCount,
  readDay,
  readInstant,
  readNumber,
  toMinor,
} from '../shared/values.ts';
import { refreshPostFacts } from './facts.ts';
import { refreshPostDerivedFacts } from './posts.ts';

/**
 * CSV import of posts (docs/csv.md "Posts"). Every row names its post by external_id: a new id
 * creates a post, a known one updates it (unchanged when nothing differs). The file is read and
 * checked first; then, in one transaction, written in multi-row statements of 1,000 rows, and
 * the derived facts (ordinals, reporting costs, attribution) are refreshed once at the end.
 */

// ---- shared by the post and metric imports ---------------------------------------------------

/** Large imports: 256 MB and a million rows (the roster's 5 MB limit is for people-sized files). */
export const IMPORT_MAX_BYTES = 256 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 1_000_000;
export const IMPORT_WRITE_CHUNK = 1000;
/** Row errors listed in a result (errorCount has them all). */
const MAX_LISTED_ERRORS = 1000;
const PROGRESS_EVERY = 5000;

export interface PerfImportOptions {
  mode: CsvImportMode;
  /** The zone of offset-less times and the styles a mapping fixes (else decided from the values). */
  formats?: FormatOptions | undefined;
  /** How the columns are read: a mapping, a preset or a saved mapping's name. */
  columns?: MappingRequest | undefined;
  onProgress?: (p: ImportProgress) => void;
}

export const fileError = (message: string, code: string, column?: string): AppError =>
  new AppError('validation_failed', message, [
    {
      field: column ? `rows.1.${column}` : 'csv',
      message,
      code,
      ...(column ? { params: { row: 1, column } } : {}),
    },
  ]);

/** Reads the file with the import limits; an empty file or one without data rows is refused. */
export function readImportFile(csv: string, rowNoun: string): CsvTable {
  const table = readCsv(csv, { rowNoun, maxBytes: IMPORT_MAX_BYTES, maxRows: IMPORT_MAX_ROWS });
  if (!table.records.length) throw fileError(`The file has a header row but no ${rowNoun}s`, 'empty');
  return table;
}

/**
 * Maps header names (case-insensitive, any order) to cell positions. An unknown, unnamed or
 * repeated column, or a missing required one, throws naming it (row 1).
 */
export function readImportHeader<C extends string>(
  cells: string[],
  known: readonly C[],
  required: readonly C[],
): Map<C, number> {
  const index = new Map<C, number>();
  const errors: CsvRowError[] = [];
  cells.forEach((raw, i) => {
    const name = raw.trim().toLowerCase();
    if (!name) {
      errors.push({ row: 1, column: null, message: `Column ${i + 1} has no name`, code: 'unnamed_column' });
      return;
    }
    if (!(known as readonly string[]).includes(name)) {
      errors.push({
        row: 1,
        column: raw.trim(),
        message: `Unknown column "${raw.trim()}" (the columns are ${known.join(', ')})`,
        code: 'unknown_column',
      });
      return;
    }
    if (index.has(name as C)) {
      errors.push({
        row: 1,
        column: name,
        message: `Column "${name}" appears twice`,
        code: 'duplicate_column',
      });
      return;
    }
    index.set(name as C, i);
  });
  errors.push(...missingColumns(required, (c) => index.has(c as C)));
  if (errors.length) throw rowErrorsToAppError(errors, 'The header row has errors');
  return index;
}

/**
 * The file through its column mapping (given, preset, saved, or the names as they are): the
 * header becomes the fields; a required field left unmapped is a 400 naming it.
 */
export async function mapTable(
  db: Db,
  ws: string,
  kind: 'posts' | 'metrics',
  table: CsvTable,
  req: MappingRequest | undefined,
): Promise<{ table: CsvTable; mapped: ResolvedMapping; rowErrors: CsvRowError[] }> {
  const mapped = await resolveMapping(db, ws, kind, table.header, req ?? {});
  requireFields(mapped);
  const m = mapRecords(mapped, table.header.length, table.records);
  return { table: { ...table, header: m.header, records: m.records }, mapped, rowErrors: m.rowErrors };
}

/** How the file was read, for the result. */
export function readingOf(
  m: ResolvedMapping,
  f: FileFormats,
  table: CsvTable,
): NonNullable<ImportResult['reading']> {
  const notes = m.notes();
  return {
    timeZone: f.timeZone,
    encoding: null,
    delimiter: table.delimiter,
    preset: m.preset?.name ?? null,
    mapping: m.savedName,
    ...(notes.length ? { notes } : {}),
  };
}

/** The file-wide value options: the mapping's (decimal mark, date order) over the caller's. */
export const withOptions = (f: FormatOptions | undefined, m: ResolvedMapping): FormatOptions => ({
  ...f,
  ...(m.mapping.options?.decimal ? { decimal: m.mapping.options.decimal } : {}),
  ...(m.mapping.options?.dateOrder ? { dateOrder: m.mapping.options.dateOrder } : {}),
});

/** The positions of the named number and date columns the file has, for fileFormats. */
export function columnsOf<C extends string>(
  index: Map<C, number>,
  numbers: readonly C[],
  dates: readonly C[],
): { numbers: [string, number][]; dates: [string, number][] } {
  const present = (cs: readonly C[]) =>
    cs.filter((c) => index.has(c)).map((c): [string, number] => [c, index.get(c)!]);
  return { numbers: present(numbers), dates: present(dates) };
}

/** The cells of a record by column name; a short or long row is an error of the row. */
export function cellsOf<C extends string>(
  record: CsvRecord,
  index: Map<C, number>,
  width: number,
): { get: (c: C) => string | undefined } | CsvRowError {
  const extra = record.cells.slice(width);
  if (record.cells.length < width || extra.some((c) => c.trim() !== ''))
    return {
      row: record.row,
      column: null,
      message: `has ${record.cells.length} cells but the header has ${width} columns (a missing or extra separator, or an unquoted comma?)`,
      code: 'column_count',
    };
  return {
    get: (c) => {
      const i = index.get(c);
      return i === undefined ? undefined : unneutralise(record.cells[i] ?? '').trim();
    },
  };
}

export type Cell<T> = { value: T } | { message: string; code: string };
const bad = (message: string, code = 'invalid_value') => ({ message, code });

/**
 * An instant in any shape the shared reader knows (shared/values.ts); a time without an offset
 * is read in `timeZone` (the workspace's).
 */
export function parseInstant(
  cell: string,
  timeZone = 'UTC',
  order: DateOrder | null = null,
): Cell<Date | null> {
  if (!cell) return { value: null };
  const r = readInstant(cell, { timeZone, order });
  return r.ok ? { value: r.value } : bad(r.message, r.code);
}

export function parseDay(cell: string, order: DateOrder | null = null): Cell<string | null> {
  if (!cell) return { value: null };
  const r = readDay(cell, order);
  return r.ok ? { value: r.value } : bad(r.message, r.code);
}

/** A count: a whole number ≥ 0 (`12500`, `12 500`, `12,500`); empty = not measured. */
export function parseCount(cell: string, style: DecimalStyle | null = null): Cell<number | null> {
  if (!cell) return { value: null };
  const r = readCount(cell, style);
  return r.ok ? { value: r.value } : bad(r.message, r.code);
}

/**
 * The start of a performance import, once the caller may import (a manager): the file read, its
 * columns mapped to the kind's fields (with the rows the mapping refused), and progress reported
 * from 'reading' on.
 */
export async function openImport(
  { db, actor }: ActorCtx,
  csv: string,
  opts: PerfImportOptions,
  kind: 'posts' | 'metrics',
  rowNoun: string,
) {
  requireRole(actor, 'manager');
  const ws = actor.workspaceId;
  const progress = progressReporter(opts.onProgress);
  progress('reading', 0, 0);
  const file = readImportFile(csv, rowNoun);
  const { table, mapped, rowErrors: mapErrors } = await mapTable(db, ws, kind, file, opts.columns);
  return { ws, progress, table, mapped, mapErrors };
}

/** The distinct non-empty values of one column (unneutralised, trimmed), in file order. */
export function distinctCells<C extends string>(table: CsvTable, index: Map<C, number>, column: C): string[] {
  return [
    ...new Set(
      table.records.map((r) => unneutralise(r.cells[index.get(column)!] ?? '').trim()).filter(Boolean),
    ),
  ];
}

export function progressReporter(onProgress: PerfImportOptions['onProgress']) {
  return (phase: ImportProgress['phase'], processedRows: number, totalRows: number) =>
    onProgress?.({ phase, processedRows, totalRows });
}

export function shouldReport(i: number): boolean {
  return i % PROGRESS_EVERY === 0;
}

/** The result of an import; `errors` are every row error, in row order. */
export function importResult(
  mode: CsvImportMode,
  totalRows: number,
  counts: { created: number; updated: number; unchanged: number },
  errors: CsvRowError[],
  badRows: number,
  wroteAnything: boolean,
): ImportResult {
  const refused = mode === 'all_or_nothing' && errors.length > 0;
  return {
    mode,
    totalRows,
    created: refused ? 0 : counts.created,
    updated: refused ? 0 : counts.updated,
    unchanged: refused ? 0 : counts.unchanged,
    skipped: refused ? 0 : badRows,
    wrote: !refused && wroteAnything,
    rowErrors: errors.slice(0, MAX_LISTED_ERRORS),
    errorCount: errors.length,
  };
}

/** Runs `fn` over slices of at most `size` ids (keeps statements' parameter lists small). */
export async function inSlices(ids: readonly string[], size: number, fn: (slice: string[]) => Promise<void>) {
  for (let i = 0; i < ids.length; i += size) await fn(ids.slice(i, i + size));
}

/** A JSON array parameter as a set of text values, for `x in (…)` over thousands of values. */
export const jsonList = (xs: readonly string[]) =>
  sql`(select jsonb_array_elements_text(${JSON.stringify(xs)}::jsonb))`;

// ---- posts -----------------------------------------------------------------------------------

export const postColumns = [
  'external_id',
  'creator',
  'agreement_id',
  'campaign',
  'platform',
  'type',
  'sponsored',
  'planned_on',
  'due_on',
  'posted_at',
  'url',
  'status',
  'cost',
  'cost_currency',
] as const;
type PostColumn = (typeof postColumns)[number];

/** The fields of a post an import writes. */
interface PostFields {
  creatorId: string;
  agreementId: string | null;
  campaignId: string | null;
  type: string;
  platform: Platform | null;
  sponsored: boolean;
  plannedOn: string | null;
  dueOn: string | null;
  postedAt: Date | null;
  url: string | null;
  status: DeliverableStatus;
  costMinor: number | null;
  costCurrency: string | null;
}

interface ExistingPost extends PostFields {
  id: string;
  externalId: string;
}

interface State {
  creatorByExternalId: Map<string, string>;
  creatorByEmail: Map<string, string>;
  /** Lower-case handle → creators having it (per platform, and on any platform). */
  creatorsByHandle: Map<string, Set<string>>;
  agreementCreator: Map<string, string>;
  campaignIds: Set<string>;
  campaignsByName: Map<string, string[]>;
}

async function loadState(db: Db, ws: string): Promise<State> {
  const state: State = {
    creatorByExternalId: new Map(),
    creatorByEmail: new Map(),
    creatorsByHandle: new Map(),
    agreementCreator: new Map(),
    campaignIds: new Set(),
    campaignsByName: new Map(),
  };
  const cs = await queryRows<{ id: string; external_id: string | null; email: string | null }>(
    db,
    sql`select id, external_id, email from creators where workspace_id = ${ws}`,
  );
  for (const c of cs) {
    if (c.external_id) state.creatorByExternalId.set(c.external_id, c.id);
    if (c.email) state.creatorByEmail.set(c.email.toLowerCase(), c.id);
  }
  const hs = await queryRows<{ creator_id: string; platform: string; handle: string }>(
    db,
    sql`select creator_id, platform, handle from creator_handles where workspace_id = ${ws}`,
  );
  const addHandle = (k: string, id: string) => {
    const set = state.creatorsByHandle.get(k) ?? new Set<string>();
    set.add(id);
    state.creatorsByHandle.set(k, set);
  };
  for (const h of hs) {
    const handle = h.handle.replace(/^@/, '').toLowerCase();
    addHandle(`${h.platform}:${handle}`, h.creator_id);
    addHandle(`*:${handle}`, h.creator_id);
  }
  const as = await queryRows<{ id: string; creator_id: string }>(
    db,
    sql`select id, creator_id from agreements where workspace_id = ${ws}`,
  );
  for (const a of as) state.agreementCreator.set(a.id, a.creator_id);
  const cps = await queryRows<{ id: string; name: string }>(
    db,
    sql`select id, name from campaigns where workspace_id = ${ws}`,
  );
  for (const c of cps) {
    state.campaignIds.add(c.id);
    const k = c.name.trim().toLowerCase();
    state.campaignsByName.set(k, [...(state.campaignsByName.get(k) ?? []), c.id]);
  }
  return state;
}

async function loadExisting(db: Db, ws: string, externalIds: string[]): Promise<Map<string, ExistingPost>> {
  const out = new Map<string, ExistingPost>();
  for (let i = 0; i < externalIds.length; i += 10_000) {
    const rows = await queryRows<{
      id: string;
      external_id: string;
      creator_id: string;
      agreement_id: string | null;
      campaign_id: string | null;
      type: string;
      platform: Platform | null;
      sponsored: boolean;
      planned_on: string | Date | null;
      due_on: string | Date | null;
      posted_at: string | Date | null;
      url: string | null;
      status: DeliverableStatus;
      cost_minor: number | string | null;
      cost_currency: string | null;
    }>(
      db,
      sql`select id, external_id, creator_id, agreement_id, campaign_id, type, platform, sponsored,
          planned_on::text as planned_on, due_on::text as due_on, posted_at, url, status, cost_minor, cost_currency
        from deliverables where workspace_id = ${ws} and external_id in ${jsonList(externalIds.slice(i, i + 10_000))}`,
    );
    for (const r of rows)
      out.set(r.external_id, {
        id: r.id,
        externalId: r.external_id,
        creatorId: r.creator_id,
        agreementId: r.agreement_id,
        campaignId: r.campaign_id,
        type: r.type,
        platform: r.platform,
        sponsored: r.sponsored,
        plannedOn: r.planned_on == null ? null : String(r.planned_on).slice(0, 10),
        dueOn: r.due_on == null ? null : String(r.due_on).slice(0, 10),
        postedAt: r.posted_at == null ? null : new Date(r.posted_at),
        url: r.url,
        status: r.status,
        costMinor: r.cost_minor == null ? null : Number(r.cost_minor),
        costCurrency: r.cost_currency,
      });
  }
  return out;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SPONSORED: Record<string, boolean> = {
  true: true,
  yes: true,
  '1': true,
  false: false,
  no: false,
  '0': false,
};

/** The creator named by a cell: external id, else email, else handle ("@name" is only a handle). */
function matchCreator(state: State, cell: string, platform: Platform | null): Cell<string> {
  const v = cell.trim();
  if (!v.startsWith('@')) {
    const byExt = state.creatorByExternalId.get(v);
    if (byExt) return { value: byExt };
    const byEmail = state.creatorByEmail.get(v.toLowerCase());
    if (byEmail) return { value: byEmail };
  }
  const handle = v.replace(/^@/, '').toLowerCase();
  const onPlatform = platform ? state.creatorsByHandle.get(`${platform}:${handle}`) : undefined;
  const any = onPlatform?.size ? onPlatform : state.creatorsByHandle.get(`*:${handle}`);
  if (any?.size === 1) return { value: [...any][0]! };
  if (any && any.size > 1)
    return bad(`"${v}" is the handle of ${any.size} creators; use their external id or email`, 'ambiguous');
  return bad(`no creator has the external id, email or handle "${v}"`, 'unknown_creator');
}

const sameFields = (a: PostFields, b: PostFields) =>
  a.creatorId === b.creatorId &&
  a.agreementId === b.agreementId &&
  a.campaignId === b.campaignId &&
  a.type === b.type &&
  a.platform === b.platform &&
  a.sponsored === b.sponsored &&
  a.plannedOn === b.plannedOn &&
  a.dueOn === b.dueOn &&
  (a.postedAt?.getTime() ?? null) === (b.postedAt?.getTime() ?? null) &&
  a.url === b.url &&
  a.status === b.status &&
  a.costMinor === b.costMinor &&
  a.costCurrency === b.costCurrency;

interface PlannedPost {
  row: number;
  externalId: string;
  fields: PostFields;
  existing: ExistingPost | undefined;
}

/** Checks one row against the state; answers the post it makes, or the row's errors. */
function planRow(
  record: CsvRecord,
  index: Map<PostColumn, number>,
  width: number,
  state: State,
  existingByExt: Map<string, ExistingPost>,
  f: FileFormats,
): PlannedPost | CsvRowError[] {
  const cells = cellsOf(record, index, width);
  if (!('get' in cells)) return [cells];
  const errors: CsvRowError[] = [];
  const err = (column: PostColumn, e: { message: string; code: string }) =>
    errors.push({ row: record.row, column, message: e.message, code: e.code });
  const take = <T>(column: PostColumn, parse: (cell: string) => Cell<T>): T | undefined => {
    const cell = cells.get(column);
    if (cell === undefined) return undefined;
    const r = parse(cell);
    if ('message' in r) {
      err(column, r);
      return undefined;
    }
    return r.value;
  };

  const externalId = cells.get('external_id') ?? '';
  if (!externalId) err('external_id', { message: 'is required', code: 'required' });
  else if (externalId.length > 200)
    err('external_id', { message: 'is longer than 200 characters', code: 'too_big' });
  const existing = externalId ? existingByExt.get(externalId) : undefined;

  const platform = take('platform', (c): Cell<Platform | null> => {
    if (!c) return { value: null };
    const v = c.toLowerCase();
    return (platforms as readonly string[]).includes(v)
      ? { value: v as Platform }
      : bad(`must be one of ${platforms.join(', ')}; got "${c}"`);
  });
  let creatorId = existing?.creatorId;
  const creatorCell = cells.get('creator');
  if (creatorCell) {
    const m = matchCreator(state, creatorCell, platform ?? existing?.platform ?? null);
    if ('message' in m) err('creator', m);
    else creatorId = m.value;
  } else if (!existing) err('creator', { message: 'is required for a new post', code: 'required' });

  const agreementId = take('agreement_id', (c): Cell<string | null> => {
    if (!c) return { value: null };
    if (!UUID.test(c) || !state.agreementCreator.has(c.toLowerCase()))
      return bad(`no agreement of this workspace has the id "${c}"`, 'not_found');
    return { value: c.toLowerCase() };
  });
  const campaignId = take('campaign', (c): Cell<string | null> => {
    if (!c) return { value: null };
    if (UUID.test(c) && state.campaignIds.has(c.toLowerCase())) return { value: c.toLowerCase() };
    const byName = state.campaignsByName.get(c.toLowerCase()) ?? [];
    if (byName.length === 1) return { value: byName[0]! };
    return byName.length > 1
      ? bad(`${byName.length} campaigns are named "${c}"; use the campaign's id`, 'ambiguous')
      : bad(`no campaign is named "${c}" or has that id`, 'not_found');
  });
  const type = take(
    'type',
    (c): Cell<string | null> =>
      c.length > 60 ? bad('is longer than 60 characters', 'too_big') : { value: c || null },
  );
  const sponsored = take('sponsored', (c): Cell<boolean | null> => {
    if (!c) return { value: null };
    const v = SPONSORED[c.toLowerCase()];
    return v === undefined ? bad(`must be true or false (yes/no, 1/0); got "${c}"`) : { value: v };
  });
  const plannedOn = take('planned_on', (c) => parseDay(c, f.dateOrder.get('planned_on') ?? null));
  const dueOn = take('due_on', (c) => parseDay(c, f.dateOrder.get('due_on') ?? null));
  const postedAt = take('posted_at', (c) =>
    parseInstant(c, f.timeZone, f.dateOrder.get('posted_at') ?? null),
  );
  const url = take('url', (c): Cell<string | null> => {
    if (!c) return { value: null };
    if (c.length > 1000) return bad('is longer than 1,000 characters', 'too_big');
    try {
      const u = new URL(c);
      if (u.protocol === 'http:' || u.protocol === 'https:') return { value: c };
    } catch {}
    return bad(`must be an http(s) link; got "${c}"`, 'invalid_url');
  });
  const status = take('status', (c): Cell<DeliverableStatus | null> => {
    if (!c) return { value: null };
    const v = c.toLowerCase();
    return (deliverableStatuses as readonly string[]).includes(v)
      ? { value: v as DeliverableStatus }
      : bad(`must be one of ${deliverableStatuses.join(', ')}; got "${c}"`);
  });
  const currencyCell = cells.get('cost_currency');
  const costCell = cells.get('cost');
  // undefined: the file has no such column (keep the post's); null: an empty cell (clear it).
  let costMinor: number | null | undefined;
  let costCurrency: string | null | undefined;
  let currencyOk = true;
  if (currencyCell !== undefined) {
    currencyOk = !currencyCell || /^[A-Za-z]{3}$/.test(currencyCell);
    if (!currencyOk)
      err(
        'cost_currency',
        bad(`must be a three-letter code like USD; got "${currencyCell}"`, 'invalid_currency'),
      );
    else costCurrency = currencyCell ? currencyCell.toUpperCase() : null;
  }
  if (costCell === '') costMinor = null;
  else if (costCell !== undefined && currencyOk) {
    const currency = costCurrency !== undefined ? costCurrency : existing?.costCurrency;
    if (!currency) err('cost_currency', { message: 'is required with a cost', code: 'required' });
    else {
      const n = readNumber(costCell, f.decimal.get('cost') ?? null);
      const m = n.ok ? toMinor(n.value, currency) : n;
      if (!m.ok) err('cost', m);
      else costMinor = m.value;
    }
  }
  if (errors.length) return errors;

  /** Required fields: an empty cell (or no column) keeps the post's value, or the default for a new post. */
  const pick = <K extends keyof PostFields>(v: PostFields[K] | null | undefined, k: K, dflt: PostFields[K]) =>
    v ?? existing?.[k] ?? dflt;
  /** Optional fields: no column keeps the post's value; an empty cell clears it. */
  const nullable = <K extends keyof PostFields>(v: PostFields[K] | undefined, k: K): PostFields[K] =>
    v !== undefined ? v : ((existing?.[k] ?? null) as PostFields[K]);
  const fields: PostFields = {
    creatorId: creatorId!,
    agreementId: nullable(agreementId, 'agreementId'),
    campaignId: nullable(campaignId, 'campaignId'),
    type: pick(type, 'type', 'sponsored_post'),
    platform: nullable(platform, 'platform'),
    sponsored: pick(sponsored, 'sponsored', true),
    plannedOn: nullable(plannedOn, 'plannedOn'),
    dueOn: nullable(dueOn, 'dueOn'),
    postedAt: nullable(postedAt, 'postedAt'),
    url: nullable(url, 'url'),
    status: pick(status, 'status', postedAt ? 'live' : 'planned'),
    costMinor: nullable(costMinor, 'costMinor'),
    costCurrency: nullable(costCurrency, 'costCurrency'),
  };
  if (fields.agreementId && state.agreementCreator.get(fields.agreementId) !== fields.creatorId)
    err('agreement_id', { message: "is another creator's agreement", code: 'other_creator' });
  if (fields.costMinor != null && !fields.costCurrency)
    err('cost_currency', { message: 'is required with a cost', code: 'required' });
  if (errors.length) return errors;
  return { row: record.row, externalId, fields, existing };
}

const postJson = (p: PlannedPost) => ({
  id: p.existing?.id ?? null,
  external_id: p.externalId,
  creator_id: p.fields.creatorId,
  agreement_id: p.fields.agreementId,
  campaign_id: p.fields.campaignId,
  type: p.fields.type,
  platform: p.fields.platform,
  sponsored: p.fields.sponsored,
  planned_on: p.fields.plannedOn,
  due_on: p.fields.dueOn,
  posted_at: p.fields.postedAt?.toISOString() ?? null,
  url: p.fields.url,
  status: p.fields.status,
  cost_minor: p.fields.costMinor,
  cost_currency: p.fields.costCurrency,
});
const RECORD = sql.raw(`x(id uuid, external_id text, creator_id uuid, agreement_id uuid, campaign_id uuid,
  type text, platform platform, sponsored boolean, planned_on date, due_on date, posted_at timestamptz,
  url text, status deliverable_status, cost_minor bigint, cost_currency text)`);

/** Imports posts from CSV text (docs/csv.md "Posts"). */
export async function importPostsCsv(
  ctx: ActorCtx,
  csv: string,
  opts: PerfImportOptions,
): Promise<ImportResult> {
  const { db, clock, actor } = ctx;
  const { ws, progress, table, mapped, mapErrors } = await openImport(ctx, csv, opts, 'posts', 'post');
  const index = readImportHeader(table.header, postColumns, ['external_id']);
  const width = table.header.length;
  const total = table.records.length + mapErrors.length;
  const formats = fileFormats(
    table.records,
    columnsOf(index, ['cost'], ['planned_on', 'due_on', 'posted_at']),
    withOptions(opts.formats, mapped),
  );
  progress('checking', 0, total);

  const externalIds = distinctCells(table, index, 'external_id');
  const state = await loadState(db, ws);
  const existingByExt = await loadExisting(db, ws, externalIds);
  const errors: CsvRowError[] = [...mapErrors];
  const planned: PlannedPost[] = [];
  const firstRowOf = new Map<string, number>();
  let badRows = mapErrors.length;
  table.records.forEach((record, i) => {
    if (shouldReport(i) && i) progress('checking', i, total);
    const p = planRow(record, index, width, state, existingByExt, formats);
    if (Array.isArray(p)) {
      errors.push(...p);
      badRows++;
      return;
    }
    const first = firstRowOf.get(p.externalId);
    if (first !== undefined) {
      errors.push({
        row: record.row,
        column: 'external_id',
        message: `repeats the external id of row ${first}`,
        code: 'duplicate',
      });
      badRows++;
      return;
    }
    firstRowOf.set(p.externalId, record.row);
    planned.push(p);
  });
  progress('checking', total, total);

  const creates = planned.filter((p) => !p.existing);
  const updates = planned.filter((p) => p.existing && !sameFields(p.existing, p.fields));
  const unchanged = planned.length - creates.length - updates.length;
  const counts = { created: creates.length, updated: updates.length, unchanged };
  if ((opts.mode === 'all_or_nothing' && errors.length) || creates.length + updates.length === 0) {
    progress('done', total, total);
    return {
      ...importResult(opts.mode, total, counts, errors, badRows, false),
      reading: readingOf(mapped, formats, table),
    };
  }

  const now = clock.now();
  await db.transaction(async (tx) => {
    const touched: string[] = [];
    const creatorIds = new Set<string>();
    const toWrite = [...creates, ...updates];
    for (let i = 0; i < toWrite.length; i += IMPORT_WRITE_CHUNK) {
      const chunk = toWrite.slice(i, i + IMPORT_WRITE_CHUNK);
      const newOnes = chunk.filter((p) => !p.existing);
      const changed = chunk.filter((p) => p.existing);
      if (newOnes.length) {
        const ids = await queryRows<{ id: string }>(
          tx,
          sql`insert into deliverables (workspace_id, external_id, creator_id, agreement_id, campaign_id, type,
              platform, sponsored, planned_on, due_on, posted_at, url, status, cost_minor, cost_currency,
              created_at, updated_at)
            select ${ws}, x.external_id, x.creator_id, x.agreement_id, x.campaign_id, x.type, x.platform,
              x.sponsored, x.planned_on, x.due_on, x.posted_at, x.url, x.status, x.cost_minor, x.cost_currency,
              ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz
            from jsonb_to_recordset(${JSON.stringify(newOnes.map(postJson))}::jsonb) as ${RECORD}
            returning id`,
        );
        touched.push(...ids.map((r) => r.id));
      }
      if (changed.length) {
        await tx.execute(
          sql`update deliverables d set creator_id = x.creator_id, agreement_id = x.agreement_id,
              campaign_id = x.campaign_id, type = x.type, platform = x.platform, sponsored = x.sponsored,
              planned_on = x.planned_on, due_on = x.due_on, posted_at = x.posted_at, url = x.url,
              status = x.status, cost_minor = x.cost_minor, cost_currency = x.cost_currency,
              updated_at = ${now.toISOString()}::timestamptz
            from jsonb_to_recordset(${JSON.stringify(changed.map(postJson))}::jsonb) as ${RECORD}
            where d.workspace_id = ${ws} and d.id = x.id`,
        );
        touched.push(...changed.map((p) => p.existing!.id));
      }
      for (const p of chunk) {
        creatorIds.add(p.fields.creatorId);
        if (p.existing) creatorIds.add(p.existing.creatorId);
      }
      progress('writing', Math.min(i + IMPORT_WRITE_CHUNK, toWrite.length), toWrite.length);
    }
    progress('attributing', 0, toWrite.length);
    // Posted times moved: ages of existing snapshots change, and so may day-1 / day-7 readings.
    await inSlices(
      updates.map((p) => p.existing!.id),
      5000,
      (ids) => refreshPostFacts(tx, ws, { deliverableIds: ids }),
    );
    await refreshPostDerivedFacts(tx, ws, { creatorIds: [...creatorIds], deliverableIds: touched });
    await recordAudit(
      tx,
      actor,
      {
        action: 'deliverables.imported',
        entityType: 'deliverable',
        changes: { created: counts.created, updated: counts.updated, unchanged, skipped: badRows },
      },
      now,
    );
  });
  progress('done', total, total);
  return {
    ...importResult(opts.mode, total, counts, errors, badRows, true),
    reading: readingOf(mapped, formats, table),
  };
}
