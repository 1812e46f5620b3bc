import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pgErrorCode } from '@evergreen/core';
import { type Database, openDatabase, queryRows, users } from '@evergreen/db';
import { testDriver } from '@evergreen/db/testing';
import { like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/harness.ts';

/**
 * The embedded database as the server runs it: PGlite in a worker thread, reached through
 * node-postgres over a unix socket (docs/decisions/0005). No timings here: only the order of events.
 */

class Rollback extends Error {}

describe.skipIf(testDriver() !== 'pglite')('embedded database in a worker thread', () => {
  let t: TestApp;
  let db: Database['db'];

  beforeAll(async () => {
    t = await createTestApp({ worker: true });
    db = t.database.db;
  });
  afterAll(() => t?.close());

  it('runs on PGlite through node-postgres, answering int8 as numbers and dates as YYYY-MM-DD', async () => {
    expect(t.database).toMatchObject({ driver: 'pglite', embedded: 'worker' });
    expect(t.database.pglite).toBeUndefined();
    const [row] = await queryRows<Record<string, unknown>>(
      db,
      sql`select count(*) as n, 2::int8 * 3 as product, sum(g)::int8 as total, '2026-02-03'::date as day,
        row_number() over () as rn, version() as version
        from generate_series(1, 4) g group by ()`,
    );
    expect(row).toMatchObject({ n: 4, product: 6, total: 10, day: '2026-02-03', rn: 1 });
    expect(row!.version).toMatch(/PostgreSQL/);

    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    const health = res.json();
    expect(health.driver).toBe('pglite');
    expect(typeof health.migrationsApplied).toBe('number');
    expect(health.migrationsApplied).toBeGreaterThan(0);
  });

  it('rolls a transaction back, also after a failed statement, and stays usable', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.insert(users).values({ email: 'rolled-back@example.test', name: 'Gone' });
        throw new Rollback('no');
      }),
    ).rejects.toThrow(Rollback);
    await db.insert(users).values({ email: 'taken@example.test', name: 'Taken' });
    const failed = await db
      .transaction(async (tx) => {
        await tx.insert(users).values({ email: 'also-gone@example.test', name: 'Gone' });
        await tx.insert(users).values({ email: 'taken@example.test', name: 'Twice' });
      })
      .catch((e: unknown) => e);
    expect(pgErrorCode(failed)).toBe('23505');
    const emails = (await db.select({ email: users.email }).from(users)).map((u) => u.email);
    expect(emails).toContain('taken@example.test');
    expect(emails).not.toContain('rolled-back@example.test');
    expect(emails).not.toContain('also-gone@example.test');
  });

  it('keeps the event loop free while a long statement runs in the worker', async () => {
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const events: string[] = [];
    // Seconds of work inside PGlite (far longer than a local HTTP round trip).
    const long = queryRows<{ n: number }>(
      db,
      sql`select count(*) as n from generate_series(1, 3000000) g where g % 7 = 3`,
    ).then((rows) => {
      events.push('long statement finished');
      return rows;
    });
    await new Promise((resolve) => setImmediate(resolve));
    events.push('setImmediate');
    await new Promise((resolve) => setTimeout(resolve, 1));
    events.push('timer');
    // A route that needs no database: the request goes through this process's HTTP stack.
    const res = await fetch(`${base}/api/v1/no-such-route`);
    events.push(`HTTP ${res.status}`);
    const rows = await long;
    expect(rows[0]!.n).toBe(428_572);
    expect(events).toEqual(['setImmediate', 'timer', 'HTTP 404', 'long statement finished']);
  });

  it('runs concurrent transactions one after the other: neither sees nor aborts the other', async () => {
    const order: string[] = [];
    const seen: Record<string, string[]> = {};
    const mine = (tx: typeof db) =>
      tx
        .select({ email: users.email })
        .from(users)
        .where(like(users.email, 'iso-%'))
        .then((rows) => rows.map((r) => r.email).sort());
    const first = db.transaction(async (tx) => {
      order.push('first begins');
      await tx.insert(users).values({ email: 'iso-first@example.test', name: 'First' });
      // Give the other transaction every chance to run statements in between.
      for (let i = 0; i < 5; i++) await tx.execute(sql`select pg_catalog.txid_current()`);
      seen.first = await mine(tx);
      order.push('first rolls back');
      throw new Rollback('first');
    });
    // Queued behind the first transaction: reads what is committed when it gets its turn.
    const outside = mine(db).then((rows) => {
      seen.outside = rows;
      order.push('outside reads');
    });
    const second = db.transaction(async (tx) => {
      order.push('second begins');
      await tx.insert(users).values({ email: 'iso-second@example.test', name: 'Second' });
      seen.second = await mine(tx);
      order.push('second commits');
    });
    const [a, b] = await Promise.allSettled([first, second, outside]);
    expect(a.status).toBe('rejected');
    expect((a as PromiseRejectedResult).reason).toBeInstanceOf(Rollback);
    expect(b.status).toBe('fulfilled');
    expect(order).toEqual([
      'first begins',
      'first rolls back',
      'outside reads',
      'second begins',
      'second commits',
    ]);
    expect(seen).toEqual({
      first: ['iso-first@example.test'],
      second: ['iso-second@example.test'],
      outside: [],
    });
    expect(await mine(db)).toEqual(['iso-second@example.test']);
  });

  it('answers every one of many concurrent statements with its own result', async () => {
    // Each is Parse/Bind/Execute/Sync of an unnamed statement: if two connections' messages
    // interleaved in PGlite's one session, one would bind to the other's statement.
    const values = Array.from({ length: 60 }, (_, i) => i);
    const answers = await Promise.all(
      values.map(async (i) => {
        // A different statement text each (a literal), and parameters of its own.
        const rows = await queryRows<{ k: number; v: number; label: string }>(
          db,
          sql`select ${sql.raw(String(i))} as k, ${i}::int as v, ${`label ${i}`}::text as label`,
        );
        return rows[0];
      }),
    );
    expect(answers).toEqual(values.map((i) => ({ k: i, v: i, label: `label ${i}` })));
  });
});

describe.skipIf(testDriver() !== 'pglite')('closing the worker-backed database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'evergreen-worker-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('closes PGlite in the worker with every commit on disk, and reopens the same data directory', async () => {
    const dataDir = join(dir, 'pgdata');
    const template = new Blob([readFileSync(inject('pgliteTemplate'))]);
    const first = await openDatabase({ dataDir, loadDataDir: template, worker: true });
    await first.db.insert(users).values({ email: 'durable@example.test', name: 'Durable' });
    await first.close();
    await first.close(); // twice is harmless (SIGINT then SIGTERM)

    const again = await openDatabase({ dataDir, worker: true });
    try {
      const rows = await again.db.select({ email: users.email }).from(users);
      expect(rows).toEqual([{ email: 'durable@example.test' }]);
    } finally {
      await again.close();
    }
  });
});
