import type {
  Agreement,
  AgreementListQuery,
  AgreementRate,
  CreateAgreementRequest,
  NoticeBy,
  UpdateAgreementRequest,
} from '@evergreen/contracts';
import { agreementListQuery, createAgreementRequest } from '@evergreen/contracts';
import { agreementRates, agreements, creators, type Db } from '@evergreen/db';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { diff, recordAudit } from '../audit/index.ts';
import { getCreatorRow, recordCreatorEvent } from '../roster/index.ts';
import { requireRole } from '../shared/access.ts';
import { type Actor, type ActorCtx, iso, isoRequired } from '../shared/context.ts';
import { toDay } from '../shared/dates.ts';
import { AppError, invalid, notFound } from '../shared/errors.ts';
import { defaultAgreementTitle } from './document.ts';
import { type AgreementEvent, agreementTransition, nameMatches } from './lifecycle.ts';
import { agreementDates } from './renewal.ts';

export type AgreementRow = typeof agreements.$inferSelect;

export async function getAgreementRow(db: Db, workspaceId: string, id: string): Promise<AgreementRow> {
  const [a] = await db
    .select()
    .from(agreements)
    .where(and(eq(agreements.workspaceId, workspaceId), eq(agreements.id, id)));
  if (!a) throw notFound('Agreement');
  return a;
}

export async function ratesOf(
  db: Db,
  workspaceId: string,
  ids: string[],
): Promise<Map<string, AgreementRate[]>> {
  const out = new Map<string, AgreementRate[]>();
  if (!ids.length) return out;
  const rows = await db
    .select()
    .from(agreementRates)
    .where(and(eq(agreementRates.workspaceId, workspaceId), inArray(agreementRates.agreementId, ids)))
    .orderBy(agreementRates.deliverableType);
  for (const r of rows) {
    const list = out.get(r.agreementId) ?? [];
    list.push({ deliverableType: r.deliverableType, amountMinor: r.amountMinor });
    out.set(r.agreementId, list);
  }
  return out;
}

/** previous id → next term's id, for the given agreements. */
export async function nextTermsOf(db: Db, workspaceId: string, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: agreements.id, prev: agreements.previousAgreementId })
    .from(agreements)
    .where(and(eq(agreements.workspaceId, workspaceId), inArray(agreements.previousAgreementId, ids)));
  return new Map(rows.map((r) => [r.prev!, r.id]));
}

export const termFacts = (a: AgreementRow) => ({
  type: a.type,
  startsOn: a.startsOn,
  termMonths: a.termMonths,
  termNumber: a.termNumber,
  noticeDays: a.noticeDays,
  autoRenew: a.autoRenew,
  noticeGivenOn: a.noticeGivenOn,
});

/** Signed but not started: accepted, or active as a renewal, with its first day after today. */
export const isScheduled = (a: Pick<AgreementRow, 'status' | 'startsOn'>, today: string): boolean =>
  (a.status === 'accepted' || a.status === 'active') && a.startsOn > today;

function toAgreement(
  a: AgreementRow,
  creatorName: string,
  rates: AgreementRate[],
  next: string | null,
  today: string,
): Agreement {
  return {
    id: a.id,
    creatorId: a.creatorId,
    creatorName,
    type: a.type,
    status: a.status,
    title: a.title,
    startsOn: a.startsOn,
    termMonths: a.termMonths,
    collaborationsPerYear: a.collaborationsPerYear,
    deliverablesPerMonth: a.deliverablesPerMonth,
    monthlyFeeMinor: a.monthlyFeeMinor,
    feeMinor: a.feeMinor,
    currency: a.currency,
    rates,
    inclusions: a.inclusions,
    usagePeriodDays: a.usagePeriodDays,
    paidUsage: a.paidUsage,
    whitelisting: a.whitelisting,
    exclusivityCategory: a.exclusivityCategory,
    exclusivityDays: a.exclusivityDays,
    paymentTermsDays: a.paymentTermsDays,
    autoRenew: a.autoRenew,
    renewalTermMonths: a.renewalTermMonths,
    noticeDays: a.noticeDays,
    reviewMaxAdjustPct: a.reviewMaxAdjustPct,
    language: a.language,
    notes: a.notes,
    previousAgreementId: a.previousAgreementId,
    nextAgreementId: next,
    termNumber: a.termNumber,
    scheduled: isScheduled(a, today),
    sentAt: iso(a.sentAt),
    acceptedAt: iso(a.acceptedAt),
    acceptedName: a.acceptedName,
    acceptedIp: a.acceptedIp,
    acceptedOnBehalf: a.acceptedOnBehalf,
    noticeGivenOn: a.noticeGivenOn,
    noticeBy: a.noticeBy,
    noticeReason: a.noticeReason,
    endedOn: a.endedOn,
    extendDecision: a.extendDecision as Agreement['extendDecision'],
    extendDecisionNotes: a.extendDecisionNotes,
    extendDecidedOn: a.extendDecidedOn,
    dates: agreementDates(termFacts(a)),
    createdAt: isoRequired(a.createdAt),
    updatedAt: isoRequired(a.updatedAt),
  };
}

async function present(
  db: Db,
  workspaceId: string,
  rows: { a: AgreementRow; creatorName: string }[],
  today: string,
) {
  const ids = rows.map((r) => r.a.id);
  const rates = await ratesOf(db, workspaceId, ids);
  const next = await nextTermsOf(db, workspaceId, ids);
  return rows.map((r) =>
    toAgreement(r.a, r.creatorName, rates.get(r.a.id) ?? [], next.get(r.a.id) ?? null, today),
  );
}

export async function getAgreement({ db, clock, actor }: ActorCtx, id: string): Promise<Agreement> {
  requireRole(actor, 'analyst');
  return loadAgreement(db, actor.workspaceId, id, clock.now());
}

async function loadAgreement(db: Db, workspaceId: string, id: string, now: Date): Promise<Agreement> {
  const a = await getAgreementRow(db, workspaceId, id);
  const c = await getCreatorRow(db, workspaceId, a.creatorId);
  const [out] = await present(db, workspaceId, [{ a, creatorName: c.displayName }], toDay(now));
  return out!;
}

/** The workspace's agreements (newest start first), by creator, type and status. */
export async function listAgreements(
  { db, clock, actor }: ActorCtx,
  raw: AgreementListQuery,
): Promise<Agreement[]> {
  requireRole(actor, 'analyst');
  const q = agreementListQuery.parse(raw);
  const conds = [eq(agreements.workspaceId, actor.workspaceId)];
  if (q.creatorId) conds.push(eq(agreements.creatorId, q.creatorId));
  if (q.type?.length) conds.push(inArray(agreements.type, q.type));
  if (q.status?.length) conds.push(inArray(agreements.status, q.status));
  const rows = await db
    .select({ a: agreements, creatorName: creators.displayName })
    .from(agreements)
    .innerJoin(
      creators,
      and(eq(creators.workspaceId, agreements.workspaceId), eq(creators.id, agreements.creatorId)),
    )
    .where(and(...conds))
    .orderBy(desc(agreements.startsOn), asc(creators.displayName), desc(agreements.termNumber));
  return present(db, actor.workspaceId, rows, toDay(clock.now()));
}

function checkRates(rates: AgreementRate[]) {
  const seen = new Set<string>();
  rates.forEach((r, i) => {
    if (seen.has(r.deliverableType)) {
      throw invalid(`rates.${i}.deliverableType`, 'appears twice', 'duplicate');
    }
    seen.add(r.deliverableType);
  });
}

async function replaceRates(
  tx: Db,
  a: { workspaceId: string; id: string; currency: string },
  rates: AgreementRate[],
) {
  await tx
    .delete(agreementRates)
    .where(and(eq(agreementRates.workspaceId, a.workspaceId), eq(agreementRates.agreementId, a.id)));
  if (rates.length) {
    await tx.insert(agreementRates).values(
      rates.map((r) => ({
        workspaceId: a.workspaceId,
        agreementId: a.id,
        deliverableType: r.deliverableType,
        amountMinor: r.amountMinor,
        currency: a.currency,
      })),
    );
  }
}

export async function createAgreement(ctx: ActorCtx, input: CreateAgreementRequest): Promise<Agreement> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  const d = createAgreementRequest.parse(input);
  const creator = await getCreatorRow(db, actor.workspaceId, d.creatorId);
  checkRates(d.rates);
  const now = clock.now();
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(agreements)
      .values({
        workspaceId: actor.workspaceId,
        creatorId: d.creatorId,
        type: d.type,
        // Untitled: named in the agreement's language, as its document is written.
        title:
          d.title ?? defaultAgreementTitle(d.type, creator.displayName, d.language === 'ru' ? 'ru' : 'en'),
        startsOn: d.startsOn,
        termMonths: d.termMonths,
        collaborationsPerYear: d.collaborationsPerYear ?? null,
        deliverablesPerMonth: d.deliverablesPerMonth ?? null,
        monthlyFeeMinor: d.monthlyFeeMinor ?? null,
        feeMinor: d.feeMinor ?? null,
        currency: d.currency,
        inclusions: d.inclusions,
        usagePeriodDays: d.usagePeriodDays ?? null,
        paidUsage: d.paidUsage,
        whitelisting: d.whitelisting,
        exclusivityCategory: d.exclusivityCategory ?? null,
        exclusivityDays: d.exclusivityDays ?? null,
        paymentTermsDays: d.paymentTermsDays,
        autoRenew: d.autoRenew,
        renewalTermMonths: d.renewalTermMonths ?? null,
        noticeDays: d.noticeDays,
        reviewMaxAdjustPct: d.reviewMaxAdjustPct,
        language: d.language,
        notes: d.notes ?? null,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const a = row!;
    await replaceRates(tx, a, d.rates);
    await recordAudit(
      tx,
      actor,
      {
        action: 'agreement.created',
        entityType: 'agreement',
        entityId: a.id,
        changes: { type: a.type, title: a.title },
      },
      now,
    );
    await recordCreatorEvent(
      tx,
      actor,
      a.creatorId,
      'agreement_created',
      { agreementId: a.id, title: a.title, type: a.type },
      now,
    );
    return a.id;
  });
  return loadAgreement(db, actor.workspaceId, id, clock.now());
}

/** Changes a draft. Anything sent or later changes only through its lifecycle. */
export async function updateAgreement(
  ctx: ActorCtx,
  id: string,
  patch: UpdateAgreementRequest,
): Promise<Agreement> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  const before = await getAgreementRow(db, actor.workspaceId, id);
  agreementTransition(before.status, 'edit');
  const { rates, ...fields } = patch;
  if (rates) checkRates(rates);
  const now = clock.now();
  await db.transaction(async (tx) => {
    const [after] = await tx
      .update(agreements)
      .set({ ...fields, updatedAt: now })
      .where(and(eq(agreements.workspaceId, actor.workspaceId), eq(agreements.id, id)))
      .returning();
    if (rates || fields.currency) {
      const current = rates ?? (await ratesOf(tx, actor.workspaceId, [id])).get(id) ?? [];
      await replaceRates(tx, after!, current);
    }
    const changes = diff(before as unknown as Record<string, unknown>, fields);
    if (rates) changes.rates = rates;
    await recordAudit(
      tx,
      actor,
      { action: 'agreement.updated', entityType: 'agreement', entityId: id, changes },
      now,
    );
  });
  return loadAgreement(db, actor.workspaceId, id, clock.now());
}

export async function deleteAgreement(ctx: ActorCtx, id: string): Promise<void> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  const a = await getAgreementRow(db, actor.workspaceId, id);
  agreementTransition(a.status, 'delete');
  const now = clock.now();
  await db.transaction(async (tx) => {
    await tx
      .delete(agreements)
      .where(and(eq(agreements.workspaceId, actor.workspaceId), eq(agreements.id, id)));
    await recordAudit(
      tx,
      actor,
      { action: 'agreement.deleted', entityType: 'agreement', entityId: id, changes: { title: a.title } },
      now,
    );
  });
}

/**
 * Locks the agreement row in the caller's transaction (SELECT … FOR UPDATE) and checks it is still
 * as `a` was read: a 409 when anyone changed it meanwhile. Every lifecycle step and a renewal take
 * it, so two at once on one term queue up and the second sees what the first did (two month-6
 * decisions, notice while it is being renewed). Same driver, same columns: equal rows serialise alike.
 */
export async function lockAgreement(tx: Db, a: AgreementRow): Promise<AgreementRow> {
  const [row] = await tx
    .select()
    .from(agreements)
    .where(and(eq(agreements.workspaceId, a.workspaceId), eq(agreements.id, a.id)))
    .for('update');
  if (!row || JSON.stringify(row) !== JSON.stringify(a)) {
    throw new AppError('conflict', 'The agreement changed meanwhile; reload and try again');
  }
  return row;
}

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
  const [row] = await tx
    .update(agreements)
    .set({ ...set, status: to, updatedAt: now })
    .where(
      and(
        eq(agreements.workspaceId, a.workspaceId),
        eq(agreements.id, a.id),
        eq(agreements.status, a.status),
      ),
    )
    .returning();
  // Someone else moved it between our read and this write.
  if (!row) throw new AppError('conflict', 'The agreement changed meanwhile; reload and try again');
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
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  const a = await getAgreementRow(db, actor.workspaceId, id);
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
        acceptedOnBehalf: true,
      },
      now,
      { kind: 'agreement_accepted', data: { acceptedName: acceptedName.trim(), onBehalf: true } },
    );
    if (accepted.startsOn <= today) {
      await applyTransition(tx, actor, accepted, 'activate', {}, now, { kind: 'agreement_activated' });
    }
  });
  return loadAgreement(db, actor.workspaceId, id, clock.now());
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
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  const a = await getAgreementRow(db, actor.workspaceId, id);
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
        },
        reason: input.reason ?? null,
      },
    );
  });
  return loadAgreement(db, actor.workspaceId, id, clock.now());
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

export { loadAgreement };
