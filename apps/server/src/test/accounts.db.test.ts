import { type Clock, createSmtpMailer, deliverDueEmails } from '@evergreen/core';
import { auditLog, outboxMessages, passwordResets, sessions } from '@evergreen/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/harness.ts';
import { decodeQuotedPrintable, readMail, startSmtpServer } from '../testing/smtp.ts';

const NEW_PASSWORD = 'a brand new password';

/** Signs in: the status, and the cookie when it worked. */
async function signInStatus(t: TestApp, email: string, password: string, ua = 'Second browser') {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
    headers: { 'user-agent': ua },
  });
  const c = res.cookies.find((k) => k.name === 'evg_session');
  return { status: res.statusCode, cookie: c ? `evg_session=${c.value}` : '' };
}

/** Signs in again as the same account: a second browser with its own session. */
async function signIn(t: TestApp, email: string, password: string, ua?: string) {
  const r = await signInStatus(t, email, password, ua);
  if (r.status !== 200) throw new Error(`sign-in failed: ${r.status}`);
  return r;
}

const meStatus = async (t: TestApp, cookie: string) =>
  (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode;

describe('accounts: password change, "forgot password" through a real SMTP server, sessions', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let t: TestApp;
  let now = new Date('2026-12-07T09:00:00Z');
  const clock: Clock = { now: () => now };
  const deliver = () =>
    deliverDueEmails({
      db: t.database.db,
      clock,
      mailer: createSmtpMailer(smtp.url, 'Evergreen <team@evergreen.test>'),
    });
  const linkIn = (raw: string) =>
    decodeQuotedPrintable(raw).match(/http:\/\/evergreen\.test\/reset-password\/([A-Za-z0-9_-]+)/)?.[1];
  const mailsTo = (email: string) => smtp.received.filter((m) => m.to.includes(email));

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await createTestApp({ clock, mailer: createSmtpMailer(smtp.url, 'Evergreen <team@evergreen.test>') });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('changes the password after checking the current one; the other sessions end, this one stays', async () => {
    const s = await t.signUp('Paula Password');
    const other = await signIn(t, s.email, s.password);
    expect(other.status).toBe(200);

    const wrong = await t.call(s, {
      method: 'POST',
      url: '/api/v1/auth/password',
      payload: { currentPassword: 'not my password', newPassword: NEW_PASSWORD },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields).toEqual([
      expect.objectContaining({ field: 'currentPassword', code: 'wrong_password' }),
    ]);
    const short = await t.call(s, {
      method: 'POST',
      url: '/api/v1/auth/password',
      payload: { currentPassword: s.password, newPassword: 'short' },
    });
    expect(short.statusCode).toBe(400);
    expect(await meStatus(t, other.cookie)).toBe(200);

    const ok = await t.call(s, {
      method: 'POST',
      url: '/api/v1/auth/password',
      payload: { currentPassword: s.password, newPassword: NEW_PASSWORD },
    });
    expect(ok.json()).toEqual({ otherSessionsEnded: 1 });
    expect(await meStatus(t, other.cookie)).toBe(401);
    expect(await meStatus(t, s.cookie)).toBe(200);
    expect((await signInStatus(t, s.email, s.password)).status).toBe(401);
    expect((await signIn(t, s.email, NEW_PASSWORD)).status).toBe(200);
  });

  it('emails a single-use link that sets a new password and ends every session; unknown addresses get the same answer and no mail', async () => {
    const s = await t.signUp('Fiona Forgot');
    const ws = await t.createWorkspace(s, 'Forgetful');
    const sent = smtp.received.length;

    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset',
      payload: { email: 'nobody-here@example.test' },
    });
    const known = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset',
      payload: { email: s.email.toUpperCase() },
    });
    expect([unknown.statusCode, unknown.json()]).toEqual([200, { ok: true }]);
    expect([known.statusCode, known.json()]).toEqual([200, { ok: true }]);

    // Queued without a workspace: no workspace's outbox lists a reset link.
    const outbox = (await t.call(s, { method: 'GET', url: `/api/v1/workspaces/${ws.id}/outbox` })).json();
    expect(JSON.stringify(outbox)).not.toContain('reset-password');

    expect(await deliver()).toEqual({ sent: 1, failed: 0 });
    expect(smtp.received.length).toBe(sent + 1);
    const [mail] = mailsTo(s.email);
    expect(readMail(mail!.raw).subject).toBe('Set a new Evergreen password');
    expect(readMail(mail!.raw).text).toContain('The link works for 60 minutes and only once.');
    const token = linkIn(mail!.raw)!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{20,}$/);

    const reset = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/confirm',
      payload: { token, password: NEW_PASSWORD },
    });
    expect(reset.statusCode).toBe(200);
    expect(reset.json().user.email).toBe(s.email);
    const newCookie = `evg_session=${reset.cookies.find((k) => k.name === 'evg_session')!.value}`;
    expect(await meStatus(t, newCookie)).toBe(200);
    expect(await meStatus(t, s.cookie)).toBe(401);

    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/confirm',
      payload: { token, password: 'yet another password' },
    });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.fields[0]).toMatchObject({ field: 'token', code: 'link_invalid' });
    expect((await signInStatus(t, s.email, s.password)).status).toBe(401);
    expect((await signIn(t, s.email, NEW_PASSWORD)).status).toBe(200);
  });

  it('a link stops working after 60 minutes, and a newer link retires the older one', async () => {
    const s = await t.signUp('Ezra Expired');
    const ask = () =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { email: s.email } });
    await ask();
    await deliver();
    const first = linkIn(mailsTo(s.email)[0]!.raw)!;
    await ask();
    await deliver();
    const second = linkIn(mailsTo(s.email)[1]!.raw)!;
    expect(second).not.toBe(first);
    const confirm = (token: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password-reset/confirm',
        payload: { token, password: NEW_PASSWORD },
      });
    expect((await confirm(first)).statusCode).toBe(400);

    const start = now;
    now = new Date(start.getTime() + 61 * 60_000);
    try {
      expect((await confirm(second)).statusCode).toBe(400);
    } finally {
      now = start;
    }
    // Within the hour the newer link works.
    expect((await confirm(second)).statusCode).toBe(200);
  });

  it('two uses of one link at once: exactly one sets the password', async () => {
    const s = await t.signUp('Rita Race');
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { email: s.email } });
    await deliver();
    const token = linkIn(mailsTo(s.email)[0]!.raw)!;
    const results = await Promise.all(
      ['first racing password', 'second racing password'].map((password) =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/password-reset/confirm',
          payload: { token, password },
        }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 400]);
    const winner = results.findIndex((r) => r.statusCode === 200);
    const password = winner === 0 ? 'first racing password' : 'second racing password';
    const loser = winner === 0 ? 'second racing password' : 'first racing password';
    expect((await signIn(t, s.email, password)).status).toBe(200);
    expect((await signInStatus(t, s.email, loser)).status).toBe(401);
    const [row] = await t.database.db
      .select()
      .from(passwordResets)
      .where(eq(passwordResets.userId, s.me.user.id));
    expect(row!.usedAt).not.toBeNull();
  });

  it('lists where you are signed in and signs one session, the others or all of them out', async () => {
    const s = await t.signUp('Sam Sessions');
    const b = await signIn(t, s.email, s.password, 'Browser B');
    const c = await signIn(t, s.email, s.password, 'Browser C');
    const list = (await t.call(s, { method: 'GET', url: '/api/v1/auth/sessions' })).json().sessions;
    expect(list).toHaveLength(3);
    expect(list.filter((x: { current: boolean }) => x.current)).toHaveLength(1);
    expect(list.map((x: { userAgent: string | null }) => x.userAgent).sort()).toEqual([
      'Browser B',
      'Browser C',
      'lightMyRequest',
    ]);
    expect(list.every((x: { ip: string | null }) => x.ip === '127.0.0.1')).toBe(true);

    // Another account's session id is not found, and stays signed in.
    const stranger = await t.signUp('Stranger');
    const theirs = (await t.call(stranger, { method: 'GET', url: '/api/v1/auth/sessions' })).json()
      .sessions[0].id;
    expect((await t.call(s, { method: 'DELETE', url: `/api/v1/auth/sessions/${theirs}` })).statusCode).toBe(
      404,
    );
    expect(await meStatus(t, stranger.cookie)).toBe(200);

    const bId = list.find((x: { userAgent: string }) => x.userAgent === 'Browser B').id;
    expect((await t.call(s, { method: 'DELETE', url: `/api/v1/auth/sessions/${bId}` })).statusCode).toBe(200);
    expect(await meStatus(t, b.cookie)).toBe(401);
    expect(await meStatus(t, c.cookie)).toBe(200);

    const others = await t.call(s, {
      method: 'POST',
      url: '/api/v1/auth/sign-out-everywhere?keepCurrent=true',
    });
    expect(others.json()).toEqual({ sessionsEnded: 1 });
    expect(await meStatus(t, c.cookie)).toBe(401);
    expect(await meStatus(t, s.cookie)).toBe(200);

    const all = await t.call(s, { method: 'POST', url: '/api/v1/auth/sign-out-everywhere' });
    expect(all.json()).toEqual({ sessionsEnded: 1 });
    expect(await meStatus(t, s.cookie)).toBe(401);
  });

  it('"last seen" is written at most once an hour', async () => {
    const s = await t.signUp('Lena Lastseen');
    const row = async () =>
      (await t.database.db.select().from(sessions).where(eq(sessions.userId, s.me.user.id)))[0]!;
    const start = now;
    expect((await row()).lastSeenAt?.toISOString()).toBe(start.toISOString());
    try {
      now = new Date(start.getTime() + 30 * 60_000);
      await meStatus(t, s.cookie);
      expect((await row()).lastSeenAt?.toISOString()).toBe(start.toISOString());
      now = new Date(start.getTime() + 61 * 60_000);
      await meStatus(t, s.cookie);
      expect((await row()).lastSeenAt?.toISOString()).toBe(now.toISOString());
    } finally {
      now = start;
    }
  });

  it('an owner signs a member out everywhere (audited); a manager may not, and a stranger is not found', async () => {
    const owner = await t.signUp('Olga Owner');
    const ws = await t.createWorkspace(owner, 'Signouts');
    const member = await t.signUp('Mark Member');
    const inv = await t.call(owner, {
      method: 'POST',
      url: `/api/v1/workspaces/${ws.id}/invitations`,
      payload: { email: member.email, role: 'manager' },
    });
    const token = inv.json().acceptUrl.split('/').pop();
    await t.call(member, { method: 'POST', url: `/api/v1/invitations/${token}/accept` });
    const second = await signIn(t, member.email, member.password);

    const byManager = await t.call(member, {
      method: 'POST',
      url: `/api/v1/workspaces/${ws.id}/members/${owner.me.user.id}/sign-out`,
    });
    expect(byManager.statusCode).toBe(403);
    expect(await meStatus(t, owner.cookie)).toBe(200);

    const stranger = await t.signUp('Not a member');
    const notMember = await t.call(owner, {
      method: 'POST',
      url: `/api/v1/workspaces/${ws.id}/members/${stranger.me.user.id}/sign-out`,
    });
    expect(notMember.statusCode).toBe(404);
    expect(await meStatus(t, stranger.cookie)).toBe(200);

    const res = await t.call(owner, {
      method: 'POST',
      url: `/api/v1/workspaces/${ws.id}/members/${member.me.user.id}/sign-out`,
    });
    expect(res.json()).toEqual({ sessionsEnded: 2 });
    expect(await meStatus(t, member.cookie)).toBe(401);
    expect(await meStatus(t, second.cookie)).toBe(401);
    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, ws.id), eq(auditLog.action, 'member.signed_out')));
    expect(audit.map((a) => [a.entityId, a.changes])).toEqual([[member.me.user.id, { sessions: 2 }]]);
  });

  it('limits "forgot password" requests per address like sign-in attempts', async () => {
    const limited = await createTestApp({ database: t.database, clock, loginRateLimit: 2 });
    const ask = () =>
      limited.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password-reset',
        payload: { email: 'limited@example.test' },
        // An address of its own: the other tests' sign-ins count against 127.0.0.1.
        remoteAddress: '203.0.113.9',
      });
    expect((await ask()).statusCode).toBe(200);
    expect((await ask()).statusCode).toBe(200);
    const third = await ask();
    expect(third.statusCode).toBe(429);
    expect(third.json().error.code).toBe('rate_limited');
    await limited.app.close();
    const rows = await t.database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.toAddress, 'limited@example.test'));
    expect(rows).toEqual([]);
  });
});
