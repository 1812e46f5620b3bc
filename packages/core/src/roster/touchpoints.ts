import type { LogTouchpointRequest, TimelineEntry, Touchpoint } from '@evergreen/contracts';
import { logTouchpointRequest } from '@evergreen/contracts';
import { creatorEvents, creators, type Db, touchpoints, users } from '@evergreen/db';
import { toDay, validSnoozeUntil } from '@evergreen/rules';
import { and, desc, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/index.ts';
import { requireRole } from '../shared/access.ts';
import { type ActorCtx, isoRequired } from '../shared/context.ts';
import { AppError, notFound } from '../shared/errors.ts';
import { recordCreatorEvent } from './creators.ts';
import { getCreatorRow, touchpointsOf } from './queries.ts';

/** The latest touchpoint day, recomputed from the touchpoints themselves (after a delete too). */
async function refreshLastTouchpoint(db: Db, workspaceId: string, creatorId: string) {
  await db.execute(sql`
    update creators set last_touchpoint_on =
      (select max(occurred_on) from touchpoints where workspace_id = ${workspaceId} and creator_id = ${creatorId})
    where workspace_id = ${workspaceId} and id = ${creatorId}`);
}

export interface LogOptions {
  /** The outbox message this touchpoint records (an email Evergreen sent). */
  outboxMessageId?: string | null;
  /** Who acted, when not the actor (the sender of a queued email). */
  byUserId?: string | null;
}

export interface NewTouchpoint {
  workspaceId: string;
  creatorId: string;
  occurredOn: string;
  channel: Touchpoint['channel'];
  kind: Touchpoint['kind'];
  summary: string;
  byUserId: string | null;
  outboxMessageId?: string | null;
  minutes?: number | null;
}

/**
 * Writes a touchpoint and keeps the creator in step (next check-in moves, any snooze ends), in
 * the caller's transaction. Every way a touchpoint is made goes through here: logged by hand,
 * or an email to the creator that the SMTP server accepted. Returns null when that outbox
 * message already has its touchpoint (at most one per message).
 */
export async function insertTouchpoint(tx: Db, tp: NewTouchpoint, now: Date): Promise<string | null> {
  // The creator row locked first: two touchpoints at once queue here, so the second's
  // last-touchpoint day is worked out after the first committed and sees its row.
  await tx
    .select({ id: creators.id })
    .from(creators)
    .where(and(eq(creators.workspaceId, tp.workspaceId), eq(creators.id, tp.creatorId)))
    .for('update');
  const [row] = await tx
    .insert(touchpoints)
    .values({
      workspaceId: tp.workspaceId,
      creatorId: tp.creatorId,
      occurredOn: tp.occurredOn,
      channel: tp.channel,
      kind: tp.kind,
      summary: tp.summary,
      byUserId: tp.byUserId,
      outboxMessageId: tp.outboxMessageId ?? null,
      minutes: tp.minutes ?? null,
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: touchpoints.id });
  if (!row) return null;
  await refreshLastTouchpoint(tx, tp.workspaceId, tp.creatorId);
  await tx
    .update(creators)
    .set({ snoozedUntil: null, snoozeReason: null, updatedAt: now })
    .where(and(eq(creators.workspaceId, tp.workspaceId), eq(creators.id, tp.creatorId)));
  return row.id;
}

/**
 * Logs a touchpoint: moves the creator's next check-in, ends any snooze, keeps the timeline.
 * A future date is refused: a touchpoint records what happened.
 */
export async function logTouchpoint(
  ctx: ActorCtx,
  creatorId: string,
  input: LogTouchpointRequest,
  opts: LogOptions = {},
): Promise<Touchpoint> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  const data = logTouchpointRequest.parse(input);
  const now = clock.now();
  const today = toDay(now);
  const occurredOn = data.occurredOn ?? today;
  if (occurredOn > today) {
    throw new AppError('validation_failed', 'occurredOn: cannot be in the future', [
      { field: 'occurredOn', message: 'cannot be in the future', code: 'future_date' },
    ]);
  }
  await getCreatorRow(db, actor.workspaceId, creatorId);
  const id = await db.transaction((tx) =>
    insertTouchpoint(
      tx,
      {
        workspaceId: actor.workspaceId,
        creatorId,
        occurredOn,
        channel: data.channel,
        kind: data.kind,
        summary: data.summary,
        byUserId: opts.byUserId !== undefined ? opts.byUserId : actor.userId,
        outboxMessageId: opts.outboxMessageId ?? null,
        minutes: data.minutes ?? null,
      },
      now,
    ),
  );
  if (!id) throw new AppError('conflict', 'This email already has its touchpoint');
  return getTouchpoint(ctx, id);
}

async function getTouchpoint({ db, actor }: ActorCtx, id: string): Promise<Touchpoint> {
  const [r] = await db
    .select({ t: touchpoints, byName: users.name })
    .from(touchpoints)
    .leftJoin(users, eq(users.id, touchpoints.byUserId))
    .where(and(eq(touchpoints.workspaceId, actor.workspaceId), eq(touchpoints.id, id)));
  if (!r) throw notFound('Touchpoint');
  return toTouchpoint(r.t, r.byName);
}

const toTouchpoint = (t: typeof touchpoints.$inferSelect, byName: string | null): Touchpoint => ({
  id: t.id,
  creatorId: t.creatorId,
  occurredOn: t.occurredOn,
  channel: t.channel,
  kind: t.kind,
  summary: t.summary,
  byUserId: t.byUserId,
  byName,
  minutes: t.minutes,
  createdAt: isoRequired(t.createdAt),
});

export async function listTouchpoints({ db, actor }: ActorCtx, creatorId: string): Promise<Touchpoint[]> {
  requireRole(actor, 'analyst');
  await getCreatorRow(db, actor.workspaceId, creatorId);
  const rows = await touchpointsOf(db, actor.workspaceId, creatorId).orderBy(
    desc(touchpoints.occurredOn),
    desc(touchpoints.createdAt),
  );
  return rows.map((r) => toTouchpoint(r.t, r.byName));
}

/** Removes a touchpoint logged by mistake; the next check-in moves back accordingly. */
export async function deleteTouchpoint(ctx: ActorCtx, creatorId: string, id: string): Promise<void> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  const tp = await getTouchpoint(ctx, id);
  if (tp.creatorId !== creatorId) throw notFound('Touchpoint');
  await db.transaction(async (tx) => {
    await tx
      .delete(touchpoints)
      .where(and(eq(touchpoints.workspaceId, actor.workspaceId), eq(touchpoints.id, id)));
    await refreshLastTouchpoint(tx, actor.workspaceId, creatorId);
    await recordAudit(
      tx,
      actor,
      {
        action: 'touchpoint.deleted',
        entityType: 'creator',
        entityId: creatorId,
        changes: { occurredOn: tp.occurredOn, kind: tp.kind, summary: tp.summary },
      },
      clock.now(),
    );
  });
}

/** Hides a creator from Today until a later day, with a reason. Logging a touchpoint ends it. */
export async function snoozeCreator(
  ctx: ActorCtx,
  creatorId: string,
  until: string,
  reason: string,
): Promise<void> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  const now = clock.now();
  if (!validSnoozeUntil(until, toDay(now))) {
    throw new AppError('validation_failed', 'until: must be after today', [
      { field: 'until', message: 'must be after today', code: 'not_after_today' },
    ]);
  }
  await getCreatorRow(db, actor.workspaceId, creatorId);
  await db.transaction(async (tx) => {
    await tx
      .update(creators)
      .set({ snoozedUntil: until, snoozeReason: reason, updatedAt: now })
      .where(and(eq(creators.workspaceId, actor.workspaceId), eq(creators.id, creatorId)));
    await recordCreatorEvent(tx, actor, creatorId, 'snoozed', { until }, now, reason);
  });
}

/** One timeline of everything that happened with a creator, newest first. */
export async function creatorTimeline({ db, actor }: ActorCtx, creatorId: string): Promise<TimelineEntry[]> {
  requireRole(actor, 'analyst');
  await getCreatorRow(db, actor.workspaceId, creatorId);
  const tps = await touchpointsOf(db, actor.workspaceId, creatorId);
  const events = await db
    .select({ e: creatorEvents, byName: users.name })
    .from(creatorEvents)
    .leftJoin(users, eq(users.id, creatorEvents.byUserId))
    .where(and(eq(creatorEvents.workspaceId, actor.workspaceId), eq(creatorEvents.creatorId, creatorId)));
  // Newest first; at the same moment, the later-recorded entry first.
  const entries: (TimelineEntry & { sortKey: string })[] = [
    ...tps.map(({ t, byName }) => ({
      type: 'touchpoint',
      // A touchpoint happened on its day; it sorts by that day, then by when it was logged.
      at: isoRequired(t.createdAt),
      on: t.occurredOn,
      byName,
      reason: null,
      data: { id: t.id, kind: t.kind, channel: t.channel, summary: t.summary },
      sortKey: `${t.occurredOn}T${isoRequired(t.createdAt).slice(11)}`,
    })),
    ...events.map(({ e, byName }) => ({
      type: e.kind,
      at: isoRequired(e.at),
      on: null,
      byName,
      reason: e.reason,
      data: e.data ?? {},
      sortKey: `${isoRequired(e.at)}#${String(e.id).padStart(12, '0')}`,
    })),
  ];
  entries.sort((a, b) => (a.sortKey < b.sortKey ? 1 : a.sortKey > b.sortKey ? -1 : 0));
  return entries.map(({ sortKey: _s, ...e }) => e);
}
