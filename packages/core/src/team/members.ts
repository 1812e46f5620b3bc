import type { Member, TeamRole } from '@evergreen/contracts';
import { type Db, memberships, users } from '@evergreen/db';
import { and, asc, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/record-audit.ts';
import { type ActorCtx, isoRequired } from '../shared/context.ts';
import { AppError, notFound } from '../shared/errors.ts';
import { requireRole } from '../workspaces/access.ts';

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

/** A workspace always keeps at least one owner. */
async function assertNotLastOwner(db: Db, workspaceId: string) {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, 'owner')));
  if ((r?.n ?? 0) <= 1)
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
    const m = await getMember(tx, actor.workspaceId, userId);
    if (m.role === role) return { ...m, joinedAt: isoRequired(m.joinedAt) };
    if (m.role === 'owner') await assertNotLastOwner(tx, actor.workspaceId);
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
    const m = await getMember(tx, actor.workspaceId, userId);
    if (m.role === 'owner') await assertNotLastOwner(tx, actor.workspaceId);
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
