import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { ImportRun } from '@evergreen/contracts';
import { INSTANCE_ID, markInterruptedImports, startImport } from '@evergreen/core';
import { importRuns, openDatabase, orders, queryRows, workspaces } from '@evergreen/db';
import { testDriver } from '@evergreen/db/testing';
import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCommand } from '../cli.ts';
import { loadConfig } from '../config.ts';
import { startServer } from '../main.ts';
import { waitForImport } from '../testing/factories/imports.ts';
import { workspaceClient } from '../testing/factories/workspace.ts';
import { createTestApp, type Session, type TestApp } from '../testing/harness.ts';
import { waitFor } from '../testing/wait.ts';

/**
 * Import runs live in import_runs, not in one process's memory: a run started by one server
 * process is seen, with its progress, by another on the same database; runs left 'running' by a
 * process that died are marked interrupted when a server starts.
 */

const HEADER = 'external_id,customer_id,ordered_at,amount,currency';
const postgres = testDriver() === 'postgres';

let t: TestApp;
let owner: Session;
let ws: string;

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.signUp('Ira Imports');
  ws = (await t.createWorkspace(owner, 'Imports')).id;
});
afterAll(() => t.close());

const getRun = async (app: TestApp, id: string) => {
  const res = await app.call(owner, { method: 'GET', url: `/api/v1/workspaces/${ws}/imports/${id}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ImportRun;
};
const listRuns = async (app: TestApp) => {
  const res = await app.call(owner, { method: 'GET', url: `/api/v1/workspaces/${ws}/imports` });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { imports: ImportRun[] }).imports;
};

const orderLines = (from: number, n: number) =>
  Array.from(
    { length: n },
    (_, i) => `mp-${from + i},c-${(from + i) % 97},2026-05-01T10:00:00Z,1.00,USD\n`,
  ).join('');

/** A row as another process would have left it. */
const leftRunning = (heartbeatAgo: string, owner: string, processedRows: number) =>
  t.database.db
    .insert(importRuns)
    .values({
      workspaceId: ws,
      kind: 'orders',
      fileName: `left-${processedRows}.csv`,
      status: 'running',
      phase: 'writing',
      processedRows,
      totalRows: 5000,
      ownerInstance: owner,
      heartbeatAt: sql`now() - ${heartbeatAgo}::interval`,
    })
    .returning({ id: importRuns.id })
    .then((r) => r[0]!.id);

describe('import runs in the database', () => {
  it.runIf(postgres)(
    'a run started in one server process is visible, with its progress, from another',
    async () => {
      // A second app with its own connection pool on the same database: another server process.
      const other = await createTestApp({ database: await openDatabase({ databaseUrl: t.database.url! }) });
      try {
        let release = () => {};
        const gate = new Promise<void>((r) => {
          release = r;
        });
        // 30,000 orders, then the file stalls (a slow upload) until released, then 5 more.
        async function* file() {
          yield `${HEADER}\n`;
          for (let i = 0; i < 30; i++) yield orderLines(i * 1000, 1000);
          await gate;
          yield orderLines(30_000, 5);
        }
        const { run, finished } = await startImport(
          {
            db: t.database.db,
            clock: t.deps.clock,
            actor: { workspaceId: ws, role: 'owner', userId: owner.me.user.id, tokenId: null },
          },
          'orders',
          file(),
          { mode: 'all_or_nothing', fileName: 'stalled.csv' },
        );
        expect(run.status).toBe('running');
        // The orders import reports every 25,000 rows read: the other process sees that much.
        // Polled (bounded): the other process's writes are not ours to await.
        const seen = await waitFor(
          () => getRun(other, run.id),
          (r) => r.progress.processedRows > 0,
        );
        expect(seen).toMatchObject({
          status: 'running',
          fileName: 'stalled.csv',
          progress: { phase: 'reading', processedRows: 25_000, totalRows: 0 },
          result: null,
        });
        const listed = await listRuns(other);
        expect(listed[0]).toMatchObject({ id: run.id, status: 'running' });
        release();
        const done = await finished;
        expect(done.status).toBe('done');
        const after = await getRun(other, run.id);
        expect(after).toMatchObject({
          status: 'done',
          progress: { phase: 'done', processedRows: 30_005, totalRows: 30_005 },
          result: { created: 30_005, updated: 0, wrote: true, totalRows: 30_005 },
        });
      } finally {
        await other.close();
      }
    },
    60_000,
  );

  it('marks runs whose process is gone interrupted, and leaves live ones alone', async () => {
    const stale = await leftRunning('10 minutes', 'a-dead-process', 1200);
    const alive = await leftRunning('2 seconds', 'a-live-process', 300);
    const mine = await leftRunning('10 minutes', INSTANCE_ID, 10);
    // PostgreSQL: only a heartbeat older than a minute means the process is gone.
    expect(await markInterruptedImports(t.database.db)).toBe(1);
    const runs = new Map((await listRuns(t)).map((r) => [r.id, r]));
    expect(runs.get(stale)).toMatchObject({
      status: 'interrupted',
      result: null,
      // How far it had got when its process stopped.
      progress: { phase: 'writing', processedRows: 1200, totalRows: 5000 },
    });
    expect(runs.get(stale)!.finishedAt).not.toBeNull();
    expect(runs.get(alive)).toMatchObject({ status: 'running', progress: { processedRows: 300 } });
    expect(runs.get(mine)!.status).toBe('running');
    // A second sweep (another process starting at the same time) changes nothing more.
    expect(await markInterruptedImports(t.database.db)).toBe(0);
    // PGlite: the starting process holds the data directory, so every other process's run is gone.
    expect(await markInterruptedImports(t.database.db, { allOthers: true })).toBe(1);
    expect((await getRun(t, alive)).status).toBe('interrupted');
    // This process's own run is never taken for dead.
    expect((await getRun(t, mine)).status).toBe('running');
    await t.database.db.delete(importRuns).where(eq(importRuns.id, mine));
  });

  it.runIf(postgres)('a starting server marks the runs of a dead process interrupted', async () => {
    const stale = await leftRunning('5 minutes', 'crashed-server', 4000);
    const alive = await leftRunning('1 second', 'running-server', 40);
    const dataDir = mkdtempSync(join(tmpdir(), 'evergreen-start-'));
    const server = await startServer({
      ...loadConfig({
        DATABASE_URL: t.database.url,
        HOST: '127.0.0.1',
        EVERGREEN_DATA_DIR: dataDir,
        EVERGREEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
        LOG_LEVEL: 'silent',
      }),
      // Any free port.
      port: 0,
    });
    try {
      expect((await getRun(t, stale)).status).toBe('interrupted');
      expect((await getRun(t, alive)).status).toBe('running');
    } finally {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
      await t.database.db.delete(importRuns).where(eq(importRuns.id, alive));
    }
  });
});

/** orders' indexes by name: a dropped and rebuilt index has a new oid. */
const orderIndexes = async () =>
  new Map(
    (
      await queryRows<{ name: string; oid: number }>(
        t.database.db,
        sql`select c.relname as name, c.oid::int as oid from pg_index i join pg_class c on c.oid = i.indexrelid
          where i.indrelid = 'orders'::regclass`,
      )
    ).map((r) => [r.name, r.oid]),
  );
const ordersOf = async (workspaceId: string) =>
  (await t.database.db.select({ n: count() }).from(orders).where(eq(orders.workspaceId, workspaceId)))[0]!.n;

describe("orders' indexes are rebuilt only by the CLI's explicit flag", () => {
  it('a large first import through the server never drops them', async () => {
    // 100,001 orders into a workspace without any: before, a request this large (>= 100,000
    // orders, more than the table held) dropped and rebuilt orders' indexes, locking the table
    // for every workspace until it committed.
    const big = (await t.createWorkspace(owner, 'Big first load')).id;
    const before = await orderIndexes();
    const file = `${HEADER}\n${orderLines(0, 100_001)}`;
    const res = await t.call(owner, {
      method: 'POST',
      url: `/api/v1/workspaces/${big}/imports/orders?fileName=history.csv`,
      payload: file,
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const id = (res.json() as ImportRun).id;
    const done = await waitForImport(workspaceClient(t, owner, big), { id }, 120_000);
    expect(done).toMatchObject({ status: 'done', result: { created: 100_001, wrote: true } });
    expect(await ordersOf(big)).toBe(100_001);
    // The very same indexes (same oids): none was dropped.
    expect(await orderIndexes()).toEqual(before);
  }, 180_000);

  const cliFile = () => {
    const dir = mkdtempSync(join(tmpdir(), 'evergreen-cli-'));
    const path = join(dir, 'history.csv');
    writeFileSync(path, `${HEADER}\n${orderLines(500_000, 3)}`);
    return path;
  };
  const slugOf = async (id: string) =>
    (await t.database.db.select({ slug: workspaces.slug }).from(workspaces).where(eq(workspaces.id, id)))[0]!
      .slug;

  it.runIf(postgres)(
    '--bulk-rebuild-indexes refuses while other sessions are connected, and writes nothing',
    async () => {
      const target = (await t.createWorkspace(owner, 'CLI busy')).id;
      // The CLI's own pool, named as the CLI names it; the test app's pool is "another server".
      const cli = await openDatabase({ databaseUrl: t.database.url!, applicationName: 'evergreen-cli-test' });
      try {
        await t.database.db.execute(sql`select 1`);
        const before = await orderIndexes();
        const err: string[] = [];
        await expect(
          importCommand(
            cli,
            ['orders', cliFile(), '--workspace', await slugOf(target), '--bulk-rebuild-indexes'],
            {
              out: () => {},
              err: (s) => err.push(s),
            },
          ),
        ).rejects.toThrow(/needs an idle installation, but other sessions are connected/);
        expect(await ordersOf(target)).toBe(0);
        expect(await orderIndexes()).toEqual(before);
      } finally {
        await cli.close();
      }
    },
  );

  it.runIf(!postgres)('--bulk-rebuild-indexes on the embedded database rebuilds them', async () => {
    // PGlite: the command refuses a data directory a server holds, so nobody else can be waiting.
    const target = (await t.createWorkspace(owner, 'CLI idle')).id;
    // Fewer orders in the table than the file brings, as a first load of history.
    await t.database.db.execute(sql`analyze orders`);
    await t.database.db.execute(sql`delete from orders`);
    await t.database.db.execute(sql`analyze orders`);
    const before = await orderIndexes();
    const err: string[] = [];
    const out: string[] = [];
    const code = await importCommand(
      t.database,
      ['orders', cliFile(), '--workspace', await slugOf(target), '--bulk-rebuild-indexes'],
      { out: (s) => out.push(s), err: (s) => err.push(s) },
    );
    expect(code).toBe(0);
    expect(out[0]).toContain('3 rows, 3 created');
    expect(err).toContain("orders' secondary indexes were dropped for the insert and rebuilt after it");
    expect(await ordersOf(target)).toBe(3);
    const after = await orderIndexes();
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [name, oid] of before)
      if (name === 'orders_pkey') expect(after.get(name), name).toBe(oid);
      else expect(after.get(name), name).not.toBe(oid);
  });

  it('--bulk-rebuild-indexes is for orders only', async () => {
    await expect(
      importCommand(t.database, ['posts', cliFile(), '--workspace', 'x', '--bulk-rebuild-indexes'], {
        out: () => {},
        err: () => {},
      }),
    ).rejects.toThrow('--bulk-rebuild-indexes is for orders only');
  });
});

/** A browser's multipart/form-data body (RFC 7578): the fields, then the file part. */
function form(fields: Record<string, string>, file: string, filename = 'orders.csv') {
  const boundary = `----EvergreenForm${randomBytes(8).toString('hex')}`;
  let head = '';
  for (const [k, v] of Object.entries(fields))
    head += `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`;
  head += `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n`;
  const body = Buffer.from(`${head}${file}\r\n--${boundary}--\r\n`);
  // Sent in 16 KB pieces, as a network delivers it.
  const pieces: Buffer[] = [];
  for (let i = 0; i < body.length; i += 16_384) pieces.push(body.subarray(i, i + 16_384));
  return {
    payload: Readable.from(pieces),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

describe('multipart uploads', () => {
  it('streams a multipart file into the import, with the form fields before it', async () => {
    const target = (await t.createWorkspace(owner, 'Multipart')).id;
    // 2,000 good orders and one bad amount (row 1,002: the header is row 1).
    const rows = orderLines(700_000, 2000).split('\n');
    rows[1000] = 'mp-bad,c-1,2026-05-01T10:00:00Z,12.345,USD';
    const res = await t.call(owner, {
      method: 'POST',
      url: `/api/v1/workspaces/${target}/imports/orders`,
      ...form({ mode: 'valid_rows', fileName: 'shop-export.csv' }, `${HEADER}\n${rows.join('\n')}`),
    });
    expect(res.statusCode, res.body).toBe(200);
    const id = (res.json() as ImportRun).id;
    const done = await waitForImport(workspaceClient(t, owner, target), { id });
    expect(done).toMatchObject({
      status: 'done',
      fileName: 'shop-export.csv',
      result: { mode: 'valid_rows', totalRows: 2000, created: 1999, skipped: 1, errorCount: 1 },
    });
    expect(done.result!.rowErrors[0]).toMatchObject({ row: 1002, column: 'amount' });
    expect(await ordersOf(target)).toBe(1999);
  });

  it('answers 400 naming the field for a bad mode or a form without a file', async () => {
    const url = `/api/v1/workspaces/${ws}/imports/orders`;
    const bad = await t.call(owner, { method: 'POST', url, ...form({ mode: 'some' }, `${HEADER}\n`) });
    expect(bad.statusCode, bad.body).toBe(400);
    expect(bad.json().error.fields[0]).toMatchObject({ field: 'mode' });
    const boundary = 'xyz';
    const none = await t.call(owner, {
      method: 'POST',
      url,
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="mode"\r\n\r\nvalid_rows\r\n--${boundary}--\r\n`,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(none.statusCode, none.body).toBe(400);
    expect(none.json().error.fields[0]).toMatchObject({ field: 'file' });
  });

  it('answers 413 for a file over the limit, and writes nothing', async () => {
    // The same server with a 4 KB limit instead of 200 MB.
    const small = await createTestApp({ importMaxBytes: 4096 });
    try {
      const me = await small.signUp('Lena Limit');
      const target = (await small.createWorkspace(me, 'Limit')).id;
      // 100 valid orders: 4,900 bytes, over 4,096.
      const file = `${HEADER}\n${orderLines(800_000, 100)}`;
      expect(Buffer.byteLength(file)).toBeGreaterThan(4096);
      const url = `/api/v1/workspaces/${target}/imports/orders`;
      const res = await small.call(me, { method: 'POST', url, ...form({}, file) });
      expect(res.statusCode, res.body).toBe(413);
      expect(res.json().error.message).toContain('larger than 4096 bytes');
      // The text/csv way has the same limit.
      const text = await small.call(me, {
        method: 'POST',
        url,
        payload: file,
        headers: { 'content-type': 'text/csv' },
      });
      expect(text.statusCode, text.body).toBe(413);
      const n = await small.database.db
        .select({ n: count() })
        .from(orders)
        .where(eq(orders.workspaceId, target));
      expect(n[0]!.n).toBe(0);
      // The run says what happened.
      const runs = (
        (await small.call(me, { method: 'GET', url: `/api/v1/workspaces/${target}/imports` })).json() as {
          imports: ImportRun[];
        }
      ).imports;
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({ status: 'failed', result: null });
      expect(runs[0]!.error).toContain('larger than 4096 bytes');
      // Under the limit the same server imports it.
      const ok = await small.call(me, {
        method: 'POST',
        url,
        ...form({}, `${HEADER}\n${orderLines(800_000, 10)}`),
      });
      expect(ok.statusCode, ok.body).toBe(200);
    } finally {
      await small.close();
    }
  });
});
