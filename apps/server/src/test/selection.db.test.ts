import { ratingCriteria } from '@evergreen/contracts';
import type { Clock } from '@evergreen/core';
import {
  audienceSnapshots,
  creatorEvents,
  creatorPeriodFacts,
  creatorRatings,
  creators,
  deliverables,
} from '@evergreen/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../testing/harness.ts';

/**
 * The partnership-potential score (docs/selection.md) on a fixture worked out by hand. Today is
 * 2026-06-01 (UTC): the 12-month window starts 2025-06-01, the period facts from 2025-07-01, the
 * growth window 2025-12-01. Default weights: performance 25, stability 20, fit 40, growth 15.
 *
 * Posts (sponsored, live, basis = reach 1,000 each, cost in reporting minor units):
 *   Anna (Tier 2): engagements 40, 50, 60, 50 → rates .04 .05 .06 .05, cost 10,000 each, all due
 *     on their posting day (4/4 on time); 10 acquired customers, 3 repeaters. One older post
 *     (2025-05-01) lies outside the window.
 *   Boris (Tier 3): 30, 30 → .03 .03, cost 20,000 each; 5 acquired, 1 repeater; nothing due.
 *   Dina (Tier 2, "great metrics, difficult"): 70, 70, 70 → .07 each, cost 10,000 each, 3/3 on
 *     time; 10 acquired, 5 repeaters.
 * Roster references (mean over the three): ER (.05 + .03 + .07)/3 = .05; CPA (4,000 + 8,000 +
 * 3,000)/3 = 5,000; repeat (.3 + .2 + .5)/3 = 1/3; cost per reach (10 + 20 + 10)/3 = 13.33….
 */

const clock: Clock = { now: () => new Date('2026-06-01T09:00:00Z') };
let t: TestApp;
let owner: Session;
let mark: Session;

beforeAll(async () => {
  t = await createTestApp({ clock });
  owner = await t.signUp('Olga Owner');
  mark = await t.signUp('Mark Manager');
});
afterAll(() => t.close());

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

async function setup() {
  const ws = (await t.createWorkspace(owner)).id;
  const raw = (method: Method, url: string, payload?: object) =>
    t.call(owner, { method, url: `/api/v1/workspaces/${ws}${url}`, payload });
  const call = async (method: Method, url: string, payload?: object) => {
    const res = await raw(method, url, payload);
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(200);
    return res.json();
  };
  const creator = async (displayName: string, tier: number) =>
    (await call('POST', '/creators', { displayName, tier, status: 'active' })).id as string;
  const db = t.database.db;
  const post = (creatorId: string, day: string, eng: number, cost: number, ordinal: number, due = false) =>
    db.insert(deliverables).values({
      workspaceId: ws,
      creatorId,
      type: 'reel',
      status: 'live',
      postedAt: new Date(`${day}T10:00:00Z`),
      dueOn: due ? day : null,
      ordinal,
      latestEngagements: eng,
      latestBasis: 1000,
      latestReach: 1000,
      costReportingMinor: cost,
      snapshotCount: 1,
    });
  const facts = (creatorId: string, acquired: number, repeaters: number) =>
    db.insert(creatorPeriodFacts).values({
      workspaceId: ws,
      grain: 'month',
      startsOn: '2026-03-01',
      creatorId,
      hasPost: true,
      acquired,
      repeaters,
    });
  const snapshot = (creatorId: string, capturedOn: string, followers: number) =>
    db
      .insert(audienceSnapshots)
      .values({ workspaceId: ws, creatorId, capturedOn, platform: 'instagram', followers });
  const rate = (creatorId: string, scores: number[], s: Session = owner) =>
    t.call(s, {
      method: 'POST',
      url: `/api/v1/workspaces/${ws}/creators/${creatorId}/ratings`,
      payload: {
        ratings: ratingCriteria.map((criterion, i) => ({ criterion, score: scores[i] })),
      },
    });

  const anna = await creator('Anna', 2);
  const boris = await creator('Boris', 3);
  const dina = await creator('Dina', 2);
  const elena = await creator('Elena', 1);
  const fedor = await creator('Fedor', 3);
  await post(anna, '2025-05-01', 0, 10_000, 1);
  await post(anna, '2026-01-10', 40, 10_000, 2, true);
  await post(anna, '2026-02-10', 50, 10_000, 3, true);
  await post(anna, '2026-03-10', 60, 10_000, 4, true);
  await post(anna, '2026-04-10', 50, 10_000, 5, true);
  await facts(anna, 10, 3);
  await post(boris, '2026-02-15', 30, 20_000, 1);
  await post(boris, '2026-03-15', 30, 20_000, 2);
  await facts(boris, 5, 1);
  await post(dina, '2026-02-01', 70, 10_000, 1, true);
  await post(dina, '2026-03-01', 70, 10_000, 2, true);
  await post(dina, '2026-04-01', 70, 10_000, 3, true);
  await facts(dina, 10, 5);
  // Anna: 10,000 → 11,000 followers over 156 days (the October snapshot is before the window): +10%.
  await snapshot(anna, '2025-10-01', 5_000);
  await snapshot(anna, '2025-12-15', 10_000);
  await snapshot(anna, '2026-05-20', 11_000);
  // Elena: 20,000 → 18,000: −10%, declining.
  await snapshot(elena, '2025-12-10', 20_000);
  await snapshot(elena, '2026-05-25', 18_000);
  // Fedor: on the roster since 2025-10-01 and nothing since.
  await db
    .update(creators)
    .set({ createdAt: new Date('2025-10-01T00:00:00Z') })
    .where(eq(creators.id, fedor));
  return { ws, raw, call, rate, anna, boris, dina, elena, fedor };
}

const pillarOf = (score: { pillars: { pillar: string }[] }, p: string) =>
  score.pillars.find((x) => x.pillar === p) as unknown as {
    score: number | null;
    contribution: number | null;
    inputs: { key: string; value: string | null; score: number | null }[];
  };

describe('partnership-potential score', () => {
  it('computes each pillar and the weighted score by hand, and says when data is missing', async () => {
    const w = await setup();
    // Anna is rated by Olga (professionalism first 3, then 5: her latest counts) and by Mark (3).
    expect((await w.rate(w.anna, [4, 5, 4, 4, 3, 4, 4])).statusCode).toBe(200);
    const ratings = (await w.rate(w.anna, [4, 5, 4, 4, 5, 4, 4])).json();
    await t.database.db.insert(creatorRatings).values({
      workspaceId: w.ws,
      creatorId: w.anna,
      criterion: 'professionalism',
      score: 3,
      byUserId: mark.me.user.id,
      at: new Date('2026-06-01T09:00:00Z'),
    });
    expect(ratings.history).toHaveLength(14);
    const s = await w.call('GET', `/creators/${w.anna}/score`);

    // Performance: engagement 50 × .05/.05 = 50; CPA 40,000/10 = 4,000 → 50 × 5,000/4,000 = 62.5 → 63;
    // repeat 3/10 = .3 → 50 × .3/(1/3) = 45; cost per reach 40,000/4,000 = 10 → 50 × 13.33/10 = 66.7 → 67;
    // (50 + 63 + 45 + 67)/4 = 56.25 → 56.
    const perf = pillarOf(s, 'performance');
    expect(perf.inputs.map((i) => [i.key, i.value, i.score])).toEqual([
      ['engagement_rate', '0.050000', 50],
      ['cpa', '4000.00', 63],
      ['repeat_rate', '0.3000', 45],
      ['cost_per_reach', '10.000000', 67],
    ]);
    expect(perf.score).toBe(56);
    // Stability: CV = σ/μ = .0070711/.05 = .1414 → 100 − 14.14 = 86; on time 4/4 → 100; no issues
    // → 100; (86 + 100 + 100)/3 = 95.3 → 95.
    const stab = pillarOf(s, 'stability');
    expect(stab.inputs.map((i) => [i.key, i.value, i.score])).toEqual([
      ['consistency', '0.1414', 86],
      ['on_time', '4/4', 100],
      ['issues', '0', 100],
    ]);
    expect(stab.score).toBe(95);
    // Fit: professionalism = mean(Olga's latest 5, Mark's 3) = 4; criteria mean (4+5+4+4+4+4+4)/7 =
    // 4.142857 → 25 × 3.142857 = 78.6 → 79.
    const fit = pillarOf(s, 'fit');
    expect(fit.score).toBe(79);
    expect(s.professionalism).toBe('4.00');
    // Growth: (11,000 − 10,000)/10,000 = +10% → growing, 50 + 500 × .1 = 100.
    expect(pillarOf(s, 'growth').score).toBe(100);
    expect(s.trajectory).toBe('growing');
    // Score: (25 × 56 + 20 × 95 + 40 × 79 + 15 × 100)/100 = 79.6 → 80.
    expect(s.score).toBe(80);
    expect(s.pillars.map((p: { contribution: number }) => p.contribution)).toEqual([14, 19, 31.6, 15]);
    expect(s.eligibleForTier1).toBe(true);

    // Boris: no ratings, so no fit, so no score; two posts are too few for consistency and nothing
    // was due, so no stability. Performance still shows: (30 + 31 + 30 + 33)/4 = 31.
    const b = await w.call('GET', `/creators/${w.boris}/score`);
    expect(b.score).toBeNull();
    expect(pillarOf(b, 'fit').score).toBeNull();
    expect(pillarOf(b, 'stability').score).toBeNull();
    expect(pillarOf(b, 'performance').inputs.map((i) => i.score)).toEqual([30, 31, 30, 33]);
    expect(pillarOf(b, 'performance').score).toBe(31);

    // Weights are settings: fit only → the score is the fit pillar.
    await w.call('PUT', '/selection/settings', {
      weights: { performance: 0, stability: 0, fit: 100, growth: 0 },
      escalationPath: [],
    });
    // Fit alone is one pillar: not enough.
    expect((await w.call('GET', `/creators/${w.anna}/score`)).score).toBeNull();
    await w.call('PUT', '/selection/settings', {
      weights: { performance: 10, stability: 0, fit: 90, growth: 0 },
      escalationPath: [],
    });
    // (10 × 56 + 90 × 79)/100 = 76.7 → 77.
    expect((await w.call('GET', `/creators/${w.anna}/score`)).score).toBe(77);
    const bad = await w.raw('PUT', '/selection/settings', {
      weights: { performance: 0, stability: 0, fit: 0, growth: 0 },
      escalationPath: [],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toBe('weights');
  });

  it('keeps "great metrics, difficult" out of Tier 1 whatever the score, override or not', async () => {
    const w = await setup();
    await w.rate(w.dina, [5, 4, 5, 3, 2, 5, 5]);
    const s = await w.call('GET', `/creators/${w.dina}/score`);
    // Performance: 50 × .07/.05 = 70; 50 × 5,000/3,000 = 83.3 → 83; 50 × .5/(1/3) = 75;
    // 50 × 13.33/10 = 66.7 → 67; (70 + 83 + 75 + 67)/4 = 73.75 → 74. Stability: 100, 100, 100.
    // Fit: 29/7 = 4.142857 → 79. No growth data. (25 × 74 + 20 × 100 + 40 × 79)/85 = 82.5 → 82.
    expect(pillarOf(s, 'performance').score).toBe(74);
    expect(pillarOf(s, 'stability').score).toBe(100);
    expect(pillarOf(s, 'growth').score).toBeNull();
    expect(s.score).toBe(82);
    expect([s.eligibleForTier1, s.ineligibleReason, s.professionalism]).toEqual([
      false,
      'professionalism',
      '2.00',
    ]);

    // A gut call is recorded, shown and audited, but does not open Tier 1.
    const o = await w.call('PUT', `/creators/${w.dina}/score-override`, {
      score: 90,
      reason: 'Met her at the trade show',
    });
    expect([o.score, o.override.score, o.override.reason, o.override.byName]).toEqual([
      82,
      90,
      'Met her at the trade show',
      'Olga Owner',
    ]);
    const refused = await w.raw('POST', `/creators/${w.dina}/tier`, { tier: 1, reason: 'Great numbers' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.fields[0]).toMatchObject({ field: 'tier', code: 'tier1_professionalism' });
    const bulk = await w.raw('POST', '/creators/bulk', {
      ids: [w.dina, w.boris],
      action: { type: 'change_tier', tier: 1, reason: 'x' },
    });
    expect(bulk.statusCode).toBe(409);
    await w.call('PATCH', `/creators/${w.dina}`, { email: 'dina@example.test' });
    const csv = await w.raw('POST', '/creators/import', {
      csv: 'display_name,email,tier\nDina,dina@example.test,1\n',
    });
    expect(csv.statusCode).toBe(400);
    expect(csv.body).toContain('not eligible for Tier 1');
    expect((await w.call('GET', `/creators/${w.dina}`)).tier).toBe(2);
    // Nor is she suggested for promotion.
    const list = await w.call('GET', '/selection/suggestions');
    expect(list.suggestions.filter((x: { creatorId: string }) => x.creatorId === w.dina)).toEqual([]);
    const audit = await w.call('GET', '/audit');
    expect(audit.entries.map((e: { action: string }) => e.action)).toContain('creator.score_override_set');
    // Rated 3 by the team later: mean 3 > 2, eligible again.
    await w.rate(w.dina, [5, 4, 5, 3, 4, 5, 5]);
    expect((await w.call('GET', `/creators/${w.dina}/score`)).eligibleForTier1).toBe(true);
  });

  it('counts issues in stability and fit, and resolves them with an escalation path', async () => {
    const w = await setup();
    await w.rate(w.dina, [5, 4, 5, 3, 4, 5, 5]);
    await w.call('PUT', '/selection/settings', {
      weights: { performance: 25, stability: 20, fit: 40, growth: 15 },
      escalationPath: ['Account manager', 'Head of partnerships'],
    });
    const issue = await w.call('POST', `/creators/${w.dina}/issues`, {
      title: 'Posted without approval',
      severity: 'medium',
      ownerUserId: owner.me.user.id,
    });
    expect([issue.status, issue.escalatedTo, issue.openedOn]).toEqual([
      'open',
      'Account manager',
      '2026-06-01',
    ]);
    // Open medium: stability issues 100 − 20 = 80 → (100 + 100 + 80)/3 = 93.3 → 93; fit: criteria
    // (5+4+5+3+4+5+5)/7 = 31/7 → 25 × 3.428571 = 85.7, − 5 = 80.7 → 81.
    let s = await w.call('GET', `/creators/${w.dina}/score`);
    expect([pillarOf(s, 'stability').score, pillarOf(s, 'fit').score]).toEqual([93, 81]);
    const up = await w.call('PATCH', `/creators/${w.dina}/issues/${issue.id}`, { escalate: true });
    expect(up.escalatedTo).toBe('Head of partnerships');
    const top = await w.raw('PATCH', `/creators/${w.dina}/issues/${issue.id}`, { escalate: true });
    expect(top.statusCode).toBe(409);
    const noText = await w.raw('PATCH', `/creators/${w.dina}/issues/${issue.id}`, { status: 'resolved' });
    expect(noText.statusCode).toBe(400);
    const done = await w.call('PATCH', `/creators/${w.dina}/issues/${issue.id}`, {
      status: 'resolved',
      resolution: 'Agreed an approval step',
    });
    expect([done.status, done.resolvedOn, done.resolution]).toEqual([
      'resolved',
      '2026-06-01',
      'Agreed an approval step',
    ]);
    // Resolved within the window counts half: 100 − 10 = 90 → (100 + 100 + 90)/3 = 96.7 → 97; fit 86.
    s = await w.call('GET', `/creators/${w.dina}/score`);
    expect([pillarOf(s, 'stability').score, pillarOf(s, 'fit').score]).toEqual([97, 86]);
    const timeline = await w.call('GET', `/creators/${w.dina}/timeline`);
    expect(timeline.map((e: { type: string }) => e.type).slice(0, 3)).toEqual([
      'issue_resolved',
      'issue_escalated',
      'issue_opened',
    ]);
  });

  it('logs market insights on the timeline, searchable by market and product', async () => {
    const w = await setup();
    await w.call('POST', `/creators/${w.anna}/insights`, {
      kind: 'trend',
      market: 'DE',
      product: 'Rye flour',
      body: 'Sourdough is back in Berlin',
    });
    await w.call('POST', `/creators/${w.boris}/insights`, {
      kind: 'product_feedback',
      market: 'FR',
      product: 'Spelt flour',
      body: 'The bag tears',
      heardOn: '2026-05-02',
    });
    const de = await w.call('GET', '/insights?market=DE');
    expect(de.insights.map((i: { body: string; creatorName: string }) => [i.creatorName, i.body])).toEqual([
      ['Anna', 'Sourdough is back in Berlin'],
    ]);
    const spelt = await w.call('GET', '/insights?product=spelt');
    expect(spelt.insights.map((i: { body: string }) => i.body)).toEqual(['The bag tears']);
    expect((await w.call('GET', '/insights')).insights).toHaveLength(2);
    const bad = await w.raw('GET', '/insights?market=germany');
    expect(bad.statusCode).toBe(400);
    const timeline = await w.call('GET', `/creators/${w.anna}/timeline`);
    expect(timeline[0]).toMatchObject({ type: 'insight', data: { kind: 'trend', market: 'DE' } });
  });
});

describe('suggestions', () => {
  it('suggests promote, review and alumni with reasons; accept changes the tier once, dismiss is remembered', async () => {
    const w = await setup();
    await w.rate(w.anna, [4, 5, 4, 4, 4, 4, 4]);
    const list = await w.call('GET', '/selection/suggestions');
    expect(list.quietDays).toBe(30);
    expect(
      list.suggestions.map((s: { kind: string; creatorName: string; reasons: { code: string }[] }) => [
        s.kind,
        s.creatorName,
        s.reasons.map((r) => r.code),
      ]),
    ).toEqual([
      ['promote', 'Anna', ['score', 'collaborations', 'on_time', 'tier1_room']],
      ['review', 'Elena', ['declining']],
      ['alumni', 'Fedor', ['inactive']],
    ]);
    expect(list.suggestions[0].reasons[1].values).toEqual({ count: 5 });
    expect(list.suggestions[1].reasons[0].values).toEqual({ changePct: '-10.0' });
    expect(list.suggestions[2].reasons[0].values).toEqual({ since: '2025-10-01', days: 243 });
    // On Today too.
    const today = await w.call('GET', '/today?scope=team');
    expect(today.suggestions.map((s: { kind: string }) => s.kind)).toEqual(['promote', 'review', 'alumni']);

    // Two accepts at once: one tier change.
    const [a, b] = await Promise.all([
      w.raw('POST', `/selection/suggestions/promote/${w.anna}/accept`),
      w.raw('POST', `/selection/suggestions/promote/${w.anna}/accept`),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect([a.json().changed, b.json().changed].sort()).toEqual([false, true]);
    expect((await w.call('GET', `/creators/${w.anna}`)).tier).toBe(1);
    const events = await t.database.db
      .select({ kind: creatorEvents.kind })
      .from(creatorEvents)
      .where(and(eq(creatorEvents.creatorId, w.anna), eq(creatorEvents.kind, 'tier_changed')));
    expect(events).toHaveLength(1);
    const timeline = await w.call('GET', `/creators/${w.anna}/timeline`);
    expect(timeline[0]).toMatchObject({ type: 'suggestion_accepted', data: { kind: 'promote' } });

    // Dismiss the review: not suggested again for 30 days.
    expect((await w.call('POST', `/selection/suggestions/review/${w.elena}/dismiss`)).changed).toBe(true);
    const after = await w.call('GET', '/selection/suggestions');
    expect(
      after.suggestions.map((s: { kind: string; creatorName: string }) => `${s.kind} ${s.creatorName}`),
    ).toEqual(['alumni Fedor']);
    // Accept alumni: status alumni.
    await w.call('POST', `/selection/suggestions/alumni/${w.fedor}/accept`);
    expect((await w.call('GET', `/creators/${w.fedor}`)).status).toBe('alumni');
    // A suggestion that is not there changes nothing; another workspace's creator is not found.
    expect((await w.call('POST', `/selection/suggestions/promote/${w.boris}/accept`)).changed).toBe(false);
    const other = await setup();
    const foreign = await other.raw('POST', `/selection/suggestions/alumni/${w.fedor}/accept`);
    expect(foreign.statusCode).toBe(404);
    expect((await other.raw('GET', `/creators/${w.anna}/score`)).statusCode).toBe(404);
  });
});
