import type { AuditEntry } from '@evergreen/contracts';
import { apiTokens, auditLog, users } from '@evergreen/db';
import { and, desc, eq, lt } from 'drizzle-orm';
import { requireRole } from '../shared/access.ts';
import { type ActorCtx, isoRequired } from '../shared/context.ts';

export async function listAudit({ db, actor }: ActorCtx, q: { before?: number | undefined; limit: number }) {
  requireRole(actor, 'owner');
  const rows = await db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      changes: auditLog.changes,
      at: auditLog.at,
      userName: users.name,
      userEmail: users.email,
      tokenName: apiTokens.name,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .leftJoin(apiTokens, eq(apiTokens.id, auditLog.actorTokenId))
    .where(and(eq(auditLog.workspaceId, actor.workspaceId), q.before ? lt(auditLog.id, q.before) : undefined))
    .orderBy(desc(auditLog.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const entries: AuditEntry[] = page.map((r) => ({
    id: r.id,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    actor: r.userName ? `${r.userName} <${r.userEmail}>` : r.tokenName ? `token: ${r.tokenName}` : null,
    changes: r.changes ?? null,
    at: isoRequired(r.at),
  }));
  return { entries, nextBefore: rows.length > q.limit ? (page[page.length - 1]?.id ?? null) : null };
}
