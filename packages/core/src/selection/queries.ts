import type { RatingCriterion, SelectionWeights } from '@evergreen/contracts';
import { type Db, queryRows } from '@evergreen/db';
import { addDays } from '@evergreen/rules';
import { sql } from 'drizzle-orm';
import { workspaceMemo } from './memo.ts';
import { GROWTH_MONTHS, MIN, type ScoreFacts, WINDOW_DAYS } from './score.ts';

/** The selection module's SQL, in one place. */

/** The first day of the month `n` months before `day`'s month (n ≥ 0). */
export function monthStart(day: string, back: number): string {
  const [y, m] = day.split('-').map(Number) as [number, number];
  const idx = y * 12 + (m - 1) - back;
  return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}-01`;
}

/** `day` minus `n` calendar months (the day clamped to the month's last). */
export function minusMonths(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const idx = y * 12 + (m - 1) - n;
  const yy = Math.floor(idx / 12);
  const mm = (idx % 12) + 1;
  const last = new Date(Date.UTC(yy, mm, 0)).getUTCDate();
  return `${yy}-${String(mm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

interface FactsRow {
  id: string;
  posts: number | null;
  er_mean: number | null;
  er_sd: number | null;
  cost: number | null;
  costed_reach: number | null;
  cost_of_reach: number | null;
  acquired: number | null;
  repeaters: number | null;
  due: number | null;
  on_time: number | null;
  open_low: number | null;
  open_medium: number | null;
  open_high: number | null;
  res_low: number | null;
  res_medium: number | null;
  res_high: number | null;
  ratings: Record<string, number> | string | null;
  ff: number | null;
  lf: number | null;
  collaborations: number | null;
  last_post_on: string | null;
  last_due_on: string | null;
}

/** A creator's score facts and what the suggestions read from the same posts (kept together). */
export interface CreatorFacts extends ScoreFacts {
  /** Sponsored live posts ever (with an ordinal). */
  collaborations: number;
  lastPostOn: string | null;
  /** The latest due date on or before today. */
  lastDueOn: string | null;
}

const n = (x: number | string | null | undefined) => (x == null ? 0 : Number(x));
const nn = (x: number | string | null | undefined) => (x == null ? null : Number(x));

/**
 * Every creator's score facts in one statement (or only `creatorIds`'): per-creator aggregates
 * over the covering index of sponsored live posts, the monthly period facts, due deliverables,
 * issues, each member's latest rating and the first/last audience snapshot per platform. No
 * per-creator loop: the bench runs it for 2,000 creators.
 */
export async function scoreFacts(
  db: Db,
  workspaceId: string,
  today: string,
  creatorIds?: string[],
): Promise<CreatorFacts[]> {
  const from = addDays(today, -WINDOW_DAYS);
  const fromMonth = monthStart(today, 11);
  const growthFrom = minusMonths(today, GROWTH_MONTHS);
  const ids = creatorIds ? sql.param(creatorIds) : null;
  const only = ids ? sql`and id = any(${ids}::uuid[])` : sql``;
  // The same filter inside each aggregate, so a few creators' facts read only their rows.
  const onlyC = ids ? sql`and creator_id = any(${ids}::uuid[])` : sql``;
  const rows = await queryRows<FactsRow>(
    db,
    sql`
    with c as (select id from creators where workspace_id = ${workspaceId} ${only}),
    p as (
      select d.creator_id,
        count(*) filter (where d.latest_basis > 0 and d.latest_engagements is not null)::int as posts,
        avg(d.latest_engagements::float8 / d.latest_basis)
          filter (where d.latest_basis > 0 and d.latest_engagements is not null) as er_mean,
        stddev_pop(d.latest_engagements::float8 / d.latest_basis)
          filter (where d.latest_basis > 0 and d.latest_engagements is not null) as er_sd,
        coalesce(sum(d.cost_reporting_minor), 0)::float8 as cost,
        coalesce(sum(d.latest_basis) filter (where d.cost_reporting_minor is not null and d.latest_basis > 0), 0)::float8
          as costed_reach,
        coalesce(sum(d.cost_reporting_minor) filter (where d.latest_basis > 0), 0)::float8 as cost_of_reach
      from deliverables d
      where d.workspace_id = ${workspaceId} and d.ordinal is not null ${onlyC}
        and d.posted_at >= (${from}::date)::timestamp at time zone 'UTC'
        and d.posted_at < (${today}::date + 1)::timestamp at time zone 'UTC'
      group by d.creator_id),
    f as (
      select creator_id, sum(acquired)::int as acquired, sum(repeaters)::int as repeaters
      from creator_period_facts
      where workspace_id = ${workspaceId} and grain = 'month' ${onlyC}
        and starts_on >= ${fromMonth}::date and starts_on <= ${today}::date
      group by creator_id),
    dd as (
      select creator_id, count(*)::int as due,
        count(*) filter (where status = 'live' and posted_at is not null
                          and (posted_at at time zone 'UTC')::date <= due_on)::int as on_time
      from deliverables
      where workspace_id = ${workspaceId} ${onlyC} and due_on >= ${from}::date and due_on < ${today}::date
      group by creator_id),
    a as (
      select creator_id, count(*) filter (where ordinal is not null)::int as collaborations,
        to_char(max((posted_at at time zone 'UTC')::date) filter (where ordinal is not null), 'YYYY-MM-DD')
          as last_post_on,
        to_char(max(due_on) filter (where due_on <= ${today}::date), 'YYYY-MM-DD') as last_due_on
      from deliverables where workspace_id = ${workspaceId} ${onlyC}
      group by creator_id),
    i as (
      select creator_id,
        count(*) filter (where status = 'open' and severity = 'low')::int as open_low,
        count(*) filter (where status = 'open' and severity = 'medium')::int as open_medium,
        count(*) filter (where status = 'open' and severity = 'high')::int as open_high,
        count(*) filter (where status = 'resolved' and resolved_on >= ${from}::date and severity = 'low')::int as res_low,
        count(*) filter (where status = 'resolved' and resolved_on >= ${from}::date and severity = 'medium')::int as res_medium,
        count(*) filter (where status = 'resolved' and resolved_on >= ${from}::date and severity = 'high')::int as res_high
      from creator_issues where workspace_id = ${workspaceId} ${onlyC}
      group by creator_id),
    r as (
      select creator_id, criterion, avg(score)::float8 as mean from (
        select distinct on (creator_id, criterion, by_user_id) creator_id, criterion, score
        from creator_ratings where workspace_id = ${workspaceId} ${onlyC}
        order by creator_id, criterion, by_user_id, id desc) latest
      group by creator_id, criterion),
    ra as (select creator_id, jsonb_object_agg(criterion::text, mean) as ratings from r group by creator_id),
    g1 as (
      select creator_id, platform,
        (array_agg(followers order by captured_on, id))[1] as first_f,
        (array_agg(followers order by captured_on desc, id desc))[1] as last_f,
        max(captured_on) - min(captured_on) as span
      from audience_snapshots
      where workspace_id = ${workspaceId} ${onlyC} and captured_on >= ${growthFrom}::date and captured_on <= ${today}::date
      group by creator_id, platform),
    g as (
      select creator_id, sum(first_f)::float8 as ff, sum(last_f)::float8 as lf
      from g1 where span >= ${MIN.growthSpanDays} group by creator_id)
    select c.id, p.posts, p.er_mean, p.er_sd, p.cost, p.costed_reach, p.cost_of_reach,
      f.acquired, f.repeaters, dd.due, dd.on_time,
      i.open_low, i.open_medium, i.open_high, i.res_low, i.res_medium, i.res_high,
      ra.ratings, g.ff, g.lf, a.collaborations, a.last_post_on, a.last_due_on
    from c
      left join p on p.creator_id = c.id
      left join f on f.creator_id = c.id
      left join dd on dd.creator_id = c.id
      left join i on i.creator_id = c.id
      left join ra on ra.creator_id = c.id
      left join g on g.creator_id = c.id
      left join a on a.creator_id = c.id`,
  );
  return rows.map((r) => {
    const ratings = typeof r.ratings === 'string' ? JSON.parse(r.ratings) : (r.ratings ?? {});
    return {
      creatorId: r.id,
      posts: n(r.posts),
      erMean: nn(r.er_mean),
      erSd: nn(r.er_sd),
      cost: n(r.cost),
      costedReach: n(r.costed_reach),
      costOfReach: n(r.cost_of_reach),
      acquired: n(r.acquired),
      repeaters: n(r.repeaters),
      due: n(r.due),
      onTime: n(r.on_time),
      openIssues: { low: n(r.open_low), medium: n(r.open_medium), high: n(r.open_high) },
      resolvedIssues: { low: n(r.res_low), medium: n(r.res_medium), high: n(r.res_high) },
      ratings: Object.fromEntries(Object.entries(ratings).map(([k, v]) => [k, Number(v)])),
      followersFirst: nn(r.ff),
      followersLast: nn(r.lf),
      collaborations: n(r.collaborations),
      lastPostOn: r.last_post_on,
      lastDueOn: r.last_due_on,
    };
  });
}

export async function loadWeights(
  db: Db,
  workspaceId: string,
): Promise<{
  weights: SelectionWeights;
  escalationPath: string[];
} | null> {
  const [row] = await queryRows<{ p: number; s: number; f: number; g: number; path: string[] }>(
    db,
    sql`select weight_performance as p, weight_stability as s, weight_fit as f, weight_growth as g,
          escalation_path as path
        from selection_settings where workspace_id = ${workspaceId}`,
  );
  if (!row) return null;
  return {
    weights: { performance: n(row.p), stability: n(row.s), fit: n(row.f), growth: n(row.g) },
    escalationPath: row.path ?? [],
  };
}

export interface RatingRow {
  criterion: RatingCriterion;
  score: number;
  note: string | null;
  by_user_id: string | null;
  by_name: string | null;
  at: Date | string;
}

export const ratingHistory = (db: Db, workspaceId: string, creatorId: string) =>
  queryRows<RatingRow>(
    db,
    sql`select r.criterion, r.score, r.note, r.by_user_id, u.name as by_name, r.at
        from creator_ratings r left join users u on u.id = r.by_user_id
        where r.workspace_id = ${workspaceId} and r.creator_id = ${creatorId}
        order by r.id desc`,
  );

/**
 * What the suggestions read besides the score facts (which hold the collaborations and the last
 * post and due dates): status, tier, owner, last touchpoint, suggestions quiet after a decision.
 */
export interface SuggestionFactsRow {
  id: string;
  display_name: string;
  tier: number;
  status: string;
  owner_user_id: string | null;
  last_touchpoint_on: string | null;
  created_on: string;
  quiet: string[] | null;
}

export const suggestionFacts = (db: Db, workspaceId: string, today: string) =>
  queryRows<SuggestionFactsRow>(
    db,
    sql`
    select c.id, c.display_name, c.tier, c.status, c.owner_user_id,
      to_char(c.last_touchpoint_on, 'YYYY-MM-DD') as last_touchpoint_on,
      to_char((c.created_at at time zone 'UTC')::date, 'YYYY-MM-DD') as created_on,
      q.quiet
    from creators c
      left join (
        select creator_id, array_agg(distinct kind::text) as quiet from suggestion_decisions
        where workspace_id = ${workspaceId} and quiet_until > ${today}::date
        group by creator_id) q on q.creator_id = c.id
    where c.workspace_id = ${workspaceId} and c.status in ('active', 'paused')`,
  );

// ---- Maintained score facts (docs/selection.md, "Maintained facts") ------------------------------

interface KeptRow {
  creator_id: string;
  version: number;
  as_of: string | null;
  score: number | null;
  empty: boolean;
}

/**
 * Facts already read or computed, in this process: a row's (version, as_of) names its facts for
 * good, since every change to a score input bumps the version (the triggers) and facts are written
 * only with the version they were computed at. For the creators of the workspace's last read only.
 */
type KeptFacts = Map<string, { key: string; facts: CreatorFacts }>;
const factsMemo = workspaceMemo<KeptFacts>();
const keyOf = (version: number | string | null, asOf: string | null) => `${n(version)}/${asOf}`;

const parseFacts = (f: CreatorFacts | string) =>
  typeof f === 'string' ? (JSON.parse(f) as CreatorFacts) : f;

/**
 * Every creator's facts as of `today`, from creator_score_facts: rows the triggers marked stale
 * (or of another day, or new) are computed again with scoreFacts, the same statement as before, and
 * written back only where the version is still the one read (a change committed meanwhile keeps
 * its row stale) and the row is not locked by a writer (SKIP LOCKED: a read never waits for an
 * import). Fresh rows' facts are read only when this process has not seen that row's version as of
 * today yet. Returns the facts with the score last written to the history, by creator id.
 */
export async function maintainedFacts(
  db: Db,
  workspaceId: string,
  today: string,
): Promise<{ facts: CreatorFacts; lastScore: number | null }[]> {
  // Each row's version and day (not its facts), and how many creators the workspace has: a
  // creator without a row yet makes the counts differ.
  const readKept = () =>
    queryRows<KeptRow & { creators: number }>(
      db,
      sql`select creator_id, version, to_char(as_of, 'YYYY-MM-DD') as as_of, score, facts is null as empty,
            (select count(*) from creators c where c.workspace_id = ${workspaceId})::int as creators
          from creator_score_facts
          where workspace_id = ${workspaceId}
          order by creator_id`,
    );
  const first = await readKept();
  let rows: KeptRow[] = first;
  if (!first.length || n(first[0]!.creators) !== first.length) {
    // New creators get their row (stale), then the rows are read again.
    await db.execute(sql`
      insert into creator_score_facts (workspace_id, creator_id)
      select c.workspace_id, c.id from creators c
      where c.workspace_id = ${workspaceId}
        and not exists (select 1 from creator_score_facts f where f.workspace_id = c.workspace_id and f.creator_id = c.id)
      order by 2
      on conflict do nothing`);
    rows = await readKept();
  }
  const cached: KeptFacts = factsMemo.get(db, workspaceId) ?? new Map();
  const isStale = (r: KeptRow) => r.as_of !== today || r.empty;
  const known = new Map<string, CreatorFacts>();
  for (const r of rows) {
    const c = cached.get(r.creator_id);
    if (!isStale(r) && c?.key === keyOf(r.version, r.as_of)) known.set(r.creator_id, c.facts);
  }
  // Fresh rows this process has not seen: their facts, with the version and day they are kept as.
  const unread = rows.filter((r) => !isStale(r) && !known.has(r.creator_id));
  if (unread.length) {
    const read = await queryRows<KeptRow & { facts: CreatorFacts | string | null }>(
      db,
      sql`select creator_id, version, to_char(as_of, 'YYYY-MM-DD') as as_of, score, facts is null as empty, facts
          from creator_score_facts
          where workspace_id = ${workspaceId}
            ${unread.length === rows.length ? sql`` : sql`and creator_id = any(${sql.param(unread.map((r) => r.creator_id))}::uuid[])`}`,
    );
    const byId = new Map(rows.map((r, i) => [r.creator_id, i]));
    for (const r of read) {
      const i = byId.get(r.creator_id);
      if (i == null) continue;
      // What is kept now (a change committed since the first read makes the row stale again).
      rows[i] = {
        creator_id: r.creator_id,
        version: r.version,
        as_of: r.as_of,
        score: r.score,
        empty: r.empty,
      };
      if (!isStale(rows[i]!) && r.facts != null) known.set(r.creator_id, parseFacts(r.facts));
    }
  }
  const stale = rows.filter((r) => !known.has(r.creator_id));
  const fresh = new Map<string, CreatorFacts>();
  const written = new Set<string>();
  if (stale.length) {
    const computed = await scoreFacts(
      db,
      workspaceId,
      today,
      stale.length === rows.length ? undefined : stale.map((r) => r.creator_id),
    );
    for (const f of computed) fresh.set(f.creatorId, f);
    const version = new Map(stale.map((r) => [r.creator_id, n(r.version)]));
    const payload = computed
      .filter((f) => version.has(f.creatorId))
      .map((f) => ({ id: f.creatorId, v: version.get(f.creatorId), f }));
    const done = await queryRows<{ creator_id: string }>(
      db,
      sql`
      with x as (select * from jsonb_to_recordset(${JSON.stringify(payload)}::jsonb) as x(id uuid, v int, f jsonb)),
      free as (
        select g.creator_id from creator_score_facts g join x on x.id = g.creator_id and x.v = g.version
        where g.workspace_id = ${workspaceId}
        for update of g skip locked)
      update creator_score_facts f set facts = x.f, as_of = ${today}::date
      from x
      where f.workspace_id = ${workspaceId} and f.creator_id = x.id and f.version = x.v
        and f.creator_id in (select creator_id from free)
      returning f.creator_id`,
    );
    for (const d of done) written.add(d.creator_id);
  }
  // Remember what is kept now: the fresh rows and the ones just written (with the version they
  // were computed at); not the facts of a row a writer held (it stays stale).
  const next: KeptFacts = new Map();
  const out = rows.map((r) => {
    const facts = known.get(r.creator_id) ?? fresh.get(r.creator_id)!;
    if (known.has(r.creator_id)) next.set(r.creator_id, { key: keyOf(r.version, r.as_of), facts });
    else if (written.has(r.creator_id)) next.set(r.creator_id, { key: keyOf(r.version, today), facts });
    return { facts, lastScore: nn(r.score) };
  });
  factsMemo.set(db, workspaceId, next);
  return out;
}

/**
 * The history of scores (item of docs/selection.md, "Score history"): for each creator whose
 * computed score differs from the last one written, today's row (one a day, the latest wins) and
 * the last score; a null score (too little data) writes no row. Rows a writer holds are skipped.
 */
export async function recordScores(
  db: Db,
  workspaceId: string,
  today: string,
  changed: { id: string; score: number | null }[],
) {
  if (!changed.length) return;
  await db.execute(sql`
    with x as (select * from jsonb_to_recordset(${JSON.stringify(changed)}::jsonb) as x(id uuid, score int)),
    free as (
      select g.creator_id from creator_score_facts g join x on x.id = g.creator_id
      where g.workspace_id = ${workspaceId}
      for update of g skip locked),
    h as (
      insert into creator_score_history (workspace_id, creator_id, day, score)
      select ${workspaceId}, x.id, ${today}::date, x.score from x
      where x.score is not null and x.id in (select creator_id from free)
      on conflict (workspace_id, creator_id, day) do update set score = excluded.score)
    update creator_score_facts f set score = x.score
    from x where f.workspace_id = ${workspaceId} and f.creator_id = x.id and f.creator_id in (select creator_id from free)`);
}

/** Each creator's highest score in the history over [from, today), the latest day of it. */
export const scorePeaks = (db: Db, workspaceId: string, from: string, today: string) =>
  queryRows<{ creator_id: string; day: string; score: number }>(
    db,
    sql`select distinct on (creator_id) creator_id, to_char(day, 'YYYY-MM-DD') as day, score
        from creator_score_history
        where workspace_id = ${workspaceId} and day >= ${from}::date and day < ${today}::date
        order by creator_id, score desc, day desc`,
  );

/** One creator's score history since `from`, oldest first. */
export const scoreHistory = (db: Db, workspaceId: string, creatorId: string, from: string) =>
  queryRows<{ day: string; score: number }>(
    db,
    sql`select to_char(day, 'YYYY-MM-DD') as day, score from creator_score_history
        where workspace_id = ${workspaceId} and creator_id = ${creatorId} and day >= ${from}::date
        order by day`,
  );

export const activeTier1Count = async (db: Db, workspaceId: string) => {
  const [r] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from creators where workspace_id = ${workspaceId} and tier = 1 and status = 'active'`,
  );
  return n(r?.n);
};
