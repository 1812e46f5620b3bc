import { customType, pgTable, primaryKey, uuid } from 'drizzle-orm/pg-core';

/** PostgreSQL's 64-bit transaction id (`xid8`, never wraps), as its decimal text. */
const xid8 = customType<{ data: string; driverData: string | number | bigint }>({
  dataType: () => 'xid8',
  fromDriver: (v) => String(v),
});

/**
 * Which transactions changed a workspace's data: one row per (workspace, transaction), written by
 * the statement triggers of migration 0027 on every table with a `workspace_id` (and on `workspaces`
 * and `users`). A kept answer (apps/server/src/kept) is served again only while no transaction its
 * snapshot did not see has a row here (docs/decisions/0023-kept-answers.md). No foreign key: a
 * deleted workspace's own deletion is recorded too; the pruning job removes old rows.
 */
export const workspaceChanges = pgTable(
  'workspace_changes',
  {
    workspaceId: uuid('workspace_id').notNull(),
    xid: xid8('xid').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.xid] })],
);
