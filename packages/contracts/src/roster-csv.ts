import { z } from 'zod';
import { uuid } from './common.ts';

/**
 * CSV import and export of creators (docs/csv.md). Rows are numbered as a spreadsheet shows
 * them: the header is row 1, so the first creator is row 2.
 */

export const csvImportModes = ['all_or_nothing', 'valid_rows'] as const;
export const csvImportMode = z.enum(csvImportModes);
export type CsvImportMode = z.infer<typeof csvImportMode>;

/** The file itself: a `text/csv` (or `text/plain`) body, or JSON `{ "csv": "…" }`. */
/**
 * A column mapping (docs/csv.md, "Column mapping"): each file column (as its header names it)
 * → an Evergreen field, or null to ignore it; plus how values are written when the file's
 * values cannot tell (decimal mark, day/month order).
 */
export const columnMapping = z.object({
  columns: z.record(z.string().max(200), z.string().max(100).nullable()),
  /**
   * The built-in preset this mapping adjusts: its row handling (line items merged, derived
   * customer and status, summary rows skipped) stays, and these columns replace its own.
   */
  preset: z.string().max(60).optional(),
  options: z
    .object({
      decimal: z.enum(['dot', 'comma']).optional(),
      dateOrder: z.enum(['dmy', 'mdy']).optional(),
    })
    .default({}),
});
export type ColumnMapping = z.infer<typeof columnMapping>;

export const csvImportBody = z.union([
  z.string().describe('The CSV file (Content-Type: text/csv)'),
  z.object({
    csv: z.string().describe('The CSV file as text'),
    mapping: columnMapping
      .optional()
      .describe('How to read the columns (else a preset, a saved mapping or the column names)'),
  }),
]);
export type CsvImportBody = z.infer<typeof csvImportBody>;

export const csvImportQuery = z.object({
  /** all_or_nothing: any row error refuses the whole file; valid_rows: imports the rest. */
  mode: csvImportMode.default('all_or_nothing'),
});

/** What is wrong with one cell (or, with column null, with a whole row). */
export const csvRowError = z.object({
  row: z.number().int(),
  column: z.string().nullable(),
  message: z.string(),
  code: z.string(),
});
export type CsvRowError = z.infer<typeof csvRowError>;

/** create: a new creator; update: a matched creator changes; unchanged: matched, nothing differs. */
export const csvRowActions = ['create', 'update', 'unchanged', 'error'] as const;
export const csvPreviewRow = z.object({
  row: z.number().int(),
  action: z.enum(csvRowActions),
  /** The matched creator (update, unchanged, sometimes error). */
  creatorId: uuid.nullable(),
  /** How the row was matched: external_id, email or a platform (instagram, …). */
  matchedBy: z.string().nullable(),
  displayName: z.string().nullable(),
  /** Columns whose value would change (update). */
  changes: z.array(z.string()),
  errors: z.array(csvRowError),
});
export type CsvPreviewRow = z.infer<typeof csvPreviewRow>;

export const creatorImportPreview = z.object({
  /** The recognised columns, in the file's order. */
  columns: z.array(z.string()),
  rows: z.array(csvPreviewRow),
  counts: z.object({
    create: z.number().int(),
    update: z.number().int(),
    unchanged: z.number().int(),
    error: z.number().int(),
  }),
});
export type CreatorImportPreview = z.infer<typeof creatorImportPreview>;

export const creatorImportResult = z.object({
  mode: csvImportMode,
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** Rows not imported because they have errors (valid_rows mode). */
  skipped: z.number().int(),
  /** Number of row errors; each is listed in rowErrors. */
  errors: z.number().int(),
  rowErrors: z.array(csvRowError),
});
export type CreatorImportResult = z.infer<typeof creatorImportResult>;
