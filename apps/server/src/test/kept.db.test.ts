import { openSecondPool, testDriver } from '@evergreen/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changesPruner, keptAnswers, MAX_AGE_MS, PRUNE_HORIZON_MS } from '../kept.ts';
import { createCreator } from '../testing/factories/roster.ts';
import { newMember } from '../testing/factories/team.ts';
import { newWorkspace, type WorkspaceClient } from '../testing/factories/workspace.ts';
import { appWithOwner, createTestApp, type Session, type TestApp } from '../testing/harness.ts';

/**
 * Kept answers (apps/server/src/kept.ts, docs/decisions/0023-kept-answers.md): Today, the roster,
 * the reports and the portfolio are computed once and served again until the workspace's data
 * changes — through the app, by raw SQL (another process), or by a transaction that was still
 * open when the kept answer's snapshot was taken. The clock starts at 2026-03-10 14:00 UTC.
 */

let now = new Date('2026-03-10T14:00:00Z');
const clock = { now: () => now };
let t: TestApp;
let owner: Session;
let w: WorkspaceClient;
let ann: string;
const stats = () => ({ ...t.app.kept.stats });
const names = (list: { creators: { displayName: string }[] }) =>
  list.creators.map((c) => c.displayName).sort();

beforeAll(async () => {
  ({ t, owner } = await appWithOwner('Kim Keeper', { clock }));
  w = await newWorkspace(t, owner, 'Kept');
  ann = await createCreator(w, 'Ann', { ownerUserId: owner.me.user.id });
});
afterAll(() => t?.close());

const REPORTS = [
  'compounding',
  'engagement',
  'conversion-lag',
  'creators',
  'portfolio',
  'partnerships-vs-one-offs',
];

describe('kept answers', () => {
  it('serves a repeat from memory, byte for byte what the app answers without keeping', async () => {
    // The same database, keeping off: what every request answered before.
    const plain = await createTestApp({
      database: { ...t.database, close: async () => {} },
      clock,
      keptAnswersBytes: 0,
    });
    try {
      const paths = [
        '/today?scope=team',
        '/today?scope=mine',
        '/creators',
        '/creators?sort=tier&dir=desc',
        ...REPORTS.flatMap((r) => [`/reports/${r}`, `/reports/${r}.csv`]),
        `/reports/creator-results/${ann}`,
        '/portfolio',
        '/portfolio/concentration.csv',
      ];
      for (const path of paths) {
        const before = stats();
        const first = await w.call('GET', path);
        // Today's first computation of a day computes the creators' score facts of the day (a
        // write, selection/refresh.ts; in a running server the scheduler does it first): that is
        // a change, so the next request computes once more, and the one after is kept.
        const firstOfDay = path === '/today?scope=team';
        if (firstOfDay) await w.call('GET', path);
        const again = await w.call('GET', path);
        expect(first.statusCode, `${path}: ${first.body}`).toBe(200);
        expect(again.statusCode, path).toBe(200);
        expect(stats(), path).toEqual({
          computed: before.computed + (firstOfDay ? 2 : 1),
          served: before.served + 1,
        });
        expect(again.body, path).toBe(first.body);
        const without = await plain.call(owner, { method: 'GET', url: w.api(path) });
        expect(first.body, path).toBe(without.body);
        expect(first.headers['content-type'], path).toBe(without.headers['content-type']);
        expect(again.headers['content-disposition'], path).toBe(without.headers['content-disposition']);
      }
    } finally {
      await plain.close();
    }
  });

  it("a write through the app, by raw SQL, or to a member's name makes the next answer fresh", async () => {
    expect(names(await w.ok('GET', '/creators'))).toEqual(['Ann']);
    expect(names(await w.ok('GET', '/creators'))).toEqual(['Ann']); // kept
    const bo = await createCreator(w, 'Bo');
    expect(names(await w.ok('GET', '/creators'))).toEqual(['Ann', 'Bo']);
    // Another process writes: only the database knows.
    await t.database.db.execute(sql`update creators set display_name = 'Bo Raw' where id = ${bo}`);
    expect(names(await w.ok('GET', '/creators'))).toEqual(['Ann', 'Bo Raw']);
    // The owner's name is shown on the creators they own; users have no workspace_id.
    await t.database.db.execute(sql`update users set name = 'Kim Renamed' where id = ${owner.me.user.id}`);
    const list = await w.ok('GET', '/creators');
    expect(list.creators.find((c: { id: string }) => c.id === ann).ownerName).toBe('Kim Renamed');
    // And a delete.
    await t.database.db.execute(sql`delete from creators where id = ${bo}`);
    expect(names(await w.ok('GET', '/creators'))).toEqual(['Ann']);
    const before = stats();
    await w.ok('GET', '/creators');
    expect(stats()).toEqual({ computed: before.computed, served: before.served + 1 });
  });

  it('another user, role or day gets its own answer; the workspace day ends Today at its midnight', async () => {
    const max = await newMember(t, owner, w.ws, 'manager', 'Max Manager');
    const ana = await newMember(t, owner, w.ws, 'analyst', 'Ana Analyst');
    const mia = await newMember(t, owner, w.ws, 'manager', 'Mia Manager');
    const cy = await createCreator(w, 'Cy', { ownerUserId: mia.me.user.id });
    // Same URL, same role, another person: "me" is someone else.
    expect(names(await w.ok('GET', '/creators?owner=me', undefined, { as: max }))).toEqual([]);
    expect(names(await w.ok('GET', '/creators?owner=me', undefined, { as: mia }))).toEqual(['Cy']);
    expect(names(await w.ok('GET', '/creators?owner=me', undefined, { as: max }))).toEqual([]);
    expect(names(await w.ok('GET', '/creators?owner=me'))).toEqual(['Ann']);
    await t.database.db.execute(sql`delete from creators where id = ${cy}`);
    const before = stats();
    await w.ok('GET', '/creators', undefined, { as: ana });
    await w.ok('GET', '/creators', undefined, { as: max });
    expect(stats().computed).toBe(before.computed + 2);

    // The next UTC day: Today's date moves.
    expect((await w.ok('GET', '/today?scope=team')).date).toBe('2026-03-10');
    now = new Date('2026-03-11T14:00:00Z');
    expect((await w.ok('GET', '/today?scope=team')).date).toBe('2026-03-11');
    // Tokyo (UTC+9): at 14:00 UTC it is 23:00 on the 11th; at 15:30 UTC, the 12th has begun there
    // while the UTC day is the same.
    await w.ok('PATCH', '', { timeZone: 'Asia/Tokyo' });
    expect((await w.ok('GET', '/today?scope=team')).date).toBe('2026-03-11');
    expect((await w.ok('GET', '/today?scope=team')).date).toBe('2026-03-11'); // kept
    now = new Date('2026-03-11T15:30:00Z');
    expect((await w.ok('GET', '/today?scope=team')).date).toBe('2026-03-12');
    await w.ok('PATCH', '', { timeZone: 'UTC' });
    now = new Date('2026-03-10T14:00:00Z');
  });

  it("never serves one workspace's kept answer to another", async () => {
    const other = await newWorkspace(t, owner, 'Other');
    await createCreator(other, 'Zed');
    expect(names(await w.ok('GET', '/creators'))).toEqual(['Ann']);
    expect(names(await other.ok('GET', '/creators'))).toEqual(['Zed']);
    expect(names(await w.ok('GET', '/creators'))).toEqual(['Ann']);
    expect(names(await other.ok('GET', '/creators'))).toEqual(['Zed']);
    // Someone of the other workspace only: the kept answer of the first is not theirs.
    const stranger = await newMember(t, owner, other.ws, 'manager', 'Sam Stranger');
    for (const path of ['/creators', '/today?scope=team', '/reports/creators', '/portfolio']) {
      expect((await w.call('GET', path, undefined, { as: stranger })).statusCode, path).toBe(404);
    }
  });

  it.runIf(testDriver() === 'postgres')(
    'a transaction open when the answer was kept makes it stale when it commits, after a later one was seen',
    async () => {
      const bo = await createCreator(w, 'Bo');
      expect(names(await w.ok('GET', '/creators'))).toEqual(['Ann', 'Bo']);
      const second = await openSecondPool(t.database);
      try {
        let release!: () => void;
        const gate = new Promise<void>((r) => {
          release = r;
        });
        let wrote!: () => void;
        const written = new Promise<void>((r) => {
          wrote = r;
        });
        // A: writes (its transaction id is the smaller), stays open.
        const a = second.db.transaction(async (tx) => {
          await tx.execute(sql`update creators set display_name = 'Ann Late' where id = ${ann}`);
          wrote();
          await gate;
        });
        await written;
        // B: a later transaction (larger id) commits; the answer kept next has seen it.
        await t.database.db.execute(sql`update creators set display_name = 'Bo Early' where id = ${bo}`);
        expect(names(await w.ok('GET', '/creators'))).toEqual(['Ann', 'Bo Early']);
        expect(names(await w.ok('GET', '/creators'))).toEqual(['Ann', 'Bo Early']); // kept
        // A commits: its change is older by id than one the kept answer saw, and still unseen.
        release();
        await a;
        expect(names(await w.ok('GET', '/creators'))).toEqual(['Ann Late', 'Bo Early']);
      } finally {
        await second.close();
        await t.database.db.execute(sql`update creators set display_name = 'Ann' where id = ${ann}`);
        await t.database.db.execute(sql`delete from creators where id = ${bo}`);
      }
    },
  );

  it('pruning old changes never makes a stale answer look fresh', async () => {
    expect(MAX_AGE_MS).toBeLessThan(PRUNE_HORIZON_MS);
    const prune = changesPruner(t.database.db);
    expect(await prune(0)).toBe(0); // notes an xmin; nothing is old enough yet
    expect(names(await w.ok('GET', '/creators'))).toEqual(['Ann']);
    await t.database.db.execute(sql`update creators set display_name = 'Ann Pruned' where id = ${ann}`);
    // An hour on: the changes below the xmin noted at 0 go; the one the kept answer did not see stays.
    expect(await prune(PRUNE_HORIZON_MS)).not.toBeNull();
    expect(names(await w.ok('GET', '/creators'))).toEqual(['Ann Pruned']);
    await t.database.db.execute(sql`update creators set display_name = 'Ann' where id = ${ann}`);
  });

  it('keeps an answer 10 minutes at most, within its memory, and nothing when sized 0', async () => {
    let ms = 0;
    const actor = { workspaceId: w.ws, role: 'owner' as const, userId: owner.me.user.id, tokenId: null };
    const req = { url: '/x', actor };
    let n = 0;
    const compute = async () => ({ filename: 'x.csv', csv: `answer ${++n}` });
    const kept = keptAnswers({ maxBytes: 10_000, clock, now: () => ms });
    expect((await kept.file(req, t.database.db, compute)).csv).toBe('answer 1');
    ms = MAX_AGE_MS - 1;
    expect((await kept.file(req, t.database.db, compute)).csv).toBe('answer 1');
    ms = MAX_AGE_MS;
    expect((await kept.file(req, t.database.db, compute)).csv).toBe('answer 2');
    // An answer larger than the memory is not kept.
    const big = async () => ({ filename: 'big.csv', csv: 'x'.repeat(6_000) + ++n });
    const other = { ...req, url: '/big' };
    expect((await kept.file(other, t.database.db, big)).csv.endsWith('3')).toBe(true);
    expect((await kept.file(other, t.database.db, big)).csv.endsWith('4')).toBe(true);
    const off = keptAnswers({ maxBytes: 0, clock });
    expect((await off.file(req, t.database.db, compute)).csv).toBe('answer 5');
    expect((await off.file(req, t.database.db, compute)).csv).toBe('answer 6');
    expect(off.stats).toEqual({ computed: 2, served: 0 });
  });

  it('requests waiting while a change commits share one new computation, not one each', async () => {
    const actor = { workspaceId: w.ws, role: 'owner' as const, userId: owner.me.user.id, tokenId: null };
    const kept = keptAnswers({ maxBytes: 1_000_000, clock });
    let n = 0;
    // The first computation sees a change commit while it runs (after its snapshot).
    const compute = async () => {
      n++;
      if (n === 1) await t.database.db.execute(sql`update creators set notes = 'during' where id = ${ann}`);
      return { filename: 'x.csv', csv: `answer ${n}` };
    };
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => kept.file({ url: '/herd', actor }, t.database.db, compute)),
    );
    // Nine arrived while the first ran; its answer is stale for them, so one more computation
    // (started after they all arrived) answers all nine.
    expect(n).toBe(2);
    expect(answers.map((a) => a.csv)).toEqual(['answer 1', ...Array(9).fill('answer 2')]);
    expect(kept.stats).toEqual({ computed: 2, served: 8 });
  });
});
