import { type ActorCtx, type Clock, importMetricsCsv, importPostsCsv } from '@evergreen/core';
import { deliverables, metricSnapshots } from '@evergreen/db';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCreator } from '../testing/factories/roster.ts';
import { newWorkspace } from '../testing/factories/workspace.ts';
import { appWithOwner, type Session, type TestApp } from '../testing/harness.ts';

// A fixed clock: "today" is 2026-03-10 (UTC).
const now = new Date('2026-03-10T10:00:00Z');
const clock: Clock = { now: () => now };

let t: TestApp;
let owner: Session;

beforeAll(async () => ({ t, owner } = await appWithOwner('Olga Owner', { clock })));
afterAll(() => t.close());

/** A fresh workspace per scenario. */
async function workspace(name: string) {
  const w = await newWorkspace(t, owner, name);
  const { ws } = w;
  const creator = (displayName: string, extra: Record<string, unknown> = {}) =>
    createCreator(w, displayName, extra);
  const ctx: ActorCtx = {
    db: t.database.db,
    clock,
    actor: { workspaceId: ws, role: 'owner', userId: owner.me.user.id, tokenId: null },
  };
  const postCount = async () =>
    (
      await t.database.db.select({ n: count() }).from(deliverables).where(eq(deliverables.workspaceId, ws))
    )[0]!.n;
  const snapshotCount = async () =>
    (
      await t.database.db
        .select({ n: count() })
        .from(metricSnapshots)
        .where(eq(metricSnapshots.workspaceId, ws))
    )[0]!.n;
  return { ...w, creator, ctx, postCount, snapshotCount };
}

describe('posts: ordinals, filters, links', () => {
  it('numbers sponsored live posts 1..3 by posted time and renumbers when a posted time moves', async () => {
    const w = await workspace('Ordinals Co');
    const anna = await w.creator('Anna');
    const post = (body: Record<string, unknown>) =>
      w.ok('POST', '/deliverables', { creatorId: anna, type: 'sponsored_post', ...body });
    const p1 = await post({ externalId: 'p1', status: 'live', postedAt: '2026-01-05T10:00:00Z' });
    const p2 = await post({ externalId: 'p2', status: 'live', postedAt: '2026-01-20T10:00:00Z' });
    const organic = await post({ status: 'live', sponsored: false, postedAt: '2026-01-25T10:00:00Z' });
    const p4 = await post({ externalId: 'p4', status: 'live', postedAt: '2026-02-01T10:00:00Z' });
    const planned = await post({ status: 'planned', dueOn: '2026-03-15' });
    // p4 answered its own ordinal at creation: the third sponsored live post.
    expect(p4.ordinal).toBe(3);
    const ordinals = async () => {
      const { deliverables: list } = await w.ok('GET', `/deliverables?creatorId=${anna}`);
      return Object.fromEntries(list.map((d: { id: string; ordinal: number | null }) => [d.id, d.ordinal]));
    };
    expect(await ordinals()).toEqual({
      [p1.id]: 1,
      [p2.id]: 2,
      [organic.id]: null,
      [p4.id]: 3,
      [planned.id]: null,
    });
    // p4 moves before p1: p4 1, p1 2, p2 3.
    await w.ok('PATCH', `/deliverables/${p4.id}`, { postedAt: '2026-01-01T10:00:00Z' });
    expect(await ordinals()).toEqual({
      [p1.id]: 2,
      [p2.id]: 3,
      [organic.id]: null,
      [p4.id]: 1,
      [planned.id]: null,
    });

    // Filters: live + sponsored = p1, p2, p4; organic alone; posted in January (UTC days) = p1, p2, organic, p4.
    const ids = async (q: string) =>
      ((await w.ok('GET', `/deliverables?${q}`)).deliverables as { id: string }[]).map((d) => d.id).sort();
    expect(await ids('status=live&sponsored=true')).toEqual([p1.id, p2.id, p4.id].sort());
    expect(await ids('sponsored=false')).toEqual([organic.id]);
    expect(await ids('postedFrom=2026-01-05&postedTo=2026-01-20')).toEqual([p1.id, p2.id].sort());
    expect(await ids('dueFrom=2026-03-01&dueTo=2026-03-31')).toEqual([planned.id]);
    const page = await w.ok('GET', '/deliverables?limit=2&offset=1');
    expect(page.total).toBe(5);
    expect(page.deliverables).toHaveLength(2);
  });

  it('refuses a taken external id (409 naming externalId) and a brief of another creator', async () => {
    const w = await workspace('Links Co');
    const anna = await w.creator('Anna');
    const boris = await w.creator('Boris');
    await w.ok('POST', '/deliverables', { creatorId: anna, type: 'reel', externalId: 'ext-1' });
    const dup = await w.call('POST', '/deliverables', {
      creatorId: boris,
      type: 'reel',
      externalId: 'ext-1',
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.fields[0]).toMatchObject({ field: 'externalId', code: 'taken' });

    const campaign = await w.ok('POST', '/campaigns', {
      name: 'Spring',
      startsOn: '2026-03-01',
      endsOn: '2026-03-31',
    });
    const brief = await w.ok('POST', `/campaigns/${campaign.id}/briefs`, { creatorId: anna, title: 'Brief' });
    const wrong = await w.call('POST', '/deliverables', {
      creatorId: boris,
      type: 'reel',
      briefId: brief.id,
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields[0]).toMatchObject({ field: 'briefId', code: 'other_creator' });
    // A brief without a campaign brings its campaign.
    const right = await w.ok('POST', '/deliverables', { creatorId: anna, type: 'reel', briefId: brief.id });
    expect(right).toMatchObject({ briefId: brief.id, campaignId: campaign.id });
  });
});

/** A live reel of `creatorId` with its external id and URL, posted at `postedAt`. */
const liveReel = (
  w: Awaited<ReturnType<typeof workspace>>,
  creatorId: string,
  externalId: string,
  url: string,
  postedAt: string,
) => w.ok('POST', '/deliverables', { creatorId, type: 'reel', externalId, url, status: 'live', postedAt });

describe('metric snapshots', () => {
  it('derives latest, day-1 and day-7 rates from batches, idempotently', async () => {
    const w = await workspace('Metrics Co');
    const anna = await w.creator('Anna');
    const post = await liveReel(w, anna, 'reel-1', 'https://ig.example/p/reel-1', '2026-01-05T10:00:00Z');
    // Posted 2026-01-05 10:00 UTC. Engagements = likes + comments + shares + saves; basis = reach.
    //   +20h  reach 1000, 30+5+3+2 = 40  → 0.040000
    //   +26h  reach 1200, 40+6+2+2 = 50  → 50/1200 = 0.0416666… → 0.041667
    //   +6d   reach 2000, 70+10+5+5 = 90 → 0.045000
    //   +8d   reach 2500, 90+10+5+5 = 110 → 0.044000
    //   +30d  reach 3000, 120+15+10+5 = 150 → 0.050000
    // Day 1 = nearest 24h in [0, 4d): |20−24| = 4h vs |26−24| = 2h → +26h → 0.041667.
    // Day 7 = nearest 168h in [4d, 14d]: +6d and +8d are both 1 day off → the earlier, +6d → 0.045000.
    // Latest = +30d → 0.050000.
    const batch = {
      snapshots: [
        {
          externalId: 'reel-1',
          capturedAt: '2026-01-06T06:00:00Z',
          reach: 1000,
          likes: 30,
          comments: 5,
          shares: 3,
          saves: 2,
        },
        {
          url: 'https://ig.example/p/reel-1',
          capturedAt: '2026-01-06T12:00:00Z',
          reach: 1200,
          likes: 40,
          comments: 6,
          shares: 2,
          saves: 2,
        },
        {
          deliverableId: post.id,
          capturedAt: '2026-01-11T10:00:00Z',
          reach: 2000,
          likes: 70,
          comments: 10,
          shares: 5,
          saves: 5,
        },
        {
          externalId: 'reel-1',
          capturedAt: '2026-01-13T10:00:00Z',
          reach: 2500,
          likes: 90,
          comments: 10,
          shares: 5,
          saves: 5,
        },
        {
          externalId: 'reel-1',
          capturedAt: '2026-02-04T10:00:00Z',
          impressions: 5000,
          reach: 3000,
          likes: 120,
          comments: 15,
          shares: 10,
          saves: 5,
          clicks: 40,
          videoViews: 900,
        },
      ],
    };
    const key = { headers: { 'idempotency-key': 'batch-0001' } };
    const first = await w.ok('POST', '/metrics/batch', batch, key);
    expect(first).toMatchObject({ created: 5, updated: 0, unchanged: 0, replayed: false });
    expect(first.snapshots.map((s: { action: string }) => s.action)).toEqual(Array(5).fill('created'));
    expect(await w.snapshotCount()).toBe(5);

    const again = await w.ok('POST', '/metrics/batch', batch, key);
    expect(again).toEqual({ ...first, replayed: true });
    expect(await w.snapshotCount()).toBe(5);

    const other = await w.call('POST', '/metrics/batch', { snapshots: batch.snapshots.slice(0, 1) }, key);
    expect(other.statusCode).toBe(409);
    expect(other.json().error.fields[0]).toMatchObject({
      field: 'Idempotency-Key',
      code: 'idempotency_conflict',
    });

    const noKey = await w.call('POST', '/metrics/batch', batch);
    expect(noKey.statusCode).toBe(400);
    expect(noKey.json().error.fields[0]).toMatchObject({ field: 'Idempotency-Key', code: 'required' });

    const negative = await w.call(
      'POST',
      '/metrics/batch',
      { snapshots: [batch.snapshots[0], { ...batch.snapshots[1], reach: -1 }] },
      { headers: { 'idempotency-key': 'batch-0002' } },
    );
    expect(negative.statusCode).toBe(400);
    expect(negative.json().error.fields[0].field).toBe('snapshots.1.reach');

    const unknown = await w.call(
      'POST',
      '/metrics/batch',
      { snapshots: [{ externalId: 'nope', capturedAt: '2026-01-06T06:00:00Z', reach: 1 }] },
      { headers: { 'idempotency-key': 'batch-0003' } },
    );
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields[0]).toMatchObject({
      field: 'snapshots.0.externalId',
      code: 'not_found',
    });
    expect(await w.snapshotCount()).toBe(5);

    const detail = await w.ok('GET', `/deliverables/${post.id}/snapshots`);
    expect(detail.deliverable).toMatchObject({
      snapshotCount: 5,
      latestCapturedAt: '2026-02-04T10:00:00.000Z',
      latestImpressions: 5000,
      latestReach: 3000,
      latestClicks: 40,
      latestVideoViews: 900,
      latestEngagements: 150,
      engagementRate: '0.050000',
      day1Rate: '0.041667',
      day7Rate: '0.045000',
    });
    expect(
      detail.snapshots.map((s: { ageSeconds: number; engagementRate: string }) => [
        s.ageSeconds,
        s.engagementRate,
      ]),
    ).toEqual([
      [20 * 3600, '0.040000'],
      [26 * 3600, '0.041667'],
      [6 * 86400, '0.045000'],
      [8 * 86400, '0.044000'],
      [30 * 86400, '0.050000'],
    ]);

    // By hand: a reading at exactly +24h (reach 1000, 44+4+1+1 = 50 → 0.050000) becomes day 1.
    const manual = await w.ok('POST', `/deliverables/${post.id}/snapshots`, {
      capturedAt: '2026-01-06T10:00:00Z',
      reach: 1000,
      likes: 44,
      comments: 4,
      shares: 1,
      saves: 1,
    });
    expect(manual).toMatchObject({
      source: 'manual',
      engagements: 50,
      engagementRate: '0.050000',
      ageSeconds: 86400,
    });
    expect((await w.ok('GET', `/deliverables/${post.id}`)).day1Rate).toBe('0.050000');
    // Deleting it brings the +26h reading back as day 1.
    await w.ok('DELETE', `/deliverables/${post.id}/snapshots/${manual.id}`);
    expect((await w.ok('GET', `/deliverables/${post.id}`)).day1Rate).toBe('0.041667');

    // A post with impressions only: basis = impressions. 20 ÷ 800 = 0.025000.
    const story = await w.ok('POST', '/deliverables', {
      creatorId: anna,
      type: 'story',
      status: 'live',
      postedAt: '2026-01-10T00:00:00Z',
    });
    await w.ok('POST', `/deliverables/${story.id}/snapshots`, {
      capturedAt: '2026-01-11T00:00:00Z',
      impressions: 800,
      likes: 20,
    });
    expect(await w.ok('GET', `/deliverables/${story.id}`)).toMatchObject({
      engagementRate: '0.025000',
      day1Rate: '0.025000',
      day7Rate: null,
    });
  });
});

describe('CSV imports', () => {
  const header =
    'external_id,creator,campaign,platform,type,sponsored,posted_at,url,status,cost,cost_currency';
  const good = [
    'ig-1,@anna_ig,Spring,instagram,reel,yes,2026-02-01 10:00,https://ig.example/p/1,live,150.00,USD',
    'ig-2,anna@example.test,,instagram,,true,2026-02-03T12:00:00+03:00,,,,',
  ];
  const badRow = 'ig-3,@anna_ig,,instagram,,maybe,,,,,';

  it('imports posts: row errors by row and column, all or nothing, valid rows, re-import unchanged', async () => {
    const w = await workspace('Posts CSV Co');
    const anna = await w.creator('Anna', {
      email: 'anna@example.test',
      handles: [{ platform: 'instagram', handle: 'anna_ig' }],
    });
    await w.ok('POST', '/campaigns', { name: 'Spring', startsOn: '2026-02-01', endsOn: '2026-02-28' });
    const progress: string[] = [];
    const before = await w.postCount();

    const refused = await importPostsCsv(w.ctx, [header, ...good, badRow].join('\n'), {
      mode: 'all_or_nothing',
      onProgress: (p) => progress.push(p.phase),
    });
    expect(refused).toMatchObject({
      mode: 'all_or_nothing',
      totalRows: 3,
      created: 0,
      wrote: false,
      errorCount: 1,
    });
    // Header = row 1, so the third data row is row 4.
    expect(refused.rowErrors).toEqual([
      {
        row: 4,
        column: 'sponsored',
        message: expect.stringContaining('true or false'),
        code: 'invalid_value',
      },
    ]);
    expect(await w.postCount()).toBe(before);
    expect(progress).toEqual(['reading', 'checking', 'checking', 'done']);

    const partial = await importPostsCsv(w.ctx, [header, ...good, badRow].join('\n'), { mode: 'valid_rows' });
    expect(partial).toMatchObject({
      created: 2,
      updated: 0,
      unchanged: 0,
      skipped: 1,
      wrote: true,
      errorCount: 1,
    });
    expect(await w.postCount()).toBe(before + 2);

    const { deliverables: posts } = await w.ok('GET', `/deliverables?creatorId=${anna}`);
    const byExt = Object.fromEntries(posts.map((d: { externalId: string }) => [d.externalId, d]));
    expect(byExt['ig-1']).toMatchObject({
      type: 'reel',
      platform: 'instagram',
      sponsored: true,
      postedAt: '2026-02-01T10:00:00.000Z',
      status: 'live',
      costMinor: 15000,
      costCurrency: 'USD',
      ordinal: 1,
    });
    // 12:00 at +03:00 is 09:00 UTC; a post with a posted time and no status is live; type defaults.
    expect(byExt['ig-2']).toMatchObject({
      type: 'sponsored_post',
      postedAt: '2026-02-03T09:00:00.000Z',
      status: 'live',
      ordinal: 2,
      campaignId: null,
    });

    const again = await importPostsCsv(w.ctx, [header, ...good].join('\n'), { mode: 'all_or_nothing' });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2, wrote: false, errorCount: 0 });

    // Moving ig-2 before ig-1 updates one post and swaps their ordinals.
    const moved = await importPostsCsv(w.ctx, 'external_id,posted_at\nig-2,2026-01-31 10:00\n', {
      mode: 'all_or_nothing',
    });
    expect(moved).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    const after = (await w.ok('GET', `/deliverables?creatorId=${anna}`)).deliverables;
    expect(
      Object.fromEntries(
        after.map((d: { externalId: string; ordinal: number }) => [d.externalId, d.ordinal]),
      ),
    ).toEqual({ 'ig-1': 2, 'ig-2': 1 });

    await expect(
      importPostsCsv(w.ctx, 'creator,posted_at\n@anna_ig,2026-01-01 10:00\n', { mode: 'valid_rows' }),
    ).rejects.toMatchObject({
      code: 'validation_failed',
      fields: [expect.objectContaining({ field: 'rows.1.external_id', code: 'missing_column' })],
    });
  });

  it('imports metric snapshots by external id or URL; a bad count names row and column', async () => {
    const w = await workspace('Metrics CSV Co');
    const anna = await w.creator('Anna');
    const post = await liveReel(w, anna, 'ig-1', 'https://ig.example/p/1', '2026-02-01T10:00:00Z');
    const file = [
      'post,captured_at,impressions,reach,likes,comments,shares,saves,clicks,video_views',
      'ig-1,2026-02-02 10:00,,1000,50,5,3,2,10,',
      'https://ig.example/p/1,2026-02-08 10:00,,2000,90,6,2,2,20,',
      'ig-1,2026-02-09T10:00:00Z,,-5,,,,,,',
    ].join('\r\n');
    const refused = await importMetricsCsv(w.ctx, file, { mode: 'all_or_nothing' });
    expect(refused).toMatchObject({ wrote: false, errorCount: 1 });
    expect(refused.rowErrors[0]).toMatchObject({ row: 4, column: 'reach', code: 'invalid_number' });
    expect(await w.snapshotCount()).toBe(0);

    const partial = await importMetricsCsv(w.ctx, file, { mode: 'valid_rows' });
    expect(partial).toMatchObject({ created: 2, updated: 0, unchanged: 0, skipped: 1, wrote: true });
    expect(await w.snapshotCount()).toBe(2);
    // +24h: (50+5+3+2) / 1000 = 0.060000; +7d: (90+6+2+2) / 2000 = 0.050000 (also the latest).
    expect(await w.ok('GET', `/deliverables/${post.id}`)).toMatchObject({
      snapshotCount: 2,
      day1Rate: '0.060000',
      day7Rate: '0.050000',
      engagementRate: '0.050000',
      latestClicks: 20,
    });
    // The same readings again change nothing; one changed number updates that reading.
    const same = await importMetricsCsv(w.ctx, file, { mode: 'valid_rows' });
    expect(same).toMatchObject({ created: 0, updated: 0, unchanged: 2, skipped: 1, wrote: false });
    const changed = await importMetricsCsv(
      w.ctx,
      'post,captured_at,reach,likes\nig-1,2026-02-08 10:00,2000,100\n',
      { mode: 'all_or_nothing' },
    );
    expect(changed).toMatchObject({ created: 0, updated: 1 });
    // Now 100 likes of 2000 reach (the other counts were left empty: not measured) = 0.050000.
    expect((await w.ok('GET', `/deliverables/${post.id}`)).engagementRate).toBe('0.050000');
  });
});

describe('trackers', () => {
  it('stores codes upper-case, builds links with suggested UTM values, refuses duplicates, archives', async () => {
    const w = await workspace('Trackers Co');
    const anna = await w.creator('Анна Смирнова');
    const boris = await w.creator('Boris');
    const code = await w.ok('POST', '/trackers', { kind: 'promo_code', creatorId: anna, code: 'anna10' });
    expect(code).toMatchObject({ kind: 'promo_code', code: 'ANNA10', archivedAt: null });
    const taken = await w.call('POST', '/trackers', { kind: 'promo_code', creatorId: boris, code: 'Anna10' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.fields[0]).toMatchObject({ field: 'code', code: 'taken' });
    const invalid = await w.call('POST', '/trackers', { kind: 'promo_code', creatorId: boris, code: 'a!' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.fields[0].field).toBe('code');

    expect(
      await w.ok('GET', `/creators/${anna}/utm-suggestion?destinationUrl=https://shop.example/oat`),
    ).toEqual({
      utmSource: 'anna-smirnova',
      utmMedium: 'creator',
      utmCampaign: 'always-on',
      url: 'https://shop.example/oat?utm_source=anna-smirnova&utm_medium=creator&utm_campaign=always-on',
    });
    const link = await w.ok('POST', '/trackers', {
      kind: 'link',
      creatorId: anna,
      destinationUrl: 'https://shop.example/oat?ref=x&utm_source=old#top',
    });
    expect(link).toMatchObject({
      utmSource: 'anna-smirnova',
      utmMedium: 'creator',
      utmCampaign: 'always-on',
      url: 'https://shop.example/oat?ref=x&utm_source=anna-smirnova&utm_medium=creator&utm_campaign=always-on#top',
    });
    const sameUtm = await w.call('POST', '/trackers', {
      kind: 'link',
      creatorId: boris,
      destinationUrl: 'https://shop.example/',
      utmSource: 'Anna-Smirnova',
      utmCampaign: 'ALWAYS-ON',
    });
    expect(sameUtm.statusCode).toBe(409);
    expect(sameUtm.json().error.fields[0]).toMatchObject({ field: 'utmCampaign', code: 'taken' });

    const archived = await w.ok('POST', `/trackers/${code.id}/archive`);
    expect(archived.archivedAt).toBe(now.toISOString());
    const active = (await w.ok('GET', `/trackers?creatorId=${anna}`)).trackers.map(
      (x: { id: string }) => x.id,
    );
    expect(active).toEqual([link.id]);
    const all = (await w.ok('GET', `/trackers?creatorId=${anna}&includeArchived=true`)).trackers;
    expect(all).toHaveLength(2);
  });
});

describe('Today', () => {
  it('shows deliverables due within 7 days and missed ones, for my creators or the team', async () => {
    const w = await workspace('Today Co');
    const mine = await w.creator('Mine', { ownerUserId: owner.me.user.id });
    const theirs = await w.creator('Unowned', { ownerUserId: null });
    const post = (creatorId: string, body: Record<string, unknown>) =>
      w.ok('POST', '/deliverables', { creatorId, type: 'reel', ...body });
    // Today is 2026-03-10.
    const dueSoon = await post(mine, { dueOn: '2026-03-12', status: 'approved' });
    const dueToday = await post(theirs, { dueOn: '2026-03-10' });
    const late = await post(mine, { dueOn: '2026-03-08', status: 'submitted' });
    const markedMissed = await post(mine, { dueOn: '2026-03-05', status: 'missed' });
    await post(mine, { dueOn: '2026-03-11', status: 'live', postedAt: '2026-03-09T10:00:00Z' });
    await post(mine, { dueOn: '2026-03-18' }); // 8 days ahead: not yet
    await post(mine, { dueOn: '2026-02-20', status: 'missed' }); // missed 18 days ago: gone

    const items = async (scope: string) =>
      ((await w.ok('GET', `/today?scope=${scope}`)).items as { type: string }[])
        .filter((i) => i.type === 'deliverable')
        .map((i) => {
          const d = i as unknown as {
            deliverableId: string;
            bucket: string;
            missed: boolean;
            daysOverdue: number;
          };
          return [d.deliverableId, d.bucket, d.missed, d.daysOverdue];
        });
    expect(await items('team')).toEqual([
      [markedMissed.id, 'overdue', true, 5],
      [late.id, 'overdue', true, 2],
      [dueToday.id, 'due', false, 0],
      [dueSoon.id, 'upcoming', false, 0],
    ]);
    expect(await items('mine')).toEqual([
      [markedMissed.id, 'overdue', true, 5],
      [late.id, 'overdue', true, 2],
      [dueSoon.id, 'upcoming', false, 0],
    ]);
  });
});
