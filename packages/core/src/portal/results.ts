import type {
  PortalBusyPeriod,
  PortalInsightList,
  PortalInsightRequest,
  PortalLearned,
  PortalOverlap,
  PortalResults,
  PortalResultsSpan,
} from '@evergreen/contracts';
import { queryRows } from '@evergreen/db';
import { addDays } from '@evergreen/rules';
import { sql } from 'drizzle-orm';
import {
  COUNTED,
  measureRows,
  NET_REVENUE,
  reportSettings,
  resolvePeriod,
  roundDecimal,
  toMeasures,
} from '../performance/index.ts';
import { listInsightsAsCreator, recordInsightAsCreator, workspaceToday } from '../selection/index.ts';
import { isoRequired, type PortalCtx } from '../shared/context.ts';

/** The comparison spans: the last 90 days up to today, and the 90 days before them. */
export const RESULTS_SPAN_DAYS = 90;

const rate6 = (x: string | null | undefined) => roundDecimal(x, 6);

/**
 * The creator's results as they see them in the portal: their measures over the last 90 days
 * against the 90 before (the same facts and formulas as the manager's creator page, through
 * `measureRows`), every sponsored live post by its number with its engagement against their own
 * average, orders from each of their codes and links, and what the brand learned (insights the
 * team shared with them). Never another creator's figure: every statement is filtered by the
 * portal actor's (workspace, creator).
 */
export async function getPortalResults(ctx: PortalCtx): Promise<PortalResults> {
  const { db, clock, portal } = ctx;
  const ws = portal.workspaceId;
  const me = portal.creatorId;
  const settings = await reportSettings(db, ws);
  const recent = resolvePeriod({}, clock);
  const to = recent.to;
  const span = async (from: string, until: string): Promise<PortalResultsSpan> => {
    const period = resolvePeriod({ from, to: until }, clock);
    const [raw] = await measureRows(db, ws, period, settings.repeatHorizonDays, 'total', me);
    const m = raw ? toMeasures(raw) : undefined;
    return {
      from,
      to: until,
      posts: m?.posts ?? 0,
      reach: m?.reach ?? 0,
      engagementRate: m?.engagementRate ?? null,
      orders: m?.orders ?? 0,
      revenueMinor: m?.revenueMinor ?? 0,
      customersAcquired: m?.customersAcquired ?? 0,
    };
  };
  const recentSpan = await span(addDays(to, -(RESULTS_SPAN_DAYS - 1)), to);
  const earlierSpan = await span(addDays(to, -(2 * RESULTS_SPAN_DAYS - 1)), addDays(to, -RESULTS_SPAN_DAYS));

  // The creator's own average: the mean of per-post rates over posts with a basis (the measures' formula).
  const [avg] = await queryRows<{ avg: string | null }>(
    db,
    sql`select (avg(d.latest_engagements::float8 / d.latest_basis) filter (where d.latest_basis > 0))::text as avg
      from deliverables d
      where d.workspace_id = ${ws} and d.creator_id = ${me} and d.ordinal is not null`,
  );
  const average = avg?.avg ?? null;
  const posts = await queryRows<{
    id: string;
    ordinal: number;
    title: string | null;
    platform: string | null;
    url: string | null;
    posted_at: Date | string;
    basis: number | null;
    eng: number | null;
    rate: string | null;
    vs: string | null;
    orders: number;
    revenue: string | null;
  }>(
    db,
    sql`select d.id, d.ordinal, d.title, d.platform::text as platform, d.url, d.posted_at,
        d.latest_basis as basis, d.latest_engagements as eng,
        (d.latest_engagements::numeric / nullif(d.latest_basis, 0))::text as rate,
        (d.latest_engagements::numeric / nullif(d.latest_basis, 0) - ${average}::numeric)::text as vs,
        coalesce(o.orders, 0)::int as orders, o.revenue::text as revenue
      from deliverables d
      left join lateral (
        select count(*) as orders, sum(${NET_REVENUE()}) as revenue from orders o
        where o.workspace_id = ${ws} and o.attributed_creator_id = ${me}
          and o.attributed_deliverable_id = d.id and ${COUNTED()}
      ) o on true
      where d.workspace_id = ${ws} and d.creator_id = ${me} and d.ordinal is not null
      order by d.ordinal`,
  );
  const trackers = await queryRows<{
    kind: 'promo_code' | 'link';
    label: string;
    orders: number;
    revenue: string | null;
  }>(
    db,
    sql`select t.kind::text as kind, coalesce(t.code, t.url, '') as label,
        count(o.id)::int as orders, sum(${NET_REVENUE()})::text as revenue
      from trackers t
      left join orders o on o.workspace_id = ${ws} and o.attributed_creator_id = ${me} and ${COUNTED()}
        and ((t.kind = 'promo_code' and o.attributed_by = 'code' and o.promo_code = t.code)
          or (t.kind = 'link' and o.attributed_by = 'link'
            and o.utm_source = t.utm_source and o.utm_campaign = t.utm_campaign))
      where t.workspace_id = ${ws} and t.creator_id = ${me}
      group by t.id, t.kind, t.code, t.url, t.created_at
      order by t.created_at, t.id`,
  );
  return {
    currency: settings.currency,
    recent: recentSpan,
    earlier: earlierSpan,
    averageEngagementRate: rate6(average),
    posts: posts.map((p) => ({
      id: p.id,
      ordinal: Number(p.ordinal),
      title: p.title,
      platform: p.platform,
      url: p.url,
      postedAt: isoRequired(p.posted_at),
      reach: p.basis == null ? null : Number(p.basis),
      engagements: p.eng == null ? null : Number(p.eng),
      engagementRate: rate6(p.rate),
      vsAverage: rate6(p.vs),
      orders: Number(p.orders),
      revenueMinor: Number(p.revenue ?? 0),
    })),
    trackers: trackers.map((t) => ({
      kind: t.kind,
      label: t.label,
      orders: Number(t.orders),
      revenueMinor: Number(t.revenue ?? 0),
    })),
    learned: await listInsightsAsCreator(ctx, 'shared'),
  };
}

/** The creator's feedback and market insights they sent from the portal. */
export async function listPortalInsights(ctx: PortalCtx): Promise<PortalInsightList> {
  return { insights: await listInsightsAsCreator(ctx, 'sent') };
}

/** The creator sends feedback or a market insight: into the insights log and onto their timeline. */
export const sendPortalInsight = (ctx: PortalCtx, input: PortalInsightRequest): Promise<PortalLearned> =>
  recordInsightAsCreator(ctx, input);

/**
 * A post's markets: its creator's markets that the campaign targets when both are known, else
 * whichever is known (an empty set: no market known, never matched). SQL over aliases `cr`, `c`.
 */
const postMarkets = (cr: string, c: string) =>
  sql.raw(`case when cardinality(${cr}.markets) > 0 and cardinality(${c}.markets) > 0
      then array(select unnest(${cr}.markets) intersect select unnest(${c}.markets))
    when cardinality(${cr}.markets) > 0 then ${cr}.markets else ${c}.markets end`);

/** A post's day: due, else planned, else the UTC day it went up. */
const POST_DAY = sql.raw(`coalesce(d.due_on, d.planned_on, (d.posted_at at time zone 'UTC')::date)`);

/**
 * The overlap calendar: for each of the creator's windows (a campaign they have a post in, that
 * has not ended before today), the periods when the brand has other creators' posts on one of the
 * campaign's products in one of the window's markets. Busy periods carry product, market, dates and
 * how many posts, never who (docs/decisions/0012-creator-portal-access.md, "Overlap calendar").
 */
export async function getPortalOverlap(ctx: PortalCtx): Promise<PortalOverlap> {
  const { db, clock, portal } = ctx;
  const ws = portal.workspaceId;
  const me = portal.creatorId;
  const today = await workspaceToday(db, ws, clock);
  const windows = await queryRows<{
    id: string;
    name: string;
    starts_on: string;
    ends_on: string;
    products: string[];
    markets: string[];
  }>(
    db,
    sql`select c.id, c.name, c.starts_on::text, c.ends_on::text, c.products, ${postMarkets('cr', 'c')} as markets
      from campaigns c
      join creators cr on cr.workspace_id = ${ws} and cr.id = ${me}
      where c.workspace_id = ${ws} and c.ends_on >= ${today}::date
        and exists (select 1 from deliverables d where d.workspace_id = ${ws} and d.creator_id = ${me}
          and d.campaign_id = c.id)
      order by c.starts_on, c.name, c.id`,
  );
  if (windows.length === 0) return { windows: [] };
  const ids = sql.join(
    windows.map((w) => sql`${w.id}::uuid`),
    sql`, `,
  );
  const mine = await queryRows<{ campaign_id: string; title: string | null; on: string | null }>(
    db,
    sql`select d.campaign_id, d.title, ${POST_DAY}::text as on from deliverables d
      where d.workspace_id = ${ws} and d.creator_id = ${me} and d.campaign_id in (${ids})
        and d.status <> 'missed'
      order by 3 nulls last, d.id`,
  );
  // Other creators' posts (any campaign of the brand) by day, product and market, within a window.
  const busy = await queryRows<{ wid: string; product: string; market: string; day: string; posts: number }>(
    db,
    sql`with w as (
        select c.id, c.starts_on, c.ends_on, c.products, ${postMarkets('cr', 'c')} as markets
        from campaigns c join creators cr on cr.workspace_id = ${ws} and cr.id = ${me}
        where c.workspace_id = ${ws} and c.id in (${ids})
      ), o as (
        select d.id, ${POST_DAY} as day, c.products, ${postMarkets('cr', 'c')} as markets
        from deliverables d
        join campaigns c on c.workspace_id = d.workspace_id and c.id = d.campaign_id
        join creators cr on cr.workspace_id = d.workspace_id and cr.id = d.creator_id
        where d.workspace_id = ${ws} and d.creator_id <> ${me} and d.status <> 'missed'
      )
      select w.id as wid, p.product, m.market, o.day::text as day, count(*)::int as posts
      from w
      join o on o.day between w.starts_on and w.ends_on
      cross join lateral unnest(w.products) p(product)
      cross join lateral unnest(w.markets) m(market)
      where lower(p.product) in (select lower(x) from unnest(o.products) x) and m.market = any(o.markets)
      group by 1, 2, 3, 4
      order by 1, 2, 3, 4`,
  );
  return {
    windows: windows.map((w) => ({
      campaign: w.name,
      from: w.starts_on,
      to: w.ends_on,
      products: w.products,
      markets: w.markets,
      myPosts: mine.filter((m) => m.campaign_id === w.id).map((m) => ({ title: m.title, on: m.on })),
      busy: mergeDays(busy.filter((b) => b.wid === w.id)),
    })),
  };
}

/**
 * Busy days of one window → periods: per (product, market), runs of consecutive days become one
 * period with the number of posts in it. Input sorted by product, market, day.
 */
export function mergeDays(
  days: readonly { product: string; market: string; day: string; posts: number }[],
): PortalBusyPeriod[] {
  const out: PortalBusyPeriod[] = [];
  for (const d of days) {
    const last = out.at(-1);
    if (last && last.product === d.product && last.market === d.market && addDays(last.to, 1) === d.day) {
      last.to = d.day;
      last.posts += d.posts;
    } else {
      out.push({ product: d.product, market: d.market, from: d.day, to: d.day, posts: d.posts });
    }
  }
  return out;
}
