import { type Db, invitations, memberships, outboxMessages, users, workspaces } from '@evergreen/db';
import { and, asc, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { rowOfWorkspace, rowOr404 } from '../shared/rows.ts';
import { sha256 } from '../shared/secrets.ts';

/**
 * The team module's reads and writes (decision 0011): the members with their roles and the owners'
 * lock (members.ts), the invitations and their emails (invitations.ts). Private to the module.
 */

export type InvitationRow = typeof invitations.$inferSelect;

// ---- members ----

const memberColumns = {
  userId: users.id,
  email: users.email,
  name: users.name,
  role: memberships.role,
  joinedAt: memberships.createdAt,
};

/** The workspace's members with their accounts, by name. */
export async function memberRows(db: Db, workspaceId: string) {
  return db
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, workspaceId))
    .orderBy(asc(users.name));
}

/** One member, its membership row locked for update; 404 when not a member. */
export async function getMember(db: Db, workspaceId: string, userId: string) {
  return rowOr404(
    db
      .select(memberColumns)
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
      .for('update', { of: memberships }),
    'Member',
  );
}

/**
 * A workspace always keeps at least one owner. The owners' rows are locked (in one order, before
 * any other membership row) so two owners demoting or removing each other at once queue up: the
 * second sees one owner left and is refused, instead of both counting two and leaving none.
 */
export async function lockOwners(db: Db, workspaceId: string): Promise<number> {
  const rows = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, 'owner')))
    .orderBy(memberships.userId)
    .for('update');
  return rows.length;
}

export async function setMemberRole(
  db: Db,
  workspaceId: string,
  userId: string,
  role: InvitationRow['role'],
) {
  await db
    .update(memberships)
    .set({ role })
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
}

export async function deleteMembership(db: Db, workspaceId: string, userId: string) {
  await db
    .delete(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
}

/** Who has an account with this email among the workspace's members (compared lower-cased). */
export async function membersWithEmail(db: Db, workspaceId: string, email: string) {
  return db
    .select({ id: users.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, workspaceId), sql`lower(${users.email}) = ${email}`));
}

/** Adds the user to the workspace (nothing when they already are a member). */
export async function insertMembership(
  db: Db,
  values: { workspaceId: string; userId: string; role: InvitationRow['role']; createdAt: Date },
) {
  await db.insert(memberships).values(values).onConflictDoNothing();
}

export async function membershipRoleOf(db: Db, workspaceId: string, userId: string) {
  const [m] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
  return m;
}

// ---- accounts and workspaces ----

export async function workspaceRow(db: Db, workspaceId: string) {
  const [w] = await db.select().from(workspaces).where(eq(workspaces.id, workspaceId));
  return w;
}

export async function workspaceName(db: Db, workspaceId: string) {
  const [w] = await db
    .select({ name: workspaces.name })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  return w;
}

export async function userRow(db: Db, userId: string) {
  const [u] = await db.select().from(users).where(eq(users.id, userId));
  return u;
}

export async function userName(db: Db, userId: string) {
  const [u] = await db.select({ name: users.name }).from(users).where(eq(users.id, userId));
  return u;
}

/** The account with this email (compared lower-cased), if any. */
export async function accountByEmail(db: Db, email: string) {
  const [account] = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = ${email}`);
  return account;
}

// ---- invitations ----

/** The invitation with this token that is neither accepted, revoked nor expired. */
export async function findOpenInvitation(
  db: Db,
  token: string,
  now: Date,
): Promise<InvitationRow | undefined> {
  const [row] = await db
    .select()
    .from(invitations)
    .where(
      and(
        eq(invitations.tokenHash, sha256(token)),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, now),
      ),
    );
  return row;
}

/** The workspace's invitations with the inviter's name, newest first (at most 200). */
export async function invitationRows(db: Db, workspaceId: string) {
  return db
    .select({ inv: invitations, inviter: users.name })
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(eq(invitations.workspaceId, workspaceId))
    .orderBy(desc(invitations.createdAt))
    .limit(200);
}

/** The invitation emails of the workspace (dedupe key and status), oldest first. */
export async function invitationEmails(db: Db, workspaceId: string) {
  return db
    .select({ key: outboxMessages.dedupeKey, status: outboxMessages.status })
    .from(outboxMessages)
    .where(and(eq(outboxMessages.workspaceId, workspaceId), eq(outboxMessages.kind, 'invitation')))
    .orderBy(outboxMessages.createdAt);
}

/** Revokes the pending invitations to this email (compared lower-cased); their ids. */
export async function revokePendingFor(db: Db, workspaceId: string, email: string, now: Date) {
  return db
    .update(invitations)
    .set({ revokedAt: now })
    .where(
      and(
        eq(invitations.workspaceId, workspaceId),
        sql`lower(${invitations.email}) = ${email}`,
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    )
    .returning({ id: invitations.id });
}

export async function insertInvitation(db: Db, values: typeof invitations.$inferInsert) {
  const [inv] = await db.insert(invitations).values(values).returning();
  return inv;
}

/** One of the workspace's invitations, or 404. */
export async function getOwnInvitation(db: Db, workspaceId: string, id: string): Promise<InvitationRow> {
  return rowOfWorkspace(db, invitations, workspaceId, id, 'Invitation');
}

export async function revokeInvitationRow(db: Db, workspaceId: string, id: string, now: Date) {
  await db
    .update(invitations)
    .set({ revokedAt: now })
    .where(and(eq(invitations.workspaceId, workspaceId), eq(invitations.id, id)));
}

/** Gives one of the workspace's invitations a new token and expiry; the row after. */
export async function renewInvitation(
  db: Db,
  workspaceId: string,
  id: string,
  tokenHash: string,
  expiresAt: Date,
) {
  const [updated] = await db
    .update(invitations)
    .set({ tokenHash, expiresAt })
    .where(and(eq(invitations.workspaceId, workspaceId), eq(invitations.id, id)))
    .returning();
  return updated;
}

/** Claims an invitation that is still neither accepted nor revoked; none when someone was first. */
export async function claimInvitation(db: Db, id: string, userId: string, now: Date) {
  const [claimed] = await db
    .update(invitations)
    .set({ acceptedAt: now, acceptedBy: userId })
    .where(and(eq(invitations.id, id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .returning({ id: invitations.id });
  return claimed;
}
