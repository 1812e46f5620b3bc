import { finished } from 'node:stream/promises';
import { type Db, type EmbeddedCopy, embeddedCopyFor } from '@evergreen/db';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/**
 * Bulk loading with COPY, the one driver-specific part of the imports. Drizzle's `insert`
 * builds SQL at ~50 ms per 1,000 rows; COPY streams rows as CSV (docs/decisions: the probe
 * measured 16 s on PostgreSQL and 32 s on PGlite for 1.2 M rows).
 *
 * Call inside a Drizzle transaction: its session holds the connection the COPY must use
 * (node-postgres: the pool client checked out for the transaction; PGlite: the transaction
 * handle, since PGlite itself waits for the transaction to end before running anything else).
 *
 * Three paths: PostgreSQL streams `COPY … FROM STDIN` on the transaction's client; PGlite in this
 * thread copies from '/dev/blob' on the transaction handle; PGlite in its worker thread (the
 * server) cannot take COPY … FROM STDIN over its socket, so the CSV goes to the worker through
 * its side channel, which copies from '/dev/blob' on the same single session, inside the open
 * transaction (it commits or rolls back with it).
 */

interface PgliteTx {
  query(query: string, params?: unknown[], options?: { blob?: Blob }): Promise<unknown>;
  exec(query: string): Promise<unknown>;
}

type Raw =
  | { kind: 'pglite'; tx: PgliteTx }
  | { kind: 'worker'; open: (sql: string) => EmbeddedCopy }
  | { kind: 'pg'; client: pg.PoolClient };

/** The driver connection behind a Drizzle transaction (drizzle-orm 0.45: `tx.session.client`). */
function rawOf(tx: Db): Raw {
  const client = (tx as unknown as { session?: { client?: unknown } }).session?.client as
    | Record<string, unknown>
    | undefined;
  if (!client || typeof client.query !== 'function')
    throw new Error('bulk copy needs a Drizzle transaction over node-postgres or PGlite');
  if (typeof client.exec === 'function') return { kind: 'pglite', tx: client as unknown as PgliteTx };
  if (typeof client.release !== 'function')
    throw new Error('bulk copy must run inside a transaction (db.transaction)');
  const open = embeddedCopyFor(client);
  if (open) return { kind: 'worker', open };
  return { kind: 'pg', client: client as unknown as pg.PoolClient };
}

/** Lines of CSV (each ending in "\n") into a table, as they come. */
export interface CopySink {
  write(lines: string): Promise<void>;
  /** Finishes the COPY; resolves once the database has every row. */
  end(): Promise<void>;
  /** Gives up (the caller is about to roll back). */
  abort(err: Error): void;
}

const FLUSH_AT = 256 * 1024;

/**
 * Opens `COPY table (columns) FROM … (FORMAT csv)`. On PostgreSQL the rows stream to the
 * server while the caller is still reading its file (the server parses in parallel); PGlite
 * reads a whole Blob, so the rows are gathered (in this thread, or in the worker as they come)
 * and copied at the end.
 */
export async function openCopySink(tx: Db, table: string, columns: readonly string[]): Promise<CopySink> {
  const raw = rawOf(tx);
  const target = `${table} (${columns.join(', ')})`;
  let pending: string[] = [];
  let size = 0;

  if (raw.kind === 'worker') {
    const copy = raw.open(`copy ${target} from '/dev/blob' with (format csv)`);
    let sent = 0;
    const send = () => {
      if (size) copy.write(pending.join(''));
      sent += size;
      pending = [];
      size = 0;
    };
    return {
      async write(lines) {
        pending.push(lines);
        size += lines.length;
        if (size >= FLUSH_AT) send();
      },
      async end() {
        send();
        if (sent === 0) {
          copy.abort();
          return;
        }
        await copy.end();
      },
      abort() {
        pending = [];
        size = 0;
        copy.abort();
      },
    };
  }

  if (raw.kind === 'pglite') {
    const parts: string[] = [];
    return {
      async write(lines) {
        pending.push(lines);
        size += lines.length;
        if (size >= FLUSH_AT) {
          parts.push(pending.join(''));
          pending = [];
          size = 0;
        }
      },
      async end() {
        parts.push(pending.join(''));
        pending = [];
        const blob = new Blob(parts);
        parts.length = 0;
        if (blob.size === 0) return;
        await raw.tx.query(`copy ${target} from '/dev/blob' with (format csv)`, [], { blob });
      },
      abort() {
        parts.length = 0;
        pending = [];
      },
    };
  }

  const stream = raw.client.query(copyFrom(`copy ${target} from stdin with (format csv)`));
  let failure: Error | null = null;
  stream.on('error', (e: Error) => {
    failure ??= e;
  });
  const flush = async () => {
    if (!size) return;
    const chunk = pending.join('');
    pending = [];
    size = 0;
    if (failure) throw failure;
    if (!stream.write(chunk)) {
      await new Promise<void>((resolve, reject) => {
        const done = () => {
          stream.off('error', fail);
          resolve();
        };
        const fail = (e: Error) => {
          stream.off('drain', done);
          reject(e);
        };
        stream.once('drain', done);
        stream.once('error', fail);
      });
    }
  };
  return {
    async write(lines) {
      pending.push(lines);
      size += lines.length;
      if (size >= FLUSH_AT) await flush();
    },
    async end() {
      await flush();
      stream.end();
      await finished(stream);
      if (failure) throw failure;
    },
    abort(err) {
      pending = [];
      size = 0;
      // pg-copy-streams answers a destroyed stream with CopyFail, leaving the connection usable.
      stream.destroy(err);
    },
  };
}

/** A CSV cell for COPY: empty = NULL (unquoted), anything with a separator, quote or line break quoted. */
export function copyCell(v: string | number | null | undefined): string {
  if (v == null) return '';
  const s = typeof v === 'number' ? String(v) : v;
  if (s === '') return '""';
  if (/[",\r\n\\]/.test(s) || s.trim() !== s) return `"${s.replaceAll('"', '""')}"`;
  return s;
}
