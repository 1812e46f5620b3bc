import { createHmac } from 'node:crypto';
import type { Clock } from '@evergreen/core';
import { queryRows } from '@evergreen/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { livePost, refreshFacts, tracker } from '../testing/factories/performance.ts';
import { createCreator } from '../testing/factories/roster.ts';
import { newWorkspace } from '../testing/factories/workspace.ts';
import { createTestApp, type Session, type TestApp } from '../testing/harness.ts';

/**
 * The native Shopify and WooCommerce receivers through the real HTTP app, with bodies in the
 * platforms' documented shapes (values made up):
 * - Shopify order webhooks carry the REST Admin API Order resource (id, name, email, phone,
 *   customer, created_at with an offset, currency, total_price, financial_status, cancelled_at,
 *   discount_codes[].code, landing_site, refunds[].transactions[]); refunds/create carries the
 *   Refund resource (id, order_id, transactions[] with kind/status/amount). Headers
 *   X-Shopify-Topic, X-Shopify-Hmac-Sha256 (base64 HMAC-SHA256 of the raw body),
 *   X-Shopify-Webhook-Id (shopify.dev, "Deliver webhooks through HTTPS" / Order and Refund resources).
 * - WooCommerce webhooks carry the REST API v3 order (id, number, status, currency, total,
 *   date_created_gmt without offset, billing.email, coupon_lines[].code, refunds[].total negative,
 *   meta_data[] with the order-attribution keys _wc_order_attribution_utm_source/_utm_campaign);
 *   headers X-WC-Webhook-Topic, X-WC-Webhook-Signature (base64 HMAC-SHA256), X-WC-Webhook-Delivery-ID;
 *   the ping when a webhook is saved is the form body `webhook_id=N`.
 */

const now = new Date('2026-07-01T00:00:00Z');
const clock: Clock = { now: () => now };
const SHOPIFY_SECRET = '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';
const WOO_SECRET = 'wc-secret-7Yq!x2Lp#9Rz';

let t: TestApp;
let owner: Session;
const db = () => t.database.db;
const b64 = (secret: string, body: string | Buffer) =>
  createHmac('sha256', secret).update(body).digest('base64');

beforeAll(async () => {
  t = await createTestApp({ clock });
  owner = await t.signUp('Rita Receivers');
});
afterAll(() => t.close());

async function workspace(name: string) {
  const w = await newWorkspace(t, owner, name);
  const { ws } = w;
  /** A creator with one live post on 2026-03-01 costing `costMinor` cents, a promo code and a UTM link. */
  const creator = async (displayName: string, code: string, utm: string, costMinor: number) => {
    const id = await createCreator(w, displayName, { tier: 2 });
    await livePost(w, id, '2026-03-01T00:00:00Z', { costMinor, costCurrency: 'USD' });
    await tracker(w, id, { code, utmSource: utm });
    await refreshFacts(w);
    return id;
  };
  const ok = w.ok;
  const totals = async () => (await ok('GET', '/reports/portfolio?from=2026-03-01&to=2026-03-31')).totals;
  const orders = async () =>
    queryRows<{
      external_id: string;
      customer_id: string;
      status: string;
      amount_minor: string;
      refunded_minor: string;
      attributed_by: string | null;
      ordered_at: Date;
    }>(
      db(),
      sql`select external_id, customer_id, status::text, amount_minor::text, refunded_minor::text, attributed_by,
        ordered_at from orders where workspace_id = ${ws} order by external_id`,
    );
  return { ...w, creator, totals, orders };
}

// ---- Shopify fixtures (shapes from Shopify's Order and Refund resources; values made up) ----

/** 5,678,901,234,567,890,123 > 2^53: must stay exact. */
const BIG_ID = '5678901234567890123';
const shopifyOrder1 = (over = '') =>
  `{"id":${BIG_ID},"admin_graphql_api_id":"gid://shopify/Order/${BIG_ID}","name":"#1001","order_number":1001,
"email":"Jane.Doe@Example.com","contact_email":"Jane.Doe@Example.com","phone":null,"created_at":"2026-03-02T10:00:00-05:00",
"updated_at":"2026-03-02T10:00:05-05:00","processed_at":"2026-03-02T10:00:00-05:00","currency":"USD","presentment_currency":"USD",
"subtotal_price":"120.00","total_discounts":"13.33","total_tax":"0.00","total_price":"120.00","current_total_price":"120.00",
"financial_status":"paid","fulfillment_status":null,"cancelled_at":null,"cancel_reason":null,"test":false,
"discount_codes":[{"code":"anna10","amount":"13.33","type":"percentage"}],
"landing_site":"/products/oat-milk?utm_source=anna&utm_campaign=spring","referring_site":"https://instagram.com/",
"customer":{"id":7012345678901234567,"email":"Jane.Doe@Example.com","first_name":"Jane","last_name":"Doe","phone":null},
"line_items":[{"id":13688971493691234,"name":"Oat Milk 1L","price":"44.44","quantity":3,"sku":"OAT-1L"}],
"refunds":[]${over}}`;
const shopifyOrder2 = (financial: string, cancelledAt: string | null) =>
  JSON.stringify({
    id: 5678901234567890,
    name: '#1002',
    email: null,
    phone: '+1 555 0100',
    customer: { id: 7012345678901235, email: null, phone: '+1 555 0100' },
    created_at: '2026-03-03T12:00:00+00:00',
    currency: 'USD',
    total_price: '80.00',
    financial_status: financial,
    cancelled_at: cancelledAt,
    cancel_reason: cancelledAt ? 'customer' : null,
    discount_codes: [],
    landing_site: 'https://shop.example.com/?utm_source=Anna&utm_campaign=Spring&utm_medium=story',
    line_items: [{ id: 1, name: 'Oat Milk 1L', price: '80.00', quantity: 1 }],
    refunds: [],
  });
const shopifyRefund = JSON.stringify({
  id: 987654321098,
  order_id: Number(BIG_ID.slice(0, 15)), // replaced below by the exact id as a JSON number
  created_at: '2026-04-10T09:00:00-04:00',
  note: 'Damaged in transit',
  restock: false,
  refund_line_items: [],
  transactions: [
    {
      id: 1,
      kind: 'refund',
      status: 'success',
      amount: '20.00',
      currency: 'USD',
      gateway: 'shopify_payments',
    },
    {
      id: 2,
      kind: 'refund',
      status: 'failure',
      amount: '99.00',
      currency: 'USD',
      gateway: 'shopify_payments',
    },
  ],
}).replace(`"order_id":${BIG_ID.slice(0, 15)}`, `"order_id":${BIG_ID}`);

describe('Shopify receiver', () => {
  let w: Awaited<ReturnType<typeof workspace>>;
  let serial = 0;
  const post = (
    body: string | Buffer,
    topic: string,
    opts: { id?: string; secret?: string; ws?: string } = {},
  ) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/hooks/shopify/${opts.ws ?? w.ws}`,
      headers: {
        'content-type': 'application/json',
        'x-shopify-topic': topic,
        'x-shopify-hmac-sha256': b64(opts.secret ?? SHOPIFY_SECRET, body),
        'x-shopify-webhook-id': opts.id ?? `b1c2d3e4-0000-4000-8000-${String(++serial).padStart(12, '0')}`,
        'x-shopify-shop-domain': 'oat-shop.myshopify.com',
        'x-shopify-api-version': '2025-01',
      },
      payload: body,
    });

  beforeAll(async () => {
    w = await workspace('Shopify shop');
    await w.creator('Anna', 'ANNA10', 'anna', 10_000);
    expect(
      (await w.ok('PUT', '/orders/receivers/shopify/secret', { secret: SHOPIFY_SECRET })).configured,
    ).toBe(true);
  });

  it('accepts orders signed the Shopify way: exact big ids, the customer by email or phone, code and landing-site links', async () => {
    const r1 = await post(shopifyOrder1(), 'orders/create', { id: 'replay-me' });
    expect(r1.statusCode, r1.body).toBe(200);
    expect(r1.json()).toMatchObject({ outcome: 'accepted', created: 1 });
    const r2 = await post(shopifyOrder2('paid', null), 'orders/create');
    expect(r2.json()).toMatchObject({ outcome: 'accepted', created: 1 });
    expect(await w.orders()).toEqual([
      {
        external_id: '5678901234567890',
        customer_id: '+15550100',
        status: 'paid',
        amount_minor: '8000',
        refunded_minor: '0',
        attributed_by: 'link', // from the absolute landing_site's utm_source/utm_campaign
        ordered_at: expect.anything(),
      },
      {
        external_id: BIG_ID,
        customer_id: 'jane.doe@example.com',
        status: 'paid',
        amount_minor: '12000',
        refunded_minor: '0',
        attributed_by: 'code',
        ordered_at: expect.anything(),
      },
    ]);
    const first = (await w.orders()).find((o) => o.external_id === BIG_ID)!;
    expect(new Date(first.ordered_at).toISOString()).toBe('2026-03-02T15:00:00.000Z'); // 10:00 −05:00
    // Cost $100; $120 + $80 = $200, 2 customers: CPA $50, ROAS 2.0000.
    expect(await w.totals()).toMatchObject({
      orders: 2,
      revenueMinor: 20_000,
      customersAcquired: 2,
      cpaMinor: 5000,
      roas: '2.0000',
    });
  });

  it('refuses the same body with one byte changed (401) and a replay writes nothing twice', async () => {
    const body = Buffer.from(shopifyOrder1());
    const signature = b64(SHOPIFY_SECRET, body);
    const changed = Buffer.from(body);
    changed[changed.indexOf('120.00')] = '9'.charCodeAt(0); // "920.00"
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/hooks/shopify/${w.ws}`,
      headers: {
        'content-type': 'application/json',
        'x-shopify-topic': 'orders/create',
        'x-shopify-hmac-sha256': signature,
        'x-shopify-webhook-id': 'tampered-1',
      },
      payload: changed,
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.fields[0]).toMatchObject({
      field: 'X-Shopify-Hmac-Sha256',
      code: 'signature_invalid',
    });
    const replay = await post(shopifyOrder1(), 'orders/create', { id: 'replay-me' });
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toMatchObject({ outcome: 'duplicate', created: 0, updated: 0 });
    expect(await w.orders()).toHaveLength(2);
    expect(await w.totals()).toMatchObject({ orders: 2, revenueMinor: 20_000 });
  });

  it('orders/cancelled and refunds/create change the reports exactly; orders/updated does not count a refund twice', async () => {
    const c = await post(shopifyOrder2('voided', '2026-03-04T08:00:00+00:00'), 'orders/cancelled');
    expect(c.json()).toMatchObject({ outcome: 'accepted', updated: 1 });
    // Only #1001 is left: $120, 1 customer: CPA $100, ROAS 1.2000.
    expect(await w.totals()).toMatchObject({
      orders: 1,
      revenueMinor: 12_000,
      customersAcquired: 1,
      cpaMinor: 10_000,
      roas: '1.2000',
    });
    // A late orders/create (Shopify delivers out of order now and then) does not undo the cancellation.
    const late = await post(shopifyOrder2('paid', null), 'orders/create');
    expect(late.json()).toMatchObject({ outcome: 'accepted', created: 0, updated: 0, unchanged: 1 });
    expect(await w.totals()).toMatchObject({ orders: 1, revenueMinor: 12_000 });
    const r = await post(shopifyRefund, 'refunds/create');
    expect(r.json()).toMatchObject({ outcome: 'accepted', updated: 1 });
    // The failed $99 transaction is not a refund: $120 − $20 = $100, ROAS 1.0000, ROI 0.0000.
    expect(await w.totals()).toMatchObject({
      orders: 1,
      revenueMinor: 10_000,
      roas: '1.0000',
      roi: '0.0000',
    });
    // Shopify's orders/updated after the refund lists it: the total stays $20 refunded.
    const updated = shopifyOrder1()
      .replace('"financial_status":"paid"', '"financial_status":"partially_refunded"')
      .replace(
        '"refunds":[]',
        `"refunds":[{"id":987654321098,"order_id":${BIG_ID},"transactions":[{"id":1,"kind":"refund","status":"success","amount":"20.00"}]}]`,
      );
    const u = await post(updated, 'orders/updated');
    expect(u.json()).toMatchObject({ outcome: 'accepted', updated: 0, unchanged: 1 });
    const o = (await w.orders()).find((x) => x.external_id === BIG_ID)!;
    expect(o).toMatchObject({ status: 'partially_refunded', refunded_minor: '2000' });
    expect(await w.totals()).toMatchObject({ orders: 1, revenueMinor: 10_000 });
  });

  it('refuses a malformed order with 400 naming the field, and a huge body with 413; nothing is written', async () => {
    const bad = shopifyOrder1()
      .replace('"total_price":"120.00"', '"total_price":"12O.00"')
      .replace(BIG_ID, '1');
    const res = await post(bad, 'orders/create');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0]).toMatchObject({ field: 'total_price', code: 'invalid_money' });
    const noDate = shopifyOrder1()
      .replace('"created_at":"2026-03-02T10:00:00-05:00"', '"created_at":"yesterday"')
      .replace(BIG_ID, '2');
    const res2 = await post(noDate, 'orders/create');
    expect(res2.statusCode).toBe(400);
    expect(res2.json().error.fields[0]).toMatchObject({ field: 'created_at', code: 'invalid_datetime' });
    const huge = `{"id":3,"note":"${'x'.repeat(3 * 1024 * 1024)}"}`;
    const res3 = await post(huge, 'orders/create');
    expect(res3.statusCode).toBe(413);
    expect(await w.orders()).toHaveLength(2);
  });

  it('ignores (200, nothing written) other topics, Shopify test orders and a refund of an unknown order', async () => {
    const topic = await post('{"id":1,"title":"Oat Milk"}', 'products/create');
    expect(topic.statusCode).toBe(200);
    expect(topic.json()).toMatchObject({ outcome: 'ignored', created: 0 });
    const testOrder = await post(
      shopifyOrder2('paid', null).replace('"id":5678901234567890', '"id":1,"test":true'),
      'orders/create',
    );
    expect(testOrder.json()).toMatchObject({ outcome: 'ignored', created: 0 });
    const orphan = await post(
      shopifyRefund.replace(`"order_id":${BIG_ID}`, '"order_id":42').replace('987654321098', '5'),
      'refunds/create',
    );
    expect(orphan.json()).toMatchObject({ outcome: 'ignored', updated: 0 });
    expect(await w.orders()).toHaveLength(2);
  });

  it("a delivery signed with workspace A's secret cannot write into workspace B", async () => {
    const b = await workspace('Other shop');
    // B has no Shopify secret: 401. With its own different secret: A's signature is still 401.
    expect((await post(shopifyOrder2('paid', null), 'orders/create', { ws: b.ws })).statusCode).toBe(401);
    await b.ok('PUT', '/orders/receivers/shopify/secret', { secret: 'shpss_other_workspace_secret' });
    expect((await post(shopifyOrder2('paid', null), 'orders/create', { ws: b.ws })).statusCode).toBe(401);
    expect(await b.orders()).toHaveLength(0);
  });

  it('settings list the URL and the last deliveries with their outcome; "send a test" posts over HTTP and writes no order', async () => {
    const list = (await w.ok('GET', '/orders/receivers')).receivers;
    const shopify = list.find((r: { kind: string }) => r.kind === 'shopify');
    expect(shopify.url).toBe(`http://evergreen.test/api/v1/hooks/shopify/${w.ws}`);
    expect(shopify.configured).toBe(true);
    const outcomes = shopify.deliveries.map(
      (d: { outcome: string; httpStatus: number }) => `${d.outcome} ${d.httpStatus}`,
    );
    expect(outcomes).toEqual(
      expect.arrayContaining(['accepted 200', 'duplicate 200', 'unauthorized 401', 'invalid 400']),
    );
    const before = await w.orders();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const test = await w.ok('POST', '/orders/receivers/shopify/test');
    expect(test).toMatchObject({ ok: true, httpStatus: 200 });
    expect(test.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1\/hooks\/shopify\//);
    expect(test.message).toContain('a test delivery writes nothing');
    expect(await w.orders()).toEqual(before);
    const after = (await w.ok('GET', '/orders/receivers')).receivers[0].deliveries[0];
    expect(after).toMatchObject({ outcome: 'test', test: true, topic: 'orders/create', httpStatus: 200 });
    // A wrong stored secret: the test reports the receiver's 401.
    await w.ok('PUT', '/orders/receivers/woocommerce/secret', { secret: WOO_SECRET });
    const woo = await w.ok('POST', '/orders/receivers/woocommerce/test');
    expect(woo).toMatchObject({ ok: true, httpStatus: 200 });
  });
});

// ---- WooCommerce fixtures (REST API v3 order shape; values made up) ----

const wooOrder = (over: Record<string, unknown> = {}) =>
  JSON.stringify({
    id: 4321,
    parent_id: 0,
    number: '4321',
    order_key: 'wc_order_Xy12AbC3dE4fG',
    created_via: 'checkout',
    version: '9.4.2',
    status: 'processing',
    currency: 'USD',
    date_created: '2026-03-05T12:00:00',
    date_created_gmt: '2026-03-05T09:00:00',
    date_modified_gmt: '2026-03-05T09:00:10',
    discount_total: '6.00',
    shipping_total: '0.00',
    total: '60.00',
    total_tax: '0.00',
    customer_id: 0,
    billing: { first_name: 'Olga', last_name: 'K', email: 'Olga@Example.ru', phone: '+7 900 000-00-00' },
    payment_method: 'stripe',
    date_paid_gmt: '2026-03-05T09:00:05',
    meta_data: [{ id: 101, key: '_wc_order_attribution_source_type', value: 'utm' }],
    line_items: [{ id: 9, name: 'Oat Milk 1L', quantity: 2, subtotal: '66.00', total: '60.00', price: 30 }],
    coupon_lines: [{ id: 11, code: 'ben5', discount: '6.00', discount_tax: '0.00', meta_data: [] }],
    refunds: [],
    ...over,
  });

/** Order 4322: no coupon and no customer email, attributed by its UTM link (ben, spring). */
const linkOrder = (status: string) =>
  wooOrder({
    id: 4322,
    number: '4322',
    status,
    total: '30.00',
    coupon_lines: [],
    billing: { email: '', phone: '' },
    meta_data: [
      { id: 1, key: '_wc_order_attribution_utm_source', value: 'ben' },
      { id: 2, key: '_wc_order_attribution_utm_campaign', value: 'spring' },
    ],
  });

describe('WooCommerce receiver', () => {
  let w: Awaited<ReturnType<typeof workspace>>;
  let serial = 0;
  const post = (body: string | Buffer, topic: string, opts: { id?: string; signature?: string } = {}) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/hooks/woocommerce/${w.ws}`,
      headers: {
        'content-type': 'application/json',
        'x-wc-webhook-source': 'https://oat-shop.example.ru/',
        'x-wc-webhook-topic': topic,
        'x-wc-webhook-resource': 'order',
        'x-wc-webhook-event': topic.split('.')[1]!,
        'x-wc-webhook-signature': opts.signature ?? b64(WOO_SECRET, body),
        'x-wc-webhook-id': '17',
        'x-wc-webhook-delivery-id': opts.id ?? `d${++serial}`,
      },
      payload: body,
    });

  beforeAll(async () => {
    w = await workspace('Woo shop');
    await w.creator('Ben', 'BEN5', 'ben', 5_000);
    await w.ok('PUT', '/orders/receivers/woocommerce/secret', { secret: WOO_SECRET });
  });

  it('answers the ping 200 and writes nothing', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/hooks/woocommerce/${w.ws}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'webhook_id=17',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ outcome: 'ignored', created: 0 });
    expect(await w.orders()).toHaveLength(0);
  });

  it('accepts an order signed the WooCommerce way; one byte changed is 401; a replay writes nothing twice', async () => {
    const body = wooOrder();
    const res = await post(body, 'order.created', { id: 'wc-1' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ outcome: 'accepted', created: 1 });
    const pending = linkOrder('on-hold');
    expect((await post(pending, 'order.created')).json()).toMatchObject({ outcome: 'accepted', created: 1 });
    expect(await w.orders()).toEqual([
      expect.objectContaining({
        external_id: '4321',
        customer_id: 'olga@example.ru',
        status: 'paid',
        amount_minor: '6000',
        attributed_by: 'code',
      }),
      expect.objectContaining({
        external_id: '4322',
        customer_id: 'order:4322',
        status: 'pending',
        attributed_by: 'link',
      }),
    ]);
    const o = (await w.orders())[0]!;
    expect(new Date(o.ordered_at).toISOString()).toBe('2026-03-05T09:00:00.000Z');
    const tampered = body.replace('"60.00"', '"66.00"');
    const bad = await post(tampered, 'order.created', { signature: b64(WOO_SECRET, body) });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error.fields[0]).toMatchObject({ field: 'X-WC-Webhook-Signature' });
    expect((await post(body, 'order.created', { id: 'wc-1' })).json()).toMatchObject({
      outcome: 'duplicate',
    });
    // Cost $50; the on-hold order counts nowhere: $60, 1 customer, ROAS 1.2000.
    expect(await w.totals()).toMatchObject({
      orders: 1,
      revenueMinor: 6000,
      customersAcquired: 1,
      roas: '1.2000',
    });
  });

  it('order.updated with a refund, then refunded, then the on-hold order completed', async () => {
    await post(wooOrder({ refunds: [{ id: 77, reason: 'Broken cap', total: '-15.00' }] }), 'order.updated');
    expect((await w.orders())[0]).toMatchObject({ status: 'partially_refunded', refunded_minor: '1500' });
    expect(await w.totals()).toMatchObject({ orders: 1, revenueMinor: 4500, roas: '0.9000' });
    await post(
      wooOrder({
        status: 'refunded',
        refunds: [
          { id: 77, total: '-15.00' },
          { id: 78, total: '-45.00' },
        ],
      }),
      'order.updated',
    );
    expect(await w.totals()).toMatchObject({ orders: 0, revenueMinor: 0, customersAcquired: 0 });
    await post(linkOrder('completed'), 'order.updated');
    expect(await w.totals()).toMatchObject({
      orders: 1,
      revenueMinor: 3000,
      customersAcquired: 1,
      cpaMinor: 5000,
    });
  });

  it('refuses an unknown status with 400 naming the field', async () => {
    const res = await post(wooOrder({ id: 5000, status: 'shipped' }), 'order.created');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0]).toMatchObject({ field: 'status', code: 'invalid_status' });
    expect(await w.orders()).toHaveLength(2);
  });
});

describe('the same delivery twice at once', () => {
  it('yields one order (the second sees the first delivery id and writes nothing)', async () => {
    const w = await workspace('Race shop');
    await w.ok('PUT', '/orders/receivers/shopify/secret', { secret: SHOPIFY_SECRET });
    const body = shopifyOrder1();
    const send = () =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/hooks/shopify/${w.ws}`,
        headers: {
          'content-type': 'application/json',
          'x-shopify-topic': 'orders/create',
          'x-shopify-hmac-sha256': b64(SHOPIFY_SECRET, body),
          'x-shopify-webhook-id': 'race-1',
        },
        payload: body,
      });
    const results = await Promise.all([send(), send(), send()]);
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    expect(results.map((r) => r.json().outcome).sort()).toEqual(['accepted', 'duplicate', 'duplicate']);
    expect(await w.orders()).toHaveLength(1);
  });
});
