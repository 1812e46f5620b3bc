import type { ErrorCode, FieldIssue } from '@evergreen/contracts';

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
