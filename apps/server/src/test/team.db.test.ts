import { type Clock, createSmtpMailer, deliverDueEmails, retryDelayMs } from '@evergreen/core';
import { outboxMessages } from '@evergreen/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invite } from '../testing/factories/team.ts';
import { createTestApp, type Session, type TestApp } from '../testing/harness.ts';
import { decodeQuotedPrintable, readMail, startSmtpServer } from '../testing/smtp.ts';

const linkIn = (raw: string) =>
  decodeQuotedPrintable(raw).match(/http:\/\/evergreen\.test\/invite\/[A-Za-z0-9_-]+/)?.[0];

describe('inviting a teammate through a real SMTP server', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let t: TestApp;
  let owner: Session;
  let ws: { id: string };
  beforeAll(async () => {
    smtp = await startSmtpServer();
    const mailer = createSmtpMailer(smtp.url, 'Evergreen <team@evergreen.test>');
    let kick: () => void = () => {};
    t = await createTestApp({ mailer, kickOutbox: () => kick() });
    kick = () => void deliverDueEmails({ db: t.database.db, clock: t.deps.clock, mailer });
    owner = await t.signUp('Olga Owner');
    ws = await t.createWorkspace(owner, 'Northwind');
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('sends the invitation, and the invitee joins with the emailed link', async () => {
    const invitee = await t.signUp('Ivan Invitee');
    const res = await t.call(owner, {
      method: 'POST',
      url: `/api/v1/workspaces/${ws.id}/invitations`,
      payload: { email: invitee.email.toUpperCase(), role: 'manager' },
    });
    expect(res.statusCode).toBe(200);
    await expect.poll(() => smtp.received.length, { timeout: 5000 }).toBe(1);
    const mail = smtp.received[0]!;
    expect(mail.to).toEqual([invitee.email]);
    expect(mail.raw).toMatch(/Subject: Olga Owner invited you to Northwind on Evergreen/);
    const link = linkIn(mail.raw);
    expect(link).toBe(res.json().acceptUrl);

    const token = link!.split('/').pop();
    const preview = await t.app.inject({ method: 'GET', url: `/api/v1/invitations/${token}` });
    expect(preview.json()).toEqual({
      workspaceName: 'Northwind',
      email: invitee.email,
      role: 'manager',
      invitedBy: 'Olga Owner',
      hasAccount: true,
    });

    const accepted = await t.call(invitee, { method: 'POST', url: `/api/v1/invitations/${token}/accept` });
    expect(accepted.json()).toMatchObject({ id: ws.id, role: 'manager' });
    const members = (
      await t.call(owner, { method: 'GET', url: `/api/v1/workspaces/${ws.id}/members` })
    ).json();
    expect(members.map((m: { name: string; role: string }) => [m.name, m.role])).toEqual([
      ['Ivan Invitee', 'manager'],
      ['Olga Owner', 'owner'],
    ]);
    const again = await t.call(invitee, { method: 'POST', url: `/api/v1/invitations/${token}/accept` });
    expect(again.statusCode).toBe(410);
    // The SMTP server has the mail a moment before the outbox marks it sent.
    await expect
      .poll(
        async () =>
          (await t.call(owner, { method: 'GET', url: `/api/v1/workspaces/${ws.id}/invitations` })).json()[0],
        { timeout: 5000 },
      )
      .toMatchObject({ status: 'accepted', emailStatus: 'sent' });
  });

  it('refuses an invitation link to someone signed in with another address', async () => {
    const stranger = await t.signUp('Stranger');
    const res = await invite(t, owner, ws.id, 'intended@example.test', 'analyst');
    const token = res.acceptUrl.split('/').pop();
    const accept = await t.call(stranger, { method: 'POST', url: `/api/v1/invitations/${token}/accept` });
    expect(accept.statusCode).toBe(403);
    const ws2 = (await t.call(stranger, { method: 'GET', url: '/api/v1/workspaces' })).json();
    expect(ws2).toEqual([]);
  });

  it('writes the invitation in Russian for a Russian-language workspace', async () => {
    await t.call(owner, {
      method: 'PATCH',
      url: `/api/v1/workspaces/${ws.id}`,
      payload: { defaultLanguage: 'ru' },
    });
    await invite(t, owner, ws.id, 'ru@example.test', 'analyst');
    const find = () => smtp.received.find((m) => m.to.includes('ru@example.test'));
    await expect.poll(find, { timeout: 5000 }).toBeTruthy();
    const raw = find()!.raw;
    const { subject, text: body } = readMail(raw);
    expect(subject).toBe('Olga Owner приглашает вас в «Northwind» в Evergreen');
    expect(body).toContain('приглашает вас в рабочее пространство «Northwind»');
    expect(body).toContain('аналитик (только чтение)');
  });

  it('changes roles, keeps the last owner, and audits both', async () => {
    const members = (
      await t.call(owner, { method: 'GET', url: `/api/v1/workspaces/${ws.id}/members` })
    ).json();
    const ivan = members.find((m: { name: string }) => m.name === 'Ivan Invitee');
    const change = await t.call(owner, {
      method: 'PATCH',
      url: `/api/v1/workspaces/${ws.id}/members/${ivan.userId}`,
      payload: { role: 'analyst' },
    });
    expect(change.json().role).toBe('analyst');
    const self = await t.call(owner, {
      method: 'PATCH',
      url: `/api/v1/workspaces/${ws.id}/members/${owner.me.user.id}`,
      payload: { role: 'manager' },
    });
    expect(self.statusCode).toBe(409);
    expect(self.json().error.message).toBe('A workspace needs at least one owner');
    const removeSelf = await t.call(owner, {
      method: 'DELETE',
      url: `/api/v1/workspaces/${ws.id}/members/${owner.me.user.id}`,
    });
    expect(removeSelf.statusCode).toBe(409);
    const audit = (
      await t.call(owner, { method: 'GET', url: `/api/v1/workspaces/${ws.id}/audit?limit=200` })
    ).json();
    const roleEntry = audit.entries.find((e: { action: string }) => e.action === 'member.role_changed');
    expect(roleEntry.changes).toEqual({ email: ivan.email, role: { from: 'manager', to: 'analyst' } });
    expect(audit.entries.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining([
        'workspace.created',
        'invitation.created',
        'invitation.accepted',
        'workspace.updated',
      ]),
    );
  });

  it('pages the audit log, newest first', async () => {
    const first = (
      await t.call(owner, { method: 'GET', url: `/api/v1/workspaces/${ws.id}/audit?limit=2` })
    ).json();
    expect(first.entries).toHaveLength(2);
    expect(first.entries[0].id).toBeGreaterThan(first.entries[1].id);
    const next = (
      await t.call(owner, {
        method: 'GET',
        url: `/api/v1/workspaces/${ws.id}/audit?limit=2&before=${first.nextBefore}`,
      })
    ).json();
    expect(next.entries[0].id).toBeLessThan(first.entries[1].id);
  });
});

describe('the outbox', () => {
  it('keeps invitations queued and visible to the owner when SMTP is not configured', async () => {
    const t = await createTestApp();
    try {
      const owner = await t.signUp();
      const ws = await t.createWorkspace(owner);
      await invite(t, owner, ws.id, 'x@example.test', 'manager');
      const out = (await t.call(owner, { method: 'GET', url: `/api/v1/workspaces/${ws.id}/outbox` })).json();
      expect(out.smtpConfigured).toBe(false);
      expect(out.messages).toHaveLength(1);
      expect(out.messages[0]).toMatchObject({
        kind: 'invitation',
        toAddress: 'x@example.test',
        status: 'queued',
        attempts: 0,
      });
    } finally {
      await t.close();
    }
  });

  it('cancels the queued email of an invitation that was revoked, and will not retry it', async () => {
    const t = await createTestApp();
    try {
      const owner = await t.signUp();
      const ws = await t.createWorkspace(owner);
      const inv = await invite(t, owner, ws.id, 'gone@example.test', 'manager');
      // Inviting the same address again replaces the first invitation and its unsent email.
      await invite(t, owner, ws.id, 'gone@example.test', 'analyst');
      let out = (await t.call(owner, { method: 'GET', url: `/api/v1/workspaces/${ws.id}/outbox` })).json();
      expect(out.messages.map((m: { status: string }) => m.status).sort()).toEqual(['cancelled', 'queued']);
      const invs = (
        await t.call(owner, { method: 'GET', url: `/api/v1/workspaces/${ws.id}/invitations` })
      ).json();
      expect(invs.find((i: { id: string }) => i.id === inv.invitation.id)).toMatchObject({
        status: 'revoked',
        emailStatus: 'cancelled',
      });
      const pending = invs.find((i: { status: string }) => i.status === 'pending');
      await t.call(owner, { method: 'DELETE', url: `/api/v1/workspaces/${ws.id}/invitations/${pending.id}` });
      out = (await t.call(owner, { method: 'GET', url: `/api/v1/workspaces/${ws.id}/outbox` })).json();
      expect(out.messages.map((m: { status: string }) => m.status)).toEqual(['cancelled', 'cancelled']);
      const retry = await t.call(owner, {
        method: 'POST',
        url: `/api/v1/workspaces/${ws.id}/outbox/${out.messages[0].id}/retry`,
      });
      expect(retry.statusCode).toBe(409);
    } finally {
      await t.close();
    }
  });

  it('retries after the server refuses, and never sends one message twice', async () => {
    const smtp = await startSmtpServer({ refuseFirst: 1 });
    const t = await createTestApp();
    try {
      const owner = await t.signUp();
      const ws = await t.createWorkspace(owner);
      await invite(t, owner, ws.id, 'retry@example.test', 'manager');
      const mailer = createSmtpMailer(smtp.url, 'Evergreen <team@evergreen.test>');
      let now = new Date();
      const clock: Clock = { now: () => now };
      const deps = { db: t.database.db, clock, mailer };

      expect(await deliverDueEmails(deps)).toEqual({ sent: 0, failed: 1 });
      const [afterFail] = await t.database.db
        .select()
        .from(outboxMessages)
        .where(eq(outboxMessages.workspaceId, ws.id));
      expect(afterFail).toMatchObject({ status: 'queued', attempts: 1 });
      expect(afterFail!.lastError).toMatch(/451/);
      expect(afterFail!.nextAttemptAt.getTime()).toBe(now.getTime() + retryDelayMs(1));

      // Not due yet: nothing happens.
      expect(await deliverDueEmails(deps)).toEqual({ sent: 0, failed: 0 });
      now = new Date(now.getTime() + retryDelayMs(1));
      // Two schedulers racing for the same due message: exactly one sends it.
      const results = await Promise.all([deliverDueEmails(deps), deliverDueEmails(deps)]);
      expect(results.reduce((n, r) => n + r.sent, 0)).toBe(1);
      expect(smtp.received).toHaveLength(1);
      expect(smtp.refusedCount()).toBe(1);
      const [done] = await t.database.db
        .select()
        .from(outboxMessages)
        .where(eq(outboxMessages.workspaceId, ws.id));
      expect(done).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
      // Sent messages stay sent.
      now = new Date(now.getTime() + 3_600_000);
      expect(await deliverDueEmails(deps)).toEqual({ sent: 0, failed: 0 });
      expect(smtp.received).toHaveLength(1);
      mailer.close();
    } finally {
      await t.close();
      await smtp.close();
    }
  });
});
