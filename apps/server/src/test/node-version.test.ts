import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * `npm start` / the `evergreen` command on a Node.js older than 22.12 says what to install and
 * exits non-zero, before loading anything that needs the newer Node. The old Node is stubbed by
 * overriding process.versions.node in a preloaded module (`node --import`), so the real script
 * runs unchanged on the Node that runs the tests.
 */
const root = fileURLToPath(new URL('../../../../', import.meta.url));
const bin = join(root, 'bin/evergreen.mjs');
const asNode = (version: string, ...args: string[]) =>
  spawnSync(
    process.execPath,
    [
      '--import',
      `data:text/javascript,Object.defineProperty(process.versions,"node",{value:"${version}"})`,
      bin,
      ...args,
    ],
    { cwd: root, encoding: 'utf8', timeout: 60_000 },
  );

describe('bin/evergreen.mjs on an older Node.js', () => {
  it.each(['20.20.2', '22.11.0', '18.0.0'])('refuses Node %s, naming what to install', (version) => {
    const r = asNode(version, 'start');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      `Evergreen needs Node.js 22.12 or newer (22 LTS or later); this is Node.js ${version}.`,
    );
    expect(r.stderr).toContain('Install Node.js 22 LTS from https://nodejs.org/');
    expect(r.stderr).toContain(`node-${process.platform}-${process.arch}@22`);
    expect(r.stdout).toBe('');
  });

  it('runs on Node 22.12 and later', () => {
    for (const version of ['22.12.0', '24.1.0']) {
      const r = asNode(version, 'help');
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('Usage: evergreen <command> [options]');
    }
  }, 60_000);
});
