import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinWorkspace } from '../testing/factories/team.ts';
import { createTestApp, type Session, type TestApp } from '../testing/harness.ts';
import {
  bodies,
  body,
  type Fixture,
  fill,
  fixture,
  headersFor,
  idsOf,
  type PortalSession,
  portalBodies,
  portalBody,
  portalCall,
  portalSignIn,
  tinyInvoice,
  tinyScreenshot,
} from '../testing/route-walk.ts';

/**
 * Walks every route under /workspaces/:workspaceId (from the app's own route table, so a
 * new route is covered the day it is added) and tries to break tenant isolation and roles.
 */

let t: TestApp;
let a: Fixture;
let b: Fixture;
let analyst: Session;
let manager: Session;

const scopedRoutes = () =>
  t.app.routeTable.filter((r) => r.url.startsWith('/api/v1/workspaces/:workspaceId'));

beforeAll(async () => {
  t = await createTestApp();
  a = await fixture(t, 'Alpha');
  b = await fixture(t, 'Beta');
  analyst = await t.signUp('Ann Analyst');
  manager = await t.signUp('Max Manager');
  for (const [who, role] of [
    [analyst, 'analyst'],
    [manager, 'manager'],
  ] as const) {
    await joinWorkspace(t, a.session, a.workspaceId, who, role);
  }
});
afterAll(() => t.close());

describe('tenant isolation', () => {
  it('covers every workspace route with a body fixture', () => {
    const writes = scopedRoutes().filter((r) => r.method !== 'GET');
    expect(writes.length).toBeGreaterThanOrEqual(10);
    for (const r of writes)
      expect(Object.keys(bodies), `${r.method} ${r.url}`).toContain(`${r.method} ${r.url}`);
  });

  it("answers 404 to a member of A for every route of B's workspace", async () => {
    for (const r of scopedRoutes()) {
      const res = await t.call(a.session, {
        method: r.method as 'GET',
        url: fill(r.url, b.workspaceId, b.ids),
        payload: body(r, b.ids),
      });
      expect(res.statusCode, `${r.method} ${r.url}: ${res.body}`).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
  });

  it("answers 404 for B's ids used inside A's workspace", async () => {
    // `:kind` (imports/:kind) names a kind of file and `:table` (portfolio/:table.csv) a table,
    // not a record: the same in every workspace.
    const withIds = scopedRoutes().filter((r) => /:(?!workspaceId|kind\b|table\b)\w+/.test(r.url));
    expect(withIds.length).toBeGreaterThanOrEqual(6);
    for (const r of withIds) {
      const res = await t.call(a.session, {
        method: r.method as 'GET',
        url: fill(r.url, a.workspaceId, b.ids),
        payload: body(r, b.ids),
      });
      expect(res.statusCode, `${r.method} ${r.url}: ${res.body}`).toBe(404);
    }
  });

  it("answers 404 to A's API token for every route of B's workspace", async () => {
    const { secret } = (
      await t.call(a.session, {
        method: 'POST',
        url: `/api/v1/workspaces/${a.workspaceId}/tokens`,
        payload: { name: 'm', role: 'manager' },
      })
    ).json();
    for (const r of scopedRoutes()) {
      const res = await t.callToken(secret, {
        method: r.method as 'GET',
        url: fill(r.url, b.workspaceId, b.ids),
        payload: body(r, b.ids),
      });
      expect(res.statusCode, `${r.method} ${r.url}: ${res.body}`).toBe(404);
    }
  });

  it("refuses B's creators in a bulk action inside A's workspace, changing nothing", async () => {
    const res = await t.call(a.session, {
      method: 'POST',
      url: `/api/v1/workspaces/${a.workspaceId}/creators/bulk`,
      payload: { ids: [a.ids.creatorId, b.ids.creatorId], action: { type: 'add_tag', tag: 'stolen' } },
    });
    expect(res.statusCode).toBe(404);
    const mine = (
      await t.call(a.session, {
        method: 'GET',
        url: `/api/v1/workspaces/${a.workspaceId}/creators/${a.ids.creatorId}`,
      })
    ).json();
    expect(mine.tags).not.toContain('stolen');
    const theirs = (
      await t.call(b.session, {
        method: 'GET',
        url: `/api/v1/workspaces/${b.workspaceId}/creators/${b.ids.creatorId}`,
      })
    ).json();
    expect(theirs.tags).not.toContain('stolen');
  });

  it('answers 401 to anonymous callers on every workspace route', async () => {
    for (const r of scopedRoutes()) {
      const res = await t.app.inject({
        method: r.method as 'GET',
        url: fill(r.url, a.workspaceId, a.ids),
        payload: body(r, a.ids),
      });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
    }
  });

  it('lists only the workspaces a user belongs to', async () => {
    const list = (await t.call(a.session, { method: 'GET', url: '/api/v1/workspaces' })).json();
    expect(list.map((w: { id: string }) => w.id)).toEqual([a.workspaceId]);
  });
});

/**
 * The creator portal (docs/decisions/0012-creator-portal-access.md): every `/api/v1/portal` route
 * from the route table, with another creator's ids, another workspace's ids, a used link, a team
 * session and token; and a portal session on every team route.
 */
describe('creator portal isolation', () => {
  const portalRoutes = () => t.app.routeTable.filter((r) => r.url.startsWith('/api/v1/portal/'));
  /** Routes that act for a signed-in creator (all but asking for a link and signing in). */
  const signedIn = () =>
    portalRoutes().filter((r) => !r.url.startsWith('/api/v1/portal/auth/') || r.url.endsWith('/sign-out'));
  let creatorA: PortalSession;
  let usedToken: string;
  /** Records of A's second creator, sent or scheduled, so that only the creator decides access. */
  let sibling: Record<string, string>;

  beforeAll(async () => {
    ({ session: creatorA, usedToken } = await portalSignIn(t, a));
    const post = async (url: string, payload: object) =>
      (
        await t.call(a.session, { method: 'POST', url: `/api/v1/workspaces/${a.workspaceId}${url}`, payload })
      ).json();
    const camp = await post('/campaigns', { name: 'Sibling', startsOn: '2026-08-01', endsOn: '2026-08-31' });
    const brief = await post(`/campaigns/${camp.id}/briefs`, {
      creatorId: a.ids.creator2Id,
      title: 'Theirs',
    });
    await post(`/campaigns/${camp.id}/briefs/${brief.id}/send`, {});
    const agreement = await post('/agreements', {
      creatorId: a.ids.creator2Id,
      type: 'one_off',
      startsOn: '2099-02-01',
      termMonths: 1,
      currency: 'USD',
    });
    await post(`/agreements/${agreement.id}/send`, {});
    const deliverable = await post('/deliverables', { creatorId: a.ids.creator2Id, type: 'reel' });
    // A payment of the second creator, with an invoice: the creator's own payment ids do not reach it.
    await post('/deliverables', {
      creatorId: a.ids.creator2Id,
      type: 'reel',
      status: 'approved',
      costMinor: 20_000,
      costCurrency: 'USD',
    });
    const generated = (await post('/payments/generate', {})).payments as { id: string; creatorId: string }[];
    const payment = generated.find((p) => p.creatorId === a.ids.creator2Id)!;
    const invoice = await post(`/payments/${payment.id}/invoices`, tinyInvoice);
    const screenshot = await post(`/deliverables/${deliverable.id}/screenshots`, tinyScreenshot);
    sibling = {
      ...a.ids,
      briefId: brief.id,
      agreementId: agreement.id,
      deliverableId: deliverable.id,
      paymentId: payment.id,
      invoiceId: invoice.id,
      screenshotId: screenshot.id,
    };
  });

  it('covers every portal write route with a body fixture', () => {
    const writes = portalRoutes().filter((r) => r.method !== 'GET');
    expect(writes.length).toBeGreaterThanOrEqual(9);
    for (const r of writes)
      expect(Object.keys(portalBodies), `${r.method} ${r.url}`).toContain(`${r.method} ${r.url}`);
  });

  it("answers 404 to A's creator for another creator's records and for B's records", async () => {
    const withIds = signedIn().filter((r) => /:\w+/.test(r.url));
    expect(withIds.length).toBeGreaterThanOrEqual(8);
    for (const ids of [sibling, b.ids])
      for (const r of withIds) {
        const res = await portalCall(t, creatorA, {
          method: r.method as 'GET',
          url: fill(r.url, '', ids),
          payload: portalBody(r, ids),
        });
        expect(res.statusCode, `${r.method} ${r.url}: ${res.body}`).toBe(404);
      }
  });

  it("lists only what is A's creator's own", async () => {
    for (const [url, key] of [
      ['/api/v1/portal/briefs', 'creatorId'],
      ['/api/v1/portal/deliverables', 'creatorId'],
      ['/api/v1/portal/payments', 'creatorId'],
    ] as const) {
      const rows = (await portalCall(t, creatorA, { method: 'GET', url })).json() as Record<string, string>[];
      expect(
        rows.every((x) => x[key] === a.ids.creatorId),
        url,
      ).toBe(true);
    }
    const me = (await portalCall(t, creatorA, { method: 'GET', url: '/api/v1/portal/me' })).json();
    expect(me.workspace.id).toBe(a.workspaceId);
    // Results, feedback and the overlap calendar carry no other creator's or workspace's ids.
    for (const url of ['/api/v1/portal/results', '/api/v1/portal/insights', '/api/v1/portal/overlap']) {
      const res = await portalCall(t, creatorA, { method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      for (const other of [a.ids.creator2Id, a.ids.spareCreatorId, b.ids.creatorId, b.workspaceId])
        expect(res.body, url).not.toContain(other);
    }
  });

  it('answers 401 on every signed-in portal route to a team session, an API token, a used link, and nobody', async () => {
    const { secret } = (
      await t.call(a.session, {
        method: 'POST',
        url: `/api/v1/workspaces/${a.workspaceId}/tokens`,
        payload: { name: 'portal walk', role: 'manager' },
      })
    ).json();
    const reused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/auth/sign-in',
      payload: { token: usedToken },
    });
    expect(reused.statusCode).toBe(401);
    expect(reused.cookies.find((c) => c.name === 'evg_portal')).toBeUndefined();
    for (const r of signedIn()) {
      const opts = { method: r.method as 'GET', url: fill(r.url, '', a.ids), payload: portalBody(r, a.ids) };
      const team = await t.call(a.session, opts);
      expect(team.statusCode, `team session ${r.method} ${r.url}`).toBe(401);
      const token = await t.callToken(secret, opts);
      expect(token.statusCode, `token ${r.method} ${r.url}`).toBe(401);
      const nobody = await t.app.inject(opts);
      expect(nobody.statusCode, `anonymous ${r.method} ${r.url}`).toBe(401);
    }
  });

  it('answers 401 to a portal session on every team route', async () => {
    const team = t.app.routeTable.filter(
      (r) =>
        r.url.startsWith('/api/v1/workspaces/:workspaceId') ||
        (r.method === 'GET' && (r.url === '/api/v1/auth/me' || r.url === '/api/v1/workspaces')),
    );
    expect(team.length).toBeGreaterThanOrEqual(100);
    for (const r of team) {
      const res = await portalCall(t, creatorA, {
        method: r.method as 'GET',
        url: fill(r.url, a.workspaceId, a.ids),
        payload: body(r, a.ids),
        headers: headersFor[`${r.method} ${r.url}`]?.() ?? {},
      });
      expect(res.statusCode, `${r.method} ${r.url}: ${res.body}`).toBe(401);
    }
  });

  it('answers 4xx, never 5xx, to hostile values in every portal write body and path', async () => {
    const hostile: unknown[] = ['\u0000', 'x\ud800', 12345, null, [], 'a'.repeat(100_000)];
    // (Unknown keys inside an object are dropped by the schemas: a nested object is not hostile.)
    const writes = portalRoutes().filter((x) => x.method !== 'GET' && !x.url.endsWith('/sign-out'));
    let requests = 0;
    for (const r of writes) {
      const valid = portalBody(r, a.ids) as Record<string, unknown>;
      const url = fill(r.url, '', a.ids);
      const cases: { url: string; payload: unknown }[] = [{ url, payload: ['not an object'] }];
      for (const k of Object.keys(valid))
        for (const v of hostile) cases.push({ url, payload: { ...valid, [k]: v } });
      if (/:\w+/.test(r.url))
        cases.push({ url: url.replace(/\/([^/]+)\/([^/]+)$/, '/$1%00/$2'), payload: valid });
      for (const c of cases) {
        requests++;
        const res = await portalCall(t, creatorA, {
          method: r.method as 'POST',
          url: c.url,
          payload: c.payload as object,
        });
        const what = `${r.method} ${c.url} ${JSON.stringify(c.payload).slice(0, 60)}: ${res.body.slice(0, 200)}`;
        expect(res.statusCode, what).toBeGreaterThanOrEqual(400);
        expect(res.statusCode, what).toBeLessThan(500);
      }
    }
    expect(requests).toBeGreaterThanOrEqual(50);
  });
});

describe('roles', () => {
  it('answers 403 to an analyst on every write, except the few routes open to analysts', async () => {
    const writes = scopedRoutes().filter((x) => x.method !== 'GET');
    // Only routes about the analyst's own things (their calendar feed) say minRole 'analyst'.
    expect(writes.filter((r) => r.minRole === 'analyst').map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST /api/v1/workspaces/:workspaceId/calendar-feed',
      'DELETE /api/v1/workspaces/:workspaceId/calendar-feed',
    ]);
    for (const r of writes) {
      const res = await t.call(analyst, {
        method: r.method as 'POST',
        url: fill(r.url, a.workspaceId, a.ids),
        payload: body(r, a.ids),
      });
      if (r.minRole === 'analyst') {
        expect(res.statusCode, `${r.method} ${r.url}: ${res.body}`).toBe(200);
        continue;
      }
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    }
  });

  it('lets an analyst read what is not owner-only, and refuses the owner-only pages', async () => {
    for (const r of scopedRoutes().filter((x) => x.method === 'GET')) {
      const res = await t.call(analyst, { method: 'GET', url: fill(r.url, a.workspaceId, a.ids) });
      expect(res.statusCode, r.url).toBe(r.minRole === 'owner' ? 403 : 200);
    }
  });

  it('answers 403 to a manager on owner-only routes', async () => {
    const ownerOnly = scopedRoutes().filter((r) => r.minRole === 'owner');
    expect(ownerOnly.length).toBeGreaterThanOrEqual(10);
    for (const r of ownerOnly) {
      const res = await t.call(manager, {
        method: r.method as 'POST',
        url: fill(r.url, a.workspaceId, a.ids),
        payload: body(r, a.ids),
      });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(403);
    }
  });

  it('the owner reaches every route (200) with their own ids', async () => {
    // Destructive routes last, so earlier ones still find their records.
    const order = (m: string) => (m === 'DELETE' ? 2 : m === 'GET' ? 0 : 1);
    for (const r of [...scopedRoutes()].sort((x, y) => order(x.method) - order(y.method))) {
      const res = await t.call(a.session, {
        method: r.method as 'POST',
        url: fill(r.url, a.workspaceId, idsOf(r, a.ids)),
        payload: body(r, a.ids),
        headers: headersFor[`${r.method} ${r.url}`]?.() ?? {},
      });
      expect(res.statusCode, `${r.method} ${r.url}: ${res.body}`).toBe(200);
    }
  });
});
