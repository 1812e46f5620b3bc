import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

// scrypt is memory-hard: N=2^15, r=8 uses 32 MiB per hash, ~50-100 ms on a laptop core.
const N = 32768;
const r = 8;
const p = 1;
const KEYLEN = 32;
const MAXMEM = 64 * 1024 * 1024;

function scryptAsync(password: string, salt: Buffer, n: number, rr: number, pp: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, KEYLEN, { N: n, r: rr, p: pp, maxmem: MAXMEM }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/** `scrypt$N$r$p$salt$hash`, base64url parts, so parameters can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password.normalize('NFKC'), salt, N, r, p);
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, rr, pp, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !rr || !pp || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scryptAsync(password.normalize('NFKC'), Buffer.from(salt, 'base64url'), +n, +rr, +pp);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A random secret for cookies, invitations and API tokens (256 bits). */
export const randomToken = (prefix = ''): string => prefix + randomBytes(32).toString('base64url');

/** Only hashes of secrets are stored, so a database leak does not leak sessions or tokens. */
export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

/** A dummy hash to spend the same time when the email is unknown (no user enumeration by timing). */
let dummy: Promise<string> | undefined;
export const dummyPasswordHash = () => {
  dummy ??= hashPassword('not-a-real-password-0');
  return dummy;
};
