import { notFound } from './errors.ts';

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
  // Only the second overload passes `lock`, and it takes a lockable select.
  const [row] = lock ? await (q as LockableSelect<T>).for('update') : await q;
  if (!row) throw notFound(what);
  return row;
}
