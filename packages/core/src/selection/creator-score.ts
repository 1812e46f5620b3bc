import {
  type CreatorScore,
  type SelectionSettings,
  updateSelectionSettingsRequest,
} from '@evergreen/contracts';
import { type Db, scoreOverrides, selectionSettings, users, workspaces } from '@evergreen/db';
import { addDays } from '@evergreen/rules';
import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../audit/index.ts';
import { getCreatorRow, recordCreatorEvent } from '../roster/index.ts';
import { requireRole } from '../shared/access.ts';
import { type ActorCtx, type Clock, isoRequired } from '../shared/context.ts';
import { dayInZone } from '../shared/values.ts';
import { workspaceTimeZone } from '../shared/workspace-zone.ts';
import { workspaceMemo } from './memo.ts';
import { type CreatorFacts, loadWeights, maintainedFacts, recordScores, scoreHistory } from './queries.ts';
import { DEFAULT_WEIGHTS, type RosterRef, rosterRef, type ScoreResult, scoreCreator } from './score.ts';

/** The creator's score panel shows the history of this many days. */
export const HISTORY_DAYS = 90;

/** "Today" in the workspace's time zone. */
export async function workspaceToday(db: Db, workspaceId: string, clock: Clock): Promise<string> {
  return dayInZone(clock.now(), await workspaceTimeZone(db, workspaceId));
}

export async function loadSelectionSettings(db: Db, workspaceId: string): Promise<SelectionSettings> {
  return (await loadWeights(db, workspaceId)) ?? { weights: DEFAULT_WEIGHTS, escalationPath: [] };
}

export async function getSelectionSettings({ db, actor }: ActorCtx): Promise<SelectionSettings> {
  requireRole(actor, 'analyst');
  return loadSelectionSettings(db, actor.workspaceId);
}

export async function updateSelectionSettings(
  { db, clock, actor }: ActorCtx,
  input: SelectionSettings,
): Promise<SelectionSettings> {
  requireRole(actor, 'manager');
  const s = updateSelectionSettingsRequest.parse(input);
  const now = clock.now();
  await db.transaction(async (tx) => {
    const before = await loadSelectionSettings(tx, actor.workspaceId);
    const values = {
      weightPerformance: s.weights.performance,
      weightStability: s.weights.stability,
      weightFit: s.weights.fit,
      weightGrowth: s.weights.growth,
      escalationPath: s.escalationPath,
      updatedAt: now,
    };
    await tx
      .insert(selectionSettings)
      .values({ workspaceId: actor.workspaceId, ...values })
      .onConflictDoUpdate({ target: selectionSettings.workspaceId, set: values });
    await recordAudit(
      tx,
      actor,
      {
        action: 'selection_settings.updated',
        entityType: 'selection_settings',
        entityId: actor.workspaceId,
        changes: { from: before, to: s },
      },
      now,
    );
  });
  return loadSelectionSettings(db, actor.workspaceId);
}

type Scored = Map<string, { facts: CreatorFacts; result: ScoreResult }>;

/**
 * The last scores computed, per database object and workspace, with the weights and roster
 * reference they were computed with. A creator's score is a pure function of their facts, the
 * roster reference and the weights (scoreCreator): with the same weights and reference, a
 * creator whose facts are the very object kept (maintainedFacts keeps unchanged rows' objects)
 * keeps their score, and only the creators whose facts changed are scored again. A change that
 * moves the reference (a creator's engagement, CPA, repeat rate or cost per reach) scores everyone.
 */
const scoredMemo = workspaceMemo<{ weights: string; ref: RosterRef; scored: Scored }>();

const sameRef = (a: RosterRef, b: RosterRef) =>
  a.er === b.er && a.cpa === b.cpa && a.repeat === b.repeat && a.cpr === b.cpr;

/**
 * Every creator's score, computed together: the performance pillar compares each creator with
 * the roster. The facts are the maintained ones (queries.ts, maintainedFacts: only what changed
 * since they were kept is read again); a score that differs from the last one written goes to
 * the history (recordScores).
 */
export async function scoreAll(db: Db, workspaceId: string, today: string): Promise<Scored> {
  const { weights } = await loadSelectionSettings(db, workspaceId);
  const kept = await maintainedFacts(db, workspaceId, today);
  const facts = kept.map((k) => k.facts);
  const w = JSON.stringify(weights);
  const ref = rosterRef(facts);
  const last = scoredMemo.get(db, workspaceId);
  const reuse = last && last.weights === w && sameRef(last.ref, ref) ? last.scored : undefined;
  let out: Scored = new Map();
  let rescored = 0;
  for (const f of facts) {
    const prev = reuse?.get(f.creatorId);
    if (prev?.facts === f) out.set(f.creatorId, prev);
    else {
      out.set(f.creatorId, { facts: f, result: scoreCreator(f, ref, weights) });
      rescored++;
    }
  }
  if (reuse && !rescored && reuse.size === out.size) out = reuse;
  else scoredMemo.set(db, workspaceId, { weights: w, ref, scored: out });
  const changed: { id: string; score: number | null }[] = [];
  for (const { facts: f, lastScore } of kept) {
    const score = out.get(f.creatorId)!.result.score;
    if (score !== lastScore) changed.push({ id: f.creatorId, score });
  }
  await recordScores(db, workspaceId, today, changed);
  return out;
}

export async function loadOverrides(db: Db, workspaceId: string) {
  const rows = await db
    .select({ o: scoreOverrides, byName: users.name })
    .from(scoreOverrides)
    .leftJoin(users, eq(users.id, scoreOverrides.byUserId))
    .where(eq(scoreOverrides.workspaceId, workspaceId));
  return new Map(
    rows.map(({ o, byName }) => [
      o.creatorId,
      { score: o.score, reason: o.reason, byName, at: isoRequired(o.at) },
    ]),
  );
}

export function toCreatorScore(
  creatorId: string,
  currency: string,
  r: ScoreResult,
  override: CreatorScore['override'],
  history: CreatorScore['history'] = [],
): CreatorScore {
  return {
    creatorId,
    currency,
    score: r.score,
    pillars: r.pillars,
    trajectory: r.trajectory,
    override,
    eligibleForTier1: r.eligibleForTier1,
    ineligibleReason: r.eligibleForTier1 ? null : 'professionalism',
    professionalism: r.professionalism == null ? null : r.professionalism.toFixed(2),
    history,
  };
}

/** One creator's partnership-potential score with its pillars, inputs, override and eligibility. */
export async function getCreatorScore(ctx: ActorCtx, creatorId: string): Promise<CreatorScore> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'analyst');
  await getCreatorRow(db, actor.workspaceId, creatorId);
  const today = await workspaceToday(db, actor.workspaceId, clock);
  const all = await scoreAll(db, actor.workspaceId, today);
  const overrides = await loadOverrides(db, actor.workspaceId);
  const [ws] = await db
    .select({ currency: workspaces.reportingCurrency })
    .from(workspaces)
    .where(eq(workspaces.id, actor.workspaceId));
  const history = await scoreHistory(db, actor.workspaceId, creatorId, addDays(today, -HISTORY_DAYS));
  return toCreatorScore(
    creatorId,
    ws?.currency ?? 'USD',
    all.get(creatorId)!.result,
    overrides.get(creatorId) ?? null,
    history.map((h) => ({ day: h.day, score: Number(h.score) })),
  );
}

/** A manager's gut call: their own score with the reason, shown beside the computed one; audited. */
export async function setScoreOverride(
  ctx: ActorCtx,
  creatorId: string,
  input: { score: number; reason: string },
): Promise<CreatorScore> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  await getCreatorRow(db, actor.workspaceId, creatorId);
  const now = clock.now();
  await db.transaction(async (tx) => {
    const values = { score: input.score, reason: input.reason, byUserId: actor.userId, at: now };
    await tx
      .insert(scoreOverrides)
      .values({ workspaceId: actor.workspaceId, creatorId, ...values })
      .onConflictDoUpdate({ target: [scoreOverrides.workspaceId, scoreOverrides.creatorId], set: values });
    await recordCreatorEvent(
      tx,
      actor,
      creatorId,
      'score_override',
      { score: input.score },
      now,
      input.reason,
    );
    await recordAudit(
      tx,
      actor,
      {
        action: 'creator.score_override_set',
        entityType: 'creator',
        entityId: creatorId,
        changes: { score: input.score, reason: input.reason },
      },
      now,
    );
  });
  return getCreatorScore(ctx, creatorId);
}

export async function clearScoreOverride(ctx: ActorCtx, creatorId: string): Promise<CreatorScore> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  await getCreatorRow(db, actor.workspaceId, creatorId);
  const now = clock.now();
  await db.transaction(async (tx) => {
    const gone = await tx
      .delete(scoreOverrides)
      .where(and(eq(scoreOverrides.workspaceId, actor.workspaceId), eq(scoreOverrides.creatorId, creatorId)))
      .returning();
    if (!gone.length) return;
    await recordCreatorEvent(tx, actor, creatorId, 'score_override_cleared', {}, now);
    await recordAudit(
      tx,
      actor,
      { action: 'creator.score_override_cleared', entityType: 'creator', entityId: creatorId },
      now,
    );
  });
  return getCreatorScore(ctx, creatorId);
}
