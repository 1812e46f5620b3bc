import {
  acceptAgreementRequest,
  acceptBriefRequest,
  agreement,
  brief,
  briefDetail,
  declineBriefRequest,
  deliverable,
  deliverableScreenshot,
  deliverableScreenshotList,
  INVOICE_MAX_BYTES,
  invoiceContentTypes,
  ok,
  payment,
  paymentDetails,
  paymentInvoice,
  paymentInvoiceList,
  portalLinkRequest,
  portalMe,
  portalMonthlySummary,
  portalMonthlySummaryUpdate,
  portalNoticeRequest,
  portalPaymentDetails,
  portalSignInRequest,
  portalSignInResult,
  portalSubmitPostRequest,
  respondChangeRequest,
  SCREENSHOT_MAX_BYTES,
  screenshotContentTypes,
  uploadInvoiceRequest,
  uploadScreenshotRequest,
  uuid,
} from '@evergreen/contracts';
import {
  acceptPortalAgreement,
  acceptPortalBrief,
  declinePortalBrief,
  getPortalAgreement,
  getPortalBrief,
  getPortalInvoiceFile,
  getPortalMe,
  getPortalMonthlySummary,
  getPortalPaymentDetails,
  getPortalScreenshotFile,
  givePortalNotice,
  listPortalAgreements,
  listPortalBriefs,
  listPortalDeliverables,
  listPortalInvoices,
  listPortalPayments,
  listPortalScreenshots,
  portalAgreementHtml,
  portalAgreementPdf,
  requestPortalLink,
  respondPortalChangeRequest,
  setPortalMonthlySummary,
  setPortalPaymentDetails,
  signInPortal,
  signOutPortal,
  submitPortalPost,
  uploadPortalInvoice,
  uploadPortalScreenshot,
} from '@evergreen/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../deps.ts';
import { PORTAL_COOKIE, requirePortal } from '../../plugins/auth.ts';
import { sendAgreementDocument } from '../agreements/document-reply.ts';
import { portalContext } from '../context.ts';
import { fileResponse, sendStoredFile } from '../file-reply.ts';

/**
 * The creator portal's API: `/api/v1/portal/...`. Every route but the two sign-in ones needs a
 * portal session (cookie `evg_portal`) and acts for exactly its creator of its workspace.
 */
export const portalRoutes: FastifyPluginAsyncZod<AppDeps> = async (r, deps) => {
  const { db, clock } = deps;
  const tags = ['portal'];
  const ctx = portalContext(deps);
  const briefParams = z.object({ briefId: uuid });

  r.post(
    '/portal/auth/request-link',
    {
      schema: {
        tags,
        summary: 'Email a new sign-in link (same answer whether or not the address is known)',
        body: portalLinkRequest,
        response: { 200: ok },
      },
    },
    async (req) => {
      const ids = await requestPortalLink(
        { db, clock },
        { email: req.body.email, ip: req.ip },
        { publicUrl: deps.publicUrl },
      );
      if (ids.length) deps.kickOutbox?.();
      return { ok: true as const };
    },
  );

  r.post(
    '/portal/auth/sign-in',
    {
      schema: {
        tags,
        summary: 'Sign in with an emailed link (single use); sets the portal cookie',
        body: portalSignInRequest,
        response: { 200: portalSignInResult },
      },
    },
    async (req, reply) => {
      const s = await signInPortal({ db, clock }, { token: req.body.token, ip: req.ip });
      reply.setCookie(PORTAL_COOKIE, s.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: deps.secureCookies,
        expires: s.expiresAt,
      });
      return { ...(await getPortalMe({ db, clock }, s.portal, s.csrfToken)), next: s.next };
    },
  );

  r.post(
    '/portal/auth/sign-out',
    { schema: { tags, summary: 'Sign out of the portal', response: { 200: ok } } },
    async (req, reply) => {
      const p = requirePortal(req);
      await signOutPortal(db, p.sessionToken);
      reply.clearCookie(PORTAL_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  r.get(
    '/portal/me',
    {
      schema: {
        tags,
        summary: 'The signed-in creator, their brand and the CSRF token',
        response: { 200: portalMe },
      },
    },
    (req) => {
      const p = requirePortal(req);
      return getPortalMe({ db, clock }, p, p.csrfToken);
    },
  );

  r.get(
    '/portal/briefs',
    { schema: { tags, summary: 'Your briefs', response: { 200: z.array(brief) } } },
    (req) => listPortalBriefs(ctx(req)),
  );
  r.get(
    '/portal/briefs/:briefId',
    {
      schema: {
        tags,
        summary: 'A brief with every version and change request',
        params: briefParams,
        response: { 200: briefDetail },
      },
    },
    (req) => getPortalBrief(ctx(req), req.params.briefId),
  );
  r.post(
    '/portal/briefs/:briefId/accept',
    {
      schema: {
        tags,
        summary: 'Accept the current version by typing your name',
        params: briefParams,
        body: acceptBriefRequest,
        response: { 200: briefDetail },
      },
    },
    (req) => acceptPortalBrief(ctx(req), req.params.briefId, req.body, { ip: req.ip }),
  );
  r.post(
    '/portal/briefs/:briefId/decline',
    {
      schema: {
        tags,
        summary: 'Decline the brief (its current version) with a reason the brand sees',
        params: briefParams,
        body: declineBriefRequest,
        response: { 200: briefDetail },
      },
    },
    (req) => declinePortalBrief(ctx(req), req.params.briefId, req.body, { ip: req.ip }),
  );
  r.post(
    '/portal/briefs/:briefId/change-request',
    {
      schema: {
        tags,
        summary: 'Accept (by typed name) or decline (with a reason) the pending change request',
        params: briefParams,
        body: respondChangeRequest,
        response: { 200: briefDetail },
      },
    },
    (req) => respondPortalChangeRequest(ctx(req), req.params.briefId, req.body, { ip: req.ip }),
  );

  const agreementParams = z.object({ agreementId: uuid });
  r.get(
    '/portal/agreements',
    {
      schema: {
        tags,
        summary: 'Your agreements with their key dates',
        response: { 200: z.array(agreement) },
      },
    },
    (req) => listPortalAgreements(ctx(req)),
  );
  r.get(
    '/portal/agreements/:agreementId',
    {
      schema: {
        tags,
        summary: 'One of your agreements',
        params: agreementParams,
        response: { 200: agreement },
      },
    },
    (req) => getPortalAgreement(ctx(req), req.params.agreementId),
  );
  r.get(
    '/portal/agreements/:agreementId/document.html',
    {
      schema: {
        tags,
        summary: 'The agreement document as printable HTML',
        params: agreementParams,
        produces: ['text/html'],
        response: { 200: z.string().describe('An HTML document with a print stylesheet') },
      },
    },
    async (req, reply) => {
      const out = await portalAgreementHtml(ctx(req), req.params.agreementId);
      return sendAgreementDocument(reply, out);
    },
  );
  r.get(
    '/portal/agreements/:agreementId/document.pdf',
    {
      schema: {
        tags,
        summary: 'The agreement document as a PDF',
        params: agreementParams,
        produces: ['application/pdf'],
        response: { 200: z.any().describe('A PDF file') },
      },
    },
    async (req, reply) => {
      const out = await portalAgreementPdf(ctx(req), req.params.agreementId);
      return sendAgreementDocument(reply, out);
    },
  );
  r.post(
    '/portal/agreements/:agreementId/accept',
    {
      schema: {
        tags,
        summary: 'Accept the agreement by typing your name (recorded with time and address)',
        params: agreementParams,
        body: acceptAgreementRequest,
        response: { 200: agreement },
      },
    },
    (req) => acceptPortalAgreement(ctx(req), req.params.agreementId, req.body.acceptedName, req.ip),
  );
  r.post(
    '/portal/agreements/:agreementId/notice',
    {
      schema: {
        tags,
        summary: 'Give notice on the agreement (today)',
        params: agreementParams,
        body: portalNoticeRequest,
        response: { 200: agreement },
      },
    },
    (req) => givePortalNotice(ctx(req), req.params.agreementId, req.body),
  );

  r.get(
    '/portal/deliverables',
    {
      schema: { tags, summary: 'Your posts: what is due and when', response: { 200: z.array(deliverable) } },
    },
    (req) => listPortalDeliverables(ctx(req)),
  );
  r.post(
    '/portal/deliverables/:deliverableId/submit',
    {
      schema: {
        tags,
        summary: "Submit a post's link, when it went up, and its numbers",
        params: z.object({ deliverableId: uuid }),
        body: portalSubmitPostRequest,
        response: { 200: deliverable },
      },
    },
    (req) => submitPortalPost(ctx(req), req.params.deliverableId, req.body),
  );

  const postParams = z.object({ deliverableId: uuid });
  r.get(
    '/portal/deliverables/:deliverableId/screenshots',
    {
      schema: {
        tags,
        summary: "Your screenshots of a post's numbers (without their content)",
        params: postParams,
        response: { 200: deliverableScreenshotList },
      },
    },
    async (req) => ({ screenshots: await listPortalScreenshots(ctx(req), req.params.deliverableId) }),
  );
  r.post(
    '/portal/deliverables/:deliverableId/screenshots',
    {
      bodyLimit: Math.ceil(SCREENSHOT_MAX_BYTES * 2),
      schema: {
        tags,
        summary: "Send a screenshot of a post's numbers (PNG, JPEG or WebP, base64, up to 5 MB)",
        params: postParams,
        body: uploadScreenshotRequest,
        response: { 200: deliverableScreenshot },
      },
    },
    (req) => uploadPortalScreenshot(ctx(req), req.params.deliverableId, req.body),
  );
  r.get(
    '/portal/deliverables/:deliverableId/screenshots/:screenshotId',
    {
      schema: {
        tags,
        summary: 'Download one of your screenshots',
        params: postParams.extend({ screenshotId: uuid }),
        response: { 200: fileResponse(screenshotContentTypes) },
      },
    },
    async (req, reply) =>
      sendStoredFile(
        reply,
        await getPortalScreenshotFile(ctx(req), req.params.deliverableId, req.params.screenshotId),
      ),
  );

  r.get(
    '/portal/payments',
    {
      schema: {
        tags,
        summary: 'Your payments: amounts, due dates, paid or not',
        response: { 200: z.array(payment) },
      },
    },
    (req) => listPortalPayments(ctx(req)),
  );
  const paymentParams = z.object({ paymentId: uuid });
  r.get(
    '/portal/payments/:paymentId/invoices',
    {
      schema: {
        tags,
        summary: 'The invoices on one of your payments (without their content)',
        params: paymentParams,
        response: { 200: paymentInvoiceList },
      },
    },
    async (req) => ({ invoices: await listPortalInvoices(ctx(req), req.params.paymentId) }),
  );
  r.post(
    '/portal/payments/:paymentId/invoices',
    {
      // 4 MB decoded is about 5.6 MB of base64; a little more so that a too-big file gets a clear 400.
      bodyLimit: Math.ceil(INVOICE_MAX_BYTES * 2),
      schema: {
        tags,
        summary: 'Upload your invoice for a payment (PDF, PNG or JPEG, base64, up to 4 MB)',
        params: paymentParams,
        body: uploadInvoiceRequest,
        response: { 200: paymentInvoice },
      },
    },
    (req) => uploadPortalInvoice(ctx(req), req.params.paymentId, req.body),
  );
  r.get(
    '/portal/payments/:paymentId/invoices/:invoiceId',
    {
      schema: {
        tags,
        summary: 'Download an invoice of one of your payments',
        params: paymentParams.extend({ invoiceId: uuid }),
        response: { 200: fileResponse(invoiceContentTypes) },
      },
    },
    async (req, reply) => {
      const f = await getPortalInvoiceFile(ctx(req), req.params.paymentId, req.params.invoiceId);
      return sendStoredFile(reply, f);
    },
  );
  r.get(
    '/portal/payment-details',
    {
      schema: {
        tags,
        summary: 'Whether the brand has your payment details (a mask only)',
        response: { 200: portalPaymentDetails },
      },
    },
    (req) => getPortalPaymentDetails(ctx(req)),
  );
  r.put(
    '/portal/payment-details',
    {
      schema: {
        tags,
        summary: 'Enter or update your payment details (stored encrypted; only a mask comes back)',
        body: z.object({ paymentDetails }),
        response: { 200: portalPaymentDetails },
      },
    },
    (req) => setPortalPaymentDetails(ctx(req), req.body.paymentDetails, { box: deps.box }),
  );
  r.get(
    '/portal/monthly-summary',
    {
      schema: {
        tags,
        summary: 'Whether you get the monthly summary of your results by email (your choice and the brand’s)',
        response: { 200: portalMonthlySummary },
      },
    },
    (req) => getPortalMonthlySummary(ctx(req)),
  );
  r.put(
    '/portal/monthly-summary',
    {
      schema: {
        tags,
        summary: 'Opt out of (or back into) the monthly summary of your results',
        body: portalMonthlySummaryUpdate,
        response: { 200: portalMonthlySummary },
      },
    },
    (req) => setPortalMonthlySummary(ctx(req), req.body),
  );
};
