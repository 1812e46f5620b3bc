import { AsyncLocalStorage } from 'node:async_hooks';
import type pg from 'pg';

/**
 * Abandoned work and deadlines (docs/decisions/0024-abandoned-work-and-deadlines.md).
 *
 * The server runs each request inside a {@link WorkScope} (an AsyncLocalStorage): a signal that
 * aborts when the client goes away before the answer, and how long the request may wait for a
 * database connection. The pools (`guardPool`) read it, so no use case has to pass anything:
 * - a query that has not got a connection yet is dropped from the pool's queue when the signal
 *   aborts (`RequestAbandoned`), and refused when it has waited longer than the deadline
 *   (`DatabaseBusy`, answered 503 with Retry-After);
 * - the queue is served oldest request first, not oldest statement first: with one connection
 *   (PGlite) and 50 requests of ten statements each, first-come statements share the connection
 *   round robin, every request progresses a little and all of them finish late together (past
 *   their clients' timeouts); oldest request first finishes one request after another and leaves
 *   the newest waiting, to be refused at their deadline before any work is spent on them;
 * - on PostgreSQL, a statement the request is running when the signal aborts is cancelled
 *   (`pg_cancel_backend` from a connection of its own); its connection goes back to the pool only
 *   after the cancel was delivered, so the cancel cannot hit the next user's statement;
 * - inside a transaction, the abandoned request's next statement is refused, so the transaction
 *   rolls back as a whole (`begin` and `rollback` always pass: a transaction is never left open).
 * Work without a scope (the scheduler, migrations, the CLI) and work a request started that runs
 * on after its answer went out (an import) is never dropped nor given a deadline.
 */
export interface WorkScope {
  /** Aborts when the client that asked has gone (its socket closed before the answer). */
  signal: AbortSignal;
  /** Longest wait for a database connection, in ms; then `DatabaseBusy`. */
  waitMs: number;
  /**
   * When the request arrived (`performance.now()`): waiters for a connection are served oldest
   * request first, so a request that has started finishes before newer ones start.
   */
  startedAt: number;
  /** Whether the answer went out: what runs after it is not the request's any more. */
  answered(): boolean;
}

const storage = new AsyncLocalStorage<WorkScope>();

/** Runs `fn` (and everything it starts) in `scope`. */
export function runInWorkScope<T>(scope: WorkScope, fn: () => T): T {
  return storage.run(scope, fn);
}

/**
 * Runs `fn` (and everything it starts) outside any request's scope: background work a request
 * starts (an import, a kick of the scheduler) is not dropped when its client leaves, nor bound by
 * the request's deadline.
 */
export function outsideRequest<T>(fn: () => T): T {
  return storage.exit(fn);
}

/** The scope of the request this code runs for, while its answer has not gone out. */
export function currentWorkScope(): WorkScope | undefined {
  const scope = storage.getStore();
  return scope && !scope.answered() ? scope : undefined;
}

/** The client that asked has gone: this request's database work was not started (or was stopped). */
export class RequestAbandoned extends Error {
  override name = 'RequestAbandoned';
  constructor() {
    super('the client closed the request before the answer; its database work was not started');
  }
}

/** No database connection came within the request's deadline: the server is too busy now. */
export class DatabaseBusy extends Error {
  override name = 'DatabaseBusy';
  constructor(readonly waitedMs: number) {
    super(`no database connection within ${waitedMs} ms`);
  }
}

type Chained = Error & { cause?: unknown };
const inChain = (err: unknown, name: string): boolean => {
  for (let e = err, depth = 0; e instanceof Error && depth < 6; e = (e as Chained).cause, depth++)
    if (e.name === name) return true;
  return false;
};
export const isRequestAbandoned = (err: unknown): boolean => inChain(err, 'RequestAbandoned');
export const isDatabaseBusy = (err: unknown): boolean => inChain(err, 'DatabaseBusy');

/** What the guard did since the pool opened (tests and the operator's curiosity). */
export interface WorkStats {
  /** Statements sent to the database. */
  started: number;
  /** Queries of abandoned requests dropped before they got a connection or were sent. */
  dropped: number;
  /** Queries refused because no connection came within the deadline. */
  refused: number;
  /** Running statements of abandoned requests cancelled (PostgreSQL). */
  cancelled: number;
  /** Queries waiting for a connection now. */
  waiting: number;
}

export interface GuardOptions {
  /** PostgreSQL: cancels the statement the backend `pid` is running (resolves once delivered). */
  cancel?: ((pid: number) => Promise<unknown>) | undefined;
}

const AGE = Symbol('evergreen.requestAge');

type Callback = (err: Error | undefined, client?: pg.PoolClient, done?: () => void) => void;
type QueryFn = (...args: unknown[]) => unknown;

/** `begin` and `rollback` (also `rollback to savepoint`) always pass: a transaction is never left half-done. */
const ALWAYS = /^\s*(begin|rollback)\b/i;
const isSubmittable = (q: unknown): boolean =>
  typeof q === 'object' && q !== null && typeof (q as { submit?: unknown }).submit === 'function';
const textOf = (q: unknown): string =>
  typeof q === 'string'
    ? q
    : typeof (q as { text?: unknown })?.text === 'string'
      ? (q as { text: string }).text
      : '';

/**
 * Makes `pool` honour the {@link WorkScope} of the request a query runs for (see above). Wraps
 * `pool.connect` (which `pool.query` uses too) and each connection's `query`.
 */
export function guardPool(pool: pg.Pool, opts: GuardOptions = {}): { stats(): WorkStats } {
  const stats = { started: 0, dropped: 0, refused: 0, cancelled: 0 };
  let waiting = 0;
  const connect = pool.connect.bind(pool) as (cb: Callback) => void;
  // pg-pool's queue of waiters (`_pendingQueue`, served from the front). `connect` appends its
  // waiter synchronously when no connection is free; the guard then moves it to its place by age
  // and removes it when dropped, so nothing is handed to it. Waiters without a request keep their
  // arrival time as their age.
  type Waiter = { callback: unknown; [AGE]?: number };
  const queue = () => (pool as unknown as { _pendingQueue?: Waiter[] })._pendingQueue;
  /** Appends through `connect`, then places the new waiter by `age` (oldest first, stable). */
  const enqueue = (cb: Callback, age: number): Waiter | null => {
    const q = queue();
    const before = q?.length ?? 0;
    connect(cb);
    if (!q || q.length !== before + 1) return null; // a free connection (or a fault) answered it
    const item = q[q.length - 1] as Waiter;
    item[AGE] = age;
    let at = q.length - 1;
    while (at > 0 && (q[at - 1]?.[AGE] ?? Number.NEGATIVE_INFINITY) > age) at--;
    if (at < q.length - 1) {
      q.pop();
      q.splice(at, 0, item);
    }
    return item;
  };

  const acquire = (scope: WorkScope): Promise<pg.PoolClient> => {
    if (scope.signal.aborted) {
      stats.dropped++;
      return Promise.reject(new RequestAbandoned());
    }
    return new Promise((resolve, reject) => {
      let settled = false;
      waiting++;
      const finish = () => {
        settled = true;
        waiting--;
        clearTimeout(timer);
        scope.signal.removeEventListener('abort', onAbort);
      };
      const arrived: Callback = (err, client, done) => {
        if (settled) {
          // Given up on while pg-pool was connecting it: straight back, nothing ran on it.
          if (client) (done ?? client.release.bind(client))();
          return;
        }
        finish();
        if (err || !client) reject(err ?? new Error('no connection'));
        else resolve(client);
      };
      let item: Waiter | null = null;
      const giveUp = (err: Error) => {
        if (settled) return;
        finish();
        const q = queue();
        const at = q && item ? q.indexOf(item) : -1;
        if (q && at >= 0) q.splice(at, 1);
        reject(err);
      };
      const onAbort = () => {
        stats.dropped++;
        giveUp(new RequestAbandoned());
      };
      const timer = setTimeout(() => {
        stats.refused++;
        giveUp(new DatabaseBusy(scope.waitMs));
      }, scope.waitMs);
      scope.signal.addEventListener('abort', onAbort, { once: true });
      item = enqueue(arrived, scope.startedAt);
    });
  };

  (pool as unknown as { connect: (cb?: Callback) => unknown }).connect = (cb?: Callback) => {
    const scope = currentWorkScope();
    if (!scope) {
      if (cb) {
        enqueue(cb, performance.now());
        return undefined;
      }
      return new Promise<pg.PoolClient>((resolve, reject) => {
        enqueue(
          (err, client) => (err || !client ? reject(err ?? new Error('no connection')) : resolve(client)),
          performance.now(),
        );
      });
    }
    const got = acquire(scope);
    if (!cb) return got;
    got.then(
      (client) => {
        // pg-pool's query sends its statement as soon as this callback runs: the last moment to drop it.
        if (scope.signal.aborted) {
          stats.dropped++;
          client.release();
          cb(new RequestAbandoned(), undefined, () => {});
        } else cb(undefined, client, client.release.bind(client));
      },
      (err: Error) => cb(err, undefined, () => {}),
    );
    return undefined;
  };

  pool.on('connect', (client) => {
    const query = client.query.bind(client) as QueryFn;
    (client as unknown as { query: QueryFn }).query = (...args: unknown[]) => {
      const scope = currentWorkScope();
      const last = args.length - 1;
      const cb = typeof args[last] === 'function' ? (args[last] as (e: unknown, r: unknown) => void) : null;
      if (scope?.signal.aborted && !ALWAYS.test(textOf(args[0]))) {
        // Inside a transaction of an abandoned request: refused, so the transaction rolls back whole.
        stats.dropped++;
        const err = new RequestAbandoned();
        if (cb) {
          process.nextTick(() => cb(err, undefined));
          return undefined;
        }
        return Promise.reject(err);
      }
      stats.started++;
      // A submittable (a COPY stream of pg-copy-streams, a cursor) is returned as it is, not as a
      // promise: its caller writes to it and ends it, and releases the connection after. It is not
      // cancelled on abort (its caller's own error handling ends it).
      if (!scope || !opts.cancel || ALWAYS.test(textOf(args[0])) || isSubmittable(args[0]))
        return query(...args);
      // PostgreSQL: cancel the statement if the client goes while it runs, and hand the connection
      // back (settle the query) only once the cancel was delivered.
      const cancel = opts.cancel;
      let cancelling: Promise<unknown> | null = null;
      const onAbort = () => {
        const pid = (client as unknown as { processID?: number }).processID;
        if (!pid) return;
        stats.cancelled++;
        cancelling = cancel(pid).catch(() => {});
      };
      scope.signal.addEventListener('abort', onAbort, { once: true });
      const after = (): Promise<unknown> => {
        scope.signal.removeEventListener('abort', onAbort);
        return cancelling ?? Promise.resolve();
      };
      if (cb) {
        args[last] = (err: unknown, res: unknown) => {
          void after().then(() => cb(err, res));
        };
        return query(...args);
      }
      return (query(...args) as Promise<unknown>).then(
        (res) => after().then(() => res),
        (err: unknown) =>
          after().then(() => {
            throw err;
          }),
      );
    };
  });

  return { stats: () => ({ ...stats, waiting }) };
}
