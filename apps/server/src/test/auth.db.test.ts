import { readFileSync } from 'node:fs';
import { sessions, users } from '@evergreen/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, uniqueEmail } from '../testing/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ loginRateLimit: 5 });
});
afterAll(() => t.close());

describe('accounts and sessions', () => {
  it('makes the first account the installation owner, and only the first', async () => {
    const first = await t.signUp('First');
    const second = await t.signUp('Second');
    expect(first.me.user.isInstanceOwner).toBe(true);
    expect(second.me.user.isInstanceOwner).toBe(false);
  });

  it('stores a memory-hard password hash, never the password', async () => {
    const s = await t.signUp();
    const [row] = await t.database.db.select().from(users).where(eq(users.id, s.me.user.id));
    expect(row!.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(row!.passwordHash).not.toContain(s.password);
  });

  it('sets an httpOnly SameSite session cookie and keeps only its hash', async () => {
    const email = uniqueEmail();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { name: 'C', email, password: 'long enough password' },
    });
    const cookie = res.cookies.find((c) => c.name === 'evg_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const rows = await t.database.db.select().from(sessions);
    expect(rows.some((r) => r.id === cookie.value)).toBe(false);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.id))).toBe(true);
  });

  it('signs in with the right password, refuses a wrong one without saying which part was wrong', async () => {
    const s = await t.signUp();
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: s.email, password: s.password },
    });
    expect(ok.statusCode).toBe(200);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: s.email, password: 'wrong password!' },
    });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error).toEqual({ code: 'invalid_credentials', message: 'Wrong email or password' });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: uniqueEmail(), password: 'whatever123' },
    });
    expect(unknown.json().error.code).toBe('invalid_credentials');
  });

  it('signs out: the old cookie stops working', async () => {
    const s = await t.signUp();
    expect((await t.call(s, { method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
    expect((await t.call(s, { method: 'POST', url: '/api/v1/auth/logout' })).statusCode).toBe(200);
    const after = await t.call(s, { method: 'GET', url: '/api/v1/auth/me' });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('unauthenticated');
  });

  it('rejects a cookie-authenticated write without the CSRF token', async () => {
    const s = await t.signUp();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/workspaces',
      headers: { cookie: s.cookie },
      payload: { name: 'No CSRF' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('csrf_failed');
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/workspaces',
      headers: { cookie: s.cookie, 'x-csrf-token': 'forged' },
      payload: { name: 'No CSRF' },
    });
    expect(wrong.statusCode).toBe(403);
  });

  it('rate-limits sign-in attempts per address', async () => {
    const s = await t.signUp();
    const attempt = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: s.email, password: 'wrong password!' },
      });
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await attempt()).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 401, 429]);
    const limited = await attempt();
    expect(limited.json().error.code).toBe('rate_limited');
  });

  it('refuses a duplicate email, whatever its case', async () => {
    const s = await t.signUp();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { name: 'Dup', email: s.email.toUpperCase(), password: 'long enough password' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.fields).toEqual([
      { field: 'email', message: 'is already registered', code: 'already_registered' },
    ]);
  });

  it('answers bad input with 400 naming the field', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { name: 'X', email: 'not-an-email', password: 'short' },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['email', 'password']);
  });

  it('answers a missing field as required', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'a@b.co' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([
      { field: 'password', message: 'is required', code: 'required' },
    ]);
  });

  it('answers malformed JSON with 400, not a stack trace', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toMatch(/at .*\.(ts|js):\d+/);
    expect(res.json().error.code).toBe('validation_failed');
  });

  it('answers unknown API routes with JSON 404', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/no-such-thing' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      error: { code: 'not_found', message: 'No route GET /api/v1/no-such-thing' },
    });
  });

  it('sends security headers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(String(res.headers['content-security-policy'])).toContain("default-src 'self'");
  });

  it('reports the driver and schema version on /api/health', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    // Every migration in the committed journal is applied, and the newest is reported.
    const journal = JSON.parse(
      readFileSync(new URL('../../../../packages/db/migrations/meta/_journal.json', import.meta.url), 'utf8'),
    );
    const newest = journal.entries.at(-1).tag;
    expect(newest).toMatch(/^\d{4}_/);
    expect(res.json()).toMatchObject({
      status: 'ok',
      driver: t.deps.driver,
      schemaVersion: newest,
      migrationsApplied: journal.entries.length,
    });
  });

  it('changes the interface language of the signed-in user', async () => {
    const s = await t.signUp();
    const res = await t.call(s, { method: 'PATCH', url: '/api/v1/auth/me', payload: { locale: 'ru' } });
    expect(res.json().user.locale).toBe('ru');
    const bad = await t.call(s, { method: 'PATCH', url: '/api/v1/auth/me', payload: { locale: 'de' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toBe('locale');
  });
});

describe('invite-only installations', () => {
  it('refuses sign-up after the first account unless invited', async () => {
    const closed = await createTestApp({ openSignup: false });
    try {
      const first = await closed.signUp();
      expect(first.me.user.isInstanceOwner).toBe(true);
      const res = await closed.app.inject({
        method: 'POST',
        url: '/api/v1/auth/signup',
        payload: { name: 'Late', email: uniqueEmail(), password: 'long enough password' },
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('signup_closed');
      const cfg = await closed.app.inject({ method: 'GET', url: '/api/v1/auth/config' });
      expect(cfg.json()).toMatchObject({ signupOpen: false, hasUsers: true });
    } finally {
      await closed.close();
    }
  });
});
