import { textFault, textFaultMessage } from '@evergreen/contracts';
import { CsvError, parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { detectDelimiter as detectSeparator, parseCsvText } from './csv-stream.ts';
import { AppError } from './errors.ts';

/** Size limits of one imported file: past them the file is refused with a clear message. */
export const CSV_MAX_BYTES = 5 * 1024 * 1024;
export const CSV_MAX_ROWS = 20_000;

export interface CsvRecord {
  /** The row as a spreadsheet numbers it: the header is row 1, the first data row is row 2. */
  row: number;
  cells: string[];
}

export interface CsvTable {
  delimiter: ',' | ';' | '\t';
  header: string[];
  /** Data rows; blank lines are left out but still counted in row numbers. */
  records: CsvRecord[];
}

const fileError = (message: string, code: string, row?: number) =>
  new AppError('validation_failed', message, [
    {
      field: row ? `rows.${row}` : 'csv',
      message,
      code,
      ...(row ? { params: { row } } : {}),
    },
  ]);

/**
 * A cell PostgreSQL cannot store (a NUL, half a surrogate pair) refuses the file, naming its row
 * and column. Found by reading the text as strings (csv-parse reads bytes, where half a pair
 * has already become U+FFFD).
 */
function unstorableCell(text: string, delimiter: string): AppError {
  let rows: string[][] = [];
  try {
    rows = parseCsvText(text, delimiter);
  } catch {
    // A malformed file as well: name the line.
  }
  const header = rows[0] ?? [];
  for (let i = 0; i < rows.length; i++)
    for (let c = 0; c < rows[i]!.length; c++) {
      const code = textFault(rows[i]![c]!);
      if (!code) continue;
      const row = i + 1;
      const column = (i > 0 && header[c]?.trim()) || `column ${c + 1}`;
      const message = `Row ${row}, ${column}: ${textFaultMessage[code]}`;
      return new AppError('validation_failed', message, [
        { field: `rows.${row}.${column}`, message: textFaultMessage[code], code, params: { row, column } },
      ]);
    }
  const code = textFault(text)!;
  const row = text.split(/\r\n|\n|\r/).findIndex((line) => textFault(line) !== null) + 1;
  return fileError(`Row ${row}: ${textFaultMessage[code]}`, code, row);
}

/** The header line decides the separator (shared/csv-stream.ts: the most frequent of , ; tab). */
const detectDelimiter = (text: string): CsvTable['delimiter'] => detectSeparator(text);

/**
 * Reads CSV text (RFC 4180: quoted cells, doubled quotes, CRLF or LF, line breaks inside
 * quotes, an optional UTF-8 byte order mark). Errors of the file as a whole (not UTF-8, a
 * quote never closed, too large) throw validation_failed naming the row.
 */
export function readCsv(
  input: string,
  opts: { rowNoun?: string; maxBytes?: number; maxRows?: number } = {},
): CsvTable {
  // Roster files keep the 5 MB / 20,000-row limits; imports of posts, metrics and orders raise them.
  const maxBytes = opts.maxBytes ?? CSV_MAX_BYTES;
  const maxRows = opts.maxRows ?? CSV_MAX_ROWS;
  const bytes = Buffer.byteLength(input, 'utf8');
  if (bytes > maxBytes) {
    throw fileError(
      `The file is ${(bytes / 1024 / 1024).toFixed(1)} MB; the limit is ${Math.round(maxBytes / 1024 / 1024)} MB (and ${maxRows.toLocaleString('en')} rows): split it into smaller files`,
      'too_large',
    );
  }
  const text = input.replace(/^\uFEFF/, '');
  // A file saved in another encoding (Windows-1251, say) arrives with replacement characters.
  const bad = text.indexOf('\uFFFD');
  if (bad >= 0) {
    const row = text.slice(0, bad).split(/\r\n|\n|\r/).length;
    throw fileError(
      `The file is not UTF-8 text (first unreadable character near line ${row}); save it as "CSV UTF-8"`,
      'not_utf8',
    );
  }
  if (!text.trim())
    throw fileError(
      `The file is empty: it needs a header row and at least one ${opts.rowNoun ?? 'creator'}`,
      'empty',
    );
  const delimiter = detectDelimiter(text);
  if (textFault(text)) throw unstorableCell(text, delimiter);
  let rows: string[][];
  try {
    rows = parse(text, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: false,
      to: maxRows + 2,
    }) as string[][];
  } catch (e) {
    if (e instanceof CsvError) {
      // `records` counts the rows read before the faulty one.
      const row = ((e as unknown as { records?: number }).records ?? 0) + 1;
      const what =
        e.code === 'CSV_QUOTE_NOT_CLOSED'
          ? 'a quoted cell is never closed (a " is missing)'
          : e.code === 'INVALID_OPENING_QUOTE' || e.code === 'CSV_INVALID_CLOSING_QUOTE'
            ? 'a " inside a cell must be doubled ("") and the cell quoted'
            : e.message;
      throw fileError(`Row ${row}: ${what}`, 'malformed_csv', row);
    }
    throw e;
  }
  if (rows.length > maxRows + 1) {
    throw fileError(
      `The file has more than ${maxRows.toLocaleString('en')} rows; split it into smaller files`,
      'too_many_rows',
    );
  }
  const [header = [], ...data] = rows;
  const records: CsvRecord[] = [];
  data.forEach((cells, i) => {
    if (cells.every((c) => c.trim() === '')) return;
    records.push({ row: i + 2, cells });
  });
  return { delimiter, header, records };
}

/**
 * Cells that a spreadsheet would run as a formula (=, +, -, @; tab and carriage return too)
 * get a leading apostrophe. A cell that already starts with apostrophes before such a
 * character gets one more, so that `unneutralise` gives every value back exactly.
 */
const FORMULA = /^'*[=+\-@\t\r]/;
export const neutralise = (cell: string): string => (FORMULA.test(cell) ? `'${cell}` : cell);
export const unneutralise = (cell: string): string =>
  cell.startsWith("'") && FORMULA.test(cell) ? cell.slice(1) : cell;

/** CSV for spreadsheets: UTF-8 with a byte order mark (Excel needs it), CRLF, cells neutralised. */
export function writeCsv(header: string[], rows: string[][]): string {
  const body = stringify([header, ...rows.map((r) => r.map(neutralise))], {
    record_delimiter: 'windows',
    // csv-stringify quotes a cell with CRLF but not one with a lone LF or CR; spreadsheets need both.
    quoted_match: /[\r\n]/,
  });
  return `\uFEFF${body}`;
}
