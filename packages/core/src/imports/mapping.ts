import type { ColumnMapping, CsvRowError, MappingKind } from '@evergreen/contracts';
import { columnMapping } from '@evergreen/contracts';
import { type Db, importMappings, workspaces } from '@evergreen/db';
import { and, eq } from 'drizzle-orm';
import { AppError } from '../shared/errors.ts';
import { sumDecimals } from '../shared/money.ts';
import { type FieldSpec, fieldSpecs, normalName } from './fields.ts';
import { type PresetData, presets } from './presets/index.ts';
import { shopifyFinancialStatus } from './presets/shopify-orders.ts';

/**
 * Column mappings (docs/csv.md, "Column mapping"): how a file's columns become an import's
 * fields. A mapping is given with the request, named (a saved one), or a built-in preset; with
 * none, a file whose header names the fields is read as it is, one recognised as a preset's or
 * with a saved mapping for the same header gets that. Resolving answers the fields the importer
 * reads and a projection of each row onto them.
 */

export interface MappingRequest {
  mapping?: ColumnMapping | undefined;
  preset?: string | undefined;
  /** A saved mapping's name. */
  saved?: string | undefined;
}

export interface ResolvedMapping {
  source: 'given' | 'preset' | 'saved' | 'columns' | 'proposed';
  preset: PresetData | null;
  savedName: string | null;
  /** File column → field (null: ignored), for showing. */
  mapping: ColumnMapping;
  /** The fields each projected row has, in order (the importer's header). */
  fields: string[];
  /** Required fields no column gives. */
  missing: string[];
  /** A row's cells → the fields' cells; null: the row is skipped (a summary row, a merged line item). */
  project: (cells: string[], row: number) => string[] | null;
  /** What was skipped or merged so far, in words. */
  notes: () => string[];
  /**
   * File columns the preset reads although no field is mapped to them, and the fields each one
   * gives (Shopify's "Financial Status" → status): shown instead of "ignored".
   */
  derived: Record<string, string[]>;
}

const error = (field: string, message: string, code: string, column?: string) =>
  new AppError('validation_failed', message, [
    { field, message, code, ...(column ? { params: { row: 1, column } } : {}) },
  ]);

const clean = (h: string) => h.replace(/^\uFEFF/, '').trim();

/** The header as a key: a file with the same columns gets the same saved mapping. */
export const headerKey = (header: string[]): string =>
  header.map((h) => clean(h).toLowerCase()).join('\u001f');

export const presetsOf = (kind: MappingKind): PresetData[] => presets.filter((p) => p.kind === kind);

/** The preset whose columns all appear in the header, if any. */
export function recognisePreset(kind: MappingKind, header: string[]): PresetData | null {
  const have = new Set(header.map((h) => clean(h).toLowerCase()));
  return presetsOf(kind).find((p) => p.recognise.every((c) => have.has(c.toLowerCase()))) ?? null;
}

function isField(kind: MappingKind, field: string): boolean {
  if (fieldSpecs[kind].some((s) => s.field === field)) return true;
  // Creators also take a rate per deliverable type and a handle per platform (docs/csv.md).
  return kind === 'creators' && /^(rate_[a-z0-9_]{1,60}|other)$/.test(field);
}

/** Maps each header column to the field its name or a synonym names (English and Russian); the rest ignored. */
export function proposeMapping(kind: MappingKind, header: string[]): ColumnMapping {
  const byName = new Map<string, string>();
  for (const s of fieldSpecs[kind])
    for (const n of s.names) if (!byName.has(normalName(n))) byName.set(normalName(n), s.field);
  const used = new Set<string>();
  const columns: Record<string, string | null> = {};
  for (const raw of header) {
    const h = clean(raw);
    const lower = h.toLowerCase();
    const field = isField(kind, lower) ? lower : byName.get(normalName(h));
    columns[h] = field && !used.has(field) ? field : null;
    if (field) used.add(field);
  }
  return { columns, options: {} };
}

/** Whether the header names only this import's fields (the file is read as it is). */
function namesFields(kind: MappingKind, header: string[]): boolean {
  return header.every(
    (h) => isField(kind, clean(h).toLowerCase()) || (kind === 'creators' && /^rate_/i.test(clean(h))),
  );
}

function checkMapping(kind: MappingKind, header: string[], m: ColumnMapping): void {
  const parsed = columnMapping.safeParse(m);
  if (!parsed.success)
    throw error(
      'mapping',
      'is not a mapping: { columns: { "file column": "field" | null } }',
      'invalid_mapping',
    );
  const cols = new Set(header.map(clean));
  const seen = new Map<string, string>();
  for (const [column, field] of Object.entries(m.columns)) {
    if (!cols.has(column))
      throw error(
        `mapping.columns.${column}`,
        `The file has no column "${column}"`,
        'unknown_column',
        column,
      );
    if (field === null) continue;
    if (!isField(kind, field))
      throw error(
        `mapping.columns.${column}`,
        `"${field}" is not a field of the ${kind} import (the fields: ${fieldSpecs[kind].map((s) => s.field).join(', ')})`,
        'unknown_field',
        column,
      );
    const other = seen.get(field);
    if (other)
      throw error(
        `mapping.columns.${column}`,
        `Columns "${other}" and "${column}" are both mapped to ${field}`,
        'duplicate_field',
        column,
      );
    seen.set(field, column);
  }
}

/** A projection of plain column → field mappings. */
function plain(
  kind: MappingKind,
  header: string[],
  m: ColumnMapping,
): Pick<ResolvedMapping, 'fields' | 'project' | 'missing'> {
  const idx = new Map(header.map((h, i) => [clean(h), i]));
  const pairs = Object.entries(m.columns).filter((e): e is [string, string] => e[1] !== null);
  const fields = pairs.map(([, f]) => f);
  const at = pairs.map(([c]) => idx.get(c)!);
  const missing = fieldSpecs[kind].filter((s) => s.required && !fields.includes(s.field)).map((s) => s.field);
  return { fields, missing, project: (cells) => at.map((i) => cells[i] ?? '') };
}

/** Shopify's Financial Status and Cancelled at → the generic status (docs/orders-webhook.md). */
export function shopifyStatusOf(financial: string, cancelledAt: string): string {
  if (cancelledAt.trim()) return 'cancelled';
  // Anything else (expired, …) is not (fully) paid yet.
  return shopifyFinancialStatus[financial.trim().toLowerCase()] ?? 'pending';
}

/** A system's own status text → the generic status through the preset's table. */
export function presetStatusOf(st: NonNullable<PresetData['status']>, text: string): string {
  const k = text
    .trim()
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/^wc-/, '')
    .replace(/[\s-]+/g, '_');
  return st.values[k] ?? st.otherwise;
}

/** The columns read for derived fields → their fields; `unmapped` names a header column mapped to nothing. */
function derivedOf(
  reads: [string | undefined, string][],
  unmapped: (column: string) => string | null,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [c, field] of reads) {
    const name = c === undefined ? null : unmapped(c);
    if (name && !out[name]?.includes(field)) out[name] = [...(out[name] ?? []), field];
  }
  return out;
}

/**
 * A preset's reading of a file; with `over` (a mapping that adjusts the preset), its columns
 * replace the preset's: a derived field (customer from Email else Phone, the order id, status)
 * stays derived while the mapping keeps the preset's column for it, and comes from the
 * mapping's column otherwise; a column set to null is not read.
 */
function fromPreset(
  p: PresetData,
  header: string[],
  known: (field: string) => boolean,
  currency: string | null,
  over?: ColumnMapping,
): ResolvedMapping {
  const idx = new Map(header.map((h, i) => [clean(h).toLowerCase(), i]));
  const col = (name: string) => idx.get(name.toLowerCase());
  const presetField = new Map(Object.entries(p.columns).map(([c, f]) => [c.toLowerCase(), f]));
  const kept = (p.firstOf ?? []).filter((d) => !over || over.columns[d.columns[0]!] === d.field);
  const keptFields = new Set(kept.map((d) => d.field));
  const given = over
    ? Object.entries(over.columns).filter(
        (e): e is [string, string] => e[1] !== null && !keptFields.has(e[1]),
      )
    : Object.entries(p.columns);
  const pairs = given.filter(([c]) => col(c) !== undefined);
  const fields = pairs.map(([, f]) => f);
  const at = pairs.map(([c]) => col(c)!);
  // A list column ("SPRING10, VIP") gives its first item.
  const lists = new Set((p.firstOfList ?? []).map((c) => col(c)).filter((i) => i !== undefined));
  const cellAt = (cells: string[], i: number) => {
    const v = cells[i] ?? '';
    return lists.has(i) ? (v.split(',')[0] ?? '') : v;
  };
  const mapping: ColumnMapping = over
    ? { ...over, preset: p.name, options: { ...p.options, ...over.options } }
    : {
        columns: Object.fromEntries(
          header.map((h) => [clean(h), presetField.get(clean(h).toLowerCase()) ?? null]),
        ),
        options: p.options ?? {},
      };
  const derived: ((cells: string[]) => string)[] = [];
  // Columns read for a derived field (shown in the mapping instead of "ignored").
  const reads: [string | undefined, string][] = [];
  for (const d of kept) {
    for (const c of [...d.columns, d.fallback]) reads.push([c, d.field]);
    const cs = d.columns.map(col).filter((i): i is number => i !== undefined);
    const fb = col(d.fallback);
    fields.push(d.field);
    derived.push((cells) => {
      for (const i of cs) if ((cells[i] ?? '').trim()) return cells[i]!;
      return fb === undefined ? '' : (cells[fb] ?? '');
    });
    if (!over) mapping.columns[d.columns[0]!] = d.field;
  }
  const notes: string[] = [];
  if (p.workspaceCurrency && currency && known('currency') && !fields.includes('currency')) {
    fields.push('currency');
    derived.push(() => currency);
    notes.push(
      `The file has no currency column: amounts are read in the workspace's reporting currency (${currency})`,
    );
  }
  const group = p.groupBy ? col(p.groupBy) : undefined;
  // Refund rows (negative amounts) of orders not read yet: their amounts, by order.
  const amountAt = pairs.findIndex(([, f]) => f === 'amount');
  const refundCol = p.refundRows && group !== undefined && amountAt >= 0 ? at[amountAt]! : undefined;
  const pendingRefunds = new Map<string, { row: number; amount: string }[]>();
  let refundsApplied = 0;
  const lateRefunds: string[] = [];
  const plainDecimal = /^\d+(\.\d+)?$/;
  const groupOf = (cells: string[]) => (group === undefined ? '' : (cells[group] ?? '').trim());
  const st = p.shopifyStatus;
  if (st && known('status') && !fields.includes('status')) {
    const fi = col(st.financial);
    const ci = col(st.cancelledAt);
    const ri = col(st.refunded);
    reads.push([st.financial, 'status'], [st.cancelledAt, 'status']);
    fields.push('status');
    derived.push((cells) =>
      shopifyStatusOf(fi === undefined ? '' : (cells[fi] ?? ''), ci === undefined ? '' : (cells[ci] ?? '')),
    );
    if (known('refunded_amount') && !fields.includes('refunded_amount')) {
      fields.push('refunded_amount');
      reads.push([st.refunded, 'refunded_amount']);
      derived.push((cells) => (ri === undefined ? '' : (cells[ri] ?? '')));
    }
  }
  const ps = p.status;
  if (ps && known('status') && !fields.includes('status')) {
    const si = col(ps.column);
    const ri = ps.refunded ? col(ps.refunded) : undefined;
    const withRefund =
      (ri !== undefined || refundCol !== undefined) &&
      known('refunded_amount') &&
      !fields.includes('refunded_amount');
    const statusOf = (cells: string[]) => presetStatusOf(ps, si === undefined ? '' : (cells[si] ?? ''));
    const refundOf = (cells: string[]) => {
      if (ri !== undefined) return (cells[ri] ?? '').trim().replace(/^-/, '');
      // Refund rows: a refunded order is refunded whole; a paid one by what its rows add up to.
      const listed = pendingRefunds.get(groupOf(cells))?.map((r) => r.amount);
      if (!listed || statusOf(cells) !== 'paid') return '';
      return listed.every((a) => plainDecimal.test(a)) ? sumDecimals(listed) : listed[0]!;
    };
    reads.push([ps.column, 'status']);
    fields.push('status');
    derived.push((cells) => {
      const s = statusOf(cells);
      if (s === 'paid' && withRefund && /[1-9]/.test(refundOf(cells))) return 'partially_refunded';
      return s;
    });
    if (withRefund) {
      fields.push('refunded_amount');
      if (ps.refunded) reads.push([ps.refunded, 'refunded_amount']);
      derived.push(refundOf);
    }
  }
  const seen = new Set<string>();
  let merged = 0;
  const sum = p.summaryRows ? { i: col(p.summaryRows.column), values: new Set(p.summaryRows.values) } : null;
  const skipped: string[] = [];
  const missing = fieldSpecs[p.kind]
    .filter((s) => s.required && !fields.includes(s.field))
    .map((s) => s.field);
  return {
    source: over ? 'given' : 'preset',
    preset: p,
    savedName: null,
    mapping,
    fields,
    missing,
    project: (cells, row) => {
      if (sum && sum.i !== undefined && sum.values.has((cells[sum.i] ?? '').trim())) {
        skipped.push(`Row ${row} ("${(cells[sum.i] ?? '').trim()}") is a summary row of the export: skipped`);
        return null;
      }
      if (refundCol !== undefined && /^\s*-/.test(cells[refundCol] ?? '')) {
        const g = groupOf(cells);
        const amount = (cells[refundCol] ?? '').trim().replace(/^-/, '');
        if (seen.has(g))
          lateRefunds.push(
            `Row ${row} is a refund (-${amount}) of order ${g} listed below the order: not applied (download the report newest first)`,
          );
        else pendingRefunds.set(g, [...(pendingRefunds.get(g) ?? []), { row, amount }]);
        return null;
      }
      if (group !== undefined) {
        const g = (cells[group] ?? '').trim();
        if (g && seen.has(g)) {
          merged++;
          return null;
        }
        seen.add(g);
      }
      const out = [...at.map((i) => cellAt(cells, i)), ...derived.map((d) => d(cells))];
      const g = groupOf(cells);
      refundsApplied += pendingRefunds.get(g)?.length ?? 0;
      pendingRefunds.delete(g);
      return out;
    },
    derived: derivedOf(reads, (c) => {
      const i = col(c);
      return i === undefined || mapping.columns[clean(header[i]!)] ? null : clean(header[i]!);
    }),
    notes: () => [
      ...notes,
      ...(refundsApplied
        ? [
            `${refundsApplied} refund row${refundsApplied === 1 ? '' : 's'} (negative amounts) added to their orders' refunded amounts`,
          ]
        : []),
      ...lateRefunds,
      ...[...pendingRefunds].flatMap(([g, rs]) =>
        rs.map(
          (r) => `Row ${r.row} is a refund (-${r.amount}) of order ${g}, which is not in the file: skipped`,
        ),
      ),
      ...skipped,
      ...(merged
        ? [
            `${merged} more line-item row${merged === 1 ? '' : 's'} of orders already read: merged into their order`,
          ]
        : []),
    ],
  };
}

async function savedByName(db: Db, ws: string, kind: MappingKind, name: string) {
  const [m] = await db
    .select()
    .from(importMappings)
    .where(
      and(eq(importMappings.workspaceId, ws), eq(importMappings.kind, kind), eq(importMappings.name, name)),
    );
  return m;
}

async function savedByHeader(db: Db, ws: string, kind: MappingKind, header: string[]) {
  const [m] = await db
    .select()
    .from(importMappings)
    .where(
      and(
        eq(importMappings.workspaceId, ws),
        eq(importMappings.kind, kind),
        eq(importMappings.headerKey, headerKey(header)),
      ),
    )
    .limit(1);
  return m;
}

const noNotes = () => [];

/**
 * How a file with this header is read. Throws a 400 for a preset that does not exist or does
 * not fit the file (naming the columns it lacks), a saved mapping that does not exist, or a
 * mapping naming columns the file lacks or fields the import does not have. `known` says which
 * fields the importer reads (for derived columns). With `propose`, a header naming no preset,
 * saved mapping or fields gets the proposer's mapping (the preview); else it is read as it is
 * and the importer's header check names the unknown columns.
 */
export async function resolveMapping(
  db: Db,
  workspaceId: string,
  kind: MappingKind,
  header: string[],
  req: MappingRequest,
  opts: { propose?: boolean; known?: (field: string) => boolean } = {},
): Promise<ResolvedMapping> {
  const known = opts.known ?? ((f: string) => isField(kind, f));
  // A preset whose export has no currency reads amounts in the workspace's reporting currency.
  const currencyFor = async (p: PresetData) => {
    if (!p.workspaceCurrency) return null;
    const [w] = await db
      .select({ c: workspaces.reportingCurrency })
      .from(workspaces)
      .where(eq(workspaces.id, workspaceId));
    return w?.c ?? null;
  };
  if (req.preset) {
    const wanted = req.preset.toLowerCase();
    const p = presetsOf(kind).find((x) => x.name === wanted);
    if (!p)
      throw error(
        'preset',
        `There is no ${kind} preset "${req.preset}" (the ${kind} presets: ${
          presetsOf(kind)
            .map((x) => x.name)
            .join(', ') || 'none'
        })`,
        'unknown_preset',
      );
    const have = new Set(header.map((h) => clean(h).toLowerCase()));
    const lacking = p.recognise.filter((c) => !have.has(c.toLowerCase()));
    if (lacking.length)
      throw error(
        'preset',
        `The file is not a ${p.title}: it has no column ${lacking.map((c) => `"${c}"`).join(', ')}`,
        'wrong_preset',
      );
    return fromPreset(p, header, known, await currencyFor(p));
  }
  // A mapping (given or saved) as it is, or as the adjustment of the preset it names.
  const byMapping = async (m: ColumnMapping, saved: string | null): Promise<ResolvedMapping> => {
    checkMapping(kind, header, m);
    const source = saved === null ? ('given' as const) : ('saved' as const);
    if (m.preset !== undefined) {
      const p = presetsOf(kind).find((x) => x.name === m.preset);
      if (!p)
        throw error(
          'mapping.preset',
          `There is no ${kind} preset "${m.preset}" (the ${kind} presets: ${
            presetsOf(kind)
              .map((x) => x.name)
              .join(', ') || 'none'
          })`,
          'unknown_preset',
        );
      return { ...fromPreset(p, header, known, await currencyFor(p), m), source, savedName: saved };
    }
    return {
      source,
      preset: null,
      savedName: saved,
      mapping: m,
      notes: noNotes,
      derived: {},
      ...plain(kind, header, m),
    };
  };
  if (req.mapping) return byMapping(req.mapping, null);
  if (req.saved) {
    const s = await savedByName(db, workspaceId, kind, req.saved);
    if (!s) throw error('mapping', `No saved ${kind} mapping is named "${req.saved}"`, 'unknown_mapping');
    return byMapping(s.mapping as ColumnMapping, s.name);
  }
  const identity = (): ResolvedMapping => {
    const m: ColumnMapping = {
      columns: Object.fromEntries(header.map((h) => [clean(h), clean(h).toLowerCase()])),
      options: {},
    };
    return {
      source: 'columns',
      preset: null,
      savedName: null,
      mapping: m,
      // As written: the importer's header check reads names case-insensitively and names unknown ones.
      fields: header.map(clean),
      missing: fieldSpecs[kind]
        .filter((s) => s.required && !header.some((h) => clean(h).toLowerCase() === s.field))
        .map((s) => s.field),
      project: (cells) => cells,
      notes: noNotes,
      derived: {},
    };
  };
  if (namesFields(kind, header)) return identity();
  // A mapping saved for this very header was the user's choice over the preset's.
  const s = await savedByHeader(db, workspaceId, kind, header);
  if (s) return byMapping(s.mapping as ColumnMapping, s.name);
  const p = recognisePreset(kind, header);
  if (p) return fromPreset(p, header, known, await currencyFor(p));
  if (opts.propose) {
    const m = proposeMapping(kind, header);
    return {
      source: 'proposed',
      preset: null,
      savedName: null,
      mapping: m,
      notes: noNotes,
      derived: {},
      ...plain(kind, header, m),
    };
  }
  return identity();
}

/** Refuses a mapping that leaves a required field unmapped, naming the field (nothing is read or written). */
export function requireFields(r: ResolvedMapping): void {
  if (r.source === 'columns' || !r.missing.length) return;
  throw missingFieldsError(r.missing);
}

export function missingFieldsError(missing: string[]): AppError {
  return new AppError(
    'validation_failed',
    `The mapping leaves the required field${missing.length > 1 ? 's' : ''} ${missing.join(', ')} unmapped: choose the column ${missing.length > 1 ? 'each is' : 'it is'} read from`,
    missing.map((f) => ({
      field: `mapping.${f}`,
      message: 'is required and no column is mapped to it',
      code: 'missing_field',
      params: { column: f },
    })),
  );
}

/** The field specs of one import (for reading sample values). */
export const specsOf = (kind: MappingKind): FieldSpec[] => fieldSpecs[kind];

/**
 * An in-memory file (creators, exchange rates) through its mapping: a required field unmapped,
 * or a row with the wrong number of cells under a mapping, is a 400 naming it.
 */
export async function mappedTable<
  T extends { header: string[]; records: { row: number; cells: string[] }[] },
>(
  db: Db,
  workspaceId: string,
  kind: MappingKind,
  table: T,
  req: MappingRequest | undefined,
): Promise<T & { options: ColumnMapping['options'] }> {
  if (!req?.mapping && !req?.preset && !req?.saved && namesFields(kind, table.header))
    return { ...table, options: {} };
  const mapped = await resolveMapping(db, workspaceId, kind, table.header, req ?? {});
  requireFields(mapped);
  const m = mapRecords(mapped, table.header.length, table.records);
  if (m.rowErrors.length) {
    const e = m.rowErrors[0]!;
    throw new AppError('validation_failed', `Row ${e.row}: ${e.message}`, [
      { field: `rows.${e.row}`, message: e.message, code: e.code, params: { row: e.row } },
    ]);
  }
  // The mapping's decimal mark and date order, for the columns their values cannot decide.
  return { ...table, header: m.header, records: m.records, options: mapped.mapping.options ?? {} };
}

/**
 * A whole in-memory table through a mapping: the header becomes the fields, each record its
 * projection (skipped records dropped). A record with more or fewer cells than the header is an
 * error of its row, as without a mapping.
 */
export function mapRecords(
  r: ResolvedMapping,
  width: number,
  records: { row: number; cells: string[] }[],
): { header: string[]; records: { row: number; cells: string[] }[]; rowErrors: CsvRowError[] } {
  if (r.source === 'columns') return { header: r.fields, records, rowErrors: [] };
  const out: { row: number; cells: string[] }[] = [];
  const rowErrors: CsvRowError[] = [];
  for (const rec of records) {
    const extra = rec.cells.slice(width);
    if (rec.cells.length < width || extra.some((c) => c.trim() !== '')) {
      rowErrors.push({
        row: rec.row,
        column: null,
        message: `has ${rec.cells.length} cells but the header has ${width} columns (a missing or extra separator, or an unquoted comma?)`,
        code: 'column_count',
      });
      continue;
    }
    const cells = r.project(rec.cells, rec.row);
    if (cells) out.push({ row: rec.row, cells });
  }
  return { header: r.fields, records: out, rowErrors };
}
