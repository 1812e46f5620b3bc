import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { recordedKeyFingerprint, verifyEncryptionKey } from '@evergreen/core';
import type { Db } from '@evergreen/db';

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
  /** The fingerprint of the key the database was set up with: then no new key is generated. */
  recorded: string | null = null,
): Buffer {
  if (configured) return configured;
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'encryption.key');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (recorded) {
    // A restored database without its key file: a new key could never open its payment details.
    throw new Error(
      `No encryption key in ${file} or EVERGREEN_ENCRYPTION_KEY, and this database's payment details were encrypted with the key whose fingerprint is ${recorded}. Put that key back (from where you keep it apart from the backups); no new key was generated.`,
    );
  }
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600 });
  log(
    `Generated an encryption key for payment details in ${file}. Back it up with the database; set EVERGREEN_ENCRYPTION_KEY to manage it yourself.`,
  );
  return key;
}

/**
 * The payment-details key, checked against the database: a key file generated only for a new
 * database, and a wrong key (another installation's, or a new one after a restore without the key
 * file) refused with the fingerprint of the key that is needed.
 */
export async function openEncryptionKey(
  configured: Buffer | undefined,
  dataDir: string,
  db: Db,
  log: (msg: string) => void,
): Promise<Buffer> {
  const key = loadEncryptionKey(configured, dataDir, log, await recordedKeyFingerprint(db));
  await verifyEncryptionKey(db, key);
  return key;
}
