import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImportRun } from '@evergreen/contracts';
import {
  type Database,
  databaseFaultKind,
  type EmbeddedFault,
  migrateDatabase,
  type OpenOptions,
  openDatabase,
  queryRows,
} from '@evergreen/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embeddedFaultHandlers } from '../main.ts';
import { ORDERS_HEADER } from '../testing/factories/performance.ts';
import { newWorkspace, type WorkspaceClient } from '../testing/factories/workspace.ts';
import { createTestApp, type TestApp } from '../testing/harness.ts';
import { startServerProcess } from '../testing/server-process.ts';
import { waitFor } from '../testing/wait.ts';

/**
 * The embedded database's faults (docs/operations/faults.md, decision 0018): a full disk (a real
 * small filesystem: a tmpfs mounted for the test), a crashed or out-of-memory worker, and SIGTERM
 * with a database that never answers. Needs root (mount); without it the test fails, it never
 * passes silently.
 */

const dirs: string[] = [];
const mounts: string[] = [];
const tempDir = (tag: string) => {
  const d = mkdtempSync(join(tmpdir(), `evergreen-${tag}-`));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const m of mounts) execFileSync('umount', ['-l', m]);
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}, 60_000);

/** A tmpfs of `sizeMb` MB, unmounted after the tests; throws (fails the test) when it cannot mount. */
function smallFilesystem(sizeMb: number): string {
  const dir = tempDir('tmpfs');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m,mode=0700`, 'tmpfs', dir], {
      stdio: 'pipe',
    });
  } catch (err) {
    throw new Error(
      `The full-disk test mounts a ${sizeMb} MB tmpfs and could not (it needs root or CAP_SYS_ADMIN, as CI has): ${
        (err as { stderr?: Buffer }).stderr?.toString().trim() || (err as Error).message
      }`,
    );
  }
  mounts.push(dir);
  return dir;
}

async function openWorker(dataDir: string, extra: Partial<OpenOptions> = {}) {
  const faults: EmbeddedFault[] = [];
  const recovered: EmbeddedFault[] = [];
  const logged: { level: string; msg: string }[] = [];
  const line = (level: string) => (_o: object, msg: string) => logged.push({ level, msg });
  // The server's own handlers (main.ts): the log lines, and the imports cut short marked failed.
  const handlers = embeddedFaultHandlers(() => database.db, {
    current: { error: line('error'), info: line('info'), warn: line('warn') },
  });
  const database: Database = await openDatabase({
    dataDir,
    worker: true,
    restart: { initialDelayMs: 100, maxDelayMs: 400 },
    onFault: (f) => {
      faults.push({ ...f });
      handlers.onFault(f);
    },
    onRecovered: (f) => {
      recovered.push({ ...f });
      handlers.onRecovered(f);
    },
    ...extra,
  });
  await migrateDatabase(database);
  return { database, faults, recovered, logged };
}

const ready = (t: TestApp) => t.app.inject({ method: 'GET', url: '/api/health/ready' });

describe('a full disk under the embedded database', () => {
  let mnt: string;
  let database: Database;
  let faults: EmbeddedFault[];
  let recovered: EmbeddedFault[];
  let logged: { level: string; msg: string }[];
  let t: TestApp;
  let w: WorkspaceClient;

  beforeAll(async () => {
    // PGlite's files take about 45 MB once migrated (a 16 MB WAL segment among them).
    mnt = smallFilesystem(96);
    ({ database, faults, recovered, logged } = await openWorker(join(mnt, 'pgdata')));
    t = await createTestApp({ database, databaseFault: database.fault });
    const owner = await t.signUp('Disk Full');
    w = await newWorkspace(t, owner, 'Full disk');
  }, 120_000);
  afterAll(() => t?.close());

  it('fails the import with a clear error, answers 503 and not ready, then serves again once space is freed', async () => {
    // Leave about 1 MB free; the import below needs more.
    const free = statfsSync(mnt);
    const filler = join(mnt, 'filler');
    writeFileSync(filler, Buffer.alloc(Number(free.bavail) * free.bsize - 1024 * 1024));

    const rows = Array.from(
      { length: 30_000 },
      (_, i) => `full-${i},customer-${i},2026-03-01T12:00:00Z,${(i % 90) + 10}.50,USD,,,,`,
    );
    const started = (await w.ok(
      'POST',
      '/imports/orders?fileName=orders.csv',
      [ORDERS_HEADER, ...rows].join('\n'),
    )) as ImportRun;
    expect(started.status).toBe('running');

    // The write fails; the worker reports the full disk and is stopped: no hang.
    await waitFor(
      async () => faults.length,
      (n) => n > 0,
      { what: 'the storage fault', timeoutMs: 60_000 },
    );
    expect(faults[0]?.kind).toBe('storage_full');
    expect(faults[0]?.message).toBe(
      `the embedded database's storage is full (ENOSPC) at ${join(mnt, 'pgdata')}`,
    );
    // Logged once per fault, saying where and what to do.
    expect(logged.filter((l) => l.level === 'error').map((l) => l.msg)).toEqual([
      `The embedded database stopped: the embedded database's storage is full (ENOSPC) at ${join(mnt, 'pgdata')}. Requests answer 503 and readiness says database_storage_full; free disk space and it reopens by itself (tried again with a growing delay up to 30 s)`,
    ]);

    // While the disk is full: readiness says why, requests answer 503 at once with a retry hint.
    const notReady = await ready(t);
    expect(notReady.statusCode).toBe(503);
    expect(notReady.headers['retry-after']).toBe('30');
    expect(notReady.json()).toMatchObject({
      status: 'not_ready',
      reason: 'database_storage_full',
      restarting: true,
    });
    const refused = await w.call('GET', '/imports');
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['retry-after']).toBe('30');
    expect(refused.json()).toEqual({
      error: {
        code: 'database_unavailable',
        message: "The database's storage is full, so nothing was saved; try again in 30 seconds",
      },
    });
    const live = await t.app.inject({ method: 'GET', url: '/api/health/live' });
    expect(live.statusCode).toBe(200);

    // Free the space: the worker reopens the data directory by itself.
    rmSync(filler);
    await waitFor(
      async () => (await ready(t)).statusCode,
      (s) => s === 200,
      { what: 'readiness after freeing space', timeoutMs: 60_000 },
    );
    expect(recovered.length).toBeGreaterThan(0);
    expect(recovered.every((f) => f.kind === 'storage_full')).toBe(true);

    // The import ended failed with words, not the database's text; nothing of it was written.
    const run = await waitFor(
      async () => (await w.ok('GET', `/imports/${started.id}`)) as ImportRun,
      (r) => r.status !== 'running',
      { what: 'the run to be marked failed' },
    );
    expect(run.status).toBe('failed');
    expect(run.error).toBe(
      "The database's storage is full: the import stopped and nothing was written. Free disk space, then import the file again",
    );
    const [n] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from orders where workspace_id = ${w.ws}`,
    );
    expect(n?.n).toBe(0);

    // And the database takes writes again.
    const again = await w.call('GET', '/imports');
    expect(again.statusCode).toBe(200);
  }, 180_000);
});

describe('a crashed or out-of-memory worker', () => {
  it('fails what waits, answers 503 with the reason, restarts the worker and keeps what was committed', async () => {
    const { database, faults, recovered } = await openWorker(join(tempDir('crash'), 'pgdata'), {
      testHooks: true,
      resourceLimits: { maxOldGenerationSizeMb: 96 },
    });
    const t = await createTestApp({ database, databaseFault: database.fault });
    try {
      const owner = await t.signUp('Crash');
      const w = await newWorkspace(t, owner, 'Crash');

      for (const [how, kind, answer] of [
        ['exit', 'crashed', 'The database stopped and is restarting; try again in 5 seconds'],
        ['throw', 'crashed', 'The database stopped and is restarting; try again in 5 seconds'],
        ['oom', 'out_of_memory', 'The database ran out of memory and is restarting; try again in 5 seconds'],
      ] as const) {
        const before = faults.length;
        database.injectFault?.(how);
        await waitFor(
          async () => faults.length,
          (n) => n > before,
          { what: `the fault after ${how}`, timeoutMs: 60_000 },
        );
        expect(faults.at(-1)?.kind, how).toBe(kind);
        const res = await w.call('GET', '/imports');
        // Answered at once while it restarts (or, if it is back already, served).
        if (res.statusCode !== 200) {
          expect(res.statusCode).toBe(503);
          expect(res.json().error).toEqual({ code: 'database_unavailable', message: answer });
        }
        await waitFor(
          async () => (await ready(t)).statusCode,
          (s) => s === 200,
          { what: `readiness after ${how}`, timeoutMs: 60_000 },
        );
        // What was committed before the crash is there.
        expect((await w.call('GET', '/imports')).statusCode).toBe(200);
      }
      expect(faults).toHaveLength(3);
      expect(recovered.map((f) => f.kind)).toEqual(['crashed', 'crashed', 'out_of_memory']);
    } finally {
      await t.close();
    }
  }, 180_000);

  it('stays down (not restarting) on an in-memory database, which a restart would empty', async () => {
    const { database, faults } = await openWorker('memory://', { testHooks: true });
    try {
      database.injectFault?.('exit');
      await waitFor(
        async () => faults.length,
        (n) => n > 0,
        { what: 'the fault', timeoutMs: 60_000 },
      );
      expect(database.fault?.()).toMatchObject({ kind: 'crashed', restarting: false });
      const err = await database.db.execute(sql`select 1`).then(
        () => null,
        (e: unknown) => e,
      );
      expect(databaseFaultKind(err)).toBe('crashed');
      expect(String((err as Error & { cause?: Error }).cause?.message)).toBe(
        "the embedded database's worker stopped (exit code 3)",
      );
    } finally {
      await database.close();
    }
  }, 120_000);
});

describe('SIGTERM with a database that never answers', () => {
  it('exits by SHUTDOWN_TIMEOUT_SECONDS', async () => {
    const dataDir = tempDir('sigterm');
    mkdirSync(dataDir, { recursive: true });
    const server = await startServerProcess({
      env: {
        EVERGREEN_DATA_DIR: dataDir,
        DATABASE_URL: '',
        EVERGREEN_DEMO: 'false',
        LOG_LEVEL: 'warn',
        EVERGREEN_TEST_HOOKS: 'true',
        SHUTDOWN_TIMEOUT_SECONDS: '2',
      },
      health: '/api/health/ready',
      timeoutMs: 60_000,
    });
    const { child, url } = server;
    try {
      // The worker spins for good (as PGlite did after a full disk before it was supervised).
      // The signal reaches the worker as a message, which it may take after answering a query or
      // two: ask until a query gets no answer.
      child.kill('SIGUSR2');
      await waitFor(
        () =>
          fetch(`${url}/api/health`, { signal: AbortSignal.timeout(1500) }).then(
            () => 'answered',
            (err: Error) => (/abort|timeout/i.test(`${err.name} ${err.message}`) ? 'hung' : err.message),
          ),
        (v) => v === 'hung',
        { what: 'the database to hang', timeoutMs: 30_000 },
      );
      expect((await fetch(`${url}/api/health/live`)).status).toBe(200);

      const t0 = Date.now();
      child.kill('SIGTERM');
      const { code } = await server.exited;
      const took = Date.now() - t0;
      expect(code).toBe(1);
      // 2 s deadline; the rest is slack for a loaded machine.
      expect(took).toBeGreaterThanOrEqual(1900);
      expect(took).toBeLessThan(8000);
      expect(server.output()).toContain(
        'Stopping took longer than 2 s (SHUTDOWN_TIMEOUT_SECONDS): exiting now',
      );
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 180_000);
});
