import {
  type Channel,
  type CreatorStatus,
  type CsvRowError,
  channels,
  creatorStatuses,
  email as emailSchema,
  type Handle,
  type Language,
  languages as languageCodes,
  type Platform,
  platforms,
  type Rate,
} from '@evergreen/contracts';
import { type CsvRecord, unneutralise } from '../../shared/csv-text.ts';
import { formatMoney, parseMoney } from '../../shared/money.ts';
import type { DecimalStyle } from '../../shared/values.ts';

/**
 * The columns of a creators CSV (docs/csv.md): how each cell is read on import and written on
 * export. Pure functions of plain data; matching against the database is import-creators.ts.
 */

export type FieldColumn =
  | 'external_id'
  | 'display_name'
  | 'legal_name'
  | 'greeting_name'
  | 'email'
  | 'tier'
  | 'status'
  | 'owner_email'
  | 'markets'
  | 'languages'
  | 'tags'
  | 'preferred_channel'
  | 'lead_time_days'
  | 'cadence_days'
  | 'briefing_style'
  | 'boundaries'
  | 'notes';

export const fieldColumns: readonly FieldColumn[] = [
  'external_id',
  'display_name',
  'legal_name',
  'greeting_name',
  'email',
  'tier',
  'status',
  'owner_email',
  'markets',
  'languages',
  'tags',
  'preferred_channel',
  'lead_time_days',
  'cadence_days',
  'briefing_style',
  'boundaries',
  'notes',
];
export const RATE_PREFIX = 'rate_';

export type Column =
  | { kind: 'field'; name: FieldColumn }
  | { kind: 'handle'; name: Platform; platform: Platform }
  | { kind: 'rate'; name: string; deliverableType: string };

/** What one row says about a creator. Only the columns the file has are set; an empty cell is null. */
export interface CsvCreatorValues {
  externalId?: string | null;
  displayName?: string | null;
  legalName?: string | null;
  greetingName?: string | null;
  email?: string | null;
  tier?: number | null;
  status?: CreatorStatus | null;
  ownerEmail?: string | null;
  markets?: string[];
  languages?: Language[];
  tags?: string[];
  preferredChannel?: Channel | null;
  leadTimeDays?: number | null;
  cadenceDaysOverride?: number | null;
  briefingStyle?: string | null;
  boundaries?: string | null;
  notes?: string | null;
}

export interface CsvCreatorRow {
  row: number;
  values: CsvCreatorValues;
  /** Per platform column in the file: the handle (without '@'), or null to remove it. */
  handles: Partial<Record<Platform, string | null>>;
  /** Per rate column in the file: the rate, or null to remove it. */
  rates: Map<string, Omit<Rate, 'deliverableType'> | null>;
  errors: CsvRowError[];
}

// ---- header ---------------------------------------------------------------------------------

export interface Header {
  /** One per header cell, in the file's order. */
  columns: Column[];
  errors: CsvRowError[];
}

/**
 * Reads the header row: names are case-insensitive and in any order; an unknown or repeated
 * column, or a file without display_name, is an error naming the column (row 1).
 */
export function readHeader(cells: string[]): Header {
  const columns: Column[] = [];
  const errors: CsvRowError[] = [];
  const seen = new Set<string>();
  const err = (column: string | null, message: string, code: string) =>
    errors.push({ row: 1, column, message, code });
  cells.forEach((raw, i) => {
    const name = raw.trim();
    const lower = name.toLowerCase();
    if (!name) {
      err(null, `Column ${i + 1} has no name in the header row`, 'unnamed_column');
      return;
    }
    let col: Column | undefined;
    if ((fieldColumns as readonly string[]).includes(lower))
      col = { kind: 'field', name: lower as FieldColumn };
    else if ((platforms as readonly string[]).includes(lower))
      col = { kind: 'handle', name: lower as Platform, platform: lower as Platform };
    else if (lower.startsWith(RATE_PREFIX) && name.length > RATE_PREFIX.length) {
      const deliverableType = name.slice(RATE_PREFIX.length).trim();
      if (deliverableType.length > 60) {
        err(name, 'the deliverable type after "rate_" is longer than 60 characters', 'too_big');
        return;
      }
      col = { kind: 'rate', name: `${RATE_PREFIX}${deliverableType}`, deliverableType };
    }
    if (!col) {
      err(
        name,
        /payment|iban|bank|account|card/.test(lower)
          ? `Unknown column "${name}": payment details are not imported from CSV (enter them on the creator's profile)`
          : `Unknown column "${name}" (the columns are listed in docs/csv.md)`,
        'unknown_column',
      );
      return;
    }
    const key = col.kind === 'rate' ? col.name : col.name.toLowerCase();
    if (seen.has(key)) {
      err(name, `Column "${name}" appears twice`, 'duplicate_column');
      return;
    }
    seen.add(key);
    columns.push(col);
  });
  if (!seen.has('display_name'))
    err('display_name', 'The header has no display_name column; it is required', 'missing_column');
  return { columns, errors };
}

// ---- cells ----------------------------------------------------------------------------------

type Parsed<T> = { value: T } | { message: string; code: string };
const bad = (message: string, code = 'invalid'): { message: string; code: string } => ({ message, code });

const text =
  (max: number, opts: { trim?: boolean } = {}) =>
  (cell: string): Parsed<string | null> => {
    const v = opts.trim === false ? cell : cell.trim();
    if (!v.trim()) return { value: null };
    if (v.length > max) return bad(`is longer than ${max} characters`, 'too_big');
    return { value: v };
  };

const integer =
  (min: number, max: number) =>
  (cell: string): Parsed<number | null> => {
    const v = cell.trim();
    if (!v) return { value: null };
    if (!/^\d+$/.test(v)) return bad(`must be a whole number from ${min} to ${max}`, 'invalid_number');
    const n = Number(v);
    if (n < min || n > max) return bad(`must be from ${min} to ${max}`, 'out_of_range');
    return { value: n };
  };

const oneOf =
  <T extends string>(allowed: readonly T[]) =>
  (cell: string): Parsed<T | null> => {
    const v = cell
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_');
    if (!v) return { value: null };
    if (!(allowed as readonly string[]).includes(v))
      return bad(`must be one of ${allowed.join(', ')} (got "${cell.trim()}")`, 'invalid_value');
    return { value: v as T };
  };

const emailCell =
  (lower: boolean) =>
  (cell: string): Parsed<string | null> => {
    const v = cell.trim();
    if (!v) return { value: null };
    if (v.length > 254 || !emailSchema.safeParse(v).success)
      return bad(`"${v}" is not a valid email address`, 'invalid_email');
    return { value: lower ? v.toLowerCase() : v };
  };

/** Lists are separated by ";" (markets and languages also by ","); duplicates are dropped. */
const list =
  (opts: {
    split: RegExp;
    norm: (s: string) => string;
    check: (s: string) => string | null;
    max: number;
    label: string;
  }) =>
  (cell: string): Parsed<string[]> => {
    const items = [
      ...new Set(
        cell
          .split(opts.split)
          .map((s) => opts.norm(s.trim()))
          .filter(Boolean),
      ),
    ];
    for (const it of items) {
      const problem = opts.check(it);
      if (problem) return bad(`"${it}" ${problem}`, 'invalid_value');
    }
    if (items.length > opts.max) return bad(`has more than ${opts.max} ${opts.label}`, 'too_big');
    return { value: items };
  };

const fieldParsers: { [K in FieldColumn]: (cell: string) => Parsed<unknown> } = {
  external_id: text(200),
  display_name: text(200),
  legal_name: text(200),
  greeting_name: text(100),
  email: emailCell(false),
  tier: (cell) => {
    const v = cell.trim();
    if (!v) return { value: null };
    return /^[123]$/.test(v) ? { value: Number(v) } : bad(`must be 1, 2 or 3 (got "${v}")`, 'invalid_tier');
  },
  status: oneOf(creatorStatuses),
  owner_email: emailCell(true),
  markets: list({
    split: /[;,]/,
    norm: (s) => s.toUpperCase(),
    check: (s) => (/^[A-Z]{2}$/.test(s) ? null : 'is not a two-letter country code, e.g. US'),
    max: 50,
    label: 'markets',
  }),
  languages: list({
    split: /[;,]/,
    norm: (s) => s.toLowerCase(),
    check: (s) =>
      (languageCodes as readonly string[]).includes(s)
        ? null
        : `is not a language (${languageCodes.join(', ')})`,
    max: 10,
    label: 'languages',
  }),
  tags: list({
    split: /;/,
    norm: (s) => s,
    check: (s) => (s.length > 60 ? 'is longer than 60 characters' : null),
    max: 50,
    label: 'tags',
  }),
  preferred_channel: oneOf(channels),
  lead_time_days: integer(0, 365),
  cadence_days: integer(1, 3650),
  briefing_style: text(2000),
  boundaries: text(2000),
  // Notes are kept exactly as written (line breaks, spaces), like the profile form keeps them.
  notes: text(20000, { trim: false }),
};

const valueKey: { [K in FieldColumn]: keyof CsvCreatorValues } = {
  external_id: 'externalId',
  display_name: 'displayName',
  legal_name: 'legalName',
  greeting_name: 'greetingName',
  email: 'email',
  tier: 'tier',
  status: 'status',
  owner_email: 'ownerEmail',
  markets: 'markets',
  languages: 'languages',
  tags: 'tags',
  preferred_channel: 'preferredChannel',
  lead_time_days: 'leadTimeDays',
  cadence_days: 'cadenceDaysOverride',
  briefing_style: 'briefingStyle',
  boundaries: 'boundaries',
  notes: 'notes',
};
/** The column of a creator field, for naming it in errors. */
export const columnOfField = Object.fromEntries(
  Object.entries(valueKey).map(([col, key]) => [key, col]),
) as Record<keyof CsvCreatorValues, FieldColumn>;

const handleCell = (cell: string): Parsed<string | null> => {
  const v = cell.trim().replace(/^@/, '').trim();
  if (!v) return { value: null };
  if (v.length > 120) return bad('is longer than 120 characters', 'too_big');
  return { value: v };
};

/**
 * Reads one data row against the header. A cell that a spreadsheet export neutralised
 * (`'=…`, `'+…`, `'-…`, `'@…`) loses that one apostrophe first.
 */
export function readRow(
  record: CsvRecord,
  columns: Column[],
  /** Per rate column: its decimal mark, when the file's values (or the mapping) decided it. */
  rateStyles?: Map<string, DecimalStyle | null>,
): CsvCreatorRow {
  const out: CsvCreatorRow = { row: record.row, values: {}, handles: {}, rates: new Map(), errors: [] };
  const err = (column: string | null, message: string, code: string) =>
    out.errors.push({ row: record.row, column, message, code });
  const extra = record.cells.slice(columns.length);
  if (record.cells.length < columns.length || extra.some((c) => c.trim() !== '')) {
    err(
      null,
      `has ${record.cells.length} cells but the header has ${columns.length} columns (a missing or extra separator, or an unquoted comma?)`,
      'column_count',
    );
    return out;
  }
  columns.forEach((col, i) => {
    const cell = unneutralise(record.cells[i] ?? '');
    if (col.kind === 'field') {
      const r = fieldParsers[col.name](cell);
      if ('message' in r) err(col.name, r.message, r.code);
      else (out.values as Record<string, unknown>)[valueKey[col.name]] = r.value;
    } else if (col.kind === 'handle') {
      const r = handleCell(cell);
      if ('message' in r) err(col.name, r.message, r.code);
      else out.handles[col.platform] = r.value;
    } else {
      const v = cell.trim();
      if (!v) out.rates.set(col.deliverableType, null);
      else {
        const m = parseMoney(v, rateStyles?.get(col.name) ?? null);
        if (!m.ok) err(col.name, m.message, m.code);
        else out.rates.set(col.deliverableType, { amountMinor: m.amountMinor, currency: m.currency });
      }
    }
  });
  if ('displayName' in out.values && out.values.displayName == null)
    err('display_name', 'is required', 'required');
  return out;
}

// ---- export ---------------------------------------------------------------------------------

export interface CsvCreatorOut {
  externalId: string | null;
  displayName: string;
  legalName: string | null;
  /** Set by hand; empty in the file when derived from the legal name. */
  greetingName: string | null;
  email: string | null;
  tier: number;
  status: CreatorStatus;
  ownerEmail: string | null;
  markets: string[];
  languages: string[];
  tags: string[];
  preferredChannel: Channel | null;
  leadTimeDays: number | null;
  cadenceDaysOverride: number | null;
  briefingStyle: string | null;
  boundaries: string | null;
  notes: string | null;
  handles: Handle[];
  rates: Rate[];
}

/** Every field column, then one column per platform, then one per deliverable type. */
export const exportHeader = (rateTypes: string[]): string[] => [
  ...fieldColumns,
  ...platforms,
  ...rateTypes.map((t) => `${RATE_PREFIX}${t}`),
];

/** One creator as cells under `exportHeader(rateTypes)` (not yet neutralised: writeCsv does that). */
export function creatorCells(c: CsvCreatorOut, rateTypes: string[]): string[] {
  const s = (v: string | number | null) => (v == null ? '' : String(v));
  const fields: Record<FieldColumn, string> = {
    external_id: s(c.externalId),
    display_name: c.displayName,
    legal_name: s(c.legalName),
    greeting_name: s(c.greetingName),
    email: s(c.email),
    tier: String(c.tier),
    status: c.status,
    owner_email: s(c.ownerEmail),
    markets: c.markets.join(';'),
    languages: c.languages.join(';'),
    tags: c.tags.join(';'),
    preferred_channel: s(c.preferredChannel),
    lead_time_days: s(c.leadTimeDays),
    cadence_days: s(c.cadenceDaysOverride),
    briefing_style: s(c.briefingStyle),
    boundaries: s(c.boundaries),
    notes: s(c.notes),
  };
  const handle = (p: Platform) => c.handles.find((h) => h.platform === p)?.handle ?? '';
  const rate = (t: string) => {
    const r = c.rates.find((x) => x.deliverableType === t);
    return r ? formatMoney(r.amountMinor, r.currency) : '';
  };
  return [...fieldColumns.map((f) => fields[f]), ...platforms.map(handle), ...rateTypes.map(rate)];
}
