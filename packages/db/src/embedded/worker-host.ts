import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ResourceLimits, Worker } from 'node:worker_threads';
import pg from 'pg';
import { ActivityTracker, answeredWithError, type DatabaseActivity } from '../activity.ts';

/**
 * The embedded database off the server's thread (docs/decisions/0005): PGlite runs in a worker
 * thread (worker.mjs) that serves the Postgres wire protocol on a unix socket, and this thread
 * talks to it through node-postgres, exactly as to a PostgreSQL server.
 *
 * PGlite is a single PostgreSQL session, so the pool holds one connection: a transaction keeps it
 * until it ends and every other query waits in the pool (as they waited for PGlite's own lock when
 * it ran in process). The socket lives in a private temporary directory (mode 0700, removed on
 * close, or by the next start when the process was killed), so no other local user can connect;
 * the worker accepts one connection only.
 *
 * COPY … FROM STDIN does not go through the socket (PGlite's protocol loop loses synchronisation on
 * CopyData), so COPY has a side channel: the CSV goes to the worker as messages and the worker runs
 * `copy … from '/dev/blob'` on the same single session, inside the transaction the connection has
 * open.
 *
 * The worker is supervised (docs/decisions/0018-embedded-database-faults.md): a write that fails for
 * lack of space, PGlite failing inside WebAssembly, the thread running out of memory or ending on
 * its own is a *fault*: the thread is terminated, every waiting request and COPY is rejected with
 * an {@link EmbeddedDatabaseFault}, new ones are refused at once with it (never a hang), and the
 * worker is started again on the same data directory with a growing delay until it opens (PGlite
 * recovers from its write-ahead log as after a kill -9, decision 0002).
 */

/** A COPY through the worker's side channel, inside the transaction its connection has open. */
export interface EmbeddedCopy {
  /** Sends part of the CSV (whole lines) to the worker. */
  write(chunk: string): void;
  /** Runs the COPY; resolves with the number of rows copied, rejects with the database's error. */
  end(): Promise<number>;
  /** Forgets what was sent (the caller is about to roll back). */
  abort(): void;
}

type OpenCopy = (sql: string) => EmbeddedCopy;

const copyChannels = new WeakMap<object, OpenCopy>();

/**
 * For bulk loading: the COPY side channel of a node-postgres client connected to the embedded
 * worker, or undefined for any other client (a PostgreSQL server takes COPY … FROM STDIN itself).
 */
export function embeddedCopyFor(client: unknown): OpenCopy | undefined {
  return typeof client === 'object' && client !== null ? copyChannels.get(client) : undefined;
}

export type EmbeddedFaultKind = 'storage_full' | 'out_of_memory' | 'io_error' | 'crashed';

/** Why the embedded database cannot serve now. */
export interface EmbeddedFault {
  kind: EmbeddedFaultKind;
  /** For the operator (logs, readiness): names the data directory, never user data. */
  message: string;
  /** When it happened. */
  at: Date;
  /** Whether the host is reopening the database (false: 'memory://' or closing; restart the server). */
  restarting: boolean;
  /** Failed attempts to reopen so far, and why the last one failed. */
  attempts: number;
  lastAttemptError?: string | undefined;
}

/** What a request gets while the embedded database is down: typed, immediate, never a hang. */
export class EmbeddedDatabaseFault extends Error {
  override name = 'EmbeddedDatabaseFault';
  readonly kind: EmbeddedFaultKind;
  constructor(readonly fault: EmbeddedFault) {
    super(fault.message);
    this.kind = fault.kind;
  }
}

export interface EmbeddedWorker {
  /** One connection to the worker's PGlite session. */
  pool: pg.Pool;
  /** Ends the pool, then closes PGlite in the worker and waits for the thread to end. */
  close(): Promise<void>;
  /** The fault the database is in now, or null while it serves. */
  fault(): EmbeddedFault | null;
  /** Tests only (`testHooks`): makes the worker exit, throw, spin forever or run out of memory. */
  injectFault(how: 'exit' | 'throw' | 'hang' | 'oom'): void;
  /** Statements in flight and when the database last answered (health and readiness). */
  activity: DatabaseActivity;
}

export interface EmbeddedWorkerOptions {
  /** PGlite data directory; 'memory://' keeps it in memory. */
  dataDir: string;
  /** Start from a dump made by `dumpDataDir`. */
  loadDataDir?: Blob | File | undefined;
  /** Called once per fault, when the database stops serving (log it). */
  onFault?: ((fault: EmbeddedFault) => void) | undefined;
  /** Called when a restarted worker serves again, with the fault it recovered from. */
  onRecovered?: ((fault: EmbeddedFault) => void) | undefined;
  /**
   * The worker thread's V8 limits (its JavaScript heap; PGlite's WebAssembly memory is apart and
   * fails on its own when it cannot grow). Running out is a fault like a crash.
   */
  resourceLimits?: ResourceLimits | undefined;
  /** Delays between attempts to reopen after a fault (default 1 s doubling to 30 s); false: never. */
  restart?: { initialDelayMs?: number; maxDelayMs?: number } | false | undefined;
  /** Lets `injectFault` reach the worker (tests). */
  testHooks?: boolean | undefined;
}

type FromWorker =
  | { type: 'ready' }
  | { type: 'copy-done'; id: number; rows: number }
  | { type: 'copy-failed'; id: number; error: { message: string } & Record<string, unknown> }
  | { type: 'closed'; error?: { message: string } }
  | { type: 'fatal'; kind: EmbeddedFaultKind; message: string; code?: string };

const workerUrl = new URL('./worker.mjs', import.meta.url);
const CLOSE_GRACE_MS = 30_000;

/** The error as node-postgres would have raised it: message plus code, detail, constraint … */
const dbError = (e: { message: string } & Record<string, unknown>): Error =>
  Object.assign(new Error(e.message), e);

const SOCKET_DIR_PREFIX = 'evergreen-db-';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Socket directories of processes that were killed before they could remove theirs. */
function sweepStaleSocketDirs(): void {
  let names: string[] = [];
  try {
    names = readdirSync(tmpdir());
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(new RegExp(`^${SOCKET_DIR_PREFIX}(\\d+)-`).exec(name)?.[1]);
    if (!pid || pid === process.pid || alive(pid)) continue;
    try {
      rmSync(join(tmpdir(), name), { recursive: true, force: true });
    } catch {
      // Another user's: not ours to clean.
    }
  }
}

/** A worker's 'error' event as a fault: its heap exhausted, WebAssembly memory that cannot grow, or anything else. */
function faultOf(err: Error): { kind: EmbeddedFaultKind; message: string } {
  const code = (err as NodeJS.ErrnoException).code;
  if (
    code === 'ERR_WORKER_OUT_OF_MEMORY' ||
    /out of memory|Cannot enlarge memory|OOM|Memory\.grow/i.test(err.message)
  )
    return { kind: 'out_of_memory', message: `the embedded database ran out of memory: ${err.message}` };
  return { kind: 'crashed', message: `the embedded database crashed: ${err.message}` };
}

interface Copy {
  resolve: (rows: number) => void;
  reject: (err: Error) => void;
  worker: Worker;
}

export async function startEmbeddedWorker(opts: EmbeddedWorkerOptions): Promise<EmbeddedWorker> {
  sweepStaleSocketDirs();
  const socketDir = mkdtempSync(join(tmpdir(), `${SOCKET_DIR_PREFIX}${process.pid}-`));
  const socketPath = join(socketDir, '.s.PGSQL.5432');
  const canRestart = opts.restart !== false && !opts.dataDir.startsWith('memory://');
  const delays = opts.restart || {};
  const initialDelayMs = delays.initialDelayMs ?? 1000;
  const maxDelayMs = delays.maxDelayMs ?? 30_000;

  const copies = new Map<number, Copy>();
  let nextId = 1;
  let closing = false;
  let current: Worker | null = null;
  let fault: EmbeddedFault | null = null;
  let restartTimer: NodeJS.Timeout | null = null;
  let onClosed: ((err?: Error) => void) | null = null;
  const activity = new ActivityTracker();

  const faultError = () => new EmbeddedDatabaseFault(fault as EmbeddedFault);

  /** A running worker failed: stop it, fail everything waiting on it, reopen later. */
  const failed = (worker: Worker, f: { kind: EmbeddedFaultKind; message: string }) => {
    if (worker !== current || closing) return;
    current = null;
    fault = { ...f, at: new Date(), restarting: canRestart, attempts: 0 };
    activity.reset();
    const err = faultError();
    for (const [id, c] of copies)
      if (c.worker === worker) {
        c.reject(err);
        copies.delete(id);
      }
    // Terminating stops even a thread spinning in WebAssembly; its socket closes with it, so the
    // connection's waiting query fails at once and the pool drops it.
    void worker.terminate();
    opts.onFault?.(fault);
    if (canRestart) scheduleRestart(initialDelayMs);
  };

  const spawn = (dump?: ArrayBuffer): Promise<Worker> => {
    const worker = new Worker(workerUrl, {
      workerData: { dataDir: opts.dataDir, socketPath, loadDataDir: dump, testHooks: !!opts.testHooks },
      transferList: dump ? [dump] : [],
      ...(opts.resourceLimits ? { resourceLimits: opts.resourceLimits } : {}),
    });
    return new Promise<Worker>((resolve, reject) => {
      let started = false;
      let lastError: Error | null = null;
      worker.on('message', (msg: FromWorker) => {
        switch (msg.type) {
          case 'ready':
            started = true;
            resolve(worker);
            return;
          case 'copy-done':
            copies.get(msg.id)?.resolve(msg.rows);
            copies.delete(msg.id);
            return;
          case 'copy-failed':
            copies.get(msg.id)?.reject(dbError(msg.error));
            copies.delete(msg.id);
            return;
          case 'closed':
            onClosed?.(msg.error ? new Error(msg.error.message) : undefined);
            return;
          case 'fatal':
            if (!started) {
              lastError = new Error(msg.message);
              void worker.terminate();
            } else failed(worker, { kind: msg.kind, message: msg.message });
            return;
        }
      });
      worker.on('error', (err) => {
        lastError ??= err;
        if (started) failed(worker, faultOf(err));
      });
      worker.on('exit', (code) => {
        if (!started) {
          reject(lastError ?? new Error(`the embedded database's worker stopped (exit code ${code})`));
          return;
        }
        failed(worker, {
          kind: 'crashed',
          message: `the embedded database's worker stopped (exit code ${code})`,
        });
        if (worker === current || closing) onClosed?.();
      });
    });
  };

  const scheduleRestart = (delayMs: number) => {
    restartTimer = setTimeout(async () => {
      restartTimer = null;
      if (closing || !fault) return;
      try {
        const worker = await spawn();
        if (closing) {
          void worker.terminate();
          return;
        }
        const was = fault;
        current = worker;
        fault = null;
        opts.onRecovered?.(was);
      } catch (err) {
        if (!fault) return;
        fault.attempts += 1;
        fault.lastAttemptError = err instanceof Error ? err.message : String(err);
        scheduleRestart(Math.min(delayMs * 2, maxDelayMs));
      }
    }, delayMs);
    // A pending restart alone does not keep the process alive.
    restartTimer.unref();
  };

  try {
    current = await spawn(opts.loadDataDir ? await opts.loadDataDir.arrayBuffer() : undefined);
  } catch (err) {
    rmSync(socketDir, { recursive: true, force: true });
    throw err;
  }

  const openCopy: OpenCopy = (sql) => {
    const id = nextId++;
    let done = false;
    const worker = current;
    return {
      write(chunk) {
        if (!done && chunk && worker === current) worker?.postMessage({ type: 'copy-data', id, chunk });
      },
      end() {
        if (done) return Promise.reject(new Error('this COPY has ended'));
        done = true;
        if (fault) return Promise.reject(faultError());
        if (!worker || worker !== current)
          return Promise.reject(new Error("the embedded database's worker stopped"));
        return activity.track(
          new Promise<number>((resolve, reject) => {
            copies.set(id, { resolve, reject, worker });
            worker.postMessage({ type: 'copy-end', id, sql });
          }),
        );
      },
      abort() {
        if (done) return;
        done = true;
        if (worker === current) worker?.postMessage({ type: 'copy-abort', id });
      },
    };
  };

  const pool = new pg.Pool({
    host: socketDir,
    port: 5432,
    user: 'postgres',
    database: 'postgres',
    max: 1,
    // Keep the one connection: a new one costs a startup exchange and nothing is saved by closing it.
    idleTimeoutMillis: 0,
  });
  pool.on('connect', (client) => {
    copyChannels.set(client, openCopy);
    // A connection the worker's end closes while it is checked out but between queries (a fault
    // in the middle of an import's transaction) emits 'error'; unheard, Node would crash the
    // process. Its next query fails instead (with the fault, below) and the pool drops it.
    client.on('error', () => {});
    // A query the fault cut short ("Connection terminated unexpectedly") fails with the fault, so
    // the request and the import say what happened (storage full …) rather than a lost socket.
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    const typed = (err: unknown) =>
      err && fault ? Object.assign(faultError(), { cause: err }) : (err as Error | undefined);
    // Every statement is counted in flight from the moment it is sent to this connection until it
    // settles (health and readiness read `activity` instead of queueing behind it).
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const last = args.length - 1;
      const cb = args[last];
      if (typeof cb === 'function') {
        const end = activity.begin();
        args[last] = (err: unknown, res: unknown) => {
          end(!err || answeredWithError(err));
          (cb as (e: unknown, r: unknown) => void)(typed(err), res);
        };
        return query(...args);
      }
      const r = query(...args);
      return r instanceof Promise
        ? activity.track(r).catch((err: unknown) => {
            throw typed(err);
          })
        : r;
    };
  });
  pool.on('error', () => {
    // The connection's worker went away (a fault, reported once by onFault) or the pool is ending.
  });
  // While the database is down, a query is refused at once with the fault instead of waiting for
  // a connection that cannot come (pg.Pool#query connects through this method too).
  const connect = pool.connect.bind(pool) as (cb?: unknown) => unknown;
  (pool as unknown as { connect: (cb?: unknown) => unknown }).connect = (cb?: unknown) => {
    if (!fault) return connect(cb);
    const err = faultError();
    if (typeof cb === 'function') {
      process.nextTick(() =>
        (cb as (e: Error, c: undefined, done: () => void) => void)(err, undefined, () => {}),
      );
      return undefined;
    }
    return Promise.reject(err);
  };

  let closed: Promise<void> | null = null;
  const close = () => {
    closed ??= (async () => {
      if (restartTimer) clearTimeout(restartTimer);
      const worker = current;
      closing = true;
      await pool.end();
      if (!worker) {
        rmSync(socketDir, { recursive: true, force: true });
        return;
      }
      const finished = new Promise<Error | undefined>((resolve) => {
        onClosed = resolve;
      });
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.postMessage({ type: 'close' });
      const timer = setTimeout(() => {
        void worker.terminate();
      }, CLOSE_GRACE_MS);
      const err = await finished;
      await exited;
      clearTimeout(timer);
      rmSync(socketDir, { recursive: true, force: true });
      if (err) throw err;
    })();
    return closed;
  };

  const injectFault = (how: 'exit' | 'throw' | 'hang' | 'oom') => {
    if (!opts.testHooks) throw new Error('injectFault needs testHooks');
    current?.postMessage({ type: 'test-fault', how });
  };

  return { pool, close, fault: () => fault, injectFault, activity };
}
