import { z } from 'zod';
import { isoDateTime, uuid } from './common.ts';
import { csvImportMode, csvRowError } from './roster-csv.ts';

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
  status: z.enum(['running', 'done', 'failed']),
  progress: importProgress,
  /** Present once finished. */
  result: importResult.nullable(),
  /** A failure of the file as a whole (not UTF-8, missing column, …). */
  error: z.string().nullable(),
  startedAt: isoDateTime,
  finishedAt: isoDateTime.nullable(),
});
export type ImportRun = z.infer<typeof importRun>;
