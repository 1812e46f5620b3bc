import { type Clock, createSmtpMailer, deliverDueEmails, type Mailer, retryDelayMs } from '@evergreen/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCreator } from '../testing/factories/roster.ts';
import { newMember } from '../testing/factories/team.ts';
import { workspaceClient } from '../testing/factories/workspace.ts';
import {
  createTestApp,
  type Session,
  type TestApp,
  type TestAppOptions,
  uniqueEmail,
} from '../testing/harness.ts';
import { readMail, startSmtpServer } from '../testing/smtp.ts';

/** Emails to creators: templates, preview, sending through a real SMTP server, the outbox without SMTP. */

let now = new Date('2026-03-10T10:00:00Z');
const clock: Clock = { now: () => now };

const get = async (t: TestApp, s: Session, url: string) => {
  const res = await t.call(s, { method: 'GET', url });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

/** A fresh app (at `clock`'s time) with Olga Owner and her workspace Northwind. */
async function northwind(options: Omit<TestAppOptions, 'clock'> = {}) {
  const t = await createTestApp({ ...options, clock });
  const owner = await t.signUp('Olga Owner');
  return { t, owner, ws: (await t.createWorkspace(owner, 'Northwind')).id };
}

describe('emailing a creator through a real SMTP server', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let t: TestApp;
  let owner: Session;
  let ws: string;
  let mailer: ReturnType<typeof createSmtpMailer>;
  const deliver = (m = mailer) => deliverDueEmails({ db: t.database.db, clock, mailer: m });
  // The app sends through whichever SMTP server a test points it at (a send is tried at once).
  let current: Mailer;
  const appMailer: Mailer = {
    get configured() {
      return current.configured;
    },
    send: (e) => current.send(e),
    close: () => {},
  };

  beforeAll(async () => {
    smtp = await startSmtpServer();
    mailer = createSmtpMailer(smtp.url, 'Evergreen <team@evergreen.test>');
    current = mailer;
    ({ t, owner, ws } = await northwind({ mailer: appMailer }));
  });
  afterAll(async () => {
    mailer.close();
    await t.close();
    await smtp.close();
  });

  it('logs the touchpoint only once the SMTP server accepted the email, and the next check-in moves', async () => {
    const anna = await addCreator(workspaceClient(t, owner, ws), {
      displayName: 'Bake with Anna',
      legalName: 'Anna Petrova',
      email: 'anna@bakes.test',
      languages: ['en'],
    });
    const base = `/api/v1/workspaces/${ws}/creators/${anna.id}`;
    // Never contacted: due from the day she was added.
    expect((await get(t, owner, base)).checkIn.nextCheckInOn).toBe('2026-03-10');
    const today = await get(t, owner, `/api/v1/workspaces/${ws}/today`);
    expect(today.items[0]).toMatchObject({ creatorId: anna.id, nudge: { templateKey: 'check_in' } });

    now = new Date('2026-03-10T10:00:05Z');
    const res = await t.call(owner, {
      method: 'POST',
      url: `${base}/messages/send`,
      payload: { templateKey: today.items[0].nudge.templateKey },
    });
    expect(res.statusCode, res.body).toBe(200);
    const sent = res.json();
    // Sent at once, and the answer says so (read back from the outbox after the attempt).
    expect(sent).toMatchObject({
      smtpConfigured: true,
      deduplicated: false,
      outcome: { status: 'sent', reason: null, to: 'anna@bakes.test', subject: 'How are things, Anna?' },
      message: {
        kind: 'creator_message',
        creatorId: anna.id,
        toAddress: 'anna@bakes.test',
        subject: 'How are things, Anna?',
        status: 'sent',
        templateKey: 'check_in',
        language: 'en',
        touchpointKind: 'check_in',
        sentBy: 'Olga Owner',
      },
    });
    // Nothing more is due: it left with the request.
    expect(await deliver()).toEqual({ sent: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.to).toEqual(['anna@bakes.test']);
    expect(mail.raw).toMatch(new RegExp(`^Reply-To: ${owner.email}`, 'mi'));
    const { subject, text } = readMail(mail.raw);
    expect(subject).toBe('How are things, Anna?');
    expect(text.replace(/\r\n/g, '\n').trim()).toBe(`Hi Anna,

It has been a little while, so I wanted to see how you are. What are you working on at the moment, and is there anything you are excited about?

No agenda and nothing you need to do. If there is anything we could do to make working together easier, I would like to hear it.

Best,
Olga Owner
Northwind`);

    const tps = await get(t, owner, `${base}/touchpoints`);
    expect(tps).toHaveLength(1);
    expect(tps[0]).toMatchObject({
      occurredOn: '2026-03-10',
      channel: 'email',
      kind: 'check_in',
      summary: 'How are things, Anna?',
      byName: 'Olga Owner',
    });
    const after = await get(t, owner, base);
    expect(after.checkIn).toMatchObject({ lastTouchpointOn: '2026-03-10', nextCheckInOn: '2026-04-09' });
    const msgs = await get(t, owner, `${base}/messages`);
    expect(msgs.messages.map((m: { status: string; attempts: number }) => [m.status, m.attempts])).toEqual([
      ['sent', 1],
    ]);
    const timeline = await get(t, owner, `${base}/timeline`);
    expect(timeline[0]).toMatchObject({ type: 'touchpoint', data: { channel: 'email', kind: 'check_in' } });
  });

  it('retries after a refusal: exactly one email and exactly one touchpoint', async () => {
    const refusing = await startSmtpServer({ refuseFirst: 1 });
    const refusingMailer = createSmtpMailer(refusing.url, 'Evergreen <team@evergreen.test>');
    current = refusingMailer;
    try {
      const boris = await addCreator(workspaceClient(t, owner, ws), {
        displayName: 'Boris',
        email: 'boris@example.test',
      });
      const base = `/api/v1/workspaces/${ws}/creators/${boris.id}`;
      const payload = { templateKey: 'share_win', idempotencyKey: 'share-boris-1' };
      const first = (await t.call(owner, { method: 'POST', url: `${base}/messages/send`, payload })).json();
      // A retried request with the same key queues nothing new.
      const again = (await t.call(owner, { method: 'POST', url: `${base}/messages/send`, payload })).json();
      expect(again.message.id).toBe(first.message.id);
      expect(again.deduplicated).toBe(true);
      expect(first.message).toMatchObject({
        subject: 'Your latest post did really well',
        touchpointKind: 'shared_results',
      });
      // The request tried at once, the server refused: the answer says it waits for a retry, and why.
      expect(first.outcome).toMatchObject({ status: 'queued', reason: 'will_retry' });
      expect(first.outcome.lastError).toMatch(/451/);
      expect(again.outcome).toMatchObject({ status: 'queued', reason: 'will_retry', deduplicated: true });
      expect(refusing.refusedCount()).toBe(1);
      expect(await get(t, owner, `${base}/touchpoints`)).toEqual([]);
      const queued = (await get(t, owner, `${base}/messages`)).messages[0];
      expect(queued).toMatchObject({ status: 'queued', attempts: 1 });
      expect(queued.lastError).toMatch(/451/);

      // Not due yet, then due: two schedulers race for it, one sends it.
      expect(await deliver(refusingMailer)).toEqual({ sent: 0, failed: 0 });
      now = new Date(now.getTime() + retryDelayMs(1));
      const results = await Promise.all([deliver(refusingMailer), deliver(refusingMailer)]);
      expect(results.reduce((n, r) => n + r.sent, 0)).toBe(1);
      now = new Date(now.getTime() + 3_600_000);
      expect(await deliver(refusingMailer)).toEqual({ sent: 0, failed: 0 });

      expect(refusing.received).toHaveLength(1);
      const tps = await get(t, owner, `${base}/touchpoints`);
      expect(tps.map((x: { kind: string; channel: string }) => [x.kind, x.channel])).toEqual([
        ['shared_results', 'email'],
      ]);
      expect((await get(t, owner, `${base}/messages`)).messages[0]).toMatchObject({
        status: 'sent',
        attempts: 2,
        lastError: null,
      });
    } finally {
      current = mailer;
      refusingMailer.close();
      await refusing.close();
    }
  });

  it("writes in Russian to a creator whose language is Russian, and to the workspace's override in English", async () => {
    const maria = await addCreator(workspaceClient(t, owner, ws), {
      displayName: 'Мария печёт',
      legalName: 'Мария Иванова',
      email: 'maria@example.test',
      languages: ['ru', 'en'],
    });
    const kate = await addCreator(workspaceClient(t, owner, ws), {
      displayName: 'Kate Moss',
      email: 'kate@example.test',
    });
    // The workspace rewrites the English check-in; Russian keeps the built-in text.
    const created = await t.call(owner, {
      method: 'POST',
      url: `/api/v1/workspaces/${ws}/message-templates`,
      payload: {
        key: 'check_in',
        name: 'Our check-in',
        variants: [
          { language: 'en', subject: 'Hello {{creator.firstName}}', body: 'Hi {{creator.firstName}}!' },
        ],
      },
    });
    expect(created.statusCode, created.body).toBe(200);
    expect(created.json()).toMatchObject({
      key: 'check_in',
      kind: 'check_in',
      builtIn: true,
      variants: [
        { language: 'en', subject: 'Hello {{creator.firstName}}', source: 'workspace' },
        { language: 'ru', subject: 'Как дела, {{creator.greetingName}}?', source: 'default' },
      ],
    });

    const before = smtp.received.length;
    for (const c of [maria, kate]) {
      const res = await t.call(owner, {
        method: 'POST',
        url: `/api/v1/workspaces/${ws}/creators/${c.id}/messages/send`,
        payload: { templateKey: 'check_in' },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().outcome.status).toBe('sent');
    }
    expect(smtp.received.length - before).toBe(2);
    const toMaria = readMail(
      smtp.received.slice(before).find((m) => m.to.includes('maria@example.test'))!.raw,
    );
    expect(toMaria.subject).toBe('Как дела, Мария?');
    expect(toMaria.text.replace(/\r\n/g, '\n').trim()).toBe(`Здравствуйте, Мария!

Давно не общались — хочется узнать, как у вас дела. Над чем сейчас работаете, что радует?

Никакой повестки, отвечать срочно не нужно. Если что-то может сделать нашу совместную работу удобнее, расскажите — нам правда важно.

Всего доброго,
Olga Owner
Northwind`);
    const toKate = readMail(smtp.received.slice(before).find((m) => m.to.includes('kate@example.test'))!.raw);
    expect([toKate.subject, toKate.text.trim()]).toEqual(['Hello Kate', 'Hi Kate!']);
    const msgs = await get(t, owner, `/api/v1/workspaces/${ws}/creators/${maria.id}/messages`);
    expect(msgs.messages[0]).toMatchObject({ language: 'ru', status: 'sent' });
  });
});

describe('templates, preview and refusals', () => {
  let t: TestApp;
  let owner: Session;
  let ws: string;
  beforeAll(async () => ({ t, owner, ws } = await northwind()));
  afterAll(() => t.close());

  it('lists the built-in templates in both languages', async () => {
    const list = await get(t, owner, `/api/v1/workspaces/${ws}/message-templates`);
    expect(list.map((x: { key: string; kind: string }) => [x.key, x.kind])).toEqual([
      ['check_in', 'check_in'],
      ['share_win', 'shared_results'],
      ['ask_opinion', 'asked_opinion'],
      ['strategy_session', 'strategy_session'],
      ['thank_you', 'other'],
      ['overlap_notice', 'other'],
      ['brief_sent', 'brief'],
      ['agreement_sent', 'other'],
    ]);
    for (const x of list) {
      expect(x).toMatchObject({ id: null, builtIn: true });
      expect(x.variants.map((v: { language: string; source: string }) => [v.language, v.source])).toEqual([
        ['en', 'default'],
        ['ru', 'default'],
      ]);
    }
  });

  it('adds, changes and deletes a template, refusing unknown fields by name, with audit entries', async () => {
    const url = `/api/v1/workspaces/${ws}/message-templates`;
    const bad = await t.call(owner, {
      method: 'POST',
      url,
      payload: {
        key: 'launch_invite',
        name: 'Launch invite',
        variants: [{ language: 'en', subject: 'Hi', body: 'Hi {{creator.nickname}}' }],
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual([
      {
        field: 'variants.0.body',
        message: '{{creator.nickname}} is not a known merge field',
        code: 'unknown_field',
        params: { name: 'creator.nickname' },
      },
    ]);
    const created = await t.call(owner, {
      method: 'POST',
      url,
      payload: {
        key: 'launch_invite',
        name: 'Launch invite',
        kind: 'brief',
        variants: [{ language: 'ru', subject: 'Приглашение', body: 'Привет, {{creator.firstName}}!' }],
      },
    });
    expect(created.statusCode, created.body).toBe(200);
    const tpl = created.json();
    expect(tpl).toMatchObject({ key: 'launch_invite', kind: 'brief', builtIn: false });
    const dup = await t.call(owner, {
      method: 'POST',
      url,
      payload: { key: 'launch_invite', name: 'x', variants: [{ language: 'en', subject: 'a', body: 'b' }] },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.fields[0]).toMatchObject({ field: 'key', code: 'taken' });

    const patched = await t.call(owner, {
      method: 'PATCH',
      url: `${url}/${tpl.id}`,
      payload: {
        name: 'Launch',
        variants: [{ language: 'en', subject: 'Launch', body: 'Hi {{owner.name}}' }],
      },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().variants).toEqual([
      { language: 'en', subject: 'Launch', body: 'Hi {{owner.name}}', source: 'workspace' },
    ]);
    const list = await get(t, owner, url);
    expect(list.map((x: { key: string }) => x.key).at(-1)).toBe('launch_invite');

    const del = await t.call(owner, { method: 'DELETE', url: `${url}/${tpl.id}` });
    expect(del.statusCode).toBe(200);
    expect((await get(t, owner, url)).map((x: { key: string }) => x.key)).not.toContain('launch_invite');
    const audit = await get(t, owner, `/api/v1/workspaces/${ws}/audit?limit=200`);
    const entries = audit.entries.filter((e: { entityType: string }) => e.entityType === 'message_template');
    expect(entries.map((e: { action: string }) => e.action)).toEqual([
      'message_template.deleted',
      'message_template.updated',
      'message_template.created',
    ]);
    expect(entries[1].changes).toMatchObject({
      key: 'launch_invite',
      name: { from: 'Launch invite', to: 'Launch' },
    });
  });

  it('previews in the chosen language with the fields that came out empty', async () => {
    const c = await addCreator(workspaceClient(t, owner, ws), {
      displayName: 'Lena',
      email: 'lena@example.test',
      languages: ['ru'],
    });
    const url = `/api/v1/workspaces/${ws}/creators/${c.id}/messages/preview`;
    const ru = (await t.call(owner, { method: 'POST', url, payload: { templateKey: 'ask_opinion' } })).json();
    expect(ru).toMatchObject({
      to: 'lena@example.test',
      language: 'ru',
      templateKey: 'ask_opinion',
      kind: 'asked_opinion',
      subject: 'Ваше мнение о нашей следующей кампании',
      missingFields: [],
    });
    const en = (
      await t.call(owner, { method: 'POST', url, payload: { templateKey: 'ask_opinion', language: 'en' } })
    ).json();
    expect(en.subject).toBe('Your view on what we are planning next');
    const adHoc = await t.call(owner, {
      method: 'POST',
      url,
      payload: { subject: 'For {{creator.name}}', body: 'Your manager: {{owner.name}} <3' },
    });
    expect(adHoc.json()).toMatchObject({
      language: 'ru',
      templateKey: null,
      subject: 'For Lena',
      // An empty field prints nothing (the warning says which); the spaces around it stay.
      text: 'Your manager:  <3',
      html: '<p>Your manager:  &lt;3</p>',
      missingFields: ['owner.name'],
    });
    const unknown = await t.call(owner, {
      method: 'POST',
      url,
      payload: { subject: 'Hi', body: '{{lastPost.likes}}' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields[0]).toMatchObject({ field: 'body', code: 'unknown_field' });
    const both = await t.call(owner, {
      method: 'POST',
      url,
      payload: { templateKey: 'check_in', subject: 'x' },
    });
    // An edited template text gives both subject and body.
    expect(both.statusCode).toBe(400);
    const noSuch = await t.call(owner, { method: 'POST', url, payload: { templateKey: 'no_such' } });
    expect(noSuch.statusCode).toBe(400);
    expect(noSuch.json().error.fields[0]).toMatchObject({ field: 'templateKey', code: 'unknown_template' });
  });

  it('refuses to send to a creator without an email, naming the field', async () => {
    const c = await addCreator(workspaceClient(t, owner, ws), { displayName: 'No Mail' });
    const res = await t.call(owner, {
      method: 'POST',
      url: `/api/v1/workspaces/${ws}/creators/${c.id}/messages/send`,
      payload: { templateKey: 'check_in' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.fields).toEqual([{ field: 'email', message: 'is missing', code: 'no_email' }]);
  });
});

describe('without SMTP', () => {
  let t: TestApp;
  let owner: Session;
  let ws: string;
  beforeAll(async () => ({ t, owner, ws } = await northwind()));
  afterAll(() => t.close());

  it('queues the message, answers a mailto link, and logs the touchpoint once when marked sent', async () => {
    const anna = await addCreator(workspaceClient(t, owner, ws), {
      displayName: 'Anna',
      email: 'anna@example.test',
      tier: 2,
    });
    const base = `/api/v1/workspaces/${ws}/creators/${anna.id}`;
    const res = await t.call(owner, {
      method: 'POST',
      url: `${base}/messages/send`,
      payload: {
        subject: 'Quick hello',
        body: 'Hi {{creator.firstName}},\n\nHow are you?',
        kind: 'shared_results',
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const sent = res.json();
    expect(sent.smtpConfigured).toBe(false);
    expect(sent.mailto).toBe(
      'mailto:anna@example.test?subject=Quick%20hello&body=Hi%20Anna%2C%0D%0A%0D%0AHow%20are%20you%3F',
    );
    expect(sent.message).toMatchObject({
      status: 'queued',
      bodyText: 'Hi Anna,\n\nHow are you?',
      mailto: sent.mailto,
    });

    // Nothing can leave without SMTP: the outbox says so, and the message waits.
    expect(await deliverDueEmails({ db: t.database.db, clock, mailer: t.deps.mailer })).toEqual({
      sent: 0,
      failed: 0,
    });
    const outbox = await get(t, owner, `/api/v1/workspaces/${ws}/outbox`);
    expect(outbox.smtpConfigured).toBe(false);
    expect(outbox.messages[0]).toMatchObject({
      id: sent.message.id,
      kind: 'creator_message',
      status: 'queued',
    });
    expect((await get(t, owner, `${base}/messages`)).smtpConfigured).toBe(false);
    expect(await get(t, owner, `${base}/touchpoints`)).toEqual([]);

    const markUrl = `/api/v1/workspaces/${ws}/outbox/${sent.message.id}/mark-sent`;
    const marked = await t.call(owner, { method: 'POST', url: markUrl });
    expect(marked.statusCode, marked.body).toBe(200);
    expect(marked.json()).toMatchObject({ status: 'sent', sentAt: now.toISOString() });
    const tps = await get(t, owner, `${base}/touchpoints`);
    expect(tps).toHaveLength(1);
    expect(tps[0]).toMatchObject({
      channel: 'email',
      kind: 'shared_results',
      summary: 'Quick hello',
      byName: 'Olga Owner',
    });
    // Tier 2: every 90 days from today.
    expect((await get(t, owner, base)).checkIn.nextCheckInOn).toBe('2026-06-08');

    const twice = await t.call(owner, { method: 'POST', url: markUrl });
    expect(twice.statusCode).toBe(409);
    expect(await get(t, owner, `${base}/touchpoints`)).toHaveLength(1);
    const audit = await get(t, owner, `/api/v1/workspaces/${ws}/audit?limit=200`);
    expect(audit.entries.filter((e: { action: string }) => e.action === 'outbox.marked_sent')).toHaveLength(
      1,
    );
  });

  it('lets a manager mark creator messages sent, not other emails; an analyst reads the messages', async () => {
    const join = (role: 'manager' | 'analyst') => newMember(t, owner, ws, role, `A ${role}`);
    const manager = await join('manager');
    const analyst = await join('analyst');
    const c = await addCreator(workspaceClient(t, manager, ws), {
      displayName: 'Vera',
      email: uniqueEmail('vera'),
    });
    const sent = (
      await t.call(manager, {
        method: 'POST',
        url: `/api/v1/workspaces/${ws}/creators/${c.id}/messages/send`,
        payload: { templateKey: 'thank_you' },
      })
    ).json();
    const outbox = await get(t, owner, `/api/v1/workspaces/${ws}/outbox`);
    const invitationEmail = outbox.messages.find((m: { kind: string }) => m.kind === 'invitation');
    const mark = (id: string) =>
      t.call(manager, { method: 'POST', url: `/api/v1/workspaces/${ws}/outbox/${id}/mark-sent` });
    expect((await mark(invitationEmail.id)).statusCode).toBe(403);
    expect((await mark(sent.message.id)).statusCode).toBe(200);
    const seen = await get(t, analyst, `/api/v1/workspaces/${ws}/creators/${c.id}/messages`);
    expect(seen.messages).toHaveLength(1);
    expect(seen.messages[0]).toMatchObject({ status: 'sent', sentBy: 'A manager', touchpointKind: 'other' });
  });
});
