import type {
  CreateDeliverableRequest,
  Deliverable,
  DeliverableListQuery,
  RetainerLedger,
  UpdateDeliverableRequest,
} from '@evergreen/contracts';
import { createDeliverableRequest, deliverableListQuery } from '@evergreen/contracts';
import type { Db, deliverables } from '@evergreen/db';
import { toDay } from '@evergreen/rules';
import { diff, recordAudit } from '../audit/index.ts';
import {
  getDeliverableRow,
  refreshPostDerivedFacts,
  refreshPostFacts,
  toDeliverable,
} from '../performance/index.ts';
import { getCreatorRow } from '../roster/index.ts';
import { requireRole } from '../shared/access.ts';
import { type Actor, type ActorCtx, iso, isoRequired } from '../shared/context.ts';
import { pgErrorCode } from '../shared/db-errors.ts';
import { AppError, invalid, notFound } from '../shared/errors.ts';
import { agreementDocument, type DocLanguage, renderDocumentHtml } from './document.ts';
import { renderDocumentPdf } from './document-pdf.ts';
import { retainerLedger } from './ledger.ts';
import {
  briefLinks,
  campaignExists,
  deliverablePage,
  deliverablesOfAgreement,
  externalIdUsed,
  getAgreementRow,
  insertDeliverable,
  lockDeliverableRow,
  ratesOfOne,
  updateDeliverableRow,
  workspaceName,
} from './queries.ts';

type Row = typeof deliverables.$inferSelect;

const externalIdTaken = () =>
  new AppError('conflict', 'Another post of this workspace has this external id', [
    { field: 'externalId', message: 'is already used by another post', code: 'taken' },
  ]);

/**
 * The agreement must be this creator's (in this workspace); the campaign in this workspace; the
 * brief this creator's under that campaign (a brief without a campaign gives its campaign); the
 * cost needs its currency; the external id is free. Answers the campaign to store.
 */
async function checkLinks(
  db: Db,
  workspaceId: string,
  d: {
    id?: string;
    creatorId: string;
    agreementId: string | null;
    campaignId: string | null;
    briefId: string | null;
    externalId: string | null;
    costMinor: number | null;
    costCurrency: string | null;
  },
): Promise<{ campaignId: string | null }> {
  let campaignId = d.campaignId;
  if (d.campaignId) {
    if (!(await campaignExists(db, workspaceId, d.campaignId))) throw notFound('Campaign');
  }
  if (d.briefId) {
    const b = await briefLinks(db, workspaceId, d.briefId);
    if (!b) throw notFound('Brief');
    if (b.creatorId !== d.creatorId) throw invalid('briefId', "is another creator's brief", 'other_creator');
    if (campaignId && b.campaignId !== campaignId)
      throw invalid('briefId', 'belongs to another campaign', 'invalid_value');
    campaignId = b.campaignId;
  }
  if (d.externalId) {
    if (await externalIdUsed(db, workspaceId, d.externalId, d.id)) throw externalIdTaken();
  }
  if (d.agreementId) {
    const a = await getAgreementRow(db, workspaceId, d.agreementId);
    if (a.creatorId !== d.creatorId)
      throw invalid('agreementId', "is another creator's agreement", 'other_creator');
  }
  if (d.costMinor != null && !d.costCurrency)
    throw invalid('costCurrency', 'is required with a cost', 'required');
  return { campaignId };
}

/** A unique violation on the external id (two writes at once) is the same 409 as the check's. */
const rethrowExternalId = (e: unknown): never => {
  if (pgErrorCode(e) === '23505') throw externalIdTaken();
  throw e;
};

export async function createDeliverable(
  ctx: ActorCtx,
  input: CreateDeliverableRequest,
): Promise<Deliverable> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  const d = createDeliverableRequest.parse(input);
  await getCreatorRow(db, actor.workspaceId, d.creatorId);
  const values = {
    workspaceId: actor.workspaceId,
    creatorId: d.creatorId,
    agreementId: d.agreementId ?? null,
    campaignId: d.campaignId ?? null,
    briefId: d.briefId ?? null,
    externalId: d.externalId ?? null,
    type: d.type,
    platform: d.platform ?? null,
    sponsored: d.sponsored,
    title: d.title ?? null,
    plannedOn: d.plannedOn ?? null,
    dueOn: d.dueOn ?? null,
    postedAt: d.postedAt ? new Date(d.postedAt) : null,
    url: d.url ?? null,
    status: d.status,
    costMinor: d.costMinor ?? null,
    costCurrency: d.costCurrency ?? null,
  };
  values.campaignId = (await checkLinks(db, actor.workspaceId, values)).campaignId;
  const now = clock.now();
  const row = await db.transaction(async (tx) => {
    const r = await insertDeliverable(tx, { ...values, createdAt: now, updatedAt: now }).catch(
      rethrowExternalId,
    );
    await refreshPostDerivedFacts(tx, actor.workspaceId, {
      creatorIds: [r.creatorId],
      deliverableIds: [r.id],
    });
    await recordAudit(
      tx,
      actor,
      {
        action: 'deliverable.created',
        entityType: 'deliverable',
        entityId: r.id,
        changes: { type: r.type, status: r.status },
      },
      now,
    );
    return getDeliverableRow(tx, actor.workspaceId, r.id);
  });
  return toDeliverable(row);
}

/**
 * Audits an edit of a deliverable (by the team or by its creator in the portal): the fields that changed
 * from `before`, then `extra` (what else the entry should say).
 */
export async function auditDeliverableUpdate(
  tx: Db,
  actor: Actor,
  before: Row,
  after: Record<string, unknown>,
  now: Date,
  extra: Record<string, unknown> = {},
) {
  const changed = diff(toDeliverable(before) as unknown as Record<string, unknown>, after);
  await recordAudit(
    tx,
    actor,
    {
      action: 'deliverable.updated',
      entityType: 'deliverable',
      entityId: before.id,
      changes: { ...changed, ...extra },
    },
    now,
  );
}

export async function updateDeliverable(
  ctx: ActorCtx,
  id: string,
  patch: UpdateDeliverableRequest,
): Promise<Deliverable> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  const { postedAt, ...rest } = patch;
  const now = clock.now();
  const row = await db.transaction(async (tx) => {
    // The links and the cost are checked against the row as it is now, locked until the write:
    // two edits at once (one sets a cost, the other clears its currency; one picks a brief, the
    // other another campaign) each pass against the old row but together would break the rules.
    const before = await lockDeliverableRow(tx, actor.workspaceId, id);
    const set = {
      ...rest,
      ...(postedAt !== undefined ? { postedAt: postedAt ? new Date(postedAt) : null } : {}),
    };
    const pick = <K extends keyof typeof set & keyof Row>(k: K) =>
      set[k] !== undefined ? set[k] : before[k];
    const linked = await checkLinks(tx, actor.workspaceId, {
      id,
      creatorId: before.creatorId,
      agreementId: pick('agreementId') ?? null,
      campaignId: pick('campaignId') ?? null,
      briefId: pick('briefId') ?? null,
      externalId: pick('externalId') ?? null,
      costMinor: pick('costMinor') ?? null,
      costCurrency: pick('costCurrency') ?? null,
    });
    if (linked.campaignId !== before.campaignId) set.campaignId = linked.campaignId;
    await updateDeliverableRow(tx, actor.workspaceId, id, { ...set, updatedAt: now }).catch(
      rethrowExternalId,
    );
    await refreshPostDerivedFacts(tx, actor.workspaceId, {
      creatorIds: [before.creatorId],
      deliverableIds: [id],
    });
    // A new posted time moves the snapshots' ages: day-1 and day-7 readings may change.
    if (postedAt !== undefined) await refreshPostFacts(tx, actor.workspaceId, { deliverableIds: [id] });
    await auditDeliverableUpdate(
      tx,
      actor,
      before,
      { ...rest, ...(postedAt !== undefined ? { postedAt } : {}) },
      now,
    );
    return getDeliverableRow(tx, actor.workspaceId, id);
  });
  return toDeliverable(row);
}

export async function getDeliverable({ db, actor }: ActorCtx, id: string): Promise<Deliverable> {
  requireRole(actor, 'analyst');
  return toDeliverable(await getDeliverableRow(db, actor.workspaceId, id));
}

export async function listDeliverables(
  { db, actor }: ActorCtx,
  raw: DeliverableListQuery,
): Promise<{ deliverables: Deliverable[]; total: number }> {
  requireRole(actor, 'analyst');
  const q = deliverableListQuery.parse(raw);
  const { rows, total } = await deliverablePage(db, actor.workspaceId, q);
  return { deliverables: rows.map(toDeliverable), total };
}

/** The delivered-vs-included ledger of a retainer, month by month up to this month. */
export async function getRetainerLedger(
  { db, clock, actor }: ActorCtx,
  agreementId: string,
): Promise<RetainerLedger> {
  requireRole(actor, 'analyst');
  const a = await getAgreementRow(db, actor.workspaceId, agreementId);
  if (a.type !== 'retainer') throw new AppError('conflict', 'Only retainers have a ledger');
  const today = toDay(clock.now());
  const rows = await deliverablesOfAgreement(db, actor.workspaceId, agreementId);
  const ledger = retainerLedger({
    startsOn: a.startsOn,
    termMonths: a.termMonths,
    inclusions: a.inclusions,
    deliverables: rows.map((d) => ({
      type: d.type,
      status: d.status,
      on: d.postedAt ? toDay(d.postedAt) : (d.dueOn ?? null),
    })),
    today,
  });
  return { agreementId, date: today, ...ledger };
}

/** The agreement as a document in its language: the model, to render as HTML, PDF or text. */
export async function documentOf({ db, actor }: ActorCtx, agreementId: string) {
  requireRole(actor, 'analyst');
  return documentIn(db, actor.workspaceId, agreementId);
}

/** The document of an agreement of this workspace (callers check who may read it). */
export async function documentIn(db: Db, workspaceId: string, agreementId: string) {
  const actor = { workspaceId };
  const a = await getAgreementRow(db, actor.workspaceId, agreementId);
  const c = await getCreatorRow(db, actor.workspaceId, a.creatorId);
  const brandName = await workspaceName(db, actor.workspaceId);
  const rates = await ratesOfOne(db, actor.workspaceId, a.id);
  // A renewal that never went out for signature (it started active under the renewal clause) is
  // covered by the nearest earlier term that was accepted.
  let coveredBy: { termNumber: number; acceptedName: string; acceptedAt: string } | null = null;
  if (!a.acceptedAt && a.status !== 'draft' && a.status !== 'sent') {
    let prevId = a.previousAgreementId;
    while (prevId && !coveredBy) {
      const p = await getAgreementRow(db, actor.workspaceId, prevId);
      if (p.acceptedAt && p.acceptedName)
        coveredBy = {
          termNumber: p.termNumber,
          acceptedName: p.acceptedName,
          acceptedAt: isoRequired(p.acceptedAt),
        };
      prevId = p.previousAgreementId;
    }
  }
  const doc = agreementDocument({
    ...a,
    language: (a.language === 'ru' ? 'ru' : 'en') as DocLanguage,
    brandName,
    creatorName: c.displayName,
    creatorLegalName: c.legalName,
    rates,
    acceptedAt: iso(a.acceptedAt),
    coveredBy,
  });
  return { doc, filename: `agreement-${a.id.slice(0, 8)}-term-${a.termNumber}` };
}

export async function agreementDocumentHtml(ctx: ActorCtx, agreementId: string) {
  const { doc, filename } = await documentOf(ctx, agreementId);
  return { html: renderDocumentHtml(doc), filename: `${filename}.html` };
}

export async function agreementDocumentPdf(ctx: ActorCtx, agreementId: string) {
  const { doc, filename } = await documentOf(ctx, agreementId);
  return { pdf: await renderDocumentPdf(doc), filename: `${filename}.pdf` };
}
