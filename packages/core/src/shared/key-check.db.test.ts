import { randomBytes } from 'node:crypto';
import { creators, installation, workspaces } from '@evergreen/db';
import { openTestDatabase } from '@evergreen/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EncryptionKeyMismatch,
  encryptionKeyCheck,
  keyFingerprint,
  recordedKeyFingerprint,
  verifyEncryptionKey,
} from './key-check.ts';
import { createSecretBox } from './secret-box.ts';

describe('the encryption key check', () => {
  let t: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    t = await openTestDatabase();
  });
  afterAll(() => t.close());

  it('records the first key, accepts it again, refuses another by fingerprint (several processes at once too)', async () => {
    await t.db.delete(installation);
    const a = randomBytes(32);
    const b = randomBytes(32);
    expect(await recordedKeyFingerprint(t.db)).toBeNull();
    // Two processes starting at once with the same key: one row, both accept.
    await Promise.all([verifyEncryptionKey(t.db, a), verifyEncryptionKey(t.db, a)]);
    const rows = await t.db.select().from(installation);
    expect(rows.map((r) => r.encryptionKeyCheck)).toEqual([encryptionKeyCheck(a)]);
    expect(await recordedKeyFingerprint(t.db)).toBe(encryptionKeyCheck(a).slice(0, 12));
    await verifyEncryptionKey(t.db, a);
    const refused = await verifyEncryptionKey(t.db, b).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(EncryptionKeyMismatch);
    expect((refused as EncryptionKeyMismatch).needed).toBe(keyFingerprint(encryptionKeyCheck(a)));
    expect((refused as EncryptionKeyMismatch).given).toBe(keyFingerprint(encryptionKeyCheck(b)));
    expect((refused as Error).message).toContain(`fingerprint is ${keyFingerprint(encryptionKeyCheck(a))}`);
  });

  it('a database from before the check: its payment details decide, and only the key that opens them is recorded', async () => {
    await t.db.delete(installation);
    const a = randomBytes(32);
    const [w] = await t.db
      .insert(workspaces)
      .values({ name: 'Key check', slug: `key-${randomBytes(4).toString('hex')}` })
      .returning();
    await t.db.insert(creators).values({
      workspaceId: w!.id,
      displayName: 'Sealed',
      paymentDetailsEnc: createSecretBox(a).seal('{"method":"bank_transfer","account":"DE89"}'),
      paymentDetailsMask: '•••• DE89',
    });
    const other = await verifyEncryptionKey(t.db, randomBytes(32)).catch((e: unknown) => e);
    expect(other).toBeInstanceOf(EncryptionKeyMismatch);
    expect(await t.db.select().from(installation)).toEqual([]);
    await verifyEncryptionKey(t.db, a);
    expect((await t.db.select().from(installation)).map((r) => r.encryptionKeyCheck)).toEqual([
      encryptionKeyCheck(a),
    ]);
  });
});
