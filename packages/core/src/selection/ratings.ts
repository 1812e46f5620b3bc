import {
  type CreatorRatings,
  type RateCreatorRequest,
  rateCreatorRequest,
  ratingCriteria,
} from '@evergreen/contracts';
import { creatorRatings, creators } from '@evergreen/db';
import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../audit/index.ts';
import { getCreatorRow, recordCreatorEvent } from '../roster/index.ts';
import { requireRole } from '../shared/access.ts';
import { type ActorCtx, isoRequired } from '../shared/context.ts';
import { notFound } from '../shared/errors.ts';
import { ratingHistory } from './queries.ts';

/**
 * A team member rates a creator on some of the vetting questions, 1–5 with a note. Ratings are
 * appended, never changed: the history keeps every one with its author. The creator row is
 * locked, so a rating and a tier change to Tier 1 at the same moment are ordered (the tier
 * change sees the professionalism rating or comes before it).
 */
export async function rateCreator(
  { db, clock, actor }: ActorCtx,
  creatorId: string,
  input: RateCreatorRequest,
): Promise<CreatorRatings> {
  requireRole(actor, 'manager');
  const data = rateCreatorRequest.parse(input);
  const now = clock.now();
  await db.transaction(async (tx) => {
    const [c] = await tx
      .select({ id: creators.id })
      .from(creators)
      .where(and(eq(creators.workspaceId, actor.workspaceId), eq(creators.id, creatorId)))
      .for('update');
    if (!c) throw notFound('Creator');
    await tx.insert(creatorRatings).values(
      data.ratings.map((r) => ({
        workspaceId: actor.workspaceId,
        creatorId,
        criterion: r.criterion,
        score: r.score,
        note: r.note ?? null,
        byUserId: actor.userId,
        at: now,
      })),
    );
    const summary = data.ratings.map((r) => ({
      criterion: r.criterion,
      score: r.score,
      note: r.note ?? null,
    }));
    await recordCreatorEvent(tx, actor, creatorId, 'rated', { ratings: summary }, now);
    await recordAudit(
      tx,
      actor,
      { action: 'creator.rated', entityType: 'creator', entityId: creatorId, changes: { ratings: summary } },
      now,
    );
  });
  return getRatings({ db, clock, actor }, creatorId);
}

/** The current rating per criterion (mean of each member's latest) and the whole history. */
export async function getRatings({ db, actor }: ActorCtx, creatorId: string): Promise<CreatorRatings> {
  requireRole(actor, 'analyst');
  await getCreatorRow(db, actor.workspaceId, creatorId);
  const rows = await ratingHistory(db, actor.workspaceId, creatorId);
  // Rows come newest first: the first seen per (criterion, member) is that member's latest.
  const latest = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const byMember = latest.get(r.criterion) ?? new Map<string, number>();
    const who = r.by_user_id ?? '';
    if (!byMember.has(who)) byMember.set(who, Number(r.score));
    latest.set(r.criterion, byMember);
  }
  return {
    current: ratingCriteria.map((criterion) => {
      const byMember = latest.get(criterion);
      const scores = byMember ? [...byMember.values()] : [];
      const mean = scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : null;
      return {
        criterion,
        mean: mean == null ? null : mean.toFixed(2),
        raters: scores.length,
        mine: (actor.userId && byMember?.get(actor.userId)) || null,
      };
    }),
    history: rows.map((r) => ({
      criterion: r.criterion,
      score: Number(r.score),
      note: r.note,
      byUserId: r.by_user_id,
      byName: r.by_name,
      at: isoRequired(r.at),
    })),
  };
}
