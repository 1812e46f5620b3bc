import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { encryptionKeyCheck, keyFingerprint } from '@evergreen/core';
import { openDatabase, queryRows } from '@evergreen/db';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';

/** The embedded database through the real `evergreen` command: crash safety, backup, restore. */

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const bin = join(root, 'bin/evergreen.mjs');
const run = promisify(execFile);
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'evergreen-cli-'));
  dirs.push(d);
  return d;
};
// Several data directories of a few hundred MB each: removing them takes a while on a busy disk.
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}, 120_000);

const cli = (dataDir: string, ...args: string[]) =>
  run(process.execPath, [bin, ...args], {
    env: { ...process.env, EVERGREEN_DATA_DIR: dataDir, DATABASE_URL: '' },
    cwd: root,
  });

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });

/** `evergreen start` (no web build) on a data directory, once /api/health answers. */
async function startServerProcess(dataDir: string) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [bin, 'start'], {
    cwd: root,
    env: {
      ...process.env,
      EVERGREEN_DATA_DIR: dataDir,
      DATABASE_URL: '',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: url,
      LOG_LEVEL: 'warn',
    },
  });
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  child.stderr.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const health = async () => (await fetch(`${url}/api/health`)).json();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`evergreen start exited early:\n${out}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    pid: child.pid,
    get out() {
      return out;
    },
    health,
    stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

async function emails(dataDir: string): Promise<string[]> {
  const db = await openDatabase({ dataDir: join(dataDir, 'pgdata') });
  try {
    const rows = await queryRows<{ email: string }>(db.db, sql`select email from users order by email`);
    return rows.map((r) => r.email);
  } finally {
    await db.close();
  }
}

describe('embedded database', () => {
  it.each(['in-process', 'worker'])(
    'keeps a committed write when the process is killed right after the commit (PGlite %s)',
    async (mode) => {
      const dir = tempDir();
      const script = fileURLToPath(new URL('./fixtures/crash-after-commit.ts', import.meta.url));
      const child = spawn(process.execPath, ['--import', 'tsx', script, join(dir, 'pgdata'), mode], {
        cwd: root,
      });
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
      });
      const signal = await new Promise((resolve) => child.on('exit', (_code, sig) => resolve(sig)));
      expect(signal).toBe('SIGKILL');
      expect(out).toContain('committed');
      expect(await emails(dir)).toEqual(['survivor@example.test']);
    },
    60_000,
  );

  it('serves from PGlite in a worker thread, stops cleanly on SIGTERM and restarts on the same data', async () => {
    const dir = tempDir();
    const started = await startServerProcess(dir);
    expect(started.out).toContain('(worker thread)');
    expect(started.out).toContain('Demo workspace created');
    expect(await started.health()).toMatchObject({ status: 'ok', driver: 'pglite' });
    expect(readFileSync(join(dir, 'evergreen.pid'), 'utf8')).toBe(String(started.pid));
    expect(await started.stop()).toEqual({ code: 0, signal: null });
    expect(existsSync(join(dir, 'evergreen.pid'))).toBe(false);

    // The demo is found again: the data was on disk when the server stopped.
    const again = await startServerProcess(dir);
    expect(again.out).not.toContain('Demo workspace created');
    expect(await again.health()).toMatchObject({ status: 'ok', driver: 'pglite' });
    expect(await again.stop()).toEqual({ code: 0, signal: null });
    expect(await emails(dir)).toEqual(['analyst@evergreen.local', 'demo@evergreen.local']);
  }, 180_000);

  it('backs up to one file and restores it, keeping the replaced database aside', async () => {
    const dir = tempDir();
    await cli(dir, 'demo');
    const file = join(dir, 'backup.tar.gz');
    const backup = await cli(dir, 'backup', file);
    expect(backup.stdout).toMatch(/Backup written to .*backup\.tar\.gz/);
    expect(existsSync(file)).toBe(true);

    const created = await cli(
      dir,
      'user',
      'create',
      '--email',
      'later@example.test',
      '--name',
      'Later',
      '--password',
      'long enough pw',
    );
    expect(created.stdout).toContain('Created later@example.test (installation owner).');
    expect(await emails(dir)).toEqual([
      'analyst@evergreen.local',
      'demo@evergreen.local',
      'later@example.test',
    ]);

    const restored = await cli(dir, 'restore', file);
    expect(restored.stdout).toContain('Restored');
    expect(await emails(dir)).toEqual(['analyst@evergreen.local', 'demo@evergreen.local']);
    expect(readdirSync(dir).some((n) => n.startsWith('pgdata.before-restore-'))).toBe(true);
  }, 120_000);

  it('a restore without the key file: the server refuses to start and names the key it needs', async () => {
    const from = tempDir();
    await cli(from, 'demo');
    const file = join(from, 'backup.tar.gz');
    await cli(from, 'backup', file);
    const key = Buffer.from(readFileSync(join(from, 'encryption.key'), 'utf8').trim(), 'base64');
    const fingerprint = keyFingerprint(encryptionKeyCheck(key));

    const to = tempDir();
    const restored = await cli(to, 'restore', file);
    expect(restored.stdout).toContain(`need the encryption key with fingerprint ${fingerprint}`);
    const start = await startServerProcess(to).then(
      () => 'started',
      (err: Error) => err.message,
    );
    expect(start).toContain(`encrypted with the key whose fingerprint is ${fingerprint}`);
    expect(start).toContain('no new key was generated');
    expect(existsSync(join(to, 'encryption.key'))).toBe(false);

    // Another key is refused too, by fingerprint; the right one starts.
    writeFileSync(join(to, 'encryption.key'), `${randomBytes(32).toString('base64')}\n`);
    const wrong = await startServerProcess(to).then(
      () => 'started',
      (err: Error) => err.message,
    );
    expect(wrong).toContain(`the key whose fingerprint is ${fingerprint}`);
    copyFileSync(join(from, 'encryption.key'), join(to, 'encryption.key'));
    const server = await startServerProcess(to);
    expect((await server.health()).status).toBe('ok');
    expect((await server.stop()).code).toBe(0);
  }, 180_000);

  it('refuses to restore a file that is not a backup, leaving the database as it was', async () => {
    const dir = tempDir();
    await cli(dir, 'demo');
    const junk = join(dir, 'junk.tar.gz');
    writeFileSync(junk, 'not a backup');
    await expect(cli(dir, 'restore', junk)).rejects.toThrow();
    expect(await emails(dir)).toEqual(['analyst@evergreen.local', 'demo@evergreen.local']);
  }, 120_000);

  it('refuses to touch a data directory a running server holds', async () => {
    const dir = tempDir();
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      writeFileSync(join(dir, 'evergreen.pid'), String(sleeper.pid));
      await expect(cli(dir, 'backup', join(dir, 'b.tar.gz'))).rejects.toThrow(/is using/);
    } finally {
      sleeper.kill();
    }
  }, 30_000);

  it('prints usage for an unknown command and exits non-zero', async () => {
    await expect(cli(tempDir(), 'frobnicate')).rejects.toThrow(/Unknown command "frobnicate"/);
  }, 30_000);
});
