import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type Clock,
  createSecretBox,
  createSmtpMailer,
  DEMO_LOGIN,
  demoAccountExists,
  loadDemo,
  markInterruptedImports,
  nullMailer,
  systemClock,
} from '@evergreen/core';
import { appliedMigrationCount, type Database, migrateDatabase, openDatabase } from '@evergreen/db';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { acquireDataDirLock, openEncryptionKey } from './data-dir.ts';
import { startScheduler } from './jobs/scheduler.ts';

export const webDist = fileURLToPath(new URL('../../web/dist', import.meta.url));

/**
 * Opens the configured database: PostgreSQL when DATABASE_URL is set, else PGlite under the data
 * dir. The server runs PGlite in a worker thread (`worker`), so a long query never blocks its event
 * loop; the short-lived CLI commands keep it in their own thread.
 */
export async function openConfiguredDatabase(
  config: Config,
  embedded: { worker?: boolean; onWorkerExit?: (err: Error) => void; applicationName?: string } = {},
): Promise<Database> {
  if (config.databaseUrl)
    return openDatabase({ databaseUrl: config.databaseUrl, applicationName: embedded.applicationName });
  mkdirSync(config.dataDir, { recursive: true });
  const { applicationName: _name, ...pglite } = embedded;
  return openDatabase({ dataDir: join(config.dataDir, 'pgdata'), ...pglite });
}

/**
 * Hooks for tests that start real server processes, honoured only when NODE_ENV is `test`:
 * EVERGREEN_TEST_NOW (an ISO time the clock starts from, then runs on) and
 * EVERGREEN_TEST_SCHEDULER_MS (the scheduler's tick instead of 5 s) and EVERGREEN_TEST_RETRY_MS
 * (the outbox's wait before a retry instead of 1, 4, 16, 64 minutes).
 */
export function testHooks(env: Record<string, string | undefined>): {
  clock?: Clock;
  schedulerMs?: number;
  retryDelay?: (attempts: number) => number;
} {
  if (env.NODE_ENV !== 'test') return {};
  const hooks: { clock?: Clock; schedulerMs?: number; retryDelay?: (attempts: number) => number } = {};
  if (env.EVERGREEN_TEST_NOW) {
    const offset = Date.parse(env.EVERGREEN_TEST_NOW) - Date.now();
    if (Number.isNaN(offset)) throw new Error('EVERGREEN_TEST_NOW must be an ISO time');
    hooks.clock = { now: () => new Date(Date.now() + offset) };
  }
  const ms = Number(env.EVERGREEN_TEST_SCHEDULER_MS);
  if (ms > 0) hooks.schedulerMs = ms;
  const retry = Number(env.EVERGREEN_TEST_RETRY_MS);
  if (retry > 0) hooks.retryDelay = () => retry;
  return hooks;
}

export async function startServer(config: Config) {
  const started = Date.now();
  const releaseLock = config.databaseUrl ? () => {} : acquireDataDirLock(config.dataDir);
  let database: Database;
  try {
    database = await openConfiguredDatabase(config, {
      worker: true,
      // Without its database the server cannot answer anything: exit, so a supervisor restarts it.
      onWorkerExit: (err) => {
        console.error(`The embedded database stopped: ${err.message}`);
        releaseLock();
        process.exit(1);
      },
    });
  } catch (err) {
    releaseLock();
    throw err;
  }
  await migrateDatabase(database);
  // Imports left running by a process that is gone: their transaction went with it. On PGlite
  // this process holds the data directory, so every run of another process is gone; on
  // PostgreSQL other servers may be running theirs, so only runs whose heartbeat stopped.
  const interrupted = await markInterruptedImports(database.db, { allOthers: database.driver === 'pglite' });
  if (interrupted) console.log(`${interrupted} import(s) interrupted by a stop were marked so.`);
  const hooks = testHooks(process.env);
  const clock = hooks.clock ?? systemClock;
  const ctx = { db: database.db, clock };
  let box: ReturnType<typeof createSecretBox>;
  try {
    box = createSecretBox(
      await openEncryptionKey(config.encryptionKey, config.dataDir, database.db, console.log),
    );
  } catch (err) {
    await database.close();
    releaseLock();
    throw err;
  }
  if (config.demo && !(await demoAccountExists(ctx))) {
    await loadDemo(ctx, { box });
    console.log(`Demo workspace created. Sign in with ${DEMO_LOGIN.email} / ${DEMO_LOGIN.password}`);
  }
  // Reports may read from a replica; nothing is migrated or written there.
  const reports = config.reportsDatabaseUrl
    ? await openDatabase({ databaseUrl: config.reportsDatabaseUrl, applicationName: 'evergreen-reports' })
    : undefined;
  const mailer = config.smtpUrl ? createSmtpMailer(config.smtpUrl, config.mailFrom) : nullMailer;
  let kick = () => {};
  const app = await buildApp({
    db: database.db,
    reportsDb: reports?.db,
    driver: database.driver,
    clock,
    mailer,
    box,
    publicUrl: config.publicUrl,
    openSignup: config.openSignup,
    secureCookies: config.secureCookies,
    loginRateLimit: config.loginRateLimit,
    trustProxy: config.trustProxy,
    demoLogin: config.demo ? DEMO_LOGIN : null,
    webDist,
    kickOutbox: () => kick(),
    loggerLevel: config.logLevel,
  });
  const scheduler = startScheduler(
    {
      db: database.db,
      clock,
      mailer,
      log: app.log,
      embedded: database.driver === 'pglite',
      publicUrl: config.publicUrl,
      ...(hooks.retryDelay ? { retryDelay: hooks.retryDelay } : {}),
    },
    hooks.schedulerMs,
  );
  kick = scheduler.kick;
  await app.listen({ port: config.port, host: config.host });
  const where = config.databaseUrl ? 'PostgreSQL' : `PGlite in ${config.dataDir} (worker thread)`;
  console.log(
    `Evergreen is running at ${config.publicUrl} on ${where} (schema: ${await appliedMigrationCount(database.db)} migrations) in ${Date.now() - started} ms`,
  );
  if (!mailer.configured)
    console.log('SMTP_URL is not set: emails wait in each workspace outbox (Settings → Team).');

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await app.close();
    await scheduler.stop();
    mailer.close();
    await reports?.close();
    await database.close();
    releaseLock();
  };
  return { app, database, stop };
}
