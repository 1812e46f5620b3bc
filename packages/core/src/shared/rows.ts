import type { Db } from '@evergreen/db';
import { and, type Column, eq, getTableColumns, type SQL, type Table } from 'drizzle-orm';
import { AppError, notFound } from './errors.ts';

/** A select that can be awaited as it is or locked for update first (a Drizzle select builder). */
export interface LockableSelect<T> extends PromiseLike<T[]> {
  for(strength: 'update'): PromiseLike<T[]>;
}

/** The first row of `q`, read locked (`SELECT … FOR UPDATE`) when `lock`; undefined when there is none. */
export async function firstRow<T>(q: LockableSelect<T>, lock = false): Promise<T | undefined> {
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

/** The first row of `q` (locked for update when `lock`), or 404 naming `what`. */
export async function rowOr404<T>(q: PromiseLike<T[]>, what: string): Promise<T>;
export async function rowOr404<T>(q: LockableSelect<T>, what: string, lock: boolean | undefined): Promise<T>;
export async function rowOr404<T>(q: LockableSelect<T> | PromiseLike<T[]>, what: string, lock = false) {
  // Only the second overload passes `lock`, and it takes a lockable select; a plain one is awaited as it is.
  const row = lock ? await firstRow(q as LockableSelect<T>, true) : (await q)[0];
  if (!row) throw notFound(what);
  return row;
}

type ColumnsOf<T extends Table> = T['_']['columns'];

/** Column values to match: each named column of `T` with a value of its type. */
export type Match<T extends Table> = { [K in keyof ColumnsOf<T>]?: ColumnsOf<T>[K]['_']['data'] };

/** `values` as given, every one present (an undefined one is a type error) and naming a column of `T`. */
type Checked<T extends Table, V> = V & {
  [K in keyof V]-?: K extends keyof ColumnsOf<T> ? Exclude<V[K], undefined> : never;
};

/**
 * `and(eq(table.a, a), eq(table.b, b), …)` for the columns named in `values`, in that order: the filter
 * "this workspace's row with these keys" that most reads and writes start from.
 */
export function matching<T extends Table, V extends Match<T>>(table: T, values: Checked<T, V>): SQL {
  const columns = getTableColumns(table) as Record<string, Column>;
  const parts = Object.entries(values).map(([name, value]) => {
    // An absent value would compare with NULL and match nothing: a caller's mistake, not a filter.
    if (value === undefined) throw new AppError('internal', `No value to match ${name} with`);
    return eq(columns[name]!, value);
  });
  return parts.length === 1 ? parts[0]! : (and(...parts) as SQL);
}

/** A table whose rows belong to a workspace and have an id. */
type WorkspaceTable = Table & { id: Column; workspaceId: Column };

/**
 * The workspace's row of `table` with this id (locked for update when `lock`), or 404 naming `what`:
 * the lookup a use case starts from.
 */
export function rowOfWorkspace<T extends WorkspaceTable>(
  db: Db,
  table: T,
  workspaceId: string,
  id: string,
  what: string,
  lock = false,
): Promise<T['$inferSelect']> {
  const q = db
    .select()
    .from(table as Table)
    .where(matching(table as Table, { workspaceId, id }));
  return rowOr404(q as unknown as LockableSelect<T['$inferSelect']>, what, lock);
}
