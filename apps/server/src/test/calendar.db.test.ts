import type { Clock } from '@evergreen/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCreator, logTouchpoint } from '../testing/factories/roster.ts';
import { newMember } from '../testing/factories/team.ts';
import { workspaceClient } from '../testing/factories/workspace.ts';
import { createTestApp, type Session, type TestApp } from '../testing/harness.ts';

/** The per-user iCalendar feed of check-ins, on a fixed clock. */

const clock: Clock = { now: () => new Date('2026-03-10T09:00:00Z') };

let t: TestApp;
let owner: Session;
let ws: string;
const ids: Record<string, string> = {};

const join = (role: 'manager' | 'analyst', name: string) => newMember(t, owner, ws, role, name);

/** A creator remembered as `ids[key]`, with a check-in call on `touchedOn` if given. */
async function creator(key: string, fields: Record<string, unknown>, touchedOn?: string) {
  const w = workspaceClient(t, owner, ws);
  ids[key] = (await addCreator(w, fields)).id;
  if (touchedOn) await logTouchpoint(w, ids[key], touchedOn);
}

const feedPath = (url: string) => url.replace('http://evergreen.test', '');
const fetchFeed = (url: string) => t.app.inject({ method: 'GET', url: feedPath(url) });

beforeAll(async () => {
  t = await createTestApp({ clock });
  owner = await t.signUp('Olga Owner');
  ws = (await t.createWorkspace(owner, 'Northwind')).id;
  const max = await join('manager', 'Max Manager');
  const me = owner.me.user.id;
  await creator('anna', { displayName: 'Anna', ownerUserId: me }, '2026-02-01'); // due 03-03: overdue
  await creator('boris', { displayName: 'Boris; Bakes, Inc.' }, '2026-03-05'); // unowned, due 04-04
  await creator('chloe', { displayName: 'Chloe', ownerUserId: max.me.user.id }, '2026-02-01'); // Max's
  await creator('dan', { displayName: 'Dan', tier: 3, ownerUserId: me }); // case by case: no date
  await creator('eve', { displayName: 'Eve', status: 'paused', ownerUserId: me }, '2026-02-01'); // not active
  await creator('fay', { displayName: 'Fay', tier: 2, ownerUserId: me }); // never contacted: due today
});
afterAll(() => t.close());

describe('calendar feed', () => {
  let url: string;

  it('has no feed until one is created; the URL is given once', async () => {
    const base = `/api/v1/workspaces/${ws}/calendar-feed`;
    expect((await t.call(owner, { method: 'GET', url: base })).json()).toEqual({
      exists: false,
      createdAt: null,
      rotatedAt: null,
    });
    const res = await t.call(owner, { method: 'POST', url: base });
    expect(res.statusCode, res.body).toBe(200);
    const created = res.json();
    expect(created.url).toMatch(/^http:\/\/evergreen\.test\/api\/v1\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    expect(created).toMatchObject({ createdAt: '2026-03-10T09:00:00.000Z', rotatedAt: null });
    expect((await t.call(owner, { method: 'GET', url: base })).json()).toEqual({
      exists: true,
      createdAt: '2026-03-10T09:00:00.000Z',
      rotatedAt: null,
    });
    url = created.url;
  });

  it("lists the person's own and the unowned active creators' next check-ins, without a cookie", async () => {
    const res = await fetchFeed(url);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const event = (id: string, due: string, on: string, summary: string, description: string[]) => [
      'BEGIN:VEVENT',
      `UID:checkin-${id}-${due}@evergreen.test`,
      'DTSTAMP:20260310T090000Z',
      `DTSTART;VALUE=DATE:${on}`,
      `DTEND;VALUE=DATE:${String(Number(on) + 1)}`,
      `SUMMARY:${summary}`,
      ...description,
      // 28 + 36 + 10 octets, then the 75th: the creator id folds after its first character.
      `URL:http://evergreen.test/w/${ws}/creators/${id.slice(0, 1)}`,
      ` ${id.slice(1)}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    ];
    expect(res.body).toBe(
      [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//Evergreen//Check-ins//EN',
        'CALSCALE:GREGORIAN',
        'METHOD:PUBLISH',
        'X-WR-CALNAME:Evergreen check-ins (Northwind)',
        'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
        'X-PUBLISHED-TTL:PT1H',
        ...event(ids.anna!, '20260303', '20260310', 'Check in with Anna (overdue)', [
          'DESCRIPTION:Tier 1 · every 30 days\\nLast touchpoint: 2026-02-01\\nDue: 2026',
          ' -03-03',
        ]),
        ...event(ids.fay!, '20260310', '20260310', 'Check in with Fay', [
          'DESCRIPTION:Tier 2 · every 90 days\\nLast touchpoint: none yet\\nDue: 2026-0',
          ' 3-10',
        ]),
        ...event(ids.boris!, '20260404', '20260404', 'Check in with Boris\\; Bakes\\, Inc.', [
          'DESCRIPTION:Tier 1 · every 30 days\\nLast touchpoint: 2026-03-05\\nDue: 2026',
          ' -04-04',
        ]),
        'END:VCALENDAR',
        '',
      ].join('\r\n'),
    );
  });

  it('rotating gives a new URL and the old one stops working', async () => {
    const res = await t.call(owner, { method: 'POST', url: `/api/v1/workspaces/${ws}/calendar-feed` });
    expect(res.statusCode).toBe(200);
    const rotated = res.json();
    expect(rotated.url).not.toBe(url);
    expect(rotated).toMatchObject({
      createdAt: '2026-03-10T09:00:00.000Z',
      rotatedAt: '2026-03-10T09:00:00.000Z',
    });
    const old = await fetchFeed(url);
    expect(old.statusCode).toBe(404);
    expect(old.json().error.code).toBe('not_found');
    expect((await fetchFeed(rotated.url)).statusCode).toBe(200);
    const audit = (
      await t.call(owner, { method: 'GET', url: `/api/v1/workspaces/${ws}/audit?limit=200` })
    ).json();
    expect(
      audit.entries
        .filter((e: { entityType: string }) => e.entityType === 'calendar_feed')
        .map((e: { action: string }) => e.action),
    ).toEqual(['calendar_feed.rotated', 'calendar_feed.created']);
    url = rotated.url;
  });

  it('gives an analyst a feed of their own, in their language, which ends when they leave the team', async () => {
    const ann = await join('analyst', 'Ann Analyst');
    await t.call(ann, { method: 'PATCH', url: '/api/v1/auth/me', payload: { locale: 'ru' } });
    const res = await t.call(ann, { method: 'POST', url: `/api/v1/workspaces/${ws}/calendar-feed` });
    expect(res.statusCode, res.body).toBe(200);
    const feed = await fetchFeed(res.json().url);
    expect(feed.statusCode).toBe(200);
    expect(feed.body).toContain('\r\nX-WR-CALNAME:Evergreen: связаться (Northwind)\r\n');
    // Nobody's creators only: Boris.
    expect(feed.body.match(/^SUMMARY:.*$/gm)).toEqual(['SUMMARY:Связаться: Boris\\; Bakes\\, Inc.']);
    const removed = await t.call(owner, {
      method: 'DELETE',
      url: `/api/v1/workspaces/${ws}/members/${ann.me.user.id}`,
    });
    expect(removed.statusCode).toBe(200);
    expect((await fetchFeed(res.json().url)).statusCode).toBe(404);
  });

  it('is for people: an API token cannot have one', async () => {
    const { secret } = (
      await t.call(owner, {
        method: 'POST',
        url: `/api/v1/workspaces/${ws}/tokens`,
        payload: { name: 'script', role: 'manager' },
      })
    ).json();
    const res = await t.callToken(secret, { method: 'POST', url: `/api/v1/workspaces/${ws}/calendar-feed` });
    expect(res.statusCode).toBe(403);
  });

  it('turning the feed off ends its URL', async () => {
    const res = await t.call(owner, { method: 'DELETE', url: `/api/v1/workspaces/${ws}/calendar-feed` });
    expect(res.statusCode).toBe(200);
    expect((await fetchFeed(url)).statusCode).toBe(404);
    expect(
      (await t.call(owner, { method: 'GET', url: `/api/v1/workspaces/${ws}/calendar-feed` })).json().exists,
    ).toBe(false);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/calendar/not-a-real-token-at-all.ics' })).statusCode,
    ).toBe(404);
  });
});
