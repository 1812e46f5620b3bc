import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../client.ts';
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
