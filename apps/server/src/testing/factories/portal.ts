import { type Clock, createSmtpMailer, deliverDueEmails } from '@evergreen/core';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { createTestApp, type Session, type TestApp, uniqueEmail } from '../harness.ts';
import { readMail, startSmtpServer } from '../smtp.ts';
import { type WorkspaceClient, workspaceClient } from './workspace.ts';

/** A creator's portal session: the `evg_portal` cookie and its CSRF token. */
export interface PortalSession {
  cookie: string;
  csrf: string;
}

/** The sign-in token of the portal link in a mail's text. */
export const portalToken = (text: string) =>
  text.match(/http:\/\/evergreen\.test\/portal\/sign-in\/([A-Za-z0-9_-]+)/)?.[1];

/**
 * What the creator portal's database tests start from (docs/portal.md): an app whose outbox is
 * delivered through a real SMTP server as soon as it is kicked, at `clock`'s time; an owner and
 * their workspace "Northwind" (`w`); and the creator's side: mails, sign-in, portal requests.
 */
export interface PortalTestApp {
  t: TestApp;
  smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  owner: Session;
  ws: string;
  w: WorkspaceClient;
  /** The latest mail to this address, once there are `count` of them. */
  mailTo(address: string, count: number): Promise<{ subject: string; text: string }>;
  /** Signs in with a link's token (from `ip`); the portal session when the server set its cookie. */
  signIn(token: string, ip?: string): Promise<{ res: LightMyRequestResponse; portal: PortalSession | null }>;
  /** A request with the portal session's cookie and CSRF token (none for `null`). */
  portalCall(p: PortalSession | null, opts: InjectOptions): Promise<LightMyRequestResponse>;
  /** An active creator with an email address of their own. */
  creator(name: string, extra?: Record<string, unknown>): Promise<{ id: string; email: string }>;
  /** Invites the creator to the portal and signs in with the invitation (their mail number 1). */
  inviteAndSignIn(c: { id: string; email: string }): Promise<PortalSession>;
  /** A new creator, invited and signed in (`inviteAndSignIn`). */
  invited(
    name: string,
    extra?: Record<string, unknown>,
  ): Promise<{ id: string; email: string; portal: PortalSession }>;
  close(): Promise<void>;
}

export async function portalTestApp(clock: Clock): Promise<PortalTestApp> {
  const smtp = await startSmtpServer();
  const mailer = createSmtpMailer(smtp.url, 'Evergreen <team@evergreen.test>');
  let kick: () => void = () => {};
  const t = await createTestApp({ mailer, clock, kickOutbox: () => kick() });
  kick = () => void deliverDueEmails({ db: t.database.db, clock, mailer }).catch(() => {});
  const owner = await t.signUp('Olga Owner');
  const ws = (await t.createWorkspace(owner, 'Northwind')).id;
  const w = workspaceClient(t, owner, ws);

  const mailTo: PortalTestApp['mailTo'] = async (address, count) => {
    await expect
      .poll(() => smtp.received.filter((m) => m.to.includes(address)).length, { timeout: 5000 })
      .toBe(count);
    return readMail(smtp.received.filter((m) => m.to.includes(address)).at(-1)!.raw);
  };
  const signIn: PortalTestApp['signIn'] = async (token, ip = '10.0.0.1') => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/auth/sign-in',
      payload: { token },
      remoteAddress: ip,
    });
    const cookie = res.cookies.find((c) => c.name === 'evg_portal');
    return { res, portal: cookie ? { cookie: cookie.value, csrf: res.json().csrfToken as string } : null };
  };
  const portalCall: PortalTestApp['portalCall'] = (p, opts) =>
    t.app.inject({
      ...opts,
      headers: {
        ...(p ? { cookie: `evg_portal=${p.cookie}`, 'x-csrf-token': p.csrf } : {}),
        ...opts.headers,
      },
    });
  const creator: PortalTestApp['creator'] = async (name, extra = {}) => {
    const email = uniqueEmail('creator');
    const c = await w.ok('POST', '/creators', { displayName: name, email, status: 'active', ...extra });
    return { id: c.id as string, email };
  };
  const inviteAndSignIn: PortalTestApp['inviteAndSignIn'] = async (c) => {
    await w.ok('POST', `/creators/${c.id}/portal/invite`);
    const { portal } = await signIn(portalToken((await mailTo(c.email, 1)).text)!);
    return portal!;
  };
  const invited: PortalTestApp['invited'] = async (name, extra = {}) => {
    const c = await creator(name, extra);
    return { ...c, portal: await inviteAndSignIn(c) };
  };
  return {
    t,
    smtp,
    owner,
    ws,
    w,
    mailTo,
    signIn,
    portalCall,
    creator,
    inviteAndSignIn,
    invited,
    close: async () => {
      await t.close();
      await smtp.close();
    },
  };
}
