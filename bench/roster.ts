/**
 * Roster list API and Today at the reference size: 2,000 creators, 100,000 touchpoints.
 *   npx tsx bench/roster.ts                 # PGlite (a fresh in-memory database)
 *   BENCH_DATABASE_URL=postgres://… npx tsx bench/roster.ts   # PostgreSQL (an empty database)
 * Prints the median of 5 timed runs (after one warm-up) per request, through the real HTTP
 * stack (Fastify inject: routing, auth, validation, serialisation).
 */
import { queryRows } from '@evergreen/db';
import { sql } from 'drizzle-orm';
import { insertCreators, openBench } from './support.ts';

const CREATORS = 2000;
const TOUCHPOINTS = 100_000;

const bench = await openBench();
const { database, app, ws, userId, headers, time } = bench;
const { db } = database;

let t0 = performance.now();
await insertCreators(bench, CREATORS);
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

await bench.close();
