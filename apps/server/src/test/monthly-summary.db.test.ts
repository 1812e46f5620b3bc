import { type Clock, createSmtpMailer, deliverDueEmails, runMonthlySummaries } from '@evergreen/core';
import { deliverables, monthlySummaries, queryRows, touchpoints, workspaces } from '@evergreen/db';
import { openSecondPool } from '@evergreen/db/testing';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importOrdersCsv, ORDERS_HEADER, refreshFacts, tracker } from '../testing/factories/performance.ts';
import { addCreator } from '../testing/factories/roster.ts';
import { newWorkspace, type WorkspaceClient } from '../testing/factories/workspace.ts';
import { createTestApp, type TestApp } from '../testing/harness.ts';
import { readMail, startSmtpServer } from '../testing/smtp.ts';

/**
 * Monthly results summaries (docs/portal.md, "Monthly summaries"): on the 1st in the workspace's
 * time zone each active creator gets last month once — whatever runs the job, how often, and at
 * once — in their language, compared only with their own earlier months; a "shared results"
 * touchpoint when it leaves; the creator page says what happened.
 */

// 30 Nov 21:30 UTC is 1 Dec 00:30 in Moscow: November is due there, not yet in UTC.
let now = new Date('2026-11-30T21:30:00Z');
const clock: Clock = { now: () => now };
const PUBLIC = 'http://evergreen.test';

describe('monthly results summaries', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let mailer: ReturnType<typeof createSmtpMailer>;
  let t: TestApp;
  let w: WorkspaceClient;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    // The roster is set up during 30 November (Moscow): before the month ends there.
    now = new Date('2026-11-30T12:00:00Z');
    smtp = await startSmtpServer();
    mailer = createSmtpMailer(smtp.url, 'Evergreen <team@evergreen.test>');
    t = await createTestApp({ clock, mailer, publicUrl: PUBLIC });
    const owner = await t.signUp('Olga Owner');
    w = await newWorkspace(t, owner, 'Northwind');
    await t.database.db.update(workspaces).set({ timeZone: 'Europe/Moscow' }).where(eq(workspaces.id, w.ws));
    ids.alina = (
      await addCreator(w, {
        displayName: 'Alina Sokolova',
        greetingName: 'Алина',
        email: 'alina@creators.test',
        languages: ['ru'],
      })
    ).id;
    ids.boris = (await addCreator(w, { displayName: 'Boris', email: 'boris@creators.test' })).id;
    ids.chen = (await addCreator(w, { displayName: 'Chen' })).id;
    ids.dana = (
      await addCreator(w, { displayName: 'Dana', email: 'dana@creators.test', status: 'paused' })
    ).id;
    // Alina: a November post at 120/3,000 = 4.0%, a September one at 60/3,000 = 2.0%.
    const post = async (postedAt: string) => {
      const [d] = await t.database.db
        .insert(deliverables)
        .values({
          workspaceId: w.ws,
          creatorId: ids.alina!,
          type: 'sponsored_post',
          sponsored: true,
          status: 'live',
          title: `Oats ${postedAt.slice(0, 7)}`,
          postedAt: new Date(postedAt),
        })
        .returning({ id: deliverables.id });
      return d!.id;
    };
    const september = await post('2026-09-05T10:00:00Z');
    const november = await post('2026-11-10T10:00:00Z');
    await w.ok(
      'POST',
      '/metrics/batch',
      {
        snapshots: [
          { deliverableId: september, capturedAt: '2026-09-12T10:00:00Z', reach: 3000, likes: 60 },
          { deliverableId: november, capturedAt: '2026-11-17T10:00:00Z', reach: 3000, likes: 120 },
        ],
      },
      { headers: { 'idempotency-key': 'monthly-1' } },
    );
    await tracker(w, ids.alina!, { code: 'ALINA10' });
    await refreshFacts(w);
    // Two November orders with her code ($50 + $30 = $80), one in October ($90).
    await importOrdersCsv(
      w,
      [
        ORDERS_HEADER,
        'o1,c1,2026-10-01T12:00:00Z,90.00,USD,ALINA10,,,',
        'o2,c2,2026-11-12T12:00:00Z,50.00,USD,ALINA10,,,',
        'o3,c3,2026-11-20T12:00:00Z,30.00,USD,alina10,,,',
      ].join('\n'),
    );
    await w.ok('PUT', `/creators/${ids.alina}/monthly-summary`, { note: 'Спасибо за ноябрь!' });
    await w.ok('PUT', `/creators/${ids.boris}/monthly-summary`, { enabled: false });
    now = new Date('2026-11-30T21:30:00Z'); // 1 December, 00:30 in Moscow
  });
  afterAll(async () => {
    mailer.close();
    await t?.close();
    await smtp?.close();
  });

  it('is not due in UTC on 30 November, and is due in Moscow, where it is 1 December', async () => {
    await t.database.db.update(workspaces).set({ timeZone: 'UTC' }).where(eq(workspaces.id, w.ws));
    expect(await runMonthlySummaries({ db: t.database.db, clock, publicUrl: PUBLIC })).toEqual({
      queued: 0,
      skipped: 0,
    });
    await t.database.db.update(workspaces).set({ timeZone: 'Europe/Moscow' }).where(eq(workspaces.id, w.ws));
  });

  it('previews the next summary with the figures so far, in the creator’s language', async () => {
    const v = await w.ok('GET', `/creators/${ids.alina}/monthly-summary`);
    // It is 1 December in Moscow: the next summary is December's, sent on 1 January.
    expect(v.nextMonth).toBe('2026-12');
    expect(v.nextSendOn).toBe('2027-01-01');
    expect(v.enabled).toBe(true);
    expect(v.note).toBe('Спасибо за ноябрь!');
    expect(v.preview.language).toBe('ru');
    expect(v.preview.subject).toBe('Ваши результаты за декабрь 2026 г. — «Northwind»');
    expect(v.history).toEqual([]);
    const b = await w.ok('GET', `/creators/${ids.boris}/monthly-summary`);
    expect(b.nextBlockedBy).toBe('opted_out');
    expect((await w.ok('GET', `/creators/${ids.chen}/monthly-summary`)).nextBlockedBy).toBe('no_email');
    expect((await w.ok('GET', `/creators/${ids.dana}/monthly-summary`)).nextBlockedBy).toBe('not_active');
  });

  it('queues one summary per active creator, however often and from however many pools it runs', async () => {
    const second = await openSecondPool(t.database);
    try {
      const runs = await Promise.all([
        runMonthlySummaries({ db: t.database.db, clock, publicUrl: PUBLIC }),
        runMonthlySummaries({ db: second.db, clock, publicUrl: PUBLIC }),
        runMonthlySummaries({ db: t.database.db, clock, publicUrl: PUBLIC }),
      ]);
      // Alina queued; Boris (switched off) and Chen (no email) recorded as not sent; Dana (paused) nothing.
      expect(runs.reduce((s, r) => s + r.queued, 0)).toBe(1);
      expect(runs.reduce((s, r) => s + r.skipped, 0)).toBe(2);
    } finally {
      await second.close();
    }
    // A "restart": a new run later that day finds everything done. Erik, added to the roster
    // today, after November ended, is not sent a summary of November.
    now = new Date('2026-12-01T09:00:00Z');
    ids.erik = (await addCreator(w, { displayName: 'Erik', email: 'erik@creators.test' })).id;
    expect(await runMonthlySummaries({ db: t.database.db, clock, publicUrl: PUBLIC })).toEqual({
      queued: 0,
      skipped: 0,
    });
    const rows = await t.database.db
      .select({
        creatorId: monthlySummaries.creatorId,
        status: monthlySummaries.status,
        month: monthlySummaries.month,
      })
      .from(monthlySummaries)
      .where(eq(monthlySummaries.workspaceId, w.ws));
    expect(rows.map((r) => [r.creatorId, r.month, r.status]).sort()).toEqual(
      [
        [ids.alina, '2026-11', 'queued'],
        [ids.boris, '2026-11', 'opted_out'],
        [ids.chen, '2026-11', 'no_email'],
      ].sort(),
    );
    // Not sent yet: the page says queued.
    const v = await w.ok('GET', `/creators/${ids.alina}/monthly-summary`);
    expect(v.history.map((h: { month: string; status: string }) => [h.month, h.status])).toEqual([
      ['2026-11', 'queued'],
    ]);
    // The personal line went into November's summary and is cleared for the next one.
    expect(v.note).toBeNull();
  });

  it('delivers it once, in Russian, compared with her own earlier months, and logs a touchpoint', async () => {
    await deliverDueEmails({ db: t.database.db, clock, mailer });
    await deliverDueEmails({ db: t.database.db, clock, mailer });
    const mails = smtp.received.filter((m) => m.to.includes('alina@creators.test'));
    const summaries = mails
      .map((m) => readMail(m.raw))
      .filter((m) => m.subject.startsWith('Ваши результаты'));
    expect(summaries.length).toBe(1);
    const { subject, text } = summaries[0]!;
    expect(subject).toBe('Ваши результаты за ноябрь 2026 г. — «Northwind»');
    expect(text).toContain('Здравствуйте, Алина!');
    expect(text).toContain('Спасибо за ноябрь!');
    // November: 1 post (Aug–Oct: 1 post over 3 months = 0.3 a month), 4.0% vs 2.0%,
    // 2 orders (1 over 3 months = 0.3), $80 (90/3 = $30 a month).
    expect(text).toContain('Публикаций: 1 (в среднем за 3 предыдущих месяца: 0,3)');
    expect(text).toMatch(/Вовлечённость: 4,0\s?% \(в среднем за 3 предыдущих месяца: 2,0\s?%\)/);
    expect(text).toContain('Заказы по вашим промокодам и ссылкам: 2 (в среднем за 3 предыдущих месяца: 0,3)');
    expect(text).toContain('Выручка с этих заказов: 80.00 USD (в среднем за 3 предыдущих месяца: 30.00 USD)');
    expect(text).toMatch(/• Oats 2026-11 — 4,0\s?%/);
    expect(text).not.toContain('Boris');
    // No portal access: no link, a word on how to get one.
    expect(text).toContain('Попросите «Northwind» открыть вам кабинет автора');
    // Nobody else got a summary.
    expect(smtp.received.filter((m) => !m.to.includes('alina@creators.test'))).toEqual([]);

    const tps = await t.database.db
      .select({ kind: touchpoints.kind, channel: touchpoints.channel })
      .from(touchpoints)
      .where(and(eq(touchpoints.workspaceId, w.ws), eq(touchpoints.creatorId, ids.alina!)));
    expect(tps).toEqual([{ kind: 'shared_results', channel: 'email' }]);
    const [c] = await queryRows<{ last: string }>(
      t.database.db,
      sql`select last_touchpoint_on::text as last from creators where id = ${ids.alina}`,
    );
    expect(c!.last).toBe('2026-12-01');

    const v = await w.ok('GET', `/creators/${ids.alina}/monthly-summary`);
    expect(v.history[0]).toMatchObject({ month: '2026-11', status: 'sent', to: 'alina@creators.test' });
    expect(v.history[0].sentAt).toBe('2026-12-01T09:00:00.000Z');
    const b = await w.ok('GET', `/creators/${ids.boris}/monthly-summary`);
    expect(b.history[0]).toMatchObject({ month: '2026-11', status: 'not_sent', reason: 'opted_out' });
    const ch = await w.ok('GET', `/creators/${ids.chen}/monthly-summary`);
    expect(ch.history[0]).toMatchObject({ month: '2026-11', status: 'not_sent', reason: 'no_email' });
  });

  it('carries a single-use sign-in link for a creator with portal access, and is off past the 7th', async () => {
    // Eva joined on 30 November (Moscow), before the month ended; she has portal access.
    now = new Date('2026-11-30T20:00:00Z');
    const eva = (await addCreator(w, { displayName: 'Eva', email: 'eva@creators.test' })).id;
    await w.ok('POST', `/creators/${eva}/portal/invite`);
    now = new Date('2026-12-01T09:00:00Z');
    await runMonthlySummaries({ db: t.database.db, clock, publicUrl: PUBLIC });
    await deliverDueEmails({ db: t.database.db, clock, mailer });
    const mail = smtp.received
      .filter((m) => m.to.includes('eva@creators.test'))
      .map((m) => readMail(m.raw))
      .find((m) => m.subject.startsWith('Your results'));
    expect(mail?.subject).toBe('Your results for November 2026 with Northwind');
    const link = mail!.text.match(/http:\/\/evergreen\.test\/portal\/sign-in\/(\S+)/)?.[1];
    expect(link).toBeTruthy();
    const signIn = await t.call(null, {
      method: 'POST',
      url: '/api/v1/portal/auth/sign-in',
      payload: { token: link },
    });
    expect(signIn.statusCode, signIn.body).toBe(200);
    const again = await t.call(null, {
      method: 'POST',
      url: '/api/v1/portal/auth/sign-in',
      payload: { token: link },
    });
    expect(again.statusCode).toBe(401);

    // 8 December: a creator added now waits for January's summary of December.
    now = new Date('2026-12-08T09:00:00Z');
    await addCreator(w, { displayName: 'Fay', email: 'fay@creators.test' });
    expect(await runMonthlySummaries({ db: t.database.db, clock, publicUrl: PUBLIC })).toEqual({
      queued: 0,
      skipped: 0,
    });
  });

  it('refuses a personal line over 500 characters, naming the field', async () => {
    const res = await w.call('PUT', `/creators/${ids.alina}/monthly-summary`, { note: 'x'.repeat(501) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].field).toBe('note');
  });
});
