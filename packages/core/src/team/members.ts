import type { Member, TeamRole } from '@evergreen/contracts';
import { recordAudit } from '../audit/index.ts';
import { requireRole } from '../shared/access.ts';
import { type ActorCtx, isoRequired } from '../shared/context.ts';
import { AppError } from '../shared/errors.ts';
import { deleteMembership, getMember, lockOwners, memberRows, setMemberRole } from './queries.ts';

export async function listMembers({ db, actor }: ActorCtx): Promise<Member[]> {
  requireRole(actor, 'analyst');
  const rows = await memberRows(db, actor.workspaceId);
  return rows.map((r) => ({ ...r, joinedAt: isoRequired(r.joinedAt) }));
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
    await setMemberRole(tx, actor.workspaceId, userId, role);
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
    await deleteMembership(tx, actor.workspaceId, userId);
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
