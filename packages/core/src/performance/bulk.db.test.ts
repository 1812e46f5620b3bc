import { customerFacts, type Database, orders, queryRows, users } from '@evergreen/db';
import { openTestDatabase, testDriver, waitForLockWait } from '@evergreen/db/testing';
import { eq, type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../shared/context.ts';
import { createWorkspace } from '../workspaces/index.ts';
import { copyCell, openCopySink } from './bulk.ts';
import { importOrdersCsv, withoutSecondaryIndexes } from './orders.ts';

/**
 * COPY on every path the imports can take: PostgreSQL (COPY … FROM STDIN), PGlite in this thread
 * ('/dev/blob' on the transaction handle) and PGlite in its worker thread, as the server runs it
 * (the socket cannot carry CopyIn, so the CSV goes through the worker's side channel and must land
 * in the transaction the socket connection has open, and roll back with it).
 */

const modes = testDriver() === 'pglite' ? (['in-process', 'worker'] as const) : (['postgres'] as const);
const clock: Clock = { now: () => new Date('2026-06-01T00:00:00Z') };

class Rollback extends Error {}

describe.each(modes)('COPY on %s', (mode) => {
  let database: Database;
  const count = async () =>
    (await queryRows<{ n: number }>(database.db, sql`select count(*) as n from copy_probe`))[0]!.n;

  beforeAll(async () => {
    database = await openTestDatabase(mode === 'postgres' ? {} : { worker: mode === 'worker' });
    if (mode !== 'postgres') expect(database.embedded).toBe(mode);
    await database.db.execute(sql`create table copy_probe (id int primary key, label text, qty bigint)`);
  });
  afterAll(() => database?.close());

  it('copies rows that the transaction sees at once and that commit with it', async () => {
    await database.db.execute(sql`truncate copy_probe`);
    const inside = await database.db.transaction(async (tx) => {
      const sink = await openCopySink(tx, 'copy_probe', ['id', 'label', 'qty']);
      await sink.write(`1,${copyCell('plain')},10\n2,${copyCell('a, "quoted" label')},20\n`);
      // More than one flush (256 KiB) of lines, so the rows go over in several parts.
      let lines = '';
      for (let i = 3; i <= 20_000; i++) lines += `${i},${copyCell(`row ${i} ${'x'.repeat(20)}`)},${i}\n`;
      await sink.write(lines);
      await sink.write(`20001,${copyCell(null)},${2 ** 40}\n`);
      await sink.end();
      return (
        await queryRows<{ n: number; total: number }>(
          tx,
          sql`select count(*) as n, sum(qty)::int8 as total from copy_probe`,
        )
      )[0];
    });
    expect(inside).toEqual({ n: 20_001, total: (20_000 * 20_001) / 2 + 10 + 20 - 3 + 2 ** 40 });
    expect(await count()).toBe(20_001);
    const rows = await queryRows<{ id: number; label: string | null; qty: number }>(
      database.db,
      sql`select id, label, qty from copy_probe where id in (1, 2, 20001) order by id`,
    );
    expect(rows).toEqual([
      { id: 1, label: 'plain', qty: 10 },
      { id: 2, label: 'a, "quoted" label', qty: 20 },
      { id: 20001, label: null, qty: 2 ** 40 },
    ]);
  });

  it('rolls the copied rows back with the transaction', async () => {
    await database.db.execute(sql`truncate copy_probe`);
    let seen = 0;
    await expect(
      database.db.transaction(async (tx) => {
        await tx.execute(sql`insert into copy_probe (id, label) values (0, 'before the copy')`);
        const sink = await openCopySink(tx, 'copy_probe', ['id', 'label']);
        await sink.write('1,a\n2,b\n3,c\n');
        await sink.end();
        seen = (await queryRows<{ n: number }>(tx, sql`select count(*) as n from copy_probe`))[0]!.n;
        throw new Rollback('roll back');
      }),
    ).rejects.toThrow(Rollback);
    expect(seen).toBe(4);
    expect(await count()).toBe(0);
  });

  it('fails with the database error code, and the transaction rolls back', async () => {
    await database.db.execute(sql`truncate copy_probe`);
    const failed = database.db.transaction(async (tx) => {
      await tx.execute(sql`insert into copy_probe (id, label) values (0, 'before the copy')`);
      const sink = await openCopySink(tx, 'copy_probe', ['id', 'label']);
      await sink.write('1,a\nnot a number,b\n');
      await sink.end();
    });
    await expect(failed).rejects.toMatchObject({ code: '22P02' });
    expect(await count()).toBe(0);
    // The connection is usable afterwards.
    await database.db.transaction(async (tx) => {
      const sink = await openCopySink(tx, 'copy_probe', ['id', 'label']);
      await sink.write('7,g\n');
      await sink.end();
    });
    expect(await count()).toBe(1);
  });

  it('ends an empty COPY, and an aborted one writes nothing', async () => {
    await database.db.execute(sql`truncate copy_probe`);
    await database.db.transaction(async (tx) => {
      const empty = await openCopySink(tx, 'copy_probe', ['id']);
      await empty.end();
    });
    await expect(
      database.db.transaction(async (tx) => {
        const sink = await openCopySink(tx, 'copy_probe', ['id', 'label']);
        await sink.write('1,a\n');
        sink.abort(new Rollback('given up'));
        throw new Rollback('given up');
      }),
    ).rejects.toThrow(Rollback);
    expect(await count()).toBe(0);
  });

  it('imports an orders CSV through COPY in the import transaction', async () => {
    const { db } = database;
    const [u] = await db
      .insert(users)
      .values({ email: `bulk-${mode}@example.test`, name: 'Bulk' })
      .returning({ id: users.id });
    const ws = await createWorkspace({ db, clock }, u!.id, { name: `Bulk ${mode}`, markets: ['US'] });
    const ctx = {
      db,
      clock,
      actor: { workspaceId: ws.id, role: 'manager' as const, userId: u!.id, tokenId: null },
    };
    const header = 'external_id,customer_id,ordered_at,amount,currency';
    const csv = [
      header,
      'o-1,c-1,2026-05-01T10:00:00Z,10.00,USD',
      'o-2,c-1,2026-05-02T10:00:00Z,20.50,USD',
      'o-3,c-2,2026-05-03 08:00,5,USD',
    ].join('\n');
    const result = await importOrdersCsv(ctx, csv, { mode: 'all_or_nothing' });
    expect(result).toMatchObject({ totalRows: 3, created: 3, updated: 0, errorCount: 0, wrote: true });
    const rows = await db
      .select({ externalId: orders.externalId, amountMinor: orders.amountMinor })
      .from(orders)
      .where(eq(orders.workspaceId, ws.id))
      .orderBy(orders.externalId);
    expect(rows).toEqual([
      { externalId: 'o-1', amountMinor: 1000 },
      { externalId: 'o-2', amountMinor: 2050 },
      { externalId: 'o-3', amountMinor: 500 },
    ]);
    const facts = await db
      .select({ customerId: customerFacts.customerId })
      .from(customerFacts)
      .where(eq(customerFacts.workspaceId, ws.id))
      .orderBy(customerFacts.customerId);
    expect(facts.map((f) => f.customerId)).toEqual(['c-1', 'c-2']);

    // A bad row refuses the whole file: the staged rows of the good ones go with the transaction.
    const refused = await importOrdersCsv(
      ctx,
      `${header}\no-4,c-3,2026-05-04T08:00:00Z,7,USD\no-5,c-3,not a date,1,USD`,
      {
        mode: 'all_or_nothing',
      },
    );
    expect(refused).toMatchObject({ wrote: false, errorCount: 1 });
    const after = await queryRows<{ n: number }>(
      db,
      sql`select count(*) as n from orders where workspace_id = ${ws.id}`,
    );
    expect(after[0]!.n).toBe(3);
  });

  /** orders' indexes: name → [definition, oid]; a rebuilt index has a new oid. */
  const orderIndexes = async () =>
    new Map(
      (
        await queryRows<{ name: string; def: string; oid: number }>(
          database.db,
          sql`select c.relname as name, pg_get_indexdef(i.indexrelid) as def, i.indexrelid::int8 as oid
          from pg_index i join pg_class c on c.oid = i.indexrelid
          where i.indrelid = 'orders'::regclass and i.indisvalid`,
        )
      ).map((r) => [r.name, { def: r.def, oid: Number(r.oid) }]),
    );
  const bulkWorkspace = async (name: string) => {
    const { db } = database;
    const [u] = await db
      .insert(users)
      .values({ email: `${name}-${mode}@example.test`, name })
      .returning({ id: users.id });
    const ws = await createWorkspace({ db, clock }, u!.id, { name: `${name} ${mode}`, markets: ['US'] });
    return {
      db,
      clock,
      actor: { workspaceId: ws.id, role: 'manager' as const, userId: u!.id, tokenId: null },
    };
  };
  const bulkCsv = [
    'external_id,customer_id,ordered_at,amount,currency',
    'b-1,bc-1,2026-05-01T10:00:00Z,10.00,USD',
    'b-2,bc-1,2026-05-02T10:00:00Z,20.50,USD',
    'b-3,bc-2,2026-05-03T08:00:00Z,5,USD',
  ].join('\n');

  it("a large first import rebuilds orders' secondary indexes after the insert, the same as before", async () => {
    const before = await orderIndexes();
    const secondary = [...before.keys()].filter((name) => name !== 'orders_pkey');
    expect(secondary.sort()).toEqual([
      'orders_creator_idx',
      'orders_customer_idx',
      'orders_external_key',
      'orders_time_idx',
    ]);
    const ctx = await bulkWorkspace('Rebuild');
    // The CLI's --bulk-rebuild-indexes: the table holds fewer orders than these 3 (no statistics yet).
    const result = await importOrdersCsv(ctx, bulkCsv, { mode: 'all_or_nothing', rebuildIndexes: true });
    expect(result).toMatchObject({ created: 3, wrote: true });
    const after = await orderIndexes();
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [name, ix] of before) {
      expect(after.get(name)!.def, name).toBe(ix.def);
      // The secondary ones were built again (new oids); the primary key stayed.
      if (name === 'orders_pkey') expect(after.get(name)!.oid, name).toBe(ix.oid);
      else expect(after.get(name)!.oid, name).not.toBe(ix.oid);
    }
    const rows = await queryRows<{ external_id: string; amount_minor: number }>(
      ctx.db,
      sql`select external_id, amount_minor from orders where workspace_id = ${ctx.actor.workspaceId}
        and customer_id = 'bc-1' order by ordered_at`,
    );
    expect(rows.map((r) => [r.external_id, Number(r.amount_minor)])).toEqual([
      ['b-1', 1000],
      ['b-2', 2050],
    ]);
    const facts = await ctx.db
      .select({ customerId: customerFacts.customerId, orderCount: customerFacts.orderCount })
      .from(customerFacts)
      .where(eq(customerFacts.workspaceId, ctx.actor.workspaceId))
      .orderBy(customerFacts.customerId);
    expect(facts).toEqual([
      { customerId: 'bc-1', orderCount: 2 },
      { customerId: 'bc-2', orderCount: 1 },
    ]);
    // The rebuilt unique index is the upsert's arbiter again: a re-import updates, never duplicates.
    const again = await importOrdersCsv(
      ctx,
      ['external_id,customer_id,ordered_at,amount,currency', 'b-2,bc-1,2026-05-02T10:00:00Z,21.00,USD'].join(
        '\n',
      ),
      { mode: 'all_or_nothing', rebuildIndexes: true },
    );
    expect(again).toMatchObject({ created: 0, updated: 1, wrote: true });
    const b2 = await queryRows<{ n: number; amount: number }>(
      ctx.db,
      sql`select count(*)::int as n, max(amount_minor) as amount from orders
        where workspace_id = ${ctx.actor.workspaceId} and external_id = 'b-2'`,
    );
    expect([b2[0]!.n, Number(b2[0]!.amount)]).toEqual([1, 2100]);
  });

  it('gives the dropped indexes back when the import fails after the drop', async () => {
    const before = await orderIndexes();
    await expect(
      database.db.transaction(async (tx) => {
        await withoutSecondaryIndexes(tx as unknown as typeof database.db, 10, async () => {
          const left = await queryRows<{ n: number }>(
            tx as unknown as typeof database.db,
            sql`select count(*)::int as n from pg_index where indrelid = 'orders'::regclass and not indisprimary`,
          );
          // Inside the insert the secondary indexes are gone…
          expect(left[0]!.n).toBe(0);
          throw new Rollback('insert failed');
        });
      }),
    ).rejects.toThrow('insert failed');
    // …and the rollback brings the very same ones back.
    expect(await orderIndexes()).toEqual(before);
  });

  it('gives the same attribution, customer facts and per-creator sums as an import the usual way', async () => {
    // Two workspaces with the same creators, posts and codes: one loads the file in bulk (indexes
    // dropped and rebuilt), the other the usual way; the per-creator sums come from the triggers.
    const setUp = async (name: string) => {
      const ctx = await bulkWorkspace(name);
      const ws = ctx.actor.workspaceId;
      await ctx.db.execute(sql`insert into creators (workspace_id, display_name, tier, status)
        values (${ws}, 'Ann', 1, 'active'), (${ws}, 'Bob', 2, 'active')`);
      await ctx.db.execute(sql`insert into deliverables (workspace_id, creator_id, type, platform, sponsored, posted_at, status)
        select workspace_id, id, 'sponsored_post', 'instagram', true, '2026-04-30T00:00:00Z', 'live'
        from creators where workspace_id = ${ws}`);
      await ctx.db.execute(sql`insert into trackers (workspace_id, creator_id, kind, code)
        select workspace_id, id, 'promo_code', upper(display_name) || '10' from creators where workspace_id = ${ws}`);
      return ctx;
    };
    const csv = [
      'external_id,customer_id,ordered_at,amount,currency,promo_code',
      // c-1 is acquired by Ann on May 1 and orders again (Bob's code) 19 days later: a repeater of Ann's.
      's-1,c-1,2026-05-01T10:00:00Z,10.00,USD,ANN10',
      's-2,c-1,2026-05-20T10:00:00Z,20.00,USD,BOB10',
      's-3,c-2,2026-06-02T08:00:00Z,5.00,USD,ANN10',
      's-4,c-3,2026-06-03T08:00:00Z,7.00,USD,',
    ].join('\n');
    const bulk = await setUp('Sums bulk');
    const usual = await setUp('Sums usual');
    expect(await importOrdersCsv(bulk, csv, { mode: 'all_or_nothing', rebuildIndexes: true })).toMatchObject({
      created: 4,
    });
    expect(await importOrdersCsv(usual, csv, { mode: 'all_or_nothing' })).toMatchObject({ created: 4 });
    /** One text line per row (column \`row\`), to compare whole rows at a glance. */
    const lines = async (query: SQL) =>
      (await queryRows<{ row: string }>(database.db, query)).map((r) => r.row);
    // Attribution and customer facts, by creator name (the ids differ between the workspaces).
    const facts = (ws: string) =>
      lines(
        sql`select concat_ws(' ', o.external_id, c.display_name, o.attributed_by, o.lag_seconds,
              (cf.first_order_id is not null)::text, cf.order_count, a.display_name) as row
            from orders o left join creators c on c.id = o.attributed_creator_id
            left join customer_facts cf on cf.workspace_id = o.workspace_id and cf.first_order_id = o.id
            left join creators a on a.id = cf.acquired_by_creator_id
            where o.workspace_id = ${ws} order by o.external_id`,
      );
    // external id, attributed to, by, lag (s), first order of its customer, their order count, acquired by
    const attributed = [
      's-1 Ann code 122400 true 2 Ann',
      's-2 Bob code 1764000 false',
      // June 2 08:00 is 33 days 8 hours after the post of April 30: 2,880,000 s.
      's-3 Ann code 2880000 true 1 Ann',
      // No code: nobody's, but the first order of customer c-3.
      's-4 true 1',
    ];
    expect(await facts(usual.actor.workspaceId)).toEqual(attributed);
    expect(await facts(bulk.actor.workspaceId)).toEqual(attributed);
    const sums = (ws: string) =>
      lines(
        sql`select concat_ws(' ', c.display_name, f.grain, f.starts_on::text, f.has_post::text, f.orders,
              f.revenue_minor, f.unconverted_orders, f.acquired, f.repeaters) as row
            from creator_period_facts f join creators c on c.id = f.creator_id
            where f.workspace_id = ${ws} order by 1`,
      );
    // creator, grain, day or month, has a post, orders, revenue (minor), without a rate, acquired, repeaters
    const expected = [
      'Ann day 2026-05-01 true 1 1000 0 1 1',
      'Ann day 2026-06-02 true 1 500 0 1 0',
      'Ann month 2026-05-01 true 1 1000 0 1 1',
      'Ann month 2026-06-01 true 1 500 0 1 0',
      'Bob day 2026-05-20 true 1 2000 0 0 0',
      'Bob month 2026-05-01 true 1 2000 0 0 0',
    ];
    expect(await sums(usual.actor.workspaceId)).toEqual(expected);
    expect(await sums(bulk.actor.workspaceId)).toEqual(expected);
  });

  it.runIf(mode === 'postgres')(
    'keeps the indexes and imports the usual way when another transaction is reading orders',
    async () => {
      const before = await orderIndexes();
      const ctx = await bulkWorkspace('Busy');
      let release = () => {};
      const held = new Promise<void>((r) => {
        release = r;
      });
      let reading = () => {};
      const started = new Promise<void>((r) => {
        reading = r;
      });
      // A report's read: holds orders (ACCESS SHARE) until released.
      const reader = database.db.transaction(async (tx) => {
        await tx.execute(sql`select count(*) from orders`);
        reading();
        await held;
      });
      await started;
      // More orders than the table holds (CREATE INDEX counted the 6 there), so the bulk path applies.
      const csv = [
        'external_id,customer_id,ordered_at,amount,currency',
        ...Array.from(
          { length: 20 },
          (_, i) => `busy-${i},bc-${i % 7},2026-05-01T10:${String(i).padStart(2, '0')}:00Z,1,USD`,
        ),
      ].join('\n');
      const importing = importOrdersCsv(ctx, csv, { mode: 'all_or_nothing', rebuildIndexes: true });
      // The import waits for the reader's lock on orders: pg_locks shows its request not granted.
      await waitForLockWait(database.db, { relation: 'orders' });
      const result = await importing;
      // It finished while the reader still held orders: it gave up waiting (lock_timeout) and
      // imported the usual way, with the same indexes, none rebuilt.
      release();
      await reader;
      expect(result).toMatchObject({ created: 20, wrote: true });
      expect(await orderIndexes()).toEqual(before);
    },
  );
});
