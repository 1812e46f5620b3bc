/**
 * Roster list API and Today at the reference size: 2,000 creators, 100,000 touchpoints.
 *   npx tsx bench/roster.ts                 # PGlite (a fresh in-memory database)
 *   BENCH_DATABASE_URL=postgres://… npx tsx bench/roster.ts   # PostgreSQL (an empty database)
 * Prints the median of 5 timed runs (after one warm-up) per request, through the real HTTP
 * stack (Fastify inject: routing, auth, validation, serialisation).
 */
import { randomBytes } from 'node:crypto';
import { createSecretBox, nullMailer, systemClock } from '@evergreen/core';
import { migrateDatabase, openDatabase, queryRows } from '@evergreen/db';
import { sql } from 'drizzle-orm';
import { buildApp } from '../apps/server/src/app.ts';

const CREATORS = 2000;
const TOUCHPOINTS = 100_000;
const url = process.env.BENCH_DATABASE_URL;

const database = await openDatabase(url ? { databaseUrl: url } : { dataDir: 'memory://' });
await migrateDatabase(database);
const { db } = database;
const app = await buildApp({
  db,
  driver: database.driver,
  clock: systemClock,
  mailer: nullMailer,
  box: createSecretBox(randomBytes(32)),
  publicUrl: 'http://bench',
  openSignup: true,
  secureCookies: false,
  loginRateLimit: 1000,
  demoLogin: null,
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

let t0 = performance.now();
// Generated in SQL: deterministic names, tiers 1/2/3 ≈ 5%/25%/70%, a third owned by the user.
await db.execute(sql`
  insert into creators (workspace_id, display_name, email, tier, status, owner_user_id, markets, languages, tags, created_at)
  select ${ws}, 'Creator ' || g, 'creator' || g || '@example.test',
         case when g % 20 = 0 then 1 when g % 4 = 0 then 2 else 3 end,
         (case when g % 10 = 0 then 'paused' else 'active' end)::creator_status,
         case when g % 3 = 1 then ${userId}::uuid end,
         case when g % 3 = 0 then array['RU'] else array['US'] end,
         case when g % 3 = 0 then array['ru'] else array['en'] end,
         array['tag' || (g % 12)], now() - interval '400 days'
  from generate_series(1, ${CREATORS}) g`);
await db.execute(sql`
  insert into creator_handles (workspace_id, creator_id, platform, handle)
  select workspace_id, id, 'instagram', 'handle_' || replace(display_name, ' ', '_') from creators where workspace_id = ${ws}`);
await db.execute(sql`
  with c as (select id, row_number() over (order by display_name) as n from creators where workspace_id = ${ws})
  insert into touchpoints (workspace_id, creator_id, occurred_on, channel, kind, summary, by_user_id)
  select ${ws}, c.id, current_date - ((g * 7 + c.n) % 365 + c.n % 200)::int, 'email', 'check_in', 'Touchpoint ' || g, ${userId}
  from c cross join generate_series(1, ${TOUCHPOINTS / CREATORS}) g`);
await db.execute(sql`
  update creators c set last_touchpoint_on = t.last
  from (select creator_id, max(occurred_on) as last from touchpoints where workspace_id = ${ws} group by creator_id) t
  where c.workspace_id = ${ws} and c.id = t.creator_id`);
const [counts] = await queryRows<{ creators: number; touchpoints: number }>(
  db,
  sql`select (select count(*) from creators where workspace_id = ${ws})::int as creators,
             (select count(*) from touchpoints where workspace_id = ${ws})::int as touchpoints`,
);
console.log(
  `${database.driver}: loaded ${counts!.creators} creators, ${counts!.touchpoints} touchpoints in ${Math.round(performance.now() - t0)} ms`,
);

let lastBody = '';
async function time(label: string, path: string) {
  const run = async () => {
    const t = performance.now();
    const res = await app.inject({ method: 'GET', url: `/api/v1/workspaces/${ws}${path}`, headers });
    if (res.statusCode !== 200) throw new Error(`${label}: ${res.statusCode} ${res.body.slice(0, 200)}`);
    lastBody = res.body;
    return { ms: performance.now() - t, bytes: res.body.length };
  };
  await run();
  const runs = [];
  for (let i = 0; i < 5; i++) runs.push(await run());
  const ms = runs.map((r) => r.ms).sort((a, b) => a - b);
  const n = (() => {
    try {
      const j = JSON.parse(lastBody);
      return j.items?.length ?? j.creators?.length ?? j.length ?? 1;
    } catch {
      return 0;
    }
  })();
  console.log(
    `${label.padEnd(44)} ${String(n).padStart(5)} rows  median ${ms[2]!.toFixed(1)} ms  (min ${ms[0]!.toFixed(1)}, max ${ms[4]!.toFixed(1)}; ${Math.round(runs[0]!.bytes / 1024)} KiB)`,
  );
}

t0 = performance.now();
await time('roster: all 2,000, by name', '/creators');
await time('roster: tier 1+2, market US, sorted by next', '/creators?tier=1,2&market=US&sort=next_check_in');
await time('roster: search "creator 19" over names+handles', '/creators?q=creator%2019');
await time('roster: due (overdue or today)', '/creators?due=due');
await time('Today: whole team', '/today?scope=team');
await time('Today: my creators', '/today?scope=mine');
const first = (
  await app.inject({ method: 'GET', url: `/api/v1/workspaces/${ws}/creators?q=Creator%201000`, headers })
).json().creators[0].id;
await time('creator profile', `/creators/${first}`);
await time('creator timeline (50 touchpoints)', `/creators/${first}/timeline`);

await app.close();
if (url) {
  // Leave the database empty for the next run.
  await db.execute(sql`delete from workspaces where id = ${ws}`);
  await db.execute(sql`delete from users where id = ${userId}`);
}
await database.close();
