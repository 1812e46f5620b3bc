import { cpSync, existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
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
 * project's global setup makes both before any browser file starts (so files can run side by side
 * and only ever copy them); a file run without it makes the one it needs on its first start.
 */
function templateDir(env: Record<string, string>): string | null {
  if (Object.keys(env).some((k) => !TEMPLATE_SAFE.has(k))) return null;
  return join(tmpdir(), `evergreen-e2e-template-${env.EVERGREEN_DEMO === 'false' ? 'empty' : 'demo'}`);
}

/**
 * Starts the real `evergreen start --build` in a child process on a fresh embedded database
 * (the web app is built first when its sources changed). The database is what a first start
 * writes: the first server of a run with the same `EVERGREEN_DEMO` makes it, and later ones start
 * from a copy of it. `{ fresh: true }` always makes a new one (a test of the first start itself).
 */
export async function startEvergreen(
  env: Record<string, string> = {},
  { fresh = false }: { fresh?: boolean } = {},
): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'evergreen-e2e-'));
  const template = fresh ? null : templateDir(env);
  const fromTemplate = template !== null && existsSync(template);
  if (fromTemplate) cpSync(template, dataDir, { recursive: true });
  const url = `http://127.0.0.1:${port}`;
  // Both starts of a first one write to the same output.
  let earlier = '';
  const launch = () =>
    startServerProcess({
      args: ['start', '--build'],
      env: { EVERGREEN_DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn', ...env },
      port,
      timeoutMs: 180_000,
      everyMs: 250,
    });
  let server = await launch();
  if (template !== null && !fromTemplate) {
    // The first start of its kind: stopped once so that its directory, at rest and before any
    // test wrote to it, becomes the template; then started again on the same directory.
    await server.stop();
    earlier = server.output();
    keepAsTemplate(dataDir, template);
    server = await launch();
  }
  return {
    url,
    output: () => earlier + server.output(),
    async stop({ keepAs }: { keepAs?: string } = {}) {
      await server.stop();
      if (keepAs) keepAsTemplate(dataDir, keepAs);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Copies a stopped server's data directory to `template`, unless another file made it first. */
function keepAsTemplate(dataDir: string, template: string) {
  const partial = `${template}.partial-${process.pid}`;
  cpSync(dataDir, partial, { recursive: true });
  try {
    renameSync(partial, template);
  } catch (err) {
    // Made meanwhile by another file: the same first start, so either copy will do.
    rmSync(partial, { recursive: true, force: true });
    if (!existsSync(template)) throw err;
  }
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
