import { openSecondPool, testDriver } from '@evergreen/db/testing';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { createTestApp, type Session, type TestApp } from '../testing/harness.ts';

/**
 * The sign-in limit (LOGIN_RATE_LIMIT = 5 here) holds for a client that sends X-Forwarded-For
 * when no proxy is trusted, follows the real client behind a trusted proxy, and is one count for
 * every server process on the database.
 */

const LIMIT = 5;
let t: TestApp;
let user: Session;

beforeAll(async () => {
  t = await createTestApp({ loginRateLimit: LIMIT });
  user = await t.signUp('Lena Limit');
});
afterAll(() => t.close());

/** A wrong-password attempt for `email`, from `remoteAddress` (the socket), with `xff` if given. */
const attempt = (app: FastifyInstance, email: string, opts: { xff?: string; remoteAddress?: string } = {}) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password: 'wrong password!' },
    ...(opts.remoteAddress ? { remoteAddress: opts.remoteAddress } : {}),
    ...(opts.xff ? { headers: { 'x-forwarded-for': opts.xff } } : {}),
  } as InjectOptions);

async function codes(n: number, one: (i: number) => Promise<{ statusCode: number }>) {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await one(i)).statusCode);
  return out;
}

describe('the sign-in limit', () => {
  it('with no trusted proxy, a different X-Forwarded-For on each attempt does not escape it', async () => {
    const s = await t.signUp('Sven Spoof');
    // Header format as proxies write it: the client first, then each proxy (MDN, X-Forwarded-For).
    const got = await codes(6, (i) => attempt(t.app, s.email, { xff: `203.0.113.${i + 1}, 198.51.100.1` }));
    expect(got).toEqual([401, 401, 401, 401, 401, 429]);
    const res = await attempt(t.app, s.email, { xff: '192.0.2.77' });
    expect(res.json().error.code).toBe('rate_limited');
  });

  it('counts parallel attempts exactly: 10 at once, 5 are checked and 5 refused', async () => {
    const s = await t.signUp('Pia Parallel');
    const rs = await Promise.all(Array.from({ length: 10 }, () => attempt(t.app, s.email)));
    expect(rs.map((r) => r.statusCode).sort()).toEqual([...Array(5).fill(401), ...Array(5).fill(429)]);
  });

  describe('behind a trusted proxy', () => {
    let proxied: FastifyInstance;
    beforeAll(async () => {
      proxied = await buildApp({ ...t.deps, trustProxy: ['10.0.0.5'] });
      await proxied.ready();
    });
    afterAll(() => proxied.close());

    it("uses the proxy's X-Forwarded-For: each client has its own count", async () => {
      const s = await t.signUp('Tara Trusted');
      // Six clients, one attempt each: none is over its limit (the email's is 5 × 5).
      expect(
        await codes(6, (i) =>
          attempt(proxied, s.email, { remoteAddress: '10.0.0.5', xff: `203.0.113.${i + 1}` }),
        ),
      ).toEqual(Array(6).fill(401));
      // One client six times: the sixth is refused; another client is not.
      const one = () => attempt(proxied, s.email, { remoteAddress: '10.0.0.5', xff: '198.51.100.20' });
      expect(await codes(6, one)).toEqual([401, 401, 401, 401, 401, 429]);
      expect(
        (await attempt(proxied, s.email, { remoteAddress: '10.0.0.5', xff: '198.51.100.21' })).statusCode,
      ).toBe(401);
    });

    it('ignores the header from an address that is not the trusted proxy', async () => {
      const s = await t.signUp('Una Untrusted');
      const got = await codes(6, (i) =>
        attempt(proxied, s.email, { remoteAddress: '192.0.2.9', xff: `203.0.113.${i + 1}` }),
      );
      expect(got).toEqual([401, 401, 401, 401, 401, 429]);
    });
  });

  it('is one count for two server processes on one database', async () => {
    // A second app on its own connection pool (on PostgreSQL), as a second process has.
    const second = await openSecondPool(t.database);
    const other = await buildApp({ ...t.deps, db: second.db });
    await other.ready();
    try {
      const s = await t.signUp('Max Multi');
      const got = await codes(6, (i) => attempt(i % 2 ? other : t.app, s.email));
      expect(got).toEqual([401, 401, 401, 401, 401, 429]);
      expect((await attempt(other, s.email)).statusCode).toBe(429);
      expect((await attempt(t.app, s.email)).statusCode).toBe(429);
    } finally {
      await other.close();
      await second.close();
    }
    expect(['pglite', 'postgres']).toContain(testDriver());
  });

  it('limits one address trying many accounts to 5 × the limit a minute', async () => {
    // 25 attempts, each on another email (so no address+email count passes 1), then the 26th.
    const from = { remoteAddress: '192.0.2.200' };
    const got = await codes(26, (i) => attempt(t.app, `spray-${i}@example.test`, from));
    expect(got).toEqual([...Array(25).fill(401), 429]);
    // The right password from another address is still let in.
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: user.password },
      remoteAddress: '192.0.2.201',
    } as InjectOptions);
    expect(res.statusCode).toBe(200);
  });
});
