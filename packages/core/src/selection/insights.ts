import {
  createInsightRequest,
  type Insight,
  insightListQuery,
  type PortalLearned,
  portalInsightRequest,
  updateInsightRequest,
} from '@evergreen/contracts';
import { creatorInsights, creators, users } from '@evergreen/db';
import { and, desc, eq, ilike, or } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../audit/index.ts';
import { getCreatorRow, recordCreatorEvent } from '../roster/index.ts';
import { requireRole } from '../shared/access.ts';
import { type ActorCtx, creatorAsActor, type PortalCtx } from '../shared/context.ts';
import { notFound } from '../shared/errors.ts';
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
    source: i.source === 'portal' ? ('portal' as const) : ('team' as const),
    sharedWithCreator: i.sharedWithCreator,
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

/** Shows an insight to its creator in the portal ("what the brand learned"), or stops showing it. */
export async function setInsightShared(
  ctx: ActorCtx,
  insightId: string,
  input: z.input<typeof updateInsightRequest>,
): Promise<Insight> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  const data = updateInsightRequest.parse(input);
  const now = clock.now();
  const creatorId = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(creatorInsights)
      .set({ sharedWithCreator: data.sharedWithCreator })
      .where(and(eq(creatorInsights.workspaceId, actor.workspaceId), eq(creatorInsights.id, insightId)))
      .returning({ creatorId: creatorInsights.creatorId });
    if (!row) throw notFound('Insight');
    await recordAudit(
      tx,
      actor,
      {
        action: 'insight.shared',
        entityType: 'insight',
        entityId: insightId,
        changes: { sharedWithCreator: data.sharedWithCreator },
      },
      now,
    );
    return row.creatorId;
  });
  return (await listInsights(ctx, { creatorId })).find((i) => i.id === insightId)!;
}

const toLearned = (i: typeof creatorInsights.$inferSelect): PortalLearned => ({
  id: i.id,
  kind: i.kind,
  market: i.market,
  product: i.product,
  body: i.body,
  heardOn: i.heardOn,
});

/**
 * The portal creator's own insights: those the team shared with them (`shared`), or those they
 * sent themselves (`sent`). Only ever rows of this creator of this workspace.
 */
export async function listInsightsAsCreator(
  { db, portal }: PortalCtx,
  which: 'shared' | 'sent',
): Promise<PortalLearned[]> {
  const rows = await db
    .select()
    .from(creatorInsights)
    .where(
      and(
        eq(creatorInsights.workspaceId, portal.workspaceId),
        eq(creatorInsights.creatorId, portal.creatorId),
        which === 'shared'
          ? eq(creatorInsights.sharedWithCreator, true)
          : eq(creatorInsights.source, 'portal'),
      ),
    )
    .orderBy(desc(creatorInsights.heardOn), desc(creatorInsights.createdAt))
    .limit(200);
  return rows.map(toLearned);
}

/**
 * The creator sends feedback or a market insight from the portal: it lands in the workspace's
 * insights log attributed to them (source `portal`, nobody of the team) and on their timeline.
 */
export async function recordInsightAsCreator(
  { db, clock, portal }: PortalCtx,
  input: z.input<typeof portalInsightRequest>,
): Promise<PortalLearned> {
  const data = portalInsightRequest.parse(input);
  const actor = creatorAsActor(portal);
  await getCreatorRow(db, portal.workspaceId, portal.creatorId);
  const heardOn = await workspaceToday(db, portal.workspaceId, clock);
  const now = clock.now();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(creatorInsights)
      .values({
        workspaceId: portal.workspaceId,
        creatorId: portal.creatorId,
        kind: data.kind,
        market: data.market ?? null,
        product: data.product ?? null,
        body: data.body,
        heardOn,
        byUserId: null,
        source: 'portal',
        createdAt: now,
      })
      .returning();
    const summary = {
      insightId: row!.id,
      kind: data.kind,
      market: data.market ?? null,
      product: data.product ?? null,
      body: data.body,
      source: 'portal',
    };
    await recordCreatorEvent(tx, actor, portal.creatorId, 'insight', summary, now);
    await recordAudit(
      tx,
      actor,
      {
        action: 'insight.recorded',
        entityType: 'insight',
        entityId: row!.id,
        changes: { creatorId: portal.creatorId, kind: data.kind, byCreator: portal.creatorId },
      },
      now,
    );
    return toLearned(row!);
  });
}
