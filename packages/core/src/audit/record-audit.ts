import type { AuditAction, AuditEntityType } from '@evergreen/contracts';
import type { Db } from '@evergreen/db';
import { auditLog } from '@evergreen/db';
import type { Actor } from '../shared/context.ts';

export interface AuditInput {
  action: AuditAction;
  entityType: AuditEntityType;
  entityId?: string | null;
  changes?: Record<string, unknown> | null;
}

/** Appends one entry to the workspace's audit log, inside the caller's transaction. */
export async function recordAudit(db: Db, actor: Actor, input: AuditInput, at: Date): Promise<void> {
  await db.insert(auditLog).values({
    workspaceId: actor.workspaceId,
    actorUserId: actor.userId,
    actorTokenId: actor.tokenId,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId ?? null,
    changes: input.changes ?? null,
    at,
  });
}

/** The fields whose value changed, as `{ field: { from, to } }`. */
export function diff<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, to] of Object.entries(after)) {
    if (to === undefined) continue;
    const from = before[k];
    if (JSON.stringify(from) !== JSON.stringify(to)) out[k] = { from, to };
  }
  return out;
}
