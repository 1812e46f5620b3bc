import { type Clock, createSmtpMailer, deliverDueEmails } from '@evergreen/core';
import { agreements, outboxMessages } from '@evergreen/db';
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../testing/harness.ts';
import { readMail, startSmtpServer } from '../testing/smtp.ts';

/**
 * Campaigns and briefs end to end: rotation suggestions with their reasons, versioned briefs and
 * change requests, urgent content, the overlap calendar and telling the creators involved.
 */

// Today is 2026-03-01 for the whole file.
const clock: Clock = { now: () => new Date('2026-03-01T10:00:00Z') };

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let mailer: ReturnType<typeof createSmtpMailer>;
let owner: Session;
let ws: string;
let W: string;
const ids: Record<string, string> = {};

const call = async (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, expected = 200) => {
  const res = await t.call(owner, { method, url: `${W}${url}`, payload });
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(expected);
  return res.json();
};
const get = (url: string) => call('GET', url);
const post = (url: string, payload?: object, expected?: number) => call('POST', url, payload, expected);
const patch = (url: string, payload: object, expected?: number) => call('PATCH', url, payload, expected);

beforeAll(async () => {
  smtp = await startSmtpServer();
  mailer = createSmtpMailer(smtp.url, 'Evergreen <team@evergreen.test>');
  t = await createTestApp({ clock, mailer });
  owner = await t.signUp('Olga Owner');
  ws = (await t.createWorkspace(owner, 'Northwind')).id;
  W = `/api/v1/workspaces/${ws}`;
  const creator = async (key: string, fields: object) => {
    ids[key] = (await post('/creators', fields)).id;
  };
  await creator('anna', {
    displayName: 'Bake with Anna',
    legalName: 'Anna Petrova',
    email: 'anna@bakes.test',
    tier: 1,
    status: 'active',
    markets: ['US'],
    languages: ['en'],
    leadTimeDays: 14,
  });
  await creator('boris', {
    displayName: 'Boris Cooks',
    legalName: 'Борис Иванов',
    email: 'boris@cooks.test',
    tier: 2,
    status: 'active',
    markets: ['US'],
    languages: ['ru'],
    leadTimeDays: 45,
  });
  await creator('carl', { displayName: 'Carl Coffee', tier: 1, status: 'paused', markets: ['US'] });
  await creator('dora', { displayName: 'Dora Done', tier: 1, status: 'alumni', markets: ['US'] });
  await creator('emil', { displayName: 'Emil Eats', tier: 3, status: 'prospect', markets: ['RU'] });
  // Carl has given notice on his agreement.
  await t.database.db.insert(agreements).values({
    workspaceId: ws,
    creatorId: ids.carl!,
    type: 'annual',
    status: 'notice_given',
    title: 'Annual 2025',
    startsOn: '2025-03-01',
    termMonths: 12,
    currency: 'USD',
  });
  // Boris did a campaign that ended on 2026-01-31; Anna is in one until 2026-03-15.
  const winter = await post('/campaigns', {
    name: 'Winter granola',
    products: ['Granola'],
    markets: ['US'],
    startsOn: '2026-01-01',
    endsOn: '2026-01-31',
  });
  const b = await post(`/campaigns/${winter.id}/briefs`, { creatorId: ids.boris, title: 'Winter' });
  await post(`/campaigns/${winter.id}/briefs/${b.id}/send`);
  const febMar = await post('/campaigns', {
    name: 'Granola refresh',
    products: ['Granola'],
    markets: ['US'],
    startsOn: '2026-02-15',
    endsOn: '2026-03-15',
    status: 'active',
  });
  const a = await post(`/campaigns/${febMar.id}/briefs`, { creatorId: ids.anna, title: 'Refresh' });
  await post(`/campaigns/${febMar.id}/briefs/${a.id}/send`);
});
afterAll(async () => {
  mailer.close();
  await t.close();
  await smtp.close();
});

describe('campaigns', () => {
  it('creates, changes, lists and filters campaigns', async () => {
    const c = await post('/campaigns', {
      name: 'Spring oat launch',
      products: ['Oat Milk'],
      markets: ['US'],
      startsOn: '2026-04-01',
      endsOn: '2026-04-30',
      outcome: 'Reach 20% of customers in segment Y',
      targetMetric: 'segment_reach_pct',
      targetValue: '20',
      budget: { amountMinor: 1_500_000, currency: 'USD' },
    });
    ids.spring = c.id;
    expect(c).toMatchObject({
      status: 'planning',
      targetValue: '20',
      budget: { amountMinor: 1_500_000, currency: 'USD' },
      briefCount: 0,
    });
    const bad = await patch(`/campaigns/${c.id}`, { endsOn: '2026-03-31' }, 400);
    expect(bad.error.fields).toEqual([
      expect.objectContaining({ field: 'endsOn', code: 'ends_before_start' }),
    ]);
    const changed = await patch(`/campaigns/${c.id}`, { status: 'active', targetValue: '22.50' });
    expect(changed).toMatchObject({ status: 'active', targetValue: '22.5' });

    const names = async (q: string) =>
      (await get(`/campaigns${q}`)).campaigns.map((x: { name: string }) => x.name);
    expect(await names('')).toEqual(['Spring oat launch', 'Granola refresh', 'Winter granola']);
    expect(await names('?status=active')).toEqual(['Spring oat launch', 'Granola refresh']);
    expect(await names('?product=oat%20milk')).toEqual(['Spring oat launch']);
    expect(await names('?market=RU')).toEqual([]);
    expect(await names('?from=2026-03-10&to=2026-03-20')).toEqual(['Granola refresh']);
  });

  it('suggests creators in order, with the reason for every point', async () => {
    const { suggestions } = await get(`/campaigns/${ids.spring}/suggestions`);
    expect(suggestions.map((s: { displayName: string; score: number }) => [s.displayName, s.score])).toEqual([
      // 35 market + 20 tier + 0 recency (in a campaign until today) − 10 one active brief
      ['Bake with Anna', 45],
      // 35 + 10 + round(25 × 29/180) = 4 − 15 (starts in 31 days, likes 45)
      ['Boris Cooks', 34],
      // 0 market (RU) + 0 tier 3 + 25 never in a campaign − 10 prospect
      ['Emil Eats', 15],
      // 35 + 20 + 25 − 40 paused − 40 notice given; Dora (alumni) is not suggested
      ['Carl Coffee', 0],
    ]);
    expect(suggestions[0].reasons).toEqual([
      { factor: 'market', points: 35, detail: 'Works in US' },
      { factor: 'tier', points: 20, detail: 'Tier 1' },
      { factor: 'recency', points: 0, detail: 'In a campaign now (until 2026-03-01)' },
      { factor: 'load', points: -10, detail: '1 active brief' },
      { factor: 'availability', points: 0, detail: 'Active' },
      { factor: 'lead_time', points: 0, detail: "Starts in 31 days; they like 14 days' notice" },
      // No ratings and no results yet (docs/selection.md): no points either way.
      { factor: 'potential', points: 0, detail: 'No partnership score yet' },
      { factor: 'value', points: 0, detail: 'No results per dollar yet' },
    ]);
    expect(suggestions[1].reasons[2]).toEqual({
      factor: 'recency',
      points: 4,
      detail: '29 days since their last campaign (2026-01-31)',
    });
    expect(suggestions[1].warnings).toEqual([
      { code: 'short_lead_time', leadTimeDays: 45, daysUntilStart: 31 },
    ]);
    expect(suggestions[3].reasons[4]).toEqual({
      factor: 'availability',
      points: -80,
      detail: 'Paused; Notice given on their agreement',
    });
  });
});

describe('briefs without moving goalposts', () => {
  let url: string;

  it('assigns a creator with version 1 as a draft, once per campaign', async () => {
    const b = await post(`/campaigns/${ids.spring}/briefs`, {
      creatorId: ids.anna,
      title: 'Spring oat launch',
      body: 'Show your morning coffee\nUse the barista edition',
      deliverables: [{ type: 'reel', platform: 'instagram', quantity: 1 }],
      dueOn: '2026-04-10',
    });
    ids.annaBrief = b.id;
    url = `/campaigns/${ids.spring}/briefs/${b.id}`;
    expect(b).toMatchObject({
      status: 'draft',
      currentVersion: 1,
      acceptedVersion: null,
      creatorName: 'Bake with Anna',
      campaignName: 'Spring oat launch',
      warnings: [],
    });
    expect(b.versions).toHaveLength(1);
    expect(b.versions[0]).toMatchObject({ version: 1, kind: 'edit', baseVersion: null, diff: null });
    const again = await post(`/campaigns/${ids.spring}/briefs`, { creatorId: ids.anna, title: 'Twice' }, 409);
    expect(again.error.fields[0]).toMatchObject({ field: 'creatorId', code: 'taken' });
    // Assigned creators are no longer suggested.
    const { suggestions } = await get(`/campaigns/${ids.spring}/suggestions`);
    expect(suggestions.map((s: { displayName: string }) => s.displayName)).not.toContain('Bake with Anna');
  });

  it('keeps every edit as a version with its diff', async () => {
    const b = await patch(url, {
      body: 'Show your morning coffee\nUse the oat barista edition\nTag @northwind',
      deliverables: [{ type: 'reel', platform: 'instagram', quantity: 2 }],
    });
    expect(b).toMatchObject({ status: 'draft', currentVersion: 2 });
    expect(b.versions[1]).toMatchObject({
      version: 2,
      kind: 'edit',
      baseVersion: 1,
      changeStatus: null,
      createdByName: 'Olga Owner',
      diff: {
        body: [
          { op: 'same', text: 'Show your morning coffee' },
          { op: 'remove', text: 'Use the barista edition' },
          { op: 'add', text: 'Use the oat barista edition' },
          { op: 'add', text: 'Tag @northwind' },
        ],
        deliverables: {
          added: [],
          removed: [],
          changed: [
            {
              from: { type: 'reel', platform: 'instagram', quantity: 1, dueOn: null },
              to: { type: 'reel', platform: 'instagram', quantity: 2, dueOn: null },
            },
          ],
        },
      },
    });
    expect(Object.keys(b.versions[1].diff)).toEqual(['body', 'deliverables']);
    const same = await patch(url, { title: 'Spring oat launch' }, 400);
    expect(same.error.fields[0]).toMatchObject({ code: 'no_change' });
  });

  it('sends, and accepts only the current version, by typed name', async () => {
    await post(`${url}/accept`, { version: 2, name: 'Anna Petrova' }, 409); // still a draft
    const sent = await post(`${url}/send`);
    expect(sent.brief).toMatchObject({ status: 'sent' });
    expect(sent.outcome).toMatchObject({ status: 'sent', to: 'anna@bakes.test' });
    await post(`${url}/send`, undefined, 409);
    const old = await post(`${url}/accept`, { version: 1, name: 'Anna Petrova' }, 409);
    expect(old.error.message).toBe('Version 1 is not the current version (2)');
    const b = await post(`${url}/accept`, { version: 2, name: 'Anna Petrova' });
    expect(b).toMatchObject({ status: 'accepted', acceptedVersion: 2, pendingChangeVersion: null });
    expect(b.acceptances).toEqual([
      {
        version: 2,
        acceptedName: 'Anna Petrova',
        byUserName: 'Olga Owner',
        onBehalf: true,
        ip: '127.0.0.1',
        at: '2026-03-01T10:00:00.000Z',
      },
    ]);
  });

  it('turns a change after acceptance into a change request, with an urgent warning; declined, v2 stays', async () => {
    const noNote = await patch(url, { dueOn: '2026-03-10' }, 400);
    expect(noNote.error.fields[0]).toMatchObject({ field: 'changeNote', code: 'required' });
    const b = await patch(url, { dueOn: '2026-03-10', changeNote: 'The launch moved forward' });
    expect(b).toMatchObject({
      status: 'change_requested',
      currentVersion: 3,
      acceptedVersion: 2,
      pendingChangeVersion: 3,
      // Still the accepted version's date in force …
      dueOn: '2026-04-10',
      // … but the change asks for content in 9 days from a creator who needs 14.
      warnings: [{ code: 'urgent', leadTimeDays: 14, daysUntilDue: 9, dueOn: '2026-03-10' }],
    });
    expect(b.versions[2]).toMatchObject({
      version: 3,
      kind: 'change_request',
      changeStatus: 'pending',
      changeNote: 'The launch moved forward',
      baseVersion: 2,
      diff: { dueOn: { from: '2026-04-10', to: '2026-03-10' } },
    });
    await patch(url, { title: 'Another change', changeNote: 'x' }, 409);
    await post(`${url}/change-request`, { version: 2, decision: 'accept', name: 'Anna Petrova' }, 409);

    const declined = await post(`${url}/change-request`, {
      version: 3,
      decision: 'decline',
      note: 'Too soon',
    });
    expect(declined).toMatchObject({
      status: 'accepted',
      acceptedVersion: 2,
      dueOn: '2026-04-10',
      warnings: [],
    });
    expect(declined.versions[2]).toMatchObject({
      changeStatus: 'declined',
      decidedAt: '2026-03-01T10:00:00.000Z',
    });
  });

  it('a change request the creator accepts becomes the version in force; the history shows all of it', async () => {
    const b = await patch(url, { title: 'Spring oat launch — barista', changeNote: 'New product name' });
    expect(b.versions[3]).toMatchObject({ version: 4, kind: 'change_request', baseVersion: 2 });
    expect(b.versions[3].diff).toEqual({
      title: { from: 'Spring oat launch', to: 'Spring oat launch — barista' },
    });
    const accepted = await post(`${url}/change-request`, {
      version: 4,
      decision: 'accept',
      name: 'Anna Petrova',
    });
    expect(accepted).toMatchObject({
      status: 'accepted',
      acceptedVersion: 4,
      title: 'Spring oat launch — barista',
    });
    expect(
      accepted.versions.map((v: { version: number; kind: string; changeStatus: string | null }) => [
        v.version,
        v.kind,
        v.changeStatus,
      ]),
    ).toEqual([
      [1, 'edit', null],
      [2, 'edit', null],
      [3, 'change_request', 'declined'],
      [4, 'change_request', 'accepted'],
    ]);
    expect(accepted.acceptances.map((a: { version: number }) => a.version)).toEqual([2, 4]);
    expect((await get(`${url}`)).versions).toEqual(accepted.versions);

    const timeline = await get(`/creators/${ids.anna}/timeline`);
    expect(
      timeline
        .map((e: { type: string }) => e.type)
        .filter((x: string) => x.startsWith('brief_'))
        .slice(0, 7),
    ).toEqual([
      'brief_change_accepted',
      'brief_change_requested',
      'brief_change_declined',
      'brief_change_requested',
      'brief_accepted',
      'brief_sent',
      'brief_created',
    ]);
    const audit = await get('/audit?limit=200');
    const actions = audit.entries.map((e: { action: string }) => e.action);
    for (const a of [
      'brief.accepted',
      'brief.change_requested',
      'brief.change_declined',
      'brief.change_accepted',
    ])
      expect(actions).toContain(a);
  });

  it('warns about urgent content on create, and lists briefs per campaign and per creator', async () => {
    const b = await post(`/campaigns/${ids.spring}/briefs`, {
      creatorId: ids.boris,
      title: 'Весенний запуск',
      dueOn: '2026-04-30',
      deliverables: [{ type: 'story', quantity: 3, dueOn: '2026-03-20' }],
    });
    expect(b.warnings).toEqual([{ code: 'urgent', leadTimeDays: 45, daysUntilDue: 19, dueOn: '2026-03-20' }]);
    const list = await get(`/campaigns/${ids.spring}/briefs`);
    expect(list.map((x: { creatorName: string; status: string }) => [x.creatorName, x.status])).toEqual([
      ['Bake with Anna', 'accepted'],
      ['Boris Cooks', 'draft'],
    ]);
    const annas = await get(`/creators/${ids.anna}/briefs`);
    expect(annas.map((x: { campaignName: string }) => x.campaignName)).toEqual([
      'Granola refresh',
      'Spring oat launch',
    ]);
    const detail = await get(`/campaigns/${ids.spring}`);
    expect(detail).toMatchObject({ briefCount: 2, acceptedCount: 1 });
    expect(detail.briefs).toHaveLength(2);
  });
});

describe('overlap calendar', () => {
  type O = { key: string; gapDays: number; notified: boolean; windows: { creatorName: string }[] };
  const pairs = (os: O[]) =>
    os.map((o) => [...o.windows.map((w) => w.creatorName)].sort().join(' + ')).sort();
  let overlaps: O[];

  it('finds creators active for the same product and market, exactly 14 days apart included', async () => {
    // Carl's summer campaign starts 14 days after Spring ends (04-30 → 05-14).
    const summer = await post('/campaigns', {
      name: 'Summer oat',
      products: ['oat milk'],
      markets: ['US'],
      startsOn: '2026-05-14',
      endsOn: '2026-05-31',
    });
    await post(`/campaigns/${summer.id}/briefs`, { creatorId: ids.carl, title: 'Summer' });
    expect((await get('')).overlapWindowDays).toBe(14);
    const cal = await get('/calendar/overlaps?from=2026-04-01&to=2026-05-31');
    expect(cal).toMatchObject({ from: '2026-04-01', to: '2026-05-31', overlapWindowDays: 14 });
    expect(
      cal.windows.map(
        (w: { creatorName: string; campaignName: string; startsOn: string; endsOn: string }) => [
          w.creatorName,
          w.campaignName,
          w.startsOn,
          w.endsOn,
        ],
      ),
    ).toEqual([
      ['Bake with Anna', 'Spring oat launch', '2026-04-01', '2026-04-30'],
      ['Boris Cooks', 'Spring oat launch', '2026-04-01', '2026-04-30'],
      ['Carl Coffee', 'Summer oat', '2026-05-14', '2026-05-31'],
    ]);
    overlaps = cal.overlaps;
    expect(pairs(overlaps)).toEqual([
      'Bake with Anna + Boris Cooks',
      'Bake with Anna + Carl Coffee',
      'Boris Cooks + Carl Coffee',
    ]);
    const annaBoris = overlaps.find((o) => pairs([o])[0] === 'Bake with Anna + Boris Cooks')!;
    expect(annaBoris).toMatchObject({
      products: ['Oat Milk'],
      markets: ['US'],
      gapDays: -29,
      startsOn: '2026-04-01',
      endsOn: '2026-04-30',
      notified: false,
    });
    expect(overlaps.filter((o) => o.gapDays === 14)).toHaveLength(2);
  });

  it('13 days as the window: the two 14 days apart no longer overlap', async () => {
    expect((await patch('', { overlapWindowDays: 13 })).overlapWindowDays).toBe(13);
    const cal = await get('/calendar/overlaps?from=2026-04-01&to=2026-05-31');
    expect(pairs(cal.overlaps)).toEqual(['Bake with Anna + Boris Cooks']);
    await patch('', { overlapWindowDays: 366 }, 400);
    await patch('', { overlapWindowDays: 14 });
  });

  it('tells both creators through a real SMTP server, once, each in their language', async () => {
    const annaBoris = overlaps.find((o) => pairs([o])[0] === 'Bake with Anna + Boris Cooks')!;
    const before = smtp.received.length;
    const first = await post('/calendar/overlaps/notify', { overlapKey: annaBoris.key });
    expect(first.key).toBe(annaBoris.key);
    type Out = { deduplicated: boolean; status: string; messageId: string };
    expect(first.outcomes.map((s: Out) => [s.status, s.deduplicated])).toEqual([
      ['sent', false],
      ['sent', false],
    ]);
    const again = await post('/calendar/overlaps/notify', { overlapKey: annaBoris.key });
    expect(again.outcomes.map((s: Out) => [s.status, s.deduplicated])).toEqual([
      ['sent', true],
      ['sent', true],
    ]);
    expect(again.outcomes.map((s: Out) => s.messageId)).toEqual(first.outcomes.map((s: Out) => s.messageId));
    const queued = await t.database.db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.workspaceId, ws), like(outboxMessages.dedupeKey, '%overlap:%')));
    expect(queued).toHaveLength(2);

    // Both left with the request: nothing is left to deliver, and asking again sent nothing more.
    expect(await deliverDueEmails({ db: t.database.db, clock, mailer })).toEqual({ sent: 0, failed: 0 });
    expect(smtp.received.length - before).toBe(2);
    const mails = Object.fromEntries(smtp.received.slice(before).map((m) => [m.to[0], readMail(m.raw)]));
    expect(mails['anna@bakes.test']!.subject).toBe('A heads-up about Oat Milk');
    expect(mails['anna@bakes.test']!.text).toContain(
      'another creator we work with will also be featuring Oat Milk in United States around the same time as you, between April 1, 2026 and April 30, 2026.',
    );
    expect(mails['boris@cooks.test']!.subject).toBe('Предупреждаем заранее: Oat Milk');
    expect(mails['boris@cooks.test']!.text).toContain('Здравствуйте, Борис!');
    expect(mails['boris@cooks.test']!.text).toContain('с 1 апреля 2026 г. по 30 апреля 2026 г.');

    const cal = await get('/calendar/overlaps?from=2026-04-01&to=2026-05-31');
    expect(cal.overlaps.find((o: O) => o.key === annaBoris.key).notified).toBe(true);
  });

  it('reports creators without an email instead of failing, and refuses unknown overlaps', async () => {
    const annaCarl = overlaps.find((o) => pairs([o])[0] === 'Bake with Anna + Carl Coffee')!;
    const res = await post('/calendar/overlaps/notify', { overlapKey: annaCarl.key });
    type Out = { creatorId: string; creatorName: string; status: string; reason: string | null };
    expect(res.outcomes.map((s: Out) => [s.creatorId, s.creatorName, s.status, s.reason]).sort()).toEqual(
      [
        [ids.anna, 'Bake with Anna', 'sent', null],
        [ids.carl, 'Carl Coffee', 'by_hand', 'no_email'],
      ].sort(),
    );
    await post('/calendar/overlaps/notify', { overlapKey: 'no-such-overlap' }, 404);
    // The manual form: these creators in this campaign.
    const manual = await post(
      '/calendar/overlaps/notify',
      {
        campaignIds: [ids.spring],
        creatorIds: [ids.anna, ids.emil],
      },
      400,
    );
    expect(manual.error.fields[0]).toMatchObject({ field: 'creatorIds.1', code: 'not_in_campaign' });
  });
});
