import { type Database, queryRows, users } from '@evergreen/db';
import { openTestDatabase } from '@evergreen/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../shared/context.ts';
import { createWorkspace } from '../workspaces/index.ts';
import { refreshAttribution, refreshOrdinals, refreshPostFacts } from './facts.ts';

/**
 * A new workspace in an installation whose statistics only know the older ones (an agency adds a
 * brand; PostgreSQL's autovacuum analyzes a big table only after 10% of it changed, PGlite has no
 * autovacuum at all): the planner believes the new workspace has about one post. The refreshes
 * join their computed rows back to the table; planned as a nested loop, the computed side was
 * recomputed for every row (5,000 posts: 30 s for the ordinals on PostgreSQL, 20,000 posts:
 * minutes). They must stay linear whatever the statistics say, and give the right values.
 */

const clock: Clock = { now: () => new Date('2026-06-01T00:00:00Z') };
const CREATORS = 40;
const POSTS = 100; // per creator: 4,000 posts
const ORDERS = 2000;

let database: Database;
let ws: string;

beforeAll(async () => {
  database = await openTestDatabase();
  const { db } = database;
  const [u] = await db
    .insert(users)
    .values({ email: 'stale@example.test', name: 'Stale' })
    .returning({ id: users.id });
  const make = async (name: string, creators: number, posts: number) => {
    const w = await createWorkspace({ db, clock }, u!.id, { name, markets: ['US'] });
    await db.execute(sql`insert into creators (workspace_id, display_name, tier, status)
      select ${w.id}, 'C' || g, 2, 'active' from generate_series(1, ${creators}) g`);
    // Posts every 10 hours from 2026-01-01, the creator's number in the minutes (no ties).
    await db.execute(sql`insert into deliverables (workspace_id, creator_id, type, platform, sponsored,
        posted_at, status, external_id)
      select c.workspace_id, c.id, 'sponsored_post', 'instagram', true,
        '2026-01-01T00:00:00Z'::timestamptz + make_interval(hours => 10 * k, mins => substring(c.display_name from 2)::int),
        'live', c.display_name || '-' || k
      from creators c cross join generate_series(1, ${posts}) k where c.workspace_id = ${w.id}`);
    // One snapshot a day after each post: reach 1,000 + k, engagements 10 + k.
    await db.execute(sql`insert into metric_snapshots (workspace_id, deliverable_id, captured_at, reach, likes, comments, source)
      select d.workspace_id, d.id, d.posted_at + interval '1 day', 1000 + k, 8 + k, 2, 'csv'
      from deliverables d cross join lateral (select substring(d.external_id from position('-' in d.external_id) + 1)::int as k) x
      where d.workspace_id = ${w.id}`);
    await db.execute(sql`insert into trackers (workspace_id, creator_id, kind, code)
      select workspace_id, id, 'promo_code', 'CODE' || substring(display_name from 2) from creators where workspace_id = ${w.id}`);
    return w.id;
  };
  // The old workspace, analyzed: the statistics know it and nothing else.
  await make('Old brand', 2, 5);
  await db.execute(sql`analyze creators, deliverables, metric_snapshots, trackers, orders`);
  ws = await make('New brand', CREATORS, POSTS);
  // Orders with a creator's code, 5 hours after their post k (k = 1 + i mod 100).
  await db.execute(sql`insert into orders (workspace_id, external_id, customer_id, ordered_at, amount_minor, currency, promo_code)
    select ${ws}, 'O' || i, 'cust' || i, '2026-01-01T00:00:00Z'::timestamptz
        + make_interval(hours => 10 * (1 + i % ${POSTS}) + 5, mins => 1 + i % ${CREATORS}),
      1000, 'USD', 'CODE' || (1 + i % ${CREATORS})
    from generate_series(0, ${ORDERS - 1}) i`);
});
afterAll(() => database?.close());

describe('refreshes in a workspace the statistics do not know yet', () => {
  // Linear: under a second here on either engine; planned as nested loops, ~30 s on either.
  it('number the posts, read their snapshots and attribute the orders, in linear time', {
    timeout: 10_000,
  }, async () => {
    const { db } = database;
    await refreshOrdinals(db, ws);
    await refreshPostFacts(db, ws);
    await refreshAttribution(db, ws);

    // Ordinals: each creator's posts numbered 1…100 in posted order, which is the k in their external id.
    const ordinals = await queryRows<{ bad: number; n: number }>(
      db,
      sql`select count(*) filter (where ordinal is distinct from
          substring(external_id from position('-' in external_id) + 1)::int)::int as bad, count(*)::int as n
        from deliverables where workspace_id = ${ws}`,
    );
    expect(ordinals[0]).toEqual({ bad: 0, n: CREATORS * POSTS });

    // Post facts: the one snapshot is the latest and the day-1 reading: 10 + k engagements of 1,000 + k.
    const facts = await queryRows<{ bad: number }>(
      db,
      sql`select count(*) filter (where (snapshot_count, latest_engagements, latest_basis, day1_engagements, day1_basis)
          is distinct from (1, 10 + k, 1000 + k, 10 + k, 1000 + k))::int as bad
        from deliverables d cross join lateral (select substring(d.external_id from position('-' in d.external_id) + 1)::int as k) x
        where d.workspace_id = ${ws}`,
    );
    expect(facts[0]!.bad).toBe(0);

    // Attribution: order i carries creator (1 + i mod 40)'s code, 5 hours after their post
    // k = 1 + i mod 100, so that post is the latest before it and the lag is 5 hours.
    const orders = await queryRows<{ external_id: string; creator: string; post: string; lag: number }>(
      db,
      sql`select o.external_id, c.display_name as creator, d.external_id as post, o.lag_seconds::int as lag
        from orders o join creators c on c.id = o.attributed_creator_id
        join deliverables d on d.id = o.attributed_deliverable_id
        where o.workspace_id = ${ws}`,
    );
    expect(orders).toHaveLength(ORDERS);
    const byId = new Map(orders.map((o) => [o.external_id, o]));
    for (let i = 0; i < ORDERS; i++) {
      const c = 1 + (i % CREATORS);
      expect(byId.get(`O${i}`), `O${i}`).toEqual({
        external_id: `O${i}`,
        creator: `C${c}`,
        post: `C${c}-${1 + (i % POSTS)}`,
        lag: 5 * 3600,
      });
    }
  });
});
