import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shopifyInstant } from '../shared/testing.ts';
import { readInstant } from '../shared/values.ts';
import { parseOrderedAt, readOrder } from './orders-csv.ts';

describe('orders: the fast paths read what the shared reader reads', () => {
  it("Shopify's time with an offset: by hand and as a property", () => {
    expect(parseOrderedAt('2026-04-05 21:06:21 +0400')).toBe('2026-04-05T17:06:21.000Z');
    expect(parseOrderedAt('2026-04-05 21:06:21 -0530')).toBe('2026-04-06T02:36:21.000Z');
    expect(parseOrderedAt('2026-02-29 10:00:00 +0000')).toBeNull(); // 2026 is no leap year
    expect(parseOrderedAt('2026-03-01 10:00:00 +1500')).toBeNull();
    fc.assert(
      fc.property(shopifyInstant, ({ text }) => {
        const general = readInstant(text);
        expect(general.ok).toBe(true);
        expect(parseOrderedAt(text)).toBe(general.ok ? general.value.toISOString() : null);
      }),
    );
  });

  it('reads Russian amounts and times in the given zone', () => {
    const r = readOrder(
      {
        external_id: 'З-1',
        customer_id: 'c',
        ordered_at: '01.02.2026 10:00',
        amount: '4\u00a0990,00 ₽',
        currency: 'RUB',
      },
      { timeZone: 'Europe/Moscow', amount: 'comma', orderedAt: null },
    );
    expect(r).toMatchObject({ values: { orderedAt: '2026-02-01T07:00:00.000Z', amountMinor: 499_000 } });
    const amb = readOrder({
      external_id: 'x',
      customer_id: 'c',
      ordered_at: '2026-02-01T10:00:00Z',
      amount: '1,234',
      currency: 'USD',
    });
    expect(amb).toEqual({
      issues: [expect.objectContaining({ column: 'amount', code: 'ambiguous_number' })],
    });
  });
});
