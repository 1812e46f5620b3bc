import type { Role } from '@evergreen/contracts';
import { type Db, memberships } from '@evergreen/db';
import { and, eq } from 'drizzle-orm';
import type { Actor } from './context.ts';
import { AppError, forbidden } from './errors.ts';
import { rowOr404 } from './rows.ts';

/** Team roles by what they may do; a creator is not part of the team's screens. */
const rank: Record<Role, number> = { owner: 3, manager: 2, analyst: 1, creator: 0 };

/** Throws 403 unless the actor's role is at least `min` (owner > manager > analyst). */
export function requireRole(actor: Actor, min: Exclude<Role, 'creator'>): void {
  if (rank[actor.role] < rank[min]) {
    throw min === 'analyst' || actor.role === 'analyst'
      ? forbidden(actor.role === 'analyst' ? 'Analysts have read-only access' : undefined)
      : forbidden(`Only ${min === 'owner' ? 'owners' : 'owners and managers'} can do this`);
  }
}

export const canWrite = (role: Role) => rank[role] >= rank.manager;

/**
 * The signed-in user's role in a workspace. A workspace the user is not a member of
 * answers 404, exactly like one that does not exist: its existence is not revealed.
 */
export async function memberRole(db: Db, userId: string, workspaceId: string): Promise<Role> {
  const row = await rowOr404(
    db
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId))),
    'Workspace',
  );
  return row.role;
}

export function assertUnreachable(x: never): never {
  throw new AppError('internal', `Unexpected value ${String(x)}`);
}
