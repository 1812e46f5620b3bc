import type { Clock } from '@evergreen/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reading98of2400 } from '../testing/factories/performance.ts';
import { type Method, newWorkspace, type WorkspaceClient } from '../testing/factories/workspace.ts';
import { createTestApp, type Session, type TestApp } from '../testing/harness.ts';

/**
 * The merge fields a message is filled from, with real rows: the creator's last live post and its
 * engagement rate (from metric snapshots), the next campaign being planned, and the name a
 * creator is greeted by.
 */

const clock: Clock = { now: () => new Date('2026-03-10T10:00:00Z') };
let t: TestApp;
let owner: Session;
let ws: string;
let w: WorkspaceClient;
let autumnId: string;

const call = (method: Method, url: string, payload?: object, headers?: Record<string, string>) =>
  w.ok(method, url, payload, { headers });
const preview = (creatorId: string, body: object) =>
  call('POST', `/creators/${creatorId}/messages/preview`, body);

beforeAll(async () => {
  t = await createTestApp({ clock });
  owner = await t.signUp('Olga Owner');
  w = await newWorkspace(t, owner, 'Northwind');
  ws = w.ws;
});
afterAll(() => t.close());

describe('lastPost and nextCampaign come from the creator’s posts and the campaigns being planned', () => {
  it('fills them from real rows, in English and Russian', async () => {
    const anna = (
      await call('POST', '/creators', {
        displayName: 'Bake with Anna',
        legalName: 'Anna Petrova',
        email: 'anna@bakes.test',
        tier: 1,
        status: 'active',
        languages: ['en'],
      })
    ).id;
    // Nothing yet: the sections fall back.
    const empty = await preview(anna, { templateKey: 'share_win' });
    expect(empty.subject).toBe('Your latest post did really well');

    // Two live posts; the later one (by posted time) is the last post. A planned post without a
    // posted time does not count.
    const older = await call('POST', '/deliverables', {
      creatorId: anna,
      type: 'reel',
      title: 'Sourdough at dawn',
      url: 'https://ig.example/p/1',
      status: 'live',
      postedAt: '2026-02-01T09:00:00Z',
    });
    const last = await call('POST', '/deliverables', {
      creatorId: anna,
      type: 'reel',
      title: 'Rye in ten minutes',
      url: 'https://ig.example/p/2',
      status: 'live',
      postedAt: '2026-03-03T18:30:00Z',
    });
    await call('POST', '/deliverables', {
      creatorId: anna,
      type: 'story',
      title: 'Planned',
      status: 'planned',
    });
    // Latest reading: reach 2400, engagements 60 + 20 + 10 + 8 = 98 → 98 / 2400 = 4.0833…% → "4.1%".
    await call(
      'POST',
      '/metrics/batch',
      {
        snapshots: [
          { deliverableId: older.id, capturedAt: '2026-02-02T09:00:00Z', reach: 100, likes: 50 },
          { deliverableId: last.id, capturedAt: '2026-03-04T18:30:00Z', reach: 1000, likes: 10 },
          reading98of2400(last.id),
        ],
      },
      { 'idempotency-key': 'merge-facts-1' },
    );
    // Campaigns: a past one, a cancelled one, a planned one far ahead, and the next planned one.
    const campaign = (name: string, startsOn: string, endsOn: string, status?: string) =>
      call('POST', '/campaigns', { name, products: ['Flour'], markets: ['US'], startsOn, endsOn, status });
    await campaign('Winter flour', '2026-01-01', '2026-01-31', 'done');
    const cancelled = await campaign('Cancelled spring', '2026-03-20', '2026-04-20');
    await call('PATCH', `/campaigns/${cancelled.id}`, { status: 'cancelled' });
    autumnId = (await campaign('Autumn harvest', '2026-09-01', '2026-09-30')).id;
    await campaign('Spring rye', '2026-04-01', '2026-04-30');

    const win = await preview(anna, {
      subject: 'x',
      body: '{{lastPost.title}} | {{lastPost.engagementRate}} | {{lastPost.url}} | {{lastPost.postedOn}} | {{nextCampaign.name}} | {{nextCampaign.startsOn}}',
    });
    expect(win.text).toBe(
      'Rye in ten minutes | 4.1% | https://ig.example/p/2 | March 3, 2026 | Spring rye | April 1, 2026',
    );
    expect(win.missingFields).toEqual([]);
    const ru = await preview(anna, {
      subject: 'x',
      body: '{{lastPost.engagementRate}} | {{lastPost.postedOn}} | {{nextCampaign.startsOn}}',
      language: 'ru',
    });
    expect(ru.text).toBe('4,1\u00a0% | 3 марта 2026 г. | 1 апреля 2026 г.');
    // The built-in templates use them.
    const shareWin = await preview(anna, { templateKey: 'share_win' });
    expect(shareWin.subject).toBe('"Rye in ten minutes" did really well');
    expect(shareWin.text).toContain('"Rye in ten minutes" reached 4.1% engagement.');
    const ask = await preview(anna, { templateKey: 'ask_opinion' });
    expect(ask.subject).toBe('Your view on Spring rye');
  });

  it('a campaign the creator already has a brief in comes first', async () => {
    const boris = (
      await call('POST', '/creators', { displayName: 'Boris', tier: 1, status: 'active', languages: ['en'] })
    ).id;
    await call('POST', `/campaigns/${autumnId}/briefs`, { creatorId: boris, title: 'Harvest loaf' });
    const p = await preview(boris, { subject: 'x', body: '{{nextCampaign.name}} / {{lastPost.title}}' });
    // Boris has no post: lastPost stays empty (and is reported missing).
    expect(p.text).toBe('Autumn harvest /');
    expect(p.missingFields).toEqual(['lastPost.title']);
  });
});

describe('the name a creator is greeted by', () => {
  it('defaults from a Russian legal name written surname first, can be set, and is in the CSV', async () => {
    const alina = await call('POST', '/creators', {
      displayName: 'Alina Bakes',
      legalName: 'Соколова Алина Игоревна',
      email: 'alina@bakes.test',
      tier: 1,
      status: 'active',
      languages: ['ru'],
    });
    expect(alina).toMatchObject({ greetingName: null, greetingNameDefault: 'Алина' });
    const first = await preview(alina.id, { templateKey: 'check_in' });
    expect(first.subject).toBe('Как дела, Алина?');
    expect(first.text.startsWith('Здравствуйте, Алина!')).toBe(true);
    // A workspace template still using {{creator.firstName}} gets the given name too, not "Соколова".
    const own = await preview(alina.id, { subject: 'x', body: 'Привет, {{creator.firstName}}!' });
    expect(own.text).toBe('Привет, Алина!');

    const changed = await call('PATCH', `/creators/${alina.id}`, { greetingName: 'Аля' });
    expect(changed).toMatchObject({ greetingName: 'Аля', greetingNameDefault: 'Алина' });
    expect((await preview(alina.id, { templateKey: 'check_in' })).subject).toBe('Как дела, Аля?');
    // Back to the default.
    expect((await call('PATCH', `/creators/${alina.id}`, { greetingName: null })).greetingName).toBeNull();

    // The CSV: a greeting_name column, read on import and written on export (empty = derived).
    const csv =
      'display_name,legal_name,greeting_name,email\nIvan Cooks,Петров Иван Сергеевич,Ваня,ivan@cooks.test\nOlga,,,olga@x.test\n';
    const res = await t.call(owner, {
      method: 'POST',
      url: `/api/v1/workspaces/${ws}/creators/import`,
      headers: { 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(res.statusCode, res.body).toBe(200);
    const list = await call('GET', '/creators?q=Ivan');
    expect(list.creators).toHaveLength(1);
    const ivan = await call('GET', `/creators/${list.creators[0].id}`);
    expect(ivan).toMatchObject({ greetingName: 'Ваня', greetingNameDefault: 'Иван' });
    const exported = await t.call(owner, {
      method: 'GET',
      url: `/api/v1/workspaces/${ws}/creators/export.csv`,
    });
    expect(exported.statusCode).toBe(200);
    const lines = exported.body.replace(/^\uFEFF/, '').split(/\r?\n/);
    const header = lines[0]!.split(',');
    const col = header.indexOf('greeting_name');
    expect(col).toBe(header.indexOf('legal_name') + 1);
    const cellsOf = (name: string) => lines.find((l) => l.includes(name))!.split(',');
    expect(cellsOf('Ivan Cooks')[col]).toBe('Ваня');
    expect(cellsOf('Alina Bakes')[col]).toBe('');
  });
});
