import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinWorkspace } from '../testing/factories/team.ts';
import { createTestApp, type Session, type TestApp } from '../testing/harness.ts';
import { bodies, body, type Fixture, fill, fixture, headersFor, idsOf } from '../testing/route-walk.ts';

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
