import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// Every temporary file of a run — test data directories, the PGlite template, the embedded
// database's socket directories, servers started by browser tests (they inherit TMPDIR) — lands
// in one directory of this run, removed when the run ends, even after a test that crashed before
// cleaning up after itself.
const runTmp = mkdtempSync(join(tmpdir(), 'evergreen-run-'));
process.env.TMPDIR = runTmp;
process.on('exit', () => rmSync(runTmp, { recursive: true, force: true }));

// Unit tests run once. Database tests (*.db.test.ts) run on PGlite, and again on real
// PostgreSQL when TEST_DATABASE_URL is set. Browser tests (e2e/*.e2e.test.ts) drive Chromium.
const dbProject = (driver: 'pglite' | 'postgres') => ({
  test: {
    name: `db-${driver}`,
    include: ['{apps,packages}/*/src/**/*.db.test.ts'],
    env: { EVERGREEN_TEST_DB: driver },
    globalSetup: ['packages/db/src/testing/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  test: {
    // Vitest's default, one file per core but one, gives a 2-core machine a single file at a time;
    // most files wait on another process (PostgreSQL, a server, Chromium) much of the time, so at
    // least two run at once.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{apps,packages}/*/src/**/*.test.ts'],
          exclude: ['**/*.db.test.ts', '**/node_modules/**'],
        },
      },
      dbProject('pglite'),
      ...(process.env.TEST_DATABASE_URL ? [dbProject('postgres')] : []),
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 240_000,
          // Builds the web app and writes the run's template data directories before any file starts
          // (e2e/support/global-setup.ts), so browser files run side by side with the others.
          globalSetup: ['e2e/support/global-setup.ts'],
        },
      },
    ],
  },
});
