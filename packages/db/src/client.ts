import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ResourceLimits } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import type { DatabaseActivity } from './activity.ts';
import { type EmbeddedFault, startEmbeddedWorker } from './embedded/worker-host.ts';
import * as schema from './schema/index.ts';
import { guardPool, type WorkStats } from './work-scope.ts';

export type Schema = typeof schema;
/** One database type for both drivers: code never needs to know which one it runs on. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Driver = 'pglite' | 'postgres';

export const migrationsFolder = fileURLToPath(new URL('../migrations', import.meta.url));

// Both drivers answer the same JSON: 64-bit integers as numbers (our counts fit in 2^53),
// calendar dates as 'YYYY-MM-DD' strings (never shifted by the server's time zone).
const INT8 = 20;
const DATE = 1082;
const parsers = { [INT8]: (v: string) => Number(v), [DATE]: (v: string) => v };
// Drizzle's node-postgres session reads the global parsers, so they are set here, once.
pg.types.setTypeParser(INT8, parsers[INT8]);
pg.types.setTypeParser(DATE, parsers[DATE]);

export interface Database {
  db: Db;
  /** The engine: PGlite (embedded) or a PostgreSQL server. */
  driver: Driver;
  /**
   * Where PGlite runs: 'worker' (its own thread, reached through node-postgres; the server) or
   * 'in-process' (this thread, through drizzle-orm/pglite; the short-lived CLI commands and
   * tests). Undefined on PostgreSQL.
   */
  embedded?: 'worker' | 'in-process';
  /** The embedded engine, when PGlite runs in this thread (backup, dumps). */
  pglite?: PGlite;
  /** PostgreSQL: the connection string it was opened with (a second pool on the same database). */
  url?: string;
  /** PGlite in its worker: the fault it is in now (storage full, out of memory, crashed), or null. */
  fault?: () => EmbeddedFault | null;
  /**
   * PGlite in its worker: statements in flight and when the database last answered, so health
   * and readiness need not queue behind a long statement (one session serves them all).
   * Undefined on PostgreSQL (a pool: a probe gets its own connection) and in-process PGlite.
   */
  activity?: DatabaseActivity;
  /**
   * PostgreSQL: a small pool of its own (two connections) for readiness and for cancelling the
   * statements of abandoned requests, so neither waits behind the requests filling the main pool.
   */
  probe?: Db;
  /**
   * The pool the server uses (PostgreSQL, PGlite in its worker): what the request guard did
   * (docs/decisions/0024): statements started, queries of abandoned requests dropped, refused for
   * the deadline, statements cancelled, queries waiting for a connection now.
   */
  workStats?: () => WorkStats;
  /** PGlite in its worker, tests only (`testHooks`): makes the worker fail. */
  injectFault?: (how: 'exit' | 'throw' | 'hang' | 'oom') => void;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres://… uses node-postgres; otherwise PGlite. */
  databaseUrl?: string | undefined;
  /** PGlite data directory; 'memory://' keeps it in memory. */
  dataDir?: string | undefined;
  /** Start PGlite from a dump made by `dumpDataDir` (the tests' template database). */
  loadDataDir?: Blob | File | undefined;
  poolSize?: number;
  /**
   * PostgreSQL: how long opening a connection, or waiting for one outside a request, may take
   * (default 10 000 ms). A request's own wait is bounded by its deadline (DATABASE_WAIT_SECONDS,
   * decision 0024), so the server passes at least that.
   */
  connectTimeoutMs?: number | undefined;
  /** PostgreSQL: the connections' application_name (pg_stat_activity tells them apart). */
  applicationName?: string | undefined;
  /**
   * PGlite in a worker thread, so a long query never blocks this thread's event loop (the
   * server). Without it PGlite runs in this thread, which is simpler for short-lived commands.
   */
  worker?: boolean;
  /** With `worker`: called once per fault (storage full, out of memory, a crash): log it. */
  onFault?: ((fault: EmbeddedFault) => void) | undefined;
  /** With `worker`: called when the restarted worker serves again. */
  onRecovered?: ((fault: EmbeddedFault) => void) | undefined;
  /** With `worker`: the worker thread's V8 limits (docs/operations/faults.md). */
  resourceLimits?: ResourceLimits | undefined;
  /** With `worker`: delays between reopening attempts after a fault; false: stay down. */
  restart?: { initialDelayMs?: number; maxDelayMs?: number } | false | undefined;
  /** With `worker`: allow `injectFault` (tests). */
  testHooks?: boolean | undefined;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolSize ?? 10,
      // An unreachable host fails a request in 10 s (a 503, docs/operations/health.md) instead of hanging it.
      connectionTimeoutMillis: opts.connectTimeoutMs ?? 10_000,
      ...(opts.applicationName ? { application_name: opts.applicationName } : {}),
    });
    // An idle connection the server closes (restart, failover, a dropped database) emits
    // 'error' on the pool; without a listener Node would crash the process. The pool replaces
    // the connection on the next query, so logging is enough.
    pool.on('error', (err) => {
      console.warn(`PostgreSQL connection lost: ${err.message}`);
    });
    // Readiness and cancels: never queued behind the main pool (docs/decisions/0024).
    const side = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: 2,
      connectionTimeoutMillis: 5_000,
      application_name: `${opts.applicationName ?? 'evergreen'}-probe`,
    });
    side.on('error', () => {
      // As above: the next query replaces a lost connection.
    });
    const guard = guardPool(pool, {
      cancel: (pid) => side.query('select pg_cancel_backend($1)', [pid]),
    });
    const db = drizzlePg({ client: pool, schema }) as unknown as Db;
    return {
      db,
      driver: 'postgres',
      url: opts.databaseUrl,
      probe: drizzlePg({ client: side, schema }) as unknown as Db,
      workStats: guard.stats,
      close: async () => {
        await pool.end();
        await side.end();
      },
    };
  }
  if (opts.worker) {
    const embedded = await startEmbeddedWorker({
      dataDir: opts.dataDir ?? 'memory://',
      loadDataDir: opts.loadDataDir,
      onFault: opts.onFault,
      onRecovered: opts.onRecovered,
      resourceLimits: opts.resourceLimits,
      restart: opts.restart,
      testHooks: opts.testHooks,
    });
    // A running PGlite statement cannot be interrupted (it runs synchronously in the worker's
    // thread); queued ones are dropped (docs/decisions/0024).
    const guard = guardPool(embedded.pool);
    const db = drizzlePg({ client: embedded.pool, schema }) as unknown as Db;
    return {
      db,
      driver: 'pglite',
      embedded: 'worker',
      workStats: guard.stats,
      fault: embedded.fault,
      activity: embedded.activity,
      injectFault: embedded.injectFault,
      close: embedded.close,
    };
  }
  const pglite = await PGlite.create({
    dataDir: opts.dataDir ?? 'memory://',
    loadDataDir: opts.loadDataDir,
    parsers,
  });
  const db = drizzlePglite({ client: pglite, schema }) as unknown as Db;
  return { db, driver: 'pglite', embedded: 'in-process', pglite, close: () => pglite.close() };
}

/**
 * Applies the committed migrations. On PostgreSQL an advisory lock keeps several
 * starting processes from migrating at once.
 */
export async function migrateDatabase(database: Database): Promise<void> {
  if (database.pglite) {
    // biome-ignore lint/suspicious/noExplicitAny: the migrator wants the driver-specific type
    await migratePglite(database.db as any, { migrationsFolder });
    return;
  }
  if (database.driver === 'pglite') {
    // The worker's PGlite through node-postgres: one process, one session, nothing to lock against.
    // biome-ignore lint/suspicious/noExplicitAny: the migrator wants the driver-specific type
    await migratePg(database.db as any, { migrationsFolder });
    return;
  }
  await database.db.execute(sql`select pg_advisory_lock(424242)`);
  try {
    // biome-ignore lint/suspicious/noExplicitAny: the migrator wants the driver-specific type
    await migratePg(database.db as any, { migrationsFolder });
  } finally {
    await database.db.execute(sql`select pg_advisory_unlock(424242)`);
  }
}

interface Journal {
  entries: { idx: number; tag: string }[];
}

/** The newest migration this build knows, e.g. `0000_foundation`. */
export function latestMigration(): { tag: string; count: number } {
  const journal = JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8')) as Journal;
  const last = journal.entries[journal.entries.length - 1];
  return { tag: last?.tag ?? 'none', count: journal.entries.length };
}

/** How many migrations the database has applied. */
export async function appliedMigrationCount(db: Db): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
  );
  return rows[0]?.n ?? 0;
}

/** Raw SQL returning rows, the same on both drivers. */
export async function queryRows<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  const res = (await db.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}
