import type { ImportPreview } from '@evergreen/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creatorWithPost, importOrdersCsv, refreshFacts } from '../testing/factories/performance.ts';
import { newWorkspace, type WorkspaceClient } from '../testing/factories/workspace.ts';
import { fixtureFile as fixture } from '../testing/fixtures.ts';
import { appWithOwner, type Session, type TestApp } from '../testing/harness.ts';

/**
 * The WooCommerce (Advanced Order Export plugin) and Ozon postings presets through the API
 * (docs/csv.md, "Presets"). The fixtures have the headers listed, with their sources, in
 * packages/core/src/imports/presets/woocommerce-orders.ts and ozon-postings.ts; values made up.
 * Every expected number is worked out by hand in the comments.
 */

const now = new Date('2026-06-01T00:00:00Z');

let t: TestApp;
let owner: Session;
beforeAll(async () => ({ t, owner } = await appWithOwner('Petra Presets', { now })));
afterAll(() => t.close());

async function workspace(name: string) {
  const w = await newWorkspace(t, owner, name);
  const { ok } = w;
  const importFile = (body: Buffer) => importOrdersCsv(w, body as unknown as string);
  const ordersList = async () =>
    Object.fromEntries(
      (
        (await ok('GET', '/orders?limit=50')).orders as {
          externalId: string;
          customerId: string;
          orderedAt: string;
          amountMinor: number;
          currency: string;
          status: string;
          refundedMinor: number;
          promoCode: string | null;
          attribution: { creatorId: string } | null;
        }[]
      ).map((o) => [
        o.externalId,
        [
          o.customerId,
          o.orderedAt,
          o.amountMinor,
          o.currency,
          o.status,
          o.refundedMinor,
          o.promoCode,
          o.attribution?.creatorId ?? null,
        ],
      ]),
    );
  return { ...w, importFile, ordersList };
}

/** Anna, with a live sponsored post costing 100.00 in `currency` and the promo code ANNA10. */
async function annaWithCode(w: WorkspaceClient, currency: string): Promise<string> {
  const anna = await creatorWithPost(w, 'Anna', {
    postedAt: '2026-03-01T00:00:00Z',
    costMinor: 10_000,
    costCurrency: currency,
    code: 'ANNA10',
  });
  await refreshFacts(w);
  return anna;
}

describe('the WooCommerce order export (Advanced Order Export plugin)', () => {
  it('is recognised, one order per Order Number, statuses mapped, and Anna counts only what was sold', async () => {
    const w = await workspace('WooCommerce');
    const anna = await annaWithCode(w, 'USD');

    const file = fixture('woocommerce-order-export.csv');
    const p = (await w.ok('POST', '/import-mappings/preview/orders', file)) as ImportPreview;
    expect(p).toMatchObject({ source: 'preset', preset: 'woocommerce', missing: [], problems: [] });
    expect(p.notes).toEqual(['1 more line-item row of orders already read: merged into their order']);

    const run = await w.importFile(file);
    expect(run.error).toBeNull();
    // 8 rows, 7 orders (2001 has two item rows).
    expect(run.result).toMatchObject({ totalRows: 7, created: 7, errorCount: 0 });
    expect(run.result!.reading).toMatchObject({ preset: 'woocommerce', timeZone: 'UTC' });
    expect(await w.ordersList()).toEqual({
      '2001': ['jane@example.com', '2026-03-05T14:30:00.000Z', 5990, 'USD', 'paid', 0, 'ANNA10', anna],
      '2002': ['bob@example.com', '2026-03-06T09:00:00.000Z', 2500, 'USD', 'paid', 0, null, null],
      '2003': ['kim@example.com', '2026-03-07T10:15:00.000Z', 4000, 'USD', 'pending', 0, 'ANNA10', anna],
      '2004': ['tom@example.com', '2026-03-08T11:00:00.000Z', 3000, 'USD', 'cancelled', 0, 'ANNA10', anna],
      '2005': ['lee@example.com', '2026-03-09T12:00:00.000Z', 4500, 'USD', 'refunded', 4500, 'ANNA10', anna],
      // Completed with 10.00 refunded: partially refunded. No email: the billing phone.
      '2006': [
        '+15550003333',
        '2026-03-10T13:45:00.000Z',
        8000,
        'USD',
        'partially_refunded',
        1000,
        'ANNA10',
        anna,
      ],
      '2007': ['max@example.com', '2026-03-11T08:00:00.000Z', 2000, 'USD', 'cancelled', 0, 'ANNA10', anna],
    });
    // Anna: 2001 $59.90 + 2006 $80.00 − $10.00 = $129.90, 2 orders, 2 customers (jane, the
    // phone); 2003 on hold, 2004 cancelled, 2005 refunded, 2007 failed count nowhere. Cost $100:
    // CPA 10000 / 2 = 5000; ROAS 12990 / 10000 = 1.2990.
    const a = (await w.ok('GET', '/reports/creators?from=2026-03-01&to=2026-03-31')).creators.find(
      (c: { name: string }) => c.name === 'Anna',
    );
    expect([a.orders, a.revenueMinor, a.customersAcquired, a.cpaMinor, a.roas]).toEqual([
      2,
      12_990,
      2,
      5000,
      '1.2990',
    ]);
  });
});

describe('the Ozon postings report', () => {
  it('is recognised, one order per posting, Russian statuses mapped, times in the workspace zone', async () => {
    const w = await workspace('Ozon');
    await w.ok('PATCH', '', { timeZone: 'Europe/Moscow' });
    const file = fixture('ozon-postings.csv');
    const p = (await w.ok('POST', '/import-mappings/preview/orders', file)) as ImportPreview;
    expect(p).toMatchObject({
      source: 'preset',
      preset: 'ozon',
      delimiter: ';',
      timeZone: 'Europe/Moscow',
      missing: [],
      problems: [],
    });
    const run = await w.importFile(file);
    expect(run.error).toBeNull();
    // 5 rows, 4 postings (the first posting has two product rows).
    expect(run.result).toMatchObject({ totalRows: 4, created: 4, errorCount: 0 });
    // 12:00 in Moscow (+03:00) = 09:00Z; the amount is the posting's, not the product's.
    expect(await w.ordersList()).toEqual({
      '0100169990-0103-1': [
        '0100169990-0103',
        '2026-03-05T09:00:00.000Z',
        149_000,
        'RUB',
        'paid',
        0,
        null,
        null,
      ],
      '0100169990-0103-2': [
        '0100169990-0103',
        '2026-03-05T09:00:00.000Z',
        99_000,
        'RUB',
        'cancelled',
        0,
        null,
        null,
      ],
      '0200270001-0001-1': [
        '0200270001-0001',
        '2026-03-07T15:30:00.000Z',
        250_000,
        'RUB',
        'pending',
        0,
        null,
        null,
      ],
      '0300380002-0002-1': [
        '0300380002-0002',
        '2026-03-10T06:05:00.000Z',
        320_050,
        'RUB',
        'paid',
        0,
        null,
        null,
      ],
    });
  });
});

describe('the WooCommerce Analytics orders download', () => {
  it('is recognised; amounts in the workspace currency, customers by name, refund rows applied', async () => {
    const w = await workspace('WooCommerce Analytics');
    // The download has no currency: the workspace's reporting currency (EUR) is the orders'.
    await w.ok('PATCH', '', { timeZone: 'Europe/Moscow', reportingCurrency: 'EUR' });
    const anna = await annaWithCode(w, 'EUR');

    const file = fixture('woocommerce-analytics-orders.csv');
    const p = (await w.ok('POST', '/import-mappings/preview/orders', file)) as ImportPreview;
    expect(p).toMatchObject({
      source: 'preset',
      preset: 'woocommerce-analytics',
      timeZone: 'Europe/Moscow',
      missing: [],
      problems: [],
    });
    // Status is read by the preset although no field is mapped to it.
    expect(p.derived).toEqual({ Status: ['status'] });
    expect(p.mapping.columns).toMatchObject({
      'Order #': 'external_id',
      Date: 'ordered_at',
      'Net sales': 'amount',
      'Coupon(s)': 'promo_code',
      Customer: 'customer_id',
      Status: null,
    });
    const notes = [
      "The file has no currency column: amounts are read in the workspace's reporting currency (EUR)",
      // 3006's −10 (row 5) and 3005's −45 (row 6), both above their orders.
      "2 refund rows (negative amounts) added to their orders' refunded amounts",
      'Row 13 is a refund (-5) of order 3002 listed below the order: not applied (download the report newest first)',
      'Row 3 is a refund (-5) of order 2999, which is not in the file: skipped',
    ];
    expect(p.notes).toEqual(notes);
    // Row 2 (3009) has no customer name: the order is its own customer.
    expect(p.rows[0]!.values).toMatchObject({ currency: 'EUR', customer_id: '3009', external_id: '3009' });

    const run = await w.importFile(file);
    expect(run.error).toBeNull();
    // 12 rows: 4 refund rows, 8 orders.
    expect(run.result).toMatchObject({ totalRows: 8, created: 8, errorCount: 0 });
    expect(run.result!.reading).toMatchObject({ preset: 'woocommerce-analytics', notes });
    // Times in Moscow (+03:00): 14:30 → 11:30Z. The first coupon of "ANNA10, VIP5" attributes.
    expect(await w.ordersList()).toEqual({
      '3001': ['Jane Doe', '2026-03-05T11:30:00.000Z', 5990, 'EUR', 'paid', 0, 'ANNA10', anna],
      '3002': ['Bob Stone', '2026-03-06T06:00:00.000Z', 2500, 'EUR', 'paid', 0, null, null],
      '3003': ['Kim Lee', '2026-03-07T07:15:00.000Z', 4000, 'EUR', 'pending', 0, 'ANNA10', anna],
      '3004': ['Tom Ray', '2026-03-08T08:00:00.000Z', 3000, 'EUR', 'cancelled', 0, 'ANNA10', anna],
      // Refunded: all of it (its −45 row says the same).
      '3005': ['Lia Wu', '2026-03-09T09:00:00.000Z', 4500, 'EUR', 'refunded', 4500, 'ANNA10', anna],
      // Completed with a −10 refund row: partially refunded, 10.00.
      '3006': [
        'Jane Doe',
        '2026-03-10T10:45:00.000Z',
        8000,
        'EUR',
        'partially_refunded',
        1000,
        'ANNA10',
        anna,
      ],
      '3007': ['Max Kay', '2026-03-13T13:00:00.000Z', 2000, 'EUR', 'cancelled', 0, 'ANNA10', anna],
      // No customer name: the order is its own customer.
      '3009': ['3009', '2026-03-15T07:00:00.000Z', 1250, 'EUR', 'paid', 0, null, null],
    });
    // Anna: 3001 €59.90 + 3006 €80.00 − €10.00 = €129.90 from 2 orders, 1 customer (Jane Doe
    // both times); 3003 on hold, 3004 cancelled, 3005 refunded, 3007 failed count nowhere.
    // Cost €100: CPA 10000 / 1 = 10000; ROAS 12990 / 10000 = 1.2990.
    const a = (await w.ok('GET', '/reports/creators?from=2026-03-01&to=2026-03-31')).creators.find(
      (c: { name: string }) => c.name === 'Anna',
    );
    expect([a.orders, a.revenueMinor, a.customersAcquired, a.cpaMinor, a.roas]).toEqual([
      2,
      12_990,
      1,
      10_000,
      '1.2990',
    ]);
  });

  it('is chosen by name and refuses a file that is not the download, naming the columns it lacks', async () => {
    const w = await workspace('WooCommerce Analytics by name');
    const res = await t.call(owner, {
      method: 'POST',
      url: `/api/v1/workspaces/${w.ws}/imports/orders?preset=woocommerce-analytics`,
      payload: fixture('woocommerce-order-export.csv') as unknown as string,
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0]).toMatchObject({ field: 'preset', code: 'wrong_preset' });
    expect(res.json().error.message).toContain(
      'The file is not a WooCommerce Analytics orders download: it has no column "Date", "Order #", "Status", "Customer", "Customer type", "Coupon(s)"',
    );
    expect(await w.ordersList()).toEqual({});
  });
});
