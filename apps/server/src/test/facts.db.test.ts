import { convertMinor, refreshReportingAmounts } from '@evergreen/core';
import { exchangeRates, orders, queryRows } from '@evergreen/db';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../testing/harness.ts';

// The reporting amounts are computed in SQL (one statement over a million orders); they must
// equal the exact BigInt conversion of budgets/fx.ts, rounding half to even included.

let t: TestApp;
let ws: string;
let owner: Session;

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.signUp('Fay Facts');
  ws = (await t.createWorkspace(owner, 'Facts Co')).id;
  await t.database.db.insert(exchangeRates).values([
    { workspaceId: ws, currency: 'EUR', reportingCurrency: 'USD', onDate: '2026-01-01', rate: '0.5' },
    {
      workspaceId: ws,
      currency: 'EUR',
      reportingCurrency: 'USD',
      onDate: '2026-02-01',
      rate: '1.0850000001',
    },
    {
      workspaceId: ws,
      currency: 'JPY',
      reportingCurrency: 'USD',
      onDate: '2026-01-01',
      rate: '0.0066666667',
    },
    { workspaceId: ws, currency: 'KWD', reportingCurrency: 'USD', onDate: '2026-01-01', rate: '3.2512' },
  ]);
});
afterAll(() => t.close());

let seq = 0;
async function convert(amountMinor: number, currency: string, orderedAt: string) {
  const externalId = `fx-${++seq}`;
  const [row] = await t.database.db
    .insert(orders)
    .values({
      workspaceId: ws,
      externalId,
      customerId: 'c',
      orderedAt: new Date(orderedAt),
      amountMinor,
      currency,
    })
    .returning({ id: orders.id });
  await refreshReportingAmounts(t.database.db, ws, { orderIds: sql`select ${row!.id}::bigint` });
  const [r] = await queryRows<{ v: number | null }>(
    t.database.db,
    sql`select amount_reporting_minor as v from orders where workspace_id = ${ws} and external_id = ${externalId}`,
  );
  return r!.v;
}

describe('reporting amounts in SQL', () => {
  it('rounds half to even, uses the rate of the order day, and leaves missing rates null', async () => {
    // Jan rate 0.5: 1 cent → 0.5 → 0 (even); 3 cents → 1.5 → 2; 5 cents → 2.5 → 2; 7 → 3.5 → 4.
    expect(await convert(1, 'EUR', '2026-01-15T12:00:00Z')).toBe(0);
    expect(await convert(3, 'EUR', '2026-01-15T12:00:00Z')).toBe(2);
    expect(await convert(5, 'EUR', '2026-01-15T12:00:00Z')).toBe(2);
    expect(await convert(7, 'EUR', '2026-01-15T12:00:00Z')).toBe(4);
    // 23:59 UTC on Jan 31 is still January (rate 0.5); Feb 1 00:00 takes 1.0850000001:
    // 10000 × 1.0850000001 = 10850.000001 → 10850.
    expect(await convert(10000, 'EUR', '2026-01-31T23:59:59Z')).toBe(5000);
    expect(await convert(10000, 'EUR', '2026-02-01T00:00:00Z')).toBe(10850);
    // JPY has no minor unit: ¥15,000 × 0.0066666667 = $100.0000005 → 10000 cents.
    expect(await convert(15000, 'JPY', '2026-03-01T00:00:00Z')).toBe(10000);
    // KWD has 3 digits: 1.000 KWD = 1000 minor → $3.2512 → 325.12 cents → 325.
    expect(await convert(1000, 'KWD', '2026-03-01T00:00:00Z')).toBe(325);
    // The reporting currency itself is copied; a currency without a rate stays null (never 1.0).
    expect(await convert(4990, 'USD', '2025-01-01T00:00:00Z')).toBe(4990);
    expect(await convert(4990, 'GBP', '2026-03-01T00:00:00Z')).toBe(null);
    expect(await convert(4990, 'EUR', '2025-12-31T23:59:59Z')).toBe(null);
  });

  it('agrees with the exact BigInt conversion for any amount', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 2_000_000_000 }),
        fc.constantFrom(['EUR', '1.0850000001'], ['JPY', '0.0066666667'], ['KWD', '3.2512']),
        async (amount, [currency, rate]) => {
          const expected = convertMinor(amount, currency!, 'USD', rate!);
          expect(await convert(amount, currency!, '2026-06-01T00:00:00Z')).toBe(expected);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('changing the reporting currency', () => {
  it('converts every order and post cost again, in the new currency', async () => {
    const w = (await t.createWorkspace(owner, 'Switch Co')).id;
    const db = t.database.db;
    await db
      .insert(exchangeRates)
      .values([
        { workspaceId: w, currency: 'USD', reportingCurrency: 'EUR', onDate: '2026-01-01', rate: '0.9' },
      ]);
    await db.insert(orders).values([
      {
        workspaceId: w,
        externalId: 'u',
        customerId: 'c',
        orderedAt: new Date('2026-03-01T00:00:00Z'),
        amountMinor: 1005,
        currency: 'USD',
        amountReportingMinor: 1005,
      },
      {
        workspaceId: w,
        externalId: 'e',
        customerId: 'c',
        orderedAt: new Date('2026-03-01T00:00:00Z'),
        amountMinor: 700,
        currency: 'EUR',
        amountReportingMinor: null,
      },
    ]);
    const res = await t.call(owner, {
      method: 'PATCH',
      url: `/api/v1/workspaces/${w}`,
      payload: { reportingCurrency: 'EUR' },
    });
    expect(res.statusCode).toBe(200);
    const rows = await queryRows<{ external_id: string; v: number | null }>(
      db,
      sql`select external_id, amount_reporting_minor as v from orders where workspace_id = ${w} order by external_id`,
    );
    // $10.05 × 0.9 = €9.045 → 904.5 cents → 904 (half to even); €7.00 is already EUR.
    expect(rows).toEqual([
      { external_id: 'e', v: 700 },
      { external_id: 'u', v: 904 },
    ]);
  });
});
