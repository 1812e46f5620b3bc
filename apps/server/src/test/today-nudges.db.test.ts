import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reading98of2400 } from '../testing/factories/performance.ts';
import { createCreator } from '../testing/factories/roster.ts';
import { type Method, newWorkspace } from '../testing/factories/workspace.ts';
import { appWithOwner, type Session, type TestApp } from '../testing/harness.ts';

/**
 * Today's suggested message follows the creator's activity, from real rows: a post that went live
 * in the last 30 days with an engagement reading is a win to share (share_win), else a campaign
 * being planned is one to ask their view on (ask_opinion, the one they have a brief in first),
 * else a plain check-in. Today is 2026-03-10; every creator is new, so their check-in is due today.
 */

let t: TestApp;
let owner: Session;

beforeAll(
  async () => ({ t, owner } = await appWithOwner('Olga Owner', { now: new Date('2026-03-10T10:00:00Z') })),
);
afterAll(() => t.close());

async function workspace(name: string) {
  const w = await newWorkspace(t, owner, name);
  const call = (method: Method, url: string, payload?: object, headers?: Record<string, string>) =>
    w.ok(method, url, payload, { headers });
  const creator = (displayName: string) => createCreator(w, displayName, { languages: ['en'] });
  const post = (creatorId: string, title: string, postedAt: string) =>
    call('POST', '/deliverables', { creatorId, type: 'reel', title, status: 'live', postedAt });
  const campaign = (name: string, startsOn: string, endsOn: string) =>
    call('POST', '/campaigns', { name, products: ['Flour'], markets: ['US'], startsOn, endsOn });
  const nudges = async () => {
    const today = await call('GET', '/today?scope=team');
    return Object.fromEntries(
      today.items
        .filter((i: { type: string }) => i.type === 'check_in')
        .map((i: { creatorName: string; nudge: unknown }) => [i.creatorName, i.nudge]),
    );
  };
  return { ws: w.ws, call, creator, post, campaign, nudges };
}

describe("Today's suggested message", () => {
  it('shares a recent win, else asks about a campaign being planned, else checks in', async () => {
    const w = await workspace('Northwind');
    const anna = await w.creator('Anna');
    const boris = await w.creator('Boris');
    const cleo = await w.creator('Cleo');
    // Nothing posted and nothing planned: everyone gets a plain check-in.
    expect(await w.nudges()).toEqual({
      Anna: {
        kind: 'check_in',
        reason: 'A regular check-in',
        templateKey: 'check_in',
        post: null,
        campaign: null,
      },
      Boris: {
        kind: 'check_in',
        reason: 'A regular check-in',
        templateKey: 'check_in',
        post: null,
        campaign: null,
      },
      Cleo: {
        kind: 'check_in',
        reason: 'A regular check-in',
        templateKey: 'check_in',
        post: null,
        campaign: null,
      },
    });

    // Anna: a post live 7 days ago (2026-03-03), reach 2,400 and 60 + 20 + 10 + 8 = 98 engagements:
    // 98 / 2,400 = 4.083…% → "4.1".
    const rye = await w.post(anna, 'Rye in ten minutes', '2026-03-03T18:30:00Z');
    // Boris: a post that did well but went live 2026-02-07, 31 days ago: no longer recent.
    const old = await w.post(boris, 'Winter loaf', '2026-02-07T12:00:00Z');
    // Cleo: a post live yesterday with no reading yet: nothing to share.
    await w.post(cleo, 'Brioche', '2026-03-09T08:00:00Z');
    await w.call(
      'POST',
      '/metrics/batch',
      {
        snapshots: [
          reading98of2400(rye.id),
          { deliverableId: old.id, capturedAt: '2026-02-08T12:00:00Z', reach: 1000, likes: 90 },
        ],
      },
      { 'idempotency-key': 'today-nudges-1' },
    );
    const afterPosts = await w.nudges();
    expect(afterPosts.Anna).toEqual({
      kind: 'shared_results',
      reason: 'Rye in ten minutes reached 4.1% engagement',
      templateKey: 'share_win',
      post: { title: 'Rye in ten minutes', engagementRatePct: '4.1' },
      campaign: null,
    });
    expect(afterPosts.Boris.templateKey).toBe('check_in');
    expect(afterPosts.Cleo.templateKey).toBe('check_in');

    // Campaigns being planned: Spring rye (1 April) is the next; Boris has a brief in Autumn
    // harvest, so his is that one. A campaign that already started does not count.
    await w.campaign('Started already', '2026-03-01', '2026-03-31');
    await w.campaign('Spring rye', '2026-04-01', '2026-04-30');
    const autumn = await w.campaign('Autumn harvest', '2026-09-01', '2026-09-30');
    await w.call('POST', `/campaigns/${autumn.id}/briefs`, { creatorId: boris, title: 'Harvest loaf' });
    expect(await w.nudges()).toEqual({
      // A recent win still comes first.
      Anna: {
        kind: 'shared_results',
        reason: 'Rye in ten minutes reached 4.1% engagement',
        templateKey: 'share_win',
        post: { title: 'Rye in ten minutes', engagementRatePct: '4.1' },
        campaign: null,
      },
      Boris: {
        kind: 'asked_opinion',
        reason: 'Autumn harvest is being planned',
        templateKey: 'ask_opinion',
        post: null,
        campaign: { name: 'Autumn harvest' },
      },
      Cleo: {
        kind: 'asked_opinion',
        reason: 'Spring rye is being planned',
        templateKey: 'ask_opinion',
        post: null,
        campaign: { name: 'Spring rye' },
      },
    });

    // The suggested template, previewed for each, is filled from the same rows.
    const preview = (creatorId: string, templateKey: string) =>
      w.call('POST', `/creators/${creatorId}/messages/preview`, { templateKey });
    expect((await preview(anna, 'share_win')).subject).toBe('"Rye in ten minutes" did really well');
    expect((await preview(boris, 'ask_opinion')).subject).toBe('Your view on Autumn harvest');
    expect((await preview(cleo, 'ask_opinion')).subject).toBe('Your view on Spring rye');

    // Another workspace sees none of it: its creator gets a plain check-in.
    const other = await workspace('Elsewhere');
    await other.creator('Dana');
    expect(await other.nudges()).toEqual({
      Dana: {
        kind: 'check_in',
        reason: 'A regular check-in',
        templateKey: 'check_in',
        post: null,
        campaign: null,
      },
    });
  });
});
