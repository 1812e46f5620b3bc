import { latestMigration, openDatabase, queryRows } from '@evergreen/db';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../testing/harness.ts';

/**
 * Health probes and database outages (docs/operations/health.md): liveness never asks the
 * database, readiness does (with a deadline) and checks the migrations, an unreachable database
 * answers 503 with Retry-After and the app recovers without a restart, and the logs never carry
 * a statement's parameters.
 */

/** Log lines the app writes (JSON, one per line). */
function capture() {
  const lines: string[] = [];
  return { lines, stream: { write: (line: string) => void lines.push(line) } };
}

describe('liveness and readiness', () => {
  let t: TestApp;
  beforeAll(async () => {
    // PGlite in its worker thread, as the server runs it (on PostgreSQL the option is ignored).
    t = await createTestApp({ worker: true, readyTimeoutMs: 300 });
  });
  afterAll(() => t.close());

  it('answer 200: live without the database, ready with every migration of this build; /api/health as before', async () => {
    const live = await t.app.inject({ method: 'GET', url: '/api/health/live' });
    expect(live.statusCode).toBe(200);
    expect(live.json()).toMatchObject({ status: 'ok' });
    const ready = await t.app.inject({ method: 'GET', url: '/api/health/ready' });
    expect(ready.statusCode).toBe(200);
    const expected = latestMigration();
    expect(ready.json()).toEqual({
      status: 'ready',
      driver: t.database.driver,
      schemaVersion: expected.tag,
      migrationsApplied: expected.count,
      migrationsExpected: expected.count,
      version: expect.any(String),
    });
    const old = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(old.statusCode).toBe(200);
    expect(old.json()).toMatchObject({ status: 'ok', migrationsApplied: expected.count });
  });

  it('while PGlite is busy, live answers at once and ready says not ready (database_timeout) with Retry-After', async () => {
    if (t.database.driver !== 'pglite') return; // PostgreSQL has a pool: one busy connection blocks nothing.
    // PGlite has one session: a 3-second statement holds every other query behind it.
    let finished = false;
    const busy = t.database.db.execute(sql`select pg_sleep(3)`).then(() => {
      finished = true;
    });
    const live = await t.app.inject({ method: 'GET', url: '/api/health/live' });
    expect(live.statusCode).toBe(200);
    expect(finished).toBe(false);
    const ready = await t.app.inject({ method: 'GET', url: '/api/health/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.headers['retry-after']).toBe('5');
    expect(ready.json()).toMatchObject({
      status: 'not_ready',
      reason: 'database_timeout',
      migrationsApplied: null,
    });
    expect(finished).toBe(false);
    await busy;
    expect((await t.app.inject({ method: 'GET', url: '/api/health/ready' })).statusCode).toBe(200);
  });
});

describe('health and readiness while the embedded database works through long statements', () => {
  let t: TestApp;
  beforeAll(async () => {
    // A deadline longer than the statements below: they are "busy", not "too slow".
    t = await createTestApp({ worker: true, readyTimeoutMs: 20_000 });
  });
  afterAll(() => t.close());

  /** What happened, in the order it happened. */
  function timeline() {
    const events: string[] = [];
    const mark = (what: string) => () => void events.push(what);
    return { events, mark };
  }

  it('/api/health answers while a statement runs, and readiness waits only for the one in flight, not those queued behind it', async () => {
    if (t.database.driver !== 'pglite') return; // PostgreSQL: the probes get a connection of their own.
    expect((await t.app.inject({ method: 'GET', url: '/api/health/ready' })).statusCode).toBe(200);
    const { events, mark } = timeline();
    // Two reports back to back on PGlite's one session: the second waits for the first.
    const first = t.database.db.execute(sql`select pg_sleep(1.5)`).then(mark('first statement done'));
    const second = t.database.db.execute(sql`select pg_sleep(1.5)`).then(mark('second statement done'));
    await new Promise((r) => setTimeout(r, 100));
    expect(t.database.activity?.now().inFlight).toBe(1);

    const health = await t.app.inject({ method: 'GET', url: '/api/health' });
    mark('health answered')();
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({ status: 'ok', migrationsApplied: latestMigration().count });

    const ready = await t.app.inject({ method: 'GET', url: '/api/health/ready' });
    mark('ready answered')();
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready', migrationsApplied: latestMigration().count });
    await Promise.all([first, second]);
    // Asking the database would have queued both probes behind the two statements.
    expect(events).toEqual([
      'health answered',
      'first statement done',
      'ready answered',
      'second statement done',
    ]);
  });

  it('a statement past the deadline: readiness says database_timeout at once, /api/health asks and waits', async () => {
    if (t.database.driver !== 'pglite') return;
    const short = await createTestApp({ database: t.database, readyTimeoutMs: 300 });
    expect((await short.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    const { events, mark } = timeline();
    const busy = t.database.db.execute(sql`select pg_sleep(2)`).then(mark('statement done'));
    await new Promise((r) => setTimeout(r, 500));
    const ready = await short.app.inject({ method: 'GET', url: '/api/health/ready' });
    mark('ready answered')();
    expect(ready.statusCode).toBe(503);
    expect(ready.headers['retry-after']).toBe('5');
    expect(ready.json()).toMatchObject({ status: 'not_ready', reason: 'database_timeout' });
    // Past the deadline the count is not taken on trust: /api/health asks, behind the statement.
    const health = short.app.inject({ method: 'GET', url: '/api/health' }).then(mark('health answered'));
    await Promise.all([busy, health]);
    expect(events).toEqual(['ready answered', 'statement done', 'health answered']);
    await short.app.close();
  });
});

describe('a database that cannot be reached', () => {
  it('answers 503 database_unavailable with Retry-After (a closed port), live still 200', async () => {
    // A second app pointed at a port nothing listens on: every connection is refused.
    const closed = await openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:1/evergreen' });
    const log = capture();
    const t = await createTestApp({ database: closed, loggerLevel: 'warn', logStream: log.stream });
    try {
      for (const url of ['/api/health/ready', '/api/health']) {
        const res = await t.app.inject({ method: 'GET', url });
        expect(res.statusCode, url).toBe(503);
        expect(res.headers['retry-after'], url).toBe('5');
      }
      expect((await t.app.inject({ method: 'GET', url: '/api/health/ready' })).json()).toMatchObject({
        status: 'not_ready',
        reason: 'database_unavailable',
      });
      expect((await t.app.inject({ method: 'GET', url: '/api/health' })).json()).toEqual({
        error: {
          code: 'database_unavailable',
          message: 'The database is unavailable; try again in 5 seconds',
        },
      });
      // A sign-in reads the database: the same 503, not 500.
      const signIn = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'nobody@example.test', password: 'Qx7-unique-secret-password' },
      });
      expect(signIn.statusCode).toBe(503);
      expect(signIn.json().error.code).toBe('database_unavailable');
      expect((await t.app.inject({ method: 'GET', url: '/api/health/live' })).statusCode).toBe(200);
      // Logged as a warning, without the password the statement carried.
      expect(log.lines.some((l) => l.includes('database unavailable'))).toBe(true);
      expect(log.lines.join('\n')).not.toContain('nobody@example.test');
      expect(log.lines.join('\n')).not.toContain('Qx7-unique-secret-password');
    } finally {
      await t.close();
    }
  });

  it('PostgreSQL: connections terminated and refused → 503 with Retry-After; allowed again → recovers without a restart', async () => {
    const log = capture();
    const t = await createTestApp({ loggerLevel: 'warn', logStream: log.stream });
    if (t.database.driver !== 'postgres') return t.close();
    const admin = new pg.Client({ connectionString: inject('pgUrl') });
    await admin.connect();
    const [{ name } = { name: '' }] = await queryRows<{ name: string }>(
      t.database.db,
      sql`select current_database() as name`,
    );
    let session: Session | null = null;
    try {
      session = await t.signUp('Olga Outage');
      const me = () => t.call(session, { method: 'GET', url: '/api/v1/auth/me' });
      expect((await me()).statusCode).toBe(200);

      // The test's own database: no new connections, and the app's connections terminated.
      await admin.query(`alter database ${name} allow_connections false`);
      await admin.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
        [name],
      );
      const down = await me();
      expect(down.statusCode).toBe(503);
      expect(down.headers['retry-after']).toBe('5');
      expect(down.json().error.code).toBe('database_unavailable');
      const ready = await t.app.inject({ method: 'GET', url: '/api/health/ready' });
      expect([ready.statusCode, ready.headers['retry-after'], ready.json().reason]).toEqual([
        503,
        '5',
        'database_unavailable',
      ]);
      expect((await t.app.inject({ method: 'GET', url: '/api/health/live' })).statusCode).toBe(200);

      // Back: the same app (no restart) serves again.
      await admin.query(`alter database ${name} allow_connections true`);
      expect((await t.app.inject({ method: 'GET', url: '/api/health/ready' })).statusCode).toBe(200);
      expect((await me()).statusCode).toBe(200);
    } finally {
      await admin.query(`alter database ${name} allow_connections true`);
      await admin.end();
      await t.close();
    }
  });
});

describe('logs', () => {
  it('keep the SQL text of a failing statement, never its parameters or the values PostgreSQL echoes', async () => {
    const log = capture();
    const t = await createTestApp({ loggerLevel: 'info', logStream: log.stream });
    try {
      const owner = await t.signUp('Lena Logs');
      const ws = (await t.createWorkspace(owner, 'Logs')).id;
      // A check the schema does not know: the insert fails in the database, a 500 that is logged.
      const secret = 'Zyxw-Secret-Value-4242';
      await t.database.db.execute(
        sql.raw(`alter table creators add constraint test_no_secret check (display_name <> '${secret}')`),
      );
      const res = await t.call(owner, {
        method: 'POST',
        url: `/api/v1/workspaces/${ws}/creators`,
        payload: { displayName: secret, status: 'active', tier: 1 },
      });
      expect(res.statusCode).toBe(500);
      expect(res.json().error.code).toBe('internal');
      const logged = log.lines.filter((l) => l.includes('unhandled error'));
      expect(logged).toHaveLength(1);
      const entry = JSON.parse(logged[0]!) as {
        err: { message: string; query: string; cause: Record<string, unknown> };
      };
      // The statement's SQL text (placeholders $1…) and where it failed, for whoever reads the logs.
      expect(entry.err.query).toMatch(/^insert into "creators" .* values \(default, \$1, /);
      expect(entry.err.message).toBe(`Failed query: ${entry.err.query}`);
      expect(entry.err.cause).toMatchObject({
        code: '23514',
        table: 'creators',
        constraint: 'test_no_secret',
        message: 'new row for relation "…" violates check constraint "…"',
      });
      expect(entry.err).not.toHaveProperty('params');
      expect(entry.err.cause).not.toHaveProperty('detail');
      // Never the value: not the parameters, not PostgreSQL's "Failing row contains (…)".
      expect(log.lines.join('\n')).not.toContain(secret);
      await t.database.db.execute(sql`alter table creators drop constraint test_no_secret`);
    } finally {
      await t.close();
    }
  });

  it("a failed import keeps the database's reason, never the file's values the statement carried", async () => {
    const t = await createTestApp();
    try {
      const owner = await t.signUp('Ivan Imports');
      const ws = (await t.createWorkspace(owner, 'Imports')).id;
      const created = await t.call(owner, {
        method: 'POST',
        url: `/api/v1/workspaces/${ws}/creators`,
        payload: { displayName: 'Anna', externalId: 'anna-1' },
      });
      expect(created.statusCode).toBe(200);
      // The posts import writes its rows as a JSON parameter of one statement; a check the
      // schema does not know makes that statement fail on the file's value.
      const secret = 'qwerty-post-secret-77';
      await t.database.db.execute(
        sql.raw(`alter table deliverables add constraint test_no_secret check (external_id <> '${secret}')`),
      );
      const csv = `external_id,creator,posted_at\n${secret},anna-1,2026-03-01T10:00:00Z\n`;
      const url = `/api/v1/workspaces/${ws}/imports`;
      let run = (await t.call(owner, { method: 'POST', url: `${url}/posts`, payload: { csv } })).json() as {
        id: string;
        status: string;
        error: string | null;
      };
      while (run.status === 'running') {
        await new Promise((r) => setTimeout(r, 20));
        run = (await t.call(owner, { method: 'GET', url: `${url}/${run.id}` })).json();
      }
      expect(run.status).toBe('failed');
      // The SQL text (its $1… placeholders) is kept; the parameters, which held the row, are not.
      expect(run.error).toMatch(/^Failed query: insert into deliverables \(workspace_id, external_id,/);
      expect(run.error).toContain('jsonb_to_recordset($');
      expect(run.error).not.toContain(secret);
      await t.database.db.execute(sql`alter table deliverables drop constraint test_no_secret`);
    } finally {
      await t.close();
    }
  });
});
