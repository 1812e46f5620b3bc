import type { Db } from '@evergreen/db';

/**
 * A value kept in this process per database object (a test's clone or a transaction is another
 * object, so nothing read in one is seen by another) and per workspace, for the last `limit`
 * workspaces used. What is kept must say itself whether it still holds (selection/queries.ts).
 */
export function workspaceMemo<T>(limit = 64) {
  const byDb = new WeakMap<Db, Map<string, T>>();
  const of = (db: Db) => {
    let m = byDb.get(db);
    if (!m) {
      m = new Map();
      byDb.set(db, m);
    }
    return m;
  };
  return {
    get: (db: Db, workspaceId: string): T | undefined => of(db).get(workspaceId),
    set(db: Db, workspaceId: string, value: T) {
      const m = of(db);
      m.delete(workspaceId);
      if (m.size >= limit) m.delete(m.keys().next().value!);
      m.set(workspaceId, value);
    },
  };
}
