import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startServerProcess } from '../../apps/server/src/testing/server-process.ts';

export interface RunningServer {
  url: string;
  output: () => string;
  /** Stops the server and removes its data directory (after copying it to `keepAs`, when given). */
  stop(opts?: { keepAs?: string }): Promise<void>;
}

// The environment variables a test may set and still start from a template: only EVERGREEN_DEMO
// changes what a first start writes into the data directory (the demo workspace or none). A test
// that sets anything else gets a first start of its own.
const TEMPLATE_SAFE = new Set(['EVERGREEN_DEMO', 'SMTP_URL', 'MAIL_FROM']);

/**
 * A copy of the data directory a first start with this `EVERGREEN_DEMO` wrote: migrated, with its
 * encryption key, and the demo workspace unless it is off. The copies live in this run's TMPDIR
 * (vitest.config.ts), so every run starts them afresh and removes them at its end. The e2e
 * project's global setup makes both before any browser file starts, so files running side by side
 * only ever copy them.
 */
function templateDir(env: Record<string, string>): string | null {
  if (Object.keys(env).some((k) => !TEMPLATE_SAFE.has(k))) return null;
  return join(tmpdir(), `evergreen-e2e-template-${env.EVERGREEN_DEMO === 'false' ? 'empty' : 'demo'}`);
}

/**
 * Starts the real `evergreen start --build` in a child process on a fresh embedded database
 * (the web app is built first when its sources changed). The database is a copy of the run's
 * template for this `EVERGREEN_DEMO` (written by the global setup, makeTemplates), or a first start
 * of its own when there is none for these variables. `{ fresh: true }` always makes a new one (a
 * test of the first start itself).
 */
export async function startEvergreen(
  env: Record<string, string> = {},
  { fresh = false }: { fresh?: boolean } = {},
): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'evergreen-e2e-'));
  const template = fresh ? null : templateDir(env);
  if (template !== null && existsSync(template)) cpSync(template, dataDir, { recursive: true });
  const server = await startServerProcess({
    args: ['start', '--build'],
    env: { EVERGREEN_DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn', ...env },
    port,
    timeoutMs: 180_000,
    everyMs: 250,
  });
  return {
    url: `http://127.0.0.1:${port}`,
    output: server.output,
    async stop({ keepAs }: { keepAs?: string } = {}) {
      await server.stop();
      if (keepAs) cpSync(dataDir, keepAs, { recursive: true });
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * For the e2e project's global setup (global-setup.ts): builds the web app when stale and makes both
 * templates (the demo, and no demo) one after the other, before any browser file starts.
 */
export async function makeTemplates() {
  for (const env of [{}, { EVERGREEN_DEMO: 'false' }] as Record<string, string>[]) {
    const template = templateDir(env);
    if (template === null || existsSync(template)) continue;
    const server = await startEvergreen(env, { fresh: true });
    await server.stop({ keepAs: template });
  }
}
