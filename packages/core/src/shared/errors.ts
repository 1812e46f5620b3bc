import {
  type CsvRowError,
  type ErrorCode,
  type FieldIssue,
  findTextFault,
  textFaultMessage,
} from '@evergreen/contracts';

/** The one error type of the domain. The server maps `code` to an HTTP status. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldIssue[] | undefined;
  constructor(code: ErrorCode, message: string, fields?: FieldIssue[]) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.fields = fields;
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
export const forbidden = (message = 'You do not have permission to do this') =>
  new AppError('forbidden', message);
export const invalid = (field: string, message: string, code = 'invalid') =>
  new AppError('validation_failed', `${field}: ${message}`, [{ field, message, code }]);

/**
 * Row errors of a file as one validation error: the message names the first ten (`Row 4, column
 * tier: …`), each field its row and column (`rows.4.tier`).
 */
export function rowErrorsToAppError(errors: CsvRowError[], lead: string): AppError {
  const at = (e: CsvRowError) => `Row ${e.row}${e.column ? `, column ${e.column}` : ''}`;
  const shown = errors.slice(0, 10).map((e) => `${at(e)}: ${e.message}`);
  if (errors.length > 10) shown.push(`and ${errors.length - 10} more`);
  const fields: FieldIssue[] = errors.map((e) => ({
    field: `rows.${e.row}${e.column ? `.${e.column}` : ''}`,
    message: e.message,
    code: e.code,
    params: (e.column ? { row: e.row, column: e.column } : { row: e.row }) as Record<string, string | number>,
  }));
  return new AppError('validation_failed', `${lead}. ${shown.join('; ')}`, fields);
}

/** A header's errors for the required columns it lacks (row 1). */
export const missingColumns = (
  required: readonly string[],
  has: (column: string) => boolean,
): CsvRowError[] =>
  required
    .filter((c) => !has(c))
    .map((c) => ({
      row: 1,
      column: c,
      message: `The header has no ${c} column; it is required`,
      code: 'missing_column',
    }));

/**
 * Refuses a parsed JSON value holding a string that cannot be stored (a NUL, a lone surrogate)
 * or nested too deeply, naming the field (docs/decisions/0008-hostile-input.md). The server
 * checks every request this way; this is for bodies read after it, such as signed webhooks.
 */
export function assertStorableText(value: unknown, field = 'body'): void {
  const fault = findTextFault(value);
  if (!fault) return;
  const name = fault.field || field;
  const message = textFaultMessage[fault.code];
  throw new AppError('validation_failed', `${name}: ${message}`, [
    { field: name, message, code: fault.code },
  ]);
}
