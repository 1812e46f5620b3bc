import type { Clock } from '@evergreen/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creatorWithPost, importOrdersCsv, refreshFacts } from '../testing/factories/performance.ts';
import { newWorkspace } from '../testing/factories/workspace.ts';
import { fixtureFileText } from '../testing/fixtures.ts';
import { createTestApp, type Session, type TestApp } from '../testing/harness.ts';

/**
 * A Shopify orders export end to end (issue 14; docs/csv.md "Presets", docs/performance.md
 * "Order status"). The fixture has Shopify's real 79-column header (the export of Shopify admin ›
 * Orders › Export, as listed in packages/core/src/imports/presets/shopify-orders.ts), newest order
 * first, values made up:
 *
 * | Name  | customer         | Financial Status   | Cancelled at | Total | Refunded | code   | rows |
 * | #1007 | jane@example.com | paid               |              | 20.00 | 0.00     | anna10 | 1    |
 * | #1006 | +15550002222     | paid               |              | 35.00 | 0.00     |        | 1    |
 * | #1005 | kim@example.com  | pending            |              | 60.00 | 0.00     | ANNA10 | 1    |
 * | #1004 | lee@example.com  | partially_refunded |              | 80.00 | 25.50    | ANNA10 | 2    |
 * | #1003 | jane@example.com | refunded           |              | 40.00 | 40.00    | ANNA10 | 1    |
 * | #1002 | tom@example.com  | refunded           | set          | 30.00 | 30.00    | ANNA10 | 1    |
 * | #1001 | jane@example.com | paid               |              | 54.50 | 0.00     | ANNA10 | 3    |
 */

const now = new Date('2026-06-01T00:00:00Z');
const clock: Clock = { now: () => now };
const file = fixtureFileText('shopify-orders-statuses.csv');

let t: TestApp;
let owner: Session;
beforeAll(async () => {
  t = await createTestApp({ clock });
  owner = await t.signUp('Shona Shopify');
});
afterAll(() => t.close());

describe('a Shopify orders export with multi-item, cancelled, refunded, partially refunded and pending orders', () => {
  it('makes one order per Name with its status and refund, and the reports count only what was sold', async () => {
    const w = await newWorkspace(t, owner, 'Shopify statuses');
    const { ok } = w;
    const anna = await creatorWithPost(w, 'Anna', {
      postedAt: '2026-03-01T00:00:00Z',
      costMinor: 15_000,
      code: 'ANNA10',
    });
    // Rows written straight to the tables: the post's facts are refreshed as the app would.
    await refreshFacts(w);

    // Recognised from its header: the preview reads the status columns through the preset.
    const p = await ok('POST', '/import-mappings/preview/orders', file);
    expect(p).toMatchObject({ source: 'preset', preset: 'shopify', missing: [], problems: [] });
    expect(p.notes).toEqual(['3 more line-item rows of orders already read: merged into their order']);

    let run = await importOrdersCsv(w, file, '?fileName=orders_export.csv');
    expect(run.error).toBeNull();
    // 10 data rows, 7 orders: #1001's 2 and #1004's 1 extra line-item rows are merged.
    expect(run.result).toMatchObject({ totalRows: 7, created: 7, errorCount: 0, wrote: true });
    expect(run.result!.reading).toMatchObject({ preset: 'shopify' });

    const list = (await ok('GET', '/orders?limit=50')).orders as {
      externalId: string;
      customerId: string;
      orderedAt: string;
      amountMinor: number;
      status: string;
      refundedMinor: number;
      promoCode: string | null;
      attribution: { creatorId: string } | null;
    }[];
    const got = Object.fromEntries(
      list.map((o) => [
        o.externalId,
        [
          o.customerId,
          o.orderedAt,
          o.amountMinor,
          o.status,
          o.refundedMinor,
          o.promoCode,
          o.attribution?.creatorId ?? null,
        ],
      ]),
    );
    expect(got).toEqual({
      '5523456789012345707': [
        'jane@example.com',
        '2026-03-20T09:00:00.000Z',
        2000,
        'paid',
        0,
        'ANNA10',
        anna,
      ],
      '5523456789012345706': ['+15550002222', '2026-03-18T19:30:00.000Z', 3500, 'paid', 0, null, null],
      '5523456789012345705': [
        'kim@example.com',
        '2026-03-15T08:00:00.000Z',
        6000,
        'pending',
        0,
        'ANNA10',
        anna,
      ],
      // 16:19:40 at +01:00; 25.50 of 80.00 refunded.
      '5523456789012345704': [
        'lee@example.com',
        '2026-03-12T15:19:40.000Z',
        8000,
        'partially_refunded',
        2550,
        'ANNA10',
        anna,
      ],
      '5523456789012345703': [
        'jane@example.com',
        '2026-03-02T07:59:30.000Z',
        4000,
        'refunded',
        4000,
        'ANNA10',
        anna,
      ],
      // Cancelled at set: cancelled, whatever the financial status says (refunded on cancelling).
      '5523456789012345702': [
        'tom@example.com',
        '2026-03-04T11:59:00.000Z',
        3000,
        'cancelled',
        3000,
        'ANNA10',
        anna,
      ],
      '5523456789012345701': [
        'jane@example.com',
        '2026-03-05T17:06:21.000Z',
        5450,
        'paid',
        0,
        'ANNA10',
        anna,
      ],
    });

    // By hand. Anna's counted orders: #1001 $54.50, #1004 $80.00 − $25.50 = $54.50, #1007 $20.00
    // → 3 orders, $129.00. #1002 (cancelled), #1003 (refunded) and #1005 (pending) count nowhere.
    // Customers: jane (first counted order #1001: the refunded #1003 before it does not count)
    // and lee → 2 acquired; jane orders again (#1007, 15 days later) → 1 repeat. tom and kim
    // are nobody's customers. Cost $150.00: CPA 15000 / 2 = 7500; ROAS 12900 / 15000 = 0.8600;
    // ROI (12900 − 15000) / 15000 = −0.1400. #1006 has no code and no link: unattributed.
    const march = '?from=2026-03-01&to=2026-03-31';
    const creators = (await ok('GET', `/reports/creators${march}`)).creators as {
      name: string;
      orders: number;
      revenueMinor: number;
      customersAcquired: number;
      repeatCustomers: number;
      cpaMinor: number | null;
      roas: string | null;
      roi: string | null;
    }[];
    const a = creators.find((c) => c.name === 'Anna')!;
    expect({
      orders: a.orders,
      revenueMinor: a.revenueMinor,
      customersAcquired: a.customersAcquired,
      repeatCustomers: a.repeatCustomers,
      cpaMinor: a.cpaMinor,
      roas: a.roas,
      roi: a.roi,
    }).toEqual({
      orders: 3,
      revenueMinor: 12_900,
      customersAcquired: 2,
      repeatCustomers: 1,
      cpaMinor: 7500,
      roas: '0.8600',
      roi: '-0.1400',
    });
    expect((await ok('GET', `/reports/portfolio${march}`)).totals).toMatchObject({
      orders: 3,
      revenueMinor: 12_900,
      customersAcquired: 2,
      cpaMinor: 7500,
    });

    // The same export later, after #1005 was paid and #1007 fully refunded: the stored orders
    // change in place. Anna: #1001 $54.50 + #1004 $54.50 + #1005 $60.00 = $169.00, customers
    // jane, lee, kim → 3 (jane's #1007 no longer counts: no repeat); CPA 15000 / 3 = 5000.
    const later = file
      .replace('#1005,kim@example.com,pending,,', '#1005,kim@example.com,paid,2026-03-16 10:00:00 +0300,')
      .replace(
        /^(#1007,jane@example\.com,)paid(.*?),0\.00,Northwind,0\.00,/m,
        '$1refunded$2,20.00,Northwind,0.00,',
      );
    expect(later).not.toBe(file);
    run = await importOrdersCsv(w, later, '?fileName=orders_export.csv');
    expect(run.result).toMatchObject({ created: 0, updated: 2, unchanged: 5, errorCount: 0 });
    expect((await ok('GET', `/reports/portfolio${march}`)).totals).toMatchObject({
      orders: 3,
      revenueMinor: 16_900,
      customersAcquired: 3,
      repeatCustomers: 0,
      cpaMinor: 5000,
    });
  });
});
