import { createHash } from 'node:crypto';
import { type Db, queryRows } from '@evergreen/db';
import { sql } from 'drizzle-orm';
import { AppError, invalid } from '../shared/errors.ts';

/**
 * Idempotency keys for API writes that a client may retry (docs/performance.md): the first
 * request with a key does the work and stores its response in the same transaction; the same
 * key with the same body answers that response without writing; with another body it is a
 * 409 (code idempotency_conflict). The key row is inserted before the work, so a second
 * request racing the first waits on it and then reads the stored answer.
 */

/** JSON with object keys sorted at every level: equal bodies hash equal whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export const requestHash = (body: unknown): string =>
  createHash('sha256').update(canonicalJson(body)).digest('hex');

/** A key is 1–200 visible ASCII characters (a UUID is the usual choice). */
export function checkIdempotencyKey(key: string | undefined): string {
  if (key === undefined || key.trim() === '')
    throw invalid('Idempotency-Key', 'the Idempotency-Key header is required', 'required');
  if (!/^[\x21-\x7e]{1,200}$/.test(key))
    throw invalid('Idempotency-Key', 'must be 1–200 visible ASCII characters', 'invalid_value');
  return key;
}

/**
 * Runs `work` once per (workspace, scope, key), inside `tx` (the caller's transaction).
 * Answers `{ response, replayed }`; `replayed` says the response is the stored one.
 */
export async function withIdempotency<T>(
  tx: Db,
  workspaceId: string,
  scope: string,
  key: string,
  body: unknown,
  work: () => Promise<T>,
): Promise<{ response: T; replayed: boolean }> {
  const hash = requestHash(body);
  const inserted = await queryRows<{ key: string }>(
    tx,
    sql`insert into idempotency_keys (workspace_id, scope, key, request_hash, response)
      values (${workspaceId}, ${scope}, ${key}, ${hash}, 'null'::jsonb)
      on conflict (workspace_id, scope, key) do nothing returning key`,
  );
  if (inserted.length === 0) {
    const [row] = await queryRows<{ request_hash: string; response: unknown }>(
      tx,
      sql`select request_hash, response from idempotency_keys
        where workspace_id = ${workspaceId} and scope = ${scope} and key = ${key}`,
    );
    if (!row || row.request_hash !== hash)
      throw new AppError(
        'conflict',
        'This Idempotency-Key was used with another request body; use a new key for a new batch',
        [
          {
            field: 'Idempotency-Key',
            message: 'was used with another request body',
            code: 'idempotency_conflict',
          },
        ],
      );
    const stored = typeof row.response === 'string' ? JSON.parse(row.response) : row.response;
    return { response: stored as T, replayed: true };
  }
  const response = await work();
  await tx.execute(
    sql`update idempotency_keys set response = ${JSON.stringify(response)}::jsonb
      where workspace_id = ${workspaceId} and scope = ${scope} and key = ${key}`,
  );
  return { response, replayed: false };
}
