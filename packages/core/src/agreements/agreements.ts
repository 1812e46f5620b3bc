import type {
  Agreement,
  AgreementListQuery,
  AgreementRate,
  CreateAgreementRequest,
  UpdateAgreementRequest,
} from '@evergreen/contracts';
import { agreementListQuery, createAgreementRequest } from '@evergreen/contracts';
import type { Db } from '@evergreen/db';
import { agreementDates, toDay } from '@evergreen/rules';
import { diff, recordAudit } from '../audit/index.ts';
import { getCreatorRow, recordCreatorEvent } from '../roster/index.ts';
import { requireRole } from '../shared/access.ts';
import { type ActorCtx, iso, isoRequired } from '../shared/context.ts';
import { invalid } from '../shared/errors.ts';
import { orNull } from '../shared/fields.ts';
import { defaultAgreementTitle } from './document.ts';
import { agreementTransition } from './lifecycle.ts';
import {
  type AgreementRow,
  agreementListRows,
  deleteAgreementRow,
  getAgreementRow,
  insertAgreement,
  insertRates,
  nextTermsOf,
  ratesOf,
  ratesOfOne,
  replaceRates,
  updateAgreementRow,
} from './queries.ts';

/** An agreement's use cases: read, list, create, edit a draft, delete a draft (lifecycle: transitions.ts). */

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

export async function loadAgreement(db: Db, workspaceId: string, id: string, now: Date): Promise<Agreement> {
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
  const rows = await agreementListRows(db, actor.workspaceId, agreementListQuery.parse(raw));
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

export async function createAgreement(ctx: ActorCtx, input: CreateAgreementRequest): Promise<Agreement> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  const d = createAgreementRequest.parse(input);
  const creator = await getCreatorRow(db, actor.workspaceId, d.creatorId);
  checkRates(d.rates);
  const now = clock.now();
  const id = await db.transaction(async (tx) => {
    const a = await insertAgreement(tx, {
      workspaceId: actor.workspaceId,
      creatorId: d.creatorId,
      type: d.type,
      // Untitled: named in the agreement's language, as its document is written.
      title: d.title ?? defaultAgreementTitle(d.type, creator.displayName, d.language === 'ru' ? 'ru' : 'en'),
      startsOn: d.startsOn,
      termMonths: d.termMonths,
      ...orNull(d, [
        'collaborationsPerYear',
        'deliverablesPerMonth',
        'monthlyFeeMinor',
        'feeMinor',
        'usagePeriodDays',
        'exclusivityCategory',
        'exclusivityDays',
        'renewalTermMonths',
        'notes',
      ]),
      currency: d.currency,
      inclusions: d.inclusions,
      paidUsage: d.paidUsage,
      whitelisting: d.whitelisting,
      paymentTermsDays: d.paymentTermsDays,
      autoRenew: d.autoRenew,
      noticeDays: d.noticeDays,
      reviewMaxAdjustPct: d.reviewMaxAdjustPct,
      language: d.language,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await insertRates(tx, a, d.rates);
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
    const after = await updateAgreementRow(tx, actor.workspaceId, id, { ...fields, updatedAt: now });
    if (rates || fields.currency) {
      await replaceRates(tx, after, rates ?? (await ratesOfOne(tx, actor.workspaceId, id)));
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
    await deleteAgreementRow(tx, actor.workspaceId, id);
    await recordAudit(
      tx,
      actor,
      { action: 'agreement.deleted', entityType: 'agreement', entityId: id, changes: { title: a.title } },
      now,
    );
  });
}
