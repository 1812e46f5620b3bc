// The embedded database's thread: PGlite (PostgreSQL in WebAssembly runs queries synchronously on
// the thread that calls it) serving the Postgres wire protocol on a unix socket, so the server's
// event loop never waits for a query. Plain JavaScript on purpose: a worker does not inherit the
// TypeScript loader of the thread that starts it (tsx in `bin/evergreen.mjs`, Vite in Vitest).
//
// Messages from the host (worker-host.ts):
//   { type: 'copy-data', id, chunk }   part of a COPY's CSV
//   { type: 'copy-end', id, sql }      runs `copy … from '/dev/blob'` with the parts gathered
//   { type: 'copy-abort', id }         forgets the parts
//   { type: 'close' }                  stops the socket server, closes PGlite, then the thread ends
//   { type: 'test-fault', how }        tests only (workerData.testHooks): 'exit', 'throw', 'hang', 'oom'
// Answers: { type: 'ready' }, { type: 'copy-done', id, rows } or { type: 'copy-failed', id, error },
// { type: 'closed' }, and { type: 'fatal', kind, message, code } when PGlite cannot go on (the host
// then terminates this thread: docs/decisions/0018-embedded-database-faults.md).
import fs, { rmSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const port = parentPort;
if (!port) throw new Error('worker.mjs runs as a worker thread');
const { dataDir, socketPath, loadDataDir, testHooks } = workerData;

let fatalSent = false;
/** Tells the host, once, that PGlite cannot go on; the host terminates this thread. */
const fatal = (kind, message, code) => {
  if (fatalSent) return;
  fatalSent = true;
  port.postMessage({ type: 'fatal', kind, message, code });
};

// A write that fails for lack of space leaves PGlite unusable: PostgreSQL answers that statement
// with 53100 "could not write to file …: No space left on device", and the next statement spins
// in WebAssembly forever (the thread stays alive and answers nothing: the hang of issue 19).
// PGlite's Node filesystem (Emscripten's NODEFS) calls these functions of this thread's `fs`
// module, so the failure is seen here, where it happens, and reported before anything waits on it.
const STORAGE_CODES = new Set(['ENOSPC', 'EDQUOT']);
const IO_CODES = new Set(['EIO', 'EROFS']);
for (const name of [
  'writeSync',
  'ftruncateSync',
  'truncateSync',
  'openSync',
  'mkdirSync',
  'renameSync',
  'writeFileSync',
]) {
  const original = fs[name];
  fs[name] = function (...args) {
    try {
      return original.apply(this, args);
    } catch (err) {
      const code = err?.code;
      if (STORAGE_CODES.has(code))
        fatal('storage_full', `the embedded database's storage is full (${code}) at ${dataDir}`, code);
      else if (IO_CODES.has(code))
        fatal('io_error', `the embedded database cannot write to ${dataDir} (${code})`, code);
      throw err;
    }
  };
}

const pglite = await PGlite.create({
  dataDir,
  loadDataDir: loadDataDir ? new Blob([loadDataDir]) : undefined,
});

// pglite-socket's queue stops for good when a protocol exchange throws (its `processing` flag is
// never reset), so every later query would wait forever. A throw here is PGlite itself failing
// (a WebAssembly abort, memory that cannot grow), never an SQL error (those are answered in the
// protocol): report it, and the host replaces this thread.
const execProtocolRawStream = pglite.execProtocolRawStream.bind(pglite);
pglite.execProtocolRawStream = async (...args) => {
  try {
    return await execProtocolRawStream(...args);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    fatal(/memory/i.test(message) ? 'out_of_memory' : 'crashed', `the embedded database failed: ${message}`);
    throw err;
  }
};

// PGlite is one PostgreSQL session. pglite-socket queues single protocol messages, not whole
// sessions, so a second connection could slip statements between another one's; one connection
// at a time keeps every transaction whole (the host's pool holds exactly one).
rmSync(socketPath, { force: true });
const server = new PGLiteSocketServer({ db: pglite, path: socketPath, maxConnections: 1 });
await server.start();

/** The fields node-postgres gives its errors, so callers see the same error on both paths. */
const ERROR_FIELDS = [
  'code',
  'severity',
  'detail',
  'hint',
  'position',
  'where',
  'schema',
  'table',
  'column',
  'dataType',
  'constraint',
  'routine',
];

const plainError = (err) => {
  const e = err instanceof Error ? err : new Error(String(err));
  const out = { message: e.message };
  for (const k of ERROR_FIELDS) if (e[k] !== undefined) out[k] = e[k];
  return out;
};

const copies = new Map();

port.on('message', async (msg) => {
  switch (msg.type) {
    case 'copy-data': {
      const parts = copies.get(msg.id) ?? [];
      parts.push(msg.chunk);
      copies.set(msg.id, parts);
      return;
    }
    case 'copy-abort':
      copies.delete(msg.id);
      return;
    case 'copy-end': {
      const blob = new Blob(copies.get(msg.id) ?? []);
      copies.delete(msg.id);
      try {
        // The socket's connection is inside its transaction and waits for this answer; PGlite's
        // single session runs the COPY there (the socket server and query() share one mutex).
        const res = await pglite.query(msg.sql, [], { blob });
        port.postMessage({ type: 'copy-done', id: msg.id, rows: res.affectedRows ?? 0 });
      } catch (err) {
        port.postMessage({ type: 'copy-failed', id: msg.id, error: plainError(err) });
      }
      return;
    }
    case 'test-fault': {
      if (!testHooks) return;
      if (msg.how === 'exit') process.exit(3);
      if (msg.how === 'throw')
        setImmediate(() => {
          throw new Error('test: the embedded database crashed');
        });
      if (msg.how === 'hang') for (;;);
      if (msg.how === 'oom') {
        const hoard = [];
        for (;;) hoard.push(new Array(1e6).fill({ n: hoard.length }));
      }
      return;
    }
    case 'close': {
      copies.clear();
      try {
        // Stopping the server rolls back a transaction a connection left open; a connection's
        // clean-up runs on the next turn, so PGlite closes after it.
        await server.stop();
        await new Promise((resolve) => setImmediate(resolve));
        await pglite.close();
        rmSync(socketPath, { force: true });
        port.postMessage({ type: 'closed' });
      } catch (err) {
        port.postMessage({ type: 'closed', error: plainError(err) });
      }
      port.close();
      return;
    }
  }
});

port.postMessage({ type: 'ready' });
