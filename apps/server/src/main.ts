import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type Clock,
  createSecretBox,
  createSmtpMailer,
  DEMO_LOGIN,
  demoAccountExists,
  failImportsCutShort,
  faultFailureText,
  loadDemo,
  markInterruptedImports,
  nullMailer,
  systemClock,
} from '@evergreen/core';
import {
  appliedMigrationCount,
  type Database,
  type Db,
  type EmbeddedFault,
  migrateDatabase,
  type OpenOptions,
  openDatabase,
} from '@evergreen/db';
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
  embedded: Pick<
    OpenOptions,
    'worker' | 'onFault' | 'onRecovered' | 'resourceLimits' | 'restart' | 'testHooks' | 'applicationName'
  > = {},
): Promise<Database> {
  if (config.databaseUrl)
    return openDatabase({
      databaseUrl: config.databaseUrl,
      applicationName: embedded.applicationName,
      // The pool's own limit never cuts a request's wait (DATABASE_WAIT_SECONDS) short.
      connectTimeoutMs: Math.max(10_000, config.databaseWaitMs),
    });
  mkdirSync(config.dataDir, { recursive: true });
  const { applicationName: _name, ...pglite } = embedded;
  return openDatabase({ dataDir: join(config.dataDir, 'pgdata'), ...pglite });
}

interface FaultLog {
  error: (obj: object, msg: string) => void;
  info: (obj: object, msg: string) => void;
  warn: (obj: object, msg: string) => void;
}
const consoleLog: FaultLog = {
  error: (_o, msg) => console.error(msg),
  info: (_o, msg) => console.log(msg),
  warn: (_o, msg) => console.warn(msg),
};

/**
 * What the server does about the embedded database's faults (docs/operations/faults.md): logs
 * each once, clearly, when it happens and when the database serves again; then marks the imports
 * this process was running as failed with why (their transaction died with the worker, and their
 * own attempt to record it failed while the database was down).
 */
export function embeddedFaultHandlers(db: () => Db, log: { current: FaultLog }) {
  const onFault = (fault: EmbeddedFault) => {
    log.current.error(
      { fault: { kind: fault.kind, at: fault.at.toISOString(), restarting: fault.restarting } },
      `The embedded database stopped: ${fault.message}. ${
        fault.restarting
          ? fault.kind === 'storage_full'
            ? 'Requests answer 503 and readiness says database_storage_full; free disk space and it reopens by itself (tried again with a growing delay up to 30 s)'
            : 'Requests answer 503 until it reopens by itself (tried again with a growing delay up to 30 s)'
          : 'Restart the server'
      }`,
    );
  };
  const onRecovered = (fault: EmbeddedFault) => {
    log.current.info(
      { fault: { kind: fault.kind, at: fault.at.toISOString(), attempts: fault.attempts } },
      `The embedded database serves again after ${fault.kind} (down since ${fault.at.toISOString()})`,
    );
    failImportsCutShort(db(), faultFailureText(fault.kind)).then(
      (n) => {
        if (n) log.current.info({}, `${n} import(s) cut short by the fault were marked failed.`);
      },
      (err: unknown) => log.current.warn({ err }, 'could not mark the imports cut short by the fault'),
    );
  };
  return { onFault, onRecovered };
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
  // Until the app's logger exists, faults go to stderr.
  const log: { current: FaultLog } = { current: consoleLog };
  const { onFault, onRecovered } = embeddedFaultHandlers(() => database.db, log);
  try {
    database = await openConfiguredDatabase(config, {
      worker: true,
      onFault,
      onRecovered,
      resourceLimits: { maxOldGenerationSizeMb: config.dbWorkerMaxHeapMb },
      testHooks: config.testHooks,
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
    databaseFault: database.fault,
    databaseActivity: database.activity,
    databaseWaitMs: config.databaseWaitMs,
    probeDb: database.probe,
    keptAnswersBytes: config.keptAnswersBytes,
  });
  log.current = app.log;
  if (config.testHooks && database.injectFault) {
    // Tests only (EVERGREEN_TEST_HOOKS): SIGUSR2 makes the embedded database hang for good.
    const inject = database.injectFault;
    process.on('SIGUSR2', () => inject('hang'));
  }
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
