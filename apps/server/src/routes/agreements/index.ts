import {
  acceptAgreementRequest,
  agreement,
  agreementList,
  agreementListQuery,
  createAgreementRequest,
  createDeliverableRequest,
  deliverable,
  deliverableList,
  deliverableListQuery,
  endAgreementRequest,
  extendDecisionRequest,
  idParams,
  messagePreview,
  noticeRequest,
  ok,
  renewAgreementRequest,
  renewalPipeline,
  renewalsQuery,
  retainerLedger,
  sendAgreementRequest,
  sendAgreementResult,
  updateAgreementRequest,
  updateDeliverableRequest,
  uuid,
} from '@evergreen/contracts';
import {
  acceptAgreement,
  activateAgreement,
  agreementDocumentHtml,
  agreementDocumentPdf,
  createAgreement,
  createDeliverable,
  decideExtend,
  deleteAgreement,
  endAgreement,
  getAgreement,
  getDeliverable,
  getRenewalPipeline,
  getRetainerLedger,
  giveNotice,
  listAgreements,
  listDeliverables,
  portalDocumentLinks,
  previewAgreementMessage,
  renewAgreement,
  sendAgreement,
  updateAgreement,
  updateDeliverable,
} from '@evergreen/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../deps.ts';
import { actorContext } from '../context.ts';
import { sendAgreementDocument } from './document-reply.ts';

/**
 * Agreements, their lifecycle, renewals, the retainer ledger, documents and deliverables.
 * Registered inside the workspace scope (see routes/workspaces); owners and managers write,
 * analysts read. The lifecycle routes are registered in lifecycle order.
 */
export const agreementRoutes: FastifyPluginAsyncZod<AppDeps> = async (r, deps) => {
  const ctx = actorContext(deps);
  const P = '/workspaces/:workspaceId';
  const params = idParams.extend({ agreementId: uuid });
  const deliverableParams = idParams.extend({ deliverableId: uuid });
  const tags = ['agreements'];

  r.get(
    `${P}/agreements`,
    {
      schema: {
        tags,
        summary: 'Agreements of the workspace, by creator, type and status',
        params: idParams,
        querystring: agreementListQuery,
        response: { 200: agreementList },
      },
    },
    async (req) => ({ agreements: await listAgreements(ctx(req), req.query) }),
  );
  r.post(
    `${P}/agreements`,
    {
      schema: {
        tags,
        summary: 'Draft an agreement (annual, retainer, project or one-off)',
        params: idParams,
        body: createAgreementRequest,
        response: { 200: agreement },
      },
    },
    (req) => createAgreement(ctx(req), req.body),
  );
  r.get(
    `${P}/agreements/:agreementId`,
    {
      schema: { tags, summary: 'An agreement with its derived dates', params, response: { 200: agreement } },
    },
    (req) => getAgreement(ctx(req), req.params.agreementId),
  );
  r.patch(
    `${P}/agreements/:agreementId`,
    {
      schema: {
        tags,
        summary: 'Change a draft agreement',
        params,
        body: updateAgreementRequest,
        response: { 200: agreement },
      },
    },
    (req) => updateAgreement(ctx(req), req.params.agreementId, req.body),
  );
  r.delete(
    `${P}/agreements/:agreementId`,
    { schema: { tags, summary: 'Delete a draft agreement', params, response: { 200: ok } } },
    async (req) => {
      await deleteAgreement(ctx(req), req.params.agreementId);
      return { ok: true as const };
    },
  );
  r.post(
    `${P}/agreements/:agreementId/send/preview`,
    {
      schema: {
        tags,
        summary: 'The email "Send to the creator" would send: the agreement in full, in its language',
        params,
        response: { 200: messagePreview },
      },
    },
    (req) => previewAgreementMessage(ctx(req), req.params.agreementId),
  );
  r.post(
    `${P}/agreements/:agreementId/send`,
    {
      schema: {
        tags,
        summary:
          'Send a draft to the creator: emailed (the previewed or edited text), with what happened to the email',
        params,
        body: sendAgreementRequest.nullish(),
        response: { 200: sendAgreementResult },
      },
    },
    (req) =>
      sendAgreement(ctx(req), req.params.agreementId, req.body ?? undefined, {
        mailer: deps.mailer,
        links: portalDocumentLinks(deps.publicUrl),
      }),
  );
  r.post(
    `${P}/agreements/:agreementId/accept`,
    {
      schema: {
        tags,
        summary: "Accept on the creator's behalf by typing their name (active at once if it has started)",
        params,
        body: acceptAgreementRequest,
        response: { 200: agreement },
      },
    },
    (req) => acceptAgreement(ctx(req), req.params.agreementId, req.body.acceptedName, req.ip ?? null),
  );
  r.post(
    `${P}/agreements/:agreementId/activate`,
    {
      schema: {
        tags,
        summary: 'Put an accepted agreement in force now',
        params,
        response: { 200: agreement },
      },
    },
    (req) => activateAgreement(ctx(req), req.params.agreementId),
  );
  r.post(
    `${P}/agreements/:agreementId/extend-decision`,
    {
      schema: {
        tags,
        summary: 'Month 6 of a new partnership: extend or move on, and what was learned',
        params,
        body: extendDecisionRequest,
        response: { 200: agreement },
      },
    },
    (req) => decideExtend(ctx(req), req.params.agreementId, req.body),
  );
  r.post(
    `${P}/agreements/:agreementId/notice`,
    {
      schema: {
        tags,
        summary: 'Give notice (brand or creator): in force through the notice day + notice days',
        params,
        body: noticeRequest,
        response: { 200: agreement },
      },
    },
    (req) => giveNotice(ctx(req), req.params.agreementId, req.body),
  );
  r.post(
    `${P}/agreements/:agreementId/end`,
    {
      schema: {
        tags,
        summary: 'End an agreement in force or under notice',
        params,
        body: endAgreementRequest,
        response: { 200: agreement },
      },
    },
    (req) => endAgreement(ctx(req), req.params.agreementId, req.body),
  );
  r.post(
    `${P}/agreements/:agreementId/renew`,
    {
      schema: {
        tags,
        summary: 'Renew into the next term, with reviewed rates within the review bound',
        description:
          'Answers the new term. Each change must stay within ±reviewMaxAdjustPct of the current value.',
        params,
        body: renewAgreementRequest,
        response: { 200: agreement },
      },
    },
    (req) => renewAgreement(ctx(req), req.params.agreementId, req.body),
  );
  r.get(
    `${P}/agreements/:agreementId/ledger`,
    {
      schema: {
        tags,
        summary: "A retainer's included vs delivered, month by month, with flags",
        params,
        response: { 200: retainerLedger },
      },
    },
    (req) => getRetainerLedger(ctx(req), req.params.agreementId),
  );
  r.get(
    `${P}/agreements/:agreementId/document.html`,
    {
      schema: {
        tags,
        summary: 'The agreement document as printable HTML, in its language',
        params,
        produces: ['text/html'],
        response: { 200: z.string().describe('An HTML document with a print stylesheet') },
      },
    },
    async (req, reply) => {
      const out = await agreementDocumentHtml(ctx(req), req.params.agreementId);
      return sendAgreementDocument(reply, out);
    },
  );
  r.get(
    `${P}/agreements/:agreementId/document.pdf`,
    {
      schema: {
        tags,
        summary: 'The agreement document as a PDF, in its language',
        params,
        produces: ['application/pdf'],
        response: { 200: z.any().describe('A PDF file') },
      },
    },
    async (req, reply) => {
      const out = await agreementDocumentPdf(ctx(req), req.params.agreementId);
      return sendAgreementDocument(reply, out);
    },
  );
  r.get(
    `${P}/renewals`,
    {
      schema: {
        tags,
        summary:
          'The renewal pipeline: every decision date within N days (default 90), past-due ones flagged',
        params: idParams,
        querystring: renewalsQuery,
        response: { 200: renewalPipeline },
      },
    },
    (req) => getRenewalPipeline(ctx(req), req.query),
  );

  r.get(
    `${P}/deliverables`,
    {
      schema: {
        tags,
        summary: 'Deliverables (posts), filtered and paged (limit, offset), with the total',
        params: idParams,
        querystring: deliverableListQuery,
        response: { 200: deliverableList },
      },
    },
    (req) => listDeliverables(ctx(req), req.query),
  );
  r.post(
    `${P}/deliverables`,
    {
      schema: {
        tags,
        summary: 'Record a deliverable by hand',
        params: idParams,
        body: createDeliverableRequest,
        response: { 200: deliverable },
      },
    },
    (req) => createDeliverable(ctx(req), req.body),
  );
  r.get(
    `${P}/deliverables/:deliverableId`,
    { schema: { tags, summary: 'A deliverable', params: deliverableParams, response: { 200: deliverable } } },
    (req) => getDeliverable(ctx(req), req.params.deliverableId),
  );
  r.patch(
    `${P}/deliverables/:deliverableId`,
    {
      schema: {
        tags,
        summary: 'Change a deliverable (status, dates, link, cost)',
        params: deliverableParams,
        body: updateDeliverableRequest,
        response: { 200: deliverable },
      },
    },
    (req) => updateDeliverable(ctx(req), req.params.deliverableId, req.body),
  );
};
