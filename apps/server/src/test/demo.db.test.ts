import { randomBytes } from 'node:crypto';
import { createSecretBox, loadDemo } from '@evergreen/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../testing/harness.ts';

/** The demo workspace tells the story the product promises, whatever day it is loaded. */

const clock = { now: () => new Date('2026-11-21T09:00:00Z') };
let t: TestApp;
let cookie: string;
let csrf: string;
let ws: string;
const get = async (path: string) => {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/v1/workspaces/${ws}${path}`,
    headers: { cookie, 'x-csrf-token': csrf },
  });
  expect(res.statusCode, `${path}: ${res.body.slice(0, 200)}`).toBe(200);
  return res.json();
};

beforeAll(async () => {
  t = await createTestApp({ clock });
  await loadDemo({ db: t.database.db, clock }, { box: createSecretBox(randomBytes(32)) });
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email: 'demo@evergreen.local', password: 'evergreen-demo' },
  });
  const me = res.json();
  cookie = `evg_session=${res.cookies.find((c) => c.name === 'evg_session')!.value}`;
  csrf = me.csrfToken;
  ws = me.workspaces[0].id;
}, 120_000);
afterAll(() => t.close());

describe('the demo workspace', () => {
  it('has about 6 strategic, 15 regular and 20 occasional creators in the US and Russia', async () => {
    const list = await get('/creators');
    const byTier = [1, 2, 3].map(
      (tier) => list.creators.filter((c: { tier: number }) => c.tier === tier).length,
    );
    expect(byTier).toEqual([6, 15, 20]);
    const markets = new Set(list.creators.flatMap((c: { markets: string[] }) => c.markets));
    expect([...markets].sort()).toEqual(['RU', 'US']);
    expect(list.creators.some((c: { displayName: string }) => /[А-Яа-я]/.test(c.displayName))).toBe(true);
  });

  it('gives Today overdue, due and upcoming check-ins, a creator gone quiet, and renewal decisions', async () => {
    const today = await get('/today');
    const checkIns = today.items.filter((i: { type: string }) => i.type === 'check_in');
    expect(new Set(checkIns.map((i: { bucket: string }) => i.bucket))).toEqual(
      new Set(['overdue', 'due', 'upcoming']),
    );
    expect(checkIns.some((i: { goneQuiet: boolean }) => i.goneQuiet)).toBe(true);
    expect(today.items.some((i: { type: string }) => i.type === 'renewal_decision')).toBe(true);
  });

  it('has agreements for every strategic creator and most regular ones, one notice given', async () => {
    const [list, agreements] = [await get('/creators'), (await get('/agreements')).agreements];
    const withAgreement = new Set(agreements.map((a: { creatorId: string }) => a.creatorId));
    const tier = (n: number) => list.creators.filter((c: { tier: number }) => c.tier === n);
    expect(tier(1).every((c: { id: string }) => withAgreement.has(c.id))).toBe(true);
    expect(tier(2).filter((c: { id: string }) => withAgreement.has(c.id)).length).toBeGreaterThanOrEqual(10);
    expect(
      agreements
        .filter((a: { status: string }) => a.status === 'notice_given')
        .map((a: { creatorName: string }) => a.creatorName),
    ).toEqual(['Дмитрий Волков']);
  });

  it('has a renewal decision within 30 days', async () => {
    const pipeline = await get('/renewals?within=30');
    const maya = pipeline.items.filter(
      (d: { creatorName: string; daysLeft: number }) => d.creatorName === 'Maya Chen' && d.daysLeft >= 0,
    );
    expect(maya.map((d: { kind: string }) => d.kind)).toContain('notice_deadline');
  });

  it('has a retainer whose creator is behind', async () => {
    const { agreements } = await get('/agreements?type=retainer');
    const anna = agreements.find((a: { creatorName: string }) => a.creatorName === 'Анна Смирнова');
    const ledger = await get(`/agreements/${anna.id}/ledger`);
    expect(ledger.creatorBehind).toContain('sponsored_post');
  });

  it('has a campaign where two creators feature the same product in the same market at once', async () => {
    const calendar = await get('/calendar/overlaps');
    const names = calendar.overlaps.map((o: { windows: { creatorName: string }[] }) =>
      o.windows
        .map((w) => w.creatorName)
        .sort()
        .join(' + '),
    );
    expect(names).toContain('Maya Chen + Sofia Ramirez');
  });
});

describe('the demo budget and payments', () => {
  it("has this fiscal year's budget in USD, with RUB agreements converted through the rate table", async () => {
    const summary = await get('/budgets/2026/summary');
    expect(summary).toMatchObject({ fiscalYear: 2026, currency: 'USD', totalMinor: 30_000_000 });
    expect(summary.tiers.map((t: { sharePct: string }) => t.sharePct)).toEqual(['40', '40', '20']);
    expect(summary.tiers[0].committedMinor).toBeGreaterThan(0);
    expect(JSON.stringify(summary)).not.toContain('missing_rate');
  });

  it('has a few payments late and two overdue now', async () => {
    const overdue = await get('/payments/overdue');
    expect(overdue.payments).toHaveLength(2);
    const onTime = await get('/payments/on-time');
    const late = onTime.creators.filter((c: { paid: number; onTime: number }) => c.onTime < c.paid);
    expect(late.length).toBeGreaterThan(0);
  });
});
