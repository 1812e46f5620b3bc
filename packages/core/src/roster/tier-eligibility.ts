import { type Db, queryRows } from '@evergreen/db';
import { sql } from 'drizzle-orm';
import { AppError } from '../shared/errors.ts';

/**
 * "Great metrics but difficult" never becomes Tier 1 (docs/selection.md): a creator whose
 * professionalism rating — the mean of each team member's latest — is at or below this is
 * refused Tier 1 wherever the tier changes (one change, a bulk change, a suggestion accepted).
 * It lives here, below the selection module that records the ratings, because the roster's tier
 * changes enforce it and a module may not import one above it.
 */
export const PROFESSIONALISM_TIER1_MAX = 2;

/** The current professionalism rating per creator (null = nobody rated it). */
export async function professionalismOf(
  db: Db,
  workspaceId: string,
  creatorIds: string[],
): Promise<Map<string, number>> {
  if (!creatorIds.length) return new Map();
  const rows = await queryRows<{ creator_id: string; mean: number }>(
    db,
    sql`select creator_id, avg(score)::float8 as mean from (
          select distinct on (creator_id, by_user_id) creator_id, score
            from creator_ratings
           where workspace_id = ${workspaceId} and criterion = 'professionalism'
             and creator_id = any(${sql.param(creatorIds)}::uuid[])
           order by creator_id, by_user_id, id desc) latest
        group by creator_id`,
  );
  return new Map(rows.map((r) => [r.creator_id, Number(r.mean)]));
}

/** Throws 409 naming the reason when any of these creators may not move to Tier 1. */
export async function assertTier1Eligible(db: Db, workspaceId: string, creatorIds: string[]): Promise<void> {
  const prof = await professionalismOf(db, workspaceId, creatorIds);
  const blocked = creatorIds.filter(
    (id) => (prof.get(id) ?? Number.POSITIVE_INFINITY) <= PROFESSIONALISM_TIER1_MAX,
  );
  if (!blocked.length) return;
  throw new AppError(
    'conflict',
    `tier: not eligible for Tier 1 — the team rates professionalism ${PROFESSIONALISM_TIER1_MAX} or less`,
    [
      {
        field: 'tier',
        message: `not eligible for Tier 1: professionalism rated ${PROFESSIONALISM_TIER1_MAX} or less`,
        code: 'tier1_professionalism',
        params: { creatorIds: blocked.join(',') },
      },
    ],
  );
}
