import type { Clock } from '@evergreen/core';
import { agreements, auditLog, creatorEvents, creators, deliverables, touchpoints } from '@evergreen/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../testing/harness.ts';

/**
 * The portfolio page (docs/portfolio.md) over the seeds' roster: 6 Tier 1 and 15 Tier 2
 * creators, with one Tier 1 creator demoted and one moved to alumni in the last 12 months, and
 * one promoted. Every expected value is worked out by hand in the comment beside it.
 */

// Today is 2026-12-07.
const clock: Clock = { now: () => new Date('2026-12-07T12:00:00Z') };

let t: TestApp;
let owner: Session;
let ws: string;
const db = () => t.database.db;
const ids: Record<string, string> = {};

async function get(path: string, s: Session = owner) {
  const res = await t.call(s, { method: 'GET', url: `/api/v1/workspaces/${ws}${path}` });
  if (res.statusCode !== 200) throw new Error(`GET ${path}: ${res.statusCode} ${res.body}`);
  return res;
}
const overview = async () => (await get('/portfolio')).json();
const patch = (payload: object, s: Session = owner) =>
  t.call(s, { method: 'PATCH', url: `/api/v1/workspaces/${ws}/portfolio/settings`, payload });

async function creator(
  name: string,
  tier: number,
  opts: { status?: 'active' | 'prospect' | 'alumni'; owned?: boolean; markets?: string[] } = {},
) {
  const [c] = await db()
    .insert(creators)
    .values({
      workspaceId: ws,
      displayName: name,
      tier,
      status: opts.status ?? 'active',
      ownerUserId: opts.owned ? owner.me.user.id : null,
      markets: opts.markets ?? [],
      createdAt: new Date('2025-01-01T09:00:00Z'),
    })
    .returning();
  ids[name] = c!.id;
  return c!.id;
}
async function annual(
  creatorId: string,
  startsOn: string,
  collaborationsPerYear: number,
  extra: { status?: 'accepted' | 'active'; termMonths?: number; extendDecision?: string } = {},
) {
  await db()
    .insert(agreements)
    .values({
      workspaceId: ws,
      creatorId,
      type: 'annual',
      status: extra.status ?? 'active',
      title: 'Annual',
      startsOn,
      termMonths: extra.termMonths ?? 12,
      collaborationsPerYear,
      currency: 'USD',
      extendDecision: extra.extendDecision ?? null,
    });
}
/** One sponsored live post in the period, its facts set as the facts refresh would. */
async function post(creatorId: string, reach: number, costMinor: number) {
  await db()
    .insert(deliverables)
    .values({
      workspaceId: ws,
      creatorId,
      type: 'sponsored_post',
      status: 'live',
      postedAt: new Date('2026-10-01T10:00:00Z'),
      costMinor,
      costCurrency: 'USD',
      costReportingMinor: costMinor,
      ordinal: 1,
      latestReach: reach,
      latestBasis: reach,
      latestEngagements: reach / 20,
    });
}
async function event(
  name: string,
  kind: 'tier_changed' | 'status_changed',
  from: unknown,
  to: unknown,
  on: string,
) {
  await db()
    .insert(creatorEvents)
    .values({
      workspaceId: ws,
      creatorId: ids[name]!,
      kind,
      data: { from, to },
      at: new Date(`${on}T15:00:00Z`),
    });
}
async function touch(name: string, occurredOn: string, minutes: number | null) {
  await db().insert(touchpoints).values({
    workspaceId: ws,
    creatorId: ids[name]!,
    occurredOn,
    channel: 'call',
    kind: 'check_in',
    byUserId: owner.me.user.id,
    minutes,
  });
}

beforeAll(async () => {
  t = await createTestApp({ clock });
  owner = await t.signUp('Petra Portfolio');
  ws = (await t.createWorkspace(owner, 'Portfolio')).id;
  // Tier 1 (default policy: 5–8 creators, a check-in every 30 days): A…F, owned by Petra, US.
  for (const n of ['A', 'B', 'C', 'D', 'E', 'F']) {
    await creator(`T1 ${n}`, 1, { owned: true, markets: ['US'] });
    await post(ids[`T1 ${n}`]!, 100_000, 100_000); // reach 100,000; $1,000
  }
  // Partnerships started on fixed days (phases on 2026-12-07), 12 collaborations a year each.
  await annual(ids['T1 A']!, '2026-11-20', 12); // month 1: building
  await annual(ids['T1 B']!, '2026-09-07', 12); // 3 whole months → month 4: optimising
  await annual(ids['T1 C']!, '2026-06-08', 12); // 5 whole months (7 < 8) → month 6: scaling
  await annual(ids['T1 D']!, '2026-06-07', 12); // 6 whole months → month 7: extend or move on
  await annual(ids['T1 E']!, '2025-01-01', 12, { termMonths: 24, extendDecision: 'extend' }); // extended
  await annual(ids['T1 F']!, '2026-12-20', 12, { status: 'accepted' }); // upcoming, month 0
  // Tier 2 (15–20, every 90 days): 15 creators, 4 collaborations a year; Petra owns the first 5.
  for (let i = 1; i <= 15; i++) {
    const name = `T2 ${String(i).padStart(2, '0')}`;
    await creator(name, 2, { owned: i <= 5, markets: i <= 10 ? ['RU', 'US'] : [] });
    await annual(ids[name]!, '2026-01-01', 4);
    await post(ids[name]!, 10_000, 20_000); // reach 10,000; $200
  }
  // Out of Tier 1 now: "T2 01" was demoted on 2026-03-15 (Tier 1 from 2025-10-01); H went to alumni.
  await creator('H', 1, { status: 'alumni' });
  await event('T2 01', 'tier_changed', 2, 1, '2025-10-01'); // before the window: not counted
  await event('T2 01', 'tier_changed', 1, 2, '2026-03-15');
  await event('H', 'status_changed', 'active', 'alumni', '2026-09-20');
  await event('T1 F', 'tier_changed', 2, 1, '2026-06-10'); // F joined Tier 1
  // The bench: two prospects.
  await creator('Prospect Zed', 3, { status: 'prospect' });
  await creator('Prospect Amy', 2, { status: 'prospect' });
  // Time logged in the last 28 days (2026-11-10 … 2026-12-07): 60 + 30 + 30 minutes, one without.
  await touch('T1 A', '2026-11-10', 60);
  await touch('T1 B', '2026-12-01', 30);
  await touch('T1 C', '2026-12-07', 30);
  await touch('T1 D', '2026-12-02', null);
  await touch('T1 E', '2026-11-09', 600); // the day before the window
});
afterAll(() => t.close());

describe('portfolio page', () => {
  it('tier health against the targets, and the bench of prospects', async () => {
    const p = await overview();
    expect(p.today).toBe('2026-12-07');
    expect(
      p.tiers.map((x: { count: number; health: string; gap: number }) => [x.count, x.health, x.gap]),
    ).toEqual([
      [6, 'ok', 0], // A…F active (H is alumni): within 5–8
      [15, 'ok', 0], // within 15–20
      [0, 'ok', 0], // Tier 3 has no target
    ]);
    expect(p.bench.map((b: { name: string }) => b.name)).toEqual(['Prospect Amy', 'Prospect Zed']); // by tier
    expect(p.benchTotal).toBe(2);
  });

  it('concentration of reach (no revenue): top 5 of 21 bring 66.67%, over the 60% default', async () => {
    const c = (await overview()).concentration;
    expect(c.basis).toBe('reach'); // no attributed order anywhere
    expect(c.creators).toBe(21); // 6 + 15 active; prospects and alumni without results are not in it
    expect(c.topCount).toBe(5); // ⌈21 × 20%⌉ = ⌈4.2⌉
    // Top 5 = five Tier 1 creators = 500,000 of 6 × 100,000 + 15 × 10,000 = 750,000 → 0.666666… → 0.6667
    expect(c.topShare).toBe('0.6667');
    expect(c.warnPct).toBe(60);
    expect(c.warning).toBe(true);
    // Lorenz: 22 points; after the 15 Tier 2 creators 15/21 of creators hold 150,000/750,000.
    expect(c.lorenz).toHaveLength(22);
    expect(c.lorenz[0]).toEqual({ creators: '0.0000', value: '0.0000' });
    expect(c.lorenz[15]).toEqual({ creators: '0.7143', value: '0.2000' });
    expect(c.lorenz[21]).toEqual({ creators: '1.0000', value: '1.0000' });
    // Area under it: Tier 2 part 15/21 × (0 + 0.2)/2 = 1.5/21, Tier 1 part 6/21 × (0.2 + 1)/2 = 3.6/21;
    // Gini = 1 − 2 × 5.1/21 = 10.8/21 = 0.5142857… → 0.5143
    expect(c.gini).toBe('0.5143');
    expect(c.rows[0]).toMatchObject({
      tier: 1,
      value: 100_000,
      share: '0.1333',
      costMinor: 100_000,
      roi: '-1.0000',
    });
    expect(c.rows.filter((r: { inTop: boolean }) => r.inTop)).toHaveLength(5);
  });

  it('Tier 1 turnover: 2 left ÷ average size 6.5 = 30.77%, above the expected 10–20%', async () => {
    const tu = (await overview()).turnover;
    expect([tu.from, tu.to]).toEqual(['2025-12-07', '2026-12-07']);
    // Sizes on the 7th of Jan…Dec 2026: A–E all year (5); "T2 01" until 15 Mar (Jan, Feb, Mar);
    // H until 20 Sep (Jan…Sep); F from 10 Jun (Jul…Dec): Jan–Mar 5+2, Apr–Jun 5+1 (H), Jul–Sep 5+2
    // (H, F), Oct–Dec 5+1 (F).
    expect(tu.samples.map((s: { size: number }) => s.size)).toEqual([7, 7, 7, 6, 6, 6, 7, 7, 7, 6, 6, 6]);
    expect(tu.samples[0].on).toBe('2026-01-07');
    // (60 + 3 + 9 + 6) / 12 = 78 / 12 = 6.5
    expect(tu.averageSize).toBe('6.50');
    expect(tu.left).toBe(2);
    expect(tu.joined).toBe(1);
    expect(tu.rate).toBe('0.3077'); // 2 / 6.5 = 0.307692…
    expect([tu.expectedMin, tu.expectedMax, tu.status]).toEqual(['0.1000', '0.2000', 'above']);
    expect(tu.leavers).toEqual([
      { creatorId: ids['T2 01'], name: 'T2 01', on: '2026-03-15', to: 'tier 2' },
      { creatorId: ids.H, name: 'H', on: '2026-09-20', to: 'alumni' },
    ]);
  });

  it("each partnership's phase on 2026-12-07", async () => {
    const phases = (await overview()).phases.filter((x: { tier: number }) => x.tier === 1);
    expect(
      phases.map((x: { name: string; month: number; phase: string }) => [x.name, x.month, x.phase]),
    ).toEqual([
      ['T1 F', 0, 'upcoming'],
      ['T1 A', 1, 'building'],
      ['T1 B', 4, 'optimising'],
      ['T1 C', 6, 'scaling'],
      ['T1 D', 7, 'extend_or_move_on'],
      ['T1 E', 24, 'extended'], // 2025-01-01 → 23 whole months
    ]);
  });

  it('markets, and the portfolio ROI beside the creators', async () => {
    const p = await overview();
    expect(p.markets).toEqual([
      { market: 'RU', creators: 10, costMinor: 200_000, revenueMinor: 0, roi: '-1.0000' }, // first-listed market
      { market: 'US', creators: 6, costMinor: 600_000, revenueMinor: 0, roi: '-1.0000' },
      { market: null, creators: 5, costMinor: 100_000, revenueMinor: 0, roi: '-1.0000' },
    ]);
    expect(p.portfolio.measures).toMatchObject({
      posts: 21,
      costMinor: 900_000,
      reach: 750_000,
      roi: '-1.0000',
    });
    expect(p.portfolio).toMatchObject({
      medianCreatorRoi: '-1.0000',
      creatorsProfitable: 0,
      creatorsWithCost: 21,
    });
  });

  it('workload for 6 Tier 1 + 15 Tier 2 at 45/90/60/45 minutes: 10.15 hours a week', async () => {
    const w = (await overview()).workload;
    expect(w.settings).toEqual({
      concentrationWarnPct: 60,
      touchpointMinutes: 45,
      briefMinutes: 90,
      reviewMinutes: 60,
      reportMinutes: 45,
    });
    // A Tier 1 creator a week: 7/30 check-ins × 45 = 10.5 min, 12 × 7/365 collaborations × 195 min
    // (brief 90 + review 60 + report 45) = 16,380/365 = 44.8767… min → 55.3767… min; × 6 = 332.2603 min
    // A Tier 2 creator: 7/90 × 45 = 3.5 min + 4 × 7/365 × 195 = 14.9589… min → 18.4589… min; × 15 = 276.8836 min
    // Total 609.1438 min = 10.1524 h.
    expect(w.hoursPerWeek).toBe('10.15');
    expect(w.tiers).toEqual([
      { tier: 1, creators: 6, checkInsPerWeek: '1.40', collaborationsPerWeek: '1.38', hoursPerWeek: '5.54' },
      { tier: 2, creators: 15, checkInsPerWeek: '1.17', collaborationsPerWeek: '1.15', hoursPerWeek: '4.61' },
      { tier: 3, creators: 0, checkInsPerWeek: '0.00', collaborationsPerWeek: '0.00', hoursPerWeek: '0.00' },
    ]);
    // Petra: 6 × 55.3767 + 5 × 18.4589 = 424.5548 min = 7.0759 h; logged 120 min in 4 weeks = 0.5 h a week.
    // Nobody: 10 × 18.4589 = 184.5890 min = 3.0765 h.
    expect(w.members).toEqual([
      {
        userId: owner.me.user.id,
        name: 'Petra Portfolio',
        creators: 11,
        hoursPerWeek: '7.08',
        loggedHoursPerWeek: '0.50',
      },
      { userId: null, name: null, creators: 10, hoursPerWeek: '3.08', loggedHoursPerWeek: '0.00' },
    ]);
    expect([w.loggedFrom, w.loggedTo, w.loggedHoursPerWeek, w.touchpointsWithoutMinutes]).toEqual([
      '2026-11-10',
      '2026-12-07',
      '0.50',
      1,
    ]);
  });

  it('CSV of each table', async () => {
    const res = await get('/portfolio/workload.csv');
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('Team member,User id,Creators,Hours per week needed,Hours per week logged');
    expect(lines.at(-1)).toBe('Total,,21,10.15,0.50');
    const markets = (await get('/portfolio/markets.csv')).body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    // A cell starting with "-" is written with an apostrophe (formula-like cells neutralised).
    expect(markets[1]).toBe("RU,10,USD,2000.00,0.00,'-1.0000");
    const turnover = (await get('/portfolio/turnover.csv')).body;
    expect(turnover).toContain('H,');
    const bad = await t.call(owner, { method: 'GET', url: `/api/v1/workspaces/${ws}/portfolio/secrets.csv` });
    expect(bad.statusCode).toBe(400);
  });
});

describe('portfolio settings', () => {
  it('a changed threshold and minutes change the page; audited', async () => {
    const res = await patch({
      concentrationWarnPct: 70,
      touchpointMinutes: 30,
      briefMinutes: 60,
      reviewMinutes: 30,
      reportMinutes: 30,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      concentrationWarnPct: 70,
      touchpointMinutes: 30,
      briefMinutes: 60,
      reviewMinutes: 30,
      reportMinutes: 30,
    });
    const p = await overview();
    expect(p.concentration.warning).toBe(false); // 66.67% ≤ 70%
    // Tier 1: 6 × (7/30 × 30 + 12 × 7/365 × 120) = 6 × (7 + 27.6164) = 207.6986 min;
    // Tier 2: 15 × (7/90 × 30 + 4 × 7/365 × 120) = 15 × (2.3333 + 9.2055) = 173.0822 min; 380.7808 min = 6.3463 h
    expect(p.workload.hoursPerWeek).toBe('6.35');
    const [audit] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, ws), eq(auditLog.action, 'portfolio_settings.updated')));
    expect(audit!.changes).toMatchObject({ concentrationWarnPct: { from: 60, to: 70 } });
  });

  it('refuses hostile values naming the field, and changes nothing', async () => {
    for (const [payload, field] of [
      [{ concentrationWarnPct: 0 }, 'concentrationWarnPct'],
      [{ concentrationWarnPct: 101 }, 'concentrationWarnPct'],
      [{ touchpointMinutes: 1441 }, 'touchpointMinutes'],
      [{ briefMinutes: -1 }, 'briefMinutes'],
      [{ reviewMinutes: 2.5 }, 'reviewMinutes'],
      [{ reportMinutes: '30' }, 'reportMinutes'],
      [{ hours: 3 }, 'hours'],
    ] as const) {
      const res = await patch(payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.body).toContain(field);
    }
    expect((await get('/portfolio/settings')).json().concentrationWarnPct).toBe(70);
  });

  it('two saves at once of different fields both land', async () => {
    const [a, b] = await Promise.all([patch({ briefMinutes: 75 }), patch({ reportMinutes: 20 })]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    const s = (await get('/portfolio/settings')).json();
    expect([s.briefMinutes, s.reportMinutes, s.reviewMinutes]).toEqual([75, 20, 30]);
    // Each save audited what it changed, from the values before it (one after the other).
    const audits = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, ws), eq(auditLog.action, 'portfolio_settings.updated')));
    const changed = audits.map((a) => Object.keys(a.changes ?? {}).join(',')).sort();
    expect(changed).toContain('briefMinutes');
    expect(changed).toContain('reportMinutes');
  });

  it('analysts read but do not change; another workspace sees none of it', async () => {
    const analyst = await t.signUp('Ann Analyst');
    const inv = (
      await t.call(owner, {
        method: 'POST',
        url: `/api/v1/workspaces/${ws}/invitations`,
        payload: { email: analyst.email, role: 'analyst' },
      })
    ).json();
    await t.call(analyst, {
      method: 'POST',
      url: `/api/v1/invitations/${inv.acceptUrl.split('/').pop()}/accept`,
    });
    expect((await get('/portfolio', analyst)).statusCode).toBe(200);
    expect((await patch({ briefMinutes: 1 }, analyst)).statusCode).toBe(403);
    const stranger = await t.signUp('Sam Stranger');
    await t.createWorkspace(stranger, 'Elsewhere');
    for (const url of ['/portfolio', '/portfolio/settings', '/portfolio/concentration.csv']) {
      const res = await t.call(stranger, { method: 'GET', url: `/api/v1/workspaces/${ws}${url}` });
      expect(res.statusCode, url).toBe(404);
    }
    expect((await patch({ briefMinutes: 1 }, stranger)).statusCode).toBe(404);
    expect((await get('/portfolio/settings')).json().briefMinutes).toBe(75);
  });

  it('a touchpoint logged with minutes counts in the logged time', async () => {
    const res = await t.call(owner, {
      method: 'POST',
      url: `/api/v1/workspaces/${ws}/creators/${ids['T1 A']}/touchpoints`,
      payload: { channel: 'call', kind: 'check_in', minutes: 15 },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().minutes).toBe(15);
    // (120 + 15) / 4 = 33.75 min a week = 0.5625 h → 0.56 (half to even)
    expect((await overview()).workload.loggedHoursPerWeek).toBe('0.56');
    const bad = await t.call(owner, {
      method: 'POST',
      url: `/api/v1/workspaces/${ws}/creators/${ids['T1 A']}/touchpoints`,
      payload: { channel: 'call', kind: 'check_in', minutes: 5000 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('minutes');
  });
});
