import type { Clock } from '@evergreen/core';
import { auditLog, briefAcceptances, outboxMessages } from '@evergreen/db';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PortalTestApp, portalTestApp, portalToken } from '../testing/factories/portal.ts';
import type { WorkspaceClient } from '../testing/factories/workspace.ts';
import type { Session, TestApp } from '../testing/harness.ts';

/**
 * The creator portal's access model (docs/decisions/0012-creator-portal-access.md): invited by a
 * manager, signed in by an emailed single-use, expiring, rate-limited link, revocable; and the
 * creator's own acceptance of a brief and of a change request.
 */

let now = new Date('2026-05-04T09:00:00Z');
const clock: Clock = { now: () => now };
const later = (ms: number) => {
  now = new Date(now.getTime() + ms);
};

let world: PortalTestApp;
let smtp: PortalTestApp['smtp'];
let t: TestApp;
let owner: Session;
let ws: string;
let w: WorkspaceClient;

beforeAll(async () => {
  world = await portalTestApp(clock);
  ({ t, smtp, owner, ws, w } = world);
});
afterAll(async () => {
  await world?.close();
});

describe('invitation and sign-in by emailed link', () => {
  it('invites a creator by email (real SMTP), and the link signs in once', async () => {
    const c = await world.creator('Dana Reel');
    const invited = await w.call('POST', `/creators/${c.id}/portal/invite`);
    expect(invited.statusCode).toBe(200);
    expect(invited.json()).toMatchObject({ status: 'active', email: c.email, lastSignInAt: null });
    // The manager never sees the link (they could sign in as the creator).
    expect(invited.body).not.toMatch(/sign-in/);
    const mail = await world.mailTo(c.email, 1);
    expect(mail.subject).toBe('Northwind invited you to their creator portal');
    // Sent 2026-05-04 09:00 UTC, valid 7 days.
    expect(mail.text).toContain('until May 11, 2026 at 9:00 AM (UTC)');
    const token = portalToken(mail.text)!;

    const first = await world.signIn(token);
    expect(first.res.statusCode).toBe(200);
    expect(first.res.json()).toMatchObject({
      creator: { id: c.id, name: 'Dana Reel' },
      workspace: { id: ws, name: 'Northwind' },
      language: 'en',
    });
    const me = await world.portalCall(first.portal, { method: 'GET', url: '/api/v1/portal/me' });
    expect(me.json().creator.id).toBe(c.id);

    // Single use: the same link again is refused, and sets no cookie.
    const again = await world.signIn(token);
    expect(again.res.statusCode).toBe(401);
    expect(again.portal).toBeNull();

    const status = (await w.call('GET', `/creators/${c.id}/portal`)).json();
    expect(status).toMatchObject({ status: 'active', lastSignInAt: now.toISOString() });
    const audit = await t.database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, ws), eq(auditLog.entityType, 'portal_access')))
      .orderBy(asc(auditLog.at), asc(auditLog.action));
    expect(audit.map((a) => a.action)).toEqual(['portal.invited', 'portal.signed_in']);
  });

  it('writes to a Russian-speaking creator in Russian', async () => {
    const c = await world.creator('Вера Котова', { languages: ['ru'] });
    await w.call('POST', `/creators/${c.id}/portal/invite`);
    const mail = await world.mailTo(c.email, 1);
    expect(mail.subject).toBe('«Northwind» приглашает вас в кабинет автора');
    expect(mail.text).toContain('Ссылка одноразовая и действует до');
  });

  it('refuses a link past its expiry: 7 days for the invitation, 30 minutes for a requested one', async () => {
    const c = await world.creator('Eli Late');
    await w.call('POST', `/creators/${c.id}/portal/invite`);
    const invite = portalToken((await world.mailTo(c.email, 1)).text)!;
    later(7 * 86_400_000 + 1000);
    expect((await world.signIn(invite)).res.statusCode).toBe(401);

    const asked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/auth/request-link',
      payload: { email: c.email.toUpperCase() },
      remoteAddress: '10.0.0.7',
    });
    expect(asked.statusCode).toBe(200);
    const mail = await world.mailTo(c.email, 2);
    expect(mail.subject).toBe('Your sign-in link to the Northwind creator portal');
    const requested = portalToken(mail.text)!;
    later(30 * 60_000 + 1000);
    expect((await world.signIn(requested)).res.statusCode).toBe(401);
    // The same within 30 minutes works.
    later(60_000);
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/auth/request-link',
      payload: { email: c.email },
      remoteAddress: '10.0.0.7',
    });
    const fresh = portalToken((await world.mailTo(c.email, 3)).text)!;
    later(29 * 60_000);
    expect((await world.signIn(fresh)).res.statusCode).toBe(200);
  });

  it('answers a link request for an unknown address the same, and sends nothing', async () => {
    const before = smtp.received.length;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/auth/request-link',
      payload: { email: 'nobody@example.test' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    const queued = await t.database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.toAddress, 'nobody@example.test'));
    expect(queued).toEqual([]);
    expect(smtp.received.length).toBe(before);
  });

  it('rate-limits link requests per email with address (1 a minute) and per email (5 a minute)', async () => {
    later(3600_000);
    const c = await world.creator('Fay Rapid');
    await w.call('POST', `/creators/${c.id}/portal/invite`);
    const ask = (ip: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/portal/auth/request-link',
        payload: { email: c.email },
        remoteAddress: ip,
      });
    expect((await ask('10.1.0.1')).statusCode).toBe(200);
    const second = await ask('10.1.0.1');
    expect(second.statusCode).toBe(429);
    expect(second.json().error.code).toBe('rate_limited');
    // Other addresses: four more for this email in the minute (five in all), then refused.
    // Refused requests count too: two from the first address, three more from others, then no more.
    for (const ip of ['10.1.0.2', '10.1.0.3', '10.1.0.4']) expect((await ask(ip)).statusCode, ip).toBe(200);
    expect((await ask('10.1.0.5')).statusCode).toBe(429);
    // A minute later it is open again.
    later(61_000);
    expect((await ask('10.1.0.1')).statusCode).toBe(200);
    // 1 invitation + 5 links that were not refused.
    await world.mailTo(c.email, 6);
  });

  it('revoking ends sessions at once and kills unused links; it is audited', async () => {
    const c = await world.creator('Gus Gone');
    await w.call('POST', `/creators/${c.id}/portal/invite`);
    const token = portalToken((await world.mailTo(c.email, 1)).text)!;
    const { portal } = await world.signIn(token);
    await w.call('POST', `/creators/${c.id}/portal/invite`);
    const unused = portalToken((await world.mailTo(c.email, 2)).text)!;
    expect((await world.portalCall(portal, { method: 'GET', url: '/api/v1/portal/briefs' })).statusCode).toBe(
      200,
    );

    const revoked = await w.call('DELETE', `/creators/${c.id}/portal`);
    expect(revoked.json()).toMatchObject({ status: 'revoked', revokedAt: now.toISOString() });
    expect((await world.portalCall(portal, { method: 'GET', url: '/api/v1/portal/briefs' })).statusCode).toBe(
      401,
    );
    expect((await world.signIn(unused)).res.statusCode).toBe(401);
    // A link request for a revoked access sends nothing.
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/auth/request-link',
      payload: { email: c.email },
      remoteAddress: '10.2.0.1',
    });
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, ws), eq(auditLog.action, 'portal.revoked')));
    expect(audit).toMatchObject({ actorUserId: owner.me.user.id, changes: { creatorId: c.id } });
    // Invited again: a new access that signs in.
    await w.call('POST', `/creators/${c.id}/portal/invite`);
    const back = portalToken((await world.mailTo(c.email, 3)).text)!;
    expect((await world.signIn(back)).res.statusCode).toBe(200);
  });

  it('needs an email to invite, and 404s a creator of another workspace', async () => {
    const noEmail = (await w.call('POST', '/creators', { displayName: 'No Mail' })).json();
    const res = await w.call('POST', `/creators/${noEmail.id}/portal/invite`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].field).toBe('email');
    const other = await t.createWorkspace(owner, 'Other');
    const res2 = await t.call(owner, {
      method: 'POST',
      url: `/api/v1/workspaces/${other.id}/creators/${noEmail.id}/portal/invite`,
    });
    expect(res2.statusCode).toBe(404);
  });

  it('keeps a team session and a portal session apart', async () => {
    const c = await world.creator('Hal Apart');
    const portal = await world.inviteAndSignIn(c);
    // The team cookie means nothing on the portal; the portal cookie nothing on team routes.
    expect((await t.call(owner, { method: 'GET', url: '/api/v1/portal/me' })).statusCode).toBe(401);
    expect(
      (await world.portalCall(portal, { method: 'GET', url: `/api/v1/workspaces/${ws}/creators` }))
        .statusCode,
    ).toBe(401);
    // A write without the portal's CSRF token is refused.
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/auth/sign-out',
      headers: { cookie: `evg_portal=${portal!.cookie}` },
    });
    expect(noCsrf.statusCode).toBe(403);
    const out = await world.portalCall(portal, { method: 'POST', url: '/api/v1/portal/auth/sign-out' });
    expect(out.statusCode).toBe(200);
    expect((await world.portalCall(portal, { method: 'GET', url: '/api/v1/portal/me' })).statusCode).toBe(
      401,
    );
  });
});

describe("the creator's own brief acceptance", () => {
  it('lists only sent briefs of this creator; accepts a brief and a change request as their own', async () => {
    const c = await world.creator('Ivy Brief');
    const other = await world.creator('Jon Other');
    const camp = (
      await w.call('POST', '/campaigns', { name: 'Spring', startsOn: '2026-06-01', endsOn: '2026-06-30' })
    ).json();
    const b = (
      await w.call('POST', `/campaigns/${camp.id}/briefs`, { creatorId: c.id, title: 'Spring v1' })
    ).json();
    const draft = (
      await w.call('POST', `/campaigns/${camp.id}/briefs`, { creatorId: other.id, title: 'Not yours' })
    ).json();
    const portal = await world.inviteAndSignIn(c);
    // A draft is not shown.
    expect((await world.portalCall(portal, { method: 'GET', url: '/api/v1/portal/briefs' })).json()).toEqual(
      [],
    );
    await w.call('POST', `/campaigns/${camp.id}/briefs/${b.id}/send`);
    const list = (await world.portalCall(portal, { method: 'GET', url: '/api/v1/portal/briefs' })).json();
    expect(list.map((x: { id: string; status: string }) => [x.id, x.status])).toEqual([[b.id, 'sent']]);
    // Another creator's brief: 404.
    expect(
      (await world.portalCall(portal, { method: 'GET', url: `/api/v1/portal/briefs/${draft.id}` }))
        .statusCode,
    ).toBe(404);

    const accepted = await world.portalCall(portal, {
      method: 'POST',
      url: `/api/v1/portal/briefs/${b.id}/accept`,
      payload: { version: 1, name: 'Ivy Brief' },
      remoteAddress: '10.9.9.9',
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', acceptedVersion: 1 });
    expect(accepted.json().acceptances).toEqual([
      {
        version: 1,
        acceptedName: 'Ivy Brief',
        byUserName: null,
        onBehalf: false,
        ip: '10.9.9.9',
        at: now.toISOString(),
      },
    ]);

    await w.call('PATCH', `/campaigns/${camp.id}/briefs/${b.id}`, {
      title: 'Spring v2',
      changeNote: 'New angle',
    });
    const pending = (
      await world.portalCall(portal, { method: 'GET', url: `/api/v1/portal/briefs/${b.id}` })
    ).json();
    expect(pending).toMatchObject({
      status: 'change_requested',
      pendingChangeVersion: 2,
      title: 'Spring v1',
    });
    expect(
      pending.versions.map((v: { version: number; changeNote: string | null }) => [v.version, v.changeNote]),
    ).toEqual([
      [1, null],
      [2, 'New angle'],
    ]);
    const yes = await world.portalCall(portal, {
      method: 'POST',
      url: `/api/v1/portal/briefs/${b.id}/change-request`,
      payload: { version: 2, decision: 'accept', name: 'Ivy Brief' },
    });
    expect(yes.json()).toMatchObject({ status: 'accepted', acceptedVersion: 2, title: 'Spring v2' });

    await w.call('PATCH', `/campaigns/${camp.id}/briefs/${b.id}`, {
      title: 'Spring v3',
      changeNote: 'Later date',
    });
    const no = await world.portalCall(portal, {
      method: 'POST',
      url: `/api/v1/portal/briefs/${b.id}/change-request`,
      payload: { version: 3, decision: 'decline', note: 'I am travelling that week' },
    });
    expect(no.json()).toMatchObject({ status: 'accepted', acceptedVersion: 2, title: 'Spring v2' });
    // The manager's side shows the creator's own acceptances and the declined change.
    const seen = (await w.call('GET', `/campaigns/${camp.id}/briefs/${b.id}`)).json();
    expect(
      seen.acceptances.map((a: { version: number; onBehalf: boolean }) => [a.version, a.onBehalf]),
    ).toEqual([
      [1, false],
      [2, false],
    ]);
    expect(seen.versions[2]).toMatchObject({ version: 3, changeStatus: 'declined' });
    const audit = await t.database.db
      .select({ action: auditLog.action, changes: auditLog.changes, user: auditLog.actorUserId })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.workspaceId, ws),
          eq(auditLog.entityId, b.id),
          eq(auditLog.action, 'brief.change_declined'),
        ),
      );
    expect(audit).toEqual([
      {
        action: 'brief.change_declined',
        user: null,
        changes: { version: 3, inForce: 2, note: 'I am travelling that week', byCreator: c.id },
      },
    ]);
  });

  it('two accepts at once record one acceptance', async () => {
    const c = await world.creator('Kai Twice');
    const camp = (
      await w.call('POST', '/campaigns', { name: 'Race', startsOn: '2026-07-01', endsOn: '2026-07-30' })
    ).json();
    const b = (
      await w.call('POST', `/campaigns/${camp.id}/briefs`, { creatorId: c.id, title: 'Race' })
    ).json();
    const portal = await world.inviteAndSignIn(c);
    await w.call('POST', `/campaigns/${camp.id}/briefs/${b.id}/send`);
    const accept = () =>
      world.portalCall(portal, {
        method: 'POST',
        url: `/api/v1/portal/briefs/${b.id}/accept`,
        payload: { version: 1, name: 'Kai Twice' },
      });
    const codes = (await Promise.all([accept(), accept()])).map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 409]);
    const rows = await t.database.db
      .select()
      .from(briefAcceptances)
      .where(eq(briefAcceptances.briefId, b.id));
    expect(rows.length).toBe(1);
  });

  it('two sign-ins with one link at once make one session', async () => {
    const c = await world.creator('Lea Link');
    await w.call('POST', `/creators/${c.id}/portal/invite`);
    const token = portalToken((await world.mailTo(c.email, 1)).text)!;
    const codes = (await Promise.all([world.signIn(token), world.signIn(token)]))
      .map((r) => r.res.statusCode)
      .sort();
    expect(codes).toEqual([200, 401]);
  });
});

describe("the creator's own agreements", () => {
  it('reads (HTML, PDF), accepts by typed name as their own, sees key dates, gives notice', async () => {
    now = new Date('2026-06-01T09:00:00Z');
    const c = await world.creator('Mia Terms');
    const other = await world.creator('Ned Other');
    const a = (
      await w.call('POST', '/agreements', {
        creatorId: c.id,
        type: 'annual',
        startsOn: '2026-01-01',
        termMonths: 12,
        noticeDays: 30,
        currency: 'USD',
        feeMinor: 500000,
        notes: 'Internal: push for a lower rate next year',
      })
    ).json();
    const draft = (
      await w.call('POST', '/agreements', {
        creatorId: c.id,
        type: 'one_off',
        startsOn: '2026-08-01',
        termMonths: 1,
        currency: 'USD',
      })
    ).json();
    const theirs = (
      await w.call('POST', '/agreements', {
        creatorId: other.id,
        type: 'one_off',
        startsOn: '2026-08-01',
        termMonths: 1,
        currency: 'USD',
      })
    ).json();
    await w.call('POST', `/agreements/${theirs.id}/send`, {});
    const portal = await world.inviteAndSignIn(c);
    const get = (url: string) => world.portalCall(portal, { method: 'GET', url: `/api/v1/portal${url}` });

    // Drafts and other creators' agreements are not there.
    expect((await get('/agreements')).json()).toEqual([]);
    expect((await get(`/agreements/${draft.id}`)).statusCode).toBe(404);
    expect((await get(`/agreements/${theirs.id}`)).statusCode).toBe(404);
    expect((await get(`/agreements/${theirs.id}/document.pdf`)).statusCode).toBe(404);

    await w.call('POST', `/agreements/${a.id}/send`, {});
    const list = (await get('/agreements')).json();
    expect(list).toHaveLength(1);
    // Term 2026-01-01 + 12 months ends 2026-12-31; notice 30 days before: 2026-12-01.
    expect(list[0]).toMatchObject({
      id: a.id,
      status: 'sent',
      notes: null,
      dates: { termEndsOn: '2026-12-31', noticeDeadline: '2026-12-01' },
    });
    const html = await get(`/agreements/${a.id}/document.html`);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body).toContain('Mia Terms');
    const pdf = await get(`/agreements/${a.id}/document.pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const wrong = await world.portalCall(portal, {
      method: 'POST',
      url: `/api/v1/portal/agreements/${a.id}/accept`,
      payload: { acceptedName: 'Someone Else' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields[0].field).toBe('acceptedName');
    const ok = await world.portalCall(portal, {
      method: 'POST',
      url: `/api/v1/portal/agreements/${a.id}/accept`,
      payload: { acceptedName: 'mia terms' },
      remoteAddress: '10.7.7.7',
    });
    expect(ok.statusCode).toBe(200);
    // Started 2026-01-01, before today (2026-06-01): in force at once.
    expect(ok.json()).toMatchObject({
      status: 'active',
      acceptedName: 'mia terms',
      acceptedIp: '10.7.7.7',
      acceptedOnBehalf: false,
      acceptedAt: now.toISOString(),
    });
    const seen = (await w.call('GET', `/agreements/${a.id}`)).json();
    expect(seen).toMatchObject({
      acceptedOnBehalf: false,
      acceptedIp: '10.7.7.7',
      notes: 'Internal: push for a lower rate next year',
    });

    const notice = await world.portalCall(portal, {
      method: 'POST',
      url: `/api/v1/portal/agreements/${a.id}/notice`,
      payload: { reason: 'Moving to long-form video' },
    });
    expect(notice.statusCode).toBe(200);
    // Notice given on 2026-06-01 with 30 days: in force through 2026-07-01.
    expect(notice.json()).toMatchObject({
      status: 'notice_given',
      noticeBy: 'creator',
      noticeGivenOn: '2026-06-01',
      dates: { effectiveEndOn: '2026-07-01' },
    });
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, a.id), eq(auditLog.action, 'agreement.give_notice')));
    expect(audit).toMatchObject({ actorUserId: null, changes: { by: 'creator', byCreator: c.id } });
  });

  it('two accepts of one agreement at once: one acceptance', async () => {
    const c = await world.creator('Ola Once');
    const a = (
      await w.call('POST', '/agreements', {
        creatorId: c.id,
        type: 'one_off',
        startsOn: '2026-09-01',
        termMonths: 1,
        currency: 'USD',
      })
    ).json();
    const portal = await world.inviteAndSignIn(c);
    await w.call('POST', `/agreements/${a.id}/send`, {});
    const accept = () =>
      world.portalCall(portal, {
        method: 'POST',
        url: `/api/v1/portal/agreements/${a.id}/accept`,
        payload: { acceptedName: 'Ola Once' },
      });
    const codes = (await Promise.all([accept(), accept()])).map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 409]);
    const rows = await t.database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entityId, a.id), eq(auditLog.action, 'agreement.accept')));
    expect(rows).toHaveLength(1);
  });
});

describe("the creator's own posts", () => {
  it('lists what is due, submits the link and numbers, sees the approval', async () => {
    // (The owner's 30-day session from 2026-05-04 is still good.)
    now = new Date('2026-06-02T09:00:00Z');
    const c = await world.creator('Pia Posts');
    const other = await world.creator('Quin Other');
    const d = (
      await w.call('POST', '/deliverables', {
        creatorId: c.id,
        type: 'reel',
        dueOn: '2026-06-20',
        title: 'June reel',
      })
    ).json();
    const later2 = (
      await w.call('POST', '/deliverables', { creatorId: c.id, type: 'story', dueOn: '2026-07-05' })
    ).json();
    const theirs = (await w.call('POST', '/deliverables', { creatorId: other.id, type: 'reel' })).json();
    const portal = await world.inviteAndSignIn(c);
    const list = (
      await world.portalCall(portal, { method: 'GET', url: '/api/v1/portal/deliverables' })
    ).json();
    expect(list.map((x: { id: string; dueOn: string; status: string }) => [x.id, x.dueOn, x.status])).toEqual(
      [
        [d.id, '2026-06-20', 'planned'],
        [later2.id, '2026-07-05', 'planned'],
      ],
    );
    const submit = (id: string, payload: object) =>
      world.portalCall(portal, { method: 'POST', url: `/api/v1/portal/deliverables/${id}/submit`, payload });
    expect((await submit(theirs.id, { url: 'https://instagram.com/p/x' })).statusCode).toBe(404);
    const bad = await submit(d.id, { url: 'javascript:alert(1)' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toBe('url');

    const res = await submit(d.id, {
      url: 'https://instagram.com/p/june-reel',
      postedAt: '2026-06-01T18:00:00Z',
      metrics: { reach: 12000, likes: 900, comments: 60 },
    });
    expect(res.statusCode).toBe(200);
    // Engagements 900 + 60 = 960 over reach 12,000 = 0.08.
    expect(res.json()).toMatchObject({
      status: 'submitted',
      url: 'https://instagram.com/p/june-reel',
      postedAt: '2026-06-01T18:00:00.000Z',
      latestReach: 12000,
      latestEngagements: 960,
      engagementRate: '0.080000',
    });
    // The team approves; the creator sees it.
    await w.call('PATCH', `/deliverables/${d.id}`, { status: 'approved' });
    const after = (
      await world.portalCall(portal, { method: 'GET', url: '/api/v1/portal/deliverables' })
    ).json();
    expect(after[0]).toMatchObject({ id: d.id, status: 'approved' });
    const snaps = (await w.call('GET', `/deliverables/${d.id}/snapshots`)).json();
    expect(
      snaps.snapshots.map((s: { reach: number; capturedAt: string }) => [s.reach, s.capturedAt]),
    ).toEqual([[12000, now.toISOString()]]);
  });
});

describe("the creator's own payments", () => {
  it('lists their payments only, and takes their payment details back as a mask only', async () => {
    const c = await world.creator('Rae Paid');
    const other = await world.creator('Sol Other');
    for (const who of [c, other])
      await w.call('POST', '/deliverables', {
        creatorId: who.id,
        type: 'reel',
        status: 'approved',
        dueOn: '2026-05-20',
        costMinor: 75_000,
        costCurrency: 'EUR',
      });
    await w.call('POST', '/payments/generate', {});
    const portal = await world.inviteAndSignIn(c);
    const list = (await world.portalCall(portal, { method: 'GET', url: '/api/v1/portal/payments' })).json();
    expect(
      list.map((p: { creatorId: string; amountMinor: number; currency: string; status: string }) => [
        p.creatorId,
        p.amountMinor,
        p.currency,
        p.status,
      ]),
    ).toEqual([[c.id, 75_000, 'EUR', 'scheduled']]);

    expect(
      (await world.portalCall(portal, { method: 'GET', url: '/api/v1/portal/payment-details' })).json(),
    ).toEqual({
      present: false,
      mask: null,
    });
    const bad = await world.portalCall(portal, {
      method: 'PUT',
      url: '/api/v1/portal/payment-details',
      payload: { paymentDetails: { method: 'bank_transfer', account: '' } },
    });
    expect(bad.statusCode).toBe(400);
    const put = await world.portalCall(portal, {
      method: 'PUT',
      url: '/api/v1/portal/payment-details',
      payload: {
        paymentDetails: {
          method: 'bank_transfer',
          account: 'DE89 3704 0044 0532 0130 00',
          bank: 'Commerzbank',
        },
      },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toEqual({ present: true, mask: '•••• 3000' });
    expect(put.body).not.toContain('0532');
    // Stored sealed; the team reveals exactly what the creator entered.
    const revealed = (await w.call('POST', `/creators/${c.id}/payment-details/reveal`)).json();
    expect(revealed.paymentDetails).toEqual({
      method: 'bank_transfer',
      account: 'DE89 3704 0044 0532 0130 00',
      bank: 'Commerzbank',
    });
  });
});
