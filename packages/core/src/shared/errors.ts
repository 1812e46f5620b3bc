import { type ErrorCode, type FieldIssue, findTextFault, textFaultMessage } from '@evergreen/contracts';

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
