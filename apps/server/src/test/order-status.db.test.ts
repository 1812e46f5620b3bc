import { queryRows } from '@evergreen/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreementRow } from '../testing/factories/agreements.ts';
import {
  expectedPeriodFacts,
  importOrdersCsv,
  livePost,
  postOrderWebhook,
  refreshFacts,
  storedPeriodFacts,
  tracker,
} from '../testing/factories/performance.ts';
import { createCreator } from '../testing/factories/roster.ts';
import { workspaceClient } from '../testing/factories/workspace.ts';
import { appWithOwner, type Session, type TestApp } from '../testing/harness.ts';

/**
 * Order status and refunds (docs/performance.md, "Order status"): paid and partially refunded
 * orders count (revenue net of the refund), pending, cancelled and refunded ones count nowhere
 * (no revenue, no order, no acquired customer, no repeat). Orders come by CSV with the status
 * columns, then refunds, a payment and a cancellation arrive later by the signed webhook as
 * updates of the same external ids; after each step every report and creator_period_facts must
 * hold the values worked out by hand below.
 */

const now = new Date('2026-07-01T00:00:00Z');
const HEADER = 'external_id,customer_id,ordered_at,amount,currency,promo_code,status,refunded_amount';

let t: TestApp;
let owner: Session;
const db = () => t.database.db;

beforeAll(async () => ({ t, owner } = await appWithOwner('Stella Status', { now })));
afterAll(() => t.close());

const expectedFacts = (ws: string) => expectedPeriodFacts(db(), ws);
const storedFacts = (ws: string) => storedPeriodFacts(db(), ws);

describe('order status and refunds', () => {
  let ws: string;
  let anna: string;
  let ben: string;
  let secret: string;
  const w = () => workspaceClient(t, owner, ws);
  const ok = (method: 'GET' | 'POST', path: string, payload?: unknown) => w().ok(method, path, payload);
  /** One order by the generic signed webhook (docs/orders-webhook.md). */
  const deliver = async (order: Record<string, string>) => {
    const body = JSON.stringify(order);
    const res = await postOrderWebhook(t, ws, secret, body, Math.floor(now.getTime() / 1000));
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const march = '?from=2026-03-01&to=2026-03-31';
  const portfolio = async () => (await ok('GET', `/reports/portfolio${march}`)).totals;
  const byCreator = async () =>
    Object.fromEntries(
      (await ok('GET', `/reports/creators${march}`)).creators.map(
        (c: { name: string; orders: number; revenueMinor: number; customersAcquired: number }) => [
          c.name,
          { orders: c.orders, revenueMinor: c.revenueMinor, customersAcquired: c.customersAcquired },
        ],
      ),
    );
  const groups = async () => {
    const r = await ok('GET', `/reports/partnerships-vs-one-offs${march}`);
    const pick = (m: {
      orders: number;
      revenueMinor: number;
      customersAcquired: number;
      repeatCustomers: number;
    }) => ({
      orders: m.orders,
      revenueMinor: m.revenueMinor,
      customersAcquired: m.customersAcquired,
      repeatCustomers: m.repeatCustomers,
    });
    return { partnership: pick(r.partnership), oneOff: pick(r.oneOff) };
  };
  const lagOrders = async () => (await ok('GET', `/reports/conversion-lag${march}`)).overall.orders;
  const consistent = async () => expect(await storedFacts(ws)).toEqual(await expectedFacts(ws));

  beforeAll(async () => {
    ws = (await t.createWorkspace(owner, 'Statuses')).id;
    anna = await createCreator(w(), 'Anna', { tier: 2 });
    ben = await createCreator(w(), 'Ben', { tier: 2 });
    // Anna's post is under a retainer (a partnership post though she has one post: the
    // partnership report reads her orders raw); Ben's has no agreement (one-off, read from
    // creator_period_facts).
    const retainer = await agreementRow(db(), { workspaceId: ws, creatorId: anna, title: 'Retainer' });
    const post = (creatorId: string, postedAt: string, costMinor: number, agreementId: string | null) =>
      livePost(w(), creatorId, postedAt, { agreementId, costMinor, costCurrency: 'USD' });
    await post(anna, '2026-03-01T12:00:00Z', 10_000, retainer);
    await post(ben, '2026-03-01T00:00:00Z', 5_000, null);
    await tracker(w(), anna, { code: 'ANNA' });
    await tracker(w(), ben, { code: 'BEN' });
    await ok('POST', '/exchange-rates', { currency: 'EUR', onDate: '2026-01-01', rate: '1.1' });
    await refreshFacts(w());
    secret = (await ok('POST', '/orders/webhook')).secret;
  });

  it('a CSV with statuses: only paid and partially refunded orders count, at their net amount', async () => {
    const run = await importOrdersCsv(
      w(),
      [
        HEADER,
        'a1,ca1,2026-03-02T10:00:00Z,100.00,USD,ANNA,,', // no status: paid
        'a2,ca2,2026-03-03T10:00:00Z,60.00,USD,ANNA,paid,',
        'a3,ca1,2026-03-10T10:00:00Z,40.00,USD,ANNA,Paid,', // ca1 again: a repeat
        'a4,ca3,2026-03-04T10:00:00Z,30.00,USD,ANNA,pending,',
        'b1,cb1,2026-03-05T10:00:00Z,80.00,USD,BEN,paid,',
        'b2,cb2,2026-03-06T10:00:00Z,40.00,EUR,BEN,partially_refunded,10.01',
        'b3,cb3,2026-03-07T10:00:00Z,25.00,USD,BEN,cancelled,',
      ].join('\n'),
      '?mode=all_or_nothing&fileName=statuses.csv',
    );
    expect(run.result).toMatchObject({ created: 7, wrote: true });

    const list = (await ok('GET', '/orders?limit=50')).orders as {
      externalId: string;
      status: string;
      refundedMinor: number;
      refundedReportingMinor: number | null;
      amountReportingMinor: number | null;
    }[];
    const b2 = list.find((o) => o.externalId === 'b2')!;
    // €40.00 × 1.1 = $44.00; €10.01 × 1.1 = 1101.1 cents → 1101.
    expect(b2).toMatchObject({
      status: 'partially_refunded',
      refundedMinor: 1001,
      amountReportingMinor: 4400,
      refundedReportingMinor: 1101,
    });
    expect(list.find((o) => o.externalId === 'b3')).toMatchObject({ status: 'cancelled', refundedMinor: 0 });

    // Anna: a1 a2 a3 ($200), customers ca1 ca2, ca1 repeats (a3); a4 pending counts nowhere.
    // Ben: b1 $80 + b2 $44 − $11.01 = $112.99; customers cb1 cb2; b3 cancelled counts nowhere.
    // Cost $150: CPA 15000/4 = 3750; ROAS 31299/15000 = 2.0866; ROI 16299/15000 = 1.0866.
    expect(await portfolio()).toMatchObject({
      posts: 2,
      costMinor: 15_000,
      orders: 5,
      revenueMinor: 31_299,
      customersAcquired: 4,
      repeatCustomers: 1,
      cpaMinor: 3750,
      roas: '2.0866',
      roi: '1.0866',
    });
    expect(await byCreator()).toEqual({
      Anna: { orders: 3, revenueMinor: 20_000, customersAcquired: 2 },
      Ben: { orders: 2, revenueMinor: 11_299, customersAcquired: 2 },
    });
    expect(await groups()).toEqual({
      partnership: { orders: 3, revenueMinor: 20_000, customersAcquired: 2, repeatCustomers: 1 },
      oneOff: { orders: 2, revenueMinor: 11_299, customersAcquired: 2, repeatCustomers: 0 },
    });
    expect(await lagOrders()).toBe(5);
    await consistent();
  });

  it('a full refund arriving later takes the order out everywhere; the next order becomes the first', async () => {
    const r = await deliver({
      externalId: 'a1',
      customerId: 'ca1',
      orderedAt: '2026-03-02T10:00:00Z',
      amount: '100.00',
      currency: 'USD',
      promoCode: 'ANNA',
      status: 'refunded',
    });
    expect(r).toMatchObject({ received: 1, created: 0, updated: 1 });
    const [a1] = await queryRows<{ refunded_minor: string; refunded_reporting_minor: string }>(
      db(),
      sql`select refunded_minor::text, refunded_reporting_minor::text from orders where workspace_id = ${ws} and external_id = 'a1'`,
    );
    expect(a1).toEqual({ refunded_minor: '10000', refunded_reporting_minor: '10000' });
    // Anna: a2 a3 ($100); ca1's first counted order is now a3 (still Anna's), with no second: no repeat.
    // Total $100 + $112.99 = $212.99: ROAS 21299/15000 = 1.419933 → 1.4199, ROI 6299/15000 → 0.4199.
    expect(await portfolio()).toMatchObject({
      orders: 4,
      revenueMinor: 21_299,
      customersAcquired: 4,
      repeatCustomers: 0,
      cpaMinor: 3750,
      roas: '1.4199',
      roi: '0.4199',
    });
    expect(await groups()).toMatchObject({
      partnership: { orders: 2, revenueMinor: 10_000, customersAcquired: 2, repeatCustomers: 0 },
    });
    const [ca1] = await queryRows<{ first: Date }>(
      db(),
      sql`select first_ordered_at as first from customer_facts where workspace_id = ${ws} and customer_id = 'ca1'`,
    );
    expect(new Date(ca1!.first).toISOString()).toBe('2026-03-10T10:00:00.000Z');
    expect(await lagOrders()).toBe(4);
    await consistent();
  });

  it('a partial refund reduces revenue by the refunded amount only', async () => {
    await deliver({
      externalId: 'a2',
      customerId: 'ca2',
      orderedAt: '2026-03-03T10:00:00Z',
      amount: '60.00',
      currency: 'USD',
      promoCode: 'ANNA',
      status: 'partially_refunded',
      refundedAmount: '15.50',
    });
    // Anna $100 − $15.50 = $84.50; total $84.50 + $112.99 = $197.49: ROAS 19749/15000 = 1.3166.
    expect(await portfolio()).toMatchObject({
      orders: 4,
      revenueMinor: 19_749,
      customersAcquired: 4,
      roas: '1.3166',
      roi: '0.3166',
    });
    expect((await byCreator()).Anna).toEqual({ orders: 2, revenueMinor: 8450, customersAcquired: 2 });
    await consistent();
  });

  it('a pending order that gets paid starts to count; a cancelled one stops', async () => {
    await deliver({
      externalId: 'a4',
      customerId: 'ca3',
      orderedAt: '2026-03-04T10:00:00Z',
      amount: '30.00',
      currency: 'USD',
      promoCode: 'ANNA',
      status: 'paid',
    });
    // Anna $84.50 + $30 = $114.50, customers ca1 ca2 ca3; total $227.49, 5 customers: CPA 3000.
    expect(await portfolio()).toMatchObject({
      orders: 5,
      revenueMinor: 22_749,
      customersAcquired: 5,
      cpaMinor: 3000,
      roas: '1.5166',
    });
    await consistent();
    await deliver({
      externalId: 'b1',
      customerId: 'cb1',
      orderedAt: '2026-03-05T10:00:00Z',
      amount: '80.00',
      currency: 'USD',
      promoCode: 'BEN',
      status: 'cancelled',
    });
    // Ben: b2 only ($32.99), cb2 only. Total $114.50 + $32.99 = $147.49, 4 customers:
    // CPA 3750, ROAS 14749/15000 = 0.983267 → 0.9833, ROI −251/15000 = −0.016733 → −0.0167.
    expect(await portfolio()).toMatchObject({
      orders: 4,
      revenueMinor: 14_749,
      customersAcquired: 4,
      cpaMinor: 3750,
      roas: '0.9833',
      roi: '-0.0167',
    });
    expect(await byCreator()).toEqual({
      Anna: { orders: 3, revenueMinor: 11_450, customersAcquired: 3 },
      Ben: { orders: 1, revenueMinor: 3299, customersAcquired: 1 },
    });
    expect(await groups()).toEqual({
      partnership: { orders: 3, revenueMinor: 11_450, customersAcquired: 3, repeatCustomers: 0 },
      oneOff: { orders: 1, revenueMinor: 3299, customersAcquired: 1, repeatCustomers: 0 },
    });
    const [cb1] = await queryRows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from customer_facts where workspace_id = ${ws} and customer_id = 'cb1'`,
    );
    expect(cb1!.n).toBe(0);
    await consistent();
  });

  it('refuses a refund larger than the amount, a partial refund of nothing and an unknown status, naming the field', async () => {
    const body = (extra: Record<string, string>) =>
      JSON.stringify({
        externalId: 'x1',
        customerId: 'cx',
        orderedAt: '2026-03-04T10:00:00Z',
        amount: '30.00',
        currency: 'USD',
        ...extra,
      });
    const ts = Math.floor(now.getTime() / 1000);
    for (const [extra, field, code] of [
      [
        { status: 'partially_refunded', refundedAmount: '30.01' },
        'orders.0.refundedAmount',
        'refund_exceeds_amount',
      ],
      [{ status: 'partially_refunded' }, 'orders.0.refundedAmount', 'invalid_refund'],
      [{ status: 'paid', refundedAmount: '1.00' }, 'orders.0.refundedAmount', 'invalid_refund'],
      [{ status: 'voided' }, 'orders.0.status', 'invalid_status'],
    ] as const) {
      const b = body(extra);
      const res = await postOrderWebhook(t, ws, secret, b, ts);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields[0]).toMatchObject({ field, code });
    }
    const [n] = await queryRows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from orders where workspace_id = ${ws} and external_id = 'x1'`,
    );
    expect(n!.n).toBe(0);
  });
});
