import {
  creators,
  type Db,
  portalAccess,
  portalLinks,
  portalSessions,
  users,
  workspaces,
} from '@evergreen/db';
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { SelectedFields } from 'drizzle-orm/pg-core';
import type { SelectResultFields } from 'drizzle-orm/query-builders/select.types';
import { matching } from '../shared/rows.ts';

/** Every statement of the portal module (docs/decisions/0012-creator-portal-access.md). */

export type AccessRow = typeof portalAccess.$inferSelect;

/** The creator's live (not revoked) access, else their latest one. */
export async function latestAccess(db: Db, workspaceId: string, creatorId: string) {
  const [row] = await db
    .select()
    .from(portalAccess)
    .where(and(eq(portalAccess.workspaceId, workspaceId), eq(portalAccess.creatorId, creatorId)))
    .orderBy(sql`${portalAccess.revokedAt} is null desc`, desc(portalAccess.createdAt))
    .limit(1);
  return row;
}

export async function insertAccess(
  db: Db,
  v: { workspaceId: string; creatorId: string; email: string; invitedBy: string | null; now: Date },
) {
  const [row] = await db
    .insert(portalAccess)
    .values({
      workspaceId: v.workspaceId,
      creatorId: v.creatorId,
      email: v.email,
      invitedBy: v.invitedBy,
      createdAt: v.now,
    })
    .onConflictDoNothing()
    .returning();
  return row;
}

export async function updateAccessEmail(db: Db, id: string, email: string) {
  await db.update(portalAccess).set({ email }).where(eq(portalAccess.id, id));
}

/** Revokes the live access and ends its sessions; returns the revoked row, if there was one. */
export async function revokeLiveAccess(
  db: Db,
  workspaceId: string,
  creatorId: string,
  by: string | null,
  now: Date,
) {
  const [row] = await db
    .update(portalAccess)
    .set({ revokedAt: now, revokedBy: by })
    .where(
      and(
        eq(portalAccess.workspaceId, workspaceId),
        eq(portalAccess.creatorId, creatorId),
        isNull(portalAccess.revokedAt),
      ),
    )
    .returning();
  if (row) await db.delete(portalSessions).where(eq(portalSessions.accessId, row.id));
  return row;
}

export async function insertLink(
  db: Db,
  accessId: string,
  tokenHash: string,
  now: Date,
  expiresAt: Date,
  target: string | null = null,
) {
  await db.insert(portalLinks).values({ tokenHash, accessId, createdAt: now, expiresAt, target });
}

/**
 * Spends a link: one conditional update, so of two sign-ins with one link exactly one gets the
 * access back. A used, expired or unknown link, or one whose access was revoked, gives nothing.
 */
export async function claimLink(db: Db, tokenHash: string, now: Date) {
  const [row] = await db
    .update(portalLinks)
    .set({ usedAt: now })
    .where(
      and(
        eq(portalLinks.tokenHash, tokenHash),
        isNull(portalLinks.usedAt),
        gt(portalLinks.expiresAt, now),
        sql`exists (select 1 from ${portalAccess} where ${portalAccess.id} = ${portalLinks.accessId} and ${portalAccess.revokedAt} is null)`,
      ),
    )
    .returning({ accessId: portalLinks.accessId, target: portalLinks.target });
  if (!row) return undefined;
  const [access] = await db.select().from(portalAccess).where(eq(portalAccess.id, row.accessId));
  return access && { access, target: row.target };
}

export async function touchSignIn(db: Db, accessId: string, now: Date) {
  await db.update(portalAccess).set({ lastSignInAt: now }).where(eq(portalAccess.id, accessId));
}

export async function insertSession(
  db: Db,
  v: { id: string; accessId: string; csrfToken: string; ip: string | null; now: Date; expiresAt: Date },
) {
  await db.insert(portalSessions).values({
    id: v.id,
    accessId: v.accessId,
    csrfToken: v.csrfToken,
    ip: v.ip,
    createdAt: v.now,
    expiresAt: v.expiresAt,
  });
}

/** A live session of a live access: the creator and workspace it carries. */
export async function findSession(db: Db, id: string, now: Date) {
  const [row] = await db
    .select({
      accessId: portalAccess.id,
      workspaceId: portalAccess.workspaceId,
      creatorId: portalAccess.creatorId,
      csrfToken: portalSessions.csrfToken,
    })
    .from(portalSessions)
    .innerJoin(portalAccess, eq(portalAccess.id, portalSessions.accessId))
    .where(and(eq(portalSessions.id, id), gt(portalSessions.expiresAt, now), isNull(portalAccess.revokedAt)));
  return row;
}

export async function deleteSession(db: Db, id: string) {
  await db.delete(portalSessions).where(eq(portalSessions.id, id));
}

/** Live accesses whose address is this email, with what their link email needs. */
export async function liveAccessesByEmail(db: Db, email: string) {
  return db
    .select({
      access: portalAccess,
      creatorName: creators.displayName,
      creatorLanguages: creators.languages,
      workspaceName: workspaces.name,
      workspaceLanguage: workspaces.defaultLanguage,
    })
    .from(portalAccess)
    .innerJoin(creators, eq(creators.id, portalAccess.creatorId))
    .innerJoin(workspaces, eq(workspaces.id, portalAccess.workspaceId))
    .where(and(sql`lower(${portalAccess.email}) = ${email}`, isNull(portalAccess.revokedAt)));
}

/** The creator and workspace a portal actor is, with what the portal header and mails need. */
export async function portalIdentity(db: Db, workspaceId: string, creatorId: string) {
  return creatorWithWorkspace(db, workspaceId, creatorId, {
    creatorName: creators.displayName,
    creatorEmail: creators.email,
    creatorLanguages: creators.languages,
    workspaceName: workspaces.name,
    workspaceLanguage: workspaces.defaultLanguage,
  });
}

/** `columns` of the workspace's creator joined with its workspace; undefined when there is no such creator. */
export async function creatorWithWorkspace<C extends SelectedFields>(
  db: Db,
  workspaceId: string,
  creatorId: string,
  columns: C,
) {
  const [row] = await db
    .select(columns as SelectedFields)
    .from(creators)
    .innerJoin(workspaces, eq(workspaces.id, creators.workspaceId))
    .where(matching(creators, { workspaceId, id: creatorId }));
  return row as SelectResultFields<C> | undefined;
}

export async function userName(db: Db, userId: string | null) {
  if (!userId) return null;
  const [u] = await db.select({ name: users.name }).from(users).where(eq(users.id, userId));
  return u?.name ?? null;
}
