import { type TouchpointKind, touchpointKinds } from '@evergreen/contracts';
import { creators, type Db, type OutboxMeta } from '@evergreen/db';
import { toDay } from '@evergreen/rules';
import { and, eq } from 'drizzle-orm';
import { insertTouchpoint } from '../roster/index.ts';

export const CREATOR_MESSAGE = 'creator_message';
/** A creator's monthly results summary (portal/monthly.ts): a "shared results" touchpoint once sent. */
export const MONTHLY_SUMMARY = 'monthly_summary';
/** Kinds of mail to a creator that become a touchpoint when they leave. */
const TOUCHPOINT_KINDS: readonly string[] = [CREATOR_MESSAGE, MONTHLY_SUMMARY];

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
  if (!TOUCHPOINT_KINDS.includes(m.kind) || !creatorId || !m.workspaceId) return null;
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
