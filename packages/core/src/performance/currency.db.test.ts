import { iso4217Codes, minorDigits } from '@evergreen/contracts';
import { type Database, exchangeRates, orders, queryRows, users } from '@evergreen/db';
import { openTestDatabase } from '@evergreen/db/testing';
import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertMinor } from '../budgets/index.ts';
import type { Clock } from '../shared/context.ts';
import { createWorkspace } from '../workspaces/index.ts';
import { convertMinorSql } from './facts.ts';
import { importOrdersCsv } from './orders.ts';

/**
 * One ISO 4217 minor-unit table (@evergreen/contracts) drives TypeScript and SQL: the SQL
 * function currency_minor_digits (migration 0011) equals it for every code, and a conversion
 * gives the same minor units in SQL as budgets/fx.ts for every pair of codes.
 */

const clock: Clock = { now: () => new Date('2026-06-01T00:00:00Z') };
let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database?.close());

describe('currency minor units in SQL', () => {
  it('currency_minor_digits equals the TypeScript table for every ISO code', async () => {
    const rows = await queryRows<{ code: string; digits: number }>(
      database.db,
      sql`select code, currency_minor_digits(code) as digits
          from unnest(${`{${iso4217Codes.join(',')}}`}::text[]) as code order by code`,
    );
    expect(rows).toEqual(iso4217Codes.map((code) => ({ code, digits: minorDigits(code) })));
    // And a code ISO does not list has 2 in both.
    const [other] = await queryRows<{ d: number }>(
      database.db,
      sql`select currency_minor_digits('QQQ') as d`,
    );
    expect(other!.d).toBe(minorDigits('QQQ'));
  });

  it('converts like budgets/fx.ts for any two ISO codes, amount and rate', async () => {
    const rate = fc
      .tuple(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 9_999_999_999 }))
      .filter(([w, f]) => w + f > 0)
      .map(([w, f]) => `${w}.${String(f).padStart(10, '0')}`);
    const code = fc.constantFrom(...iso4217Codes);
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc
            .tuple(fc.integer({ min: -(10 ** 8), max: 10 ** 8 }), code, code, rate)
            .filter(([, from, to]) => from !== to),
          {
            minLength: 1,
            maxLength: 40,
          },
        ),
        async (cases) => {
          const values = sql.join(
            cases.map(
              ([a, from, to, r], n) =>
                sql`(${n}::int, ${a}::bigint, ${from}::text, ${to}::text, ${r}::numeric)`,
            ),
            sql`, `,
          );
          const rows = await queryRows<{ v: number | string }>(
            database.db,
            sql`select ${convertMinorSql(sql`a`, sql`f`, sql`t`, sql`r`)} as v
                from (values ${values}) as c(n, a, f, t, r) order by n`,
          );
          expect(rows.map((x) => Number(x.v))).toEqual(cases.map(([a, f, t, r]) => convertMinor(a, f, t, r)));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('100,000 XOF at 0.0016 is 160.00 USD = 16,000 cents, in TypeScript and in an imported order', async () => {
    // By hand: XOF has no minor unit, so 100000 minor units are 100,000 francs; × 0.0016 = 160 USD.
    expect(convertMinor(100_000, 'XOF', 'USD', '0.0016')).toBe(16_000);
    const { db } = database;
    const [u] = await db
      .insert(users)
      .values({ email: 'xof@example.test', name: 'Xof' })
      .returning({ id: users.id });
    const ws = await createWorkspace({ db, clock }, u!.id, { name: 'Dakar', markets: ['US'] });
    await db.insert(exchangeRates).values({
      workspaceId: ws.id,
      currency: 'XOF',
      reportingCurrency: 'USD',
      onDate: '2026-05-01',
      rate: '0.0016',
    });
    const ctx = {
      db,
      clock,
      actor: { workspaceId: ws.id, role: 'manager' as const, userId: u!.id, tokenId: null },
    };
    const result = await importOrdersCsv(
      ctx,
      'external_id,customer_id,ordered_at,amount,currency\no-1,c-1,2026-05-02T10:00:00Z,100000,XOF',
      { mode: 'all_or_nothing' },
    );
    expect(result).toMatchObject({ created: 1, errorCount: 0 });
    const [row] = await db
      .select({ amountMinor: orders.amountMinor, reporting: orders.amountReportingMinor })
      .from(orders)
      .where(eq(orders.workspaceId, ws.id));
    expect(row).toEqual({ amountMinor: 100_000, reporting: 16_000 });
  });
});
