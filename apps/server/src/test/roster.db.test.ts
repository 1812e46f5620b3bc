import type { Clock } from '@evergreen/core';
import { auditLog, creators, queryRows } from '@evergreen/db';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../testing/harness.ts';

// A fixed clock: "today" is 2026-11-20 (UTC) for every rule in this file.
let now = new Date('2026-11-20T10:00:00Z');
const clock: Clock = { now: () => now };

let t: TestApp;
let owner: Session;
let ws: string;
const api = (path: string) => `/api/v1/workspaces/${ws}${path}`;

async function addCreator(body: Record<string, unknown>) {
  const res = await t.call(owner, { method: 'POST', url: api('/creators'), payload: body });
  if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
  return res.json() as { id: string; checkIn: Record<string, unknown> };
}
const touch = (id: string, occurredOn: string, kind = 'check_in') =>
  t.call(owner, {
    method: 'POST',
    url: api(`/creators/${id}/touchpoints`),
    payload: { occurredOn, channel: 'email', kind, summary: `Talked ${occurredOn}` },
  });

beforeAll(async () => {
  t = await createTestApp({ clock });
  owner = await t.signUp('Olga Owner');
  ws = (await t.createWorkspace(owner, 'Roster Co')).id;
});
afterAll(() => t.close());

describe('creator profiles', () => {
  it('keeps every profile field, handles without @, and rates in minor units', async () => {
    const c = await addCreator({
      displayName: 'Анна Смирнова',
      legalName: 'Anna Smirnova',
      email: 'anna@example.test',
      tier: 1,
      status: 'active',
      ownerUserId: owner.me.user.id,
      markets: ['RU'],
      languages: ['ru', 'en'],
      tags: ['skincare', 'video'],
      briefingStyle: 'A short voice note, then the written brief',
      leadTimeDays: 14,
      boundaries: 'No alcohol brands',
      preferredChannel: 'dm',
      notes: 'Met at the Moscow launch',
      cadenceDaysOverride: 21,
      handles: [
        { platform: 'instagram', handle: '@anna.glow' },
        { platform: 'telegram', handle: 'annaglow' },
      ],
      rates: [{ deliverableType: 'reel', amountMinor: 12_000_000, currency: 'RUB' }],
    });
    const got = (await t.call(owner, { method: 'GET', url: api(`/creators/${c.id}`) })).json();
    expect(got).toMatchObject({
      displayName: 'Анна Смирнова',
      tier: 1,
      status: 'active',
      ownerName: 'Olga Owner',
      markets: ['RU'],
      languages: ['ru', 'en'],
      handles: [
        { platform: 'instagram', handle: 'anna.glow' },
        { platform: 'telegram', handle: 'annaglow' },
      ],
      rates: [{ deliverableType: 'reel', amountMinor: 12_000_000, currency: 'RUB' }],
      leadTimeDays: 14,
      cadenceDaysOverride: 21,
      paymentDetails: { present: false, mask: null },
      // Never contacted: due from the day she was added, with her own 21-day cadence.
      checkIn: { cadenceDays: 21, lastTouchpointOn: null, nextCheckInOn: '2026-11-20', goneQuiet: false },
    });
  });

  it('refuses a handle, email or external id that belongs to another creator, naming the field', async () => {
    await addCreator({
      displayName: 'First',
      email: 'dup@example.test',
      externalId: 'X-1',
      handles: [{ platform: 'tiktok', handle: 'dupe' }],
    });
    const res = await t.call(owner, {
      method: 'POST',
      url: api('/creators'),
      payload: {
        displayName: 'Second',
        email: 'DUP@example.test',
        externalId: 'X-1',
        handles: [{ platform: 'tiktok', handle: '@Dupe' }],
      },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.fields.map((f: { field: string }) => f.field)).toEqual([
      'externalId',
      'email',
      'handles.0.handle',
    ]);
  });

  it('refuses an owner who is not a member of the workspace', async () => {
    const stranger = await t.signUp('Stranger');
    const res = await t.call(owner, {
      method: 'POST',
      url: api('/creators'),
      payload: { displayName: 'X', ownerUserId: stranger.me.user.id },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0]).toMatchObject({ field: 'ownerUserId', code: 'not_member' });
  });
});

describe('payment details', () => {
  it('are encrypted at rest, masked in answers, and revealed only on request, which is audited', async () => {
    const c = await addCreator({
      displayName: 'Pay Me',
      paymentDetails: {
        method: 'bank_transfer',
        account: 'DE89 3704 0044 0532 0130 00',
        accountHolder: 'Pay Me GmbH',
      },
    });
    const [raw] = await queryRows<Record<string, unknown>>(
      t.database.db,
      sql`select * from creators where id = ${c.id}`,
    );
    const rawText = JSON.stringify(raw);
    expect(rawText).not.toContain('DE89');
    expect(rawText).not.toContain('0532');
    expect(rawText).not.toContain('Pay Me GmbH');
    expect(String(raw!.payment_details_enc)).toMatch(/^v1\./);

    const got = (await t.call(owner, { method: 'GET', url: api(`/creators/${c.id}`) })).json();
    expect(got.paymentDetails).toEqual({ present: true, mask: '•••• 3000' });
    const list = (await t.call(owner, { method: 'GET', url: api('/creators?q=Pay%20Me') })).json();
    expect(JSON.stringify(list)).not.toContain('DE89');

    const revealed = await t.call(owner, {
      method: 'POST',
      url: api(`/creators/${c.id}/payment-details/reveal`),
    });
    expect(revealed.json().paymentDetails).toEqual({
      method: 'bank_transfer',
      account: 'DE89 3704 0044 0532 0130 00',
      accountHolder: 'Pay Me GmbH',
    });
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'creator.payment_details_revealed'));
    expect(audits.map((a) => [a.entityId, a.actorUserId])).toEqual([[c.id, owner.me.user.id]]);
  });
});

describe('tiers', () => {
  it('records a tier change with its reason on the timeline and in the audit log', async () => {
    const c = await addCreator({ displayName: 'Rising Star', tier: 2, status: 'active' });
    const res = await t.call(owner, {
      method: 'POST',
      url: api(`/creators/${c.id}/tier`),
      payload: { tier: 1, reason: 'Fourth post outperformed; strategic fit' },
    });
    expect(res.json().tier).toBe(1);
    const timeline = (await t.call(owner, { method: 'GET', url: api(`/creators/${c.id}/timeline`) })).json();
    expect(timeline[0]).toMatchObject({
      type: 'tier_changed',
      reason: 'Fourth post outperformed; strategic fit',
      data: { from: 2, to: 1 },
      byName: 'Olga Owner',
    });
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'creator.tier_changed'));
    expect(audit!.changes).toEqual({
      tier: { from: 2, to: 1 },
      reason: 'Fourth post outperformed; strategic fit',
    });
    const noReason = await t.call(owner, {
      method: 'POST',
      url: api(`/creators/${c.id}/tier`),
      payload: { tier: 3 },
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields[0]).toMatchObject({ field: 'reason', code: 'required' });
  });

  it('counts active creators per tier against the targets and says under or over', async () => {
    const s = await t.signUp();
    const w = await t.createWorkspace(s, 'Counts');
    for (let i = 0; i < 9; i++) {
      await t.call(s, {
        method: 'POST',
        url: `/api/v1/workspaces/${w.id}/creators`,
        payload: { displayName: `T1 ${i}`, tier: 1, status: 'active' },
      });
    }
    await t.call(s, {
      method: 'POST',
      url: `/api/v1/workspaces/${w.id}/creators`,
      payload: { displayName: 'T2 paused', tier: 2, status: 'paused' },
    });
    const list = (await t.call(s, { method: 'GET', url: `/api/v1/workspaces/${w.id}/creators` })).json();
    expect(list.tiers).toEqual([
      { tier: 1, name: 'Strategic', count: 9, targetMin: 5, targetMax: 8, health: 'over' },
      { tier: 2, name: 'Regular', count: 0, targetMin: 15, targetMax: 20, health: 'under' },
      { tier: 3, name: 'Occasional', count: 0, targetMin: null, targetMax: null, health: 'ok' },
    ]);
  });

  it('bulk-changes tier with a reason, assigns an owner and adds a tag', async () => {
    const a = await addCreator({ displayName: 'Bulk A', tier: 3 });
    const b = await addCreator({ displayName: 'Bulk B', tier: 3 });
    const tier = await t.call(owner, {
      method: 'POST',
      url: api('/creators/bulk'),
      payload: { ids: [a.id, b.id], action: { type: 'change_tier', tier: 2, reason: 'Q1 rotation' } },
    });
    expect(tier.json()).toEqual({ updated: 2 });
    await t.call(owner, {
      method: 'POST',
      url: api('/creators/bulk'),
      payload: { ids: [a.id, b.id], action: { type: 'assign_owner', ownerUserId: owner.me.user.id } },
    });
    const tag = await t.call(owner, {
      method: 'POST',
      url: api('/creators/bulk'),
      payload: { ids: [a.id, b.id], action: { type: 'add_tag', tag: 'spring' } },
    });
    expect(tag.json()).toEqual({ updated: 2 });
    const again = await t.call(owner, {
      method: 'POST',
      url: api('/creators/bulk'),
      payload: { ids: [a.id, b.id], action: { type: 'add_tag', tag: 'spring' } },
    });
    expect(again.json()).toEqual({ updated: 0 });
    const list = (await t.call(owner, { method: 'GET', url: api('/creators?tag=spring&tier=2') })).json();
    expect(
      list.creators.map((c: { displayName: string; ownerName: string }) => [c.displayName, c.ownerName]),
    ).toEqual([
      ['Bulk A', 'Olga Owner'],
      ['Bulk B', 'Olga Owner'],
    ]);
  });
});

describe('keeping warm', () => {
  let monthly: string; // tier 1, 30 days
  let quarterly: string; // tier 2, 90 days
  let quiet: string; // tier 1, silent for 70 days
  let override: string; // tier 2 with own 14-day cadence

  beforeAll(async () => {
    const s = owner;
    const w = await t.createWorkspace(s, 'Warmth');
    ws = w.id;
    monthly = (
      await addCreator({ displayName: 'Monthly Maria', tier: 1, status: 'active', ownerUserId: s.me.user.id })
    ).id;
    quarterly = (await addCreator({ displayName: 'Quarterly Quinn', tier: 2, status: 'active' })).id;
    quiet = (await addCreator({ displayName: 'Quiet Kim', tier: 1, status: 'active' })).id;
    override = (
      await addCreator({ displayName: 'Often Olek', tier: 2, status: 'active', cadenceDaysOverride: 14 })
    ).id;
    await addCreator({ displayName: 'Alumni Al', tier: 1, status: 'alumni' });
    expect((await touch(monthly, '2026-10-25')).statusCode).toBe(200); // next 2026-11-24: upcoming
    await touch(quarterly, '2026-08-01'); // next 2026-10-30: overdue by 21 days (0.23 cadence)
    await touch(quiet, '2026-09-11'); // next 2026-10-11: overdue 40 days (1.33 cadence), silent 70 > 60 days
    await touch(override, '2026-11-06'); // next 2026-11-20: due today
  });

  it('derives next check-ins and the gone-quiet flag from the cadence', async () => {
    const list = (await t.call(owner, { method: 'GET', url: api('/creators?sort=next_check_in') })).json();
    expect(
      list.creators.map(
        (c: { displayName: string; checkIn: { nextCheckInOn: string | null; goneQuiet: boolean } }) => [
          c.displayName,
          c.checkIn.nextCheckInOn,
          c.checkIn.goneQuiet,
        ],
      ),
    ).toEqual([
      ['Quiet Kim', '2026-10-11', true],
      ['Quarterly Quinn', '2026-10-30', false],
      ['Often Olek', '2026-11-20', false],
      ['Monthly Maria', '2026-11-24', false],
      ['Alumni Al', null, false],
    ]);
    const quietOnly = (await t.call(owner, { method: 'GET', url: api('/creators?due=quiet') })).json();
    expect(quietOnly.creators.map((c: { displayName: string }) => c.displayName)).toEqual(['Quiet Kim']);
  });

  it('Today lists overdue (furthest past their cadence first), due today, then the next 7 days', async () => {
    const today = (await t.call(owner, { method: 'GET', url: api('/today') })).json();
    expect(today.date).toBe('2026-11-20');
    expect(
      today.items.map((i: { creatorName: string; bucket: string; dueOn: string; daysOverdue: number }) => [
        i.creatorName,
        i.bucket,
        i.dueOn,
        i.daysOverdue,
      ]),
    ).toEqual([
      ['Quiet Kim', 'overdue', '2026-10-11', 40],
      ['Quarterly Quinn', 'overdue', '2026-10-30', 21],
      ['Often Olek', 'due', '2026-11-20', 0],
      ['Monthly Maria', 'upcoming', '2026-11-24', 0],
    ]);
    expect(today.items[0].nudge).toEqual({
      kind: 'check_in',
      reason: 'A regular check-in',
      templateKey: 'check_in',
      post: null,
      campaign: null,
    });
    const mine = (await t.call(owner, { method: 'GET', url: api('/today?scope=mine') })).json();
    expect(mine.items.map((i: { creatorName: string }) => i.creatorName)).toEqual(['Monthly Maria']);
  });

  it('logging a touchpoint takes the creator off Today and moves the next check-in by the cadence', async () => {
    now = new Date('2026-11-20T10:05:00Z');
    const res = await touch(quarterly, '2026-11-20', 'shared_results');
    now = new Date('2026-11-20T10:00:00Z');
    expect(res.statusCode).toBe(200);
    const c = (await t.call(owner, { method: 'GET', url: api(`/creators/${quarterly}`) })).json();
    expect(c.checkIn).toMatchObject({ lastTouchpointOn: '2026-11-20', nextCheckInOn: '2027-02-18' });
    const today = (await t.call(owner, { method: 'GET', url: api('/today') })).json();
    expect(today.items.map((i: { creatorName: string }) => i.creatorName)).not.toContain('Quarterly Quinn');
    const timeline = (
      await t.call(owner, { method: 'GET', url: api(`/creators/${quarterly}/timeline`) })
    ).json();
    expect(timeline[0]).toMatchObject({
      type: 'touchpoint',
      on: '2026-11-20',
      data: { kind: 'shared_results', channel: 'email' },
    });
  });

  it('refuses a touchpoint dated in the future', async () => {
    const res = await touch(monthly, '2026-11-21');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0]).toMatchObject({ field: 'occurredOn', code: 'future_date' });
  });

  it('a deleted touchpoint moves the next check-in back', async () => {
    const tp = (await touch(override, '2026-11-19')).json();
    expect(
      (await t.call(owner, { method: 'GET', url: api(`/creators/${override}`) })).json().checkIn
        .nextCheckInOn,
    ).toBe('2026-12-03');
    await t.call(owner, { method: 'DELETE', url: api(`/creators/${override}/touchpoints/${tp.id}`) });
    expect(
      (await t.call(owner, { method: 'GET', url: api(`/creators/${override}`) })).json().checkIn
        .nextCheckInOn,
    ).toBe('2026-11-20');
  });

  it('snoozes with a reason until a later day, then the creator returns', async () => {
    const bad = await t.call(owner, {
      method: 'POST',
      url: api(`/creators/${quiet}/snooze`),
      payload: { until: '2026-11-20', reason: 'x' },
    });
    expect(bad.statusCode).toBe(400);
    const res = await t.call(owner, {
      method: 'POST',
      url: api(`/creators/${quiet}/snooze`),
      payload: { until: '2026-11-25', reason: 'On a shoot abroad' },
    });
    expect(res.statusCode).toBe(200);
    let today = (await t.call(owner, { method: 'GET', url: api('/today') })).json();
    expect(today.items.map((i: { creatorName: string }) => i.creatorName)).not.toContain('Quiet Kim');
    expect(today.snoozed).toBe(1);
    const timeline = (await t.call(owner, { method: 'GET', url: api(`/creators/${quiet}/timeline`) })).json();
    expect(timeline[0]).toMatchObject({
      type: 'snoozed',
      reason: 'On a shoot abroad',
      data: { until: '2026-11-25' },
    });
    now = new Date('2026-11-25T08:00:00Z');
    today = (await t.call(owner, { method: 'GET', url: api('/today') })).json();
    expect(today.items[0]).toMatchObject({ creatorName: 'Quiet Kim', bucket: 'overdue', daysOverdue: 45 });
    now = new Date('2026-11-20T10:00:00Z');
  });

  it('searches names and handles, and filters by status and owner', async () => {
    await t.call(owner, {
      method: 'PATCH',
      url: api(`/creators/${monthly}`),
      payload: { handles: [{ platform: 'youtube', handle: 'MariaMakes' }] },
    });
    const byHandle = (await t.call(owner, { method: 'GET', url: api('/creators?q=mariamak') })).json();
    expect(byHandle.creators.map((c: { displayName: string }) => c.displayName)).toEqual(['Monthly Maria']);
    const alumni = (await t.call(owner, { method: 'GET', url: api('/creators?status=alumni') })).json();
    expect(alumni.total).toBe(1);
    const unowned = (
      await t.call(owner, { method: 'GET', url: api('/creators?owner=none&sort=name&dir=desc') })
    ).json();
    expect(unowned.creators.map((c: { displayName: string }) => c.displayName)).toEqual([
      'Quiet Kim',
      'Quarterly Quinn',
      'Often Olek',
      'Alumni Al',
    ]);
  });
});

it('stores no plaintext payment details anywhere in the creators table', async () => {
  const rows = await t.database.db.select({ enc: creators.paymentDetailsEnc }).from(creators);
  for (const r of rows) if (r.enc) expect(r.enc).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
});
