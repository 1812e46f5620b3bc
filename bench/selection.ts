/**
 * The partnership-potential score at the reference size: 2,000 creators, 200,000 sponsored live
 * posts (100 each, half of them with a due date), 12 months of order facts, 7 ratings by 2 members,
 * 6 audience snapshots and a few issues per creator.
 *   npx tsx bench/selection.ts                 # PGlite (a fresh in-memory database)
 *   BENCH_DATABASE_URL=postgres://… npx tsx bench/selection.ts   # PostgreSQL (an empty database)
 * Prints the median of 5 timed runs (after one warm-up) per request, through the real HTTP stack.
 * Aim (docs/selection.md, "Scale"): each under 300 ms on PostgreSQL and 1 s on PGlite.
 */
import { refreshScoreFacts, systemClock } from '@evergreen/core';
import { queryRows } from '@evergreen/db';
import { sql } from 'drizzle-orm';
import { insertCreators, openBench } from './support.ts';

// BENCH_CREATORS=50 for a quick check that the script runs.
const CREATORS = Number(process.env.BENCH_CREATORS ?? 2000);
const POSTS_PER_CREATOR = 100;

const bench = await openBench();
const { database, ws, userId, time } = bench;
const { db } = database;

const t0 = performance.now();
await insertCreators(bench, CREATORS);
// Posts over the last 400 days (some fall before the window), reach 1,000–5,999, engagement
// 2–7% varying per creator and post, cost 100–399 USD; every other post was due on its day or
// the day before (a late one).
await db.execute(sql`
  with c as (select id, row_number() over (order by display_name)::int as g from creators where workspace_id = ${ws})
  insert into deliverables (workspace_id, creator_id, type, platform, sponsored, status, posted_at, due_on,
    cost_minor, cost_currency, cost_reporting_minor, ordinal, snapshot_count,
    latest_reach, latest_basis, latest_engagements)
  select ${ws}, c.id, 'sponsored_post', 'instagram', true, 'live',
    now() - make_interval(days => (k * 4 + c.g % 4)),
    case when k % 2 = 0 then (now() - make_interval(days => (k * 4 + c.g % 4 - (k % 3 = 0)::int)))::date end,
    10000 + (c.g * 131 + k * 17) % 30000, 'USD', 10000 + (c.g * 131 + k * 17) % 30000, k, 1,
    1000 + (c.g * 37 + k * 11) % 5000, 1000 + (c.g * 37 + k * 11) % 5000,
    ((1000 + (c.g * 37 + k * 11) % 5000) * (2 + (c.g + k) % 6) / 100)
  from c cross join generate_series(1, ${POSTS_PER_CREATOR}) k`);
await db.execute(sql`
  with c as (select id, row_number() over (order by display_name)::int as g from creators where workspace_id = ${ws})
  insert into creator_period_facts (workspace_id, grain, starts_on, creator_id, has_post, orders, revenue_minor, acquired, repeaters)
  select ${ws}, 'month', (date_trunc('month', current_date) - make_interval(months => m))::date, c.id, true,
    5 + c.g % 20, (5 + c.g % 20) * 4500, 3 + c.g % 10, c.g % 4
  from c cross join generate_series(0, 11) m`);
// A second member's ratings: a user row is enough for the ratings' author (a new address each run:
// the run's clean-up removes the workspace and the bench user, not this one).
const [second] = await queryRows<{ id: string }>(
  db,
  sql`insert into users (email, name, password_hash)
      values (${`second-${Date.now()}@bench.test`}, 'Second', 'x') returning id`,
);
await db.execute(sql`
  with c as (select id, row_number() over (order by display_name)::int as g from creators where workspace_id = ${ws})
  insert into creator_ratings (workspace_id, creator_id, criterion, score, by_user_id)
  select ${ws}, c.id, crit::rating_criterion, 1 + (c.g + i + u) % 5, case when u = 0 then ${userId}::uuid else ${second!.id}::uuid end
  from c cross join unnest(array['quality','deadlines','authenticity','direction','professionalism','brand_alignment','strategic_value'])
    with ordinality as x(crit, i)
  cross join generate_series(0, 1) u`);
await db.execute(sql`
  with c as (select id, row_number() over (order by display_name)::int as g from creators where workspace_id = ${ws})
  insert into audience_snapshots (workspace_id, creator_id, captured_on, platform, followers)
  select ${ws}, c.id, current_date - s * 30, 'instagram', 10000 + c.g * 10 + (c.g % 7 - 3) * s * 100
  from c cross join generate_series(0, 5) s`);
await db.execute(sql`
  with c as (select id, row_number() over (order by display_name)::int as g from creators where workspace_id = ${ws})
  insert into creator_issues (workspace_id, creator_id, title, severity, status, opened_on, resolved_on, resolution)
  select ${ws}, c.id, 'Issue', (array['low','medium','high'])[1 + c.g % 3]::issue_severity,
    case when c.g % 2 = 0 then 'open' else 'resolved' end::issue_status, current_date - 40,
    case when c.g % 2 = 1 then current_date - 10 end, case when c.g % 2 = 1 then 'Fixed' end
  from c where c.g % 5 = 0`);
await db.execute(sql`analyze`);
const [counts] = await queryRows<{ creators: number; posts: number; ratings: number }>(
  db,
  sql`select (select count(*) from creators where workspace_id = ${ws})::int as creators,
             (select count(*) from deliverables where workspace_id = ${ws})::int as posts,
             (select count(*) from creator_ratings where workspace_id = ${ws})::int as ratings`,
);
console.log(
  `${database.driver}: loaded ${counts!.creators} creators, ${counts!.posts} posts, ${counts!.ratings} ratings in ${Math.round(performance.now() - t0)} ms`,
);

const [middle] = await queryRows<{ id: string }>(
  db,
  sql`select id from creators where workspace_id = ${ws} order by display_name offset ${Math.floor(CREATORS / 2)} limit 1`,
);
const first = middle!.id;
// The score facts are kept (docs/selection.md, "Maintained facts"): the warm-up computes them,
// the timed runs read them. Then the two costs of keeping them: a change (a new rating makes one
// creator's facts stale) and the first request of a day (every creator's).
await time('score of one creator (the whole roster scored)', `/creators/${first}/score`);
await time('suggestions (promote / review / alumni)', '/selection/suggestions');
await time('Today: whole team (with suggestions)', '/today?scope=team');
// For comparison on the same data and machine: the roster page (issue 17's aim for Today).
await time('roster page: all creators, by name', '/creators');
let g = 0;
await time('Today after a rating (1 creator stale)', '/today?scope=team', () =>
  db.execute(sql`
    insert into creator_ratings (workspace_id, creator_id, criterion, score, by_user_id)
    select ${ws}, id, 'quality', 1 + ${g++} % 5, ${userId}::uuid from creators
    where workspace_id = ${ws} order by display_name offset ${g % CREATORS} limit 1`),
);
await time('Today, first of the day (all stale)', '/today?scope=team', () =>
  db.execute(sql`update creator_score_facts set as_of = null where workspace_id = ${ws}`),
);
// As the server runs: the scheduler computes the new day's facts ahead of the first request.
await time('Today, first of the day after the scheduler', '/today?scope=team', async () => {
  await db.execute(sql`update creator_score_facts set as_of = null where workspace_id = ${ws}`);
  await refreshScoreFacts({ db, clock: systemClock }, new Map());
});

await bench.close();
