import {
  type Clock,
  mulberry32,
  refreshAllPerformanceFacts,
  reportForCli,
  secondsToDays,
} from '@evergreen/core';
import {
  creators,
  deliverables,
  exchangeRates,
  metricSnapshots,
  orders,
  trackers,
  workspaces,
} from '@evergreen/db';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreementRow } from '../testing/factories/agreements.ts';
import { createTestApp, type Session, type TestApp } from '../testing/harness.ts';

/**
 * The performance reports over small hand-made fixtures (docs/performance.md). Rows go straight
 * into deliverables, metric_snapshots, trackers and orders; the facts refresh derives the rest.
 * Every expected value is worked out by hand in the comment next to it.
 */

// "Today" is 2025-12-31, so the default period is 2025-01-01 … 2025-12-31 (365 days).
const clock: Clock = { now: () => new Date('2025-12-31T12:00:00Z') };
const H = 3600_000;
const DAY = 24 * H;
const at = (iso: string, plusMs = 0) => new Date(Date.parse(iso) + plusMs);

let t: TestApp;
let owner: Session;
const db = () => t.database.db;

beforeAll(async () => {
  t = await createTestApp({ clock });
  owner = await t.signUp('Rita Reports');
});
afterAll(() => t.close());

async function newWorkspace(name: string) {
  const ws = (await t.createWorkspace(owner, name)).id;
  const get = async (path: string) => {
    const res = await t.call(owner, { method: 'GET', url: `/api/v1/workspaces/${ws}${path}` });
    if (res.statusCode !== 200) throw new Error(`GET ${path}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  return { ws, get };
}

async function creator(ws: string, displayName: string, tier = 2) {
  const [c] = await db().insert(creators).values({ workspaceId: ws, displayName, tier }).returning();
  return c!.id;
}
async function agreement(ws: string, creatorId: string, type: 'annual' | 'retainer' | 'project' | 'one_off') {
  return agreementRow(db(), { workspaceId: ws, creatorId, type, startsOn: '2025-01-01' });
}
interface Snap {
  ageHours: number;
  reach: number;
  likes: number;
  comments?: number;
  shares?: number;
  saves?: number;
}
async function post(
  ws: string,
  creatorId: string,
  p: { postedAt: string; costMinor?: number; costCurrency?: string; agreementId?: string; snaps: Snap[] },
) {
  const [d] = await db()
    .insert(deliverables)
    .values({
      workspaceId: ws,
      creatorId,
      agreementId: p.agreementId ?? null,
      type: 'sponsored_post',
      sponsored: true,
      status: 'live',
      postedAt: new Date(p.postedAt),
      costMinor: p.costMinor ?? null,
      costCurrency: p.costMinor == null ? null : (p.costCurrency ?? 'USD'),
    })
    .returning();
  for (const s of p.snaps) {
    await db()
      .insert(metricSnapshots)
      .values({
        workspaceId: ws,
        deliverableId: d!.id,
        capturedAt: at(p.postedAt, s.ageHours * H),
        reach: s.reach,
        likes: s.likes,
        comments: s.comments ?? null,
        shares: s.shares ?? null,
        saves: s.saves ?? null,
        source: 'manual',
      });
  }
  return d!.id;
}
async function promoCode(ws: string, creatorId: string, code: string) {
  await db().insert(trackers).values({ workspaceId: ws, creatorId, kind: 'promo_code', code });
}
interface OrderIn {
  id: string;
  customer: string;
  at: Date;
  amountMinor: number;
  currency?: string;
  code?: string;
}
async function insertOrders(ws: string, list: OrderIn[]) {
  for (let i = 0; i < list.length; i += 200) {
    await db()
      .insert(orders)
      .values(
        list.slice(i, i + 200).map((o) => ({
          workspaceId: ws,
          externalId: o.id,
          customerId: o.customer,
          orderedAt: o.at,
          amountMinor: o.amountMinor,
          currency: o.currency ?? 'USD',
          promoCode: o.code ?? null,
        })),
      );
  }
}

describe('seed-shaped fixture: one-off vs partnership', () => {
  let w: Awaited<ReturnType<typeof newWorkspace>>;
  let paula: string;
  let olga: string;
  let oscar: string;

  beforeAll(async () => {
    w = await newWorkspace('Seeds');
    olga = await creator(w.ws, 'Olga One-off', 3);
    oscar = await creator(w.ws, 'Oscar One-off', 3);
    paula = await creator(w.ws, 'Paula Partner', 1);
    const olgaDeal = await agreement(w.ws, olga, 'one_off');
    const retainer = await agreement(w.ws, paula, 'retainer');
    // Every post: a day-1 snapshot (24 h) and a day-7 snapshot (168 h, also the latest); $800 each.
    // One-off posts (3 × $800 = $2,400): day-7 rates 300/20,000 = 0.015, 200/10,000 = 0.02, 250/10,000 = 0.025;
    // day-1 rates 100/10,000 = 0.01 each.
    const oneOffDay1 = { ageHours: 24, reach: 10_000, likes: 100 };
    await post(w.ws, olga, {
      postedAt: '2025-02-01T12:00:00Z',
      costMinor: 80_000,
      agreementId: olgaDeal,
      snaps: [oneOffDay1, { ageHours: 168, reach: 20_000, likes: 300 }],
    });
    await post(w.ws, oscar, {
      postedAt: '2025-02-10T12:00:00Z',
      costMinor: 80_000,
      snaps: [oneOffDay1, { ageHours: 168, reach: 10_000, likes: 200 }],
    });
    await post(w.ws, oscar, {
      postedAt: '2025-06-01T12:00:00Z',
      costMinor: 80_000,
      snaps: [oneOffDay1, { ageHours: 168, reach: 10_000, likes: 250 }],
    });
    // Paula's 4 retainer posts (4 × $800 = $3,200): 410, 450, 500, 580 engagements on 10,000 reach
    // (post 1's 410 = 300 likes + 50 comments + 40 shares + 20 saves); day-1 100/5,000 = 0.02 each.
    // Post 1 is the last second of Feb 28, post 2 the first second of Mar 1 (period boundaries).
    const partnerDay1 = { ageHours: 24, reach: 5_000, likes: 100 };
    const paulaPosts: [string, Snap][] = [
      [
        '2025-02-28T23:59:59Z',
        { ageHours: 168, reach: 10_000, likes: 300, comments: 50, shares: 40, saves: 20 },
      ],
      ['2025-03-01T00:00:00Z', { ageHours: 168, reach: 10_000, likes: 450 }],
      ['2025-04-01T12:00:00Z', { ageHours: 168, reach: 10_000, likes: 500 }],
      ['2025-05-01T12:00:00Z', { ageHours: 168, reach: 10_000, likes: 580 }],
    ];
    for (const [postedAt, snap] of paulaPosts)
      await post(w.ws, paula, {
        postedAt,
        costMinor: 80_000,
        agreementId: retainer,
        snaps: [partnerDay1, snap],
      });
    await promoCode(w.ws, olga, 'OLGA');
    await promoCode(w.ws, oscar, 'OSCAR');
    await promoCode(w.ws, paula, 'PAULA');

    // First orders ($50 each, with the creator's code): 50 for Olga, 50 for Oscar, 200 for Paula.
    // Repeat orders carry no code ($30, unattributed).
    const list: OrderIn[] = [];
    for (let i = 0; i < 100; i++) {
      const first = i < 50 ? at('2025-02-05T12:00:00Z', i * 60_000) : at('2025-02-15T12:00:00Z', i * 60_000);
      list.push({
        id: `o${i}`,
        customer: `oc${i}`,
        at: first,
        amountMinor: 5000,
        code: i < 50 ? 'OLGA' : 'OSCAR',
      });
      // 8 one-off customers repeat at +30 days; oc8 only at +181 days (past the 180-day horizon).
      if (i < 8)
        list.push({
          id: `o${i}r`,
          customer: `oc${i}`,
          at: at(first.toISOString(), 30 * DAY),
          amountMinor: 3000,
        });
      if (i === 8)
        list.push({
          id: `o${i}r`,
          customer: `oc${i}`,
          at: at(first.toISOString(), 181 * DAY),
          amountMinor: 3000,
        });
    }
    for (let i = 0; i < 200; i++) {
      const first = at('2025-05-10T12:00:00Z', i * 60_000);
      list.push({ id: `p${i}`, customer: `pc${i}`, at: first, amountMinor: 5000, code: 'PAULA' });
      // 55 at +100 days, pc55 at exactly +180 days (counts: ≤ horizon), pc56 at +181 days (does not).
      const days = i < 55 ? 100 : i === 55 ? 180 : i === 56 ? 181 : null;
      if (days !== null)
        list.push({
          id: `p${i}r`,
          customer: `pc${i}`,
          at: at(first.toISOString(), days * DAY),
          amountMinor: 3000,
        });
    }
    await insertOrders(w.ws, list);
    await refreshAllPerformanceFacts(db(), w.ws);
  });

  it('partnerships vs one-offs: CPA $24 vs $16, repeat 8% vs 28%', async () => {
    const r = await w.get('/reports/partnerships-vs-one-offs');
    expect(r.period).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(r.currency).toBe('USD');
    expect(r.oneOff).toEqual({
      posts: 3,
      costMinor: 240_000, // 3 × $800
      reach: 40_000, // 20,000 + 10,000 + 10,000
      engagementRate: '0.020000', // (0.015 + 0.02 + 0.025) / 3
      day1Rate: '0.010000',
      day7Rate: '0.020000',
      orders: 100,
      revenueMinor: 500_000, // 100 × $50
      customersAcquired: 100,
      repeatCustomers: 8, // oc0…oc7; oc8 at day 181 is out
      cpaMinor: 2400, // $2,400 / 100 = $24.00
      roas: '2.0833', // 500,000 / 240,000 = 2.08333…
      roi: '1.0833', // 260,000 / 240,000 = 1.08333…
      repeatRate: '0.080000', // 8 / 100
      costPer1000ReachMinor: 6000, // 240,000 × 1000 / 40,000 = $60.00
      missingRates: 0,
    });
    expect(r.partnership).toEqual({
      posts: 4,
      costMinor: 320_000, // 4 × $800
      reach: 40_000,
      engagementRate: '0.048500', // (0.041 + 0.045 + 0.05 + 0.058) / 4 = 0.194 / 4
      day1Rate: '0.020000',
      day7Rate: '0.048500',
      orders: 200,
      revenueMinor: 1_000_000,
      customersAcquired: 200,
      repeatCustomers: 56, // pc0…pc54 (+100 d) and pc55 (+180 d exactly); pc56 (+181 d) out
      cpaMinor: 1600, // $3,200 / 200 = $16.00
      roas: '3.1250', // 1,000,000 / 320,000
      roi: '2.1250', // 680,000 / 320,000
      repeatRate: '0.280000', // 56 / 200
      costPer1000ReachMinor: 8000, // 320,000 × 1000 / 40,000 = $80.00
      missingRates: 0,
    });
  });

  it("compounding: Paula's post 4 is 41.4634% above post 1; the roster curve", async () => {
    const mine = await w.get(`/reports/compounding?creatorId=${paula}`);
    expect(mine.creatorId).toBe(paula);
    expect(mine.points).toHaveLength(13);
    expect(mine.points.slice(0, 5)).toEqual([
      {
        ordinal: 1,
        label: '1',
        posts: 1,
        creators: 1,
        ratedPosts: 1,
        engagementRate: '0.041000',
        lift: '0.000000',
      },
      // 0.045 / 0.041 − 1 = 0.0975609… → 0.097561
      {
        ordinal: 2,
        label: '2',
        posts: 1,
        creators: 1,
        ratedPosts: 1,
        engagementRate: '0.045000',
        lift: '0.097561',
      },
      // 0.05 / 0.041 − 1 = 0.2195121… → 0.219512
      {
        ordinal: 3,
        label: '3',
        posts: 1,
        creators: 1,
        ratedPosts: 1,
        engagementRate: '0.050000',
        lift: '0.219512',
      },
      // 0.058 / 0.041 − 1 = 0.4146341… → 0.414634 (exact ratio rounded half to even at 6 places)
      {
        ordinal: 4,
        label: '4',
        posts: 1,
        creators: 1,
        ratedPosts: 1,
        engagementRate: '0.058000',
        lift: '0.414634',
      },
      { ordinal: 5, label: '5', posts: 0, creators: 0, ratedPosts: 0, engagementRate: null, lift: null },
    ]);
    expect(mine.points[12]).toMatchObject({ label: '13+', posts: 0 });

    const roster = await w.get('/reports/compounding?group=all');
    expect(roster.group).toBe('all');
    // Post 1: Olga 0.015, Oscar 0.02, Paula 0.041 → 0.076 / 3 = 0.0253333… → 0.025333
    expect(roster.points[0]).toMatchObject({
      posts: 3,
      creators: 3,
      engagementRate: '0.025333',
      lift: '0.000000',
    });
    // Post 2: Oscar 0.025, Paula 0.045 → 0.035; lift 0.035 / (0.076/3) − 1 = 0.105/0.076 − 1 = 0.3815789… → 0.381579
    expect(roster.points[1]).toMatchObject({
      posts: 2,
      creators: 2,
      engagementRate: '0.035000',
      lift: '0.381579',
    });
    // Post 4: 0.058 / (0.076/3) − 1 = 0.174/0.076 − 1 = 1.2894736… → 1.289474
    expect(roster.points[3]).toMatchObject({ posts: 1, engagementRate: '0.058000', lift: '1.289474' });
  });

  it('compounding filter: the partnerships curve by default is post 1 4.1% → post 4 5.8%, one-offs apart', async () => {
    // Default: partnership posts only. Olga's single post and Oscar's two (one-offs: no
    // annual/retainer agreement, fewer than 3 posts) are left out, so the curve is Paula's.
    const partners = await w.get('/reports/compounding');
    expect(partners.group).toBe('partnership');
    expect(
      partners.points.slice(0, 4).map((p: { posts: number; engagementRate: string }) => p.posts),
    ).toEqual([1, 1, 1, 1]);
    expect(partners.points[0]).toMatchObject({ creators: 1, engagementRate: '0.041000', lift: '0.000000' });
    // 0.058 / 0.041 − 1 = 0.017 / 0.041 = 0.4146341… → 0.414634 (+41%, not the mixed +129%)
    expect(partners.points[3]).toMatchObject({ engagementRate: '0.058000', lift: '0.414634' });
    expect(await w.get('/reports/compounding?group=partnership')).toEqual(partners);
    // One-offs: post 1 (Olga 0.015 + Oscar 0.02) / 2 = 0.0175; post 2 Oscar 0.025;
    // lift 0.025 / 0.0175 − 1 = 0.4285714… → 0.428571; nothing from post 3 on.
    const oneOffs = await w.get('/reports/compounding?group=one_off');
    expect(oneOffs.points[0]).toMatchObject({ posts: 2, creators: 2, engagementRate: '0.017500' });
    expect(oneOffs.points[1]).toMatchObject({ posts: 1, engagementRate: '0.025000', lift: '0.428571' });
    expect(oneOffs.points[2]).toMatchObject({ posts: 0, engagementRate: null, lift: null });
    // A bad group is refused, naming the field.
    const bad = await t.call(owner, {
      method: 'GET',
      url: `/api/v1/workspaces/${w.ws}/reports/compounding?group=everyone`,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('group');
  });

  it('engagement: day-1 vs day-7 and latest, overall and per group', async () => {
    const r = await w.get('/reports/engagement');
    expect(r.rows).toEqual([
      // All 7 posts: latest (0.015+0.02+0.025+0.041+0.045+0.05+0.058)/7 = 0.254/7 = 0.0362857… → 0.036286;
      // day 1 (3 × 0.01 + 4 × 0.02)/7 = 0.11/7 = 0.0157142… → 0.015714
      {
        group: 'all',
        posts: 7,
        latestRate: '0.036286',
        day1Rate: '0.015714',
        day7Rate: '0.036286',
        latestPosts: 7,
        day1Posts: 7,
        day7Posts: 7,
      },
      {
        group: 'partnership',
        posts: 4,
        latestRate: '0.048500',
        day1Rate: '0.020000',
        day7Rate: '0.048500',
        latestPosts: 4,
        day1Posts: 4,
        day7Posts: 4,
      },
      {
        group: 'one_off',
        posts: 3,
        latestRate: '0.020000',
        day1Rate: '0.010000',
        day7Rate: '0.020000',
        latestPosts: 3,
        day1Posts: 3,
        day7Posts: 3,
      },
    ]);
  });

  it('portfolio and ROI by creator', async () => {
    const p = await w.get('/reports/portfolio?from=2025-01-01&to=2025-12-31');
    expect(p.activeCreators).toBe(3);
    expect(p.totals).toEqual({
      posts: 7,
      costMinor: 560_000,
      reach: 80_000,
      engagementRate: '0.036286',
      day1Rate: '0.015714',
      day7Rate: '0.036286',
      orders: 300,
      revenueMinor: 1_500_000,
      customersAcquired: 300,
      repeatCustomers: 64,
      cpaMinor: 1867, // 560,000 / 300 = 1,866.67 → 1,867
      roas: '2.6786', // 1,500,000 / 560,000 = 2.678571…
      roi: '1.6786', // 940,000 / 560,000 = 1.678571…
      repeatRate: '0.213333', // 64 / 300
      costPer1000ReachMinor: 7000, // 560,000 × 1000 / 80,000
      missingRates: 0,
    });

    const c = await w.get('/reports/creators');
    expect(c.creators.map((x: { name: string }) => x.name)).toEqual([
      'Olga One-off',
      'Oscar One-off',
      'Paula Partner',
    ]);
    const [o1, o2, pp] = c.creators;
    expect(o1).toMatchObject({
      creatorId: olga,
      tier: 3,
      group: 'one_off',
      posts: 1,
      costMinor: 80_000,
      reach: 20_000,
      engagementRate: '0.015000',
      orders: 50,
      revenueMinor: 250_000,
      customersAcquired: 50,
      repeatCustomers: 8,
      cpaMinor: 1600, // 80,000 / 50
      repeatRate: '0.160000', // 8 / 50
      costPer1000ReachMinor: 4000, // 80,000 × 1000 / 20,000
      lifeCostPer1000ReachMinor: 4000,
    });
    // Oscar: mean (0.02 + 0.025) / 2 = 0.0225; 160,000 / 50 = 3,200; ROAS 250,000 / 160,000 = 1.5625
    expect(o2).toMatchObject({
      group: 'one_off',
      posts: 2,
      engagementRate: '0.022500',
      cpaMinor: 3200,
      roas: '1.5625',
      repeatRate: '0.000000',
    });
    expect(pp).toMatchObject({
      group: 'partnership',
      tier: 1,
      cpaMinor: 1600,
      repeatRate: '0.280000',
      lifeCostMinor: 320_000,
      lifeReach: 40_000,
      lifeCostPer1000ReachMinor: 8000,
    });
  });

  it('period boundaries: a post on the `from` day counts, the day before does not', async () => {
    // from 2025-03-01: Paula's post 1 (Feb 28, 23:59:59) is out, post 2 (Mar 1, 00:00:00) is in.
    const r = await w.get(`/reports/compounding?creatorId=${paula}&from=2025-03-01&to=2025-12-31`);
    expect(r.points[0]).toMatchObject({ posts: 0, engagementRate: null, lift: null });
    expect(r.points[1]).toMatchObject({ posts: 1, engagementRate: '0.045000', lift: null });
    // to 2025-02-28: post 1 is in (last second of the `to` day), post 2 is out.
    const s = await w.get(`/reports/compounding?creatorId=${paula}&from=2025-02-28&to=2025-02-28`);
    expect(s.points.map((x: { posts: number }) => x.posts).slice(0, 2)).toEqual([1, 0]);
  });

  it("creator results: Paula's measures, curve, lag and last posts", async () => {
    const r = await w.get(`/reports/creator-results/${paula}`);
    expect(r.creator).toEqual({ id: paula, name: 'Paula Partner', tier: 1 });
    expect(r.group).toBe('partnership');
    expect(r.measures).toMatchObject({
      posts: 4,
      cpaMinor: 1600,
      repeatRate: '0.280000',
      customersAcquired: 200,
    });
    expect(r.curve[3]).toMatchObject({ ordinal: 4, lift: '0.414634' });
    // All 200 orders follow post 4 (May 1, 12:00) from May 10, 12:00 + i minutes: 9 days and more.
    expect(r.lag).toMatchObject({ orders: 200, within48h: 0, within48hShare: '0.000000' });
    expect(r.lag.histogram[9]).toEqual({ day: '9', orders: 200 });
    expect(r.recentPosts.map((x: { ordinal: number }) => x.ordinal)).toEqual([4, 3, 2, 1]);
    expect(r.recentPosts[0]).toMatchObject({
      engagementRate: '0.058000',
      day1Rate: '0.020000',
      reach: 10_000,
    });
  });

  it('answers 400 naming the field for a bad date, 404 for an unknown report or creator', async () => {
    const bad = await t.call(owner, {
      method: 'GET',
      url: `/api/v1/workspaces/${w.ws}/reports/portfolio?from=2025-02-30`,
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('from');
    const reversed = await t.call(owner, {
      method: 'GET',
      url: `/api/v1/workspaces/${w.ws}/reports/portfolio?from=2025-03-01&to=2025-02-01`,
    });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error.fields[0].field).toBe('from');
    const unknown = await t.call(owner, { method: 'GET', url: `/api/v1/workspaces/${w.ws}/reports/nope` });
    expect(unknown.statusCode).toBe(404);
    const other = await newWorkspace('Other');
    const stranger = await creator(other.ws, 'Stranger');
    const res = await t.call(owner, {
      method: 'GET',
      url: `/api/v1/workspaces/${w.ws}/reports/compounding?creatorId=${stranger}`,
    });
    expect(res.statusCode).toBe(404);
    const results = await t.call(owner, {
      method: 'GET',
      url: `/api/v1/workspaces/${w.ws}/reports/creator-results/${stranger}`,
    });
    expect(results.statusCode).toBe(404);
  });
});

describe('conversion lag', () => {
  it('share within 48 h, median and p90 by percentile_cont, histogram by day, per group', async () => {
    const w = await newWorkspace('Lag');
    const lena = await creator(w.ws, 'Lena Long', 1);
    const mark = await creator(w.ws, 'Mark Once', 3);
    const annual = await agreement(w.ws, lena, 'annual');
    const start = '2025-03-01T00:00:00Z';
    await post(w.ws, lena, { postedAt: start, agreementId: annual, snaps: [] });
    await post(w.ws, mark, { postedAt: start, snaps: [] });
    await promoCode(w.ws, lena, 'LENA');
    await promoCode(w.ws, mark, 'MARK');
    const lagMinutes = [2 * 60, 30 * 60, 47 * 60 + 59, 48 * 60, 48 * 60 + 1, 5 * 1440, 12 * 1440, 40 * 1440];
    await insertOrders(w.ws, [
      ...lagMinutes.map((m, i) => ({
        id: `l${i}`,
        customer: `lc${i}`,
        at: at(start, m * 60_000),
        amountMinor: 1000,
        code: 'LENA',
      })),
      // Attributed by code before any post: no lag, so not in this report.
      { id: 'early', customer: 'e', at: at('2025-02-01T00:00:00Z'), amountMinor: 1000, code: 'LENA' },
      { id: 'm0', customer: 'mc0', at: at(start, H), amountMinor: 1000, code: 'MARK' },
    ]);
    await refreshAllPerformanceFacts(db(), w.ws);
    const r = await w.get('/reports/conversion-lag?from=2025-01-01&to=2025-12-31');
    // All 9 lags in seconds, sorted: 3600, 7200, 108000, 172740, 172800, 172860, 432000, 1036800, 3456000.
    // Within 48 h (≤ 172,800 s): 5 → 5/9 = 0.5555… → 0.555556.
    // Median: percentile_cont(0.5) at position 0.5 × (9 − 1) = 4 → the 5th value 172,800 s = 2.00 days.
    // P90: position 0.9 × 8 = 7.2 → 1,036,800 + 0.2 × (3,456,000 − 1,036,800) = 1,520,640 s = 17.60 days.
    expect(r.overall).toMatchObject({
      orders: 9,
      within48h: 5,
      within48hShare: '0.555556',
      medianDays: '2.00',
      p90Days: '17.60',
    });
    // Histogram by whole days: 3600, 7200 → 0; 108000, 172740 → 1; 172800, 172860 → 2; 5 d, 12 d; 40 d → 30+.
    const hist = Object.fromEntries(
      r.overall.histogram.map((h: { day: string; orders: number }) => [h.day, h.orders]),
    );
    expect(r.overall.histogram).toHaveLength(31);
    expect([hist['0'], hist['1'], hist['2'], hist['5'], hist['12'], hist['30+'], hist['3']]).toEqual([
      2, 2, 2, 1, 1, 1, 0,
    ]);
    // Lena (annual agreement: partnership), 8 lags: within 4 → 0.500000;
    // median at 0.5 × 7 = 3.5 → 172,800 + 0.5 × 60 = 172,830 s = 2.0003… → 2.00 days;
    // p90 at 0.9 × 7 = 6.3 → 1,036,800 + 0.3 × 2,419,200 = 1,762,560 s = 20.40 days.
    expect(r.partnership).toMatchObject({
      orders: 8,
      within48h: 4,
      within48hShare: '0.500000',
      medianDays: '2.00',
      p90Days: '20.40',
    });
    // Mark (one post, no agreement: one-off): one order after 1 h = 0.0416… → 0.04 days.
    expect(r.oneOff).toMatchObject({
      orders: 1,
      within48h: 1,
      within48hShare: '1.000000',
      medianDays: '0.04',
      p90Days: '0.04',
    });
    expect(r.creators).toEqual([
      {
        creatorId: lena,
        name: 'Lena Long',
        orders: 8,
        within48h: 4,
        within48hShare: '0.500000',
        medianDays: '2.00',
        p90Days: '20.40',
      },
      {
        creatorId: mark,
        name: 'Mark Once',
        orders: 1,
        within48h: 1,
        within48hShare: '1.000000',
        medianDays: '0.04',
        p90Days: '0.04',
      },
    ]);
    const one = await w.get(`/reports/conversion-lag?from=2025-01-01&to=2025-12-31&creatorId=${mark}`);
    expect(one.overall.orders).toBe(1);
    expect(one.creators).toHaveLength(1);
  });
});

describe('conversion lag at scale of many orders', () => {
  it("finds exactly the percentiles PostgreSQL's percentile_cont finds, overall, per group and per creator", async () => {
    const w = await newWorkspace('Lag many');
    const start = '2025-03-01T00:00:00Z';
    const people = [] as { id: string; code: string }[];
    for (const [i, name] of ['Ada', 'Bo', 'Cy'].entries()) {
      const id = await creator(w.ws, name);
      // Ada has 3 posts (a partner); Bo and Cy one each (one-offs).
      for (let k = 0; k < (i === 0 ? 3 : 1); k++)
        await post(w.ws, id, { postedAt: at(start, -k * DAY).toISOString(), snaps: [] });
      await promoCode(w.ws, id, `C${i}`);
      people.push({ id, code: `C${i}` });
    }
    // Bo's second post, 20 days in, is under an annual agreement: Bo's orders after it are in the
    // partnership group, his earlier ones stay one-offs (one creator in both groups).
    const boAnnual = await post(w.ws, people[1]!.id, {
      postedAt: at(start, 20 * DAY).toISOString(),
      agreementId: await agreement(w.ws, people[1]!.id, 'annual'),
      snaps: [],
    });
    // 700 orders, lags in whole quarter hours up to ~41 days: many share an hour, some are equal,
    // and a wrong rank would move a percentile by at least 900 s (0.0104 days).
    const rnd = mulberry32(7);
    await insertOrders(
      w.ws,
      Array.from({ length: 700 }, (_, i) => ({
        id: `o${i}`,
        customer: `k${i}`,
        at: at(start, Math.floor(rnd() * 4000) * 900_000),
        amountMinor: 100,
        code: people[Math.floor(rnd() * 3)]!.code,
      })),
    );
    await refreshAllPerformanceFacts(db(), w.ws);
    const r = await w.get('/reports/conversion-lag?from=2025-01-01&to=2025-12-31');
    // PostgreSQL's own percentile_cont over the same orders, independently of the report.
    const expected = async (where: string) => {
      const res = await t.database.db.execute(
        sql.raw(`select count(*)::int as n, percentile_cont(0.5) within group (order by lag_seconds) as med,
          percentile_cont(0.9) within group (order by lag_seconds) as p90
          from orders where workspace_id = '${w.ws}' and lag_seconds is not null ${where}`),
      );
      const row = (res as unknown as { rows: { n: number; med: number; p90: number }[] }).rows[0]!;
      return { orders: Number(row.n), medianDays: secondsToDays(row.med), p90Days: secondsToDays(row.p90) };
    };
    const ada = people[0]!.id;
    expect(r.overall).toMatchObject(await expected(''));
    const partner = `(attributed_creator_id = '${ada}' or attributed_deliverable_id = '${boAnnual}')`;
    expect(r.partnership).toMatchObject(await expected(`and ${partner}`));
    expect(r.oneOff).toMatchObject(await expected(`and not ${partner}`));
    // Both of Bo's groups hold orders, so the split above is tested.
    expect((await expected(`and attributed_deliverable_id = '${boAnnual}'`)).orders).toBeGreaterThan(50);
    expect(
      (
        await expected(
          `and attributed_creator_id = '${people[1]!.id}' and attributed_deliverable_id <> '${boAnnual}'`,
        )
      ).orders,
    ).toBeGreaterThan(50);
    for (const c of r.creators as { creatorId: string }[])
      expect(c).toMatchObject(await expected(`and attributed_creator_id = '${c.creatorId}'`));
    expect(r.overall.orders).toBe(700);
  });
});

describe('conversion lag without sorting: selection against percentile_cont', () => {
  it('gives the counts, histogram and percentiles PostgreSQL computes from the plain definition', async () => {
    const w = await newWorkspace('Lag selection');
    // Nine creators: every third has 3 posts (a partner), the others one post; creator 1 also has a
    // post under an annual agreement in June (his later orders are partnership orders). Creator 7
    // gets a single order in the period and creator 8 two: the smallest sets.
    const ids: string[] = [];
    const posts: Date[][] = [];
    for (let i = 0; i < 9; i++) {
      const id = await creator(w.ws, `Sel ${i}`);
      ids.push(id);
      const times = Array.from({ length: i % 3 === 0 ? 3 : 1 }, (_, k) =>
        at('2024-11-01T00:00:00Z', (k * 40 + i) * DAY),
      );
      for (const postedAt of times) await post(w.ws, id, { postedAt: postedAt.toISOString(), snaps: [] });
      posts.push(times);
      await promoCode(w.ws, id, `S${i}`);
    }
    await post(w.ws, ids[1]!, {
      postedAt: '2025-06-01T00:00:00Z',
      agreementId: await agreement(w.ws, ids[1]!, 'annual'),
      snaps: [],
    });
    // 1,500 orders from October 2024 to February 2026 (some outside the period, some before any
    // post: no lag), at whole hours so that lags tie often, a few exactly 48 h after the first post.
    const rnd = mulberry32(19);
    const list: OrderIn[] = [];
    for (let i = 0; i < 1500; i++) {
      const c = i % 9 === 7 ? (i < 9 ? 7 : 0) : i % 9 === 8 ? (i < 18 ? 8 : 2) : i % 9;
      const when =
        i < 18 && c >= 7
          ? at('2025-03-01T00:00:00Z', i * H)
          : i % 50 === 0
            ? at(posts[c]![0]!.toISOString(), 48 * H)
            : at('2024-10-01T00:00:00Z', Math.floor(rnd() * 12_000) * H);
      list.push({ id: `q${i}`, customer: `m${i % 400}`, at: when, amountMinor: 100, code: `S${c}` });
    }
    await insertOrders(w.ws, list);
    // Cancelled orders count nowhere.
    await db().execute(
      sql`update orders set status = 'cancelled' where workspace_id = ${w.ws} and external_id like 'q1__'`,
    );
    await refreshAllPerformanceFacts(db(), w.ws);
    const r = await w.get('/reports/conversion-lag?from=2025-01-01&to=2025-12-31');

    // The plain definition, in SQL: the period's counted orders with a lag.
    const base = `from orders where workspace_id = '${w.ws}' and lag_seconds is not null
      and status in ('paid', 'partially_refunded') and attributed_creator_id is not null
      and ordered_at >= '2025-01-01T00:00:00Z' and ordered_at < '2026-01-01T00:00:00Z'`;
    const rows = async <T>(q: string) =>
      ((await t.database.db.execute(sql.raw(q))) as unknown as { rows: T[] }).rows;
    const expected = async (where: string) => {
      const [row] = await rows<{ n: number; w: number; med: number; p90: number }>(
        `select count(*)::int as n, (count(*) filter (where lag_seconds <= 172800))::int as w,
          percentile_cont(0.5) within group (order by lag_seconds) as med,
          percentile_cont(0.9) within group (order by lag_seconds) as p90 ${base} ${where}`,
      );
      return {
        orders: Number(row!.n),
        within48h: Number(row!.w),
        medianDays: secondsToDays(row!.med),
        p90Days: secondsToDays(row!.p90),
      };
    };
    const histogram = async (where: string) => {
      const counts = new Array<number>(31).fill(0);
      for (const h of await rows<{ d: number; n: number }>(
        `select least(lag_seconds / 86400, 30)::int as d, count(*)::int as n ${base} ${where} group by 1`,
      ))
        counts[Number(h.d)] = Number(h.n);
      return counts.map((orders, d) => ({ day: d === 30 ? '30+' : String(d), orders }));
    };
    const partners = [ids[0], ids[3], ids[6]].map((id) => `'${id}'`).join(', ');
    const partner = `(attributed_creator_id in (${partners}) or attributed_deliverable_id in
      (select id from deliverables where agreement_id is not null and workspace_id = '${w.ws}'))`;
    for (const [set, where] of [
      [r.overall, ''],
      [r.partnership, `and ${partner}`],
      [r.oneOff, `and not ${partner}`],
    ] as const) {
      expect(set).toMatchObject(await expected(where));
      expect(set.histogram).toEqual(await histogram(where));
    }
    expect(r.creators).toHaveLength(9);
    for (const c of r.creators as { creatorId: string }[])
      expect(c).toMatchObject(await expected(`and attributed_creator_id = '${c.creatorId}'`));
    // The fixture holds what it claims: the smallest sets, ties at 48 h, orders left out.
    const byId = new Map(
      (r.creators as { creatorId: string; orders: number }[]).map((c) => [c.creatorId, c.orders]),
    );
    expect([byId.get(ids[7]!), byId.get(ids[8]!)]).toEqual([1, 2]);
    expect(r.overall.within48h).toBeGreaterThan(0);
    expect(r.partnership.orders).toBeGreaterThan(100);
    expect(r.oneOff.orders).toBeGreaterThan(100);
    expect(r.overall.orders).toBeLessThan(1400);
  });
});

describe('money: exchange rates, ROAS, ROI, cost per reach; CSV and CLI', () => {
  let w: Awaited<ReturnType<typeof newWorkspace>>;
  beforeAll(async () => {
    w = await newWorkspace('Euro');
    const eva = await creator(w.ws, 'Eva Euro', 2);
    // EUR → USD 1.10 from March 1: the April post converts (€1,000 → $1,100), the February one has no rate.
    await db().insert(exchangeRates).values({
      workspaceId: w.ws,
      currency: 'EUR',
      reportingCurrency: 'USD',
      onDate: '2025-03-01',
      rate: '1.1',
    });
    await post(w.ws, eva, {
      postedAt: '2025-04-01T12:00:00Z',
      costMinor: 100_000,
      costCurrency: 'EUR',
      snaps: [{ ageHours: 168, reach: 20_000, likes: 400 }],
    });
    await post(w.ws, eva, {
      postedAt: '2025-02-01T12:00:00Z',
      costMinor: 50_000,
      costCurrency: 'EUR',
      snaps: [{ ageHours: 168, reach: 5_000, likes: 250 }],
    });
    await promoCode(w.ws, eva, 'EVA');
    await insertOrders(
      w.ws,
      [0, 1, 2].map((i) => ({
        id: `e${i}`,
        customer: `ec${i}`,
        at: at('2025-04-03T12:00:00Z', i * H),
        amountMinor: 100_000,
        code: 'EVA',
      })),
    );
    await refreshAllPerformanceFacts(db(), w.ws);
  });

  it('leaves a post without a rate out of cost and counts it in missingRates', async () => {
    const p = await w.get('/reports/portfolio?from=2025-01-01&to=2025-12-31');
    expect(p.totals).toEqual({
      posts: 2,
      costMinor: 110_000, // €1,000 × 1.10; the February €500 has no rate (never 1:1)
      reach: 25_000, // 20,000 + 5,000
      engagementRate: '0.035000', // (400/20,000 + 250/5,000) / 2 = (0.02 + 0.05) / 2
      day1Rate: null,
      day7Rate: '0.035000',
      orders: 3,
      revenueMinor: 300_000,
      customersAcquired: 3,
      repeatCustomers: 0,
      cpaMinor: 36_667, // 110,000 / 3 = 36,666.67 → 36,667
      roas: '2.7273', // 300,000 / 110,000 = 2.727272…
      roi: '1.7273', // 190,000 / 110,000 = 1.727272…
      repeatRate: '0.000000',
      costPer1000ReachMinor: 4400, // 110,000 × 1000 / 25,000 = $44.00
      missingRates: 1,
    });
  });

  it('exports the portfolio as CSV, byte for byte', async () => {
    const res = await t.call(owner, {
      method: 'GET',
      url: `/api/v1/workspaces/${w.ws}/reports/portfolio.csv?from=2025-01-01&to=2025-12-31`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="portfolio-2025-01-01-to-2025-12-31.csv"',
    );
    expect(res.body).toBe(
      '\uFEFFFrom,To,Active creators,Posts,Currency,Cost,Reach,Engagement rate,Day-1 rate,Day-7 rate,Orders,Revenue,Customers acquired,Repeat customers,CPA,ROAS,ROI,Repeat rate,Cost per 1000 reach,Missing rates\r\n' +
        '2025-01-01,2025-12-31,1,2,USD,1100.00,25000,0.035000,,0.035000,3,3000.00,3,0,366.67,2.7273,1.7273,0.000000,44.00,1\r\n',
    );
  });

  it('the CLI prints the same report as JSON or CSV', async () => {
    const [row] = await db()
      .select({ slug: workspaces.slug })
      .from(workspaces)
      .where(eq(workspaces.id, w.ws));
    const ctx = { db: db(), clock };
    const json = JSON.parse(
      await reportForCli(ctx, {
        name: 'portfolio',
        workspace: row!.slug,
        from: '2025-01-01',
        to: '2025-12-31',
      }),
    );
    expect(json.totals.cpaMinor).toBe(36_667);
    const csv = await reportForCli(ctx, {
      name: 'partnerships-vs-one-offs',
      workspace: row!.slug,
      from: '2025-01-01',
      to: '2025-12-31',
      format: 'csv',
    });
    // Eva has 2 posts and no agreement: one-off. Partnership row: nothing.
    expect(csv.split('\r\n')).toEqual([
      '\uFEFFGroup,Posts,Currency,Cost,Reach,Engagement rate,Day-1 rate,Day-7 rate,Orders,Revenue,Customers acquired,Repeat customers,CPA,ROAS,ROI,Repeat rate,Cost per 1000 reach,Missing rates',
      'partnership,0,USD,0.00,0,,,,0,0.00,0,0,,,,,,0',
      'one_off,2,USD,1100.00,25000,0.035000,,0.035000,3,3000.00,3,0,366.67,2.7273,1.7273,0.000000,44.00,1',
      '',
    ]);
    await expect(reportForCli(ctx, { name: 'nope', workspace: row!.slug })).rejects.toThrow(/not found/);
    await expect(
      reportForCli(ctx, { name: 'portfolio', workspace: row!.slug, from: '2025-13-01' }),
    ).rejects.toThrow(/from/);
  });
});
