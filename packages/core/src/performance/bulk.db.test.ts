import { type Database, customerFacts, orders, queryRows, users } from '@evergreen/db';
import { openTestDatabase, testDriver } from '@evergreen/db/testing';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../shared/context.ts';
import { createWorkspace } from '../workspaces/workspaces.ts';
import { copyCell, openCopySink } from './bulk.ts';
import { importOrdersCsv } from './orders.ts';

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
});
