import { addAudienceSnapshotRequest } from '@evergreen/contracts';
import { audienceSnapshots, creators } from '@evergreen/db';
import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { ActorCtx } from '../shared/context.ts';
import { notFound } from '../shared/errors.ts';
import { requireRole } from '../workspaces/access.ts';

type SnapshotInput = z.input<typeof addAudienceSnapshotRequest>;

async function assertCreator({ db, actor }: ActorCtx, creatorId: string) {
  const [c] = await db
    .select({ id: creators.id })
    .from(creators)
    .where(and(eq(creators.workspaceId, actor.workspaceId), eq(creators.id, creatorId)));
  if (!c) throw notFound('Creator');
}

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
  await assertCreator(ctx, creatorId);
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
  await assertCreator(ctx, creatorId);
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
