import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

// Every temporary file of a run — test data directories, the PGlite template, the embedded
// database's socket directories, servers started by browser tests (they inherit TMPDIR) — lands
// in one directory of this run, removed when the run ends, even after a test that crashed before
// cleaning up after itself.
const runTmp = mkdtempSync(join(tmpdir(), 'evergreen-run-'));
process.env.TMPDIR = runTmp;
process.on('exit', () => rmSync(runTmp, { recursive: true, force: true }));

// The files that take minutes (real server processes, backups, every screen in a browser), started
// first: Vitest orders by project name and then by file size, which left the longest file of all
// (embedded.test.ts, in "unit", the last project) running alone at the end of a run while the
// other worker had nothing left to do.
const LONGEST = [
  'apps/server/src/test/embedded.test.ts',
  'e2e/every-screen.e2e.test.ts',
  'apps/server/src/test/embedded-faults.test.ts',
];
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => {
      const at = LONGEST.findIndex((p) => f.moduleId.endsWith(p));
      return at < 0 ? LONGEST.length : at;
    };
    const sorted = await super.sort(files);
    return sorted
      .map((f, i) => ({ f, i }))
      .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
      .map(({ f }) => f);
  }
}

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
    sequence: { sequencer: LongestFirst },
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
