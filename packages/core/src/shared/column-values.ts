import { AppError } from './errors.ts';
import {
  type DateOrder,
  type DecimalStyle,
  dateOrderOf,
  decimalStyleOf,
  readDateParts,
  readNumber,
} from './values.ts';

/**
 * Per-column decisions of an import (docs/csv.md, "Value formats"): a column's decimal mark and
 * the order of its slash dates come from the mapping, else from its values. A column its values
 * cannot decide while one of them needs it (only `1,234`-like numbers, only `03/05/2026`-like
 * dates) refuses the file with a 400 naming the column, as does a column mixing both styles.
 */

const columnError = (column: string, message: string, code: string) =>
  new AppError('validation_failed', message, [
    { field: `rows.1.${column}`, message, code, params: { row: 1, column } },
  ]);

export const ambiguousNumberColumn = (column: string, sample: string) =>
  columnError(
    column,
    `Column "${column}": a value like "${sample}" could be read with "," as thousands or as decimals; choose the column's decimal mark in the mapping (decimal: "dot" or "comma")`,
    'ambiguous_number',
  );

export const ambiguousDateColumn = (column: string, sample: string) =>
  columnError(
    column,
    `Column "${column}": a date like "${sample}" could be day/month or month/day; choose the column's date order in the mapping (dateOrder: "dmy" or "mdy")`,
    'ambiguous_date',
  );

/** The column's decimal style: the given one, else what its values prove (null: none do). */
export function decideDecimal(
  column: string,
  values: Iterable<string>,
  given: DecimalStyle | null | undefined,
): DecimalStyle | null {
  if (given) return given;
  const d = decimalStyleOf(values);
  if ('conflict' in d)
    throw columnError(
      column,
      `Column "${column}" writes numbers two ways ("${d.conflict[0]}" and "${d.conflict[1]}"); choose its decimal mark in the mapping`,
      'mixed_number_formats',
    );
  return d.style;
}

/** The column's order of slash dates: the given one, else what its values prove (null: none do). */
export function decideDateOrder(
  column: string,
  values: Iterable<string>,
  given: DateOrder | null | undefined,
): DateOrder | null {
  if (given) return given;
  const d = dateOrderOf(values);
  if ('conflict' in d)
    throw columnError(
      column,
      `Column "${column}" has dates that are day/month ("${d.conflict[0]}") and month/day ("${d.conflict[1]}")`,
      'mixed_date_formats',
    );
  return d.order;
}

/** Refuses the file when a value of an undecided column is ambiguous (call after deciding). */
export function checkNumberColumn(
  column: string,
  values: Iterable<string>,
  style: DecimalStyle | null,
): void {
  if (style) return;
  for (const v of values) {
    if (!v) continue;
    const r = readNumber(v);
    if (!r.ok && r.code === 'ambiguous_number') throw ambiguousNumberColumn(column, v.trim());
  }
}

export function checkDateColumn(column: string, values: Iterable<string>, order: DateOrder | null): void {
  if (order) return;
  for (const v of values) {
    if (!v?.includes('/')) continue;
    const r = readDateParts(v);
    if (!r.ok && r.code === 'ambiguous_date') throw ambiguousDateColumn(column, v.trim());
  }
}

/** Both: decide the style from the values, then refuse a still-ambiguous column. */
export function numberColumn(
  column: string,
  values: string[],
  given?: DecimalStyle | null,
): DecimalStyle | null {
  const style = decideDecimal(column, values, given);
  checkNumberColumn(column, values, style);
  return style;
}

export function dateColumn(column: string, values: string[], given?: DateOrder | null): DateOrder | null {
  const order = decideDateOrder(column, values, given);
  checkDateColumn(column, values, order);
  return order;
}

/** What a whole file's columns decided, and the zone of its offset-less times. */
export interface FileFormats {
  timeZone: string;
  decimal: Map<string, DecimalStyle | null>;
  dateOrder: Map<string, DateOrder | null>;
}

/** The options a mapping can fix for a whole file (else decided per column from the values). */
export interface FormatOptions {
  timeZone?: string | undefined;
  decimal?: DecimalStyle | null | undefined;
  dateOrder?: DateOrder | null | undefined;
}

/**
 * Decides the styles of an in-memory file's number and date columns (by name → cell position);
 * throws a 400 naming a column that is ambiguous or mixed.
 */
export function fileFormats(
  records: { cells: string[] }[],
  columns: { numbers: [string, number][]; dates: [string, number][] },
  opts: FormatOptions = {},
): FileFormats {
  const f: FileFormats = { timeZone: opts.timeZone ?? 'UTC', decimal: new Map(), dateOrder: new Map() };
  const values = (i: number) => records.map((r) => (r.cells[i] ?? '').trim());
  for (const [name, i] of columns.numbers) f.decimal.set(name, numberColumn(name, values(i), opts.decimal));
  for (const [name, i] of columns.dates) f.dateOrder.set(name, dateColumn(name, values(i), opts.dateOrder));
  return f;
}
