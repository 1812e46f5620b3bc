import type { OutboxList, OutboxMessage } from '@evergreen/contracts';
import { type Db, type OutboxMeta, outboxMessages, queryRows } from '@evergreen/db';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/index.ts';
import { requireRole } from '../shared/access.ts';
import { type ActorCtx, type Clock, iso, isoRequired } from '../shared/context.ts';
import { AppError, notFound } from '../shared/errors.ts';
import type { Mailer } from './mailer.ts';
import { recordCreatorMessageSent, type SentMessageRow } from './sent.ts';

export const MAX_ATTEMPTS = 5;
/** A message left in `sending` this long was interrupted mid-send (crash): we cannot know if it left. */
export const STUCK_AFTER_MS = 10 * 60 * 1000;

export interface NewEmail {
  /** Null for an account's own mail (a password reset link): no workspace's outbox lists it. */
  workspaceId: string | null;
  kind: string;
  /** Enqueuing twice with one key keeps one message: retries of a request never send twice. */
  dedupeKey: string;
  to: string;
  subject: string;
  text: string;
  html?: string | null;
  createdBy?: string | null;
  meta?: OutboxMeta | null;
}

export async function enqueueEmail(db: Db, email: NewEmail, now: Date): Promise<string | null> {
  const [row] = await db
    .insert(outboxMessages)
    .values({
      workspaceId: email.workspaceId,
      kind: email.kind,
      dedupeKey: email.dedupeKey,
      toAddress: email.to,
      subject: email.subject,
      bodyText: email.text,
      bodyHtml: email.html ?? null,
      createdBy: email.createdBy ?? null,
      meta: email.meta ?? null,
      createdAt: now,
      nextAttemptAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: outboxMessages.id });
  return row?.id ?? null;
}

/** Stops queued messages of one kind whose dedupe key starts with `prefix` from going out. */
export async function cancelQueuedEmails(db: Db, workspaceId: string, prefix: string): Promise<void> {
  await db
    .update(outboxMessages)
    .set({ status: 'cancelled' })
    .where(
      and(
        eq(outboxMessages.workspaceId, workspaceId),
        eq(outboxMessages.status, 'queued'),
        sql`${outboxMessages.dedupeKey} like ${`${prefix}%`}`,
      ),
    );
}

/** Backoff after the nth failed attempt: 1, 4, 16, 64 minutes. */
export const retryDelayMs = (attempts: number) => 60_000 * 4 ** Math.max(0, attempts - 1);

/**
 * What happens in the transaction that marks a message sent, by kind: a creator message becomes
 * a touchpoint there, so a touchpoint exists exactly when the message is marked sent.
 */
const onSent: Record<string, (tx: Db, m: SentMessageRow, at: Date) => Promise<unknown>> = {
  creator_message: recordCreatorMessageSent,
  monthly_summary: recordCreatorMessageSent,
};

/** Marks a message sent and runs its kind's follow-up, in one transaction. */
export async function markSent(db: Db, m: SentMessageRow, at: Date, providerMessageId: string | null) {
  const set = { status: 'sent' as const, sentAt: at, lastError: null, providerMessageId };
  try {
    await db.transaction(async (tx) => {
      await tx.update(outboxMessages).set(set).where(eq(outboxMessages.id, m.id));
      await onSent[m.kind]?.(tx, m, at);
    });
  } catch (err) {
    // The email has left: it must never go back to the queue, whatever failed after.
    await db
      .update(outboxMessages)
      .set({
        ...set,
        lastError:
          `Sent, but what follows a send failed: ${err instanceof Error ? err.message : String(err)}`.slice(
            0,
            500,
          ),
      })
      .where(eq(outboxMessages.id, m.id));
  }
}

interface Claimed {
  id: string;
  workspace_id: string | null;
  kind: string;
  created_by: string | null;
  meta: OutboxMeta | null;
  to_address: string;
  subject: string;
  body_text: string;
  body_html: string | null;
  attempts: number;
}

/**
 * Sends what is due. Each message is claimed (queued → sending) in one statement that
 * skips rows another process holds, so two schedulers never send the same message.
 * Returns how many were sent and how many failed this round.
 */
export async function deliverDueEmails(
  {
    db,
    clock,
    mailer,
    retryDelay = retryDelayMs,
  }: {
    db: Db;
    clock: Clock;
    mailer: Mailer;
    /** The wait before the next attempt after the nth failure (tests shorten it). */
    retryDelay?: (attempts: number) => number;
  },
  limit = 20,
  /** Only these messages (a request sending what it just queued); default: whatever is due. */
  only?: readonly string[],
): Promise<{ sent: number; failed: number }> {
  if (only && !only.length) return { sent: 0, failed: 0 };
  if (!mailer.configured) return { sent: 0, failed: 0 };
  const now = clock.now();
  await db
    .update(outboxMessages)
    .set({
      status: 'failed',
      lastError: 'Interrupted while sending; it may or may not have been delivered. Retry by hand if needed.',
    })
    .where(
      and(
        eq(outboxMessages.status, 'sending'),
        sql`${outboxMessages.nextAttemptAt} < ${new Date(now.getTime() - STUCK_AFTER_MS)}`,
      ),
    );
  const claimed = await queryRows<Claimed>(
    db,
    sql`update outbox_messages set status = 'sending', attempts = attempts + 1, next_attempt_at = ${now}
        where id in (
          select id from outbox_messages
          where status = 'queued' and next_attempt_at <= ${now}
          ${
            only
              ? sql`and id in (${sql.join(
                  only.map((id) => sql`${id}`),
                  sql`, `,
                )})`
              : sql``
          }
          order by next_attempt_at limit ${limit}
          for update skip locked)
        returning id, workspace_id, kind, created_by, meta, to_address, subject, body_text, body_html, attempts`,
  );
  let sent = 0;
  let failed = 0;
  for (const m of claimed) {
    try {
      const info = await mailer.send({
        to: m.to_address,
        subject: m.subject,
        text: m.body_text,
        html: m.body_html,
        replyTo: m.meta?.replyTo ?? null,
        messageId: `<${m.id}@evergreen>`,
      });
      await markSent(
        db,
        {
          id: m.id,
          workspaceId: m.workspace_id,
          kind: m.kind,
          subject: m.subject,
          createdBy: m.created_by,
          meta: m.meta,
        },
        clock.now(),
        info.messageId,
      );
      sent++;
    } catch (err) {
      failed++;
      const giveUp = m.attempts >= MAX_ATTEMPTS;
      await db
        .update(outboxMessages)
        .set({
          status: giveUp ? 'failed' : 'queued',
          lastError: err instanceof Error ? err.message.slice(0, 500) : String(err),
          nextAttemptAt: new Date(clock.now().getTime() + retryDelay(m.attempts)),
        })
        .where(eq(outboxMessages.id, m.id));
    }
  }
  return { sent, failed };
}

/** An outbox row as the API shows it (the outbox list, a creator's messages). */
export const toOutboxMessage = (m: typeof outboxMessages.$inferSelect): OutboxMessage => ({
  id: m.id,
  kind: m.kind,
  toAddress: m.toAddress,
  subject: m.subject,
  status: m.status,
  attempts: m.attempts,
  lastError: m.lastError,
  createdAt: isoRequired(m.createdAt),
  sentAt: iso(m.sentAt),
  nextAttemptAt: isoRequired(m.nextAttemptAt),
});

/**
 * Tries to send these messages now, waiting at most `waitMs` for the SMTP server. A send still
 * under way after that goes on in the background (its message stays `sending`: "pending").
 */
export async function deliverNow(
  deps: { db: Db; clock: Clock; mailer: Mailer },
  ids: readonly string[],
  waitMs = 10_000,
): Promise<void> {
  if (!deps.mailer.configured || !ids.length) return;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, waitMs);
    timer.unref();
  });
  const attempt = deliverDueEmails(deps, ids.length, ids).then(
    () => undefined,
    () => undefined,
  );
  await Promise.race([attempt, timeout]);
  clearTimeout(timer);
}

export async function listOutbox({ db, actor }: ActorCtx, smtpConfigured: boolean): Promise<OutboxList> {
  requireRole(actor, 'owner');
  const rows = await db
    .select()
    .from(outboxMessages)
    .where(eq(outboxMessages.workspaceId, actor.workspaceId))
    .orderBy(desc(outboxMessages.createdAt))
    .limit(200);
  return {
    smtpConfigured,
    messages: rows.map(toOutboxMessage),
  };
}

/** Puts a failed message back in the queue, now. Sent messages are never re-sent. */
export async function retryOutboxMessage({ db, clock, actor }: ActorCtx, id: string): Promise<void> {
  requireRole(actor, 'owner');
  const now = clock.now();
  const [m] = await db
    .select({ status: outboxMessages.status })
    .from(outboxMessages)
    .where(and(eq(outboxMessages.workspaceId, actor.workspaceId), eq(outboxMessages.id, id)));
  if (!m) throw notFound('Message');
  if (m.status !== 'failed' && m.status !== 'queued') {
    throw new AppError('conflict', `A ${m.status} message cannot be retried`);
  }
  // Only while it is still failed or queued: the sender may have claimed it since it was read.
  const [retried] = await db
    .update(outboxMessages)
    .set({ status: 'queued', nextAttemptAt: now, attempts: 0 })
    .where(
      and(
        eq(outboxMessages.workspaceId, actor.workspaceId),
        eq(outboxMessages.id, id),
        inArray(outboxMessages.status, ['failed', 'queued']),
      ),
    )
    .returning({ id: outboxMessages.id });
  if (!retried) throw new AppError('conflict', 'The message is being sent or was sent meanwhile');
  await recordAudit(db, actor, { action: 'outbox.retried', entityType: 'outbox_message', entityId: id }, now);
}
