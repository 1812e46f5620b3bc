import type { MessagePreview, SendAgreementRequest, SendAgreementResult } from '@evergreen/contracts';
import { sendAgreementRequest } from '@evergreen/contracts';
import type { Mailer } from '../mail/index.ts';
import type { MergeFacts } from '../messaging/index.ts';
import { compose, deliverAndReport, queueCreatorMessage, toPreview } from '../messaging/index.ts';
import { requireRole } from '../shared/access.ts';
import type { ActorCtx } from '../shared/context.ts';
import type { DocumentLinks } from '../shared/document-links.ts';
import { loadAgreement } from './agreements.ts';
import { documentOf } from './deliverables.ts';
import { documentText } from './document.ts';
import { getAgreementRow } from './queries.ts';
import { applyTransition } from './transitions.ts';

/** The portal page that shows one agreement (opened by the link in its email). */
export const portalAgreementPath = (agreementId: string) => `/portal/agreements?open=${agreementId}`;

/** The built-in template an agreement is emailed with (a workspace may override it). */
export const AGREEMENT_TEMPLATE = 'agreement_sent';

async function agreementFacts(ctx: ActorCtx, id: string): Promise<NonNullable<MergeFacts['agreement']>> {
  const { doc } = await documentOf(ctx, id);
  return { title: doc.title, document: documentText(doc) };
}

/** The email "Send to the creator" would send: the agreement in full, in the agreement's language. */
export async function previewAgreementMessage(ctx: ActorCtx, id: string): Promise<MessagePreview> {
  requireRole(ctx.actor, 'manager');
  const a = await getAgreementRow(ctx.db, ctx.actor.workspaceId, id);
  const m = await compose(
    ctx,
    a.creatorId,
    { templateKey: AGREEMENT_TEMPLATE, language: a.language === 'ru' ? 'ru' : 'en' },
    { agreement: await agreementFacts(ctx, id) },
    'other',
  );
  return toPreview(m);
}

/**
 * Draft → sent, and the creator gets the agreement by email (the text the manager saw and perhaps
 * edited) through the outbox, in the same transaction; a touchpoint once it has left. Without an
 * email address the agreement is still sent and the answer gives the text to send by hand.
 */
export async function sendAgreement(
  ctx: ActorCtx,
  id: string,
  input: SendAgreementRequest | undefined,
  deps: { mailer: Mailer; links?: DocumentLinks },
): Promise<SendAgreementResult> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  const data = sendAgreementRequest.parse(input ?? {});
  const a = await getAgreementRow(db, actor.workspaceId, id);
  const facts = await agreementFacts(ctx, id);
  const now = clock.now();
  const queued = await db.transaction(async (tx) => {
    await applyTransition(tx, actor, a, 'send', { sentAt: now }, now, { kind: 'agreement_sent' });
    return queueCreatorMessage(
      { db: tx, clock, actor },
      a.creatorId,
      {
        templateKey: AGREEMENT_TEMPLATE,
        subject: data.subject,
        body: data.body,
        language: a.language === 'ru' ? 'ru' : 'en',
        // One email per time it is sent (a withdrawn agreement can be sent again).
        idempotencyKey: `agreement:${id}:${now.toISOString()}`,
      },
      { agreement: facts },
      'other',
      deps.links
        ? () =>
            deps.links!.issue(
              tx,
              { workspaceId: a.workspaceId, creatorId: a.creatorId, target: portalAgreementPath(id) },
              now,
            )
        : undefined,
    );
  });
  const [outcome] = await deliverAndReport(ctx, [queued], deps.mailer);
  return { agreement: await loadAgreement(db, actor.workspaceId, id, ctx.clock.now()), outcome: outcome! };
}
