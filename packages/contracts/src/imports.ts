import { z } from 'zod';
import { isoDateTime, uuid } from './common.ts';
import { columnMapping, csvImportMode, csvRowError } from './roster-csv.ts';

/**
 * Imports of posts, metric snapshots and orders (docs/csv.md). A file is read, every row is
 * checked (errors name the row as a spreadsheet numbers it, header = row 1, and the column),
 * then written in one transaction: all_or_nothing writes nothing when any row is bad;
 * valid_rows writes the good rows and reports the rest. Large files run in the background and
 * report progress; the run is kept so the result can be looked at later.
 */
export const importKinds = ['posts', 'metrics', 'orders'] as const;
export const importKind = z.enum(importKinds);
export type ImportKind = z.infer<typeof importKind>;

export const importPhases = ['reading', 'checking', 'writing', 'attributing', 'done', 'failed'] as const;
export const importPhase = z.enum(importPhases);
export type ImportPhase = z.infer<typeof importPhase>;

export const importProgress = z.object({
  phase: importPhase,
  /** Rows read / checked / written so far in this phase. */
  processedRows: z.number().int(),
  /** All data rows of the file (known once it has been read; 0 before). */
  totalRows: z.number().int(),
});
export type ImportProgress = z.infer<typeof importProgress>;

/** How the file was read: what the import detected or was told (docs/csv.md, "Value formats"). */
export const importReading = z.object({
  /** The IANA zone times without an offset were read in (the workspace's). */
  timeZone: z.string(),
  /** utf-8, utf-16le, utf-16be or windows-1251; null when the file came as text. */
  encoding: z.string().nullable(),
  delimiter: z.enum([',', ';', '\t']).nullable(),
  /** The built-in preset the columns were read with, if any. */
  preset: z.string().nullable(),
  /** The saved mapping the columns were read with, if any. */
  mapping: z.string().nullable(),
  /** Rows skipped (summary rows) or merged (line items of one order), in words. */
  notes: z.array(z.string()).optional(),
});
export type ImportReading = z.infer<typeof importReading>;

export const importResult = z.object({
  mode: csvImportMode,
  totalRows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** Rows left out because they have errors (valid_rows). */
  skipped: z.number().int(),
  /** Whether anything was written (false when all_or_nothing met an error). */
  wrote: z.boolean(),
  /** Every row error, first 1,000 (errorCount has them all). */
  rowErrors: z.array(csvRowError),
  errorCount: z.number().int(),
  reading: importReading.optional(),
});
export type ImportResult = z.infer<typeof importResult>;

export const importRun = z.object({
  id: uuid,
  kind: importKind,
  fileName: z.string().nullable(),
  /** interrupted: its process stopped before it finished (nothing of it was written). */
  status: z.enum(['running', 'done', 'failed', 'interrupted']),
  progress: importProgress,
  /** Present once finished. */
  result: importResult.nullable(),
  /** A failure of the file as a whole (not UTF-8, missing column, …). */
  error: z.string().nullable(),
  startedAt: isoDateTime,
  finishedAt: isoDateTime.nullable(),
});
export type ImportRun = z.infer<typeof importRun>;

/** Every import that can take a column mapping. */
export const mappingKinds = ['creators', 'posts', 'metrics', 'orders', 'exchange_rates'] as const;
export const mappingKind = z.enum(mappingKinds);
export type MappingKind = z.infer<typeof mappingKind>;

/** Query of an import or its preview: a built-in preset or a saved mapping by name. */
export const mappingQuery = z.object({
  preset: z.string().max(60).optional(),
  mapping: z.string().max(120).optional(),
});

/** What a preview says about how a file will be read (docs/csv.md, "Column mapping"). */
export const importPreview = z.object({
  kind: mappingKind,
  encoding: z.string().nullable(),
  delimiter: z.enum([',', ';', '\t']),
  timeZone: z.string(),
  header: z.array(z.string()),
  /** Where the mapping comes from. */
  source: z.enum(['given', 'preset', 'saved', 'columns', 'proposed']),
  preset: z.string().nullable(),
  savedMapping: z.string().nullable(),
  mapping: columnMapping,
  /** Every field of this import: required or not, and the file column it is read from. */
  fields: z.array(z.object({ field: z.string(), required: z.boolean(), column: z.string().nullable() })),
  /** Required fields no column is mapped to (the import answers 400 naming them). */
  missing: z.array(z.string()),
  /** Per column, the decimal mark and date order its values prove (null: not decided). */
  styles: z.record(
    z.string(),
    z.object({ decimal: z.string().nullable(), dateOrder: z.string().nullable() }),
  ),
  /** The first rows as they will be read: field → value (null when empty), with per-cell errors. */
  rows: z.array(
    z.object({
      row: z.number().int(),
      values: z.record(z.string(), z.string().nullable()),
      errors: z.array(csvRowError),
    }),
  ),
  /**
   * File columns mapped to no field that the preset still reads, and the fields each gives
   * (Shopify's "Financial Status" → status): the mapping step shows them as used, not ignored.
   */
  derived: z.record(z.string(), z.array(z.string())),
  /** Rows skipped (summary rows) and merged (line items), in words. */
  notes: z.array(z.string()),
  /** Problems of the whole file the import would refuse it for (ambiguous column, missing field). */
  problems: z.array(z.object({ column: z.string().nullable(), message: z.string(), code: z.string() })),
});
export type ImportPreview = z.infer<typeof importPreview>;

export const savedMapping = z.object({
  id: uuid,
  kind: mappingKind,
  name: z.string(),
  header: z.array(z.string()),
  mapping: columnMapping,
  updatedAt: isoDateTime,
});
export type SavedMapping = z.infer<typeof savedMapping>;

export const saveMappingRequest = z.object({
  kind: mappingKind,
  name: z.string().trim().min(1).max(120),
  /** The header of the file it was made for: a file with the same header gets it again. */
  header: z.array(z.string().max(200)).min(1).max(500),
  mapping: columnMapping,
});
export type SaveMappingRequest = z.input<typeof saveMappingRequest>;
