#!/usr/bin/env node
// Fails when the Drizzle schema and the committed migrations disagree: drizzle-kit would
// generate a new migration (or change one) for the current schema.
import { spawnSync } from 'node:child_process';

const dir = 'packages/db/migrations';
const status = () =>
  spawnSync('git', ['status', '--porcelain', '--', dir], { encoding: 'utf8' }).stdout.trim();
if (status()) {
  console.error(`Uncommitted changes in ${dir}; commit them first:\n${status()}`);
  process.exit(1);
}
const r = spawnSync('npx', ['drizzle-kit', 'generate', '--name', 'pending'], {
  cwd: 'packages/db',
  encoding: 'utf8',
});
if (r.status !== 0) {
  console.error(r.stdout, r.stderr);
  process.exit(1);
}
const after = status();
if (after) {
  console.error(`The schema changed without a migration. Run \`npm run db:generate\` and commit:\n${after}`);
  spawnSync('git', ['checkout', '--', dir]);
  spawnSync('git', ['clean', '-fdq', '--', dir]);
  process.exit(1);
}
console.log('Migrations match the schema.');
