import type { AccountSession } from '@evergreen/contracts';
import { memberships, sessions } from '@evergreen/db';
import { and, desc, eq, gt, ne } from 'drizzle-orm';
import { recordAudit } from '../audit/index.ts';
import { requireRole } from '../shared/access.ts';
import { type ActorCtx, type Ctx, iso, isoRequired } from '../shared/context.ts';
import { notFound } from '../shared/errors.ts';

/** The signed-in user's sessions (browsers and devices), newest first, the current one marked. */
export async function listSessions({ db, clock }: Ctx, userId: string, currentSessionId: string) {
  const rows = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, clock.now())))
    .orderBy(desc(sessions.createdAt));
  return rows.map(
    (s): AccountSession => ({
      id: s.id,
      current: s.id === currentSessionId,
      createdAt: isoRequired(s.createdAt),
      lastSeenAt: iso(s.lastSeenAt),
      expiresAt: isoRequired(s.expiresAt),
      userAgent: s.userAgent,
      ip: s.ip,
    }),
  );
}

/** Ends one of the user's own sessions; another user's session id is not found. */
export async function endSession({ db }: Ctx, userId: string, sessionId: string): Promise<void> {
  const gone = await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), eq(sessions.id, sessionId)))
    .returning({ id: sessions.id });
  if (!gone.length) throw notFound('session');
}

/** Ends every session of the user, or every one but `keep`. Returns how many ended. */
export async function endAllSessions(
  { db }: Pick<Ctx, 'db'>,
  userId: string,
  keep?: string,
): Promise<number> {
  const gone = await db
    .delete(sessions)
    .where(keep ? and(eq(sessions.userId, userId), ne(sessions.id, keep)) : eq(sessions.userId, userId))
    .returning({ id: sessions.id });
  return gone.length;
}

/**
 * An owner signs a member of their workspace out of every browser (a lost laptop, someone
 * leaving). Someone who is not a member of this workspace is not found. Audited.
 */
export async function forceMemberSignOut({ db, clock, actor }: ActorCtx, userId: string) {
  requireRole(actor, 'owner');
  return db.transaction(async (tx) => {
    const [m] = await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, actor.workspaceId), eq(memberships.userId, userId)));
    if (!m) throw notFound('member');
    const ended = await endAllSessions({ db: tx }, userId);
    await recordAudit(
      tx,
      actor,
      { action: 'member.signed_out', entityType: 'member', entityId: userId, changes: { sessions: ended } },
      clock.now(),
    );
    return { sessionsEnded: ended };
  });
}
