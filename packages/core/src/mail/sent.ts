import { type TouchpointKind, touchpointKinds } from '@evergreen/contracts';
import { creators, type Db, type OutboxMeta } from '@evergreen/db';
import { and, eq } from 'drizzle-orm';
import { insertTouchpoint } from '../roster/index.ts';
import { toDay } from '../shared/dates.ts';

export const CREATOR_MESSAGE = 'creator_message';

export interface SentMessageRow {
  id: string;
  /** Null for an account's own mail (no workspace). */
  workspaceId: string | null;
  kind: string;
  subject: string;
  createdBy: string | null;
  meta: OutboxMeta | null;
}

/**
 * A creator message left (the SMTP server accepted it, or a person says they sent it by hand):
 * its touchpoint is logged, in the same transaction that marks the message sent. Once per
 * message (touchpoints.outbox_message_id is unique); nothing when the creator is gone.
 */
export async function recordCreatorMessageSent(
  tx: Db,
  m: SentMessageRow,
  at: Date,
  byUserId: string | null = m.createdBy,
): Promise<string | null> {
  const creatorId = m.meta?.creatorId;
  if (m.kind !== CREATOR_MESSAGE || !creatorId || !m.workspaceId) return null;
  const [c] = await tx
    .select({ id: creators.id })
    .from(creators)
    .where(and(eq(creators.workspaceId, m.workspaceId), eq(creators.id, creatorId)));
  if (!c) return null;
  const kind = (touchpointKinds as readonly string[]).includes(m.meta?.touchpointKind ?? '')
    ? (m.meta!.touchpointKind as TouchpointKind)
    : 'other';
  return insertTouchpoint(
    tx,
    {
      workspaceId: m.workspaceId,
      creatorId,
      occurredOn: toDay(at),
      channel: 'email',
      kind,
      summary: m.subject,
      byUserId,
      outboxMessageId: m.id,
    },
    at,
  );
}
