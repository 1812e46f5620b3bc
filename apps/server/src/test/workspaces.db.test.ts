import { auditLog, tierPolicies } from '@evergreen/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../testing/harness.ts';

let t: TestApp;
let owner: Session;
let ws: { id: string };
beforeAll(async () => {
  t = await createTestApp();
  owner = await t.signUp('Olga Owner');
  ws = await t.createWorkspace(owner, 'Northwind');
});
afterAll(() => t.close());

describe('workspaces and settings', () => {
  it('creates a workspace with its creator as owner and the tier defaults from our users', async () => {
    const s = await t.signUp();
    const w = await t.createWorkspace(s, 'Glow Lab');
    const list = (await t.call(s, { method: 'GET', url: '/api/v1/workspaces' })).json();
    expect(list).toEqual([{ id: w.id, slug: 'glow-lab', name: 'Glow Lab', role: 'owner' }]);
    const tiers = (await t.call(s, { method: 'GET', url: `/api/v1/workspaces/${w.id}/tiers` })).json();
    expect(tiers).toEqual([
      { tier: 1, name: 'Strategic', targetMin: 5, targetMax: 8, cadenceDays: 30, budgetSharePct: '40' },
      { tier: 2, name: 'Regular', targetMin: 15, targetMax: 20, cadenceDays: 90, budgetSharePct: '40' },
      {
        tier: 3,
        name: 'Occasional',
        targetMin: null,
        targetMax: null,
        cadenceDays: null,
        budgetSharePct: '20',
      },
    ]);
  });

  it('gives a second workspace of the same name its own slug', async () => {
    const s = await t.signUp();
    await t.createWorkspace(s, 'Same Name');
    const w2 = await t.createWorkspace(s, 'Same Name');
    const got = (await t.call(s, { method: 'GET', url: `/api/v1/workspaces/${w2.id}` })).json();
    expect(got.slug).toBe('same-name-2');
  });

  it('updates settings and records the change in the audit log', async () => {
    const res = await t.call(owner, {
      method: 'PATCH',
      url: `/api/v1/workspaces/${ws.id}`,
      payload: {
        reportingCurrency: 'EUR',
        fiscalYearStartMonth: 4,
        markets: ['US', 'RU'],
        defaultLanguage: 'ru',
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      reportingCurrency: 'EUR',
      fiscalYearStartMonth: 4,
      markets: ['US', 'RU'],
      defaultLanguage: 'ru',
    });
    const audit = (await t.call(owner, { method: 'GET', url: `/api/v1/workspaces/${ws.id}/audit` })).json();
    const entry = audit.entries.find((e: { action: string }) => e.action === 'workspace.updated');
    expect(entry.actor).toBe(`Olga Owner <${owner.email}>`);
    expect(entry.changes).toEqual({
      reportingCurrency: { from: 'USD', to: 'EUR' },
      fiscalYearStartMonth: { from: 1, to: 4 },
      markets: { from: ['US'], to: ['US', 'RU'] },
      defaultLanguage: { from: 'en', to: 'ru' },
    });
  });

  it('names each bad settings field', async () => {
    const res = await t.call(owner, {
      method: 'PATCH',
      url: `/api/v1/workspaces/${ws.id}`,
      payload: { reportingCurrency: 'dollars', fiscalYearStartMonth: 13, markets: ['USA'] },
    });
    expect(res.statusCode).toBe(400);
    const fields = res
      .json()
      .error.fields.map((f: { field: string; code: string }) => `${f.field}:${f.code}`);
    expect(fields.sort()).toEqual([
      'fiscalYearStartMonth:too_big',
      'markets.0:invalid_format',
      'reportingCurrency:invalid_format',
    ]);
    const month = res.json().error.fields.find((f: { field: string }) => f.field === 'fiscalYearStartMonth');
    expect(month.params).toEqual({ maximum: 12 });
  });

  it('replaces tier policies, keeping percentages exact', async () => {
    const tiers = [
      { tier: 1, name: 'Core', targetMin: 6, targetMax: 8, cadenceDays: 21, budgetSharePct: '33.34' },
      { tier: 2, name: 'Regular', targetMin: 15, targetMax: 20, cadenceDays: 90, budgetSharePct: '33.33' },
      {
        tier: 3,
        name: 'Occasional',
        targetMin: null,
        targetMax: null,
        cadenceDays: null,
        budgetSharePct: '33.33',
      },
    ];
    const res = await t.call(owner, {
      method: 'PUT',
      url: `/api/v1/workspaces/${ws.id}/tiers`,
      payload: { tiers },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(tiers);
    const raw = await t.database.db.select().from(tierPolicies).where(eq(tierPolicies.workspaceId, ws.id));
    expect(raw.map((r) => r.budgetSharePct).sort()).toEqual(['33.33', '33.33', '33.34']);
    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'tier_policy.updated'));
    expect(audit.find((a) => a.entityId === '1')?.changes).toEqual({
      name: { from: 'Strategic', to: 'Core' },
      targetMin: { from: 5, to: 6 },
      cadenceDays: { from: 30, to: 21 },
      budgetSharePct: { from: '40', to: '33.34' },
    });
  });

  it('refuses tier shares that do not add up to 100% and names the field', async () => {
    const tiers = [
      { tier: 1, name: 'A', targetMin: 5, targetMax: 8, cadenceDays: 30, budgetSharePct: '40' },
      { tier: 2, name: 'B', targetMin: 20, targetMax: 15, cadenceDays: 90, budgetSharePct: '40' },
      { tier: 3, name: 'C', targetMin: null, targetMax: null, cadenceDays: null, budgetSharePct: '30' },
    ];
    const res = await t.call(owner, {
      method: 'PUT',
      url: `/api/v1/workspaces/${ws.id}/tiers`,
      payload: { tiers },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([
      { field: 'tiers.1.targetMax', message: 'must be at least the target minimum', code: 'min_above_max' },
      {
        field: 'tiers',
        message: 'budget shares must add up to 100% (they add up to 110%)',
        code: 'shares_sum',
        params: { sum: '110' },
      },
    ]);
  });
});

describe('API tokens', () => {
  it('authenticates scripts with Bearer, and stops working once revoked', async () => {
    const created = await t.call(owner, {
      method: 'POST',
      url: `/api/v1/workspaces/${ws.id}/tokens`,
      payload: { name: 'ETL', role: 'manager' },
    });
    expect(created.statusCode).toBe(200);
    const { token, secret } = created.json();
    expect(secret).toMatch(/^evg_[A-Za-z0-9_-]{43}$/);
    expect(token.tokenPrefix).toBe(secret.slice(0, 10));
    const before = await t.callToken(secret, { method: 'GET', url: `/api/v1/workspaces/${ws.id}/members` });
    expect(before.statusCode).toBe(200);
    const list = (await t.call(owner, { method: 'GET', url: `/api/v1/workspaces/${ws.id}/tokens` })).json();
    expect(list.find((x: { id: string }) => x.id === token.id).lastUsedAt).not.toBeNull();
    const revoke = await t.call(owner, {
      method: 'DELETE',
      url: `/api/v1/workspaces/${ws.id}/tokens/${token.id}`,
    });
    expect(revoke.statusCode).toBe(200);
    const after = await t.callToken(secret, { method: 'GET', url: `/api/v1/workspaces/${ws.id}/members` });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('unauthenticated');
  });

  it('an analyst token reads but cannot write; a token cannot reach user-only endpoints', async () => {
    const { secret } = (
      await t.call(owner, {
        method: 'POST',
        url: `/api/v1/workspaces/${ws.id}/tokens`,
        payload: { name: 'BI', role: 'analyst' },
      })
    ).json();
    expect(
      (await t.callToken(secret, { method: 'GET', url: `/api/v1/workspaces/${ws.id}` })).statusCode,
    ).toBe(200);
    const write = await t.callToken(secret, {
      method: 'PATCH',
      url: `/api/v1/workspaces/${ws.id}`,
      payload: { name: 'X' },
    });
    expect(write.statusCode).toBe(403);
    expect((await t.callToken(secret, { method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
    const mine = (await t.callToken(secret, { method: 'GET', url: '/api/v1/workspaces' })).json();
    expect(mine.map((w: { id: string }) => w.id)).toEqual([ws.id]);
  });

  it('refuses a garbage bearer token', async () => {
    const res = await t.callToken('evg_nope', { method: 'GET', url: `/api/v1/workspaces/${ws.id}` });
    expect(res.statusCode).toBe(401);
  });
});
