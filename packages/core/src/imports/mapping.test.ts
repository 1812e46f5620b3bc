import { describe, expect, it } from 'vitest';
import { headerKey, presetStatusOf, proposeMapping, recognisePreset, shopifyStatusOf } from './mapping.ts';
import { presets } from './presets/index.ts';
import { ozonPostings } from './presets/ozon-postings.ts';
import { SHOPIFY_ORDERS_HEADER } from './presets/shopify-orders.ts';
import { woocommerceAnalytics } from './presets/woocommerce-analytics.ts';
import { woocommerceOrders, woocommerceStatus } from './presets/woocommerce-orders.ts';

describe('the mapping proposer', () => {
  it('maps English and Russian names and synonyms, each field once, the rest ignored', () => {
    expect(
      proposeMapping('orders', [
        'Order ID',
        'E-mail',
        'Customer',
        'Order date',
        'Total',
        'Currency',
        'Coupon',
        'Notes',
      ]).columns,
    ).toEqual({
      'Order ID': 'external_id',
      'E-mail': null,
      Customer: 'customer_id',
      'Order date': 'ordered_at',
      Total: 'amount',
      Currency: 'currency',
      Coupon: 'promo_code',
      Notes: null,
    });
    expect(
      proposeMapping('orders', ['Номер заказа', 'Клиент', 'Дата', 'Итого', 'Валюта', 'Промокод']).columns,
    ).toEqual({
      'Номер заказа': 'external_id',
      Клиент: 'customer_id',
      Дата: 'ordered_at',
      Итого: 'amount',
      Валюта: 'currency',
      Промокод: 'promo_code',
    });
    expect(proposeMapping('metrics', ['Ссылка', 'Дата', 'Просмотры', 'Лайки', 'Охват']).columns).toEqual({
      Ссылка: 'post',
      Дата: 'captured_at',
      Просмотры: 'video_views',
      Лайки: 'likes',
      Охват: 'reach',
    });
    expect(proposeMapping('exchange_rates', ['Дата', 'Валюта', 'Курс']).columns).toEqual({
      Дата: 'date',
      Валюта: 'currency',
      Курс: 'rate',
    });
    // Export-plugin names (WooCommerce "Advanced Order Export"-style) and Ozon's.
    expect(
      proposeMapping('orders', [
        'Order Number',
        'Order Date',
        'Email (Billing)',
        'Order Total Amount',
        'Order Currency',
        'Coupon Code',
      ]).columns,
    ).toEqual({
      'Order Number': 'external_id',
      'Order Date': 'ordered_at',
      'Email (Billing)': 'customer_id',
      'Order Total Amount': 'amount',
      'Order Currency': 'currency',
      'Coupon Code': 'promo_code',
    });
    expect(
      proposeMapping('orders', [
        'Номер отправления',
        'Принят в обработку',
        'Сумма отправления',
        'Код валюты отправления',
      ]).columns,
    ).toEqual({
      'Номер отправления': 'external_id',
      'Принят в обработку': 'ordered_at',
      'Сумма отправления': 'amount',
      'Код валюты отправления': 'currency',
    });
    // Two columns meaning one field: the first keeps it.
    expect(proposeMapping('orders', ['Total', 'Sum']).columns).toEqual({ Total: 'amount', Sum: null });
  });

  it('keys a header by its names, case and spaces aside', () => {
    expect(headerKey([' Name', 'TOTAL '])).toBe(headerKey(['name', 'total']));
    expect(headerKey(['\uFEFFName'])).toBe(headerKey(['Name']));
  });
});

describe('presets', () => {
  it('recognise their own header only', () => {
    expect(SHOPIFY_ORDERS_HEADER).toHaveLength(79);
    expect(recognisePreset('orders', SHOPIFY_ORDERS_HEADER)?.name).toBe('shopify');
    expect(recognisePreset('orders', ['external_id', 'customer_id'])).toBeNull();
    expect(
      recognisePreset('metrics', ['Content', 'Video title', 'Video publish time', 'Duration', 'Views'])?.name,
    ).toBe('youtube');
    expect(
      recognisePreset('metrics', ['Post ID', 'Account ID', 'Publish time', 'Permalink', 'Post type', 'Reach'])
        ?.name,
    ).toBe('meta');
    expect(
      recognisePreset('metrics', ['Time', 'Video title', 'Video link', 'Post time', 'Total views'])?.name,
    ).toBe('tiktok');
    // Every preset's recognised columns are columns it maps or reads.
    for (const p of presets) expect(p.recognise.length).toBeGreaterThan(2);
  });

  it("Shopify's Financial Status and Cancelled at give the order's status", () => {
    expect(shopifyStatusOf('paid', '')).toBe('paid');
    expect(shopifyStatusOf('refunded', '')).toBe('refunded');
    expect(shopifyStatusOf('partially_refunded', '')).toBe('partially_refunded');
    expect(shopifyStatusOf('voided', '')).toBe('cancelled');
    expect(shopifyStatusOf('paid', '2026-03-07 12:00:00 +0000')).toBe('cancelled');
    expect(shopifyStatusOf('authorized', '')).toBe('pending');
    expect(shopifyStatusOf('pending', '')).toBe('pending');
  });

  it("WooCommerce's and Ozon's own statuses, as labels or slugs, give the generic ones", () => {
    const woo = woocommerceOrders.status!;
    const got = Object.fromEntries(
      [
        'Completed',
        'wc-processing',
        'On hold',
        'on-hold',
        'Pending payment',
        'Cancelled',
        'Failed',
        'Refunded',
        'checkout-draft',
      ].map((s) => [s, presetStatusOf(woo, s)]),
    );
    expect(got).toEqual({
      Completed: 'paid',
      'wc-processing': 'paid',
      'On hold': 'pending',
      'on-hold': 'pending',
      'Pending payment': 'pending',
      Cancelled: 'cancelled',
      Failed: 'cancelled',
      Refunded: 'refunded',
      'checkout-draft': 'pending',
    });
    const ozon = ozonPostings.status!;
    expect(
      ['Доставлен', 'Отменён', 'отменен', 'Доставляется', 'Ожидает сборки', 'Арбитраж'].map((s) =>
        presetStatusOf(ozon, s),
      ),
    ).toEqual(['paid', 'cancelled', 'cancelled', 'pending', 'pending', 'pending']);
  });

  it('recognise the WooCommerce plugin and Ozon headers as theirs', () => {
    expect(
      recognisePreset('orders', [
        'Order Number',
        'Order Status',
        'Order Date',
        'Email (Billing)',
        'Order Total Amount',
      ])?.name,
    ).toBe('woocommerce');
    expect(
      recognisePreset('orders', [
        'Номер заказа',
        'Номер отправления',
        'Принят в обработку',
        'Статус',
        'Сумма отправления',
      ])?.name,
    ).toBe('ozon');
  });

  it("recognise WooCommerce Analytics' download (the table's and the mailed report's headers) and read one status table", () => {
    // The "Download" button (the table's labels) and the report mailed for a large range.
    const labels = 'Status,Customer,Customer type,Product(s),Items sold,Coupon(s)'.split(',');
    const table = ['Date', 'Order #', ...labels, 'Net sales', 'Origin'];
    const mailed = ['Date', 'Order #', 'N. Revenue (formatted)', ...labels, 'Net Sales', 'Attribution'];
    const older = ['Date', 'Order #', ...labels, 'N. Revenue'];
    for (const h of [table, mailed, older])
      expect(recognisePreset('orders', h)?.name).toBe('woocommerce-analytics');
    // The plugin preset, the Analytics preset and the webhook receiver read the same table.
    expect(woocommerceAnalytics.status!.values).toBe(woocommerceStatus);
    expect(woocommerceOrders.status!.values).toBe(woocommerceStatus);
    expect(
      ['completed', 'wc-on-hold', 'Pending payment', 'failed', 'trash', 'refunded'].map((x) =>
        presetStatusOf(woocommerceAnalytics.status!, x),
      ),
    ).toEqual(['paid', 'pending', 'pending', 'cancelled', 'cancelled', 'refunded']);
  });
});
