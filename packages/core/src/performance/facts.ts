import { type Db, queryRows } from '@evergreen/db';
import { type SQL, sql } from 'drizzle-orm';

/**
 * Derived facts that keep the performance reports off raw snapshots and raw orders
 * (docs/performance.md has every formula). Each refresh is one set-based statement over a
 * scope, idempotent, safe to run again at any time:
 *
 * - post facts: latest / day-1 / day-7 engagements and basis from the metric snapshots;
 * - ordinals: the nth sponsored live post of a creator, by posted time;
 * - reporting amounts: order amounts and post costs in the reporting currency;
 * - attribution: which creator and post each order belongs to;
 * - customer facts: first order (acquisition) and second order (repeat) per customer.
 *
 * Callers run them inside the transaction that changed the inputs, so readers never see
 * orders without their attribution.
 */

/**
 * Writers of one workspace's orders and their derived facts take turns: a transaction-level
 * advisory lock, taken before any of those rows (or the workspace row) is written. The per-creator
 * sums (creator_period_facts) are shared by every write of the workspace, so without turns two
 * writers could update them in different orders and deadlock. Re-entrant within a transaction.
 */
export async function lockWorkspaceOrders(db: Db, workspaceId: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext('evergreen.orders'), hashtext(${workspaceId}))`);
}

/**
 * Runs `run` in a savepoint with nested-loop joins disfavoured, then puts the setting back.
 *
 * The refreshes compute their rows over a scope and join them back to the table by id. When the
 * statistics do not know the workspace (a new one in an installation whose tables were last
 * analyzed before it existed: autovacuum waits for 10% of a table to change, PGlite has none),
 * the planner expects about one row on each side and picks a nested loop that recomputes the
 * computed side for every row: quadratic (5,000 posts: 30 s; 20,000: minutes). With nested
 * loops off it hashes or merges whatever it expects; lateral lookups, which can only be nested
 * loops, stay. `set_config(…, true)` lasts until the transaction ends (a savepoint's release does
 * not undo it), hence the explicit restore; a failure rolls the savepoint and the setting back.
 */
async function withoutNestedLoops(db: Db, run: (tx: Db) => Promise<unknown>): Promise<void> {
  await db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    const [was] = await queryRows<{ v: string }>(
      t,
      sql`select current_setting('enable_nestloop') as v, set_config('enable_nestloop', 'off', true)`,
    );
    await run(t);
    await t.execute(sql`select set_config('enable_nestloop', ${was?.v ?? 'on'}, true)`);
  });
}

/**
 * The orders that count in revenue, order counts and customer facts: paid and partially refunded
 * ones (docs/performance.md, "Order status"); pending, cancelled and refunded orders count
 * nowhere. Written out literally so the planner matches it to orders_creator_idx's predicate.
 */
export const COUNTED = (alias = 'o'): SQL => sql.raw(`${alias}.status in ('paid', 'partially_refunded')`);

/** An order's revenue in the reporting currency, net of refunds (null: no exchange rate). */
export const NET_REVENUE = (alias = 'o'): SQL =>
  sql.raw(`(${alias}.amount_reporting_minor - coalesce(${alias}.refunded_reporting_minor, 0))`);

/** A SQL list `($1, $2, …)` of ids; callers pass non-empty arrays. */
const list = (ids: readonly string[]): SQL =>
  sql`(${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )})`;

/** Engagements = likes + comments + shares + saves; basis = reach, else impressions. */
const ENGAGEMENTS = sql.raw(
  'coalesce(ms.likes, 0) + coalesce(ms.comments, 0) + coalesce(ms.shares, 0) + coalesce(ms.saves, 0)',
);

/** Snapshots aged [0, 4 days) can be the day-1 reading, [4, 14] days the day-7 reading. */
const DAY1_MAX_SECONDS = 4 * 86400;
const DAY7_MAX_SECONDS = 14 * 86400;

/**
 * Recomputes the snapshot facts on the posts in scope (all posts of the workspace when
 * `deliverableIds` is undefined). Day-1/day-7: the snapshot whose age (captured − posted)
 * is nearest 24 h / 168 h inside its band; on a tie the earlier one.
 */
export async function refreshPostFacts(
  db: Db,
  workspaceId: string,
  scope: { deliverableIds?: readonly string[] } = {},
): Promise<void> {
  if (scope.deliverableIds && scope.deliverableIds.length === 0) return;
  const inScope = scope.deliverableIds ? sql`and d.id in ${list(scope.deliverableIds)}` : sql``;
  // One row per post, each reading found through the (workspace, post, captured_at) index by a
  // lateral subquery: joins between CTEs have no index and went quadratic (10k posts: 48 s).
  const snaps = sql`metric_snapshots ms where ms.workspace_id = ${workspaceId} and ms.deliverable_id = d.id`;
  const nearest = (target: number) =>
    sql`order by abs(extract(epoch from ms.captured_at - d.posted_at) - ${target}), ms.captured_at limit 1`;
  await withoutNestedLoops(db, (tx) =>
    tx.execute(sql`
    with x as (
      select d.id, c.n, l.captured_at, l.impressions, l.reach, l.clicks, l.video_views, l.eng, l.basis,
        d1.eng as d1_eng, d1.basis as d1_basis, d7.eng as d7_eng, d7.basis as d7_basis
      from deliverables d
      cross join lateral (select count(*)::int as n from ${snaps}) c
      left join lateral (
        select ms.captured_at, ms.impressions, ms.reach, ms.clicks, ms.video_views,
          ${ENGAGEMENTS} as eng, coalesce(ms.reach, ms.impressions) as basis
        from ${snaps} order by ms.captured_at desc limit 1
      ) l on true
      left join lateral (
        select ${ENGAGEMENTS} as eng, coalesce(ms.reach, ms.impressions) as basis from ${snaps}
          and ms.captured_at >= d.posted_at
          and ms.captured_at < d.posted_at + make_interval(secs => ${DAY1_MAX_SECONDS})
        ${nearest(86400)}
      ) d1 on true
      left join lateral (
        select ${ENGAGEMENTS} as eng, coalesce(ms.reach, ms.impressions) as basis from ${snaps}
          and ms.captured_at >= d.posted_at + make_interval(secs => ${DAY1_MAX_SECONDS})
          and ms.captured_at <= d.posted_at + make_interval(secs => ${DAY7_MAX_SECONDS})
        ${nearest(604800)}
      ) d7 on true
      where d.workspace_id = ${workspaceId} ${inScope}
    )
    update deliverables d set
      snapshot_count = x.n,
      latest_captured_at = x.captured_at,
      latest_impressions = x.impressions,
      latest_reach = x.reach,
      latest_clicks = x.clicks,
      latest_video_views = x.video_views,
      latest_engagements = x.eng,
      latest_basis = x.basis,
      day1_engagements = x.d1_eng,
      day1_basis = x.d1_basis,
      day7_engagements = x.d7_eng,
      day7_basis = x.d7_basis
    from x
    where d.workspace_id = ${workspaceId} and d.id = x.id
  `),
  );
}

/**
 * Numbers the sponsored live posts of each creator in scope 1, 2, 3, … by posted time
 * (ties by id); every other post of theirs gets null.
 */
export async function refreshOrdinals(
  db: Db,
  workspaceId: string,
  scope: { creatorIds?: readonly string[] } = {},
): Promise<void> {
  if (scope.creatorIds && scope.creatorIds.length === 0) return;
  const inScope = scope.creatorIds ? sql`and creator_id in ${list(scope.creatorIds)}` : sql``;
  await withoutNestedLoops(db, (tx) =>
    tx.execute(sql`
    with counted as (
      select id, sponsored and status = 'live' and posted_at is not null as counts, creator_id, posted_at
      from deliverables where workspace_id = ${workspaceId} ${inScope}
    ),
    x as (
      select id, case when counts then
        row_number() over (partition by creator_id, counts order by posted_at, id)::int end as n
      from counted
    )
    update deliverables d set ordinal = x.n from x
    where d.workspace_id = ${workspaceId} and d.id = x.id and d.ordinal is distinct from x.n
  `),
  );
}

/** A SQL expression rounding the numeric `x` half to even (Postgres' round() goes half away from zero). */
const halfEven = (x: SQL): SQL => sql`(case when abs((${x}) - trunc(${x})) = 0.5
  then trunc(${x}) + case when mod(trunc(${x}), 2) = 0 then 0 else sign(${x}) end
  else round(${x}) end)::bigint`;

/**
 * A SQL expression: `amount` (minor units of `from`) in minor units of `to` at `rate` (units of
 * `to` per 1 `from`), rounded once half to even: budgets/fx.ts' convertMinor, in SQL. The minor
 * units come from currency_minor_digits (migration 0011), the ISO 4217 table of
 * @evergreen/contracts.
 */
export const convertMinorSql = (amount: SQL, from: SQL, to: SQL, rate: SQL): SQL =>
  halfEven(
    sql`${amount}::numeric * ${rate} * power(10::numeric, currency_minor_digits(${to}) - currency_minor_digits(${from}))`,
  );

/**
 * A SQL expression: `amount` (minor units of `currency`) in the reporting currency `to` at the
 * latest rate on or before `day`, rounded once half to even; null where no rate exists. Order
 * imports compute it in their insert, so a million rows are not written twice.
 */
export function reportingAmountSql(
  workspaceId: string,
  to: string,
  amount: SQL,
  currency: SQL,
  day: SQL,
): SQL {
  const rate = sql`(select r.rate from exchange_rates r
      where r.workspace_id = ${workspaceId} and r.currency = ${currency} and r.reporting_currency = ${to}
        and r.on_date <= ${day} order by r.on_date desc limit 1)`;
  return sql`case when ${currency} = ${to} then ${amount} else ${convertMinorSql(amount, currency, sql`${to}`, rate)} end`;
}

/**
 * Converts order amounts and post costs to the reporting currency at the latest rate on or
 * before their day (UTC), rounded once half to even, as budgets/fx.ts does; null where no
 * rate exists. Run after orders/posts are written and after rates or the reporting currency change.
 */
export async function refreshReportingAmounts(
  db: Db,
  workspaceId: string,
  scope: { orderIds?: SQL; deliverableIds?: readonly string[]; currencies?: readonly string[] } = {},
): Promise<void> {
  if (scope.currencies && scope.currencies.length === 0) return;
  await lockWorkspaceOrders(db, workspaceId);
  const [ws] = await queryRows<{ reporting: string }>(
    db,
    sql`select reporting_currency as reporting from workspaces where id = ${workspaceId}`,
  );
  if (!ws) return;
  const convert = (amount: SQL, currency: SQL, day: SQL) =>
    reportingAmountSql(workspaceId, ws.reporting, amount, currency, day);

  // After a rate changes only that currency's rows need converting again.
  const inCurrencies = (column: string) =>
    scope.currencies ? sql`and ${sql.raw(column)} in ${list(scope.currencies)}` : sql``;
  const orderScope = sql`${scope.orderIds ? sql`and o.id in (${scope.orderIds})` : sql``} ${inCurrencies('o.currency')}`;
  const orderDay = sql`(o.ordered_at at time zone 'UTC')::date`;
  await db.execute(sql`
    update orders o set amount_reporting_minor = ${convert(sql`o.amount_minor`, sql`o.currency`, orderDay)},
      refunded_reporting_minor = case when o.refunded_minor = 0 then 0 else ${convert(
        sql`o.refunded_minor`,
        sql`o.currency`,
        orderDay,
      )} end
    where o.workspace_id = ${workspaceId} ${orderScope}
  `);
  if (scope.deliverableIds && scope.deliverableIds.length === 0) return;
  const postScope = sql`${scope.deliverableIds ? sql`and d.id in ${list(scope.deliverableIds)}` : sql``} ${inCurrencies('d.cost_currency')}`;
  const postDay = sql`coalesce((d.posted_at at time zone 'UTC')::date, d.due_on, d.planned_on, (d.created_at at time zone 'UTC')::date)`;
  await db.execute(sql`
    update deliverables d set cost_reporting_minor = case when d.cost_minor is null then null else ${convert(
      sql`d.cost_minor`,
      sql`d.cost_currency`,
      postDay,
    )} end
    where d.workspace_id = ${workspaceId} ${postScope}
  `);
}

/**
 * The attribution of every order of `source` (a SQL relation with columns id, ordered_at,
 * promo_code, utm_source, utm_campaign): a promo code beats a link; a code attributes the order
 * to its creator whenever it was placed; a link only when the order falls within the window
 * after one of that creator's live posts (posted_at ≤ ordered_at ≤ posted_at + window days).
 * The attributed post is the creator's latest live post at or before the order (last touch;
 * among posts of that very time the highest id).
 * Answers id, creator_id, attributed_by, post_id, posted_at for the orders that carry a known
 * code or link (creator_id null when a link's order is outside the window); others are absent.
 *
 * Callers put it in a MATERIALIZED CTE: inlined into a join, a planner without statistics (a
 * fresh table, PGlite) may pick a nested loop that recomputes it for every order.
 *
 * Set-based, so a million orders cost one sort instead of a million index probes: the
 * creators' live posts and their orders are merged in one stream ordered by (creator, time,
 * posts before orders); each order's running count of posts so far is the number of the post
 * it follows, which is then found by (creator, number) in a hash join.
 */
export function attributionSql(workspaceId: string, windowDays: number, source: SQL): SQL {
  const within = sql`(m.by = 'code' or p.t >= m.t - make_interval(days => ${windowDays}))`;
  return sql`
    with src as (select id, ordered_at, promo_code, utm_source, utm_campaign from ${source} s),
    cand as (
      select s.id, s.ordered_at as t, coalesce(pc.creator_id, lk.creator_id) as c,
        case when pc.creator_id is not null then 'code' else 'link' end as by
      from src s
      left join trackers pc on pc.workspace_id = ${workspaceId} and pc.kind = 'promo_code'
        and s.promo_code is not null and pc.code = s.promo_code
      left join trackers lk on lk.workspace_id = ${workspaceId} and lk.kind = 'link'
        and s.utm_source is not null and lk.utm_source = s.utm_source and lk.utm_campaign = s.utm_campaign
      where pc.creator_id is not null or lk.creator_id is not null
    ),
    merged as (
      select d.creator_id as c, d.posted_at as t, 0 as kind, d.id as post_id, null::bigint as id, null::text as by
      from deliverables d
      where d.workspace_id = ${workspaceId} and d.status = 'live' and d.posted_at is not null
        and d.creator_id in (select c from cand)
      union all
      select c, t, 1, null, id, by from cand
    ),
    numbered as (
      select m.*, count(m.post_id) over (partition by m.c order by m.t, m.kind, m.post_id
        rows unbounded preceding) as k
      from merged m
    )
    select m.id, case when ${within} then m.c end as creator_id,
      case when ${within} then m.by end as attributed_by,
      p.post_id, p.t as posted_at
    from numbered m
    left join numbered p on p.kind = 0 and p.c = m.c and p.k = m.k
    where m.kind = 1
  `;
}

/** The attribution window of a workspace, in days. */
async function attributionWindowOf(db: Db, workspaceId: string): Promise<number> {
  const [r] = await queryRows<{ days: number }>(
    db,
    sql`select attribution_window_days as days from workspaces where id = ${workspaceId}`,
  );
  return r?.days ?? 30;
}

/**
 * Recomputes the attribution of the orders in scope and then the facts of their customers.
 * Scope: all orders of the workspace; or the orders that carry a code or link of these creators
 * or are attributed to them now (after their posts or trackers changed); or a SQL list of order ids.
 */
export async function refreshAttribution(
  db: Db,
  workspaceId: string,
  scope: { creatorIds?: readonly string[]; orderIds?: SQL } = {},
): Promise<void> {
  if (scope.creatorIds && scope.creatorIds.length === 0) return;
  await lockWorkspaceOrders(db, workspaceId);
  const windowDays = await attributionWindowOf(db, workspaceId);
  let where = sql``;
  if (scope.creatorIds) {
    const ids = list(scope.creatorIds);
    where = sql`and (
      o.promo_code in (select code from trackers where workspace_id = ${workspaceId} and kind = 'promo_code' and creator_id in ${ids})
      or (o.utm_source, o.utm_campaign) in (select utm_source, utm_campaign from trackers where workspace_id = ${workspaceId} and kind = 'link' and creator_id in ${ids})
      or o.attributed_creator_id in ${ids})`;
  } else if (scope.orderIds) {
    where = sql`and o.id in (${scope.orderIds})`;
  }
  const source = sql`(select o.id, o.ordered_at, o.promo_code, o.utm_source, o.utm_campaign
    from orders o where o.workspace_id = ${workspaceId} ${where})`;
  await withoutNestedLoops(db, (tx) =>
    tx.execute(sql`
    with a as materialized (${attributionSql(workspaceId, windowDays, source)}),
    x as (
      select o.id, a.creator_id, a.attributed_by,
        case when a.creator_id is not null then a.post_id end as post_id,
        case when a.creator_id is not null and a.posted_at is not null then
          extract(epoch from o.ordered_at - a.posted_at)::bigint end as lag
      from orders o left join a on a.id = o.id
      where o.workspace_id = ${workspaceId} ${where}
    )
    update orders o set attributed_creator_id = x.creator_id, attributed_by = x.attributed_by,
      attributed_deliverable_id = x.post_id, lag_seconds = x.lag
    from x
    where o.workspace_id = ${workspaceId} and o.id = x.id and (
      o.attributed_creator_id is distinct from x.creator_id or o.attributed_by is distinct from x.attributed_by
      or o.attributed_deliverable_id is distinct from x.post_id or o.lag_seconds is distinct from x.lag)
  `),
  );
  await refreshCustomerFacts(
    db,
    workspaceId,
    scope.creatorIds || scope.orderIds
      ? sql`select o.customer_id from orders o where o.workspace_id = ${workspaceId} ${where}`
      : undefined,
  );
}

/**
 * Rebuilds the facts of the customers in scope (a SQL query answering customer ids; all the
 * workspace's customers when undefined) from their orders that count ({@link COUNTED}; a
 * customer with none has no facts, so a cancelled or refunded first order acquires nobody and
 * the next counted one becomes the first): first order (by time, then id), the creator it was
 * attributed to (who acquired the customer), the second order's time and the order count. One
 * pass of window functions (a self-join was planned as a nested loop on PostgreSQL: minutes for
 * 100,000 orders); the second order's time is lead() of the first. The partitions compare
 * customer ids bytewise (`collate "C"`, the same equality as any deterministic collation): for
 * 1,000,000 orders the statement took 11 s reading them in the customer index's order or sorting
 * them by locale rules, 7.3 s sorting them bytewise (PostgreSQL 15). `fresh`: the workspace has no facts yet (its first orders), so nothing can conflict.
 */
export async function refreshCustomerFacts(
  db: Db,
  workspaceId: string,
  customers?: SQL,
  opts: { fresh?: boolean } = {},
): Promise<void> {
  const inScope = customers ? sql`and o.customer_id in (${customers})` : sql``;
  const onConflict = opts.fresh
    ? sql``
    : sql`on conflict (workspace_id, customer_id) do update set
      first_order_id = excluded.first_order_id, first_ordered_at = excluded.first_ordered_at,
      acquired_by_creator_id = excluded.acquired_by_creator_id,
      acquired_by_deliverable_id = excluded.acquired_by_deliverable_id,
      second_ordered_at = excluded.second_ordered_at, order_count = excluded.order_count,
      updated_at = excluded.updated_at`;
  await db.execute(sql`
    insert into customer_facts (workspace_id, customer_id, first_order_id, first_ordered_at,
      acquired_by_creator_id, acquired_by_deliverable_id, second_ordered_at, order_count, updated_at)
    select ${workspaceId}, f.customer_id, f.id, f.ordered_at, f.attributed_creator_id,
      f.attributed_deliverable_id, f.next_at, f.n, now()
    from (
      select o.customer_id, o.id, o.ordered_at, o.attributed_creator_id, o.attributed_deliverable_id,
        row_number() over w as rn,
        count(*) over (partition by o.customer_id collate "C") as n,
        lead(o.ordered_at) over w as next_at
      from orders o where o.workspace_id = ${workspaceId} and ${COUNTED()} ${inScope}
      window w as (partition by o.customer_id collate "C" order by o.ordered_at, o.id)
    ) f
    where f.rn = 1
    ${onConflict}`);
  if (opts.fresh) return;
  // Customers left without an order that counts (cancelled, refunded, moved to someone else).
  const cfScope = customers ? sql`and cf.customer_id in (${customers})` : sql``;
  await db.execute(sql`delete from customer_facts cf
    where cf.workspace_id = ${workspaceId} ${cfScope}
      and not exists (select 1 from orders o where o.workspace_id = ${workspaceId}
        and o.customer_id = cf.customer_id and ${COUNTED()})`);
}

/** Everything at once for a workspace (after the window or reporting currency changes, or a repair). */
export async function refreshAllPerformanceFacts(db: Db, workspaceId: string): Promise<void> {
  await refreshPostFacts(db, workspaceId);
  await refreshOrdinals(db, workspaceId);
  await refreshReportingAmounts(db, workspaceId);
  await refreshAttribution(db, workspaceId);
}
