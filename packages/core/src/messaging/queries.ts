import type { TemplateVariantInput } from '@evergreen/contracts';
import {
  calendarFeeds,
  creators,
  type Db,
  memberships,
  messageTemplates,
  messageTemplateVariants,
  outboxMessages,
  users,
  workspaces,
} from '@evergreen/db';
import { and, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { CREATOR_MESSAGE } from '../mail/index.ts';
import { notFound } from '../shared/errors.ts';

/**
 * The messaging module's reads and writes (decision 0011): the workspace's own templates with their
 * language variants (shared by resolving, listing, creating, editing and deleting), the creator
 * messages in the outbox (send.ts) and the calendar feeds (calendar-feed.ts).
 */

export type TemplateRow = typeof messageTemplates.$inferSelect;
export type VariantRow = typeof messageTemplateVariants.$inferSelect;

/** The workspace's own templates (all, or by key or id), each with its variants. */
export async function loadRows(db: Db, workspaceId: string, where?: { key?: string; id?: string }) {
  const conds = [eq(messageTemplates.workspaceId, workspaceId)];
  if (where?.key) conds.push(eq(messageTemplates.key, where.key));
  if (where?.id) conds.push(eq(messageTemplates.id, where.id));
  const rows = await db
    .select()
    .from(messageTemplates)
    .where(and(...conds));
  const variants = rows.length
    ? await db
        .select()
        .from(messageTemplateVariants)
        .where(
          and(
            eq(messageTemplateVariants.workspaceId, workspaceId),
            inArray(
              messageTemplateVariants.templateId,
              rows.map((r) => r.id),
            ),
          ),
        )
    : [];
  return rows.map((row) => ({ row, variants: variants.filter((v) => v.templateId === row.id) }));
}

/** Replaces a template's language variants. */
export async function replaceVariants(
  db: Db,
  workspaceId: string,
  templateId: string,
  variants: TemplateVariantInput[],
) {
  await db
    .delete(messageTemplateVariants)
    .where(
      and(
        eq(messageTemplateVariants.workspaceId, workspaceId),
        eq(messageTemplateVariants.templateId, templateId),
      ),
    );
  await db.insert(messageTemplateVariants).values(variants.map((v) => ({ workspaceId, templateId, ...v })));
}

/** One of the workspace's own templates, or 404. */
export async function getOwn(db: Db, workspaceId: string, id: string) {
  const [own] = await loadRows(db, workspaceId, { id });
  if (!own) throw notFound('Template');
  return own;
}

/** A user's name and email, or null (no user given, or gone). */
export const nameOf = async (db: Db, userId: string | null | undefined) => {
  if (!userId) return null;
  const [u] = await db
    .select({ name: users.name, email: users.email })
    .from(users)
    .where(eq(users.id, userId));
  return u ?? null;
};

/** The workspace row (its name, default language, portal settings). */
export async function workspaceRow(db: Db, workspaceId: string) {
  const [w] = await db.select().from(workspaces).where(eq(workspaces.id, workspaceId));
  return w;
}

/** One outbox message of the workspace with the name of who queued it. */
export async function messageWithSender(db: Db, workspaceId: string, id: string) {
  const [r] = await db
    .select({ m: outboxMessages, sentBy: users.name })
    .from(outboxMessages)
    .leftJoin(users, eq(users.id, outboxMessages.createdBy))
    .where(and(eq(outboxMessages.workspaceId, workspaceId), eq(outboxMessages.id, id)));
  return r;
}

/** A creator's messages in the outbox with who queued them, newest first (at most 200). */
export async function creatorMessagesWithSender(db: Db, workspaceId: string, creatorId: string) {
  return db
    .select({ m: outboxMessages, sentBy: users.name })
    .from(outboxMessages)
    .leftJoin(users, eq(users.id, outboxMessages.createdBy))
    .where(
      and(
        eq(outboxMessages.workspaceId, workspaceId),
        sql`${outboxMessages.meta} is not null`,
        sql`(${outboxMessages.meta}->>'creatorId') = ${creatorId}`,
        eq(outboxMessages.kind, CREATOR_MESSAGE),
      ),
    )
    .orderBy(desc(outboxMessages.createdAt))
    .limit(200);
}

/** One outbox message of the workspace. */
export async function outboxRow(db: Db, workspaceId: string, id: string) {
  const [m] = await db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.workspaceId, workspaceId), eq(outboxMessages.id, id)));
  return m;
}

/** The workspace's outbox message with this dedupe key (the one an idempotency key queued). */
export async function outboxByDedupeKey(db: Db, workspaceId: string, dedupeKey: string) {
  const [existing] = await db
    .select({ id: outboxMessages.id, kind: outboxMessages.kind, meta: outboxMessages.meta })
    .from(outboxMessages)
    .where(and(eq(outboxMessages.workspaceId, workspaceId), eq(outboxMessages.dedupeKey, dedupeKey)));
  return existing;
}

/** These outbox messages of the workspace. */
export async function outboxRows(db: Db, workspaceId: string, ids: string[]) {
  return db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.workspaceId, workspaceId), inArray(outboxMessages.id, ids)));
}

/** One outbox message by id, whatever its workspace (a re-read after a write). */
export async function outboxById(db: Db, id: string) {
  const [m] = await db.select().from(outboxMessages).where(eq(outboxMessages.id, id));
  return m;
}

/**
 * Marks a queued or failed message as sent; conditional, so a scheduler that claimed it a moment
 * ago (sending) or a second click loses: no row then.
 */
export async function markOutboxSent(db: Db, workspaceId: string, id: string, now: Date) {
  const [row] = await db
    .update(outboxMessages)
    .set({ status: 'sent', sentAt: now, lastError: null })
    .where(
      and(
        eq(outboxMessages.workspaceId, workspaceId),
        eq(outboxMessages.id, id),
        inArray(outboxMessages.status, ['queued', 'failed']),
      ),
    )
    .returning();
  return row;
}

/** The person's calendar feed in the workspace, if they have one. */
export async function calendarFeedOf(db: Db, workspaceId: string, userId: string) {
  const [f] = await db
    .select()
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.workspaceId, workspaceId), eq(calendarFeeds.userId, userId)));
  return f;
}

/** Creates the person's feed with this token hash, or gives the existing one the new hash. */
export async function upsertCalendarFeed(
  db: Db,
  workspaceId: string,
  userId: string,
  tokenHash: string,
  now: Date,
) {
  const [row] = await db
    .insert(calendarFeeds)
    .values({ workspaceId, userId, tokenHash, createdAt: now })
    .onConflictDoUpdate({
      target: [calendarFeeds.workspaceId, calendarFeeds.userId],
      set: { tokenHash, rotatedAt: now },
    })
    .returning();
  return row;
}

/** Deletes the person's feed; the deleted rows (none when there was no feed). */
export async function deleteCalendarFeedRow(db: Db, workspaceId: string, userId: string) {
  return db
    .delete(calendarFeeds)
    .where(and(eq(calendarFeeds.workspaceId, workspaceId), eq(calendarFeeds.userId, userId)))
    .returning({ userId: calendarFeeds.userId });
}

/** The feed with this token hash and its owner's role in the workspace (none once they left the team). */
export async function calendarFeedByHash(db: Db, tokenHash: string) {
  const [feed] = await db
    .select({ workspaceId: calendarFeeds.workspaceId, userId: calendarFeeds.userId, role: memberships.role })
    .from(calendarFeeds)
    .innerJoin(
      memberships,
      and(
        eq(memberships.workspaceId, calendarFeeds.workspaceId),
        eq(memberships.userId, calendarFeeds.userId),
      ),
    )
    .where(eq(calendarFeeds.tokenHash, tokenHash));
  return feed;
}

/** The user's locale. */
export async function userLocale(db: Db, userId: string) {
  const [u] = await db.select({ locale: users.locale }).from(users).where(eq(users.id, userId));
  return u;
}

/** The workspace's active creators this person owns, and the unowned ones. */
export async function activeCreatorsOwnedOrUnowned(db: Db, workspaceId: string, userId: string) {
  return db
    .select()
    .from(creators)
    .where(
      and(
        eq(creators.workspaceId, workspaceId),
        eq(creators.status, 'active'),
        or(eq(creators.ownerUserId, userId), isNull(creators.ownerUserId)),
      ),
    );
}
