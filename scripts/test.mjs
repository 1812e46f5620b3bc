#!/usr/bin/env node
// `npm test`: every test project (unit, database on PGlite and, with TEST_DATABASE_URL, on
// PostgreSQL, browser), then one closing line "N passed, N failed" that any CI can read.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireSupportedNode } from '../bin/node-version.mjs';

requireSupportedNode();

const dir = mkdtempSync(join(tmpdir(), 'evergreen-results-'));
const out = join(dir, 'results.json');
const r = spawnSync(
  'npx',
  [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit' },
);
let summary = 'no results';
try {
  const j = JSON.parse(readFileSync(out, 'utf8'));
  const skipped = j.numPendingTests + j.numTodoTests;
  summary = `${j.numPassedTests} passed, ${j.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`;
} catch {}
rmSync(dir, { recursive: true, force: true });
console.log(`\nTests: ${summary}`);
process.exit(r.status ?? 1);
