import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseOrderedAt, utmOfUrl } from './orders-csv.ts';
import { readWebhookOrders, signWebhook, verifyWebhook } from './webhook.ts';

const secret = 'whsec_test';
const body = Buffer.from('{"externalId":"o1"}');
const now = new Date('2026-06-01T00:00:00Z');
const ts = String(now.getTime() / 1000); // 1780272000

describe('webhook signature', () => {
  it('is the hex HMAC-SHA256 of "<timestamp>.<body>"', () => {
    const expected = createHmac('sha256', secret).update(`${ts}.{"externalId":"o1"}`).digest('hex');
    expect(signWebhook(secret, ts, body)).toBe(`sha256=${expected}`);
  });

  it('accepts a good signature within 300 s, refuses the rest', () => {
    const signature = signWebhook(secret, ts, body);
    expect(verifyWebhook(secret, { timestamp: ts, signature }, body, now)).toBe('ok');
    expect(verifyWebhook('other', { timestamp: ts, signature }, body, now)).toBe('signature_invalid');
    expect(verifyWebhook(secret, { timestamp: ts, signature }, Buffer.from('{"externalId":"o2"}'), now)).toBe(
      'signature_invalid',
    );
    expect(verifyWebhook(secret, { timestamp: ts, signature: undefined }, body, now)).toBe(
      'signature_invalid',
    );
    // 300 s either way is in; 301 s is out.
    const at = (s: number) => new Date(now.getTime() + s * 1000);
    expect(verifyWebhook(secret, { timestamp: ts, signature }, body, at(300))).toBe('ok');
    expect(verifyWebhook(secret, { timestamp: ts, signature }, body, at(-300))).toBe('ok');
    expect(verifyWebhook(secret, { timestamp: ts, signature }, body, at(301))).toBe('timestamp_out_of_range');
  });
});

describe('order fields', () => {
  it('reads ordered_at with an offset or as UTC, refusing impossible dates', () => {
    expect(parseOrderedAt('2026-03-01T10:15:00+03:00')).toBe('2026-03-01T07:15:00.000Z');
    expect(parseOrderedAt('2026-03-01 07:15')).toBe('2026-03-01T07:15:00.000Z');
    expect(parseOrderedAt('2026-03-01T07:15:30Z')).toBe('2026-03-01T07:15:30.000Z');
    expect(parseOrderedAt('2026-02-30 10:00')).toBeNull();
    expect(parseOrderedAt('2026-03-01')).toBeNull();
  });

  it('reads "…Z" times exactly as the calendar does, leap days and impossible days included', () => {
    const two = (n: number) => String(n).padStart(2, '0');
    fc.assert(
      fc.property(
        fc.record({
          y: fc.integer({ min: 1960, max: 2404 }),
          mo: fc.integer({ min: 0, max: 13 }),
          d: fc.integer({ min: 0, max: 32 }),
          h: fc.integer({ min: 0, max: 24 }),
          mi: fc.integer({ min: 0, max: 60 }),
          s: fc.integer({ min: 0, max: 60 }),
          ms: fc.option(fc.integer({ min: 0, max: 999 })),
        }),
        ({ y, mo, d, h, mi, s, ms }) => {
          const text = `${y}-${two(mo)}-${two(d)}T${two(h)}:${two(mi)}:${two(s)}${ms === null ? '' : `.${String(ms).padStart(3, '0')}`}Z`;
          // The calendar's answer: a real day (Date keeps the day it was given), a real time, 1970 on.
          const at = Date.UTC(y, mo - 1, d, h, mi, s, ms ?? 0);
          const real =
            mo >= 1 &&
            mo <= 12 &&
            d >= 1 &&
            h <= 23 &&
            mi <= 59 &&
            s <= 59 &&
            y >= 1970 &&
            new Date(at).getUTCDate() === d;
          expect(parseOrderedAt(text)).toBe(real ? new Date(at).toISOString() : null);
        },
      ),
      { numRuns: 2000 },
    );
    expect(parseOrderedAt('2024-02-29T23:59:59Z')).toBe('2024-02-29T23:59:59.000Z');
    expect(parseOrderedAt('2100-02-29T00:00:00Z')).toBeNull();
  });

  it('takes UTM from the landing URL', () => {
    expect(utmOfUrl('https://shop.example/p?utm_source=Anna&utm_campaign=Spring#x')).toEqual({
      source: 'anna',
      campaign: 'spring',
    });
    expect(utmOfUrl('/p')).toEqual({ source: null, campaign: null });
  });

  it('checks a delivery like CSV rows, naming the order and field', () => {
    const ok = readWebhookOrders({
      externalId: 'o1',
      customerId: 'c1',
      orderedAt: '2026-03-01 07:15',
      amount: '49.90',
      currency: 'usd',
      promoCode: 'anna10',
    });
    expect(ok).toEqual([
      {
        externalId: 'o1',
        customerId: 'c1',
        orderedAt: '2026-03-01T07:15:00.000Z',
        amountMinor: 4990,
        currency: 'USD',
        promoCode: 'ANNA10',
        utmSource: null,
        utmCampaign: null,
        landingUrl: null,
        // No status: paid, nothing refunded (deliveries from before statuses keep working).
        status: 'paid',
        refundedMinor: 0,
      },
    ]);
    try {
      readWebhookOrders({
        orders: [{ externalId: 'o1', customerId: 'c1', orderedAt: 'x', amount: '1', currency: 'USD' }],
      });
      expect.unreachable();
    } catch (e) {
      expect((e as { fields: { field: string; code: string }[] }).fields).toEqual([
        expect.objectContaining({ field: 'orders.0.orderedAt', code: 'invalid_datetime' }),
      ]);
    }
  });
});
