import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The PID of the Evergreen process using this embedded data directory, if any. */
export function dataDirOwner(dataDir: string): number | null {
  const file = join(dataDir, 'evergreen.pid');
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return pid && pid !== process.pid && alive(pid) ? pid : null;
}

/**
 * PGlite is a single-process database: two processes on one data directory would corrupt it.
 * A PID file keeps a second server (or a restore) away while one runs.
 */
export function acquireDataDirLock(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const owner = dataDirOwner(dataDir);
  if (owner) throw new Error(`${dataDir} is in use by Evergreen process ${owner}; stop it first`);
  const file = join(dataDir, 'evergreen.pid');
  writeFileSync(file, String(process.pid));
  return () => rmSync(file, { force: true });
}

/**
 * The key that encrypts payment details: EVERGREEN_ENCRYPTION_KEY when set, else a key file
 * generated in the data directory on first start (said once, so it gets backed up).
 */
export function loadEncryptionKey(
  configured: Buffer | undefined,
  dataDir: string,
  log: (msg: string) => void,
): Buffer {
  if (configured) return configured;
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'encryption.key');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600 });
  log(
    `Generated an encryption key for payment details in ${file}. Back it up with the database; set EVERGREEN_ENCRYPTION_KEY to manage it yourself.`,
  );
  return key;
}
