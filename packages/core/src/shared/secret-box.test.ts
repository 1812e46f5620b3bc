import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSecretBox, maskAccount } from './secret-box.ts';

describe('secret box', () => {
  const box = createSecretBox(randomBytes(32));

  it('round-trips, with a fresh IV each time, and never contains the plaintext', () => {
    const a = box.seal('IBAN DE89370400440532013000');
    const b = box.seal('IBAN DE89370400440532013000');
    expect(a).not.toBe(b);
    expect(a).not.toContain('DE89');
    expect(box.open(a)).toBe('IBAN DE89370400440532013000');
  });

  it('refuses a tampered value and a wrong key', () => {
    const sealed = box.seal('secret');
    const parts = sealed.split('.');
    const flipped = Buffer.from(parts[3]!, 'base64url');
    flipped[0]! ^= 1;
    expect(() => box.open([...parts.slice(0, 3), flipped.toString('base64url')].join('.'))).toThrow();
    expect(() => createSecretBox(randomBytes(32)).open(sealed)).toThrow();
    expect(() => createSecretBox(randomBytes(16))).toThrow(/32 bytes/);
  });

  it('masks all but the last four characters', () => {
    expect(maskAccount('DE89 3704 0044 0532 0130 00')).toBe('•••• 3000');
    expect(maskAccount('abc')).toBe('••••');
  });
});
