import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, type Db, openDatabase, queryRows } from '../client.ts';
import { withDatabase } from './global-setup.ts';

export const testDriver = () => inject('dbDriver');

/**
 * A migrated, empty database of its own for one test file: a PGlite loaded from the
 * migrated dump, or a PostgreSQL database copied from the migrated template.
 *
 * PGlite runs in the test's thread (fast to open), or in a worker thread behind node-postgres as
 * the server runs it, with `{ worker: true }` or EVERGREEN_TEST_PGLITE=worker for every file.
 */
export async function openTestDatabase(opts: { worker?: boolean } = {}): Promise<Database> {
  if (inject('dbDriver') === 'pglite') {
    const blob = new Blob([readFileSync(inject('pgliteTemplate'))]);
    const worker = opts.worker ?? process.env.EVERGREEN_TEST_PGLITE === 'worker';
    return openDatabase({ dataDir: 'memory://', loadDataDir: blob, worker });
  }
  const url = inject('pgUrl');
  const template = inject('pgTemplate');
  // The template's pid suffix ties the copy to this run, for cleanup.
  const name = `evergreen_t_${template.split('_').pop()}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name} template ${template}`);
  await admin.end();
  const db = await openDatabase({ databaseUrl: withDatabase(url, name), poolSize: 4 });
  return {
    ...db,
    async close() {
      await db.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/**
 * A second, independent connection pool to the database of `database`, as a second server
 * process would open (PostgreSQL). PGlite belongs to one process: there it is the same database.
 * Closing it leaves the first open.
 */
export async function openSecondPool(database: Database): Promise<Database> {
  if (database.driver !== 'postgres') return { ...database, close: async () => {} };
  const [r] = await queryRows<{ name: string }>(database.db, sql`select current_database() as name`);
  return openDatabase({ databaseUrl: withDatabase(inject('pgUrl'), r!.name), poolSize: 4 });
}

/**
 * Waits until another backend of this database is waiting for a lock — on the table `relation`,
 * or on an advisory lock — as pg_locks shows it (PostgreSQL only), polling every 10 ms for at most
 * `timeoutMs`, then failing. Tests that need "B is now blocked behind A" wait on this instead of
 * sleeping, so they prove the wait on a slow machine too. Each test file has a database of its
 * own, so no other file's backends are counted.
 */
export async function waitForLockWait(
  db: Db,
  what: { relation: string } | { advisory: true },
  timeoutMs = 15_000,
): Promise<void> {
  const which =
    'relation' in what
      ? sql`l.locktype = 'relation' and l.relation = to_regclass(${what.relation})`
      : sql`l.locktype = 'advisory'`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [r] = await queryRows<{ n: number | string }>(
      db,
      sql`select count(*) as n from pg_locks l
          where not l.granted and l.pid <> pg_backend_pid()
            and l.database = (select oid from pg_database where datname = current_database()) and ${which}`,
    );
    if (Number(r?.n ?? 0) > 0) return;
    if (Date.now() > deadline) {
      throw new Error(`No backend waited for ${JSON.stringify(what)} within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
