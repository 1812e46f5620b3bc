/**
 * What every benchmark shares: a database (a fresh in-memory PGlite, in this thread or with
 * BENCH_PGLITE=worker in its worker thread as the server runs it, or the empty PostgreSQL
 * database named by BENCH_DATABASE_URL), the real app, a signed-in owner with a workspace,
 * generated creators, and a "median of 5 after a warm-up" timer through the HTTP stack.
 */
import { randomBytes } from 'node:crypto';
import { type Database, migrateDatabase, openDatabase } from '@evergreen/db';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { buildOfflineApp } from '../apps/server/src/scripts/offline-app.ts';

export interface Bench {
  database: Database;
  app: FastifyInstance;
  ws: string;
  userId: string;
  headers: Record<string, string>;
  /** Times GET /api/v1/workspaces/:ws{path}: one warm-up, then the median of 5. */
  /** `before` runs (untimed) before each run, the warm-up too. */
  time(label: string, path: string, before?: () => Promise<unknown>): Promise<number>;
  close(): Promise<void>;
}

export async function openBench(
  opts: { databaseUrl?: string | undefined; worker?: boolean } = {
    databaseUrl: process.env.BENCH_DATABASE_URL,
    // BENCH_PGLITE=worker runs PGlite in its worker thread behind node-postgres, as the server does.
    worker: process.env.BENCH_PGLITE === 'worker',
  },
): Promise<Bench> {
  const url = opts.databaseUrl;
  const database = await openDatabase(
    url ? { databaseUrl: url } : { dataDir: 'memory://', worker: opts.worker === true },
  );
  await migrateDatabase(database);
  // BENCH_KEPT_MB: memory for kept answers (as KEPT_ANSWERS_MB; 0 measures every answer computed).
  const kept = process.env.BENCH_KEPT_MB;
  const app = await buildOfflineApp(database, {
    publicUrl: 'http://bench',
    loginRateLimit: 1000,
    keptAnswersBytes: kept === undefined ? undefined : Number(kept) * 1024 * 1024,
  });
  await app.ready();
  const signup = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/signup',
    payload: {
      name: 'Bench',
      email: `bench-${randomBytes(4).toString('hex')}@example.test`,
      password: 'bench password 1',
    },
  });
  const me = signup.json();
  const cookie = `evg_session=${signup.cookies.find((c) => c.name === 'evg_session')!.value}`;
  const headers = { cookie, 'x-csrf-token': me.csrfToken };
  const ws = (
    await app.inject({
      method: 'POST',
      url: '/api/v1/workspaces',
      headers,
      payload: { name: 'Bench', markets: ['US', 'RU'] },
    })
  ).json().id as string;
  const userId = me.user.id as string;

  async function time(label: string, path: string, before?: () => Promise<unknown>): Promise<number> {
    let body = '';
    const run = async () => {
      await before?.();
      const t = performance.now();
      const res = await app.inject({ method: 'GET', url: `/api/v1/workspaces/${ws}${path}`, headers });
      if (res.statusCode !== 200) throw new Error(`${label}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      body = res.body;
      return { ms: performance.now() - t, bytes: res.body.length };
    };
    await run();
    const runs = [];
    for (let i = 0; i < 5; i++) runs.push(await run());
    const ms = runs.map((r) => r.ms).sort((a, b) => a - b);
    const n = (() => {
      try {
        const j = JSON.parse(body);
        return j.items?.length ?? j.creators?.length ?? j.rows?.length ?? j.length ?? 1;
      } catch {
        return 0;
      }
    })();
    console.log(
      `${label.padEnd(44)} ${String(n).padStart(5)} rows  median ${ms[2]!.toFixed(1)} ms  (min ${ms[0]!.toFixed(1)}, max ${ms[4]!.toFixed(1)}; ${Math.round(runs[0]!.bytes / 1024)} KiB)`,
    );
    return ms[2]!;
  }

  async function close() {
    await app.close();
    if (url && !process.env.BENCH_KEEP) {
      // Leave the database empty for the next run (BENCH_KEEP=1 keeps the data to look at).
      await database.db.execute(sql`delete from workspaces where id = ${ws}`);
      await database.db.execute(sql`delete from users where id = ${userId}`);
    }
    await database.close();
  }
  return { database, app, ws, userId, headers, time, close };
}

/**
 * `n` creators generated in SQL: deterministic names ("Creator 1" …), tiers 1/2/3 ≈ 5%/25%/70%,
 * a third owned by the user, a third in RU, one Instagram handle each.
 */
export async function insertCreators(b: Bench, n: number): Promise<void> {
  const { db } = b.database;
  await db.execute(sql`
    insert into creators (workspace_id, display_name, email, tier, status, owner_user_id, markets, languages, tags, created_at)
    select ${b.ws}, 'Creator ' || g, 'creator' || g || '@example.test',
           case when g % 20 = 0 then 1 when g % 4 = 0 then 2 else 3 end,
           (case when g % 10 = 0 then 'paused' else 'active' end)::creator_status,
           case when g % 3 = 1 then ${b.userId}::uuid end,
           case when g % 3 = 0 then array['RU'] else array['US'] end,
           case when g % 3 = 0 then array['ru'] else array['en'] end,
           array['tag' || (g % 12)], now() - interval '800 days'
    from generate_series(1, ${n}) g`);
  await db.execute(sql`
    insert into creator_handles (workspace_id, creator_id, platform, handle)
    select workspace_id, id, 'instagram', 'handle_' || replace(display_name, ' ', '_') from creators where workspace_id = ${b.ws}`);
}
