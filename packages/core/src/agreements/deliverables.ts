import type {
  CreateDeliverableRequest,
  Deliverable,
  DeliverableListQuery,
  RetainerLedger,
  UpdateDeliverableRequest,
} from '@evergreen/contracts';
import { createDeliverableRequest, deliverableListQuery } from '@evergreen/contracts';
import { type Db, agreements, deliverables, workspaces } from '@evergreen/db';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { diff, recordAudit } from '../audit/record-audit.ts';
import { getCreatorRow } from '../roster/creators.ts';
import { type ActorCtx, iso, isoRequired } from '../shared/context.ts';
import { toDay } from '../shared/dates.ts';
import { AppError, invalid, notFound } from '../shared/errors.ts';
import { requireRole } from '../workspaces/access.ts';
import { getAgreementRow, ratesOf } from './agreements.ts';
import { renderDocumentPdf } from './document-pdf.ts';
import { type DocLanguage, agreementDocument, renderDocumentHtml } from './document.ts';
import { retainerLedger } from './ledger.ts';

type Row = typeof deliverables.$inferSelect;

const toDeliverable = (d: Row): Deliverable => ({
  id: d.id,
  creatorId: d.creatorId,
  agreementId: d.agreementId,
  campaignId: d.campaignId,
  briefId: d.briefId,
  type: d.type,
  platform: d.platform,
  sponsored: d.sponsored,
  title: d.title,
  plannedOn: d.plannedOn,
  dueOn: d.dueOn,
  postedAt: iso(d.postedAt),
  url: d.url,
  status: d.status,
  costMinor: d.costMinor,
  costCurrency: d.costCurrency,
  createdAt: isoRequired(d.createdAt),
  updatedAt: isoRequired(d.updatedAt),
});

async function getDeliverableRow(db: Db, workspaceId: string, id: string): Promise<Row> {
  const [d] = await db
    .select()
    .from(deliverables)
    .where(and(eq(deliverables.workspaceId, workspaceId), eq(deliverables.id, id)));
  if (!d) throw notFound('Deliverable');
  return d;
}

/** The agreement must be this creator's (in this workspace); the cost needs its currency. */
async function checkLinks(
  db: Db,
  workspaceId: string,
  d: { creatorId: string; agreementId: string | null; costMinor: number | null; costCurrency: string | null },
) {
  if (d.agreementId) {
    const [a] = await db
      .select({ creatorId: agreements.creatorId })
      .from(agreements)
      .where(and(eq(agreements.workspaceId, workspaceId), eq(agreements.id, d.agreementId)));
    if (!a) throw notFound('Agreement');
    if (a.creatorId !== d.creatorId)
      throw invalid('agreementId', "is another creator's agreement", 'other_creator');
  }
  if (d.costMinor != null && !d.costCurrency)
    throw invalid('costCurrency', 'is required with a cost', 'required');
}

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
  await checkLinks(db, actor.workspaceId, values);
  const now = clock.now();
  const row = await db.transaction(async (tx) => {
    const [r] = await tx
      .insert(deliverables)
      .values({ ...values, createdAt: now, updatedAt: now })
      .returning();
    await recordAudit(
      tx,
      actor,
      {
        action: 'deliverable.created',
        entityType: 'deliverable',
        entityId: r!.id,
        changes: { type: r!.type, status: r!.status },
      },
      now,
    );
    return r!;
  });
  return toDeliverable(row);
}

export async function updateDeliverable(
  ctx: ActorCtx,
  id: string,
  patch: UpdateDeliverableRequest,
): Promise<Deliverable> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  const before = await getDeliverableRow(db, actor.workspaceId, id);
  const { postedAt, ...rest } = patch;
  const set = {
    ...rest,
    ...(postedAt !== undefined ? { postedAt: postedAt ? new Date(postedAt) : null } : {}),
  };
  await checkLinks(db, actor.workspaceId, {
    creatorId: before.creatorId,
    agreementId: set.agreementId !== undefined ? set.agreementId : before.agreementId,
    costMinor: set.costMinor !== undefined ? set.costMinor : before.costMinor,
    costCurrency: set.costCurrency !== undefined ? set.costCurrency : before.costCurrency,
  });
  const now = clock.now();
  const row = await db.transaction(async (tx) => {
    const [r] = await tx
      .update(deliverables)
      .set({ ...set, updatedAt: now })
      .where(and(eq(deliverables.workspaceId, actor.workspaceId), eq(deliverables.id, id)))
      .returning();
    await recordAudit(
      tx,
      actor,
      {
        action: 'deliverable.updated',
        entityType: 'deliverable',
        entityId: id,
        changes: diff(toDeliverable(before) as unknown as Record<string, unknown>, {
          ...rest,
          ...(postedAt !== undefined ? { postedAt } : {}),
        }),
      },
      now,
    );
    return r!;
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
): Promise<Deliverable[]> {
  requireRole(actor, 'analyst');
  const q = deliverableListQuery.parse(raw);
  const conds = [eq(deliverables.workspaceId, actor.workspaceId)];
  if (q.creatorId) conds.push(eq(deliverables.creatorId, q.creatorId));
  if (q.agreementId) conds.push(eq(deliverables.agreementId, q.agreementId));
  if (q.status?.length) conds.push(inArray(deliverables.status, q.status));
  const rows = await db
    .select()
    .from(deliverables)
    .where(and(...conds))
    .orderBy(
      sql`coalesce(${deliverables.postedAt}::date, ${deliverables.dueOn}, ${deliverables.plannedOn}) desc nulls last`,
      asc(deliverables.createdAt),
    );
  return rows.map(toDeliverable);
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
  const rows = await db
    .select()
    .from(deliverables)
    .where(and(eq(deliverables.workspaceId, actor.workspaceId), eq(deliverables.agreementId, agreementId)));
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

/** The agreement as a document in its language: the model, to render as HTML or PDF. */
async function documentOf({ db, actor }: ActorCtx, agreementId: string) {
  requireRole(actor, 'analyst');
  const a = await getAgreementRow(db, actor.workspaceId, agreementId);
  const c = await getCreatorRow(db, actor.workspaceId, a.creatorId);
  const [ws] = await db
    .select({ name: workspaces.name })
    .from(workspaces)
    .where(eq(workspaces.id, actor.workspaceId));
  const rates = (await ratesOf(db, actor.workspaceId, [a.id])).get(a.id) ?? [];
  const doc = agreementDocument({
    ...a,
    language: (a.language === 'ru' ? 'ru' : 'en') as DocLanguage,
    brandName: ws!.name,
    creatorName: c.displayName,
    creatorLegalName: c.legalName,
    rates,
    acceptedAt: iso(a.acceptedAt),
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
