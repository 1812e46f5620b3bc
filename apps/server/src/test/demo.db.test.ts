import { randomBytes } from 'node:crypto';
import { createSecretBox, loadDemo } from '@evergreen/core';
import { queryRows } from '@evergreen/db';
import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/harness.ts';

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

describe('the demo story agrees with itself', () => {
  const rows = <T>(q: SQL) => queryRows<T>(t.database.db, q);

  it("prices every post under an agreement at that agreement's rate for its type (a retainer: fee per included post)", async () => {
    const posts = await rows<{
      creator: string;
      type: string;
      agreement_type: string;
      cost: number | null;
      currency: string | null;
      agreement_currency: string;
      rate: number | null;
      retainer_share: string | null;
    }>(sql`
      select c.display_name as creator, d.type, a.type as agreement_type, d.cost_minor::float8 as cost,
        d.cost_currency as currency, a.currency as agreement_currency, r.amount_minor::float8 as rate,
        (a.monthly_fee_minor::numeric / nullif(a.deliverables_per_month, 0))::text as retainer_share
      from deliverables d
      join agreements a on a.id = d.agreement_id
      join creators c on c.id = d.creator_id
      left join agreement_rates r on r.agreement_id = a.id and r.deliverable_type = d.type
      where d.workspace_id = ${ws} and d.sponsored and d.status <> 'missed'`);
    // Every Tier 1 and Tier 2 creator under agreement posts under it: a few hundred posts.
    expect(posts.length).toBeGreaterThan(20);
    const wrong = posts.filter((p) => {
      const agreed = p.rate ?? (p.agreement_type === 'retainer' ? Number(p.retainer_share) : null);
      return agreed === null || p.cost !== agreed || p.currency !== p.agreement_currency;
    });
    expect(wrong).toEqual([]);
    // Maya's reel: what her agreement says, and what her posts under it cost.
    const maya = posts.filter((p) => p.creator === 'Maya Chen' && p.type === 'reel');
    expect(maya.length).toBeGreaterThan(0);
    expect(new Set(maya.map((p) => p.cost))).toEqual(new Set([30000]));
  });

  it("gives every agreement rate the creator's own rate card price for that type", async () => {
    const rates = await rows<{ creator: string; type: string; agreed: number; card: number | null }>(sql`
      select c.display_name as creator, r.deliverable_type as type, r.amount_minor::float8 as agreed,
        cr.amount_minor::float8 as card
      from agreement_rates r join agreements a on a.id = r.agreement_id join creators c on c.id = a.creator_id
      left join creator_rates cr on cr.creator_id = a.creator_id and cr.deliverable_type = r.deliverable_type
        and cr.currency = a.currency
      where a.workspace_id = ${ws}`);
    expect(rates.length).toBeGreaterThanOrEqual(16);
    expect(rates.filter((r) => r.card !== r.agreed)).toEqual([]);
  });

  it("makes a project's fee its rate times the posts a year it covers", async () => {
    const projects = await rows<{ fee: number; rate: number; per_year: number }>(sql`
      select a.fee_minor::float8 as fee, r.amount_minor::float8 as rate, a.collaborations_per_year as per_year
      from agreements a left join agreement_rates r on r.agreement_id = a.id
      where a.workspace_id = ${ws} and a.type = 'project'`);
    expect(projects.length).toBeGreaterThanOrEqual(10);
    for (const p of projects) expect(p.fee).toBe(p.rate * p.per_year);
  });

  it('drafts, sends and accepts every agreement before it begins, each on its own day', async () => {
    const steps = await rows<{
      title: string;
      created: string;
      sent: string;
      accepted: string;
      starts: string;
      decided: string | null;
      month_six: string;
    }>(sql`
      select title, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD') as created,
        to_char(sent_at at time zone 'UTC', 'YYYY-MM-DD') as sent,
        to_char(accepted_at at time zone 'UTC', 'YYYY-MM-DD') as accepted, starts_on::text as starts,
        extend_decided_on::text as decided, (starts_on + interval '6 months')::date::text as month_six
      from agreements where workspace_id = ${ws} order by starts_on`);
    expect(steps.length).toBeGreaterThanOrEqual(16);
    for (const a of steps) {
      expect(a.created < a.sent, a.title).toBe(true);
      expect(a.sent < a.accepted, a.title).toBe(true);
      expect(a.accepted <= a.starts, a.title).toBe(true);
      // The month-6 decision is taken in the days before month six, not on the day the demo loads.
      if (a.decided) expect(a.decided > a.starts && a.decided <= a.month_six, a.title).toBe(true);
    }
  });

  it('pays each post under an agreement the amount the agreement says', async () => {
    const [c] = await rows<{ mismatched: number; paid_posts: number }>(sql`
      select count(*) filter (where p.amount_minor <> d.cost_minor or p.currency <> d.cost_currency)::int as mismatched,
        count(*)::int as paid_posts
      from payments p join deliverables d on d.id = p.deliverable_id
      where p.workspace_id = ${ws} and d.agreement_id is not null`);
    expect(c!.paid_posts).toBeGreaterThan(10);
    expect(c!.mismatched).toBe(0);
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

describe('the demo performance history', () => {
  const rows = <T>(q: SQL) => queryRows<T>(t.database.db, q);
  /** Sponsored live posts with their group: partnership = annual/retainer agreement or ≥ 3 posts. */
  const posts = () => sql`(
    select d.*, coalesce(a.type in ('annual', 'retainer'), false)
      or max(d.ordinal) over (partition by d.creator_id) >= 3 as partnership
    from deliverables d left join agreements a on a.id = d.agreement_id
    where d.workspace_id = ${ws} and d.sponsored and d.status = 'live')`;
  const num = (v: unknown) => Number(v);

  it('has two years of posts with four snapshots each, codes and links, and a few thousand orders', async () => {
    const [c] = await rows<Record<string, number>>(sql`select
      (select count(*)::int from deliverables where workspace_id = ${ws} and status = 'live'
        and posted_at < ${clock.now()}::timestamptz - interval '640 days') as old_posts,
      (select count(*)::int from deliverables where workspace_id = ${ws} and status = 'live' and not sponsored) as organic,
      (select count(*)::int from deliverables where workspace_id = ${ws} and status = 'live'
        and posted_at < ${clock.now()}::timestamptz - interval '30 days' and snapshot_count <> 4) as short_of_snapshots,
      (select count(*)::int from trackers where workspace_id = ${ws} and kind = 'link'
        and destination_url like 'https://shop.example/%') as links,
      (select count(*)::int from orders where workspace_id = ${ws}) as orders,
      (select count(*)::int from orders where workspace_id = ${ws} and attributed_creator_id is null) as unattributed,
      (select count(*)::int from orders where workspace_id = ${ws} and currency = 'RUB') as rub`);
    // The first three months of the two years already have a dozen posts.
    expect(c!.old_posts).toBeGreaterThan(10);
    expect(c!.organic).toBeGreaterThan(0);
    expect(c!.short_of_snapshots).toBe(0);
    expect(c!.links).toBeGreaterThan(3);
    expect(c!.orders).toBeGreaterThan(2000);
    expect(c!.orders).toBeLessThan(10000);
    expect(c!.unattributed).toBeGreaterThan(0);
    expect(c!.rub).toBeGreaterThan(0);
    const codes = await rows<{ code: string }>(
      sql`select code from trackers where workspace_id = ${ws} and kind = 'promo_code' order by code`,
    );
    expect(codes.map((r) => r.code)).toContain('MAYA15');
  });

  it('shows partnerships compounding: post 4 engages at least 30% more than post 1, day 7 above day 1', async () => {
    const byOrdinal = await rows<{ ordinal: number; rate: string }>(sql`
      select ordinal, avg(latest_engagements::numeric / latest_basis) as rate from ${posts()} p
      where partnership and ordinal in (1, 4) and latest_basis > 0 group by ordinal order by ordinal`);
    expect(byOrdinal.map((r) => r.ordinal)).toEqual([1, 4]);
    const [one, four] = byOrdinal.map((r) => num(r.rate));
    // The seeds: 4.1% at post 1, 5.8% at post 4 (a lift of 41%).
    expect(one).toBeGreaterThan(0.038);
    expect(one).toBeLessThan(0.045);
    expect(four! / one!).toBeGreaterThanOrEqual(1.3);
    const [g] = await rows<{ p1: string; p7: string; o1: string; o7: string }>(sql`
      select avg(day1_engagements::numeric / day1_basis) filter (where partnership) as p1,
        avg(day7_engagements::numeric / day7_basis) filter (where partnership) as p7,
        avg(day1_engagements::numeric / day1_basis) filter (where not partnership) as o1,
        avg(day7_engagements::numeric / day7_basis) filter (where not partnership) as o7
      from ${posts()} p where day1_basis > 0 and day7_basis > 0`);
    expect(num(g!.p7)).toBeGreaterThan(num(g!.p1));
    // One-offs stay flat around 3.5–4%.
    expect(num(g!.o7)).toBeGreaterThan(0.034);
    expect(num(g!.o7)).toBeLessThan(0.041);
  });

  it('has partnership-acquired customers coming back far more often than one-off ones', async () => {
    const repeat = await rows<{ partnership: boolean; customers: number; rate: string }>(sql`
      select p.partnership, count(*)::int as customers,
        avg(coalesce(cf.second_ordered_at <= cf.first_ordered_at + interval '180 days', false)::int) as rate
      from customer_facts cf join ${posts()} p on p.id = cf.acquired_by_deliverable_id
      where cf.workspace_id = ${ws} group by p.partnership order by p.partnership`);
    expect(repeat.map((r) => r.partnership)).toEqual([false, true]);
    expect(repeat[0]!.customers).toBeGreaterThan(100);
    expect(num(repeat[0]!.rate)).toBeLessThan(0.12);
    expect(num(repeat[1]!.rate)).toBeGreaterThan(0.2);
  });

  it('acquires customers cheaper through partnerships than through one-offs', async () => {
    const cpa = await rows<{ partnership: boolean; cost: string; customers: number }>(sql`
      with p as ${posts()}
      select p.partnership, (select sum(cost_reporting_minor) from p p2 where p2.partnership = p.partnership) as cost,
        count(cf.customer_id)::int as customers
      from p left join customer_facts cf on cf.workspace_id = ${ws} and cf.acquired_by_deliverable_id = p.id
      group by p.partnership order by p.partnership`);
    const [oneOff, partnership] = cpa.map((r) => num(r.cost) / r.customers / 100);
    // The seeds: $24 against $16.
    expect(oneOff).toBeGreaterThan(20);
    expect(oneOff).toBeLessThan(28);
    expect(partnership).toBeGreaterThan(13);
    expect(partnership).toBeLessThan(19);
    expect(oneOff!).toBeGreaterThan(partnership!);
  });

  it('tells the same story through the reports', async () => {
    // The whole two years for the curve (post 1 of most partners is over a year old).
    const curve = await get('/reports/compounding?from=2024-11-01&to=2026-11-21');
    const point = (n: number) => curve.points.find((p: { ordinal: number }) => p.ordinal === n);
    expect(Number(point(4).lift)).toBeGreaterThanOrEqual(0.3);
    // The default period, the last 365 days.
    const side = await get('/reports/partnerships-vs-one-offs');
    expect(side.currency).toBe('USD');
    expect(side.oneOff.cpaMinor).toBeGreaterThan(side.partnership.cpaMinor);
    expect(Number(side.partnership.repeatRate)).toBeGreaterThan(0.2);
    expect(Number(side.oneOff.repeatRate)).toBeLessThan(0.12);
    expect([side.partnership.missingRates, side.oneOff.missingRates]).toEqual([0, 0]);
  });

  it('converts every order and post cost to USD (the rate table covers the two years)', async () => {
    const [c] = await rows<{ orders: number; posts: number }>(sql`select
      (select count(*)::int from orders where workspace_id = ${ws} and amount_reporting_minor is null) as orders,
      (select count(*)::int from deliverables where workspace_id = ${ws} and cost_minor is not null
        and cost_reporting_minor is null) as posts`);
    expect(c).toEqual({ orders: 0, posts: 0 });
  });

  it('gives Today deliverables due this week and one missed', async () => {
    const today = await get('/today');
    const posts = today.items.filter((i: { type: string }) => i.type === 'deliverable');
    expect(posts.some((i: { bucket: string }) => i.bucket === 'upcoming')).toBe(true);
    expect(
      posts.some((i: { creatorName: string; missed: boolean }) => i.creatorName === 'Noah Patel' && i.missed),
    ).toBe(true);
  });

  it('leaves nothing for "generate payments": the history was invoiced and paid', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/workspaces/${ws}/payments/generate`,
      headers: { cookie, 'x-csrf-token': csrf },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().created).toBe(0);
    expect((await get('/payments/overdue')).payments).toHaveLength(2);
  });
});
