import type { Member, TeamRole } from '@evergreen/contracts';
import { type Db, memberships, users } from '@evergreen/db';
import { and, asc, eq } from 'drizzle-orm';
import { recordAudit } from '../audit/index.ts';
import { requireRole } from '../shared/access.ts';
import { type ActorCtx, isoRequired } from '../shared/context.ts';
import { AppError, notFound } from '../shared/errors.ts';

const memberColumns = {
  userId: users.id,
  email: users.email,
  name: users.name,
  role: memberships.role,
  joinedAt: memberships.createdAt,
};

export async function listMembers({ db, actor }: ActorCtx): Promise<Member[]> {
  requireRole(actor, 'analyst');
  const rows = await db
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, actor.workspaceId))
    .orderBy(asc(users.name));
  return rows.map((r) => ({ ...r, joinedAt: isoRequired(r.joinedAt) }));
}

async function getMember(db: Db, workspaceId: string, userId: string) {
  const [m] = await db
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
    .for('update', { of: memberships });
  if (!m) throw notFound('Member');
  return m;
}

/**
 * A workspace always keeps at least one owner. The owners' rows are locked (in one order, before
 * any other membership row) so two owners demoting or removing each other at once queue up: the
 * second sees one owner left and is refused, instead of both counting two and leaving none.
 */
async function lockOwners(db: Db, workspaceId: string): Promise<number> {
  const rows = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, 'owner')))
    .orderBy(memberships.userId)
    .for('update');
  return rows.length;
}

function assertNotLastOwner(owners: number) {
  if (owners <= 1)
    throw new AppError('conflict', 'A workspace needs at least one owner', [
      { field: 'role', message: 'the last owner cannot be changed or removed', code: 'last_owner' },
    ]);
}

export async function changeMemberRole(
  { db, clock, actor }: ActorCtx,
  userId: string,
  role: TeamRole,
): Promise<Member> {
  requireRole(actor, 'owner');
  const now = clock.now();
  return db.transaction(async (tx) => {
    const owners = await lockOwners(tx, actor.workspaceId);
    const m = await getMember(tx, actor.workspaceId, userId);
    if (m.role === role) return { ...m, joinedAt: isoRequired(m.joinedAt) };
    if (m.role === 'owner') assertNotLastOwner(owners);
    await tx
      .update(memberships)
      .set({ role })
      .where(and(eq(memberships.workspaceId, actor.workspaceId), eq(memberships.userId, userId)));
    await recordAudit(
      tx,
      actor,
      {
        action: 'member.role_changed',
        entityType: 'member',
        entityId: userId,
        changes: { email: m.email, role: { from: m.role, to: role } },
      },
      now,
    );
    return { ...m, role, joinedAt: isoRequired(m.joinedAt) };
  });
}

export async function removeMember({ db, clock, actor }: ActorCtx, userId: string): Promise<void> {
  requireRole(actor, 'owner');
  const now = clock.now();
  await db.transaction(async (tx) => {
    const owners = await lockOwners(tx, actor.workspaceId);
    const m = await getMember(tx, actor.workspaceId, userId);
    if (m.role === 'owner') assertNotLastOwner(owners);
    await tx
      .delete(memberships)
      .where(and(eq(memberships.workspaceId, actor.workspaceId), eq(memberships.userId, userId)));
    await recordAudit(
      tx,
      actor,
      {
        action: 'member.removed',
        entityType: 'member',
        entityId: userId,
        changes: { email: m.email, role: m.role },
      },
      now,
    );
  });
}
