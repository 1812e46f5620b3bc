import type {
  ColumnMapping,
  CsvRowError,
  ImportPreview,
  MappingKind,
  SavedMapping,
  SaveMappingRequest,
} from '@evergreen/contracts';
import { saveMappingRequest, textFault, textFaultMessage } from '@evergreen/contracts';
import { importMappings } from '@evergreen/db';
import { and, asc, eq } from 'drizzle-orm';
import { recordAudit } from '../audit/index.ts';
import { requireRole } from '../shared/access.ts';
import { type ActorCtx, isoRequired } from '../shared/context.ts';
import { CsvStreamParser, CsvSyntaxError, detectDelimiter } from '../shared/csv-stream.ts';
import { unneutralise } from '../shared/csv-text.ts';
import { decodeText } from '../shared/encoding.ts';
import { AppError, notFound } from '../shared/errors.ts';
import {
  type DateOrder,
  type DecimalStyle,
  dateOrderOf,
  decimalStyleOf,
  readCount,
  readDay,
  readInstant,
  readNumber,
} from '../shared/values.ts';
import { workspaceTimeZone } from '../shared/workspace-zone.ts';
import { fieldSpecs } from './fields.ts';
import { headerKey, type MappingRequest, missingFieldsError, resolveMapping } from './mapping.ts';

/**
 * The mapping step of every import (docs/csv.md, "Column mapping"): what a file's header and
 * first rows say about how it will be read, without writing anything; and mappings saved by
 * name per workspace.
 */

const SAMPLE_BYTES = 256 * 1024;
const SAMPLE_ROWS = 10;
/** Rows the column styles are decided from (the import decides from the whole file). */
const STYLE_ROWS = 2000;

/** The header and first records of a file (its first 256 KB). */
function head(text: string): {
  delimiter: ',' | ';' | '\t';
  header: string[];
  records: { row: number; cells: string[] }[];
} {
  const t = text.replace(/^\uFEFF/, '');
  const delimiter = detectDelimiter(t);
  const p = new CsvStreamParser(delimiter);
  const out: string[][] = [];
  const part = t.length > SAMPLE_BYTES ? t.slice(0, SAMPLE_BYTES) : t;
  try {
    p.push(part, out);
    if (part.length === t.length) p.end(out);
  } catch (e) {
    if (!(e instanceof CsvSyntaxError)) throw e;
    throw new AppError(
      'validation_failed',
      `Row ${e.record}: the CSV is malformed (${e.fault.replaceAll('_', ' ')})`,
      [
        {
          field: `rows.${e.record}`,
          message: 'is malformed CSV',
          code: 'malformed_csv',
          params: { row: e.record },
        },
      ],
    );
  }
  const [header = [], ...rest] = out;
  if (!header.some((h) => h.trim()))
    throw new AppError('validation_failed', 'The file is empty: it needs a header row', [
      { field: 'csv', message: 'is empty', code: 'empty' },
    ]);
  const records = rest
    .map((cells, i) => ({ row: i + 2, cells }))
    .filter((r) => r.cells.some((c) => c.trim() !== ''))
    .slice(0, STYLE_ROWS);
  return { delimiter, header, records };
}

/**
 * Reads a file's header and first rows and answers how the import would read them: the
 * encoding, separator and time zone, the mapping (given, preset, saved, by the column names, or
 * proposed from names and synonyms), each field's column, sample values as they will be read
 * with per-cell errors, skipped and merged rows, and what would make the import refuse the file.
 */
export async function previewImport(
  ctx: ActorCtx,
  kind: MappingKind,
  input: Buffer | string,
  req: MappingRequest = {},
): Promise<ImportPreview> {
  const { db, actor, clock } = ctx;
  requireRole(actor, 'manager');
  const decoded = typeof input === 'string' ? { text: input, encoding: null } : decodeText(input);
  const file = head(decoded.text);
  // A header cell PostgreSQL cannot store (a NUL, half a surrogate pair) refuses the file: the
  // header is looked up among the saved mappings.
  const bad = file.header.findIndex((c) => textFault(c) !== null);
  if (bad >= 0) {
    const code = textFault(file.header[bad]!)!;
    throw new AppError('validation_failed', `Row 1, column ${bad + 1}: ${textFaultMessage[code]}`, [
      { field: `rows.1.column ${bad + 1}`, message: textFaultMessage[code], code, params: { row: 1 } },
    ]);
  }
  const timeZone = await workspaceTimeZone(db, actor.workspaceId);
  const mapped = await resolveMapping(db, actor.workspaceId, kind, file.header, req, { propose: true });
  const specs = new Map(fieldSpecs[kind].map((s) => [s.field, s]));
  const problems: ImportPreview['problems'] = mapped.missing.map((f) => ({
    column: f,
    message: `The required field ${f} has no column`,
    code: 'missing_field',
  }));
  const rows: { row: number; cells: string[] }[] = [];
  for (const r of file.records) {
    const cells = mapped.project(r.cells, r.row);
    if (cells) rows.push({ row: r.row, cells });
  }
  const columnOf = (field: string) =>
    Object.entries(mapped.mapping.columns).find(([, f]) => f === field)?.[0] ?? null;
  // Each number and date column's style, from the sampled values (or the mapping's options).
  const styles: ImportPreview['styles'] = {};
  const decimal = new Map<string, DecimalStyle | null>();
  const order = new Map<string, DateOrder | null>();
  mapped.fields.forEach((field, i) => {
    const spec = specs.get(field);
    if (!spec) return;
    const values = rows.map((r) => (r.cells[i] ?? '').trim());
    const name = columnOf(field) ?? field;
    let d: DecimalStyle | null = mapped.mapping.options?.decimal ?? null;
    let o: DateOrder | null = mapped.mapping.options?.dateOrder ?? null;
    if (['number', 'money', 'count'].includes(spec.type) && !d) {
      const r = decimalStyleOf(values);
      if ('conflict' in r)
        problems.push({
          column: name,
          message: `Column "${name}" writes numbers two ways ("${r.conflict[0]}", "${r.conflict[1]}")`,
          code: 'mixed_number_formats',
        });
      else d = r.style;
      if (
        !d &&
        spec.type !== 'count' &&
        values.some((v) => {
          const n = v ? readNumber(v) : null;
          return n !== null && !n.ok && n.code === 'ambiguous_number';
        })
      )
        problems.push({
          column: name,
          message: `Column "${name}": values like "1,234" could be thousands or decimals; choose its decimal mark`,
          code: 'ambiguous_number',
        });
    }
    if (['instant', 'day'].includes(spec.type) && !o) {
      const r = dateOrderOf(values);
      if ('conflict' in r)
        problems.push({
          column: name,
          message: `Column "${name}" has day/month and month/day dates`,
          code: 'mixed_date_formats',
        });
      else {
        o = r.order;
        if (!o && r.slashes)
          problems.push({
            column: name,
            message: `Column "${name}": dates like 03/05/2026 could be day/month or month/day; choose its date order`,
            code: 'ambiguous_date',
          });
      }
    }
    decimal.set(field, d);
    order.set(field, o);
    if (['number', 'money', 'count', 'instant', 'day'].includes(spec.type))
      styles[name] = { decimal: d, dateOrder: o };
  });
  const lifetime =
    kind === 'metrics' && mapped.source !== 'columns' && !mapped.fields.includes('captured_at');
  const notes = [...mapped.notes()];
  const at = clock.now().toISOString();
  if (lifetime)
    notes.push(`The file has no capture time: its numbers are taken as read at the import's time (${at})`);
  const sample = rows.slice(0, SAMPLE_ROWS).map(({ row, cells }) => {
    const values: Record<string, string | null> = {};
    const errors: CsvRowError[] = [];
    mapped.fields.forEach((field, i) => {
      const raw = unneutralise(cells[i] ?? '').trim();
      const spec = specs.get(field);
      const column = columnOf(field) ?? field;
      if (!raw) {
        values[field] = null;
        return;
      }
      const bad = (message: string, code: string) => {
        values[field] = null;
        errors.push({ row, column, message, code });
      };
      switch (spec?.type) {
        case 'instant': {
          const r = readInstant(raw, { timeZone, order: order.get(field) ?? null });
          if (r.ok) values[field] = r.value.toISOString();
          else bad(r.message, r.code);
          break;
        }
        case 'day': {
          const r = readDay(raw, order.get(field) ?? null);
          if (r.ok) values[field] = r.value;
          else bad(r.message, r.code);
          break;
        }
        case 'count': {
          const r = readCount(raw, decimal.get(field) ?? null);
          if (r.ok) values[field] = String(r.value);
          else bad(r.message, r.code);
          break;
        }
        case 'number':
        case 'money': {
          const r = readNumber(raw, decimal.get(field) ?? null);
          if (r.ok) values[field] = r.value;
          else bad(r.message, r.code);
          break;
        }
        default:
          values[field] = raw;
      }
    });
    if (lifetime) values.captured_at = at;
    return { row, values, errors };
  });
  return {
    kind,
    encoding: decoded.encoding,
    delimiter: file.delimiter,
    timeZone,
    header: file.header.map((h) => h.replace(/^\uFEFF/, '').trim()),
    source: mapped.source,
    preset: mapped.preset?.name ?? null,
    savedMapping: mapped.savedName,
    mapping: mapped.mapping,
    fields: fieldSpecs[kind].map((s) => ({
      field: s.field,
      required: s.required && !(lifetime && s.field === 'captured_at'),
      column: columnOf(s.field),
    })),
    missing: mapped.missing,
    styles,
    rows: sample,
    derived: mapped.derived,
    notes,
    problems,
  };
}

/**
 * The check an import makes before it starts (the import answers 400 and writes nothing): a
 * wrong preset, an unknown saved mapping, a required field without a column, or a column the
 * first rows cannot decide.
 */
export async function checkImportFile(
  ctx: ActorCtx,
  kind: MappingKind,
  text: string,
  req: MappingRequest,
): Promise<void> {
  const p = await previewImport(ctx, kind, text, req);
  if (p.source === 'columns' || p.source === 'proposed') {
    // Read by the names as they are: the importer's own header check names what is wrong.
    const problems = p.problems.filter((x) => x.code !== 'missing_field');
    if (problems.length) throw problemsError(problems);
    return;
  }
  if (p.missing.length) throw missingFieldsError(p.missing);
  if (p.problems.length) throw problemsError(p.problems);
}

function problemsError(problems: ImportPreview['problems']): AppError {
  return new AppError(
    'validation_failed',
    problems.map((p) => p.message).join('; '),
    problems.map((p) => ({
      field: p.code === 'missing_field' ? `mapping.${p.column}` : `rows.1.${p.column}`,
      message: p.message,
      code: p.code,
      params: { row: 1, column: p.column ?? '' },
    })),
  );
}

// ---- saved mappings -------------------------------------------------------------------------

type Row = typeof importMappings.$inferSelect;
const toSaved = (r: Row): SavedMapping => ({
  id: r.id,
  kind: r.kind as MappingKind,
  name: r.name,
  header: r.headerKey.split('\u001f'),
  mapping: r.mapping as ColumnMapping,
  updatedAt: isoRequired(r.updatedAt),
});

export async function listMappings({ db, actor }: ActorCtx, kind?: MappingKind): Promise<SavedMapping[]> {
  requireRole(actor, 'analyst');
  const rows = await db
    .select()
    .from(importMappings)
    .where(
      and(
        eq(importMappings.workspaceId, actor.workspaceId),
        kind ? eq(importMappings.kind, kind) : undefined,
      ),
    )
    .orderBy(asc(importMappings.kind), asc(importMappings.name));
  return rows.map(toSaved);
}

/**
 * Saves a mapping by name (the same name replaces it: one statement, so two saves at once leave
 * one row). The mapping is checked against the header it was made for.
 */
export async function saveMapping(ctx: ActorCtx, input: SaveMappingRequest): Promise<SavedMapping> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  const d = saveMappingRequest.parse(input);
  // Checked as an import would check it (columns the header has, fields the import has).
  await resolveMapping(db, actor.workspaceId, d.kind, d.header, { mapping: d.mapping });
  const now = clock.now();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(importMappings)
      .values({
        workspaceId: actor.workspaceId,
        kind: d.kind,
        name: d.name,
        headerKey: headerKey(d.header),
        mapping: d.mapping,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: [importMappings.workspaceId, importMappings.kind, importMappings.name],
        set: { headerKey: headerKey(d.header), mapping: d.mapping, updatedAt: now },
      })
      .returning();
    await recordAudit(
      tx,
      actor,
      {
        action: 'import_mapping.saved',
        entityType: 'import_mapping',
        entityId: row!.id,
        changes: { kind: d.kind, name: d.name },
      },
      now,
    );
    return toSaved(row!);
  });
}

export async function deleteMapping(ctx: ActorCtx, id: string): Promise<void> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  await db.transaction(async (tx) => {
    const rows = await tx
      .delete(importMappings)
      .where(and(eq(importMappings.workspaceId, actor.workspaceId), eq(importMappings.id, id)))
      .returning();
    if (!rows.length) throw notFound('Mapping');
    await recordAudit(
      tx,
      actor,
      {
        action: 'import_mapping.deleted',
        entityType: 'import_mapping',
        entityId: id,
        changes: { name: rows[0]!.name },
      },
      clock.now(),
    );
  });
}
