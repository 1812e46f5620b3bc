import { lockWorkspaceOrders, refreshAllPerformanceFacts } from '@evergreen/core';
import { orders, trackers } from '@evergreen/db';
import { testDriver, waitForLockWait } from '@evergreen/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreementRow } from '../testing/factories/agreements.ts';
import {
  expectedPeriodFacts,
  ORDERS_HEADER as HEADER,
  importOrdersCsv,
  livePost,
  type PeriodFacts,
  postOrderWebhook,
  refreshFacts,
  storedPeriodFacts,
  tracker,
} from '../testing/factories/performance.ts';
import { createCreator } from '../testing/factories/roster.ts';
import { newWorkspace } from '../testing/factories/workspace.ts';
import { appWithOwner, type Session, type TestApp } from '../testing/harness.ts';

/**
 * creator_period_facts, the per-creator day and month sums the reports read instead of raw
 * orders (migration 0010's triggers keep it). After every kind of write a user can make (first
 * import, re-import with changes, the webhook, a new attribution window or repeat horizon, a new
 * exchange rate, a post that stops being live) the table must equal the sums worked out here, in
 * TypeScript, from the orders and customer facts themselves. Then reports over periods that
 * start and end inside months, with every expected value worked out by hand.
 */

// "Today" is 2026-07-01 00:00 UTC.
const now = new Date('2026-07-01T00:00:00Z');

let t: TestApp;
let owner: Session;
const db = () => t.database.db;

beforeAll(async () => ({ t, owner } = await appWithOwner('Petra Periods', { now })));
afterAll(() => t.close());

async function workspace(name: string) {
  const w = await newWorkspace(t, owner, name);
  const creator = (displayName: string) => createCreator(w, displayName, { tier: 2 });
  /** A sponsored live post, straight into the table (the facts are refreshed before the orders come). */
  const post = (creatorId: string, postedAt: string, agreementId: string | null = null) =>
    livePost(w, creatorId, postedAt, { agreementId });
  const importCsv = async (rows: string[]) => {
    const run = await importOrdersCsv(
      w,
      [HEADER, ...rows].join('\n'),
      '?mode=all_or_nothing&fileName=orders.csv',
    );
    expect(run.status).toBe('done');
    return run;
  };
  return { ...w, creator, post, importCsv };
}

const expectedFacts = (ws: string) => expectedPeriodFacts(db(), ws);
const storedFacts = (ws: string) => storedPeriodFacts(db(), ws);

async function expectConsistent(ws: string): Promise<PeriodFacts> {
  const stored = await storedFacts(ws);
  expect(stored).toEqual(await expectedFacts(ws));
  return stored;
}

describe('creator_period_facts stays equal to the orders it sums', () => {
  it('after imports, re-imports, the webhook, settings, rates and a post that is no longer live', async () => {
    const w = await workspace('Period facts');
    const anna = await w.creator('Anna');
    const ben = await w.creator('Ben');
    const annaPost = await w.post(anna, '2026-03-01T12:00:00Z');
    await tracker(w, anna, { code: 'ANNA', utmSource: 'anna' });
    await tracker(w, ben, { code: 'BEN' });
    await refreshFacts(w);

    // First import (the workspace's first orders).
    await w.importCsv([
      'o1,k1,2026-02-27T10:00:00Z,10.00,USD,ANNA,,,', // code, before Anna's post: no post
      'o2,k1,2026-03-02T10:00:00Z,20.00,USD,,anna,spring,', // link, 1 day after the post: k1 repeats
      'o3,k2,2026-03-31T11:00:00Z,30.00,USD,,anna,spring,', // link, 29 d 23 h after: inside 30 days
      'o4,k3,2026-04-01T00:00:00Z,40.00,EUR,BEN,,,', // EUR, no rate yet: unconverted
      'o5,k4,2026-04-15T09:00:00Z,5.00,USD,,,,', // no code, no link: nobody's
      'o8,k6,2026-04-20T00:00:00Z,2.00,USD,BEN,,,',
    ]);
    const first = await expectConsistent(w.ws);
    // Worked by hand: Anna's March at month grain has o2 and o3 with a post, $50, one customer
    // acquired (k2; k1 was acquired in February without a post, and repeated within 180 days).
    expect(first[`month 2026-03-01 ${anna} true`]).toEqual({
      orders: 2,
      revenue: 5000,
      unconverted: 0,
      acquired: 1,
      repeaters: 0,
    });
    expect(first[`month 2026-02-01 ${anna} false`]).toEqual({
      orders: 1,
      revenue: 1000,
      unconverted: 0,
      acquired: 1,
      repeaters: 1,
    });
    expect(first[`day 2026-04-01 ${ben} false`]).toEqual({
      orders: 1,
      revenue: 0,
      unconverted: 1,
      acquired: 1,
      repeaters: 0,
    });
    // Months: Anna Feb (no post), Anna Mar (post), Ben Apr; days: 02-27, 03-02, 03-31, 04-01, 04-20.
    expect(Object.keys(first)).toHaveLength(8);

    // Re-import: o3 changes amount, o1 moves to customer k9 and to Ben's code, o8 moves to k7
    // (k6 is left without orders: its facts are deleted), o6 and o7 are new (o7: Ben's customer
    // k3 orders again 10 days after the first order).
    await w.importCsv([
      'o8,k7,2026-04-20T00:00:00Z,2.00,USD,BEN,,,',
      'o1,k9,2026-02-27T10:00:00Z,10.00,USD,BEN,,,',
      'o7,k3,2026-04-11T00:00:00Z,1.00,USD,,,,',
      'o3,k2,2026-03-31T11:00:00Z,33.00,USD,,anna,spring,',
      'o6,k2,2026-05-01T00:00:00Z,7.00,USD,ANNA,,,',
    ]);
    const second = await expectConsistent(w.ws);
    expect(second[`month 2026-02-01 ${anna} false`]).toBeUndefined(); // o1 left Anna
    expect(second[`month 2026-02-01 ${ben} false`]?.orders).toBe(1);
    expect(second[`day 2026-04-20 ${ben} false`]).toMatchObject({ orders: 1, acquired: 1 });

    // The webhook.
    const secret = (await w.ok('POST', '/orders/webhook')).secret as string;
    const body = JSON.stringify({
      externalId: 'h1',
      customerId: 'k5',
      orderedAt: '2026-03-05T08:00:00Z',
      amount: '12.50',
      currency: 'USD',
      promoCode: 'anna',
    });
    const hook = await postOrderWebhook(t, w.ws, secret, body, Math.floor(now.getTime() / 1000));
    expect(hook.statusCode).toBeLessThan(300);
    expect((await expectConsistent(w.ws))[`day 2026-03-05 ${anna} true`]?.revenue).toBe(1250);

    // A shorter window: o3 (29 d 23 h after the post) is no longer Anna's.
    await w.ok('PATCH', '', { attributionWindowDays: 29 });
    expect((await expectConsistent(w.ws))[`day 2026-03-31 ${anna} true`]).toBeUndefined();
    // A repeat horizon of 2 days: k3's second order (10 days on) is no repeat; 180 days: it is.
    const k3 = `month 2026-04-01 ${ben} false`;
    expect((await storedFacts(w.ws))[k3]?.repeaters).toBe(1);
    await w.ok('PATCH', '', { repeatHorizonDays: 2 });
    expect((await expectConsistent(w.ws))[k3]?.repeaters).toBe(0);
    await w.ok('PATCH', '', { repeatHorizonDays: 180 });
    expect((await expectConsistent(w.ws))[k3]?.repeaters).toBe(1);

    // A EUR rate converts o4: revenue moves from unconverted to the sum.
    await w.ok('POST', '/exchange-rates', { currency: 'EUR', onDate: '2026-01-01', rate: '1.1' });
    const rated = await expectConsistent(w.ws);
    expect(rated[`month 2026-04-01 ${ben} false`]).toMatchObject({ revenue: 4600, unconverted: 0 }); // o4 €40 × 1.1 + o8 $2

    // Anna's post is missed after all: her link orders lose their post (and the link's window).
    const patched = await w.call('PATCH', `/deliverables/${annaPost}`, { status: 'missed' });
    expect(patched.statusCode).toBe(200);
    const missed = await expectConsistent(w.ws);
    expect(Object.keys(missed).filter((k) => k.endsWith(`${anna} true`))).toEqual([]);

    // Deleting the workspace takes its sums with it.
    await db().execute(sql`delete from workspaces where id = ${w.ws}`);
    expect(await storedFacts(w.ws)).toEqual({});
  });
});

describe('writers of one workspace take turns', () => {
  it.runIf(testDriver() === 'postgres')(
    'new settings wait for an order write in progress instead of deadlocking with it',
    async () => {
      const w = await workspace('Turns');
      const cara = await w.creator('Cara');
      await db()
        .insert(trackers)
        .values({ workspaceId: w.ws, creatorId: cara, kind: 'promo_code', code: 'CARA' });
      await w.importCsv([
        't1,t1,2026-05-01T10:00:00Z,10.00,USD,CARA,,,',
        't1b,t1,2026-05-20T10:00:00Z,1,USD,,,,',
      ]);
      let locked = () => {};
      const hasTurn = new Promise<void>((r) => {
        locked = r;
      });
      let go = () => {};
      const gate = new Promise<void>((r) => {
        go = r;
      });
      // An order writer (as an import or the webhook is): takes the turn, then writes an order,
      // whose foreign key locks the workspace row for key share.
      const writer = db().transaction(async (tx) => {
        await lockWorkspaceOrders(tx, w.ws);
        locked();
        await gate;
        await tx.insert(orders).values({
          workspaceId: w.ws,
          externalId: 't2',
          customerId: 't2',
          orderedAt: new Date('2026-05-02T10:00:00Z'),
          amountMinor: 500,
          amountReportingMinor: 500,
          currency: 'USD',
          promoCode: 'CARA',
        });
      });
      await hasTurn;
      // The owner changes the window and the horizon meanwhile. Locking the workspace row first
      // and then waiting for the turn (to re-attribute), while the writer's insert waits for the
      // row, would be a deadlock.
      const patch = w.call('PATCH', '', { attributionWindowDays: 10, repeatHorizonDays: 10 });
      // The settings' transaction is now waiting for the writer's turn (pg_locks shows it), not
      // merely started: only then is the writer let go.
      await waitForLockWait(db(), { advisory: true });
      go();
      await writer;
      const res = await patch;
      expect(res.statusCode).toBe(200);
      // The re-attribution gave t2 (code CARA) to Cara; t1 ordered again after 19 days: no
      // repeat within 10 days.
      expect((await expectConsistent(w.ws))[`month 2026-05-01 ${cara} false`]).toEqual({
        orders: 2,
        revenue: 1500,
        unconverted: 0,
        acquired: 2,
        repeaters: 0,
      });
    },
  );
});

describe('reports over periods that start and end inside months', () => {
  let w: Awaited<ReturnType<typeof workspace>>;
  const get = (path: string) => w.ok('GET', path);

  beforeAll(async () => {
    w = await workspace('Part months');
    // Cara: a code and no posts (one-off: fewer than 3 posts, no annual/retainer agreement).
    // Rhea: a post under a retainer (a partnership post, though she has only two posts) and a
    // post without an agreement (a one-off post).
    // Max: three posts, so a partner; a code.
    const cara = await w.creator('Cara');
    const rhea = await w.creator('Rhea');
    const max = await w.creator('Max');
    const retainer = await agreementRow(db(), { workspaceId: w.ws, creatorId: rhea, title: 'Retainer' });
    await w.post(rhea, '2026-03-20T00:00:00Z', retainer);
    await w.post(rhea, '2026-05-01T00:00:00Z');
    for (const at of ['2026-01-05T12:00:00Z', '2026-02-05T12:00:00Z', '2026-05-20T12:00:00Z'])
      await w.post(max, at);
    await db()
      .insert(trackers)
      .values([
        { workspaceId: w.ws, creatorId: cara, kind: 'promo_code', code: 'CARA' },
        { workspaceId: w.ws, creatorId: max, kind: 'promo_code', code: 'MAX' },
        { workspaceId: w.ws, creatorId: rhea, kind: 'link', utmSource: 'rhea', utmCampaign: 'spring' },
      ]);
    await refreshAllPerformanceFacts(db(), w.ws);
    await w.importCsv([
      'c1,c1,2026-03-14T23:59:59Z,10.00,USD,CARA,,,', // the last second before 03-15
      'c2,c2,2026-03-15T00:00:00Z,20.00,USD,CARA,,,', // the first second of 03-15
      'c3,c3,2026-04-10T12:00:00Z,40.00,USD,CARA,,,',
      'c3b,c3,2026-04-20T12:00:00Z,5.00,USD,CARA,,,', // c3 again after 10 days: a repeat
      'c4,c4,2026-05-31T23:59:59Z,80.00,USD,CARA,,,',
      'c5,c5,2026-06-14T23:59:59Z,160.00,USD,CARA,,,', // the last second of 06-14
      'c6,c6,2026-06-15T00:00:00Z,320.00,USD,CARA,,,', // the first second after 06-14
      'r1,r1,2026-03-25T00:00:00Z,100.00,USD,,rhea,spring,', // 5 days after Rhea's post
      'r2,r2,2026-04-05T00:00:00Z,100.00,USD,,rhea,spring,', // 16 days after
      'r3,r3,2026-06-14T12:00:00Z,100.00,USD,,rhea,spring,', // 44 days after the last: outside the window
      'r4,r4,2026-05-03T00:00:00Z,50.00,USD,,rhea,spring,', // 2 days after Rhea's post without agreement
      'm1,m1,2026-03-15T00:00:00Z,7.00,USD,MAX,,,',
      'm2,m2,2026-06-01T00:00:00Z,3.00,USD,MAX,,,',
      'm1b,m1,2026-06-10T00:00:00Z,1.00,USD,MAX,,,', // m1 again: a repeat
    ]);
    await expectConsistent(w.ws);
  });

  it('portfolio from the 15th to the 14th: edge days count, the seconds outside do not', async () => {
    const p = await get('/reports/portfolio?from=2026-03-15&to=2026-06-14');
    // Cara c2 c3 c3b c4 c5 ($305), Rhea r1 r2 r4 ($250), Max m1 m2 m1b ($11): 11 orders, $566.
    // Acquired: c2 c3 c4 c5, r1 r2 r4, m1 m2 = 9; repeaters c3, m1 = 2. Posts in the period:
    // Rhea's two and Max's third.
    expect(p.activeCreators).toBe(3);
    expect(p.totals).toMatchObject({
      posts: 3,
      orders: 11,
      revenueMinor: 56_600,
      customersAcquired: 9,
      repeatCustomers: 2,
      repeatRate: '0.222222', // 2 / 9
    });
  });

  it('partnerships vs one-offs over the same period', async () => {
    const r = await get('/reports/partnerships-vs-one-offs?from=2026-03-15&to=2026-06-14');
    // One-off: Cara's, and Rhea's post without agreement with r4. Partnership: Rhea's retainer
    // post with r1 r2, and Max's (3 posts).
    expect(r.oneOff).toMatchObject({
      posts: 1,
      orders: 6,
      revenueMinor: 35_500,
      customersAcquired: 5,
      repeatCustomers: 1,
    });
    expect(r.partnership).toMatchObject({
      posts: 2,
      orders: 5,
      revenueMinor: 21_100,
      customersAcquired: 4,
      repeatCustomers: 1,
    });
  });

  it('by creator, inside one month, whole months only, and across a year end', async () => {
    const c = await get('/reports/creators?from=2026-03-15&to=2026-06-14');
    const rows = c.creators.map(
      (x: { name: string; group: string; posts: number; orders: number; revenueMinor: number }) => ({
        name: x.name,
        group: x.group,
        posts: x.posts,
        orders: x.orders,
        revenueMinor: x.revenueMinor,
      }),
    );
    expect(rows).toEqual([
      { name: 'Cara', group: 'one_off', posts: 0, orders: 5, revenueMinor: 30_500 },
      { name: 'Max', group: 'partnership', posts: 1, orders: 3, revenueMinor: 1_100 },
      { name: 'Rhea', group: 'partnership', posts: 2, orders: 3, revenueMinor: 25_000 },
    ]);

    // 03-16 … 03-31: only r1 (Rhea) and nothing of Cara's (c2 was on the 15th).
    const march = (await get('/reports/portfolio?from=2026-03-16&to=2026-03-31')).totals;
    expect(march).toMatchObject({ orders: 1, revenueMinor: 10_000, customersAcquired: 1 });
    // April and May exactly: c3 c3b c4, r2 r4 = 5 orders, $275; acquired c3 c4 r2 r4; repeater c3.
    const aprMay = (await get('/reports/portfolio?from=2026-04-01&to=2026-05-31')).totals;
    expect(aprMay).toMatchObject({
      orders: 5,
      revenueMinor: 27_500,
      customersAcquired: 4,
      repeatCustomers: 1,
    });
    // 2025-12-20 … 2026-03-14: only c1 (the last second of 03-14).
    const winter = (await get('/reports/portfolio?from=2025-12-20&to=2026-03-14')).totals;
    expect(winter).toMatchObject({ orders: 1, revenueMinor: 1000, customersAcquired: 1 });
  });
});
