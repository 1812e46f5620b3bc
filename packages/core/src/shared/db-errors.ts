import { AppError } from './errors.ts';

/** Postgres error code of a failed query, through Drizzle's wrapper, on both drivers. */
export function pgErrorCode(err: unknown): string | undefined {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/** A unique violation that slipped past the checks (two requests at once) becomes a 409. */
export function rethrowConflict(err: unknown, message: string): never {
  if (pgErrorCode(err) === '23505') throw new AppError('conflict', message);
  throw err;
}
