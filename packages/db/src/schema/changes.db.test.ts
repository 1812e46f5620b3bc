import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changedSince, currentXmin, pruneChanges, takeSnapshot } from '../changes.ts';
import { type Database, type Db, queryRows } from '../client.ts';
import { openTestDatabase } from '../testing/index.ts';

/**
 * Kept answers rely on every write to a workspace's data recording its transaction in
 * workspace_changes (migration 0028, docs/decisions/0023-kept-answers.md). A table with a
 * workspace_id column and without the three triggers would let a kept answer outlive a change:
 * this test fails for it until a migration gives it the triggers.
 */

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const rows = <T>(q: ReturnType<typeof sql>) => queryRows<T>(database.db, q);

describe('workspace_changes triggers', () => {
  it('every table with a workspace_id (and workspaces, users) records its changes', async () => {
    const tables = (
      await rows<{ t: string }>(sql`
        select c.table_name as t from information_schema.columns c
        join information_schema.tables tb on tb.table_schema = c.table_schema and tb.table_name = c.table_name
        where c.table_schema = current_schema() and c.column_name = 'workspace_id'
          and tb.table_type = 'BASE TABLE' and c.table_name <> 'workspace_changes'
        order by 1`)
    ).map((r) => r.t);
    expect(tables.length).toBeGreaterThan(40);
    expect(tables).toEqual(expect.arrayContaining(['creators', 'orders', 'memberships', 'tier_policies']));
    const triggers = await rows<{ tbl: string; fn: string; ev: string }>(sql`
      select c.relname as tbl, p.proname as fn,
             (case when t.tgtype & 4 <> 0 then 'insert' when t.tgtype & 8 <> 0 then 'delete' else 'update' end) as ev
      from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_proc p on p.oid = t.tgfoid
      where not t.tgisinternal and p.proname like 'workspace_changes_%'
        and t.tgtype & 1 = 0 /* statement level */ and t.tgenabled <> 'D'`);
    const has = (tbl: string, ev: string, fn: string) =>
      triggers.some((x) => x.tbl === tbl && x.ev === ev && x.fn === fn);
    const missing = tables.flatMap((tbl) =>
      (['insert', 'update', 'delete'] as const)
        .filter((ev) => !has(tbl, ev, `workspace_changes_${ev}`))
        .map((ev) => `${tbl} ${ev}`),
    );
    expect(missing).toEqual([]);
    expect(has('workspaces', 'update', 'workspace_changes_workspaces')).toBe(true);
    expect(has('workspaces', 'delete', 'workspace_changes_workspaces')).toBe(true);
    expect(has('users', 'update', 'workspace_changes_users')).toBe(true);
    expect(has('users', 'delete', 'workspace_changes_users')).toBe(true);
  });

  it('records (workspace, transaction) once per transaction, for the workspace written only', async () => {
    const [ws] = await rows<{ a: string; b: string; u: string }>(sql`
      with u as (insert into users (email, name) values ('changes@example.test', 'Una') returning id),
           a as (insert into workspaces (name, slug) values ('A', 'changes-a') returning id),
           b as (insert into workspaces (name, slug) values ('B', 'changes-b') returning id)
      select (select id from a) as a, (select id from b) as b, (select id from u) as u`);
    const { a, b, u } = ws!;
    await database.db.execute(
      sql`insert into memberships (workspace_id, user_id, role) values (${a}, ${u}, 'owner')`,
    );
    const before = await takeSnapshot(database.db, a);
    // One transaction, three statements on workspace A: one row.
    const xid = await database.db.transaction(async (tx) => {
      await tx.execute(
        sql`insert into creators (workspace_id, display_name, tier) values (${a}, 'Ann', 1), (${a}, 'Bo', 2)`,
      );
      await tx.execute(sql`update creators set tier = 3 where workspace_id = ${a}`);
      await tx.execute(sql`delete from creators where workspace_id = ${a} and display_name = 'Bo'`);
      const [r] = await queryRows<{ x: string }>(
        tx as unknown as Db,
        sql`select pg_current_xact_id()::text as x`,
      );
      return r!.x;
    });
    const logged = await rows<{ w: string; x: string }>(
      sql`select workspace_id as w, xid::text as x from workspace_changes
          where workspace_id in (${a}, ${b}) and not pg_visible_in_snapshot(xid, ${before.snapshot}::pg_snapshot)`,
    );
    expect(logged).toEqual([{ w: a, x: String(xid) }]);
    expect(await changedSince(database.db, a, before.snapshot)).toBe(true);
    expect(await changedSince(database.db, b, before.snapshot)).toBe(false);
    // A member's name is shown in the workspace: renaming the user is a change to A (not to B).
    const afterInsert = await takeSnapshot(database.db, a);
    await database.db.execute(sql`update users set name = 'Una Renamed' where id = ${u}`);
    expect(await changedSince(database.db, a, afterInsert.snapshot)).toBe(true);
    expect(await changedSince(database.db, b, afterInsert.snapshot)).toBe(false);
    // The workspace's own row (its time zone): a change to it.
    const s2 = await takeSnapshot(database.db, b);
    expect(s2.timeZone).toBe('UTC');
    await database.db.execute(sql`update workspaces set time_zone = 'Asia/Tokyo' where id = ${b}`);
    expect(await changedSince(database.db, b, s2.snapshot)).toBe(true);
    expect((await takeSnapshot(database.db, b)).timeZone).toBe('Asia/Tokyo');
  });

  it('pruning below an xmin observed earlier keeps every change a later snapshot did not see', async () => {
    const [w] = await rows<{ id: string }>(
      sql`insert into workspaces (name, slug) values ('P', 'changes-p') returning id`,
    );
    const ws = w!.id;
    await database.db.execute(
      sql`insert into creators (workspace_id, display_name, tier) values (${ws}, 'Old', 1)`,
    );
    const horizon = await currentXmin(database.db); // observed after the old change committed
    const kept = await takeSnapshot(database.db, ws); // a kept answer's snapshot, taken later
    await database.db.execute(sql`update creators set display_name = 'New' where workspace_id = ${ws}`);
    const logged = async () =>
      (
        await rows<{ x: string }>(
          sql`select xid::text as x from workspace_changes where workspace_id = ${ws} order by xid`,
        )
      ).map((r) => BigInt(r.x));
    const [oldXid, newXid] = (await logged()) as [bigint, bigint];
    expect(newXid > oldXid).toBe(true);
    // The xmin is the whole cluster's (other databases' open transactions hold it back), so the
    // old change may or may not be below it; whatever is below it goes, the new change stays.
    expect(await pruneChanges(database.db, horizon)).not.toBeNull();
    expect(await logged()).toEqual(oldXid < BigInt(horizon) ? [newXid] : [oldXid, newXid]);
    expect(await changedSince(database.db, ws, kept.snapshot)).toBe(true);
    // What the horizon rule prevents: an xmin observed after the new change committed (what a
    // horizon younger than the kept answer could be) deletes the change the kept snapshot did not
    // see, and the stale answer would look fresh.
    await pruneChanges(database.db, String(newXid + 1n));
    expect(await logged()).toEqual([]);
    expect(await changedSince(database.db, ws, kept.snapshot)).toBe(false);
  });

  it('pruning removes ids this cluster never handed out (rows restored from another cluster)', async () => {
    const [w] = await rows<{ id: string }>(
      sql`insert into workspaces (name, slug) values ('R', 'changes-r') returning id`,
    );
    const ws = w!.id;
    const kept = await takeSnapshot(database.db, ws);
    await database.db.execute(
      sql`insert into workspace_changes (workspace_id, xid) values (${ws}, (pg_snapshot_xmax(pg_current_snapshot())::text::bigint + 1000000)::text::xid8)`,
    );
    // Never visible to any snapshot here: every check would say "changed" until it goes.
    expect(await changedSince(database.db, ws, kept.snapshot)).toBe(true);
    await pruneChanges(database.db, '1');
    expect(await changedSince(database.db, ws, kept.snapshot)).toBe(false);
  });
});
