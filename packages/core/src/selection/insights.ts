import { createInsightRequest, type Insight, insightListQuery } from '@evergreen/contracts';
import { creatorInsights, creators, users } from '@evergreen/db';
import { and, desc, eq, ilike, or } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../audit/index.ts';
import { getCreatorRow, recordCreatorEvent } from '../roster/index.ts';
import { requireRole } from '../shared/access.ts';
import type { ActorCtx } from '../shared/context.ts';
import { workspaceToday } from './creator-score.ts';

const like = (q: string) => `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

/**
 * What creators tell the brand about their market (trends, product feedback, what resonates),
 * searchable by market, product, kind and text: creators as the brand's interpreters.
 */
export async function listInsights(
  { db, actor }: ActorCtx,
  rawQuery: z.input<typeof insightListQuery>,
  /** The page shows the newest 500; the CSV export asks for all (null). */
  limit: number | null = 500,
): Promise<Insight[]> {
  requireRole(actor, 'analyst');
  const q = insightListQuery.parse(rawQuery);
  const conds = [eq(creatorInsights.workspaceId, actor.workspaceId)];
  if (q.market) conds.push(eq(creatorInsights.market, q.market));
  if (q.product) conds.push(ilike(creatorInsights.product, like(q.product)));
  if (q.kind) conds.push(eq(creatorInsights.kind, q.kind));
  if (q.creatorId) conds.push(eq(creatorInsights.creatorId, q.creatorId));
  if (q.q) conds.push(or(ilike(creatorInsights.body, like(q.q)), ilike(creatorInsights.product, like(q.q)))!);
  const rows = await db
    .select({ i: creatorInsights, creatorName: creators.displayName, byName: users.name })
    .from(creatorInsights)
    .innerJoin(
      creators,
      and(eq(creators.workspaceId, creatorInsights.workspaceId), eq(creators.id, creatorInsights.creatorId)),
    )
    .leftJoin(users, eq(users.id, creatorInsights.byUserId))
    .where(and(...conds))
    .orderBy(desc(creatorInsights.heardOn), desc(creatorInsights.createdAt), desc(creatorInsights.id))
    .limit(limit ?? 1_000_000);
  return rows.map(({ i, creatorName, byName }) => ({
    id: i.id,
    creatorId: i.creatorId,
    creatorName,
    kind: i.kind,
    market: i.market,
    product: i.product,
    body: i.body,
    heardOn: i.heardOn,
    byName,
  }));
}

/** Logs an insight; it lands on the creator's timeline. */
export async function recordInsight(
  ctx: ActorCtx,
  creatorId: string,
  input: z.input<typeof createInsightRequest>,
): Promise<Insight> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  const data = createInsightRequest.parse(input);
  await getCreatorRow(db, actor.workspaceId, creatorId);
  const heardOn = data.heardOn ?? (await workspaceToday(db, actor.workspaceId, clock));
  const now = clock.now();
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(creatorInsights)
      .values({
        workspaceId: actor.workspaceId,
        creatorId,
        kind: data.kind,
        market: data.market ?? null,
        product: data.product ?? null,
        body: data.body,
        heardOn,
        byUserId: actor.userId,
        createdAt: now,
      })
      .returning({ id: creatorInsights.id });
    const summary = {
      insightId: row!.id,
      kind: data.kind,
      market: data.market ?? null,
      product: data.product ?? null,
      body: data.body,
    };
    await recordCreatorEvent(tx, actor, creatorId, 'insight', summary, now);
    await recordAudit(
      tx,
      actor,
      {
        action: 'insight.recorded',
        entityType: 'insight',
        entityId: row!.id,
        changes: { creatorId, kind: data.kind },
      },
      now,
    );
    return row!.id;
  });
  return (await listInsights(ctx, { creatorId })).find((i) => i.id === id)!;
}
