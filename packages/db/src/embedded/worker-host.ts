import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import pg from 'pg';

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

export interface EmbeddedWorker {
  /** One connection to the worker's PGlite session. */
  pool: pg.Pool;
  /** Ends the pool, then closes PGlite in the worker and waits for the thread to end. */
  close(): Promise<void>;
}

export interface EmbeddedWorkerOptions {
  /** PGlite data directory; 'memory://' keeps it in memory. */
  dataDir: string;
  /** Start from a dump made by `dumpDataDir`. */
  loadDataDir?: Blob | File | undefined;
  /** Called when the worker thread ends without being asked to (a crash inside PGlite). */
  onUnexpectedExit?: ((err: Error) => void) | undefined;
}

type FromWorker =
  | { type: 'ready' }
  | { type: 'copy-done'; id: number; rows: number }
  | { type: 'copy-failed'; id: number; error: { message: string } & Record<string, unknown> }
  | { type: 'closed'; error?: { message: string } };

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

export async function startEmbeddedWorker(opts: EmbeddedWorkerOptions): Promise<EmbeddedWorker> {
  sweepStaleSocketDirs();
  const socketDir = mkdtempSync(join(tmpdir(), `${SOCKET_DIR_PREFIX}${process.pid}-`));
  const socketPath = join(socketDir, '.s.PGSQL.5432');
  const dump = opts.loadDataDir ? await opts.loadDataDir.arrayBuffer() : undefined;
  const worker = new Worker(workerUrl, {
    workerData: { dataDir: opts.dataDir, socketPath, loadDataDir: dump },
    transferList: dump ? [dump] : [],
  });

  const copies = new Map<number, { resolve: (rows: number) => void; reject: (err: Error) => void }>();
  let nextId = 1;
  let closing = false;
  let exited = false;
  let started = false;
  let lastError: Error | null = null;
  let onClosed: ((err?: Error) => void) | null = null;

  const ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (msg: FromWorker) => {
      switch (msg.type) {
        case 'ready':
          resolve();
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
      }
    });
    worker.on('error', (err) => {
      lastError = err;
      reject(err);
    });
    worker.on('exit', (code) => {
      exited = true;
      const err = lastError ?? new Error(`the embedded database's worker stopped (exit code ${code})`);
      reject(err);
      for (const c of copies.values()) c.reject(err);
      copies.clear();
      onClosed?.(closing ? undefined : err);
      rmSync(socketDir, { recursive: true, force: true });
      if (started && !closing) opts.onUnexpectedExit?.(err);
    });
  });
  try {
    await ready;
  } catch (err) {
    rmSync(socketDir, { recursive: true, force: true });
    throw err;
  }
  started = true;

  const openCopy: OpenCopy = (sql) => {
    const id = nextId++;
    let done = false;
    return {
      write(chunk) {
        if (!done && chunk) worker.postMessage({ type: 'copy-data', id, chunk });
      },
      end() {
        if (done) return Promise.reject(new Error('this COPY has ended'));
        done = true;
        if (exited) return Promise.reject(lastError ?? new Error("the embedded database's worker stopped"));
        return new Promise<number>((resolve, reject) => {
          copies.set(id, { resolve, reject });
          worker.postMessage({ type: 'copy-end', id, sql });
        });
      },
      abort() {
        if (done) return;
        done = true;
        if (!exited) worker.postMessage({ type: 'copy-abort', id });
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
  });
  pool.on('error', (err) => {
    console.warn(`Embedded database connection lost: ${err.message}`);
  });

  let closed: Promise<void> | null = null;
  const close = () => {
    closed ??= (async () => {
      await pool.end();
      if (exited) return;
      closing = true;
      const finished = new Promise<Error | undefined>((resolve) => {
        onClosed = resolve;
      });
      worker.postMessage({ type: 'close' });
      const timer = setTimeout(() => {
        void worker.terminate();
      }, CLOSE_GRACE_MS);
      const err = await finished;
      if (!exited) await new Promise((resolve) => worker.once('exit', resolve));
      clearTimeout(timer);
      rmSync(socketDir, { recursive: true, force: true });
      if (err) throw err;
    })();
    return closed;
  };

  return { pool, close };
}
