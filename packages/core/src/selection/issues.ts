import {
  type createIssueRequest as CreateIssue,
  type CreatorIssue,
  createIssueRequest,
  type updateIssueRequest as UpdateIssue,
  updateIssueRequest,
} from '@evergreen/contracts';
import { creatorIssues, memberships, users } from '@evergreen/db';
import { and, desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../audit/index.ts';
import { getCreatorRow, recordCreatorEvent } from '../roster/index.ts';
import { requireRole } from '../shared/access.ts';
import type { ActorCtx } from '../shared/context.ts';
import { AppError, notFound } from '../shared/errors.ts';
import { loadSelectionSettings, workspaceToday } from './creator-score.ts';

type Row = typeof creatorIssues.$inferSelect;

function toIssue(r: Row, ownerName: string | null, path: string[]): CreatorIssue {
  return {
    id: r.id,
    creatorId: r.creatorId,
    title: r.title,
    severity: r.severity,
    status: r.status,
    ownerUserId: r.ownerUserId,
    ownerName,
    escalationLevel: r.escalationLevel,
    escalatedTo: path.length ? (path[Math.min(r.escalationLevel, path.length - 1)] ?? null) : null,
    resolution: r.resolution,
    openedOn: r.openedOn,
    resolvedOn: r.resolvedOn,
  };
}

async function assertMember(ctx: ActorCtx, userId: string | null | undefined) {
  if (!userId) return;
  const [m] = await ctx.db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, ctx.actor.workspaceId), eq(memberships.userId, userId)));
  if (!m || m.role === 'creator')
    throw new AppError('validation_failed', 'ownerUserId: is not a member of this workspace', [
      { field: 'ownerUserId', message: 'is not a member of this workspace', code: 'not_member' },
    ]);
}

/** A creator's issues and escalations, open first, newest first. */
export async function listIssues(ctx: ActorCtx, creatorId: string): Promise<CreatorIssue[]> {
  const { db, actor } = ctx;
  requireRole(actor, 'analyst');
  await getCreatorRow(db, actor.workspaceId, creatorId);
  const { escalationPath } = await loadSelectionSettings(db, actor.workspaceId);
  const rows = await db
    .select({ i: creatorIssues, ownerName: users.name })
    .from(creatorIssues)
    .leftJoin(users, eq(users.id, creatorIssues.ownerUserId))
    .where(and(eq(creatorIssues.workspaceId, actor.workspaceId), eq(creatorIssues.creatorId, creatorId)))
    .orderBy(creatorIssues.status, desc(creatorIssues.openedOn), desc(creatorIssues.createdAt));
  return rows.map(({ i, ownerName }) => toIssue(i, ownerName, escalationPath));
}

export async function openIssue(
  ctx: ActorCtx,
  creatorId: string,
  input: z.input<typeof CreateIssue>,
): Promise<CreatorIssue> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  const data = createIssueRequest.parse(input);
  await getCreatorRow(db, actor.workspaceId, creatorId);
  await assertMember(ctx, data.ownerUserId);
  const now = clock.now();
  const openedOn = data.openedOn ?? (await workspaceToday(db, actor.workspaceId, clock));
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(creatorIssues)
      .values({
        workspaceId: actor.workspaceId,
        creatorId,
        title: data.title,
        severity: data.severity,
        ownerUserId: data.ownerUserId ?? null,
        openedOn,
        byUserId: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: creatorIssues.id });
    await recordCreatorEvent(
      tx,
      actor,
      creatorId,
      'issue_opened',
      { issueId: row!.id, title: data.title, severity: data.severity },
      now,
    );
    await recordAudit(
      tx,
      actor,
      {
        action: 'creator_issue.opened',
        entityType: 'creator_issue',
        entityId: row!.id,
        changes: { creatorId, title: data.title, severity: data.severity },
      },
      now,
    );
    return row!.id;
  });
  return (await listIssues(ctx, creatorId)).find((i) => i.id === id)!;
}

/**
 * Edit, escalate one step, resolve (with the resolution) or reopen. The row is locked, so two
 * escalations at once move it two steps, and a resolution is recorded once.
 */
export async function updateIssue(
  ctx: ActorCtx,
  creatorId: string,
  issueId: string,
  input: z.input<typeof UpdateIssue>,
): Promise<CreatorIssue> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  const data = updateIssueRequest.parse(input);
  await assertMember(ctx, data.ownerUserId);
  const { escalationPath } = await loadSelectionSettings(db, actor.workspaceId);
  const today = await workspaceToday(db, actor.workspaceId, clock);
  const now = clock.now();
  await db.transaction(async (tx) => {
    const where = and(
      eq(creatorIssues.workspaceId, actor.workspaceId),
      eq(creatorIssues.creatorId, creatorId),
      eq(creatorIssues.id, issueId),
    );
    const [before] = await tx.select().from(creatorIssues).where(where).for('update');
    if (!before) throw notFound('Issue');
    const { escalate, ...fields } = data;
    const set: Partial<Row> = { ...fields, updatedAt: now };
    if (escalate) {
      if (before.escalationLevel + 1 >= Math.max(escalationPath.length, 1))
        throw new AppError('conflict', 'escalate: already at the last step of the escalation path', [
          {
            field: 'escalate',
            message: 'already at the last step of the escalation path',
            code: 'top_of_path',
          },
        ]);
      set.escalationLevel = before.escalationLevel + 1;
    }
    if (data.status === 'resolved' && before.status !== 'resolved') set.resolvedOn = today;
    if (data.status === 'open') {
      set.resolvedOn = null;
      set.resolution = null;
    }
    await tx.update(creatorIssues).set(set).where(where);
    const kind =
      data.status === 'resolved' && before.status !== 'resolved'
        ? 'issue_resolved'
        : data.status === 'open' && before.status !== 'open'
          ? 'issue_reopened'
          : escalate
            ? 'issue_escalated'
            : null;
    if (kind) {
      await recordCreatorEvent(
        tx,
        actor,
        creatorId,
        kind,
        {
          issueId,
          title: data.title ?? before.title,
          ...(escalate ? { to: escalationPath[set.escalationLevel!] ?? null } : {}),
          ...(kind === 'issue_resolved' ? { resolution: data.resolution } : {}),
        },
        now,
      );
    }
    await recordAudit(
      tx,
      actor,
      {
        action: 'creator_issue.updated',
        entityType: 'creator_issue',
        entityId: issueId,
        changes: { ...fields, ...(escalate ? { escalationLevel: set.escalationLevel } : {}) },
      },
      now,
    );
  });
  return (await listIssues(ctx, creatorId)).find((i) => i.id === issueId)!;
}
