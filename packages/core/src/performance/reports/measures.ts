import type { PerformanceMeasures } from '@evergreen/contracts';
import { type Db, queryRows } from '@evergreen/db';
import { type SQL, sql } from 'drizzle-orm';
import { notFound } from '../../shared/errors.ts';
import { COUNTED, NET_REVENUE } from '../facts.ts';
import { groupCtes, groupLabel } from './classify.ts';
import { withReportMemory } from './common.ts';
import { type Period, periodSpans } from './period.ts';
import { ratioInt, ratioString, roundDecimal } from './stats.ts';

export interface ReportSettings {
  currency: string;
  repeatHorizonDays: number;
}

export async function reportSettings(db: Db, ws: string): Promise<ReportSettings> {
  const [w] = await queryRows<ReportSettings>(
    db,
    sql`select reporting_currency as currency, repeat_horizon_days as "repeatHorizonDays"
      from workspaces where id = ${ws}`,
  );
  if (!w) throw notFound('Workspace');
  return w;
}

/** Rates in the API: 6 decimal places, half to even. */
export const rate6 = (x: string | number | null | undefined): string | null => roundDecimal(x, 6);

/** What SQL answers per set: sums as text (exact), counts as numbers, means as decimal text. */
export interface RawMeasures {
  k: string;
  posts: number;
  cost: string;
  missing_posts: number;
  reach: string;
  eng: string | null;
  d1: string | null;
  d7: string | null;
  orders: number;
  revenue: string;
  missing_orders: number;
  acquired: number;
  repeaters: number;
  /** Creators with a post or an attributed order in the set. */
  creators: number;
}

/** Sets to measure: the whole workspace, partnership vs one-off, or each creator. */
export type MeasureBy = 'total' | 'group' | 'creator';

/**
 * Per-post mean of engagements ÷ basis over the posts with basis > 0 (each post weighs the same),
 * as text; SQL aggregate over alias `p`. The per-post rates and their sum are double precision
 * (docs/performance.md, "Rounding"): a numeric division per post cost more than the rest of the
 * aggregate, and the mean is only ever shown rounded to 6 places.
 */
export const meanRate = (eng: string, basis: string): SQL =>
  sql.raw(`(avg(${eng}::float8 / ${basis}) filter (where ${basis} > 0))::text`);

/** Σ of per-post rates and the count of posts with basis > 0 (the mean is Σ ÷ count, once regrouped). */
const rateSum = (eng: string, basis: string, name: string): SQL =>
  sql.raw(`sum(${eng}::float8 / ${basis}) filter (where ${basis} > 0) as ${name}_sum,
    count(*) filter (where ${basis} > 0) as ${name}_n`);
const meanOf = (name: string): SQL =>
  sql.raw(`(sum(${name}_sum) / nullif(sum(${name}_n), 0))::text as ${name}`);

/**
 * One statement, three aggregates: posts (sponsored live posts posted in the period, i.e. ordinal
 * not null), attributed orders placed in the period, and customers whose first order falls in
 * the period and was attributed (acquired). Posts are read from a covering index of deliverables
 * (hashed per creator, × "the post's agreement is annual/retainer" when grouping). Orders and
 * customers come summed per creator and "has a post" from `creator_period_facts` (whole months,
 * edge days), a few rows per creator instead of every order. The rows x are (creator c, hp = has
 * a post, pa = the post's agreement is annual/retainer) with their measures, and the set key is
 * applied to those few rows. Group keys: a post by its own group; an order or customer by its
 * attributed post's group, else its creator's group.
 *
 * When grouping, pa matters only for creators with fewer than 3 sponsored posts (from the 3rd on
 * every post of the creator is a partnership post) and an annual/retainer agreement (without
 * one, none of their posts is under one): their orders and customers are read raw
 * from the creator-first covering indexes of orders and customer_facts, aggregated per creator
 * with the part with pa and the part without a post (hp false) as filtered aggregates; the part
 * with a post not under annual/retainer is the rest (counts and integer sums, so the difference
 * is exact). Each such creator's row is then split into those three x rows.
 */
export async function measureRows(
  db: Db,
  ws: string,
  period: Period,
  horizonDays: number,
  by: MeasureBy,
  creatorId?: string,
): Promise<RawMeasures[]> {
  const grouping = by === 'group';
  const onlyPosts = creatorId ? sql`and d.creator_id = ${creatorId}` : sql``;
  const onlyFacts = creatorId ? sql`and f.creator_id = ${creatorId}` : sql``;
  const partnerAgreements = sql`(select a.id from agreements a
    where a.workspace_id = ${ws} and a.type in ('annual', 'retainer'))`;
  const postPa = grouping ? sql`coalesce(d.agreement_id in ${partnerAgreements}, false)` : sql`false`;
  const inPeriod = (col: string) =>
    sql`${sql.raw(col)} >= ${period.start}::timestamptz and ${sql.raw(col)} < ${period.end}::timestamptz`;
  const facts = sql.join(
    periodSpans(period).map(
      (s) => sql`select f.creator_id, f.has_post, f.orders, f.revenue_minor, f.unconverted_orders,
          f.acquired, f.repeaters
        from creator_period_facts f
        where f.workspace_id = ${ws} and f.grain = ${s.grain}
          and f.starts_on >= ${s.lo}::date and f.starts_on < ${s.hi}::date ${onlyFacts}`,
    ),
    sql` union all `,
  );
  const noPost = '0, 0, 0, 0, null, 0, null, 0, null, 0';
  const ctes = [
    sql`p as (
      select d.creator_id as c, true as hp, ${postPa} as pa, count(*) as posts,
        sum(d.cost_reporting_minor) as cost,
        count(*) filter (where d.cost_minor is not null and d.cost_reporting_minor is null) as missing_posts,
        sum(d.latest_basis) as reach,
        ${rateSum('d.latest_engagements', 'd.latest_basis', 'eng')},
        ${rateSum('d.day1_engagements', 'd.day1_basis', 'd1')},
        ${rateSum('d.day7_engagements', 'd.day7_basis', 'd7')}
      from deliverables d
      where d.workspace_id = ${ws} and d.ordinal is not null and ${inPeriod('d.posted_at')} ${onlyPosts}
      group by 1, 2, 3
    )`,
    sql`r as (
      select f.creator_id as c, f.has_post as hp, sum(f.orders) as orders, sum(f.revenue_minor) as revenue,
        sum(f.unconverted_orders) as missing_orders, sum(f.acquired) as acquired, sum(f.repeaters) as repeaters
      from (${facts}) f group by 1, 2
    )`,
  ];
  const parts = [
    sql`select c, hp, pa, posts, cost, missing_posts, reach, eng_sum, eng_n, d1_sum, d1_n, d7_sum, d7_n,
        0 as orders, 0 as revenue, 0 as missing_orders, 0 as acquired, 0 as repeaters from p`,
    sql`select c, hp, false, ${sql.raw(noPost)}, orders, revenue, missing_orders, acquired, repeaters from r
      ${grouping ? sql`where c in (select creator_id from many) or c not in (select creator_id from pac)` : sql``}`,
  ];
  if (grouping) {
    // Posts under an annual/retainer agreement, and the creators whose pa matters (as an array:
    // an index condition `= any(…)` on the creator-first indexes, however many there are).
    const partnerPosts = sql`(select d2.id from deliverables d2
      where d2.workspace_id = ${ws} and d2.agreement_id in ${partnerAgreements})`;
    const few = sql`array(select distinct c from r
      where c not in (select creator_id from many) and c in (select creator_id from pac))`;
    ctes.push(
      sql`o as (
        select c, count(*) as orders, sum(a) as revenue, count(*) filter (where a is null) as missing_orders,
          count(*) filter (where pa) as orders_pa, sum(a) filter (where pa) as revenue_pa,
          count(*) filter (where pa and a is null) as missing_orders_pa,
          count(*) filter (where nohp) as orders_nohp, sum(a) filter (where nohp) as revenue_nohp,
          count(*) filter (where nohp and a is null) as missing_orders_nohp
        from (
          select o.attributed_creator_id as c, ${NET_REVENUE()} as a,
            o.attributed_deliverable_id is null as nohp,
            coalesce(o.attributed_deliverable_id in ${partnerPosts}, false) as pa
          from orders o
          where o.workspace_id = ${ws} and o.attributed_creator_id = any(${few})
            and o.attributed_creator_id is not null and ${COUNTED()}
            and ${inPeriod('o.ordered_at')}
        ) o
        group by c
      )`,
      sql`cu as (
        select c, count(*) as acquired, count(*) filter (where r) as repeaters,
          count(*) filter (where pa) as acquired_pa, count(*) filter (where pa and r) as repeaters_pa,
          count(*) filter (where nohp) as acquired_nohp, count(*) filter (where nohp and r) as repeaters_nohp
        from (
          select cf.acquired_by_creator_id as c,
            cf.second_ordered_at <= cf.first_ordered_at + make_interval(days => ${horizonDays}) as r,
            cf.acquired_by_deliverable_id is null as nohp,
            coalesce(cf.acquired_by_deliverable_id in ${partnerPosts}, false) as pa
          from customer_facts cf
          where cf.workspace_id = ${ws} and cf.acquired_by_creator_id = any(${few})
            and ${inPeriod('cf.first_ordered_at')}
        ) cu
        group by c
      )`,
    );
    parts.push(
      sql`select c, hp, pa, ${sql.raw(noPost)}, orders, revenue, missing_orders, 0, 0 from (
        select o.c, v.* from o cross join lateral (values
          (true, true, o.orders_pa, o.revenue_pa, o.missing_orders_pa),
          (true, false, o.orders - o.orders_pa - o.orders_nohp,
            coalesce(o.revenue, 0) - coalesce(o.revenue_pa, 0) - coalesce(o.revenue_nohp, 0),
            o.missing_orders - o.missing_orders_pa - o.missing_orders_nohp),
          (false, false, o.orders_nohp, o.revenue_nohp, o.missing_orders_nohp)
        ) v(hp, pa, orders, revenue, missing_orders) where v.orders > 0) o`,
      sql`select c, hp, pa, ${sql.raw(noPost)}, 0, 0, 0, acquired, repeaters from (
        select cu.c, v.* from cu cross join lateral (values
          (true, true, cu.acquired_pa, cu.repeaters_pa),
          (true, false, cu.acquired - cu.acquired_pa - cu.acquired_nohp,
            cu.repeaters - cu.repeaters_pa - cu.repeaters_nohp),
          (false, false, cu.acquired_nohp, cu.repeaters_nohp)
        ) v(hp, pa, acquired, repeaters) where v.acquired > 0) cu`,
    );
  }
  const key =
    by === 'total'
      ? sql`'all'`
      : by === 'creator'
        ? sql`x.c::text`
        : groupLabel(sql`(case when x.hp then x.pa or x.c in (select creator_id from many)
            else x.c in (select creator_id from many) or x.c in (select creator_id from pac) end)`);
  return withReportMemory(db, (tx) =>
    queryRows<RawMeasures>(
      tx,
      sql`with ${groupCtes(ws)}, ${sql.join(ctes, sql`, `)},
    x as (${sql.join(parts, sql` union all `)})
    select ${key} as k, sum(posts)::int as posts, coalesce(sum(cost), 0)::text as cost,
      sum(missing_posts)::int as missing_posts, coalesce(sum(reach), 0)::text as reach,
      ${meanOf('eng')}, ${meanOf('d1')}, ${meanOf('d7')},
      sum(orders)::int as orders, coalesce(sum(revenue), 0)::text as revenue,
      sum(missing_orders)::int as missing_orders, sum(acquired)::int as acquired, sum(repeaters)::int as repeaters,
      (count(distinct x.c) filter (where x.posts > 0 or x.orders > 0))::int as creators
    from x group by 1`,
    ),
  );
}

export const emptyRaw = (k: string): RawMeasures => ({
  k,
  posts: 0,
  cost: '0',
  missing_posts: 0,
  reach: '0',
  eng: null,
  d1: null,
  d7: null,
  orders: 0,
  revenue: '0',
  missing_orders: 0,
  acquired: 0,
  repeaters: 0,
  creators: 0,
});

/** The ratios of the measures, computed exactly from the sums (docs/performance.md). */
export function toMeasures(r: RawMeasures): PerformanceMeasures {
  const cost = BigInt(r.cost);
  const revenue = BigInt(r.revenue);
  const reach = BigInt(r.reach);
  return {
    posts: Number(r.posts),
    costMinor: Number(cost),
    reach: Number(reach),
    engagementRate: rate6(r.eng),
    day1Rate: rate6(r.d1),
    day7Rate: rate6(r.d7),
    orders: Number(r.orders),
    revenueMinor: Number(revenue),
    customersAcquired: Number(r.acquired),
    repeatCustomers: Number(r.repeaters),
    cpaMinor: ratioInt(cost, r.acquired),
    roas: ratioString(revenue, cost, 4),
    roi: ratioString(revenue - cost, cost, 4),
    repeatRate: ratioString(r.repeaters, r.acquired, 6),
    costPer1000ReachMinor: ratioInt(cost * 1000n, reach),
    missingRates: Number(r.missing_posts) + Number(r.missing_orders),
  };
}

/** Raw rows by key. */
export const byKey = (rows: RawMeasures[]): Map<string, RawMeasures> => new Map(rows.map((r) => [r.k, r]));

/** Life-of-partnership cost and reach per creator (all their sponsored live posts ever). */
export async function lifeRows(
  db: Db,
  ws: string,
  creatorId?: string,
): Promise<Map<string, { cost: string; reach: string }>> {
  const only = creatorId ? sql`and creator_id = ${creatorId}` : sql``;
  // An index-only read of deliverables_life_idx, in creator order.
  const rows = await withReportMemory(db, (tx) =>
    queryRows<{ k: string; cost: string; reach: string }>(
      tx,
      sql`select creator_id::text as k, coalesce(sum(cost_reporting_minor), 0)::text as cost,
        coalesce(sum(latest_basis), 0)::text as reach
      from deliverables where workspace_id = ${ws} and ordinal is not null ${only} group by creator_id`,
    ),
  );
  return new Map(rows.map((r) => [r.k, r]));
}

export function lifeMeasures(life: { cost: string; reach: string } | undefined) {
  const cost = BigInt(life?.cost ?? '0');
  const reach = BigInt(life?.reach ?? '0');
  return {
    lifeCostMinor: Number(cost),
    lifeReach: Number(reach),
    lifeCostPer1000ReachMinor: ratioInt(cost * 1000n, reach),
  };
}
