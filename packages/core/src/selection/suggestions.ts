import type { SelectionReason, SelectionSuggestion, SelectionSuggestionKind } from '@evergreen/contracts';
import { creators, type Db, suggestionDecisions } from '@evergreen/db';
import { addDays, daysBetween, laterDay } from '@evergreen/rules';
import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../audit/index.ts';
import { changeTier, loadTiers, recordCreatorEvent, updateCreator } from '../roster/index.ts';
import { requireRole } from '../shared/access.ts';
import type { ActorCtx } from '../shared/context.ts';
import { notFound } from '../shared/errors.ts';
import { loadOverrides, scoreAll, workspaceToday } from './creator-score.ts';
import {
  activeTier1Count,
  type CreatorFacts,
  type SuggestionFactsRow,
  scorePeaks,
  suggestionFacts,
} from './queries.ts';
import type { ScoreResult } from './score.ts';

/** Thresholds of the suggestions (docs/selection.md, "Suggestions"). */
export const PROMOTE_MIN_SCORE = 70;
export const PROMOTE_MIN_COLLABORATIONS = 3;
export const ON_TIME_MIN_SHARE = 0.8;
export const REVIEW_BELOW_SCORE = 50;
/** A falling score: this many points below its highest in the history of the last FALLING_DAYS days. */
export const FALLING_POINTS = 10;
export const FALLING_DAYS = 30;
export const REVIEW_OPEN_ISSUES = 2;
export const ALUMNI_AFTER_DAYS = 180;
/** A suggestion dismissed (or accepted) is not made again for this many days. */
export const QUIET_DAYS = 30;

export interface SuggestionInput {
  row: SuggestionFactsRow;
  facts: CreatorFacts;
  result: ScoreResult;
  override: number | null;
  /** Active Tier 1 creators, and the Tier 1 target (max, else min; null = none). */
  tier1Count: number;
  tier1Target: number | null;
  today: string;
  /** The highest computed score in the history over [today − FALLING_DAYS, today), and its (latest) day. */
  peak?: { day: string; score: number } | null;
}

/** The suggestions for one creator, each with its reasons: a pure rule of the facts. */
export function suggestionsFor(x: SuggestionInput): SelectionSuggestion[] {
  const { row, facts, result } = x;
  const score = x.override ?? result.score;
  const base = { creatorId: row.id, creatorName: row.display_name, tier: Number(row.tier), score };
  const quiet = new Set(row.quiet ?? []);
  const out: SelectionSuggestion[] = [];
  const onTime = facts.due >= 2 ? facts.onTime / facts.due : null;
  const scoreReason: SelectionReason = {
    code: x.override != null ? 'override_score' : 'score',
    values: { score: score ?? '' },
  };

  if (row.status === 'active' && Number(row.tier) === 2 && !quiet.has('promote')) {
    const room = x.tier1Target == null || x.tier1Count < x.tier1Target;
    if (
      score != null &&
      score >= PROMOTE_MIN_SCORE &&
      facts.collaborations >= PROMOTE_MIN_COLLABORATIONS &&
      onTime != null &&
      onTime >= ON_TIME_MIN_SHARE &&
      result.eligibleForTier1 &&
      room
    ) {
      out.push({
        ...base,
        kind: 'promote',
        reasons: [
          scoreReason,
          { code: 'collaborations', values: { count: facts.collaborations } },
          { code: 'on_time', values: { onTime: facts.onTime, due: facts.due } },
          {
            code: 'tier1_room',
            values: { count: x.tier1Count, target: x.tier1Target ?? '' },
          },
        ],
      });
    }
  }

  if (row.status === 'active' && Number(row.tier) === 1 && !quiet.has('review')) {
    const reasons: SelectionReason[] = [];
    if (result.trajectory === 'declining') {
      const change = ((facts.followersLast! - facts.followersFirst!) / facts.followersFirst!) * 100;
      reasons.push({ code: 'declining', values: { changePct: change.toFixed(1) } });
    }
    if (score != null && score < REVIEW_BELOW_SCORE) reasons.push({ ...scoreReason, code: 'low_score' });
    // The computed score against its own history (an override is a gut call, not a trend).
    if (x.peak && result.score != null && x.peak.score - result.score >= FALLING_POINTS)
      reasons.push({
        code: 'falling_score',
        values: { from: x.peak.score, to: result.score, days: daysBetween(x.peak.day, x.today) },
      });
    if (onTime != null && onTime < ON_TIME_MIN_SHARE)
      reasons.push({ code: 'missed_deadlines', values: { onTime: facts.onTime, due: facts.due } });
    const open = facts.openIssues.low + facts.openIssues.medium + facts.openIssues.high;
    if (facts.openIssues.high > 0 || open >= REVIEW_OPEN_ISSUES)
      reasons.push({ code: 'open_issues', values: { open, high: facts.openIssues.high } });
    if (!result.eligibleForTier1)
      reasons.push({ code: 'professionalism', values: { rating: result.professionalism!.toFixed(2) } });
    if (reasons.length) out.push({ ...base, kind: 'review', reasons });
  }

  if (Number(row.tier) !== 1 && !quiet.has('alumni')) {
    const last = [facts.lastPostOn, facts.lastDueOn, row.last_touchpoint_on, row.created_on]
      .filter((d): d is string => !!d)
      .reduce(laterDay);
    const days = daysBetween(last, x.today);
    if (days >= ALUMNI_AFTER_DAYS)
      out.push({ ...base, kind: 'alumni', reasons: [{ code: 'inactive', values: { since: last, days } }] });
  }
  return out;
}

const kindOrder: Record<SelectionSuggestionKind, number> = { promote: 0, review: 1, alumni: 2 };

/** All current suggestions of the workspace (optionally only for creators this member owns). */
export async function computeSuggestions(
  db: Db,
  workspaceId: string,
  today: string,
  ownerUserId?: string,
): Promise<SelectionSuggestion[]> {
  // One after another: inside a transaction they share one connection.
  const rows = await suggestionFacts(db, workspaceId, today);
  const scores = await scoreAll(db, workspaceId, today);
  const overrides = await loadOverrides(db, workspaceId);
  const tiers = await loadTiers(db, workspaceId);
  const tier1Count = await activeTier1Count(db, workspaceId);
  const peaks = new Map(
    (await scorePeaks(db, workspaceId, addDays(today, -FALLING_DAYS), today)).map((p) => [
      p.creator_id,
      { day: p.day, score: Number(p.score) },
    ]),
  );
  const t1 = tiers.get(1);
  const tier1Target = t1?.targetMax ?? t1?.targetMin ?? null;
  const out: SelectionSuggestion[] = [];
  for (const row of rows) {
    if (ownerUserId && row.owner_user_id !== ownerUserId) continue;
    const s = scores.get(row.id);
    if (!s) continue;
    out.push(
      ...suggestionsFor({
        row,
        facts: s.facts,
        result: s.result,
        override: overrides.get(row.id)?.score ?? null,
        tier1Count,
        tier1Target,
        today,
        peak: peaks.get(row.id) ?? null,
      }),
    );
  }
  return out.sort(
    (a, b) =>
      kindOrder[a.kind] - kindOrder[b.kind] ||
      (b.score ?? -1) - (a.score ?? -1) ||
      a.creatorName.localeCompare(b.creatorName),
  );
}

export async function listSuggestions({ db, clock, actor }: ActorCtx) {
  requireRole(actor, 'analyst');
  const today = await workspaceToday(db, actor.workspaceId, clock);
  return { suggestions: await computeSuggestions(db, actor.workspaceId, today), quietDays: QUIET_DAYS };
}

/**
 * Accept: the suggested change (promote → Tier 1, review → Tier 2, alumni → status alumni) and
 * its decision in one transaction, with the creator row locked; a second accept at the same
 * moment finds the change made and changes nothing. Tier 1 eligibility is enforced by the
 * roster's tier change. Dismiss: remembered for QUIET_DAYS. Each lands on the timeline.
 */
export async function decideSuggestion(
  ctx: ActorCtx,
  kind: SelectionSuggestionKind,
  creatorId: string,
  decision: 'accepted' | 'dismissed',
): Promise<{ ok: true; changed: boolean }> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  const today = await workspaceToday(db, actor.workspaceId, clock);
  const now = clock.now();
  return db.transaction(async (tx) => {
    const [c] = await tx
      .select({ tier: creators.tier, status: creators.status })
      .from(creators)
      .where(and(eq(creators.workspaceId, actor.workspaceId), eq(creators.id, creatorId)))
      .for('update');
    if (!c) throw notFound('Creator');
    // Read after the lock: what the first of two racing requests did is seen by the second.
    const current = (await computeSuggestions(tx, actor.workspaceId, today)).find(
      (s) => s.creatorId === creatorId && s.kind === kind,
    );
    if (!current) return { ok: true as const, changed: false };
    const reason = current.reasons.map((r) => r.code).join(', ');
    const tx2 = { db: tx, clock, actor };
    if (decision === 'accepted') {
      if (kind === 'promote') await changeTier(tx2, creatorId, 1, `Suggested promotion: ${reason}`);
      else if (kind === 'review') await changeTier(tx2, creatorId, 2, `Tier 1 review: ${reason}`);
      else await updateCreator(tx2, creatorId, { status: 'alumni' });
    }
    await tx.insert(suggestionDecisions).values({
      workspaceId: actor.workspaceId,
      creatorId,
      kind,
      decision,
      quietUntil: addDays(today, QUIET_DAYS),
      byUserId: actor.userId,
      at: now,
    });
    await recordCreatorEvent(
      tx,
      actor,
      creatorId,
      decision === 'accepted' ? 'suggestion_accepted' : 'suggestion_dismissed',
      { kind, reasons: current.reasons, score: current.score },
      now,
    );
    await recordAudit(
      tx,
      actor,
      {
        action: decision === 'accepted' ? 'creator.suggestion_accepted' : 'creator.suggestion_dismissed',
        entityType: 'creator',
        entityId: creatorId,
        changes: { kind, reasons: current.reasons.map((r) => r.code) },
      },
      now,
    );
    return { ok: true as const, changed: true };
  });
}
