import { describe, expect, it } from 'vitest';
import {
  isWooPing,
  mapShopifyOrder,
  mapWooOrder,
  parseJsonKeepingBigInts,
  signBase64,
  verifyBase64,
} from './receivers.ts';

describe('parseJsonKeepingBigInts', () => {
  it('keeps integers beyond 2^53 exact as text and leaves strings and small numbers alone', () => {
    const v = parseJsonKeepingBigInts(
      '{"id": 820982911946154508, "n": 12, "x": -1.5e3, "s": "a \\" 820982911946154508", "a": [9007199254740993, 9007199254740991]}',
    );
    expect(v).toEqual({
      id: '820982911946154508',
      n: 12,
      x: -1500,
      s: 'a " 820982911946154508',
      a: ['9007199254740993', 9007199254740991],
    });
  });
});

describe('signatures', () => {
  it('are base64 HMAC-SHA256 of the raw body, compared exactly', () => {
    // openssl: printf '{"id":1}' | openssl dgst -sha256 -hmac secret -binary | base64
    expect(signBase64('secret', '{"id":1}')).toBe('A971iWIMgT8Zj9A9eWfikrFj7wQ16/Qwcc4OlRl2PLc=');
    expect(
      verifyBase64('secret', 'A971iWIMgT8Zj9A9eWfikrFj7wQ16/Qwcc4OlRl2PLc=', Buffer.from('{"id":1}')),
    ).toBe(true);
    expect(
      verifyBase64('secret', 'A971iWIMgT8Zj9A9eWfikrFj7wQ16/Qwcc4OlRl2PLc=', Buffer.from('{"id":2}')),
    ).toBe(false);
    expect(verifyBase64('secret', undefined, Buffer.from('{"id":1}'))).toBe(false);
    expect(isWooPing(Buffer.from('webhook_id=17'))).toBe(true);
    expect(isWooPing(Buffer.from('{"id":17}'))).toBe(false);
  });
});

describe('status mapping', () => {
  const shopify = (o: Record<string, unknown>) =>
    mapShopifyOrder({
      id: 1,
      created_at: '2026-03-01T00:00:00Z',
      currency: 'USD',
      total_price: '100.00',
      ...o,
    }).cells;
  it('Shopify: financial_status, cancelled_at and refund transactions', () => {
    expect(shopify({ financial_status: 'paid' })).toMatchObject({ status: 'paid', refunded_amount: '0' });
    expect(shopify({ financial_status: 'authorized' })).toMatchObject({ status: 'pending' });
    expect(shopify({ financial_status: 'voided' })).toMatchObject({ status: 'cancelled' });
    expect(shopify({ financial_status: 'paid', cancelled_at: '2026-03-02T00:00:00Z' })).toMatchObject({
      status: 'cancelled',
    });
    expect(
      shopify({
        financial_status: 'partially_refunded',
        refunds: [
          { id: 5, transactions: [{ kind: 'refund', status: 'success', amount: '10.05' }] },
          {
            id: 6,
            transactions: [
              { kind: 'refund', status: 'success', amount: '0.95' },
              { kind: 'refund', status: 'pending', amount: '50.00' },
            ],
          },
        ],
      }),
    ).toMatchObject({ status: 'partially_refunded', refunded_amount: '11.00' });
    expect(shopify({ financial_status: 'partially_refunded', current_total_price: '70.00' })).toMatchObject({
      status: 'partially_refunded',
      refunded_amount: '30.00',
    });
    expect(shopify({ financial_status: 'refunded' })).toMatchObject({
      status: 'refunded',
      refunded_amount: '100.00',
    });
    expect(() => shopify({ financial_status: 'shipped' })).toThrow(/financial_status/);
    expect(shopify({ email: null, phone: null, customer: null })).toMatchObject({ customer_id: 'order:1' });
  });
  it('WooCommerce: status and negative refund totals', () => {
    const woo = (o: Record<string, unknown>) =>
      mapWooOrder({ id: 7, date_created_gmt: '2026-03-01T10:00:00', currency: 'EUR', total: '20.00', ...o })
        .cells;
    expect(woo({ status: 'completed' })).toMatchObject({
      status: 'paid',
      ordered_at: '2026-03-01T10:00:00Z',
    });
    expect(woo({ status: 'on-hold' })).toMatchObject({ status: 'pending' });
    expect(woo({ status: 'failed' })).toMatchObject({ status: 'cancelled' });
    expect(woo({ status: 'processing', refunds: [{ id: 1, total: '-5.50' }] })).toMatchObject({
      status: 'partially_refunded',
      refunded_amount: '5.50',
    });
    expect(woo({ status: 'processing', refunds: [{ id: 1, total: '-20.00' }] })).toMatchObject({
      status: 'refunded',
      refunded_amount: '20.00',
    });
  });
});

describe('Shopify test orders', () => {
  it('are read but marked to skip', () => {
    const m = mapShopifyOrder({
      id: 1,
      created_at: '2026-03-01T00:00:00Z',
      currency: 'USD',
      total_price: '1.00',
      test: true,
    });
    expect(m.skip).toMatch(/test order/);
    expect(
      mapShopifyOrder({
        id: 1,
        created_at: '2026-03-01T00:00:00Z',
        currency: 'USD',
        total_price: '1.00',
        test: false,
      }).skip,
    ).toBeUndefined();
  });
});
