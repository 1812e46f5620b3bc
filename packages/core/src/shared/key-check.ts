import { createHmac } from 'node:crypto';
import { creators, type Db, installation } from '@evergreen/db';
import { eq, isNotNull } from 'drizzle-orm';
import { createSecretBox } from './secret-box.ts';

/** The check value of a key: HMAC-SHA256 of a fixed text; it says nothing of the key itself. */
export const encryptionKeyCheck = (key: Buffer): string =>
  createHmac('sha256', key).update('evergreen encryption key check v1').digest('hex');

/** What a person compares: the first 12 hex digits of the check value. */
export const keyFingerprint = (check: string): string => check.slice(0, 12);

export class EncryptionKeyMismatch extends Error {
  constructor(
    readonly needed: string | null,
    readonly given: string,
  ) {
    super(
      needed
        ? `This database's payment details were encrypted with the key whose fingerprint is ${needed}; the key given has fingerprint ${given}. Put the right key in EVERGREEN_DATA_DIR/encryption.key or EVERGREEN_ENCRYPTION_KEY (docs/operations/backups.md).`
        : `This database's payment details were encrypted with another key than the one given (fingerprint ${given}). Put the right key in EVERGREEN_DATA_DIR/encryption.key or EVERGREEN_ENCRYPTION_KEY (docs/operations/backups.md).`,
    );
    this.name = 'EncryptionKeyMismatch';
  }
}

/** The fingerprint of the key this database was set up with, or null for a new database. */
export async function recordedKeyFingerprint(db: Db): Promise<string | null> {
  const [row] = await db.select().from(installation).where(eq(installation.id, 1));
  return row ? keyFingerprint(row.encryptionKeyCheck) : null;
}

/**
 * Checks the key against the database before anything is encrypted or read with it, and records
 * its check value on first use. A database from before the check (payment details but no check
 * value) is checked by opening one sealed value. Throws EncryptionKeyMismatch on a wrong key.
 * Safe with several processes starting at once: the first insert wins and the others compare.
 */
export async function verifyEncryptionKey(db: Db, key: Buffer): Promise<void> {
  const check = encryptionKeyCheck(key);
  const [row] = await db.select().from(installation).where(eq(installation.id, 1));
  if (!row) {
    const [sealed] = await db
      .select({ enc: creators.paymentDetailsEnc })
      .from(creators)
      .where(isNotNull(creators.paymentDetailsEnc))
      .limit(1);
    if (sealed?.enc) {
      try {
        createSecretBox(key).open(sealed.enc);
      } catch {
        throw new EncryptionKeyMismatch(null, keyFingerprint(check));
      }
    }
    await db.insert(installation).values({ id: 1, encryptionKeyCheck: check }).onConflictDoNothing();
  }
  const [recorded] = await db.select().from(installation).where(eq(installation.id, 1));
  if (recorded!.encryptionKeyCheck !== check) {
    throw new EncryptionKeyMismatch(keyFingerprint(recorded!.encryptionKeyCheck), keyFingerprint(check));
  }
}
