import { ratingCriteria } from '@evergreen/contracts';
import { type Clock, maintainedFacts, refreshScoreFacts, scoreFacts } from '@evergreen/core';
import {
  audienceSnapshots,
  creatorPeriodFacts,
  creatorRatings,
  creatorScoreFacts,
  creators,
  deliverables,
} from '@evergreen/db';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../testing/harness.ts';

/**
 * The maintained score facts and the score history (docs/selection.md, "Maintained facts" and
 * "Score history"). The clock moves: days are in UTC (the workspace's default zone).
 */

let now = new Date('2026-06-01T09:00:00Z');
const clock: Clock = { now: () => now };
const setDay = (day: string) => {
  now = new Date(`${day}T09:00:00Z`);
};
let t: TestApp;
let owner: Session;

beforeAll(async () => {
  t = await createTestApp({ clock });
  owner = await t.signUp('Olga Owner');
});
afterAll(() => t.close());

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

async function setup() {
  setDay('2026-06-01');
  const ws = (await t.createWorkspace(owner)).id;
  const call = async (method: Method, url: string, payload?: object) => {
    const res = await t.call(owner, { method, url: `/api/v1/workspaces/${ws}${url}`, payload });
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(200);
    return res.json();
  };
  const creator = async (displayName: string, tier: number) =>
    (await call('POST', '/creators', { displayName, tier, status: 'active' })).id as string;
  const rate = (creatorId: string, score: number) =>
    call('POST', `/creators/${creatorId}/ratings`, {
      ratings: ratingCriteria.map((criterion) => ({ criterion, score })),
    });
  /** Instagram audience snapshots of a creator: followers by the day captured. */
  const followers = (creatorId: string, byDay: Record<string, number>) =>
    db()
      .insert(audienceSnapshots)
      .values(
        Object.entries(byDay).map(([capturedOn, count]) => ({
          workspaceId: ws,
          creatorId,
          capturedOn,
          platform: 'instagram' as const,
          followers: count,
        })),
      );
  return { ws, call, creator, rate, followers };
}

const db = () => t.database.db;

/** The kept rows: creator → [as_of, version]. */
async function kept(ws: string) {
  const rows = await db()
    .select({ id: creatorScoreFacts.creatorId, asOf: creatorScoreFacts.asOf, v: creatorScoreFacts.version })
    .from(creatorScoreFacts)
    .where(eq(creatorScoreFacts.workspaceId, ws));
  return new Map(rows.map((r) => [r.id, r.asOf]));
}

/** What a read returns equals the facts computed afresh from every row (the statement of before). */
async function expectKeptEqualsFresh(ws: string, day: string) {
  const read = (await maintainedFacts(db(), ws, day)).map((k) => k.facts);
  const fresh = await scoreFacts(db(), ws, day);
  const byId = (xs: { creatorId: string }[]) =>
    [...xs].sort((a, b) => a.creatorId.localeCompare(b.creatorId));
  expect(byId(read)).toEqual(byId(fresh));
  // And they are now kept as of that day.
  expect([...(await kept(ws)).values()].every((d) => d === day)).toBe(true);
}

describe('maintained score facts', () => {
  it('go stale for the creators a change touches, and a read equals the facts computed afresh', async () => {
    const w = await setup();
    const anna = await w.creator('Anna', 2);
    const boris = await w.creator('Boris', 1);
    const post = (creatorId: string, day: string, eng: number, ordinal: number, dueOn: string | null) =>
      db()
        .insert(deliverables)
        .values({
          workspaceId: w.ws,
          creatorId,
          type: 'reel',
          status: 'live',
          postedAt: new Date(`${day}T10:00:00Z`),
          dueOn,
          ordinal,
          latestEngagements: eng,
          latestBasis: 1000,
          latestReach: 1000,
          costReportingMinor: 10_000,
          snapshotCount: 1,
        })
        .returning({ id: deliverables.id });
    const [a1] = await post(anna, '2026-03-01', 40, 1, '2026-03-01');
    await post(anna, '2026-04-01', 60, 2, '2026-04-01');
    await post(boris, '2026-04-01', 30, 1, null);
    await w.followers(anna, { '2026-01-10': 1000, '2026-05-10': 1200 });
    // A planned post due today: not yet due (due dates before today count).
    await db().insert(deliverables).values({
      workspaceId: w.ws,
      creatorId: anna,
      type: 'reel',
      status: 'planned',
      dueOn: '2026-06-01',
    });
    await w.rate(anna, 4);

    // The first read keeps every creator's facts as of today.
    const first = await w.call('GET', `/creators/${anna}/score`);
    expect([...(await kept(w.ws)).values()]).toEqual(['2026-06-01', '2026-06-01']);
    // Anna: ER (.04 + .06)/2 = .05; 2 posts due, 2 on time.
    const stab = first.pillars.find((p: { pillar: string }) => p.pillar === 'stability');
    expect(stab.inputs.find((i: { key: string }) => i.key === 'on_time').value).toBe('2/2');

    // Each kind of change makes exactly its creators stale.
    const stale = async () =>
      [...(await kept(w.ws)).entries()]
        .filter(([, d]) => d == null)
        .map(([id]) => (id === anna ? 'anna' : id === boris ? 'boris' : id))
        .sort();
    await db().update(deliverables).set({ latestEngagements: 50 }).where(eq(deliverables.id, a1!.id));
    expect(await stale()).toEqual(['anna']);
    await expectKeptEqualsFresh(w.ws, '2026-06-01');

    // A post moved from Anna to Boris: both.
    await db().update(deliverables).set({ creatorId: boris }).where(eq(deliverables.id, a1!.id));
    expect(await stale()).toEqual(['anna', 'boris']);
    await expectKeptEqualsFresh(w.ws, '2026-06-01');

    await db().insert(creatorPeriodFacts).values({
      workspaceId: w.ws,
      grain: 'month',
      startsOn: '2026-03-01',
      creatorId: boris,
      hasPost: true,
      acquired: 4,
      repeaters: 1,
    });
    expect(await stale()).toEqual(['boris']);
    await expectKeptEqualsFresh(w.ws, '2026-06-01');

    await w.call('POST', `/creators/${anna}/issues`, { title: 'Late brief', severity: 'high' });
    expect(await stale()).toEqual(['anna']);
    await expectKeptEqualsFresh(w.ws, '2026-06-01');

    await w.rate(boris, 3);
    expect(await stale()).toEqual(['boris']);
    await expectKeptEqualsFresh(w.ws, '2026-06-01');

    await db().delete(audienceSnapshots).where(eq(audienceSnapshots.creatorId, anna));
    expect(await stale()).toEqual(['anna']);
    await expectKeptEqualsFresh(w.ws, '2026-06-01');

    // A new creator gets a row at the next read; deleting one with posts (a cascade) works and
    // takes its row with it.
    const cara = await w.creator('Cara', 3);
    await post(cara, '2026-05-01', 10, 1, null);
    await expectKeptEqualsFresh(w.ws, '2026-06-01');
    expect((await kept(w.ws)).has(cara)).toBe(true);
    await db().delete(creators).where(eq(creators.id, cara));
    expect((await kept(w.ws)).has(cara)).toBe(false);

    // The next day every row is read again: the post due on 2026-06-01 is now due and was not
    // posted, so Anna has 1 of 2 due posts on time (the moved one went to Boris).
    setDay('2026-06-02');
    const next = await w.call('GET', `/creators/${anna}/score`);
    const stab2 = next.pillars.find((p: { pillar: string }) => p.pillar === 'stability');
    expect(stab2.inputs.find((i: { key: string }) => i.key === 'on_time').value).toBe('1/2');
    expect([...(await kept(w.ws)).values()]).toEqual(['2026-06-02', '2026-06-02']);
    await expectKeptEqualsFresh(w.ws, '2026-06-02');
  });

  it('are kept in the process by version and day: unchanged rows are not read again, changed ones are, and equal the facts afresh', async () => {
    const w = await setup();
    const anna = await w.creator('Anna', 2);
    const boris = await w.creator('Boris', 1);
    await w.rate(anna, 4);
    await w.rate(boris, 2);
    const byId = async (day: string) =>
      new Map((await maintainedFacts(db(), w.ws, day)).map((k) => [k.facts.creatorId, k.facts]));
    const first = await byId('2026-06-01');
    await expectKeptEqualsFresh(w.ws, '2026-06-01');
    // Nothing changed: the very facts of the last read (none read from the database again).
    const again = await byId('2026-06-01');
    expect(again.get(anna)).toBe(first.get(anna));
    expect(again.get(boris)).toBe(first.get(boris));
    // A change to Anna (a rating, the version bumped): hers are computed again, Boris's kept.
    await w.rate(anna, 1);
    const after = await byId('2026-06-01');
    expect(after.get(anna)).not.toBe(first.get(anna));
    expect(after.get(anna)!.ratings).toEqual(Object.fromEntries(ratingCriteria.map((c) => [c, 1])));
    expect(after.get(boris)).toBe(first.get(boris));
    await expectKeptEqualsFresh(w.ws, '2026-06-01');
    // Facts another process wrote (the same version and day) are read, not taken from this one's.
    await db()
      .update(creatorScoreFacts)
      .set({ asOf: null })
      .where(and(eq(creatorScoreFacts.workspaceId, w.ws), eq(creatorScoreFacts.creatorId, boris)));
    const redone = await byId('2026-06-01');
    expect(redone.get(boris)).not.toBe(first.get(boris));
    expect(redone.get(boris)).toEqual(first.get(boris));
    // The next day every creator's facts are read again.
    const next = await byId('2026-06-02');
    expect(next.get(anna)).not.toBe(after.get(anna));
    await expectKeptEqualsFresh(w.ws, '2026-06-02');
    // (The scores follow the weights with the same facts: selection.db.test.ts, "Weights are settings".)
  });

  it.runIf(process.env.EVERGREEN_TEST_DB === 'postgres')(
    'a read does not wait for a writer holding a creator’s row, and leaves it stale for later',
    async () => {
      const w = await setup();
      const anna = await w.creator('Anna', 2);
      await w.followers(anna, { '2026-01-10': 1000, '2026-05-10': 1000 });
      await w.rate(anna, 5);
      const fitOf = async () =>
        (await w.call('GET', `/creators/${anna}/score`)).pillars.find(
          (p: { pillar: string }) => p.pillar === 'fit',
        ).score as number;
      expect(await fitOf()).toBe(100);
      // A committed rating (all 3: fit 25 × 2 = 50) makes her row stale; then a writer inserts
      // another (all 1) and holds its transaction (and her row) open.
      await w.rate(anna, 3);
      let release!: () => void;
      const gate = new Promise<void>((r) => {
        release = r;
      });
      let holding!: () => void;
      const held = new Promise<void>((r) => {
        holding = r;
      });
      const writer = db().transaction(async (tx) => {
        await tx.insert(creatorRatings).values(
          ratingCriteria.map((criterion) => ({
            workspaceId: w.ws,
            creatorId: anna,
            criterion: criterion as 'quality',
            score: 1,
            byUserId: owner.me.user.id,
          })),
        );
        holding();
        await gate;
      });
      await held;
      // The read answers at once with what is committed (fit 50), and cannot keep it (the row is held).
      expect(await fitOf()).toBe(50);
      release();
      await writer;
      const [row] = await db()
        .select({ asOf: creatorScoreFacts.asOf })
        .from(creatorScoreFacts)
        .where(and(eq(creatorScoreFacts.workspaceId, w.ws), eq(creatorScoreFacts.creatorId, anna)));
      expect(row!.asOf).toBeNull();
      // Committed: fit 25 × 0 = 0.
      expect(await fitOf()).toBe(0);
    },
  );
});

describe('kept scores against writes the process did not make', () => {
  /** Sponsored live Instagram posts of a creator, written in SQL (as another process or an import would). */
  const posts = (ws: string, creatorId: string, engagements: number[]) =>
    db().execute(sql`
      insert into deliverables (workspace_id, creator_id, type, platform, sponsored, status, posted_at,
        ordinal, snapshot_count, latest_reach, latest_basis, latest_engagements)
      select ${ws}, ${creatorId}, 'sponsored_post', 'instagram', true, 'live', '2026-05-01T12:00:00Z'::timestamptz + k * interval '1 day',
        k, 1, 1000, 1000, (${sql.param(engagements)}::int[])[k]
      from generate_series(1, ${engagements.length}) k`);

  it('a change written in SQL shows in the next scores and Today, whether or not it moves the roster reference', async () => {
    const w = await setup();
    const carol = await w.creator('Carol', 2);
    const anna = await w.creator('Anna', 2);
    const boris = await w.creator('Boris', 1);
    for (const c of [carol, anna, boris]) await w.rate(c, 4);
    // Carol: 2 posts at 4% and 6% of 1,000 (engagement rate 0.05), the only ones: the roster's
    // is hers, performance 50. Fit 25 × (4 − 1) = 75. Score (25 × 50 + 40 × 75)/65 = 65.38 → 65.
    await posts(w.ws, carol, [40, 60]);
    // Boris: a plateau audience (growth 50 + 500 × 0 = 50), score (40 × 75 + 15 × 50)/55 = 68.18 → 68.
    // Anna: fit alone, no score yet.
    await w.followers(boris, { '2026-02-15': 10_000, '2026-05-10': 10_000 });
    const score = async (id: string) => (await w.call('GET', `/creators/${id}/score`)).score as number;
    expect(await score(carol)).toBe(65);
    expect(await score(anna)).toBeNull();
    expect(await score(boris)).toBe(68);
    // Anna's 2 posts at 1% and 3% (0.02) move the roster's engagement rate to 0.035: Carol's own
    // facts did not change, her score does: performance 50 × 0.05/0.035 = 71.43 → 71,
    // (25 × 71 + 3,000)/65 = 73.46 → 73. Anna: 50 × 0.02/0.035 = 28.57 → 29, (725 + 3,000)/65 = 57.31 → 57.
    await posts(w.ws, anna, [10, 30]);
    expect(await score(carol)).toBe(73);
    expect(await score(anna)).toBe(57);
    // Boris rated 1 on everything in SQL (the reference does not move): fit 0, score 750/55 = 13.64
    // → 14; the others keep theirs. Today's suggestions review him.
    await db().execute(sql`
      insert into creator_ratings (workspace_id, creator_id, criterion, score, by_user_id)
      select ${w.ws}, ${boris}, c::rating_criterion, 1, ${owner.me.user.id}::uuid
      from unnest(${sql.param([...ratingCriteria])}::text[]) c`);
    expect(await score(boris)).toBe(14);
    expect(await score(carol)).toBe(73);
    const today = await w.call('GET', '/today?scope=team');
    expect(
      today.suggestions.map((s: { kind: string; creatorId: string; score: number }) => [
        s.kind,
        s.creatorId,
        s.score,
      ]),
    ).toEqual([['review', boris, 14]]);
  });

  it("the scheduler's refresh computes a new day's facts ahead of its first read, once", async () => {
    const w = await setup();
    const anna = await w.creator('Anna', 2);
    await w.rate(anna, 4);
    await w.call('GET', '/today?scope=team');
    expect([...(await kept(w.ws)).values()]).toEqual(['2026-06-01']);
    setDay('2026-06-02');
    const done = new Map<string, string>();
    const first = await refreshScoreFacts({ db: db(), clock }, done);
    expect(first.refreshed).toBeGreaterThanOrEqual(1);
    expect(done.get(w.ws)).toBe('2026-06-02');
    expect([...(await kept(w.ws)).values()]).toEqual(['2026-06-02']);
    await expectKeptEqualsFresh(w.ws, '2026-06-02');
    // Done for the day: the next round computes nothing.
    expect((await refreshScoreFacts({ db: db(), clock }, done)).refreshed).toBe(0);
    // A workspace whose scores nobody read has no facts to refresh (and gets no rows).
    const quiet = await setup();
    await quiet.creator('Quiet', 2);
    setDay('2026-06-03');
    await refreshScoreFacts({ db: db(), clock }, done);
    expect(done.get(quiet.ws)).toBe('2026-06-03');
    expect((await kept(quiet.ws)).size).toBe(0);
    expect([...(await kept(w.ws)).values()]).toEqual(['2026-06-03']);
  });
});

describe('score history', () => {
  it('keeps a score a day and suggests reviewing a Tier 1 whose score fell 10 points or more in 30 days', async () => {
    const w = await setup();
    // Vera, Tier 1: audience 10,000 → 10,000 over 84 days (2026-02-15 → 2026-05-10, inside every
    // 6-month window below) (plateau: growth 50 + 500 × 0 = 50); no
    // posts, nothing due (no performance, no stability). Rated 5 on everything: fit 25 × 4 = 100.
    // Score (40 × 100 + 15 × 50)/55 = 86.36 → 86.
    const vera = await w.creator('Vera', 1);
    await w.followers(vera, { '2026-02-15': 10_000, '2026-05-10': 10_000 });
    setDay('2026-05-25');
    await w.rate(vera, 5);
    const s1 = await w.call('GET', `/creators/${vera}/score`);
    expect(s1.score).toBe(86);
    expect(s1.history).toEqual([{ day: '2026-05-25', score: 86 }]);
    expect((await w.call('GET', '/selection/suggestions')).suggestions).toEqual([]);

    // Ten days later she is rated 4 on everything: fit 75, score (40 × 75 + 15 × 50)/55 = 68.18 → 68,
    // 18 points below her 86 of 2026-05-25 (not below 50, so no "low score").
    setDay('2026-06-04');
    await w.rate(vera, 4);
    const s2 = await w.call('GET', `/creators/${vera}/score`);
    expect(s2.score).toBe(68);
    expect(s2.history).toEqual([
      { day: '2026-05-25', score: 86 },
      { day: '2026-06-04', score: 68 },
    ]);
    const list = await w.call('GET', '/selection/suggestions');
    expect(list.suggestions).toEqual([
      {
        kind: 'review',
        creatorId: vera,
        creatorName: 'Vera',
        tier: 1,
        score: 68,
        reasons: [{ code: 'falling_score', values: { from: 86, to: 68, days: 10 } }],
      },
    ]);
    // On Today too.
    expect((await w.call('GET', '/today?scope=team')).suggestions).toEqual(list.suggestions);

    // A day keeps its latest score: rated 5 again the same day, 86, nothing fell; then 4 again.
    await w.rate(vera, 5);
    expect((await w.call('GET', `/creators/${vera}/score`)).history).toEqual([
      { day: '2026-05-25', score: 86 },
      { day: '2026-06-04', score: 86 },
    ]);
    expect((await w.call('GET', '/selection/suggestions')).suggestions).toEqual([]);
    await w.rate(vera, 4);
    expect((await w.call('GET', '/selection/suggestions')).suggestions[0].reasons).toEqual([
      { code: 'falling_score', values: { from: 86, to: 68, days: 10 } },
    ]);

    // On 2026-06-25 the window [2026-05-26, 2026-06-25) holds only the 68 of 2026-06-04: nothing
    // fell within 30 days.
    setDay('2026-06-25');
    expect((await w.call('GET', '/selection/suggestions')).suggestions).toEqual([]);
    expect((await w.call('GET', `/creators/${vera}/score`)).history).toEqual([
      { day: '2026-05-25', score: 86 },
      { day: '2026-06-04', score: 68 },
    ]);
  });
});
