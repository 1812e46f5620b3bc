import type { Agreement, NoticeBy } from '@evergreen/contracts';
import type { Db } from '@evergreen/db';
import { agreementDates, toDay } from '@evergreen/rules';
import { recordAudit } from '../audit/index.ts';
import { getCreatorRow, recordCreatorEvent } from '../roster/index.ts';
import { requireRole } from '../shared/access.ts';
import type { Actor, ActorCtx } from '../shared/context.ts';
import { AppError, invalid } from '../shared/errors.ts';
import { loadAgreement, termFacts } from './agreements.ts';
import { type AgreementEvent, agreementTransition, nameMatches } from './lifecycle.ts';
import {
  type AgreementRow,
  getAgreementRow,
  lockAgreement,
  nextTermsOf,
  writeTransition,
} from './queries.ts';

/** An agreement's lifecycle steps: send, withdraw, accept, activate, notice, end, the month-6 decision. */

/** One lifecycle step in a transaction: the status change, its fields, audit and timeline. */
export async function applyTransition(
  tx: Db,
  actor: Actor,
  a: AgreementRow,
  event: AgreementEvent,
  set: Partial<AgreementRow>,
  now: Date,
  timeline: { kind: string; data?: Record<string, unknown>; reason?: string | null } | null,
): Promise<AgreementRow> {
  const to = agreementTransition(a.status, event);
  await lockAgreement(tx, a);
  const row = await writeTransition(tx, a, { ...set, status: to, updatedAt: now });
  await recordAudit(
    tx,
    actor,
    {
      action: `agreement.${event}`,
      entityType: 'agreement',
      entityId: a.id,
      changes: { status: { from: a.status, to }, ...(timeline?.data ?? {}) },
    },
    now,
  );
  if (timeline) {
    await recordCreatorEvent(
      tx,
      actor,
      a.creatorId,
      timeline.kind,
      { agreementId: a.id, title: a.title, ...(timeline.data ?? {}) },
      now,
      timeline.reason,
    );
  }
  return row;
}

/**
 * Draft → sent without emailing anyone: for setting up history (the demo). The app's "send"
 * is sendAgreement (send-agreement.ts), which emails the creator.
 */
export async function recordAgreementSent(ctx: ActorCtx, id: string): Promise<Agreement> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  const a = await getAgreementRow(db, actor.workspaceId, id);
  const now = clock.now();
  await db.transaction((tx) =>
    applyTransition(tx, actor, a, 'send', { sentAt: now }, now, { kind: 'agreement_sent' }),
  );
  return loadAgreement(db, actor.workspaceId, id, clock.now());
}

export async function withdrawAgreement(ctx: ActorCtx, id: string): Promise<Agreement> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  const a = await getAgreementRow(db, actor.workspaceId, id);
  const now = clock.now();
  await db.transaction((tx) => applyTransition(tx, actor, a, 'withdraw', { sentAt: null }, now, null));
  return loadAgreement(db, actor.workspaceId, id, clock.now());
}

/**
 * Acceptance by typed name, recorded with time, IP and who typed it (a manager on the
 * creator's behalf until the creator portal). An agreement whose start has come is active at once.
 */
export async function acceptAgreement(
  ctx: ActorCtx,
  id: string,
  acceptedName: string,
  ip: string | null,
): Promise<Agreement> {
  requireRole(ctx.actor, 'manager');
  const a = await getAgreementRow(ctx.db, ctx.actor.workspaceId, id);
  await recordAcceptance(ctx, a, acceptedName, ip);
  return loadAgreement(ctx.db, ctx.actor.workspaceId, id, ctx.clock.now());
}

/**
 * The acceptance itself: by a manager on the creator's behalf, or by the creator in the portal
 * (an actor of role `creator`, from creatorAsActor): then `acceptedOnBehalf` is false.
 */
export async function recordAcceptance(
  ctx: ActorCtx,
  a: AgreementRow,
  acceptedName: string,
  ip: string | null,
) {
  const { db, clock, actor } = ctx;
  const onBehalf = actor.role !== 'creator';
  agreementTransition(a.status, 'accept');
  const c = await getCreatorRow(db, actor.workspaceId, a.creatorId);
  if (!nameMatches(acceptedName, [c.displayName, c.legalName])) {
    throw new AppError('validation_failed', "acceptedName: must match the creator's name", [
      {
        field: 'acceptedName',
        message: "must match the creator's display or legal name",
        code: 'name_mismatch',
      },
    ]);
  }
  const now = clock.now();
  const today = toDay(now);
  await db.transaction(async (tx) => {
    const accepted = await applyTransition(
      tx,
      actor,
      a,
      'accept',
      {
        acceptedAt: now,
        acceptedName: acceptedName.trim(),
        acceptedIp: ip,
        acceptedByUserId: actor.userId,
        acceptedOnBehalf: onBehalf,
      },
      now,
      {
        kind: 'agreement_accepted',
        data: {
          acceptedName: acceptedName.trim(),
          onBehalf,
          ...(onBehalf ? {} : { byCreator: a.creatorId }),
        },
      },
    );
    if (accepted.startsOn <= today) {
      await applyTransition(tx, actor, accepted, 'activate', {}, now, { kind: 'agreement_activated' });
    }
  });
}

/** Puts an accepted agreement in force now (the daily job does it on the start date). */
export async function activateAgreement(ctx: ActorCtx, id: string): Promise<Agreement> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  const a = await getAgreementRow(db, actor.workspaceId, id);
  const now = clock.now();
  await db.transaction((tx) =>
    applyTransition(tx, actor, a, 'activate', {}, now, { kind: 'agreement_activated' }),
  );
  return loadAgreement(db, actor.workspaceId, id, clock.now());
}

/** Either side ends the partnership: in force through notice day + notice days. */
export async function giveNotice(
  ctx: ActorCtx,
  id: string,
  input: { by: NoticeBy; givenOn?: string; reason?: string },
): Promise<Agreement> {
  requireRole(ctx.actor, 'manager');
  const a = await getAgreementRow(ctx.db, ctx.actor.workspaceId, id);
  await recordNotice(ctx, a, input);
  return loadAgreement(ctx.db, ctx.actor.workspaceId, id, ctx.clock.now());
}

/** The notice itself: from a manager (either side), or from the creator in the portal. */
export async function recordNotice(
  ctx: ActorCtx,
  a: AgreementRow,
  input: { by: NoticeBy; givenOn?: string; reason?: string },
) {
  const { db, clock, actor } = ctx;
  const id = a.id;
  const now = clock.now();
  const today = toDay(now);
  const givenOn = input.givenOn ?? today;
  if (givenOn > today) throw invalid('givenOn', 'cannot be in the future', 'future_date');
  await db.transaction(async (tx) => {
    // Locked first, so a renewal at the same time either comes before (and is seen here) or
    // after (and sees the notice).
    await lockAgreement(tx, a);
    if ((await nextTermsOf(tx, actor.workspaceId, [id])).has(id)) {
      throw new AppError('conflict', 'This term is already renewed: give notice on the next term instead');
    }
    await applyTransition(
      tx,
      actor,
      a,
      'give_notice',
      { noticeGivenOn: givenOn, noticeBy: input.by, noticeReason: input.reason ?? null },
      now,
      {
        kind: 'agreement_notice',
        data: {
          by: input.by,
          givenOn,
          effectiveEndOn: agreementDates({ ...termFacts(a), noticeGivenOn: givenOn }).effectiveEndOn,
          ...(actor.role === 'creator' ? { byCreator: a.creatorId } : {}),
        },
        reason: input.reason ?? null,
      },
    );
  });
}

export async function endAgreement(
  ctx: ActorCtx,
  id: string,
  input: { endedOn?: string; reason?: string },
): Promise<Agreement> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  const a = await getAgreementRow(db, actor.workspaceId, id);
  const endedOn = input.endedOn ?? toDay(clock.now());
  const now = clock.now();
  await db.transaction((tx) =>
    applyTransition(tx, actor, a, 'end', { endedOn }, now, {
      kind: 'agreement_ended',
      data: { endedOn },
      reason: input.reason ?? null,
    }),
  );
  return loadAgreement(db, actor.workspaceId, id, clock.now());
}

/** Month 6 of a new partnership: extend or move on, and what was learned (required). */
export async function decideExtend(
  ctx: ActorCtx,
  id: string,
  input: { decision: 'extend' | 'move_on'; learned: string },
): Promise<Agreement> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  const a = await getAgreementRow(db, actor.workspaceId, id);
  if (agreementDates(termFacts(a)).monthSixOn == null) {
    throw new AppError(
      'conflict',
      'Only the first term of an annual agreement or retainer has a month-6 decision',
    );
  }
  if (a.extendDecision) throw new AppError('conflict', 'The month-6 decision is already recorded');
  const learned = input.learned.trim();
  if (!learned) throw invalid('learned', 'is required', 'required');
  const now = clock.now();
  await db.transaction((tx) =>
    applyTransition(
      tx,
      actor,
      a,
      'decide_extend',
      { extendDecision: input.decision, extendDecisionNotes: learned, extendDecidedOn: toDay(now) },
      now,
      { kind: 'agreement_month_six', data: { decision: input.decision }, reason: learned },
    ),
  );
  return loadAgreement(db, actor.workspaceId, id, clock.now());
}
