import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startImport } from '@evergreen/core';
import { queryRows, runInWorkScope } from '@evergreen/db';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../testing/harness.ts';
import { waitFor } from '../testing/wait.ts';

/**
 * Abandoned requests and the connection deadline (docs/decisions/0024), on a real listening
 * server with real sockets, on both engines (PGlite in its worker thread, as the server runs it):
 * - requests queued for a connection whose clients close their sockets never run a statement
 *   (the workspaces they would have created are absent; the guard counted them dropped), and a
 *   fresh request is answered as soon as the connection is free, running only its own statements;
 * - a request that cannot get a connection within the deadline answers 503 with Retry-After and
 *   the usual error body, naming nothing of the database;
 * - PostgreSQL: the running statement of a closed request is cancelled (pg_stat_activity).
 */

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request on a socket of its own; `close()` closes that socket before the answer. */
function send(port: number, s: Session | null, method: string, path: string, body?: unknown) {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const req = http.request({
    host: '127.0.0.1',
    port,
    method,
    path,
    agent: false,
    headers: {
      ...(s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {}),
      ...(payload
        ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
        : {}),
    },
  });
  const answer = new Promise<Answer>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        text += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
  });
  req.end(payload);
  return {
    answer,
    close() {
      req.destroy();
      answer.catch(() => {});
    },
  };
}

/** Log lines the app writes (JSON, one per line). */
function capture() {
  const lines: string[] = [];
  return { lines, stream: { write: (line: string) => void lines.push(line) } };
}

const ABANDONED_LINE = 'client closed the request before the answer: its database work was stopped';

describe('abandoned requests and the connection deadline', () => {
  let t: TestApp;
  let fast: TestApp;
  let owner: Session;
  let port: number;
  let fastPort: number;
  let workspaceId: string;
  const log = capture();
  const stats = () => t.database.workStats!();

  /**
   * Takes every connection of the app's pool (PGlite: its one; PostgreSQL: the test pool's 4)
   * in transactions of the test's own, until `release()`: everything else queues behind them.
   */
  async function holdEveryConnection() {
    const size = t.database.driver === 'pglite' ? 1 : 4;
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    let holding = 0;
    const held = Array.from({ length: size }, () =>
      t.database.db.transaction(async (tx) => {
        await tx.execute(sql`select 1`);
        holding++;
        await gate;
      }),
    );
    await waitFor(
      async () => holding,
      (n) => n === size,
      { what: 'the test holding every connection' },
    );
    return {
      size,
      async release() {
        release();
        await Promise.all(held);
      },
    };
  }

  beforeAll(async () => {
    t = await createTestApp({
      worker: true,
      loggerLevel: 'info',
      logStream: log.stream,
      databaseWaitMs: 60_000,
      readyTimeoutMs: 3000,
    });
    // The same database behind a second app with a short deadline.
    fast = await createTestApp({ database: t.database, databaseWaitMs: 300 });
    owner = await t.signUp('Olga Owner');
    workspaceId = (await t.createWorkspace(owner, 'Kept Name')).id;
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    await fast.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as AddressInfo).port;
    fastPort = (fast.app.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await fast.app.close();
    await t.close();
  });

  it('drops the queued queries of closed requests: their writes never happen, a fresh request runs at once', async () => {
    // What a fresh "list my workspaces" costs alone, in statements.
    const before = stats().started;
    expect((await send(port, owner, 'GET', '/api/v1/workspaces').answer).status).toBe(200);
    const ownCost = stats().started - before;
    expect(ownCost).toBeGreaterThan(0);

    const hold = await holdEveryConnection();
    const base = stats();
    const names = ['Abandoned A', 'Abandoned B', 'Abandoned C', 'Abandoned D', 'Abandoned E'];
    const queued = names.map((name) =>
      send(port, owner, 'POST', '/api/v1/workspaces', { name, markets: ['US'] }),
    );
    // Each waits for a connection at its first statement (the session lookup).
    await waitFor(
      async () => stats().waiting,
      (n) => n === names.length,
      { what: 'five requests waiting for a connection' },
    );
    for (const q of queued) q.close();
    await waitFor(
      async () => stats(),
      (s) => s.waiting === 0 && s.dropped === base.dropped + names.length,
      { what: 'the five closed requests dropped from the queue' },
    );
    // Nothing of theirs ran while the connections were held.
    expect(stats().started).toBe(base.started);

    const beforeRelease = stats().started;
    await hold.release();
    const fresh = await send(port, owner, 'GET', '/api/v1/workspaces').answer;
    expect(fresh.status).toBe(200);
    expect(JSON.parse(fresh.body).map((w: { name: string }) => w.name)).toEqual(['Kept Name']);
    // After the holders' commits, only the fresh request's own statements ran: none of the five.
    expect(stats().started - beforeRelease).toBe(hold.size + ownCost);

    const rows = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from workspaces where name like 'Abandoned%'`,
    );
    expect(rows[0]?.n).toBe(0);
    // One line each, naming the route, never the values sent.
    const lines = log.lines.filter((l) => l.includes(ABANDONED_LINE));
    expect(lines).toHaveLength(names.length);
    for (const l of lines) {
      expect(JSON.parse(l).abandoned).toEqual({ method: 'POST', route: '/api/v1/workspaces' });
      expect(l).not.toContain('Abandoned');
    }
  });

  it('serves the oldest request first: a request that has started finishes before newer ones run', async () => {
    if (t.database.driver !== 'pglite') return; // One connection makes the order exact; PostgreSQL's pool runs several at once.
    const before = stats().started;
    expect((await send(port, owner, 'GET', '/api/v1/workspaces').answer).status).toBe(200);
    const n = stats().started - before; // the request's own statements
    expect(n).toBeGreaterThan(1);

    const hold = await holdEveryConnection();
    const first = send(port, owner, 'GET', '/api/v1/workspaces');
    await waitFor(
      async () => stats().waiting,
      (w) => w === 1,
      { what: 'the first request waiting' },
    );
    const later = Array.from({ length: 32 }, () => send(port, owner, 'GET', '/api/v1/workspaces'));
    await waitFor(
      async () => stats().waiting,
      (w) => w === 33,
      { what: 'thirty-two more behind it' },
    );
    const start = stats().started;
    let atFirstAnswer = 0;
    const answered = first.answer.then((a) => {
      atFirstAnswer = stats().started - start;
      return a;
    });
    await hold.release();
    expect((await answered).status).toBe(200);
    // Oldest first: the holder's commit, then the first request's n statements one after another
    // (a later one may slip in between, handed the connection while the first one's next
    // statement was on its way, and a few run while its answer travels). Statement by statement
    // in arrival order, all thirty-two would run their first statement before its second: at least
    // 1 + n + 32; sorted by age it is a handful.
    expect(atFirstAnswer, `n = ${n}`).toBeGreaterThanOrEqual(1 + n);
    expect(atFirstAnswer, `n = ${n}`).toBeLessThan(1 + n + 8);
    for (const l of later) expect((await l.answer).status).toBe(200);
  });

  it('refuses a request that gets no connection within the deadline: 503, Retry-After, the usual body', async () => {
    const hold = await holdEveryConnection();
    const refusedBefore = stats().refused;
    let answer: Answer;
    try {
      answer = await send(fastPort, owner, 'GET', '/api/v1/workspaces').answer;
    } finally {
      await hold.release();
    }
    expect(answer.status).toBe(503);
    expect(answer.headers['retry-after']).toBe('5');
    expect(JSON.parse(answer.body)).toEqual({
      error: { code: 'database_unavailable', message: 'The server is busy; try again in 5 seconds' },
    });
    expect(stats().refused).toBe(refusedBefore + 1);
    expect(answer.body).not.toMatch(/postgres|127\.0\.0\.1|evergreen_t_|pglite|\.s\.PGSQL/i);
    // Free again: answered.
    expect((await send(fastPort, owner, 'GET', '/api/v1/workspaces').answer).status).toBe(200);
  });

  it("an import a request started goes on when its client leaves: it is the server's work, not the request's", async () => {
    const client = new AbortController();
    const scope = {
      signal: client.signal,
      waitMs: 60_000,
      startedAt: performance.now(),
      answered: () => false,
    };
    const csv = `external_id,customer_id,ordered_at,amount,currency
left-1,c-1,2026-05-01T10:00:00Z,1.00,USD
left-2,c-2,2026-05-01T11:00:00Z,2.50,USD
left-3,c-1,2026-05-02T10:00:00Z,4.00,USD
`;
    const { run, finished } = await runInWorkScope(scope, () =>
      startImport(
        {
          db: t.database.db,
          clock: t.deps.clock,
          actor: { workspaceId, role: 'owner', userId: owner.me.user.id, tokenId: null },
        },
        'orders',
        csv,
        { mode: 'all_or_nothing', fileName: 'left.csv' },
      ),
    );
    expect(run.status).toBe('running');
    // The client leaves before the answer, as the import starts in the background.
    client.abort();
    const done = await finished;
    expect(done.status).toBe('done');
    const rows = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from orders where workspace_id = ${workspaceId} and external_id like 'left-%'`,
    );
    expect(rows[0]?.n).toBe(3);
  });

  it('PostgreSQL: readiness answers on a connection of its own while every connection of the pool is taken', async () => {
    if (t.database.driver !== 'postgres') return; // PGlite: readiness reads its activity (health.db.test.ts).
    const hold = await holdEveryConnection();
    let ready: Answer;
    try {
      ready = await send(port, null, 'GET', '/api/health/ready').answer;
    } finally {
      await hold.release();
    }
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.body)).toMatchObject({ status: 'ready', driver: 'postgres' });
  });

  it('PostgreSQL: cancels the running statement of a closed request, and its transaction writes nothing', async () => {
    if (t.database.driver !== 'postgres') return; // PGlite cannot interrupt a running statement.
    const [{ name } = { name: '' }] = await queryRows<{ name: string }>(
      t.database.db,
      sql`select current_database() as name`,
    );
    // Another session locks the workspace row, so the rename below waits on it, running.
    const locker = new pg.Client({ connectionString: t.database.url });
    await locker.connect();
    try {
      await locker.query('begin');
      await locker.query('select id from workspaces where id = $1 for update', [workspaceId]);
      // Asked outside the locker's transaction: pg_stat_activity is a snapshot per transaction.
      const waitingOnLock = async () =>
        (
          await queryRows<{ n: number }>(
            t.database.db,
            sql`select count(*)::int as n from pg_stat_activity
                 where datname = ${name} and state = 'active' and wait_event_type = 'Lock'`,
          )
        )[0]!.n;
      const cancelledBefore = stats().cancelled;
      const rename = send(port, owner, 'PATCH', `/api/v1/workspaces/${workspaceId}`, {
        name: 'Renamed By A Closed Request',
      });
      await waitFor(waitingOnLock, (n) => n === 1, { what: 'the rename waiting on the row lock' });
      rename.close();
      // Its statement is gone from pg_stat_activity while the lock is still held: cancelled.
      await waitFor(waitingOnLock, (n) => n === 0, { what: 'the rename cancelled' });
      expect(stats().cancelled).toBe(cancelledBefore + 1);
      await locker.query('commit');
    } finally {
      await locker.end();
    }
    const [w] = await queryRows<{ name: string }>(
      t.database.db,
      sql`select name from workspaces where id = ${workspaceId}`,
    );
    expect(w?.name).toBe('Kept Name');
    // The pool's connections serve the next request.
    expect((await send(port, owner, 'GET', '/api/v1/workspaces').answer).status).toBe(200);
  });
});
