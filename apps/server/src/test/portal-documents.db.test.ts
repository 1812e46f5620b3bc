import type { Clock } from '@evergreen/core';
import { auditLog } from '@evergreen/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PortalTestApp, portalTestApp, portalToken } from '../testing/factories/portal.ts';
import type { WorkspaceClient } from '../testing/factories/workspace.ts';
import type { TestApp } from '../testing/harness.ts';

/**
 * The creator portal's documents (docs/portal.md): a brief, a change request or an agreement
 * emailed with a link that signs in and opens exactly it (once); declining a sent brief with a
 * reason; invoices the creator uploads on their payments, checked by their bytes.
 */

let now = new Date('2026-05-04T09:00:00Z');
const clock: Clock = { now: () => now };

let world: PortalTestApp;
let t: TestApp;
let w: WorkspaceClient;

let campaigns = 0;
async function sentBrief(creatorId: string, title = 'Summer reel') {
  campaigns++;
  const camp = await w.ok('POST', '/campaigns', {
    name: `Summer ${campaigns}`,
    startsOn: '2026-07-01',
    endsOn: '2026-07-31',
  });
  const b = await w.ok('POST', `/campaigns/${camp.id}/briefs`, {
    creatorId,
    title,
    body: 'Show the oat milk.',
  });
  const sent = await w.ok('POST', `/campaigns/${camp.id}/briefs/${b.id}/send`, {});
  return { campaignId: camp.id as string, campaignName: `Summer ${campaigns}`, id: b.id as string, sent };
}

beforeAll(async () => {
  world = await portalTestApp(clock);
  ({ t, w } = world);
});
afterAll(async () => {
  await world?.close();
});

describe('documents emailed with a link to them', () => {
  it('a sent brief arrives by email (real SMTP) with a link that signs in, opens that brief, and works once', async () => {
    const c = await world.invited('Ada Brief');
    const b = await sentBrief(c.id);
    // The manager is told what really happened, and that the email carries the portal link.
    expect(b.sent.outcome).toMatchObject({ status: 'sent', to: c.email, portalLink: 'included' });
    const mail = await world.mailTo(c.email, 2);
    expect(mail.subject).toBe(`Your brief for ${b.campaignName}: Summer reel`);
    expect(mail.text).toContain('Open it in your creator portal');
    expect(mail.text).toContain('it works once, for 7 days');
    const token = portalToken(mail.text)!;
    expect(token).toBeTruthy();
    // The manager's answer never holds the link (they could sign in as the creator).
    expect(JSON.stringify(b.sent)).not.toContain(token);
    expect(b.sent.outcome.text).toContain('http://evergreen.test/portal/sign-in/[link-hidden]');
    const messages = await w.ok('GET', `/creators/${c.id}/messages`);
    expect(JSON.stringify(messages)).not.toContain(token);

    // A fresh browser: the link signs in and says which page to open.
    const first = await world.signIn(token);
    expect(first.res.statusCode).toBe(200);
    expect(first.res.json()).toMatchObject({
      creator: { id: c.id, name: 'Ada Brief' },
      next: `/portal/briefs?open=${b.id}`,
    });
    const opened = await world.portalCall(first.portal, {
      method: 'GET',
      url: `/api/v1/portal/briefs/${b.id}`,
    });
    expect(opened.json()).toMatchObject({ id: b.id, status: 'sent', title: 'Summer reel' });
    // Once only.
    const again = await world.signIn(token);
    expect(again.res.statusCode).toBe(401);
    expect(again.portal).toBeNull();
  });

  it('says honestly when there is no link: not invited, revoked, or no email at all', async () => {
    const plain = await world.creator('Ben Plain');
    const one = await sentBrief(plain.id);
    expect(one.sent.outcome).toMatchObject({ status: 'sent', portalLink: 'not_invited' });
    expect((await world.mailTo(plain.email, 1)).text).not.toContain('/portal/sign-in/');

    const gone = await world.invited('Cy Revoked');
    await w.ok('DELETE', `/creators/${gone.id}/portal`);
    const two = await sentBrief(gone.id);
    expect(two.sent.outcome).toMatchObject({ status: 'sent', portalLink: 'not_invited' });
    expect((await world.mailTo(gone.email, 2)).text).not.toContain('/portal/sign-in/');

    const mute = await w.ok('POST', '/creators', { displayName: 'Di Nomail', status: 'active' });
    const three = await sentBrief(mute.id);
    expect(three.sent.outcome).toMatchObject({
      status: 'by_hand',
      reason: 'no_email',
      to: null,
      portalLink: 'not_invited',
    });
  });

  it('writes the link lines in Russian to a Russian-speaking creator', async () => {
    const c = await world.invited('Ева Русская', { languages: ['ru'] });
    await sentBrief(c.id, 'Летний ролик');
    const mail = await world.mailTo(c.email, 2);
    expect(mail.text).toContain('Откройте это в кабинете автора');
    expect(mail.text).toContain('одноразовая и действует 7 дней');
    expect(portalToken(mail.text)).toBeTruthy();
  });

  it('a change request is emailed with a link to the brief; the manager sees what happened to it', async () => {
    const c = await world.invited('Fay Change');
    const b = await sentBrief(c.id);
    await world.mailTo(c.email, 2);
    const acc = await world.portalCall(c.portal, {
      method: 'POST',
      url: `/api/v1/portal/briefs/${b.id}/accept`,
      payload: { version: 1, name: 'Fay Change' },
    });
    expect(acc.statusCode).toBe(200);
    const changed = await w.ok('PATCH', `/campaigns/${b.campaignId}/briefs/${b.id}`, {
      title: 'Summer reel, 30 s',
      changeNote: 'Shorter cut: 30 seconds',
    });
    expect(changed).toMatchObject({ status: 'change_requested', pendingChangeVersion: 2 });
    expect(changed.outcome).toMatchObject({ status: 'sent', to: c.email, portalLink: 'included' });
    const mail = await world.mailTo(c.email, 3);
    expect(mail.subject).toBe(`A change to your brief for ${b.campaignName}: Summer reel, 30 s`);
    expect(mail.text).toContain('Shorter cut: 30 seconds');
    const s = await world.signIn(portalToken(mail.text)!);
    expect(s.res.json().next).toBe(`/portal/briefs?open=${b.id}`);
    // A plain edit of a draft emails nobody.
    const camp = await w.ok('POST', '/campaigns', {
      name: 'Draft',
      startsOn: '2026-08-01',
      endsOn: '2026-08-31',
    });
    const draft = await w.ok('POST', `/campaigns/${camp.id}/briefs`, { creatorId: c.id, title: 'Draft' });
    const edited = await w.ok('PATCH', `/campaigns/${camp.id}/briefs/${draft.id}`, { title: 'Draft 2' });
    expect(edited.outcome).toBeNull();
  });

  it('an agreement is emailed with a link that opens that agreement', async () => {
    const c = await world.invited('Gus Agree');
    const a = await w.ok('POST', '/agreements', {
      creatorId: c.id,
      type: 'one_off',
      startsOn: '2026-06-01',
      termMonths: 1,
      currency: 'USD',
      feeMinor: 100_000,
    });
    const sent = await w.ok('POST', `/agreements/${a.id}/send`, {});
    expect(sent.outcome).toMatchObject({ status: 'sent', portalLink: 'included' });
    const mail = await world.mailTo(c.email, 2);
    const s = await world.signIn(portalToken(mail.text)!);
    expect(s.res.statusCode).toBe(200);
    expect(s.res.json().next).toBe(`/portal/agreements?open=${a.id}`);
    const one = await world.portalCall(s.portal, { method: 'GET', url: `/api/v1/portal/agreements/${a.id}` });
    expect(one.json()).toMatchObject({ id: a.id, status: 'sent' });
  });
});

describe('declining a brief', () => {
  it('the creator declines a sent brief with a reason; the manager sees it on the brief, the timeline and the audit log', async () => {
    const c = await world.invited('Hal Decline');
    const b = await sentBrief(c.id);
    const decline = (payload: object) =>
      world.portalCall(c.portal, { method: 'POST', url: `/api/v1/portal/briefs/${b.id}/decline`, payload });
    const empty = await decline({ version: 1, reason: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['reason']);
    expect((await decline({ version: 2, reason: 'No' })).statusCode).toBe(409);

    now = new Date('2026-05-04T10:00:00Z');
    const res = await decline({ version: 1, reason: 'I am booked through July' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'declined',
      acceptedVersion: null,
      decline: { version: 1, reason: 'I am booked through July', at: '2026-05-04T10:00:00.000Z' },
    });
    // Neither accepted nor declined twice afterwards.
    const late = await world.portalCall(c.portal, {
      method: 'POST',
      url: `/api/v1/portal/briefs/${b.id}/accept`,
      payload: { version: 1, name: 'Hal Decline' },
    });
    expect(late.statusCode).toBe(409);
    expect((await decline({ version: 1, reason: 'Again' })).statusCode).toBe(409);

    const seen = await w.ok('GET', `/campaigns/${b.campaignId}/briefs/${b.id}`);
    expect(seen).toMatchObject({
      status: 'declined',
      decline: { version: 1, reason: 'I am booked through July' },
    });
    const timeline = await w.ok('GET', `/creators/${c.id}/timeline`);
    const entry = timeline.find((e: { type: string }) => e.type === 'brief_declined');
    expect(entry).toMatchObject({ reason: 'I am booked through July', data: { briefId: b.id, version: 1 } });
    const audit = await t.database.db
      .select({ changes: auditLog.changes, user: auditLog.actorUserId })
      .from(auditLog)
      .where(and(eq(auditLog.entityId, b.id), eq(auditLog.action, 'brief.declined')));
    expect(audit).toEqual([
      {
        user: null,
        changes: { version: 1, reason: 'I am booked through July', byCreator: c.id, ip: '127.0.0.1' },
      },
    ]);

    // The manager revises it (a new draft version, the decline cleared) and sends it again.
    const revised = await w.ok('PATCH', `/campaigns/${b.campaignId}/briefs/${b.id}`, { dueOn: '2026-08-20' });
    expect(revised).toMatchObject({ status: 'draft', currentVersion: 2, decline: null });
    const resent = await w.ok('POST', `/campaigns/${b.campaignId}/briefs/${b.id}/send`, {});
    expect(resent.brief).toMatchObject({ status: 'sent', currentVersion: 2 });
  });

  it('keeps the reason of a declined change request on its version', async () => {
    const c = await world.invited('Ida Change');
    const b = await sentBrief(c.id);
    await world.portalCall(c.portal, {
      method: 'POST',
      url: `/api/v1/portal/briefs/${b.id}/accept`,
      payload: { version: 1, name: 'Ida Change' },
    });
    await w.ok('PATCH', `/campaigns/${b.campaignId}/briefs/${b.id}`, { title: 'v2', changeNote: 'Earlier' });
    const no = await world.portalCall(c.portal, {
      method: 'POST',
      url: `/api/v1/portal/briefs/${b.id}/change-request`,
      payload: { version: 2, decision: 'decline', note: 'Cannot do earlier' },
    });
    expect(no.statusCode).toBe(200);
    const seen = await w.ok('GET', `/campaigns/${b.campaignId}/briefs/${b.id}`);
    expect(seen.versions[1]).toMatchObject({ changeStatus: 'declined', decisionNote: 'Cannot do earlier' });
    expect(seen).toMatchObject({ status: 'accepted', decline: null });
  });

  it('two declines at once: one wins, the other is 409', async () => {
    const c = await world.invited('Jo Race');
    const b = await sentBrief(c.id);
    const decline = (reason: string) =>
      world.portalCall(c.portal, {
        method: 'POST',
        url: `/api/v1/portal/briefs/${b.id}/decline`,
        payload: { version: 1, reason },
      });
    const codes = (await Promise.all([decline('First'), decline('Second')])).map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 409]);
    const rows = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, b.id), eq(auditLog.action, 'brief.declined')));
    expect(rows.length).toBe(1);
  });
});

describe('invoices the creator uploads', () => {
  const pdf = Buffer.concat([
    Buffer.from('%PDF-1.7\n'),
    Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
    Buffer.from('\n%%EOF\n'),
  ]);
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

  it('uploads a PDF on their payment; the manager sees it as the creator’s and downloads it byte for byte', async () => {
    const c = await world.invited('Kim Invoice');
    await w.ok('POST', '/deliverables', {
      creatorId: c.id,
      type: 'reel',
      status: 'approved',
      dueOn: '2026-05-20',
      costMinor: 40_000,
      costCurrency: 'EUR',
    });
    const generated = (await w.ok('POST', '/payments/generate', {})).payments as {
      id: string;
      creatorId: string;
    }[];
    const payment = generated.find((p) => p.creatorId === c.id)!;
    const url = `/api/v1/portal/payments/${payment.id}/invoices`;
    const up = (payload: object) => world.portalCall(c.portal, { method: 'POST', url, payload });

    const res = await up({
      filename: 'Счёт май.pdf',
      contentType: 'application/pdf',
      dataBase64: pdf.toString('base64'),
    });
    expect(res.statusCode, res.body).toBe(200);
    const inv = res.json();
    expect(inv).toMatchObject({
      paymentId: payment.id,
      filename: 'Счёт май.pdf',
      contentType: 'application/pdf',
      sizeBytes: 272,
      uploadedBy: null,
      byCreator: true,
    });

    // The manager's side: listed on the payment as the creator's, downloaded byte for byte.
    const list = await w.ok('GET', `/payments/${payment.id}/invoices`);
    expect(list.invoices).toEqual([inv]);
    const file = await w.call('GET', `/payments/${payment.id}/invoices/${inv.id}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.headers['content-disposition']).toBe(
      `attachment; filename="____ ___.pdf"; filename*=UTF-8''%D0%A1%D1%87%D1%91%D1%82%20%D0%BC%D0%B0%D0%B9.pdf`,
    );
    expect(Buffer.compare(file.rawPayload, pdf)).toBe(0);
    // And the creator downloads it too, the same way.
    const mine = await world.portalCall(c.portal, { method: 'GET', url: `${url}/${inv.id}` });
    expect(mine.headers['content-type']).toBe('application/pdf');
    expect(mine.headers['content-disposition']).toMatch(/^attachment; /);
    expect(mine.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(mine.rawPayload, pdf)).toBe(0);
    const portalList = await world.portalCall(c.portal, { method: 'GET', url });
    expect(portalList.json().invoices.map((x: { id: string }) => x.id)).toEqual([inv.id]);
    const audit = await t.database.db
      .select({ changes: auditLog.changes })
      .from(auditLog)
      .where(and(eq(auditLog.entityId, payment.id), eq(auditLog.action, 'payment.invoice_uploaded')));
    expect(audit).toEqual([
      {
        changes: {
          invoiceId: inv.id,
          filename: 'Счёт май.pdf',
          contentType: 'application/pdf',
          sizeBytes: 272,
          byCreator: c.id,
        },
      },
    ]);

    // Hostile uploads: each a 400 naming the field.
    const bad = async (body: Record<string, unknown>, field: string) => {
      const r = await up({
        filename: 'x.pdf',
        contentType: 'application/pdf',
        dataBase64: pdf.toString('base64'),
        ...body,
      });
      expect(r.statusCode, r.body).toBe(400);
      expect(r.json().error.fields.map((f: { field: string }) => f.field)).toContain(field);
    };
    await bad({ contentType: 'text/html' }, 'contentType');
    await bad({ filename: 'evil\u0000.pdf' }, 'filename');
    await bad({ filename: '' }, 'filename');
    await bad({ dataBase64: '' }, 'dataBase64');
    await bad(
      { dataBase64: Buffer.from('<html><script>alert(1)</script></html>').toString('base64') },
      'dataBase64',
    );
    await bad({ dataBase64: png.toString('base64') }, 'dataBase64'); // a PNG called a PDF
    await bad(
      { dataBase64: Buffer.concat([pdf, Buffer.alloc(4 * 1024 * 1024)]).toString('base64') },
      'dataBase64',
    );
    expect((await w.ok('GET', `/payments/${payment.id}/invoices`)).invoices).toHaveLength(1);

    // A cancelled payment takes no invoice from the creator, and is not theirs to read.
    await w.ok('POST', `/payments/${payment.id}/cancel`);
    expect(
      (await up({ filename: 'x.pdf', contentType: 'application/pdf', dataBase64: pdf.toString('base64') }))
        .statusCode,
    ).toBe(404);
  });
});

describe('screenshots of a post’s numbers', () => {
  it('the creator sends a PNG or WebP with their numbers; the manager downloads it; anything else is refused', async () => {
    const c = await world.invited('Lou Shot');
    const d = await w.ok('POST', '/deliverables', { creatorId: c.id, type: 'reel', dueOn: '2026-05-30' });
    const url = `/api/v1/portal/deliverables/${d.id}/screenshots`;
    const up = (payload: object) => world.portalCall(c.portal, { method: 'POST', url, payload });
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.alloc(100, 1),
    ]);
    const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0, 0, 0, 0]), Buffer.from('WEBPVP8 ')]);
    const res = await up({
      filename: 'stats.png',
      contentType: 'image/png',
      dataBase64: png.toString('base64'),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      deliverableId: d.id,
      sizeBytes: 108,
      byCreator: true,
      contentType: 'image/png',
    });
    const webpUp = await up({
      filename: 'stats.webp',
      contentType: 'image/webp',
      dataBase64: webp.toString('base64'),
    });
    expect(webpUp.statusCode, webpUp.body).toBe(200);

    const list = await w.ok('GET', `/deliverables/${d.id}/screenshots`);
    // Both at the same (test) moment, so the order is by id: compare them as a set.
    expect(list.screenshots.map((s: { filename: string }) => s.filename).sort()).toEqual([
      'stats.png',
      'stats.webp',
    ]);
    const file = await w.call('GET', `/deliverables/${d.id}/screenshots/${res.json().id}`);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.headers['content-disposition']).toBe(
      `attachment; filename="stats.png"; filename*=UTF-8''stats.png`,
    );
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(file.rawPayload, png)).toBe(0);

    const bad = async (body: Record<string, unknown>, field: string) => {
      const r = await up({
        filename: 'x.png',
        contentType: 'image/png',
        dataBase64: png.toString('base64'),
        ...body,
      });
      expect(r.statusCode, r.body).toBe(400);
      expect(r.json().error.fields.map((f: { field: string }) => f.field)).toContain(field);
    };
    await bad({ contentType: 'application/pdf' }, 'contentType');
    await bad({ contentType: 'image/svg+xml' }, 'contentType');
    await bad({ dataBase64: Buffer.from('%PDF-1.4\n').toString('base64') }, 'dataBase64');
    await bad({ dataBase64: Buffer.from('<svg onload=alert(1)>').toString('base64') }, 'dataBase64');
    await bad({ contentType: 'image/jpeg' }, 'dataBase64'); // a PNG called a JPEG
    await bad({ filename: 'a\u0000.png' }, 'filename');
    // 5 MB is the most; one byte more is refused.
    const big = Buffer.concat([png, Buffer.alloc(5 * 1024 * 1024 - png.length)]);
    expect(
      (await up({ filename: 'big.png', contentType: 'image/png', dataBase64: big.toString('base64') }))
        .statusCode,
    ).toBe(200);
    await bad({ dataBase64: Buffer.concat([big, Buffer.alloc(1)]).toString('base64') }, 'dataBase64');
    expect((await w.ok('GET', `/deliverables/${d.id}/screenshots`)).screenshots).toHaveLength(3);
  });
});
