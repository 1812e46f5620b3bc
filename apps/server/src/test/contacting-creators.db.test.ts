import { type Clock, createSmtpMailer, deliverDueEmails } from '@evergreen/core';
import { outboxMessages } from '@evergreen/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignWithBrief as campaignWithBriefIn } from '../testing/factories/campaigns.ts';
import { addCreator } from '../testing/factories/roster.ts';
import { newWorkspace, type WorkspaceClient } from '../testing/factories/workspace.ts';
import { createTestApp, type Session, type TestApp } from '../testing/harness.ts';
import { readMail, startSmtpServer } from '../testing/smtp.ts';

/**
 * Everything that contacts a creator shows the message first, takes the manager's edit, and
 * answers with what really happened to each email (read back from the outbox after the send
 * attempt): sent, queued and why, or to send by hand. Through a real SMTP server, one that
 * refuses, and none at all.
 */

const now = new Date('2026-03-01T10:00:00Z');
const clock: Clock = { now: () => now };

interface Setup {
  t: TestApp;
  owner: Session;
  ws: string;
  w: WorkspaceClient;
}

async function setUp(t: TestApp): Promise<Setup> {
  const owner = await t.signUp('Olga Owner');
  const w = await newWorkspace(t, owner, 'Northwind');
  return { t, owner, ws: w.ws, w };
}

async function call(s: Setup, method: 'GET' | 'POST', url: string, payload?: object, expected = 200) {
  const res = await s.w.call(method, url, payload);
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(expected);
  return res.json();
}

async function creator(s: Setup, fields: object): Promise<string> {
  return (await addCreator(s.w, { markets: ['US'], ...fields })).id;
}

const campaignWithBrief = (s: Setup, creatorId: string, name?: string) =>
  campaignWithBriefIn(s.w, creatorId, name);

describe('a brief sent to a creator reaches them, through a real SMTP server', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let mailer: ReturnType<typeof createSmtpMailer>;
  let s: Setup;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    mailer = createSmtpMailer(smtp.url, 'Evergreen <team@evergreen.test>');
    s = await setUp(await createTestApp({ clock, mailer }));
  });
  afterAll(async () => {
    mailer.close();
    await s.t.close();
    await smtp.close();
  });

  it('previews the email in the creator’s language, sends the edited text, and logs it as a touchpoint', async () => {
    const boris = await creator(s, {
      displayName: 'Boris Cooks',
      legalName: 'Boris Ivanov',
      email: 'boris@cooks.test',
      languages: ['ru'],
    });
    const { campaignId, briefId } = await campaignWithBrief(s, boris);
    // Version 2 is the current one: the email carries it, not version 1.
    const B = `/campaigns/${campaignId}/briefs/${briefId}`;
    await s.t
      .call(s.owner, {
        method: 'PATCH',
        url: `/api/v1/workspaces/${s.ws}${B}`,
        payload: { title: 'Morning oats, v2' },
      })
      .then((r) => expect(r.statusCode, r.body).toBe(200));

    const preview = await call(s, 'POST', `${B}/send/preview`, {});
    expect(preview).toMatchObject({
      to: 'boris@cooks.test',
      language: 'ru',
      templateKey: 'brief_sent',
      kind: 'brief',
      subject: 'Бриф для «Spring oat milk»: Morning oats, v2',
      missingFields: [],
    });
    // Worked out by hand from the template: ru dates, the deliverable line, the brief's body.
    expect(preview.text).toContain('Здравствуйте, Boris!');
    expect(preview.text).toContain(
      'Morning oats, v2\n\nShow the oat milk in your real breakfast.\nNo script.',
    );
    expect(preview.text).toContain('Что делаем:\n- 2 × рилс (instagram), до 10 апреля 2026 г.');
    expect(preview.text).toContain('Срок: 12 апреля 2026 г.');
    // Nothing is sent by a preview.
    expect(smtp.received).toHaveLength(0);

    const edited = `${preview.text}\n\nP.S. Борис, спасибо за прошлую зиму!`;
    const out = await call(s, 'POST', `${B}/send`, { subject: preview.subject, body: edited });
    expect(out.brief.status).toBe('sent');
    expect(out.outcome).toMatchObject({
      creatorId: boris,
      creatorName: 'Boris Cooks',
      to: 'boris@cooks.test',
      status: 'sent',
      reason: null,
      lastError: null,
      deduplicated: false,
    });
    // It really left: the SMTP server has it, with the edited text.
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.to).toEqual(['boris@cooks.test']);
    const mail = readMail(smtp.received[0]!.raw);
    expect(mail.subject).toBe('Бриф для «Spring oat milk»: Morning oats, v2');
    expect(mail.text.replace(/\r\n/g, '\n')).toContain('P.S. Борис, спасибо за прошлую зиму!');
    expect(mail.text.replace(/\r\n/g, '\n')).toContain('- 2 × рилс (instagram), до 10 апреля 2026 г.');
    // And it is a touchpoint of kind brief, by the sender, on the day it left.
    const tps = await call(s, 'GET', `/creators/${boris}/touchpoints`);
    expect(tps).toHaveLength(1);
    expect(tps[0]).toMatchObject({
      occurredOn: '2026-03-01',
      channel: 'email',
      kind: 'brief',
      summary: 'Бриф для «Spring oat milk»: Morning oats, v2',
      byName: 'Olga Owner',
    });
    // Sending again is refused (the brief is sent) and sends nothing more.
    await call(s, 'POST', `${B}/send`, {}, 409);
    expect(smtp.received).toHaveLength(1);
  });

  it('a creator without an email: the brief is sent and the answer gives the text to send by hand', async () => {
    const carl = await creator(s, { displayName: 'Carl Coffee', languages: ['en'] });
    const { campaignId, briefId } = await campaignWithBrief(s, carl, 'Autumn');
    const B = `/campaigns/${campaignId}/briefs/${briefId}`;
    const preview = await call(s, 'POST', `${B}/send/preview`);
    expect(preview.to).toBeNull();
    const before = smtp.received.length;
    const out = await call(s, 'POST', `${B}/send`);
    expect(out.brief.status).toBe('sent');
    expect(out.outcome).toMatchObject({
      status: 'by_hand',
      reason: 'no_email',
      messageId: null,
      mailto: null,
      subject: 'Your brief for Autumn: Morning oats',
    });
    expect(out.outcome.text).toContain('- 2 × reel (instagram), by April 10, 2026');
    expect(smtp.received).toHaveLength(before);
  });

  it('a templated message sends the body the manager edited, and answers "sent"', async () => {
    const anna = await creator(s, {
      displayName: 'Bake with Anna',
      legalName: 'Anna Petrova',
      email: 'anna@bakes.test',
      languages: ['en'],
    });
    const preview = await call(s, 'POST', `/creators/${anna}/messages/preview`, { templateKey: 'check_in' });
    const body = preview.text.replace('Hi Anna,', 'Hi Anna,\n\nCongratulations on the new oven!');
    const out = await call(s, 'POST', `/creators/${anna}/messages/send`, {
      templateKey: 'check_in',
      subject: 'A quick hello',
      body,
    });
    expect(out.outcome).toMatchObject({ status: 'sent', reason: null, subject: 'A quick hello' });
    expect(out.message).toMatchObject({
      status: 'sent',
      templateKey: 'check_in',
      touchpointKind: 'check_in',
    });
    const mail = readMail(smtp.received.at(-1)!.raw);
    expect(mail.subject).toBe('A quick hello');
    expect(mail.text.replace(/\r\n/g, '\n')).toContain('Hi Anna,\n\nCongratulations on the new oven!');
    const tps = await call(s, 'GET', `/creators/${anna}/touchpoints`);
    expect(tps.map((x: { kind: string; summary: string }) => [x.kind, x.summary])).toEqual([
      ['check_in', 'A quick hello'],
    ]);
  });

  it('overlap notices: previewed per creator, sent with the edit, and reported per creator', async () => {
    const ids = {
      a: await creator(s, {
        displayName: 'Ada',
        legalName: 'Ada Lovelace',
        email: 'ada@x.test',
        languages: ['en'],
      }),
      b: await creator(s, {
        displayName: 'Bea',
        legalName: 'Bea Arthur',
        email: 'bea@x.test',
        languages: ['en'],
      }),
      c: await creator(s, { displayName: 'Cid (no email)', languages: ['en'] }),
    };
    const k = await call(s, 'POST', '/campaigns', {
      name: 'Summer',
      products: ['Cold Brew'],
      markets: ['US'],
      startsOn: '2026-06-01',
      endsOn: '2026-06-30',
    });
    for (const id of Object.values(ids))
      await call(s, 'POST', `/campaigns/${k.id}/briefs`, { creatorId: id, title: 'Cold brew' });
    const req = { campaignIds: [k.id], creatorIds: [ids.a, ids.b, ids.c] };
    const before = smtp.received.length;
    const preview = await call(s, 'POST', '/calendar/overlaps/notify/preview', req);
    expect(
      preview.messages.map((m: { creatorName: string; to: string | null }) => [m.creatorName, m.to]),
    ).toEqual([
      ['Ada', 'ada@x.test'],
      ['Bea', 'bea@x.test'],
      ['Cid (no email)', null],
    ]);
    expect(preview.messages[0].subject).toBe('A heads-up about Cold Brew');
    expect(preview.messages[0].text).toContain('Hi Ada,');
    expect(smtp.received).toHaveLength(before);

    const out = await call(s, 'POST', '/calendar/overlaps/notify', {
      ...req,
      messages: [{ creatorId: ids.b, subject: 'Cold brew, heads-up', body: 'Hi Bea, just so you know.' }],
    });
    expect(
      out.outcomes.map((o: { creatorName: string; status: string; reason: string | null }) => [
        o.creatorName,
        o.status,
        o.reason,
      ]),
    ).toEqual([
      ['Ada', 'sent', null],
      ['Bea', 'sent', null],
      ['Cid (no email)', 'by_hand', 'no_email'],
    ]);
    expect(out.outcomes[2].text).toContain('Hi Cid,');
    const got = Object.fromEntries(smtp.received.slice(before).map((m) => [m.to[0], readMail(m.raw)]));
    expect(Object.keys(got).sort()).toEqual(['ada@x.test', 'bea@x.test']);
    expect(got['bea@x.test']).toMatchObject({ subject: 'Cold brew, heads-up' });
    expect(got['bea@x.test']!.text.trim()).toBe('Hi Bea, just so you know.');
    expect(got['ada@x.test']!.text).toContain('Hi Ada,');
    // An edit for someone outside the notice is refused, naming the field.
    const bad = await call(
      s,
      'POST',
      '/calendar/overlaps/notify',
      {
        ...req,
        messages: [
          { creatorId: ids.c, subject: 'x', body: 'y' },
          { creatorId: k.id, subject: 'x', body: 'y' },
        ],
      },
      400,
    );
    expect(bad.error.fields[0]).toMatchObject({ field: 'messages.1.creatorId', code: 'not_in_overlap' });
  });
});

describe('without SMTP, and with an SMTP server that refuses: queued, and why', () => {
  it('says "queued: SMTP is not configured" and logs no touchpoint', async () => {
    const s = await setUp(await createTestApp({ clock }));
    try {
      const dana = await creator(s, { displayName: 'Dana', email: 'dana@x.test', languages: ['en'] });
      const { campaignId, briefId } = await campaignWithBrief(s, dana);
      const out = await call(s, 'POST', `/campaigns/${campaignId}/briefs/${briefId}/send`, {});
      expect(out.outcome).toMatchObject({ status: 'queued', reason: 'smtp_not_configured', lastError: null });
      expect(out.outcome.mailto).toMatch(/^mailto:dana@x\.test\?subject=/);
      const [row] = await s.t.database.db
        .select()
        .from(outboxMessages)
        .where(eq(outboxMessages.id, out.outcome.messageId));
      expect(row).toMatchObject({ status: 'queued', kind: 'creator_message', toAddress: 'dana@x.test' });
      expect(row!.meta).toMatchObject({
        creatorId: dana,
        touchpointKind: 'brief',
        templateKey: 'brief_sent',
      });
      expect(await call(s, 'GET', `/creators/${dana}/touchpoints`)).toEqual([]);
    } finally {
      await s.t.close();
    }
  });

  it('says "queued: will retry" with what the server answered, then sends on the retry', async () => {
    const smtp = await startSmtpServer({ refuseFirst: 1 });
    const mailer = createSmtpMailer(smtp.url, 'Evergreen <team@evergreen.test>');
    const s = await setUp(await createTestApp({ clock, mailer }));
    try {
      const eve = await creator(s, { displayName: 'Eve', email: 'eve@x.test', languages: ['en'] });
      const out = await call(s, 'POST', `/creators/${eve}/messages/send`, { templateKey: 'check_in' });
      expect(out.outcome).toMatchObject({ status: 'queued', reason: 'will_retry' });
      expect(out.outcome.lastError).toMatch(/Try again later/);
      // First retry after 1 minute (retryDelayMs(1)).
      expect(out.outcome.nextAttemptAt).toBe('2026-03-01T10:01:00.000Z');
      expect(smtp.received).toHaveLength(0);
      const later: Clock = { now: () => new Date('2026-03-01T10:01:00Z') };
      expect(await deliverDueEmails({ db: s.t.database.db, clock: later, mailer })).toEqual({
        sent: 1,
        failed: 0,
      });
      expect(smtp.received).toHaveLength(1);
    } finally {
      mailer.close();
      await s.t.close();
      await smtp.close();
    }
  });
});

describe('an agreement sent to a creator reaches them', () => {
  it('shows the agreement in its language, sends the edit, reports it sent, and logs the touchpoint', async () => {
    const smtp = await startSmtpServer();
    const mailer = createSmtpMailer(smtp.url, 'Evergreen <team@evergreen.test>');
    const s = await setUp(await createTestApp({ clock, mailer }));
    try {
      const alina = await creator(s, {
        displayName: 'Alina Bakes',
        legalName: 'Соколова Алина Игоревна',
        email: 'alina@bakes.test',
        languages: ['ru'],
      });
      const a = await call(s, 'POST', '/agreements', {
        creatorId: alina,
        type: 'annual',
        startsOn: '2026-04-01',
        termMonths: 12,
        collaborationsPerYear: 12,
        currency: 'RUB',
        language: 'ru',
      });
      // Untitled: titled in the agreement's language.
      expect(a.title).toBe('Годовое партнёрство: Alina Bakes');
      const preview = await call(s, 'POST', `/agreements/${a.id}/send/preview`);
      expect(preview).toMatchObject({
        to: 'alina@bakes.test',
        language: 'ru',
        templateKey: 'agreement_sent',
        subject: 'Наше соглашение: Годовое партнёрство: Alina Bakes',
      });
      expect(preview.text).toContain('Здравствуйте, Алина!');
      expect(preview.text).toContain('1. Стороны');
      expect(preview.text).toContain('Стороны планируют сотрудничать 12 раз в год.');
      expect(smtp.received).toHaveLength(0);

      const out = await call(s, 'POST', `/agreements/${a.id}/send`, {
        subject: preview.subject,
        body: preview.text.replace('Здравствуйте, Алина!', 'Алина, добрый день!'),
      });
      expect(out.agreement.status).toBe('sent');
      expect(out.outcome).toMatchObject({ status: 'sent', reason: null, to: 'alina@bakes.test' });
      expect(smtp.received).toHaveLength(1);
      const mail = readMail(smtp.received[0]!.raw);
      expect(mail.subject).toBe('Наше соглашение: Годовое партнёрство: Alina Bakes');
      expect(mail.text.replace(/\r\n/g, '\n')).toContain('Алина, добрый день!');
      expect(mail.text.replace(/\r\n/g, '\n')).toContain('2. Срок');
      const tps = await call(s, 'GET', `/creators/${alina}/touchpoints`);
      expect(tps.map((x: { channel: string; summary: string }) => [x.channel, x.summary])).toEqual([
        ['email', 'Наше соглашение: Годовое партнёрство: Alina Bakes'],
      ]);
    } finally {
      mailer.close();
      await s.t.close();
      await smtp.close();
    }
  });
});
