import { sql } from 'drizzle-orm';
import { type Db, queryRows } from './client.ts';

/**
 * The change log of kept answers (docs/decisions/0023-kept-answers.md): `workspace_changes` holds
 * (workspace, transaction id) for every transaction that wrote a workspace's data (triggers of
 * migration 0028). These are its three reads and writes.
 */

/** The current snapshot (`xmin:xmax:xip…`) and the workspace's time zone, in one round trip. */
export async function takeSnapshot(
  db: Db,
  workspaceId: string,
): Promise<{ snapshot: string; timeZone: string }> {
  const [r] = await queryRows<{ snap: string; tz: string | null }>(
    db,
    sql`select pg_current_snapshot()::text as snap,
               (select time_zone from workspaces where id = ${workspaceId}) as tz`,
  );
  return { snapshot: r!.snap, timeZone: r!.tz ?? 'UTC' };
}

/**
 * Has a transaction that `snapshot` did not see (running when it was taken, or begun later)
 * recorded a change to the workspace and committed? Changes below the snapshot's xmin were all
 * visible to it, so only the workspace's latest rows are read (the primary key's range).
 */
export async function changedSince(db: Db, workspaceId: string, snapshot: string): Promise<boolean> {
  const [r] = await queryRows<{ changed: boolean }>(
    db,
    sql`select exists(
          select 1 from workspace_changes
          where workspace_id = ${workspaceId}
            and xid >= pg_snapshot_xmin(${snapshot}::pg_snapshot)
            and not pg_visible_in_snapshot(xid, ${snapshot}::pg_snapshot)) as changed`,
  );
  return r!.changed === true || (r!.changed as unknown) === 't';
}

/** The oldest transaction id any snapshot taken from now on can still count as unseen. */
export async function currentXmin(db: Db): Promise<string> {
  const [r] = await queryRows<{ xmin: string | number }>(
    db,
    sql`select pg_snapshot_xmin(pg_current_snapshot())::text as xmin`,
  );
  return String(r!.xmin);
}

/**
 * Deletes the changes of transactions below `xmin`, an xmin observed long enough ago that every
 * kept answer's snapshot was taken after it (so saw all of them). One process at a time (a
 * transaction-scoped advisory lock; another process's run is skipped, not doubled). Returns the
 * rows deleted, or null when another process was pruning.
 */
export async function pruneChanges(db: Db, xmin: string): Promise<number | null> {
  return db.transaction(async (tx) => {
    const [lock] = await queryRows<{ ok: boolean }>(
      tx as unknown as Db,
      sql`select pg_try_advisory_xact_lock(hashtext('evergreen.workspace_changes.prune')) as ok`,
    );
    if (!lock?.ok) return null;
    const rows = await queryRows<{ n: number | string }>(
      tx as unknown as Db,
      // Also ids this cluster has not handed out yet (rows restored from another cluster's
      // backup): no snapshot here would ever see them, so they would make every check "changed".
      // A row visible to this statement with such an id cannot be one of this cluster's.
      sql`with d as (
            delete from workspace_changes
            where xid < ${xmin}::xid8 or xid >= pg_snapshot_xmax(pg_current_snapshot())
            returning 1)
          select count(*) as n from d`,
    );
    return Number(rows[0]?.n ?? 0);
  });
}
