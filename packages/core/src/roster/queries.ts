import type { FieldIssue, Handle, Rate } from '@evergreen/contracts';
import {
  creatorHandles,
  creatorRates,
  creators,
  type Db,
  memberships,
  queryRows,
  tierPolicies,
  touchpoints,
  users,
} from '@evergreen/db';
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { matching, rowOfWorkspace } from '../shared/rows.ts';

/**
 * The roster module's reads and writes that more than one use case makes (decision 0011): the
 * creator row, its handles and rates, the tiers, the clash checks. Private to the module, except
 * what its index.ts names for other modules (getCreatorRow, loadTiers, findClashes, TierInfo).
 */

export type CreatorRow = typeof creators.$inferSelect;

export interface TierInfo {
  tier: number;
  name: string;
  cadenceDays: number | null;
  targetMin: number | null;
  targetMax: number | null;
}

export async function loadTiers(db: Db, workspaceId: string): Promise<Map<number, TierInfo>> {
  const rows = await db.select().from(tierPolicies).where(eq(tierPolicies.workspaceId, workspaceId));
  return new Map(rows.map((r) => [r.tier, r]));
}

/** The creator row of this workspace, or 404: the one lookup every roster use case starts from. */
export async function getCreatorRow(db: Db, workspaceId: string, id: string): Promise<CreatorRow> {
  return rowOfWorkspace(db, creators, workspaceId, id, 'Creator');
}

/** Each creator's handles, by creator id. */
export async function handlesOf(db: Db, workspaceId: string, ids: string[]): Promise<Map<string, Handle[]>> {
  const out = new Map<string, Handle[]>();
  if (!ids.length) return out;
  const rows = await db
    .select()
    .from(creatorHandles)
    .where(and(eq(creatorHandles.workspaceId, workspaceId), inArray(creatorHandles.creatorId, ids)));
  for (const h of rows) {
    const list = out.get(h.creatorId) ?? [];
    list.push({ platform: h.platform, handle: h.handle, url: h.url });
    out.set(h.creatorId, list);
  }
  return out;
}

/** One creator's rates, by deliverable type. */
export async function ratesOfCreator(db: Db, workspaceId: string, creatorId: string) {
  return db
    .select()
    .from(creatorRates)
    .where(and(eq(creatorRates.workspaceId, workspaceId), eq(creatorRates.creatorId, creatorId)))
    .orderBy(creatorRates.deliverableType);
}

/** How many active creators each tier has (tiers without any are absent). */
export async function activeCountsByTier(db: Db, workspaceId: string) {
  return db
    .select({ tier: creators.tier, n: sql<number>`count(*)::int` })
    .from(creators)
    .where(and(eq(creators.workspaceId, workspaceId), eq(creators.status, 'active')))
    .groupBy(creators.tier);
}

/** The user's role in the workspace, or null when they are not a member. */
export async function membershipRole(db: Db, workspaceId: string, userId: string) {
  const [m] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
  return m?.role ?? null;
}

export async function findClashes(
  db: Db,
  workspaceId: string,
  data: { externalId?: string | null; email?: string | null; handles?: Handle[] },
  exceptId?: string,
): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  const taken = async (query: SQL) => (await queryRows(db, query)).length > 0;
  const other = exceptId ? sql`and id <> ${exceptId}` : sql``;
  if (
    data.externalId &&
    (await taken(
      sql`select 1 from creators where workspace_id = ${workspaceId} and external_id = ${data.externalId} ${other}`,
    ))
  ) {
    issues.push({ field: 'externalId', message: 'belongs to another creator', code: 'taken' });
  }
  if (
    data.email &&
    (await taken(
      sql`select 1 from creators where workspace_id = ${workspaceId} and lower(email) = ${data.email.toLowerCase()} ${other}`,
    ))
  ) {
    issues.push({ field: 'email', message: 'belongs to another creator', code: 'taken' });
  }
  for (const [i, h] of (data.handles ?? []).entries()) {
    const clash = await taken(
      sql`select 1 from creator_handles where workspace_id = ${workspaceId} and platform = ${h.platform}
          and lower(handle) = ${h.handle.toLowerCase()} ${exceptId ? sql`and creator_id <> ${exceptId}` : sql``}`,
    );
    if (clash)
      issues.push({ field: `handles.${i}.handle`, message: 'belongs to another creator', code: 'taken' });
  }
  return issues;
}

/** Replaces a creator's handles (profile edit, CSV re-import). */
export async function replaceHandles(db: Db, workspaceId: string, creatorId: string, handles: Handle[]) {
  await db
    .delete(creatorHandles)
    .where(and(eq(creatorHandles.workspaceId, workspaceId), eq(creatorHandles.creatorId, creatorId)));
  if (handles.length) {
    await db.insert(creatorHandles).values(
      handles.map((h) => ({
        workspaceId,
        creatorId,
        platform: h.platform,
        handle: h.handle,
        url: h.url ?? null,
      })),
    );
  }
}

/** Replaces a creator's rates. */
export async function replaceRates(db: Db, workspaceId: string, creatorId: string, rates: Rate[]) {
  await db
    .delete(creatorRates)
    .where(and(eq(creatorRates.workspaceId, workspaceId), eq(creatorRates.creatorId, creatorId)));
  if (rates.length)
    await db.insert(creatorRates).values(rates.map((r) => ({ workspaceId, creatorId, ...r })));
}

/** The creator's touchpoints, each with the name of who logged it (the list and the timeline). */
export function touchpointsOf(db: Db, workspaceId: string, creatorId: string) {
  return db
    .select({ t: touchpoints, byName: users.name })
    .from(touchpoints)
    .leftJoin(users, eq(users.id, touchpoints.byUserId))
    .where(matching(touchpoints, { workspaceId, creatorId }));
}
