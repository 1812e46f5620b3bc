import { describe, expect, it } from 'vitest';
import { EmbeddedDatabaseFault } from './embedded/worker-host.ts';
import { databaseFaultKind, errorForLog, isDatabaseUnavailable } from './errors.ts';

/** A node-postgres DatabaseError as the driver builds it: a message and PostgreSQL's fields. */
const pgError = (message: string, fields: Record<string, string>) =>
  Object.assign(new Error(message), { name: 'error', ...fields });

/** drizzle-orm's wrapper: "Failed query: <sql>\nparams: <values>", the driver's error as its cause. */
const drizzleError = (query: string, params: unknown[], cause: Error) =>
  Object.assign(new Error(`Failed query: ${query}\nparams: ${params}`), { query, params, cause });

describe('databaseFaultKind', () => {
  it("names the embedded worker's fault and PostgreSQL's disk full / out of memory, through the wrappers", () => {
    const fault = new EmbeddedDatabaseFault({
      kind: 'storage_full',
      message: "the embedded database's storage is full (ENOSPC) at /data/pgdata",
      at: new Date(),
      restarting: true,
      attempts: 0,
    });
    expect(databaseFaultKind(drizzleError('insert …', ['x'], fault))).toBe('storage_full');
    expect(isDatabaseUnavailable(fault)).toBe(true);
    const full = pgError('could not write to file "pg_wal/xlogtemp.42": No space left on device', {
      code: '53100',
    });
    expect(databaseFaultKind(drizzleError('insert …', [], full))).toBe('storage_full');
    expect(isDatabaseUnavailable(full)).toBe(true);
    expect(databaseFaultKind(pgError('out of memory', { code: '53200' }))).toBe('out_of_memory');
    expect(databaseFaultKind(pgError('duplicate key value', { code: '23505' }))).toBeNull();
    expect(databaseFaultKind(new Error('Connection terminated unexpectedly'))).toBeNull();
  });
});

describe('isDatabaseUnavailable', () => {
  it('knows refused, terminated and refused-again connections, through the wrappers', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect(isDatabaseUnavailable(new AggregateError([refused], ''))).toBe(true);
    expect(isDatabaseUnavailable(drizzleError('select 1', [], refused))).toBe(true);
    const terminated = pgError('terminating connection due to administrator command', { code: '57P01' });
    expect(isDatabaseUnavailable(terminated)).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    const closed = pgError('database "x" is not currently accepting connections', { code: '55000' });
    expect(isDatabaseUnavailable(closed)).toBe(true);
    expect(isDatabaseUnavailable(pgError('connection failure', { code: '08006' }))).toBe(true);
  });

  it('does not take a bad statement or a bad value for an outage', () => {
    expect(isDatabaseUnavailable(pgError('duplicate key value', { code: '23505' }))).toBe(false);
    expect(isDatabaseUnavailable(pgError('invalid message format', { code: '08P01' }))).toBe(false);
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
    expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
  });
});

describe('errorForLog', () => {
  it('keeps the SQL text and where it failed, never the parameters or echoed values', () => {
    const secret = 'anna.secret@example.com';
    const cause = pgError(`duplicate key value violates unique constraint "users_email"`, {
      code: '23505',
      detail: `Key (email)=(${secret}) already exists.`,
      table: 'users',
      constraint: 'users_email',
      severity: 'ERROR',
    });
    const err = drizzleError('insert into "users" ("email") values ($1)', [secret], cause);
    const logged = errorForLog(err);
    expect(JSON.stringify(logged)).not.toContain(secret);
    expect(logged).toMatchObject({
      message: 'Failed query: insert into "users" ("email") values ($1)',
      query: 'insert into "users" ("email") values ($1)',
      cause: {
        code: '23505',
        message: 'duplicate key value violates unique constraint "…"',
        table: 'users',
        constraint: 'users_email',
        severity: 'ERROR',
      },
    });
    expect(
      logged.stack.startsWith('Error: Failed query: insert into "users" ("email") values ($1)\n    at '),
    ).toBe(true);
    const echoed = pgError(`invalid input syntax for type uuid: "${secret}"`, { code: '22P02' });
    expect(errorForLog(echoed).message).toBe('invalid input syntax for type uuid: "…"');
  });
});
