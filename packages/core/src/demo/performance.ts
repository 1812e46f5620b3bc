import { randomUUID } from 'node:crypto';
import { transliterate } from '@evergreen/contracts';
import {
  agreementRates,
  agreements,
  type Db,
  deliverables,
  metricSnapshots,
  orders,
  payments,
  trackers,
} from '@evergreen/db';
import { eq, getTableColumns, getTableName, sql } from 'drizzle-orm';
import { addMonths } from '../agreements/index.ts';
import { bulkUpsertExchangeRates } from '../budgets/index.ts';
import { refreshAllPerformanceFacts } from '../performance/index.ts';
import type { ActorCtx } from '../shared/context.ts';
import { addDays, toDay } from '../shared/dates.ts';
import { mulberry32 } from '../shared/random.ts';
import type { DemoIds } from './partnerships.ts';
import { demoRoster } from './roster-data.ts';

/**
 * Two years of posts, metric snapshots, trackers and orders for the demo workspace, in which
 * partnerships really do compound (the seeds' figures):
 *
 * - partnership creators (Tier 1 every two months, Tier 2 every three to four months) post
 *   sponsored posts whose engagement rate climbs with the post's ordinal: ≈ 4.1% at post 1,
 *   ≈ 5.8% at post 4, plateauing near 6%, and keeps growing after day 1 (day 7 above day 1);
 * - one-off creators (Tier 3) post once or twice, flat around 3.5–4%;
 * - orders come through each creator's promo code or UTM link a few days after a post
 *   (partnerships with a longer tail), sized so one-off CPA ≈ $24 and partnership CPA ≈ $16;
 *   partnership-acquired customers order again within 180 days ≈ 28% of the time,
 *   one-off-acquired ≈ 8%; some orders come from nobody (direct, search);
 * - a few posts are due in the coming week and one is overdue, so Today has deliverables.
 *
 * Deterministic: a seeded generator, every date relative to `today` (random row ids aside).
 * Rows are bulk-inserted in one transaction and the derived facts refreshed once.
 */
export async function loadDemoPerformance(ctx: ActorCtx, ids: DemoIds, today: string): Promise<void> {
  const { db, actor } = ctx;
  const ws = actor.workspaceId;
  const now = ctx.clock.now();
  const rnd = mulberry32(20240607);
  const id = (name: string) => {
    const v = ids.get(name);
    if (!v) throw new Error(`demo creator ${name} missing`);
    return v;
  };

  // The budget's rate table covers the last 14 months; the history needs two years.
  await bulkUpsertExchangeRates(ctx, { rates: olderRubRates(today) });

  const agreementRows = await db
    .select({
      id: agreements.id,
      creatorId: agreements.creatorId,
      startsOn: agreements.startsOn,
      type: agreements.type,
      monthlyFeeMinor: agreements.monthlyFeeMinor,
      deliverablesPerMonth: agreements.deliverablesPerMonth,
    })
    .from(agreements)
    .where(eq(agreements.workspaceId, ws));
  const rateRows = await db.select().from(agreementRates).where(eq(agreementRates.workspaceId, ws));
  const existing = await db.select().from(deliverables).where(eq(deliverables.workspaceId, ws));
  /** The creator's agreement in force on `day` (the latest one started by then), if any. */
  const agreementOn = (creatorId: string, day: string) =>
    agreementRows
      .filter((a) => a.creatorId === creatorId && a.startsOn <= day)
      .sort((a, b) => b.startsOn.localeCompare(a.startsOn))[0]?.id ?? null;
  /**
   * What a post under an agreement costs, as the agreement says (docs/agreements.md): its rate
   * for the post's type, or a retainer's monthly fee per included post. Null without one.
   */
  const agreedPrice = (agreementId: string | null, type: string): number | null => {
    if (!agreementId) return null;
    const rate = rateRows.find((r) => r.agreementId === agreementId && r.deliverableType === type);
    if (rate) return rate.amountMinor;
    const a = agreementRows.find((x) => x.id === agreementId);
    if (a?.type === 'retainer' && a.monthlyFeeMinor != null && a.deliverablesPerMonth)
      return Math.round(a.monthlyFeeMinor / a.deliverablesPerMonth);
    return null;
  };

  // ---- who posts what --------------------------------------------------------------------
  const plans = creatorPlans(today);
  const posts: Post[] = [];
  const upcoming: (typeof deliverables.$inferInsert)[] = [];
  for (const plan of plans) {
    const creatorId = id(plan.name);
    for (const [n, day] of plan.days.entries()) {
      const postedAt = new Date(
        `${day}T${pad(14 + Math.floor(rnd() * 6))}:${pad(Math.floor(rnd() * 60))}:00Z`,
      );
      if (postedAt > now) continue;
      // Before any agreement a sponsored post was priced one by one (around the creator's usual
      // price); under an agreement it costs what the agreement says, exactly.
      const agreementId = plan.sponsored ? agreementOn(creatorId, day) : null;
      const usual = plan.sponsored ? Math.round((plan.costMinor * (0.9 + 0.2 * rnd())) / 1000) * 1000 : null;
      const cost = plan.sponsored ? (agreedPrice(agreementId, plan.type) ?? usual) : null;
      posts.push({
        id: randomUUID(),
        creatorId,
        plan,
        isNew: true,
        postedAt,
        costMinor: cost,
        costCurrency: cost == null ? null : plan.currency,
        agreementId,
        title: titleOf(plan, n, rnd),
      });
    }
  }
  // The partnership posts already in the demo (the retainers' ledgers) join the history.
  const planByCreator = new Map(plans.map((p) => [id(p.name), p]));
  for (const d of existing) {
    const plan = planByCreator.get(d.creatorId);
    if (!plan || d.status !== 'live' || !d.postedAt) continue;
    posts.push({
      id: d.id,
      creatorId: d.creatorId,
      plan,
      isNew: false,
      postedAt: d.postedAt,
      costMinor: d.costMinor,
      costCurrency: d.costCurrency,
      agreementId: d.agreementId,
      title: d.title ?? '',
    });
  }
  posts.sort((a, b) => a.postedAt.getTime() - b.postedAt.getTime() || a.plan.name.localeCompare(b.plan.name));
  // Ordinals as facts.ts numbers them: sponsored live posts per creator by posted time.
  const seen = new Map<string, number>();
  for (const p of posts) {
    if (!p.plan.sponsored) continue;
    p.ordinal = (seen.get(p.creatorId) ?? 0) + 1;
    seen.set(p.creatorId, p.ordinal);
  }

  // Due this week (and one overdue), so Today has deliverables to chase.
  for (const [name, inDays, status, type] of [
    ['Maya Chen', 3, 'planned', 'reel'],
    ['Sofia Ramirez', 5, 'submitted', 'reel'],
    ['Ava Thompson', 6, 'planned', 'reel'],
    ['Екатерина Иванова', 2, 'submitted', 'reel'],
    ['Noah Patel', -2, 'planned', 'reel'],
  ] as const) {
    const plan = planByCreator.get(id(name));
    const dueOn = addDays(today, inDays);
    const agreementId = agreementOn(id(name), dueOn);
    const cost = agreedPrice(agreementId, type) ?? plan?.costMinor ?? null;
    upcoming.push({
      id: randomUUID(),
      workspaceId: ws,
      creatorId: id(name),
      agreementId,
      type,
      platform: plan?.platform ?? 'instagram',
      sponsored: true,
      title: plan?.ru ? 'Новый пост: сыворотка с витамином C' : 'New post: vitamin C serum',
      plannedOn: addDays(dueOn, -7),
      dueOn,
      status,
      costMinor: cost,
      costCurrency: cost == null ? null : (plan?.currency ?? null),
      createdAt: new Date(`${addDays(today, -20)}T10:00:00Z`),
      updatedAt: new Date(`${addDays(today, -1)}T10:00:00Z`),
    });
  }

  // ---- snapshots -------------------------------------------------------------------------
  const snapshots: (typeof metricSnapshots.$inferInsert)[] = [];
  for (const p of posts) {
    const rate = engagementRate(p, rnd);
    const reach = Math.round(
      p.plan.reach * (0.8 + 0.4 * rnd()) * (p.plan.partnership ? 1 + 0.01 * Math.min(p.ordinal ?? 0, 20) : 1),
    );
    const video = p.plan.type === 'reel' || p.plan.type === 'youtube_integration';
    for (const [days, reachShare, rateShare] of p.plan.partnership
      ? PARTNERSHIP_CURVE
      : p.plan.sponsored
        ? ONE_OFF_CURVE
        : ORGANIC_CURVE) {
      const capturedAt = new Date(p.postedAt.getTime() + days * DAY_MS);
      if (capturedAt > now) break;
      const r = Math.round(reach * reachShare);
      const engagements = Math.round(r * rate * rateShare);
      const comments = Math.round(engagements * 0.06);
      const shares = Math.round(engagements * 0.05);
      const saves = Math.round(engagements * 0.09);
      const impressions = Math.round(r * 1.35);
      snapshots.push({
        workspaceId: ws,
        deliverableId: p.id,
        capturedAt,
        impressions,
        reach: r,
        likes: engagements - comments - shares - saves,
        comments,
        shares,
        saves,
        clicks: Math.round(r * 0.012),
        videoViews: video ? Math.round(impressions * 0.7) : null,
        source: days === 1 ? 'api' : 'csv',
        createdAt: capturedAt,
      });
    }
  }

  // ---- trackers --------------------------------------------------------------------------
  const trackerRows: (typeof trackers.$inferInsert)[] = [];
  const codeOf = new Map<string, string>();
  const linkOf = new Map<string, { source: string; campaign: string; url: string }>();
  for (const plan of plans) {
    if (!plan.sponsored) continue;
    const creatorId = id(plan.name);
    const createdAt = new Date(`${plan.days[0] ?? today}T09:00:00Z`);
    createdAt.setUTCDate(createdAt.getUTCDate() - 10);
    trackerRows.push({
      workspaceId: ws,
      creatorId,
      kind: 'promo_code',
      code: plan.code,
      createdBy: actor.userId,
      createdAt,
    });
    codeOf.set(creatorId, plan.code);
    if (plan.link) {
      const source = plan.platform;
      const campaign = slug(plan.name);
      const destination = `https://shop.example/${plan.link}`;
      const q = new URLSearchParams({ utm_source: source, utm_medium: 'influencer', utm_campaign: campaign });
      const url = `${destination}?${q}`;
      trackerRows.push({
        workspaceId: ws,
        creatorId,
        kind: 'link',
        destinationUrl: destination,
        utmSource: source,
        utmMedium: 'influencer',
        utmCampaign: campaign,
        url,
        createdBy: actor.userId,
        createdAt,
      });
      linkOf.set(creatorId, { source, campaign, url });
    }
  }

  // ---- orders ----------------------------------------------------------------------------
  const orderDrafts: OrderDraft[] = [];
  let customerSeq = 0;
  const nowMs = now.getTime();
  /** A customer's first order and, `repeatRate` of the time, their reorders (direct, no code). */
  const addCustomer = (first: OrderDraft, repeatRate: number) => {
    orderDrafts.push(first);
    if (rnd() >= repeatRate) return;
    // The demo shows the rate as observed: a recent customer's reorder falls before today.
    const room = (nowMs - first.at) / DAY_MS;
    if (room < 8) return;
    let at = first.at + (8 + rnd() * (Math.min(room, 170) - 8)) * DAY_MS;
    const reorder = (t: number) =>
      orderDrafts.push({
        customer: first.customer,
        at: t,
        currency: first.currency,
        amountMinor: amountOf(first.currency, rnd),
        promoCode: null,
      });
    reorder(at);
    while (rnd() < 0.35) {
      at += (25 + rnd() * 150) * DAY_MS;
      if (at > nowMs) break;
      reorder(at);
    }
  };
  for (const p of posts) {
    if (!p.plan.sponsored || p.costMinor == null) continue;
    const usd = p.costCurrency === 'RUB' ? (p.costMinor / 100) * RUB_USD : p.costMinor / 100;
    const perDollar = p.plan.partnership
      ? (0.85 + 0.05 * Math.min((p.ordinal ?? 1) - 1, 5)) / PARTNERSHIP_CPA
      : 1 / ONE_OFF_CPA;
    const n = Math.round(usd * perDollar * (0.85 + 0.3 * rnd()));
    const code = codeOf.get(p.creatorId) ?? null;
    const link = linkOf.get(p.creatorId);
    for (let i = 0; i < n; i++) {
      // One-offs convert at once; partnership audiences keep buying for weeks.
      const lagDays = p.plan.partnership
        ? rnd() < 0.55
          ? Math.min(-Math.log(1 - rnd()) * 0.9, 20)
          : 2 + rnd() * 26
        : rnd() < 0.9
          ? Math.min(-Math.log(1 - rnd()) * 0.7, 12)
          : 2 + rnd() * 10;
      const at = p.postedAt.getTime() + Math.max(lagDays * DAY_MS, 600_000);
      if (at > nowMs) continue;
      const byLink = link && rnd() < 0.3;
      const currency = p.plan.ru ? 'RUB' : 'USD';
      addCustomer(
        {
          customer: `cus_${String(++customerSeq).padStart(6, '0')}`,
          at,
          currency,
          amountMinor: amountOf(currency, rnd),
          promoCode: byLink ? null : code,
          utm: byLink ? link : undefined,
        },
        p.plan.partnership ? 0.28 : 0.08,
      );
    }
  }
  // Orders nobody brought: direct traffic and search ads.
  const attributedCustomers = customerSeq;
  const start = new Date(`${addDays(today, -730)}T00:00:00Z`).getTime();
  for (let i = 0; i < Math.round(attributedCustomers * 0.12); i++) {
    const currency = rnd() < 0.15 ? 'RUB' : 'USD';
    const search = rnd() < 0.3;
    addCustomer(
      {
        customer: `cus_${String(++customerSeq).padStart(6, '0')}`,
        at: start + rnd() * (nowMs - start),
        currency,
        amountMinor: amountOf(currency, rnd),
        promoCode: null,
        utm: search
          ? {
              source: 'google',
              campaign: 'brand-search',
              url: 'https://shop.example/?utm_source=google&utm_medium=cpc&utm_campaign=brand-search',
            }
          : undefined,
      },
      0.15,
    );
  }
  orderDrafts.sort((a, b) => a.at - b.at || a.customer.localeCompare(b.customer));
  const orderRows: (typeof orders.$inferInsert)[] = orderDrafts.map((o, i) => ({
    workspaceId: ws,
    externalId: `NW-${100001 + i}`,
    customerId: o.customer,
    orderedAt: new Date(Math.floor(o.at / 1000) * 1000),
    amountMinor: o.amountMinor,
    currency: o.currency,
    promoCode: o.promoCode,
    utmSource: o.utm?.source ?? null,
    utmCampaign: o.utm?.campaign ?? null,
    landingUrl: o.utm?.url ?? null,
    createdAt: new Date(Math.floor(o.at / 1000) * 1000),
  }));

  // ---- posts and their payments ----------------------------------------------------------
  const postRows: (typeof deliverables.$inferInsert)[] = posts
    .filter((p) => p.isNew)
    .map((p) => {
      const day = toDay(p.postedAt);
      return {
        id: p.id,
        workspaceId: ws,
        creatorId: p.creatorId,
        agreementId: p.agreementId,
        type: p.plan.type,
        platform: p.plan.platform,
        sponsored: p.plan.sponsored,
        title: p.title,
        plannedOn: addDays(day, -14),
        dueOn: day,
        postedAt: p.postedAt,
        url: `https://${p.plan.platform}.example/${slug(p.plan.name)}/${day}`,
        status: 'live' as const,
        costMinor: p.costMinor,
        costCurrency: p.costCurrency,
        createdAt: new Date(`${addDays(day, -21)}T10:00:00Z`),
        updatedAt: p.postedAt,
      };
    });
  // Their invoices, paid (the budget's own payment story stays as it is): a later "generate
  // payments" finds nothing new to schedule.
  const paymentRows: (typeof payments.$inferInsert)[] = posts
    .filter((p) => p.isNew && p.costMinor != null && p.costCurrency != null)
    .map((p, i) => {
      const dueOn = addDays(toDay(p.postedAt), 30);
      const paidOn = addDays(dueOn, -2);
      const paid = paidOn < today;
      return {
        workspaceId: ws,
        creatorId: p.creatorId,
        agreementId: p.agreementId,
        deliverableId: p.id,
        dueOn,
        amountMinor: p.costMinor ?? 0,
        currency: p.costCurrency ?? 'USD',
        status: paid ? ('paid' as const) : ('scheduled' as const),
        paidOn: paid ? paidOn : null,
        paidMinor: paid ? (p.costMinor ?? 0) : 0,
        reference: paid ? `INV-${1000 + i}` : null,
        createdAt: p.postedAt,
        updatedAt: paid ? new Date(`${paidOn}T12:00:00Z`) : p.postedAt,
      };
    });

  await db.transaction(async (tx) => {
    for (const chunk of chunks([...postRows, ...upcoming], 500)) await tx.insert(deliverables).values(chunk);
    await insertJson(tx, metricSnapshots, snapshots);
    await tx.insert(trackers).values(trackerRows);
    for (const chunk of chunks(orderRows, 5000)) await insertJson(tx, orders, chunk);
    for (const chunk of chunks(paymentRows, 500)) await tx.insert(payments).values(chunk);
    // Fresh statistics, or the planner takes thousands of rows for a handful (PGlite has no
    // autovacuum) and the refreshes' joins turn quadratic.
    await tx.execute(sql`analyze deliverables, metric_snapshots, trackers, orders, customer_facts`);
    await refreshAllPerformanceFacts(tx, ws);
  });
}

// ---- the model ---------------------------------------------------------------------------

const DAY_MS = 86_400_000;
/** Roughly the demo's rate table (≈ 0.0105 USD per RUB). */
const RUB_USD = 0.0106;
/** Cost per acquired customer the orders are sized for (USD); partnerships improve with ordinal. */
const PARTNERSHIP_CPA = 16;
const ONE_OFF_CPA = 24;

/** [days after posting, share of the final reach, share of the final engagement rate]. */
type Curve = readonly (readonly [number, number, number])[];
/** Partnership audiences keep engaging after day 1: day 7 is above day 1. */
const PARTNERSHIP_CURVE: Curve = [
  [1, 0.5, 0.86],
  [7, 0.85, 0.97],
  [14, 0.95, 0.99],
  [30, 1, 1],
];
/** One-offs spike on day 1 and stay flat. */
const ONE_OFF_CURVE: Curve = [
  [1, 0.6, 1.01],
  [7, 0.9, 1],
  [14, 0.97, 1],
  [30, 1, 1],
];
const ORGANIC_CURVE: Curve = ONE_OFF_CURVE;

export interface Plan {
  name: string;
  partnership: boolean;
  sponsored: boolean;
  ru: boolean;
  type: string;
  platform: 'instagram' | 'tiktok' | 'youtube' | 'telegram' | 'vk';
  costMinor: number;
  currency: 'USD' | 'RUB';
  reach: number;
  code: string;
  /** The landing page of the creator's UTM link (path on shop.example), when they have one. */
  link: string | null;
  days: string[];
}

interface Post {
  id: string;
  creatorId: string;
  plan: Plan;
  isNew: boolean;
  postedAt: Date;
  costMinor: number | null;
  costCurrency: string | null;
  agreementId: string | null;
  title: string;
  ordinal?: number;
}

interface OrderDraft {
  customer: string;
  at: number;
  currency: 'USD' | 'RUB';
  amountMinor: number;
  promoCode: string | null;
  utm?: { source: string; campaign: string; url: string } | undefined;
}

/**
 * The final engagement rate of a post: partnerships climb from ≈ 4.1% at post 1 towards 6%
 * (5.8% by post 4), one-offs sit at 3.5–4%, organic mentions near 3%.
 */
function engagementRate(p: Post, rnd: () => number): number {
  const noise = (rnd() - 0.5) * 0.003;
  if (!p.plan.sponsored) return 0.03 + noise;
  if (!p.plan.partnership) return 0.0375 + noise * 0.8;
  const k = p.ordinal ?? 1;
  return 0.06 - 0.019 * Math.exp(-(k - 1) / 1.35) + noise;
}

/** Every ~`every` days from `from` (days before today) up to `to`, a little jitter. */
function cadence(today: string, from: number, to: number, every: number, seed: number): string[] {
  const out: string[] = [];
  for (let d = from, i = 0; d <= to; d += every, i++) out.push(addDays(today, d + ((seed + i * 7) % 5) - 2));
  return out;
}

/** Who posts what, at what usual price: the agreements price their posts from these. */
export function creatorPlans(today: string): Plan[] {
  const base = (name: string, o: Partial<Plan> & Pick<Plan, 'type' | 'platform' | 'reach'>) => {
    const profile = demoRoster.find((c) => c.profile.displayName === name)?.profile;
    const ru = profile?.markets?.includes('RU') ?? false;
    // The creator's rate card prices their posts (one-off creators have none: priced here).
    const card = profile?.rates?.find((r) => r.deliverableType === o.type)?.amountMinor;
    const costMinor = o.costMinor ?? card;
    if (costMinor === undefined) throw new Error(`demo price for ${name}'s ${o.type} missing`);
    return {
      name,
      costMinor,
      partnership: true,
      sponsored: true,
      ru,
      currency: ru ? ('RUB' as const) : ('USD' as const),
      code: `${transliterate(name.split(' ')[0] ?? name).toUpperCase()}10`,
      link: null,
      days: [],
      ...o,
    } satisfies Plan;
  };
  // Strategic partners: every two months for two years. Anna's and Priya's retainers (the last four
  // months) already have their posts, so their history stops before the retainers began.
  const t1: Plan[] = [
    base('Maya Chen', {
      type: 'reel',
      platform: 'instagram',
      reach: 90000,
      code: 'MAYA15',
      link: 'spf-50-fluid',
    }),
    base('Jordan Ellis', {
      type: 'youtube_integration',
      platform: 'youtube',
      reach: 120000,
      code: 'JORDAN15',
      link: 'cleanser',
    }),
    base('Priya Nair', {
      type: 'sponsored_post',
      platform: 'instagram',
      reach: 70000,
      code: 'PRIYA15',
      link: 'vitamin-c-serum',
    }),
    base('Анна Смирнова', {
      type: 'sponsored_post',
      platform: 'instagram',
      reach: 80000,
      code: 'ANNA15',
      link: 'ru/spf-50',
    }),
    base('Дмитрий Волков', {
      type: 'telegram_post',
      platform: 'telegram',
      reach: 50000,
      code: 'VOLKOV15',
    }),
    base('Sofia Ramirez', {
      type: 'reel',
      platform: 'instagram',
      reach: 75000,
      code: 'SOFIA15',
      link: 'body-lotion',
    }),
  ];
  const lastDay: Record<string, number> = { 'Анна Смирнова': -140, 'Priya Nair': -110 };
  for (const [i, p] of t1.entries()) p.days = cadence(today, -725 + i * 9, lastDay[p.name] ?? -1, 60, i);

  // Regular collaborators: every three to four months, some for the whole two years, some joined later.
  const tier2 = demoRoster.filter((c) => c.profile.tier === 2).map((c) => c.profile);
  const t2: Plan[] = tier2.map((c, i) => {
    const ru = c.markets?.includes('RU') ?? false;
    const p = base(c.displayName, {
      type: 'reel',
      platform: ru ? (i % 2 ? 'vk' : 'instagram') : i % 2 ? 'tiktok' : 'instagram',
      reach: 18_000 + (i % 5) * 5_000,
      link: i % 3 === 0 ? (ru ? 'ru/serum' : 'serum') : null,
    });
    const paused = c.status === 'paused';
    p.days = cadence(today, -720 + ((i * 47) % 240), paused ? -150 : -3, 105 + (i % 3) * 5, i);
    return p;
  });

  // Occasional creators: one or two one-off posts each; prospects only mentioned us unpaid.
  const tier3 = demoRoster.filter((c) => c.profile.tier === 3).map((c) => c.profile);
  const t3: Plan[] = tier3.map((c, i) => {
    const ru = c.markets?.includes('RU') ?? false;
    const prospect = c.status === 'prospect';
    const first = -700 + ((i * 83) % 660);
    const p = base(c.displayName, {
      partnership: false,
      sponsored: !prospect,
      type: i % 2 ? 'story' : 'reel',
      platform: ru ? 'vk' : i % 2 ? 'tiktok' : 'instagram',
      costMinor: ru ? 3_800_000 + (i % 3) * 600_000 : 40_000 + (i % 3) * 10_000,
      reach: 15_000 + (i % 4) * 6_000,
    });
    p.days = [addDays(today, first), ...(i % 3 === 1 && !prospect ? [addDays(today, first + 55)] : [])];
    return p;
  });
  return [...t1, ...t2, ...t3];
}

const PRODUCTS = ['SPF 50 fluid', 'Barrier cream', 'Vitamin C serum', 'Gentle cleanser', 'Night repair oil'];
const PRODUCTS_RU = [
  'SPF 50 флюид',
  'Крем для барьера',
  'Сыворотка с витамином C',
  'Мягкое очищение',
  'Ночное масло',
];
function titleOf(plan: Plan, n: number, rnd: () => number): string {
  const product = (plan.ru ? PRODUCTS_RU : PRODUCTS)[Math.floor(rnd() * PRODUCTS.length)];
  if (!plan.sponsored) return plan.ru ? `Упоминание: ${product}` : `Mention: ${product}`;
  return plan.ru ? `${product}: пост ${n + 1}` : `${product}: post ${n + 1}`;
}

/** An order's amount: a basket of one to three products. */
function amountOf(currency: 'USD' | 'RUB', rnd: () => number): number {
  const prices = currency === 'RUB' ? [189000, 249000, 329000, 459000] : [2900, 3450, 4200, 5800];
  let total = 0;
  const items = 1 + Math.floor(rnd() * rnd() * 3);
  for (let i = 0; i < items; i++) total += prices[Math.floor(rnd() * prices.length)] ?? 0;
  return total;
}

/** RUB rates on the first of the months 15–26 back, continuing the budget's table. */
function olderRubRates(today: string) {
  const first = `${today.slice(0, 8)}01`;
  return Array.from({ length: 12 }, (_, k) => {
    const i = 15 + k;
    return { currency: 'RUB', onDate: addMonths(first, -i), rate: (0.0105 + (i % 5) * 0.0002).toFixed(4) };
  });
}

/**
 * A bulk insert that sends the rows as one JSON parameter (json_populate_recordset): on PGlite
 * many times faster than a multi-row VALUES with thousands of parameters. Columns left
 * undefined in every row take their defaults.
 */
async function insertJson<T extends typeof orders | typeof metricSnapshots>(
  tx: Db,
  table: T,
  rows: T['$inferInsert'][],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.entries(getTableColumns(table)).filter(([key]) =>
    rows.some((r) => (r as Record<string, unknown>)[key] !== undefined),
  );
  const json = JSON.stringify(
    rows.map((r) =>
      Object.fromEntries(columns.map(([key, c]) => [c.name, (r as Record<string, unknown>)[key] ?? null])),
    ),
  );
  const names = sql.join(
    columns.map(([, c]) => sql.identifier(c.name)),
    sql`, `,
  );
  const name = sql.identifier(getTableName(table));
  await tx.execute(
    sql`insert into ${name} (${names}) select ${names} from json_populate_recordset(null::${name}, ${json}::json)`,
  );
}

function* chunks<T>(rows: T[], size: number): Generator<T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

const pad = (n: number) => String(n).padStart(2, '0');

const slug = (name: string) => transliterate(name).replace(/[^a-z0-9]+/g, '-');
