import type { Clock } from '@evergreen/core';
import { auditLog } from '@evergreen/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  importOrdersCsv,
  livePost,
  ORDERS_HEADER,
  refreshFacts,
  tracker,
} from '../testing/factories/performance.ts';
import { createCreator } from '../testing/factories/roster.ts';
import { newWorkspace, type WorkspaceClient } from '../testing/factories/workspace.ts';
import { createTestApp, type Session, type TestApp } from '../testing/harness.ts';
import { type PortalSession, portalCall, portalSignIn } from '../testing/route-walk.ts';

/**
 * The creator's read side and voice in the portal (docs/portal.md): results against their own
 * earlier work, what the brand learned, feedback into the insights log, the overlap calendar.
 * Today is 2026-05-04 (UTC): the recent span is 2026-02-04 … 2026-05-04, the earlier one
 * 2025-11-06 … 2026-02-03.
 */

const now = new Date('2026-05-04T09:00:00Z');
const clock: Clock = { now: () => now };

let t: TestApp;
let owner: Session;
let w: WorkspaceClient;
let other: WorkspaceClient;
let ana: string;
let bo: string;
let anaPortal: PortalSession;
let boPortal: PortalSession;
const posts: string[] = [];

const get = async (p: PortalSession, url: string) => {
  const res = await portalCall(t, p, { method: 'GET', url: `/api/v1/portal${url}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const snapshot = (id: string, capturedAt: string, m: Record<string, number>) =>
  w.ok('POST', `/deliverables/${id}/snapshots`, { capturedAt, ...m });

beforeAll(async () => {
  t = await createTestApp({ clock });
  owner = await t.signUp('Rita Results');
  w = await newWorkspace(t, owner, 'Northwind results');
  other = await newWorkspace(t, owner, 'Elsewhere');
  ana = await createCreator(w, 'Ana Results', { email: 'ana.results@example.test', markets: ['DE'] });
  bo = await createCreator(w, 'Bo Rival', { email: 'bo.rival@example.test', markets: ['DE'] });
  // Ana's three sponsored posts (engagements = likes + comments + shares + saves; rate = ÷ reach):
  //   #1 2026-01-10: 40 + 10 = 50 / 1000 = 0.05
  //   #2 2026-03-01: 150 + 30 + 10 + 10 = 200 / 2000 = 0.1
  //   #3 2026-04-20: 20 + 5 = 25 / 500 = 0.05
  // Her average: (0.05 + 0.1 + 0.05) / 3 = 0.0666…; #2 is 0.0333… above it, #1 and #3 0.0166… below.
  for (const [at, m] of [
    ['2026-01-10T12:00:00Z', { reach: 1000, likes: 40, comments: 10 }],
    ['2026-03-01T12:00:00Z', { reach: 2000, likes: 150, comments: 30, shares: 10, saves: 10 }],
    ['2026-04-20T12:00:00Z', { reach: 500, likes: 20, comments: 5 }],
  ] as const) {
    const id = await livePost(w, ana, at);
    await snapshot(id, at.replace('12:00', '18:00'), m);
    posts.push(id);
  }
  // Bo: a post with a far better rate (50 / 100) and an order: never in Ana's results.
  const boPost = await livePost(w, bo, '2026-03-02T12:00:00Z');
  await snapshot(boPost, '2026-03-02T18:00:00Z', { reach: 100, likes: 50 });
  await tracker(w, ana, { code: 'ANA10' });
  await tracker(w, bo, { code: 'BO5' });
  await refreshFacts(w);
  await importOrdersCsv(
    w,
    `${ORDERS_HEADER}
o1,c1,2026-01-12 10:00,50,USD,ANA10,,,
o2,c2,2026-03-03 10:00,80,USD,ANA10,,,
o3,c3,2026-03-05 10:00,20,USD,ANA10,,,
o4,c4,2026-03-04 10:00,999,USD,BO5,,,
`,
  );
  await refreshFacts(w);
  ({ session: anaPortal } = await portalSignIn(t, {
    session: owner,
    workspaceId: w.ws,
    ids: { creatorId: ana },
  }));
  ({ session: boPortal } = await portalSignIn(t, {
    session: owner,
    workspaceId: w.ws,
    ids: { creatorId: bo },
  }));
});
afterAll(() => t.close());

describe('portal results', () => {
  it('shows her posts by number, against her own average and her own earlier 90 days', async () => {
    const r = await get(anaPortal, '/results');
    expect(r.currency).toBe('USD');
    expect(r.averageEngagementRate).toBe('0.066667');
    expect(
      r.posts.map((p: Record<string, unknown>) => [
        p.ordinal,
        p.reach,
        p.engagements,
        p.engagementRate,
        p.vsAverage,
      ]),
    ).toEqual([
      [1, 1000, 50, '0.050000', '-0.016667'],
      [2, 2000, 200, '0.100000', '0.033333'],
      [3, 500, 25, '0.050000', '-0.016667'],
    ]);
    // Orders by post: o1 after #1; o2 and o3 after #2 (50 + 80 + 20 dollars, in cents).
    expect(r.posts.map((p: Record<string, number>) => [p.orders, p.revenueMinor])).toEqual([
      [1, 5000],
      [2, 10000],
      [0, 0],
    ]);
    // Recent 2026-02-04 … 2026-05-04: #2 and #3, reach 2500, mean rate (0.1 + 0.05) / 2, o2 + o3.
    expect(r.recent).toEqual({
      from: '2026-02-04',
      to: '2026-05-04',
      posts: 2,
      reach: 2500,
      engagementRate: '0.075000',
      orders: 2,
      revenueMinor: 10000,
      customersAcquired: 2,
    });
    // Earlier 2025-11-06 … 2026-02-03: #1 and o1.
    expect(r.earlier).toEqual({
      from: '2025-11-06',
      to: '2026-02-03',
      posts: 1,
      reach: 1000,
      engagementRate: '0.050000',
      orders: 1,
      revenueMinor: 5000,
      customersAcquired: 1,
    });
    expect(r.trackers).toEqual([{ kind: 'promo_code', label: 'ANA10', orders: 3, revenueMinor: 15000 }]);
    // Nothing of Bo's: no id, no name, not his code, not his 999 dollars.
    const text = JSON.stringify(r);
    for (const leak of [bo, 'Bo Rival', 'BO5', '99900']) expect(text).not.toContain(leak);
  });

  it('shows what the brand learned: only insights shared with her, off by default', async () => {
    const kept = await w.ok('POST', `/creators/${ana}/insights`, { kind: 'trend', body: 'Team-only note' });
    expect(kept.sharedWithCreator).toBe(false);
    const shared = await w.ok('POST', `/creators/${ana}/insights`, {
      kind: 'resonates',
      market: 'DE',
      product: 'Oat Milk',
      body: 'Morning routines convert best',
    });
    const boShared = await w.ok('POST', `/creators/${bo}/insights`, { kind: 'trend', body: 'Bo only' });
    expect((await get(anaPortal, '/results')).learned).toEqual([]);
    const patched = await w.ok('PATCH', `/insights/${shared.id}`, { sharedWithCreator: true });
    expect(patched.sharedWithCreator).toBe(true);
    await w.ok('PATCH', `/insights/${boShared.id}`, { sharedWithCreator: true });
    expect((await get(anaPortal, '/results')).learned).toEqual([
      {
        id: shared.id,
        kind: 'resonates',
        market: 'DE',
        product: 'Oat Milk',
        body: 'Morning routines convert best',
        heardOn: '2026-05-04',
      },
    ]);
    // Another workspace's owner cannot share it (404), nor can a portal session (401).
    const foreign = await other.call('PATCH', `/insights/${shared.id}`, { sharedWithCreator: false });
    expect(foreign.statusCode).toBe(404);
    const asCreator = await portalCall(t, anaPortal, {
      method: 'PATCH',
      url: w.api(`/insights/${shared.id}`),
      payload: { sharedWithCreator: false },
    });
    expect(asCreator.statusCode).toBe(401);
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, w.ws), eq(auditLog.action, 'insight.shared')));
    expect(audit?.changes).toEqual({ sharedWithCreator: true });
  });
});

describe('portal feedback and market insights', () => {
  it("lands in the workspace's insights log and on her timeline as hers, from the portal", async () => {
    const res = await portalCall(t, anaPortal, {
      method: 'POST',
      url: '/api/v1/portal/insights',
      payload: { kind: 'product_feedback', market: 'DE', product: 'Oat Milk', body: 'Foams badly cold' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const sent = res.json();
    expect(sent).toMatchObject({ kind: 'product_feedback', market: 'DE', heardOn: '2026-05-04' });
    const log = (await w.ok('GET', '/insights?kind=product_feedback')).insights;
    expect(log).toEqual([
      {
        id: sent.id,
        creatorId: ana,
        creatorName: 'Ana Results',
        kind: 'product_feedback',
        market: 'DE',
        product: 'Oat Milk',
        body: 'Foams badly cold',
        heardOn: '2026-05-04',
        byName: null,
        source: 'portal',
        sharedWithCreator: false,
      },
    ]);
    const timeline = await w.ok('GET', `/creators/${ana}/timeline`);
    expect(JSON.stringify(timeline)).toContain('Foams badly cold');
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, sent.id), eq(auditLog.action, 'insight.recorded')));
    expect(audit).toMatchObject({ changes: { creatorId: ana, kind: 'product_feedback', byCreator: ana } });
    // She sees what she sent; Bo sees none of it.
    expect((await get(anaPortal, '/insights')).insights.map((i: { id: string }) => i.id)).toEqual([sent.id]);
    expect((await get(boPortal, '/insights')).insights).toEqual([]);
  });

  it('keeps every one of several notes sent at once, each on the timeline once', async () => {
    const bodies = ['Race one', 'Race two', 'Race three', 'Race four', 'Race five'];
    const answers = await Promise.all(
      bodies.map((body) =>
        portalCall(t, boPortal, {
          method: 'POST',
          url: '/api/v1/portal/insights',
          payload: { kind: 'trend', body },
        }),
      ),
    );
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 200, 200]);
    const log = (await w.ok('GET', `/insights?creatorId=${bo}&q=Race`)).insights as { body: string }[];
    expect(log.map((i) => i.body).sort()).toEqual([...bodies].sort());
    const timeline = JSON.stringify(await w.ok('GET', `/creators/${bo}/timeline`));
    for (const b of bodies) expect(timeline.split(b).length - 1, b).toBe(1);
  });

  it('names the field on bad input', async () => {
    for (const [payload, field] of [
      [{ kind: 'gossip', body: 'x' }, 'kind'],
      [{ kind: 'trend', body: '' }, 'body'],
      [{ kind: 'trend', body: 'x', market: 'Germany' }, 'market'],
    ] as const) {
      const res = await portalCall(t, anaPortal, { method: 'POST', url: '/api/v1/portal/insights', payload });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain(field);
    }
  });
});

describe('portal overlap calendar', () => {
  it('shows busy periods on her product in her market, never who', async () => {
    const cy = await createCreator(w, 'Cy France', { markets: ['FR'] });
    const dee = await createCreator(w, 'Dee Almond', { markets: ['DE'] });
    const camp = async (
      name: string,
      products: string[],
      markets: string[],
      startsOn: string,
      endsOn: string,
    ) => (await w.ok('POST', '/campaigns', { name, products, markets, startsOn, endsOn })).id as string;
    const spring = await camp('Spring oat', ['Oat Milk'], ['DE', 'AT'], '2026-05-10', '2026-05-31');
    const boLaunch = await camp('Bo launch', ['oat milk'], [], '2026-05-01', '2026-06-30');
    const almond = await camp('Almond', ['Almond'], ['DE'], '2026-05-01', '2026-05-31');
    const past = await camp('Winter', ['Oat Milk'], ['DE'], '2026-01-01', '2026-04-01');
    const post = (creatorId: string, campaignId: string, dueOn: string, title?: string) =>
      w.ok('POST', '/deliverables', {
        creatorId,
        campaignId,
        type: 'reel',
        dueOn,
        ...(title ? { title } : {}),
      });
    await post(ana, spring, '2026-05-15', 'My spring reel');
    await post(ana, past, '2026-02-01');
    // Bo (DE) on oat milk: 05-14 and 05-15 (one period, 2 posts), 05-20, and 06-02 (after the window).
    await post(bo, boLaunch, '2026-05-14');
    await post(bo, boLaunch, '2026-05-15');
    await post(bo, boLaunch, '2026-05-20');
    await post(bo, boLaunch, '2026-06-02');
    // Cy is in the same campaign but in France; Dee is in Germany but on almonds: neither overlaps.
    await post(cy, spring, '2026-05-16');
    await post(dee, almond, '2026-05-15');
    const o = await get(anaPortal, '/overlap');
    expect(o).toEqual({
      windows: [
        {
          campaign: 'Spring oat',
          from: '2026-05-10',
          to: '2026-05-31',
          products: ['Oat Milk'],
          markets: ['DE'],
          myPosts: [{ title: 'My spring reel', on: '2026-05-15' }],
          busy: [
            { product: 'Oat Milk', market: 'DE', from: '2026-05-14', to: '2026-05-15', posts: 2 },
            { product: 'Oat Milk', market: 'DE', from: '2026-05-20', to: '2026-05-20', posts: 1 },
          ],
        },
      ],
    });
    const text = JSON.stringify(o);
    for (const leak of [bo, cy, dee, 'Bo', 'Cy', 'Dee', boLaunch]) expect(text).not.toContain(leak);
    // Bo's own calendar sees Ana's reel as busy, again without her name.
    const boView = await get(boPortal, '/overlap');
    const boText = JSON.stringify(boView);
    expect(boText).not.toContain('Ana');
    expect(boText).not.toContain(ana);
  });
});
