import type { Agreement, Deliverable, PortalSubmitPostRequest } from '@evergreen/contracts';
import { agreements, type Db, deliverables } from '@evergreen/db';
import { and, asc, desc, eq, ne, sql } from 'drizzle-orm';
import {
  getDeliverableRow,
  refreshPostDerivedFacts,
  refreshPostFacts,
  toDeliverable,
  upsertSnapshots,
} from '../performance/index.ts';
import { creatorAsActor, type PortalActor, type PortalCtx } from '../shared/context.ts';
import { AppError, invalid, notFound } from '../shared/errors.ts';
import { matching, rowOr404 } from '../shared/rows.ts';
import { loadAgreement } from './agreements.ts';
import { auditDeliverableUpdate, documentIn } from './deliverables.ts';
import { renderDocumentHtml } from './document.ts';
import { renderDocumentPdf } from './document-pdf.ts';
import type { AgreementRow } from './queries.ts';
import { recordAcceptance, recordNotice } from './transitions.ts';

/**
 * The creator's own side of their agreements (the creator portal): only their agreements, never
 * drafts, and without what is the team's own (notes, the month-6 decision and what was learned).
 */

async function ownRow(db: Db, p: PortalActor, id: string): Promise<AgreementRow> {
  return rowOr404(
    db
      .select()
      .from(agreements)
      .where(
        and(
          eq(agreements.workspaceId, p.workspaceId),
          eq(agreements.creatorId, p.creatorId),
          eq(agreements.id, id),
          ne(agreements.status, 'draft'),
        ),
      ),
    'Agreement',
  );
}

const forCreator = (a: Agreement): Agreement => ({
  ...a,
  notes: null,
  extendDecision: null,
  extendDecisionNotes: null,
  extendDecidedOn: null,
});

export async function listAgreementsAsCreator({ db, clock, portal }: PortalCtx): Promise<Agreement[]> {
  const rows = await db
    .select({ id: agreements.id })
    .from(agreements)
    .where(
      and(
        eq(agreements.workspaceId, portal.workspaceId),
        eq(agreements.creatorId, portal.creatorId),
        ne(agreements.status, 'draft'),
      ),
    )
    .orderBy(desc(agreements.startsOn), desc(agreements.termNumber));
  const now = clock.now();
  const out: Agreement[] = [];
  for (const r of rows) out.push(forCreator(await loadAgreement(db, portal.workspaceId, r.id, now)));
  return out;
}

export async function getAgreementAsCreator(
  { db, clock, portal }: PortalCtx,
  id: string,
): Promise<Agreement> {
  await ownRow(db, portal, id);
  return forCreator(await loadAgreement(db, portal.workspaceId, id, clock.now()));
}

export async function agreementDocumentHtmlAsCreator({ db, portal }: PortalCtx, id: string) {
  await ownRow(db, portal, id);
  const { doc, filename } = await documentIn(db, portal.workspaceId, id);
  return { html: renderDocumentHtml(doc), filename: `${filename}.html` };
}

export async function agreementDocumentPdfAsCreator({ db, portal }: PortalCtx, id: string) {
  await ownRow(db, portal, id);
  const { doc, filename } = await documentIn(db, portal.workspaceId, id);
  return { pdf: await renderDocumentPdf(doc), filename: `${filename}.pdf` };
}

/** The creator accepts by typing their name: recorded with time and IP as their own acceptance. */
export async function acceptAgreementAsCreator(
  ctx: PortalCtx,
  id: string,
  acceptedName: string,
  ip: string | null,
): Promise<Agreement> {
  const a = await ownRow(ctx.db, ctx.portal, id);
  await recordAcceptance({ ...ctx, actor: creatorAsActor(ctx.portal) }, a, acceptedName, ip);
  return getAgreementAsCreator(ctx, id);
}

/** The creator gives notice themselves. */
export async function giveNoticeAsCreator(
  ctx: PortalCtx,
  id: string,
  input: { reason?: string | undefined },
): Promise<Agreement> {
  const a = await ownRow(ctx.db, ctx.portal, id);
  await recordNotice({ ...ctx, actor: creatorAsActor(ctx.portal) }, a, {
    by: 'creator',
    ...(input.reason ? { reason: input.reason } : {}),
  });
  return getAgreementAsCreator(ctx, id);
}

// ---- Posts (deliverables) -----------------------------------------------------------------------

/** The creator's posts, soonest due first (what is due and when, and where each stands). */
export async function listDeliverablesAsCreator({ db, portal }: PortalCtx): Promise<Deliverable[]> {
  const rows = await db
    .select()
    .from(deliverables)
    .where(matching(deliverables, { workspaceId: portal.workspaceId, creatorId: portal.creatorId }))
    .orderBy(sql`${deliverables.dueOn} asc nulls last`, asc(deliverables.createdAt));
  return rows.map(toDeliverable);
}

/**
 * The creator submits a post: its link, when it went up, and optionally its numbers now (a
 * metric snapshot, as a manager would record it). A planned post becomes `submitted` for the
 * team to approve; an approved or live one keeps its status (only its numbers are new). The row
 * is locked, so two submissions at once apply one after the other.
 */
export async function submitPostAsCreator(
  ctx: PortalCtx,
  id: string,
  input: PortalSubmitPostRequest,
): Promise<Deliverable> {
  const { db, clock, portal } = ctx;
  const actor = creatorAsActor(portal);
  const now = clock.now();
  const row = await db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(deliverables)
      .where(matching(deliverables, { workspaceId: portal.workspaceId, creatorId: portal.creatorId, id }))
      .for('update');
    if (!before) throw notFound('Deliverable');
    if (before.status === 'missed')
      throw new AppError('conflict', 'This post was marked missed; ask the brand');
    const postedAt = input.postedAt ? new Date(input.postedAt) : (before.postedAt ?? now);
    if (postedAt > now) throw invalid('postedAt', 'cannot be in the future', 'future_date');
    const status = before.status === 'planned' ? 'submitted' : before.status;
    await tx
      .update(deliverables)
      .set({ url: input.url, postedAt, status, updatedAt: now })
      .where(matching(deliverables, { workspaceId: portal.workspaceId, id }));
    await refreshPostDerivedFacts(tx, portal.workspaceId, {
      creatorIds: [before.creatorId],
      deliverableIds: [id],
    });
    if (input.metrics) {
      const m = input.metrics;
      await upsertSnapshots(
        tx,
        portal.workspaceId,
        [
          {
            deliverableId: id,
            capturedAt: now,
            impressions: m.impressions ?? null,
            reach: m.reach ?? null,
            likes: m.likes ?? null,
            comments: m.comments ?? null,
            shares: m.shares ?? null,
            saves: m.saves ?? null,
            clicks: m.clicks ?? null,
            videoViews: m.videoViews ?? null,
          },
        ],
        'manual',
        now,
      );
    }
    await refreshPostFacts(tx, portal.workspaceId, { deliverableIds: [id] });
    await auditDeliverableUpdate(
      tx,
      actor,
      before,
      { url: input.url, postedAt: postedAt.toISOString(), status },
      now,
      { ...(input.metrics ? { metrics: input.metrics } : {}), byCreator: portal.creatorId },
    );
    return getDeliverableRow(tx, portal.workspaceId, id);
  });
  return toDeliverable(row);
}
