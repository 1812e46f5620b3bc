import { addAudienceSnapshotRequest } from '@evergreen/contracts';
import { audienceSnapshots } from '@evergreen/db';
import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { requireRole } from '../shared/access.ts';
import type { ActorCtx } from '../shared/context.ts';
import { getCreatorRow } from './queries.ts';

type SnapshotInput = z.input<typeof addAudienceSnapshotRequest>;

const toSnapshot = (s: typeof audienceSnapshots.$inferSelect) => ({
  id: s.id,
  capturedOn: s.capturedOn,
  platform: s.platform,
  followers: s.followers,
  avgEngagementRatePct: s.avgEngagementRatePct,
  audienceQualityPct: s.audienceQualityPct,
});

/** Audience over time: followers, average engagement and audience quality on a day. */
export async function addAudienceSnapshot(ctx: ActorCtx, creatorId: string, input: SnapshotInput) {
  requireRole(ctx.actor, 'manager');
  await getCreatorRow(ctx.db, ctx.actor.workspaceId, creatorId);
  const d = addAudienceSnapshotRequest.parse(input);
  const [row] = await ctx.db
    .insert(audienceSnapshots)
    .values({
      workspaceId: ctx.actor.workspaceId,
      creatorId,
      capturedOn: d.capturedOn,
      platform: d.platform,
      followers: d.followers,
      avgEngagementRatePct: d.avgEngagementRatePct ?? null,
      audienceQualityPct: d.audienceQualityPct ?? null,
    })
    .returning();
  return toSnapshot(row!);
}

export async function listAudienceSnapshots(ctx: ActorCtx, creatorId: string) {
  requireRole(ctx.actor, 'analyst');
  await getCreatorRow(ctx.db, ctx.actor.workspaceId, creatorId);
  const rows = await ctx.db
    .select()
    .from(audienceSnapshots)
    .where(
      and(
        eq(audienceSnapshots.workspaceId, ctx.actor.workspaceId),
        eq(audienceSnapshots.creatorId, creatorId),
      ),
    )
    .orderBy(asc(audienceSnapshots.capturedOn), asc(audienceSnapshots.platform));
  return rows.map(toSnapshot);
}
