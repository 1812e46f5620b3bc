import { type Clock, renewDueAgreements } from '@evergreen/core';
import { auditLog } from '@evergreen/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedAgreement } from '../testing/factories/agreements.ts';
import { createCreator } from '../testing/factories/roster.ts';
import { signInAgain } from '../testing/factories/team.ts';
import { newWorkspace } from '../testing/factories/workspace.ts';
import { appWithOwner, type Session, type TestApp } from '../testing/harness.ts';

// A fixed clock, moved by hand: "today" starts as 2026-11-20 (UTC).
let now = new Date('2026-11-20T10:00:00Z');
const clock: Clock = { now: () => now };
const setToday = (day: string) => {
  now = new Date(`${day}T10:00:00Z`);
};

let t: TestApp;
let owner: Session;

/** Moves the clock far ahead: sessions last 30 days, so sign in again on the new day (the same
 * session object, so every workspace client made with it follows). */
async function travel(day: string) {
  setToday(day);
  Object.assign(owner, await signInAgain(t, owner));
}

beforeAll(async () => ({ t, owner } = await appWithOwner('Olga Owner', { clock })));
afterAll(() => t.close());

/** A fresh workspace per scenario, so lists and pipelines hold only that scenario's agreements. */
async function workspace(name: string) {
  const w = await newWorkspace(t, owner, name);
  return {
    ...w,
    creator: (displayName: string, extra: Record<string, unknown> = {}) =>
      createCreator(w, displayName, extra),
    /** Drafted, sent and accepted by typing the creator's name. */
    accepted: (creatorName: string, body: Record<string, unknown>) => acceptedAgreement(w, creatorName, body),
  };
}

describe('agreement lifecycle, end to end', () => {
  it('drafts, sends, accepts by typed name, activates, renews within the bound, ends', async () => {
    setToday('2026-11-20');
    const w = await workspace('Lifecycle Co');
    const creatorId = await w.creator('Анна', { legalName: 'Anna Smirnova' });
    const draft = await w.ok('POST', '/agreements', {
      creatorId,
      type: 'annual',
      startsOn: '2026-12-01',
      termMonths: 12,
      collaborationsPerYear: 12,
      currency: 'USD',
      rates: [{ deliverableType: 'reel', amountMinor: 350000 }],
      autoRenew: true,
    });
    expect(draft).toMatchObject({
      status: 'draft',
      title: 'Annual partnership with Анна',
      noticeDays: 30,
      reviewMaxAdjustPct: '10.00',
      paymentTermsDays: 30,
      language: 'en',
      termNumber: 1,
      dates: {
        termEndsOn: '2027-11-30',
        noticeDeadline: '2027-10-31',
        rateReviewOn: '2027-10-01',
        monthSixOn: '2027-06-01',
        effectiveEndOn: null,
        renewsOn: '2027-12-01',
      },
    });
    const id = draft.id;
    expect((await w.ok('PATCH', `/agreements/${id}`, { notes: 'Warm intro via Masha' })).notes).toBe(
      'Warm intro via Masha',
    );

    const early = await w.call('POST', `/agreements/${id}/accept`, { acceptedName: 'Анна' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toBe(
      'Cannot accept an agreement that is draft (allowed: edit, delete, send)',
    );

    expect((await w.ok('POST', `/agreements/${id}/send`)).agreement.status).toBe('sent');
    expect((await w.call('PATCH', `/agreements/${id}`, { notes: 'x' })).statusCode).toBe(409);
    expect((await w.call('DELETE', `/agreements/${id}`)).statusCode).toBe(409);

    const wrong = await w.call('POST', `/agreements/${id}/accept`, { acceptedName: 'Anna S.' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields[0]).toMatchObject({ field: 'acceptedName', code: 'name_mismatch' });

    // The legal name works too, in any case. It starts on 1 December, so it waits as accepted.
    const acc = await w.ok('POST', `/agreements/${id}/accept`, { acceptedName: 'ANNA smirnova' });
    expect(acc).toMatchObject({
      status: 'accepted',
      acceptedName: 'ANNA smirnova',
      acceptedIp: '127.0.0.1',
      acceptedOnBehalf: true,
      acceptedAt: '2026-11-20T10:00:00.000Z',
    });

    // The daily job activates it on its start date.
    setToday('2026-12-01');
    expect(await renewDueAgreements({ db: t.deps.db, clock }, { workspaceId: w.ws })).toEqual({
      activated: 1,
      renewed: 0,
      ended: 0,
    });
    expect((await w.ok('GET', `/agreements/${id}`)).status).toBe('active');

    // The review: 10% of 350000 is 35000, so 385000 is allowed and 385001 is not.
    await travel('2027-10-01');
    const beyond = await w.call('POST', `/agreements/${id}/renew`, {
      rates: [{ deliverableType: 'reel', amountMinor: 385001 }],
    });
    expect(beyond.statusCode).toBe(400);
    expect(beyond.json().error.fields).toEqual([
      {
        field: 'rates.0.amountMinor',
        message: 'must be between 315000 and 385000 (±10.00% of 350000)',
        code: 'out_of_review_bound',
        params: { minimum: 315000, maximum: 385000, current: 350000 },
      },
    ]);
    const next = await w.ok('POST', `/agreements/${id}/renew`, {
      rates: [{ deliverableType: 'reel', amountMinor: 385000 }],
      collaborationsPerYear: 13,
    });
    // Term 2 starts on 1 December, two months ahead: scheduled, not in force; its acceptance is
    // its own (none: it renews under term 1's), not a copy of term 1's.
    expect(next).toMatchObject({
      status: 'active',
      scheduled: true,
      termNumber: 2,
      previousAgreementId: id,
      startsOn: '2027-12-01',
      termMonths: 12,
      collaborationsPerYear: 13,
      rates: [{ deliverableType: 'reel', amountMinor: 385000 }],
      dates: { termEndsOn: '2028-11-30', monthSixOn: null },
      acceptedAt: null,
      acceptedName: null,
      acceptedIp: null,
      acceptedOnBehalf: null,
    });
    expect(await w.ok('GET', `/agreements/${id}`)).toMatchObject({
      nextAgreementId: next.id,
      scheduled: false,
      acceptedAt: '2026-11-20T10:00:00.000Z',
    });
    expect((await w.call('POST', `/agreements/${id}/renew`, {})).statusCode).toBe(409);
    // Nothing to renew on a term that has not started.
    const early2 = await w.call('POST', `/agreements/${next.id}/renew`, {});
    expect(early2.statusCode).toBe(409);
    expect(early2.json().error.message).toContain('starts on 2027-12-01');
    const listed = await w.ok('GET', `/agreements?creatorId=${creatorId}`);
    expect(
      listed.agreements.map((x: { termNumber: number; scheduled: boolean }) => [x.termNumber, x.scheduled]),
    ).toEqual([
      [2, true],
      [1, false],
    ]);
    const [audit] = await t.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, w.ws), eq(auditLog.action, 'agreement.renewed')));
    expect(audit!.changes).toMatchObject({
      nextAgreementId: next.id,
      collaborationsPerYear: { from: 12, to: 13 },
      rates: {
        from: [{ deliverableType: 'reel', amountMinor: 350000 }],
        to: [{ deliverableType: 'reel', amountMinor: 385000 }],
      },
    });

    // Term 1 ends after its last day (30 November 2027).
    await travel('2027-12-02');
    expect(await renewDueAgreements({ db: t.deps.db, clock }, { workspaceId: w.ws })).toEqual({
      activated: 0,
      renewed: 0,
      ended: 1,
    });
    expect(await w.ok('GET', `/agreements/${id}`)).toMatchObject({ status: 'ended', endedOn: '2027-11-30' });
    // From its first day, term 2 is in force.
    expect((await w.ok('GET', `/agreements/${next.id}`)).scheduled).toBe(false);

    // The creator gives 30 days' notice on 10 December: in force through 9 January.
    await travel('2027-12-10');
    const noticed = await w.ok('POST', `/agreements/${next.id}/notice`, {
      by: 'creator',
      reason: 'Moving on',
    });
    expect(noticed).toMatchObject({
      status: 'notice_given',
      noticeBy: 'creator',
      noticeGivenOn: '2027-12-10',
      dates: { effectiveEndOn: '2028-01-09', renewsOn: null },
    });
    expect((await w.call('POST', `/agreements/${next.id}/renew`, {})).statusCode).toBe(409);
    await travel('2028-01-09');
    expect((await renewDueAgreements({ db: t.deps.db, clock }, { workspaceId: w.ws })).ended).toBe(0);
    await travel('2028-01-10');
    expect((await renewDueAgreements({ db: t.deps.db, clock }, { workspaceId: w.ws })).ended).toBe(1);
    expect(await w.ok('GET', `/agreements/${next.id}`)).toMatchObject({
      status: 'ended',
      endedOn: '2028-01-09',
    });

    const timeline = await w.ok('GET', `/creators/${creatorId}/timeline`);
    expect(
      timeline
        .map((e: { type: string }) => e.type)
        .filter((x: string) => x.startsWith('agreement_'))
        .reverse(),
    ).toEqual([
      'agreement_created',
      'agreement_sent',
      'agreement_accepted',
      'agreement_activated',
      'agreement_renewed',
      'agreement_ended',
      'agreement_notice',
      'agreement_ended',
    ]);
    const list = await w.ok('GET', `/agreements?creatorId=${creatorId}`);
    expect(list.agreements.map((a: { termNumber: number }) => a.termNumber)).toEqual([2, 1]);
    expect((await w.ok('GET', '/agreements?status=ended&type=annual')).agreements).toHaveLength(2);
    expect((await w.ok('GET', '/agreements?type=retainer')).agreements).toHaveLength(0);
  });

  it('activates at once when accepted on or after the start; the job renews and ends what is due, once', async () => {
    setToday('2026-11-20');
    const w = await workspace('Job Co');
    const auto = await w.accepted('Auto Renew', {
      type: 'retainer',
      startsOn: '2025-11-01',
      termMonths: 12,
      monthlyFeeMinor: 300000,
      inclusions: [{ item: 'sponsored_post', quantity: 2 }],
      autoRenew: true,
    });
    expect(auto.status).toBe('active');
    const plain = await w.accepted('No Renew', {
      type: 'project',
      startsOn: '2026-09-01',
      termMonths: 2,
      feeMinor: 90000,
    });
    const running = await w.accepted('Still Running', {
      type: 'annual',
      startsOn: '2026-06-01',
      termMonths: 12,
    });

    expect(await renewDueAgreements({ db: t.deps.db, clock }, { workspaceId: w.ws })).toEqual({
      activated: 0,
      renewed: 1,
      ended: 2,
    });
    // Idempotent: nothing left to do.
    expect(await renewDueAgreements({ db: t.deps.db, clock }, { workspaceId: w.ws })).toEqual({
      activated: 0,
      renewed: 0,
      ended: 0,
    });
    const old = await w.ok('GET', `/agreements/${auto.id}`);
    expect(old).toMatchObject({ status: 'ended', endedOn: '2026-10-31' });
    const renewed = await w.ok('GET', `/agreements/${old.nextAgreementId}`);
    expect(renewed).toMatchObject({
      status: 'active',
      termNumber: 2,
      startsOn: '2026-11-01',
      monthlyFeeMinor: 300000,
      inclusions: [{ item: 'sponsored_post', quantity: 2 }],
    });
    expect(await w.ok('GET', `/agreements/${plain.id}`)).toMatchObject({
      status: 'ended',
      endedOn: '2026-10-31',
    });
    expect((await w.ok('GET', `/agreements/${running.id}`)).status).toBe('active');
  });
});

describe('renewal pipeline and Today', () => {
  it('lists every decision date within the window, sorted, with past-due ones flagged', async () => {
    setToday('2026-11-20');
    const w = await workspace('Pipeline Co');
    const a = await w.accepted('Pipe A', {
      type: 'annual',
      startsOn: '2026-01-01',
      termMonths: 12,
      autoRenew: true,
    });
    const b = await w.accepted('Pipe B', { type: 'retainer', startsOn: '2026-06-15', termMonths: 6 });
    const c = await w.accepted('Pipe C', { type: 'project', startsOn: '2026-11-01', termMonths: 2 });
    await w.accepted('Pipe D', { type: 'annual', startsOn: '2026-06-01', termMonths: 12 });
    // Still a draft: not in the pipeline.
    await w.ok('POST', '/agreements', {
      creatorId: await w.creator('Pipe E'),
      type: 'annual',
      startsOn: '2026-01-01',
      termMonths: 12,
      currency: 'USD',
    });
    const p = await w.ok('GET', '/renewals?within=90');
    expect(p.date).toBe('2026-11-20');
    expect(
      p.items.map((i: Record<string, unknown>) => [i.date, i.creatorName, i.kind, i.daysLeft, i.pastDue]),
    ).toEqual([
      ['2026-07-01', 'Pipe A', 'month_six', -142, true],
      ['2026-10-15', 'Pipe B', 'rate_review', -36, true],
      ['2026-11-01', 'Pipe A', 'rate_review', -19, true],
      ['2026-11-14', 'Pipe B', 'notice_deadline', -6, true],
      ['2026-12-01', 'Pipe D', 'month_six', 11, false],
      ['2026-12-01', 'Pipe A', 'notice_deadline', 11, false],
      ['2026-12-14', 'Pipe B', 'term_end', 24, false],
      ['2026-12-15', 'Pipe B', 'month_six', 25, false],
      ['2026-12-31', 'Pipe A', 'term_end', 41, false],
      ['2026-12-31', 'Pipe C', 'term_end', 41, false],
    ]);
    expect(p.items[0]).toMatchObject({ agreementId: a.id, autoRenew: true, renewsOn: '2027-01-01', tier: 1 });
    expect(p.items[1]).toMatchObject({ agreementId: b.id, autoRenew: false, renewsOn: null });
    expect(p.items.find((i: { agreementId: string }) => i.agreementId === c.id).kind).toBe('term_end');
    expect((await w.ok('GET', '/renewals?within=10')).items).toHaveLength(4);

    // Deciding month 6 takes it off; "learned" is required.
    const missing = await w.call('POST', `/agreements/${a.id}/extend-decision`, { decision: 'extend' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields[0].field).toBe('learned');
    const decided = await w.ok('POST', `/agreements/${a.id}/extend-decision`, {
      decision: 'extend',
      learned: 'Her audience asks for tutorials; reels beat stories 2:1',
    });
    expect(decided).toMatchObject({ extendDecision: 'extend', extendDecidedOn: '2026-11-20' });
    expect(
      (await w.call('POST', `/agreements/${a.id}/extend-decision`, { decision: 'move_on', learned: 'x' }))
        .statusCode,
    ).toBe(409);
    expect(
      (await w.call('POST', `/agreements/${c.id}/extend-decision`, { decision: 'extend', learned: 'x' }))
        .statusCode,
    ).toBe(409);
    // Notice settles the rest of B's decisions.
    await w.ok('POST', `/agreements/${b.id}/notice`, { by: 'brand' });
    const after = await w.ok('GET', '/renewals');
    expect(after.within).toBe(90);
    expect(after.items.map((i: Record<string, unknown>) => `${i.creatorName} ${i.kind}`)).toEqual([
      'Pipe A rate_review',
      'Pipe D month_six',
      'Pipe A notice_deadline',
      'Pipe A term_end',
      'Pipe C term_end',
    ]);

    // Today: decisions due within 14 days or past due, typed, before the check-ins of their bucket.
    const today = await w.ok('GET', '/today');
    const renewals = today.items.filter((i: { type: string }) => i.type === 'renewal_decision');
    expect(
      renewals.map((i: Record<string, unknown>) => [
        i.bucket,
        i.creatorName,
        i.decision,
        i.dueOn,
        i.daysOverdue,
      ]),
    ).toEqual([
      ['overdue', 'Pipe A', 'rate_review', '2026-11-01', 19],
      ['upcoming', 'Pipe D', 'month_six', '2026-12-01', 0],
      ['upcoming', 'Pipe A', 'notice_deadline', '2026-12-01', 0],
    ]);
    expect(renewals[0]).toMatchObject({ agreementId: a.id, autoRenew: true, renewsOn: '2027-01-01' });
    const checkIns = today.items.filter((i: { type: string }) => i.type === 'check_in');
    expect(checkIns.length).toBeGreaterThan(0);
    expect(checkIns[0]).toHaveProperty('nudge');
    const buckets = today.items.map((i: { bucket: string }) => i.bucket);
    expect(buckets).toEqual(
      [...buckets].sort(
        (x: string, y: string) =>
          ['overdue', 'due', 'upcoming'].indexOf(x) - ['overdue', 'due', 'upcoming'].indexOf(y),
      ),
    );
    // "Mine": the owner owns none of these creators.
    const mine = await w.ok('GET', '/today?scope=mine');
    expect(mine.items.filter((i: { type: string }) => i.type === 'renewal_decision')).toEqual([]);
  });
});

describe('retainer ledger and deliverables', () => {
  it('balances included against delivered month by month, and flags a creator behind', async () => {
    setToday('2026-11-20');
    const w = await workspace('Ledger Co');
    const r = await w.accepted('Lena Ledger', {
      type: 'retainer',
      startsOn: '2026-07-01',
      termMonths: 6,
      monthlyFeeMinor: 350000,
      inclusions: [{ item: 'sponsored_post', quantity: 2 }],
    });
    const post = (body: Record<string, unknown>) =>
      w.ok('POST', '/deliverables', {
        creatorId: r.creatorId,
        agreementId: r.id,
        type: 'sponsored_post',
        ...body,
      });
    await post({
      status: 'live',
      postedAt: '2026-07-05T12:00:00Z',
      url: 'https://instagram.com/p/1',
      platform: 'instagram',
    });
    await post({ status: 'approved', dueOn: '2026-07-20' });
    const aug = await post({ status: 'planned', dueOn: '2026-08-15' });
    await post({ status: 'planned', dueOn: '2026-09-10', costMinor: 175000, costCurrency: 'USD' });
    // The August one goes live (posted on the last evening of August, UTC).
    const live = await w.ok('PATCH', `/deliverables/${aug.id}`, {
      status: 'live',
      postedAt: '2026-08-31T23:30:00Z',
    });
    expect(live).toMatchObject({ status: 'live', postedAt: '2026-08-31T23:30:00.000Z', dueOn: '2026-08-15' });

    const ledger = await w.ok('GET', `/agreements/${r.id}/ledger`);
    expect(ledger.months.map((m: Record<string, unknown>) => [m.from, m.to, m.inProgress])).toEqual([
      ['2026-07-01', '2026-07-31', false],
      ['2026-08-01', '2026-08-31', false],
      ['2026-09-01', '2026-09-30', false],
      ['2026-10-01', '2026-10-31', false],
      ['2026-11-01', '2026-11-30', true],
    ]);
    expect(
      ledger.months.map((m: { items: Record<string, unknown>[] }) => {
        const i = m.items[0]!;
        return [i.included, i.delivered, i.balance, i.openRequests, i.creatorBehind, i.brandNotUsing];
      }),
    ).toEqual([
      [2, 2, 0, 0, false, false],
      [2, 1, 1, 0, false, false],
      [2, 0, 3, 1, true, false],
      [2, 0, 5, 1, true, false],
      [2, 0, 7, 1, false, false],
    ]);
    expect(ledger.creatorBehind).toEqual(['sponsored_post']);
    expect(ledger.brandNotUsing).toEqual([]);

    const listed = await w.ok('GET', `/deliverables?agreementId=${r.id}&status=live,approved`);
    expect(listed.deliverables).toHaveLength(3);

    // Another creator's agreement, a cost without currency, an annual agreement's ledger: refused.
    const other = await w.creator('Someone Else');
    const wrong = await w.call('POST', '/deliverables', {
      creatorId: other,
      agreementId: r.id,
      type: 'reel',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields[0].field).toBe('agreementId');
    const noCurrency = await w.call('POST', '/deliverables', {
      creatorId: other,
      type: 'reel',
      costMinor: 1,
    });
    expect(noCurrency.json().error.fields[0].field).toBe('costCurrency');
    const annual = await w.accepted('Annie Annual', {
      type: 'annual',
      startsOn: '2026-01-01',
      termMonths: 12,
    });
    expect((await w.call('GET', `/agreements/${annual.id}/ledger`)).statusCode).toBe(409);
  });
});

describe('agreement documents', () => {
  it('renders English and Russian documents as HTML and PDF', async () => {
    setToday('2026-11-20');
    const w = await workspace('Glow & Co');
    const creatorId = await w.creator('Анна Смирнова', { legalName: 'Anna Smirnova' });
    const base = {
      creatorId,
      type: 'retainer',
      startsOn: '2026-12-01',
      termMonths: 12,
      currency: 'USD',
      monthlyFeeMinor: 350000,
      inclusions: [
        { item: 'sponsored_post', quantity: 2 },
        { item: 'planning_meeting', quantity: 1 },
      ],
      rates: [{ deliverableType: 'story', amountMinor: 40000 }],
      usagePeriodDays: 90,
      exclusivityCategory: 'skincare',
      exclusivityDays: 30,
      autoRenew: true,
    };
    const en = await w.ok('POST', '/agreements', base);
    const html = await w.call('GET', `/agreements/${en.id}/document.html`);
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toContain('text/html');
    for (const text of [
      'Glow &amp; Co (“the Brand”) and Anna Smirnova (Анна Смирнова) (“the Creator”)',
      'starts on December 1, 2026 and runs for 12 months, through November 30, 2027 inclusive',
      'monthly retainer of $3,500.00',
      '<td>story</td><td class="num">$400.00</td>',
      'category “skincare” for 30 days',
      'renews automatically for 12 months at a time',
      'with 30 days’ written notice',
    ]) {
      expect(html.body).toContain(text);
    }

    const ru = await w.ok('POST', '/agreements', {
      ...base,
      language: 'ru',
      currency: 'RUB',
      monthlyFeeMinor: 25_000_000,
    });
    const ruHtml = (await w.call('GET', `/agreements/${ru.id}/document.html`)).body;
    for (const text of [
      'Анна Смирнова',
      'вступает в силу 1 декабря 2026 г. и действует 12 месяцев, по 30 ноября 2027 г. включительно',
      'Бренд ежемесячно выплачивает 250\u00a0000,00\u00a0₽.',
      'письменно уведомив другую за 30 дней',
    ]) {
      expect(ruHtml).toContain(text);
    }

    const pdf = await w.call('GET', `/agreements/${ru.id}/document.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.rawPayload.length).toBeGreaterThan(5000);
  });

  it("a renewed term's document says it is covered by term 1's acceptance, in its language", async () => {
    setToday('2026-11-20');
    const w = await workspace('Renewal docs');
    const body = {
      type: 'annual',
      startsOn: '2026-11-01',
      termMonths: 12,
      autoRenew: true,
      collaborationsPerYear: 12,
    };
    // Accepted on 20 November 2026, after the start: in force at once, so it can be renewed.
    const en = await w.accepted('Maya Lane', body);
    const ru = await w.accepted('Алина Соколова', { ...body, language: 'ru' });
    expect([en.status, ru.status]).toEqual(['active', 'active']);
    const en2 = await w.ok('POST', `/agreements/${en.id}/renew`, {});
    const ru2 = await w.ok('POST', `/agreements/${ru.id}/renew`, {});
    expect([en2.termNumber, en2.acceptedAt, ru2.termNumber, ru2.acceptedAt]).toEqual([2, null, 2, null]);

    const enHtml = (await w.call('GET', `/agreements/${en2.id}/document.html`)).body;
    expect(enHtml).toContain(
      'This term is an automatic renewal under the renewal clause and needs no new signature: it is covered by the acceptance of term 1 (accepted by typing the name “Maya Lane” on November 20, 2026).',
    );
    expect(enHtml).not.toContain('Signed by the Creator');
    const ruHtml = (await w.call('GET', `/agreements/${ru2.id}/document.html`)).body;
    expect(ruHtml).toContain(
      'оно покрывается принятием 1-го срока (принято вводом имени «Алина Соколова» 20 ноября 2026 г.).',
    );
    expect(ruHtml).not.toContain('За Бренд: ____');
    // Term 1 keeps its own acceptance line.
    expect((await w.call('GET', `/agreements/${en.id}/document.html`)).body).toContain(
      'Accepted by typing the name “Maya Lane” on November 20, 2026.',
    );
    // A renewal of an agreement that does not renew by itself is a draft to send and sign.
    const plain = await w.accepted('Nina Draft', { ...body, autoRenew: false });
    const draft = await w.ok('POST', `/agreements/${plain.id}/renew`, {});
    expect(draft.status).toBe('draft');
    const draftHtml = (await w.call('GET', `/agreements/${draft.id}/document.html`)).body;
    expect(draftHtml).toContain('Signed by the Creator: ____________________');
    expect(draftHtml).not.toContain('covered by the acceptance');
  });
});
