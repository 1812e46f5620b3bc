import type { ImportRun } from '@evergreen/contracts';
import type { Clock } from '@evergreen/core';
import { auditLog, customerFacts, deliverables, orders, queryRows, trackers } from '@evergreen/db';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForImport } from '../testing/factories/imports.ts';
import { ORDERS_HEADER as HEADER, livePost, tracker } from '../testing/factories/performance.ts';
import { createCreator } from '../testing/factories/roster.ts';
import { newWorkspace } from '../testing/factories/workspace.ts';
import { appWithOwner, type Session, type TestApp } from '../testing/harness.ts';

// A fixed clock: "today" is 2026-06-01 (UTC).
const now = new Date('2026-06-01T00:00:00Z');
const clock: Clock = { now: () => now };

let t: TestApp;
let owner: Session;

beforeAll(async () => ({ t, owner } = await appWithOwner('Olga Orders', { clock })));
afterAll(() => t.close());

const DAY = 86_400;

/**
 * A workspace with three creators:
 *   Anna: one live post at 2026-03-01 12:00 UTC; code ANNA10; link anna/spring.
 *   Ben:  one live post at 2026-03-10 00:00 UTC; code BEN5; link ben/spring.
 *   Cara: no posts; code CARA.
 */
async function setup(name: string) {
  const w = await newWorkspace(t, owner, name);
  const { ws } = w;
  const creator = (displayName: string) => createCreator(w, displayName, { tier: 2 });
  const anna = await creator('Anna');
  const ben = await creator('Ben');
  const cara = await creator('Cara');
  const { db } = t.database;
  const annaPost = await livePost(w, anna, '2026-03-01T12:00:00Z');
  const benPost = await livePost(w, ben, '2026-03-10T00:00:00Z');
  await tracker(w, anna, { code: 'ANNA10', utmSource: 'anna' });
  await tracker(w, ben, { code: 'BEN5', utmSource: 'ben' });
  await tracker(w, cara, { code: 'CARA' });

  /** Starts the import through the API and waits for the run to finish. */
  const importCsv = async (rows: string[], mode: 'all_or_nothing' | 'valid_rows' = 'all_or_nothing') => {
    const started = (await w.ok(
      'POST',
      `/imports/orders?mode=${mode}&fileName=orders.csv`,
      [HEADER, ...rows].join('\n'),
    )) as ImportRun;
    expect(started.status).toBe('running');
    return waitForImport(w, started);
  };
  const waitFor = (started: ImportRun) => waitForImport(w, started);
  const order = async (externalId: string) => {
    const [o] = await db
      .select()
      .from(orders)
      .where(and(eq(orders.workspaceId, ws), eq(orders.externalId, externalId)));
    return o!;
  };
  const count = async () =>
    (
      await queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from orders where workspace_id = ${ws}`,
      )
    )[0]!.n;
  return { ...w, importCsv, waitFor, order, count, anna, ben, cara, annaPost, benPost };
}

describe('orders CSV import', () => {
  it('creates orders with exact minor units, normalised codes and UTM, and their attribution', async () => {
    const w = await setup('Import basics');
    const run = await w.importCsv([
      'o1,c1,2026-03-02T12:00:00Z,49.90,USD,anna10,,,',
      'o2,c2,2026-03-05 10:00,1500,JPY,,,,https://shop.example/p?utm_source=Anna&utm_campaign=SPRING',
      'o3,c3,2026-03-06T00:00:00+03:00,10.5,usd,,,,',
    ]);
    expect(run.status).toBe('done');
    expect(run.fileName).toBe('orders.csv');
    expect(run.result).toMatchObject({ totalRows: 3, created: 3, updated: 0, unchanged: 0, wrote: true });

    const o1 = await w.order('o1');
    // 49.90 USD = 4990 cents; code ANNA10 → Anna; her post 03-01 12:00, order 03-02 12:00 → 1 day.
    expect(o1).toMatchObject({
      amountMinor: 4990,
      currency: 'USD',
      amountReportingMinor: 4990,
      promoCode: 'ANNA10',
      attributedCreatorId: w.anna,
      attributedDeliverableId: w.annaPost,
      attributedBy: 'code',
      lagSeconds: DAY,
    });
    const o2 = await w.order('o2');
    // JPY has no minor unit: 1500 JPY = 1500; no JPY→USD rate, so no reporting amount.
    // UTM from the landing URL, lower-cased → Anna's link; 03-01 12:00 → 03-05 10:00 = 3 d 22 h.
    expect(o2).toMatchObject({
      amountMinor: 1500,
      currency: 'JPY',
      amountReportingMinor: null,
      utmSource: 'anna',
      utmCampaign: 'spring',
      attributedCreatorId: w.anna,
      attributedBy: 'link',
      lagSeconds: 3 * DAY + 22 * 3600,
    });
    expect(o2.orderedAt.toISOString()).toBe('2026-03-05T10:00:00.000Z');
    const o3 = await w.order('o3');
    // 10.5 → 1050 cents; 00:00 at +03:00 is 21:00 UTC the day before.
    expect(o3).toMatchObject({
      amountMinor: 1050,
      currency: 'USD',
      attributedCreatorId: null,
      attributedBy: null,
    });
    expect(o3.orderedAt.toISOString()).toBe('2026-03-05T21:00:00.000Z');

    const list = await w.ok('GET', `/orders?creatorId=${w.anna}`);
    expect(list.total).toBe(2);
    expect(list.orders.map((o: { externalId: string }) => o.externalId)).toEqual(['o2', 'o1']);
    expect(list.orders[1].attribution).toEqual({
      creatorId: w.anna,
      creatorName: 'Anna',
      deliverableId: w.annaPost,
      by: 'code',
      lagSeconds: DAY,
    });
    const unattributed = await w.ok('GET', '/orders?attributed=no');
    expect(unattributed.orders.map((o: { externalId: string }) => o.externalId)).toEqual(['o3']);
    const march5 = await w.ok('GET', '/orders?from=2026-03-05&to=2026-03-05');
    expect(march5.orders.map((o: { externalId: string }) => o.externalId)).toEqual(['o3', 'o2']);
  });

  it('refuses a file with a bad row (all_or_nothing) or writes the good rows (valid_rows), naming row and column', async () => {
    const w = await setup('Import errors');
    const rows = [
      'e1,c1,2026-03-02T12:00:00Z,20.00,USD,,,,',
      'e2,c2,2026-03-02T12:00:00Z,12.345,USD,,,,', // row 3: USD has two decimals
      'e3,c3,2026-02-30 10:00,5,USD,,,,', // row 4: 30 February
      'e1,c4,2026-03-03T12:00:00Z,1,USD,,,,', // row 5: same external_id as row 2
    ];
    const refused = await w.importCsv(rows);
    expect(refused.result).toMatchObject({ wrote: false, created: 0, totalRows: 4, errorCount: 3 });
    expect(refused.result!.rowErrors.map((e) => [e.row, e.column, e.code])).toEqual([
      [3, 'amount', 'invalid_money'],
      [4, 'ordered_at', 'invalid_datetime'],
      [5, 'external_id', 'duplicate_in_file'],
    ]);
    expect(await w.count()).toBe(0);

    const partial = await w.importCsv(rows, 'valid_rows');
    expect(partial.result).toMatchObject({ wrote: true, created: 1, skipped: 3, errorCount: 3 });
    expect(await w.count()).toBe(1);
    expect((await w.order('e1')).amountMinor).toBe(2000);

    // A file-level problem fails the run with a message.
    const started = (await w.ok('POST', '/imports/orders', 'external_id,amount\nx,1')) as ImportRun;
    const run = await w.waitFor(started);
    expect(run.status).toBe('failed');
    expect(run.error).toContain('customer_id');
    const listed = await w.ok('GET', '/imports');
    // The clock is fixed, so the three runs share a start time: compare as a set.
    expect(listed.imports.map((r: ImportRun) => r.status).sort()).toEqual(['done', 'done', 'failed']);
  });

  it('is idempotent on external_id: the same file changes nothing, a changed row is updated', async () => {
    const w = await setup('Import idempotent');
    const rows = ['r1,c1,2026-03-02T12:00:00Z,49.90,USD,ANNA10,,,', 'r2,c2,2026-03-03T12:00:00Z,10,USD,,,,'];
    expect((await w.importCsv(rows)).result).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    const id = (await w.order('r1')).id;
    expect((await w.importCsv(rows)).result).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    const changed = await w.importCsv(['r1,c1,2026-03-02T12:00:00Z,59.90,USD,ANNA10,,,', rows[1]!]);
    expect(changed.result).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    const r1 = await w.order('r1');
    expect(r1.id).toBe(id);
    expect(r1.amountMinor).toBe(5990);
    expect(await w.count()).toBe(2);
  });
});

describe('attribution through real imports', () => {
  it('gets the edge cases right', async () => {
    const w = await setup('Attribution edges');
    await w.importCsv([
      // Ben's code and Anna's link on one order: the code wins. Ben posted 03-10 00:00 → 1 day.
      'a1,k1,2026-03-11T00:00:00Z,10,USD,BEN5,anna,spring,',
      // Before any of Anna's posts, only her link: not attributed.
      'a2,k2,2026-02-01T00:00:00Z,10,USD,,anna,spring,',
      // Anna posted 03-01 12:00; + 30 days exactly = 03-31 12:00:00 → attributed; one second later → not.
      'a3,k3,2026-03-31T12:00:00Z,10,USD,,anna,spring,',
      'a4,k4,2026-03-31T12:00:01Z,10,USD,,anna,spring,',
      // Cara's code, Cara has no post: hers by code, no post, no lag.
      'a5,k5,2026-04-01T00:00:00Z,10,USD,CARA,,,',
      // k6 is acquired by Anna (code), then orders with Ben's code 22 days after Ben's post.
      'a6,k6,2026-03-02T00:00:00Z,10,USD,ANNA10,,,',
      'a7,k6,2026-04-01T00:00:00Z,10,USD,BEN5,,,',
    ]);
    const a1 = await w.order('a1');
    expect(a1).toMatchObject({
      attributedCreatorId: w.ben,
      attributedBy: 'code',
      attributedDeliverableId: w.benPost,
      lagSeconds: DAY,
    });
    expect(await w.order('a2')).toMatchObject({
      attributedCreatorId: null,
      attributedBy: null,
      lagSeconds: null,
    });
    expect(await w.order('a3')).toMatchObject({
      attributedCreatorId: w.anna,
      attributedBy: 'link',
      attributedDeliverableId: w.annaPost,
      lagSeconds: 30 * DAY,
    });
    expect(await w.order('a4')).toMatchObject({ attributedCreatorId: null, attributedDeliverableId: null });
    expect(await w.order('a5')).toMatchObject({
      attributedCreatorId: w.cara,
      attributedBy: 'code',
      attributedDeliverableId: null,
      lagSeconds: null,
    });
    const a6 = await w.order('a6');
    const a7 = await w.order('a7');
    // 03-10 00:00 → 04-01 00:00 = 22 days.
    expect(a7).toMatchObject({ attributedCreatorId: w.ben, attributedBy: 'code', lagSeconds: 22 * DAY });
    const [facts] = await t.database.db
      .select()
      .from(customerFacts)
      .where(and(eq(customerFacts.workspaceId, w.ws), eq(customerFacts.customerId, 'k6')));
    expect(facts).toMatchObject({
      firstOrderId: a6.id,
      acquiredByCreatorId: w.anna,
      orderCount: 2,
    });
    expect(facts!.secondOrderedAt?.toISOString()).toBe('2026-04-01T00:00:00.000Z');
  });

  it('picks the latest post at or before the order, the same on a first import and on later ones', async () => {
    // Dana: two posts at the very same time (04-01 10:00), one at 04-05 00:00, one not live.
    const rows = [
      'd1,n1,2026-03-01T00:00:00Z,10,USD,DANA,,,', // before any post: hers by code, no post
      'd2,n2,2026-04-01T10:00:00Z,10,USD,DANA,,,', // at the posts' time: lag 0
      'd3,n3,2026-04-03T10:00:00Z,10,USD,,dana,always,', // 2 days after, by link
      'd4,n4,2026-04-06T00:00:00Z,10,USD,dana,,,', // after the 04-05 post: 1 day
      'd5,n5,2026-05-06T00:00:01Z,10,USD,,dana,always,', // 31 days + 1 s after 04-05: out of the window
    ];
    const check = async (name: string, firstImport: string[]) => {
      const w = await setup(name);
      const { db } = t.database;
      const dana = (await w.ok('POST', '/creators', { displayName: 'Dana', status: 'active', tier: 2 }))
        .id as string;
      const post = async (postedAt: string, status: 'live' | 'approved' = 'live') =>
        (
          await db
            .insert(deliverables)
            .values({
              workspaceId: w.ws,
              creatorId: dana,
              type: 'sponsored_post',
              sponsored: true,
              status,
              postedAt: new Date(postedAt),
            })
            .returning({ id: deliverables.id })
        )[0]!.id;
      const twin1 = await post('2026-04-01T10:00:00Z');
      const twin2 = await post('2026-04-01T10:00:00Z');
      const later = await post('2026-04-05T00:00:00Z');
      await post('2026-04-05T12:00:00Z', 'approved');
      await db.insert(trackers).values([
        { workspaceId: w.ws, creatorId: dana, kind: 'promo_code', code: 'DANA' },
        { workspaceId: w.ws, creatorId: dana, kind: 'link', utmSource: 'dana', utmCampaign: 'always' },
      ]);
      if (firstImport.length) await w.importCsv(firstImport);
      const run = await w.importCsv(rows);
      expect(run.result).toMatchObject({ created: 5, updated: 0 });
      // Among posts of the same time the highest id wins (uuids order as their hex text).
      const twin = [twin1, twin2].sort().at(-1);
      const expected = {
        d1: {
          attributedCreatorId: dana,
          attributedBy: 'code',
          attributedDeliverableId: null,
          lagSeconds: null,
        },
        d2: { attributedCreatorId: dana, attributedBy: 'code', attributedDeliverableId: twin, lagSeconds: 0 },
        d3: {
          attributedCreatorId: dana,
          attributedBy: 'link',
          attributedDeliverableId: twin,
          lagSeconds: 2 * DAY,
        },
        d4: {
          attributedCreatorId: dana,
          attributedBy: 'code',
          attributedDeliverableId: later,
          lagSeconds: DAY,
        },
        d5: {
          attributedCreatorId: null,
          attributedBy: null,
          attributedDeliverableId: null,
          lagSeconds: null,
        },
      };
      for (const [id, want] of Object.entries(expected)) expect(await w.order(id), id).toMatchObject(want);
      const facts = await db
        .select()
        .from(customerFacts)
        .where(eq(customerFacts.workspaceId, w.ws))
        .orderBy(customerFacts.customerId);
      expect(
        facts.filter((f) => f.customerId.startsWith('n')).map((f) => [f.customerId, f.acquiredByCreatorId]),
      ).toEqual([
        ['n1', dana],
        ['n2', dana],
        ['n3', dana],
        ['n4', dana],
        ['n5', null],
      ]);
    };
    // The workspace's first orders (one statement writes orders and customer facts) …
    await check('Latest post, first import', []);
    // … and orders arriving after others (conflict checks, facts of the changed customers).
    await check('Latest post, later import', ['z1,zz,2026-01-01T00:00:00Z,10,USD,,,,']);
  });

  it('re-attributes every order when the window changes, and audits the change', async () => {
    const w = await setup('Attribution window');
    // Anna's post 03-01 12:00; the order 8 days later: inside 30 days, outside 7.
    await w.importCsv(['w1,m1,2026-03-09T12:00:00Z,10,USD,,anna,spring,']);
    expect((await w.order('w1')).attributedCreatorId).toBe(w.anna);
    const before = await w.ok('GET', '');
    expect(before).toMatchObject({ attributionWindowDays: 30, repeatHorizonDays: 180 });

    const bad = await w.call('PATCH', '', { attributionWindowDays: 0 });
    expect(bad.statusCode).toBe(400);
    const saved = await w.ok('PATCH', '', { attributionWindowDays: 7, repeatHorizonDays: 90 });
    expect(saved).toMatchObject({ attributionWindowDays: 7, repeatHorizonDays: 90 });
    expect(await w.order('w1')).toMatchObject({
      attributedCreatorId: null,
      attributedBy: null,
      lagSeconds: null,
    });
    const [facts] = await t.database.db
      .select()
      .from(customerFacts)
      .where(and(eq(customerFacts.workspaceId, w.ws), eq(customerFacts.customerId, 'm1')));
    expect(facts!.acquiredByCreatorId).toBeNull();
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, w.ws), eq(auditLog.action, 'workspace.updated')));
    expect(audits.at(-1)!.changes).toEqual({
      attributionWindowDays: { from: 30, to: 7 },
      repeatHorizonDays: { from: 180, to: 90 },
    });

    // Back to 8 days: attributed again, lag 8 days.
    await w.ok('PATCH', '', { attributionWindowDays: 8 });
    expect(await w.order('w1')).toMatchObject({ attributedCreatorId: w.anna, lagSeconds: 8 * DAY });
  });
});
