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
// Answers: { type: 'ready' }, { type: 'copy-done', id, rows } or { type: 'copy-failed', id, error },
// { type: 'closed' }.
import { rmSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const port = parentPort;
if (!port) throw new Error('worker.mjs runs as a worker thread');
const { dataDir, socketPath, loadDataDir } = workerData;

const pglite = await PGlite.create({
  dataDir,
  loadDataDir: loadDataDir ? new Blob([loadDataDir]) : undefined,
});

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
