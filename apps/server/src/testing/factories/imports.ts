import type { ImportRun } from '@evergreen/contracts';
import { waitFor } from '../wait.ts';
import type { WorkspaceClient } from './workspace.ts';

/** Reads the import run until it is no longer running (for at most `timeoutMs`); the finished run. */
export function waitForImport(
  w: WorkspaceClient,
  run: { id: string },
  timeoutMs = 15_000,
): Promise<ImportRun> {
  return waitFor(
    async () => (await w.ok('GET', `/imports/${run.id}`)) as ImportRun,
    (r) => r.status !== 'running',
    { what: `import ${run.id} to finish`, timeoutMs },
  );
}

/** The run as started, then finished: a finished start is returned as it is, without a read. */
export async function finished(w: WorkspaceClient, started: ImportRun): Promise<ImportRun> {
  return started.status === 'running' ? waitForImport(w, started) : started;
}

/**
 * Starts a background import (`POST /imports/<kind><query>`) and waits for it to finish. A string
 * or Buffer body goes as text/csv, anything else as JSON.
 */
export async function importFile(
  w: WorkspaceClient,
  kind: string,
  body: unknown,
  query = '',
): Promise<ImportRun> {
  return waitForImport(w, (await w.ok('POST', `/imports/${kind}${query}`, body)) as ImportRun);
}
