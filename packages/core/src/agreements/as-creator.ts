import type { Agreement } from '@evergreen/contracts';
import { agreements, type Db } from '@evergreen/db';
import { and, desc, eq, ne } from 'drizzle-orm';
import { creatorAsActor, type PortalActor, type PortalCtx } from '../shared/context.ts';
import { notFound } from '../shared/errors.ts';
import { type AgreementRow, loadAgreement, recordAcceptance, recordNotice } from './agreements.ts';
import { documentIn } from './deliverables.ts';
import { renderDocumentHtml } from './document.ts';
import { renderDocumentPdf } from './document-pdf.ts';

/**
 * The creator's own side of their agreements (the creator portal): only their agreements, never
 * drafts, and without what is the team's own (notes, the month-6 decision and what was learned).
 */

async function ownRow(db: Db, p: PortalActor, id: string): Promise<AgreementRow> {
  const [a] = await db
    .select()
    .from(agreements)
    .where(
      and(
        eq(agreements.workspaceId, p.workspaceId),
        eq(agreements.creatorId, p.creatorId),
        eq(agreements.id, id),
        ne(agreements.status, 'draft'),
      ),
    );
  if (!a) throw notFound('Agreement');
  return a;
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
