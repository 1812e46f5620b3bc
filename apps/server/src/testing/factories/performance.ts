import type { ImportRun } from '@evergreen/contracts';
import { refreshAllPerformanceFacts, signWebhook } from '@evergreen/core';
import { type Db, deliverables, queryRows, trackers } from '@evergreen/db';
import { sql } from 'drizzle-orm';
import type { TestApp } from '../harness.ts';
import { finished } from './imports.ts';
import { createCreator } from './roster.ts';
import type { WorkspaceClient } from './workspace.ts';

/** The header of an orders CSV in the generic format (docs/csv.md). */
export const ORDERS_HEADER =
  'external_id,customer_id,ordered_at,amount,currency,promo_code,utm_source,utm_campaign,landing_url';

/**
 * A reading of a post on 8 March 2026, 18:30 UTC: reach 2,400 and 60 + 20 + 10 + 8 = 98
 * engagements, an engagement rate of 98 / 2,400 = 4.083…% ("4.1%").
 */
export const reading98of2400 = (deliverableId: string) => ({
  deliverableId,
  capturedAt: '2026-03-08T18:30:00Z',
  reach: 2400,
  likes: 60,
  comments: 20,
  shares: 10,
  saves: 8,
});

/**
 * A sponsored live post written straight into the table (no facts refreshed: call
 * `refreshFacts` where the reports must see it before orders come); its id.
 */
export async function livePost(
  w: WorkspaceClient,
  creatorId: string,
  postedAt: string,
  extra: { agreementId?: string | null; costMinor?: number; costCurrency?: string } = {},
): Promise<string> {
  const [d] = await w.t.database.db
    .insert(deliverables)
    .values({
      workspaceId: w.ws,
      creatorId,
      type: 'sponsored_post',
      sponsored: true,
      status: 'live',
      postedAt: new Date(postedAt),
      ...extra,
    })
    .returning({ id: deliverables.id });
  return d!.id;
}

/** A promo code and/or a UTM link (campaign "spring") of a creator's, straight into the table. */
export async function tracker(
  w: WorkspaceClient,
  creatorId: string,
  t: { code?: string; utmSource?: string; utmCampaign?: string },
): Promise<void> {
  const rows = [
    ...(t.code ? [{ workspaceId: w.ws, creatorId, kind: 'promo_code' as const, code: t.code }] : []),
    ...(t.utmSource
      ? [
          {
            workspaceId: w.ws,
            creatorId,
            kind: 'link' as const,
            utmSource: t.utmSource,
            utmCampaign: t.utmCampaign ?? 'spring',
          },
        ]
      : []),
  ];
  await w.t.database.db.insert(trackers).values(rows);
}

/** Recomputes the workspace's performance facts, as the app does after its own writes. */
export function refreshFacts(w: WorkspaceClient) {
  return refreshAllPerformanceFacts(w.t.database.db, w.ws);
}

/** Imports orders CSV text through the API and waits for the run; the finished run. */
export async function importOrdersCsv(w: WorkspaceClient, csv: string, query = ''): Promise<ImportRun> {
  return finished(w, (await w.ok('POST', `/imports/orders${query}`, csv)) as ImportRun);
}

/**
 * A creator orders are attributed to: added through the API (tier 1 unless `tier` says), with one
 * sponsored live post and the trackers given, written straight into the tables; its id.
 */
export async function creatorWithPost(
  w: WorkspaceClient,
  displayName: string,
  p: {
    postedAt: string;
    tier?: number;
    code?: string;
    utmSource?: string;
    costMinor?: number;
    /** The cost's currency: USD unless said otherwise. */
    costCurrency?: string;
  },
): Promise<string> {
  const id = await createCreator(w, displayName, { tier: p.tier ?? 1 });
  await livePost(
    w,
    id,
    p.postedAt,
    p.costMinor === undefined ? {} : { costMinor: p.costMinor, costCurrency: p.costCurrency ?? 'USD' },
  );
  await tracker(w, id, { code: p.code, utmSource: p.utmSource });
  return id;
}

/** One creator_period_facts row's sums, as the tests compare them. */
export interface PeriodSums {
  orders: number;
  revenue: number;
  unconverted: number;
  acquired: number;
  repeaters: number;
}
/** Rows by `grain starts_on creator_id has_post`. */
export type PeriodFacts = Record<string, PeriodSums>;

export const zeroSums = (): PeriodSums => ({
  orders: 0,
  revenue: 0,
  unconverted: 0,
  acquired: 0,
  repeaters: 0,
});

/** The day row's and the month row's keys an order (or a customer's first order) at `at` counts in. */
export const periodKeys = (creatorId: string, hasPost: boolean, at: Date) => {
  const day = at.toISOString().slice(0, 10);
  return [`day ${day} ${creatorId} ${hasPost}`, `month ${day.slice(0, 7)}-01 ${creatorId} ${hasPost}`];
};

/** creator_period_facts of the workspace as stored (rows that summed back to zero add nothing and are left out). */
export async function storedPeriodFacts(db: Db, ws: string): Promise<PeriodFacts> {
  const rows = await queryRows<{
    k: string;
    orders: number;
    revenue: string;
    unconverted: number;
    acquired: number;
    repeaters: number;
  }>(
    db,
    sql`select grain || ' ' || starts_on::text || ' ' || creator_id::text || ' ' || has_post::text as k,
      orders, revenue_minor::text as revenue, unconverted_orders as unconverted, acquired, repeaters
    from creator_period_facts where workspace_id = ${ws}
      and (orders, revenue_minor, unconverted_orders, acquired, repeaters) <> (0, 0, 0, 0, 0)`,
  );
  return Object.fromEntries(
    rows.map((r) => [
      r.k,
      {
        orders: r.orders,
        revenue: Number(r.revenue),
        unconverted: r.unconverted,
        acquired: r.acquired,
        repeaters: r.repeaters,
      },
    ]),
  );
}

/**
 * What creator_period_facts must hold, summed here in TypeScript from the workspace's orders and
 * customer facts: only paid and partially_refunded orders count, at their amount less the refund;
 * a customer repeats when the second order is within the workspace's repeat horizon of the first.
 */
export async function expectedPeriodFacts(db: Db, ws: string): Promise<PeriodFacts> {
  const [w] = await queryRows<{ horizon: number }>(
    db,
    sql`select repeat_horizon_days as horizon from workspaces where id = ${ws}`,
  );
  const os = await queryRows<{
    c: string | null;
    d: string | null;
    at: Date;
    status: string;
    amount: string | null;
    refunded: string | null;
  }>(
    db,
    sql`select attributed_creator_id as c, attributed_deliverable_id as d, ordered_at as at, status::text,
      amount_reporting_minor::text as amount, refunded_reporting_minor::text as refunded
    from orders where workspace_id = ${ws}`,
  );
  const cs = await queryRows<{ c: string | null; d: string | null; first: Date; second: Date | null }>(
    db,
    sql`select acquired_by_creator_id as c, acquired_by_deliverable_id as d, first_ordered_at as first,
      second_ordered_at as second from customer_facts where workspace_id = ${ws}`,
  );
  const out: PeriodFacts = {};
  const add = (k: string, f: (s: PeriodSums) => void) => {
    out[k] = out[k] ?? zeroSums();
    f(out[k]);
  };
  for (const o of os) {
    if (!o.c || (o.status !== 'paid' && o.status !== 'partially_refunded')) continue;
    for (const k of periodKeys(o.c, o.d !== null, new Date(o.at)))
      add(k, (s) => {
        s.orders += 1;
        if (o.amount === null) s.unconverted += 1;
        else s.revenue += Number(o.amount) - Number(o.refunded ?? 0);
      });
  }
  const horizonMs = w!.horizon * 86_400_000;
  for (const c of cs) {
    if (!c.c) continue;
    const first = new Date(c.first);
    const repeated = c.second !== null && new Date(c.second).getTime() - first.getTime() <= horizonMs;
    for (const k of periodKeys(c.c, c.d !== null, first))
      add(k, (s) => {
        s.acquired += 1;
        if (repeated) s.repeaters += 1;
      });
  }
  return out;
}

/** `body` posted to the workspace's generic order webhook (docs/orders-webhook.md), signed with `secret` at `timestamp` (seconds). */
export function postOrderWebhook(t: TestApp, ws: string, secret: string, body: string, timestamp: number) {
  const ts = String(timestamp);
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/hooks/orders/${ws}`,
    headers: {
      'content-type': 'application/json',
      'x-evergreen-timestamp': ts,
      'x-evergreen-signature': signWebhook(secret, ts, body),
    },
    payload: body,
  });
}
