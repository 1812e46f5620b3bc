import { describe, expect, it } from 'vitest';
import { hashPassword, randomToken, sha256, verifyPassword } from './secrets.ts';

describe('secrets', () => {
  it('hashes passwords with salted scrypt and verifies them', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).not.toBe(b);
    expect(a.split('$').slice(0, 4)).toEqual(['scrypt', '32768', '8', '1']);
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
    expect(await verifyPassword('anything', 'plain-text-not-a-hash')).toBe(false);
  });

  it('treats the same password in another Unicode form as the same', async () => {
    const h = await hashPassword('pa\u0301ssword-long');
    expect(await verifyPassword('p\u00e1ssword-long', h)).toBe(true);
  });

  it('makes 256-bit tokens and hex SHA-256', () => {
    expect(randomToken('evg_')).toMatch(/^evg_[A-Za-z0-9_-]{43}$/);
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
