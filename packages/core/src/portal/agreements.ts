import type { Agreement, PortalSubmitPostRequest } from '@evergreen/contracts';
import {
  acceptAgreementAsCreator,
  agreementDocumentHtmlAsCreator,
  agreementDocumentPdfAsCreator,
  getAgreementAsCreator,
  giveNoticeAsCreator,
  listAgreementsAsCreator,
  listDeliverablesAsCreator,
  submitPostAsCreator,
} from '../agreements/index.ts';
import type { PortalCtx } from '../shared/context.ts';

/** The creator's agreements (never drafts), with their key dates (notice deadline, rate review). */
export const listPortalAgreements = (ctx: PortalCtx): Promise<Agreement[]> => listAgreementsAsCreator(ctx);
export const getPortalAgreement = (ctx: PortalCtx, id: string): Promise<Agreement> =>
  getAgreementAsCreator(ctx, id);
/** The agreement document (the same renderer as the team's), HTML or PDF. */
export const portalAgreementHtml = (ctx: PortalCtx, id: string) => agreementDocumentHtmlAsCreator(ctx, id);
export const portalAgreementPdf = (ctx: PortalCtx, id: string) => agreementDocumentPdfAsCreator(ctx, id);
/** Accept by typed name: time and IP recorded as the creator's own acceptance. */
export const acceptPortalAgreement = (ctx: PortalCtx, id: string, name: string, ip: string | null) =>
  acceptAgreementAsCreator(ctx, id, name, ip);
/** The creator gives notice. */
export const givePortalNotice = (ctx: PortalCtx, id: string, input: { reason?: string | undefined }) =>
  giveNoticeAsCreator(ctx, id, input);

/** The creator's posts: what is due and when, and whether the brand approved it. */
export const listPortalDeliverables = (ctx: PortalCtx) => listDeliverablesAsCreator(ctx);
/** The creator submits a post's link and numbers. */
export const submitPortalPost = (ctx: PortalCtx, id: string, input: PortalSubmitPostRequest) =>
  submitPostAsCreator(ctx, id, input);
