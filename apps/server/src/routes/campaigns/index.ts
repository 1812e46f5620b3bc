import {
  acceptBriefRequest,
  brief,
  briefDetail,
  campaign,
  campaignDetail,
  campaignList,
  campaignListQuery,
  createBriefRequest,
  createCampaignRequest,
  editBriefRequest,
  editBriefResult,
  idParams,
  messagePreview,
  notifyOverlapRequest,
  notifyOverlapResult,
  overlapCalendar,
  overlapNoticePreview,
  overlapQuery,
  previewBriefRequest,
  respondChangeRequest,
  sendBriefRequest,
  sendBriefResult,
  suggestionList,
  updateCampaignRequest,
  uuid,
} from '@evergreen/contracts';
import {
  acceptBrief,
  createBrief,
  createCampaign,
  editBrief,
  getBrief,
  getCampaign,
  overlapCalendar as getOverlapCalendar,
  listCampaignBriefs,
  listCampaigns,
  listCreatorBriefs,
  notifyOverlap,
  portalDocumentLinks,
  previewBriefMessage,
  previewOverlapNotice,
  respondToChangeRequest,
  sendBrief,
  suggestCreators,
  updateCampaign,
} from '@evergreen/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../deps.ts';
import { actorContext } from '../context.ts';

/**
 * Campaigns, briefs, rotation suggestions and the overlap calendar. Registered inside the
 * workspace scope (see routes/workspaces). Writes need a manager (the default for non-GET).
 */
export const campaignRoutes: FastifyPluginAsyncZod<AppDeps> = async (r, deps) => {
  const ctx = actorContext(deps);
  const P = '/workspaces/:workspaceId';
  const campaignParams = idParams.extend({ campaignId: uuid });
  const briefParams = campaignParams.extend({ briefId: uuid });
  const tags = ['campaigns'];

  r.get(
    `${P}/campaigns`,
    {
      schema: {
        tags,
        summary: 'Campaigns, filtered by status, market, product, text and dates',
        params: idParams,
        querystring: campaignListQuery,
        response: { 200: campaignList },
      },
    },
    (req) => listCampaigns(ctx(req), req.query),
  );
  r.post(
    `${P}/campaigns`,
    {
      schema: {
        tags,
        summary: 'Create a campaign',
        params: idParams,
        body: createCampaignRequest,
        response: { 200: campaign },
      },
    },
    (req) => createCampaign(ctx(req), req.body),
  );
  r.get(
    `${P}/campaigns/:campaignId`,
    {
      schema: {
        tags,
        summary: 'A campaign with its briefs',
        params: campaignParams,
        response: { 200: campaignDetail },
      },
    },
    (req) => getCampaign(ctx(req), req.params.campaignId),
  );
  r.patch(
    `${P}/campaigns/:campaignId`,
    {
      schema: {
        tags,
        summary: 'Change a campaign (cancel it with status cancelled)',
        params: campaignParams,
        body: updateCampaignRequest,
        response: { 200: campaign },
      },
    },
    (req) => updateCampaign(ctx(req), req.params.campaignId, req.body),
  );
  r.get(
    `${P}/campaigns/:campaignId/suggestions`,
    {
      schema: {
        tags,
        summary: 'Creators to rotate this campaign through, ranked, with the reason for every point',
        params: campaignParams,
        response: { 200: suggestionList },
      },
    },
    (req) => suggestCreators(ctx(req), req.params.campaignId),
  );
  r.get(
    `${P}/campaigns/:campaignId/briefs`,
    {
      schema: {
        tags,
        summary: "The campaign's briefs",
        params: campaignParams,
        response: { 200: z.array(brief) },
      },
    },
    (req) => listCampaignBriefs(ctx(req), req.params.campaignId),
  );
  r.post(
    `${P}/campaigns/:campaignId/briefs`,
    {
      schema: {
        tags,
        summary: 'Assign a creator with a first draft of their brief (one brief per creator per campaign)',
        params: campaignParams,
        body: createBriefRequest,
        response: { 200: briefDetail },
      },
    },
    (req) => createBrief(ctx(req), req.params.campaignId, req.body),
  );
  r.get(
    `${P}/campaigns/:campaignId/briefs/:briefId`,
    {
      schema: {
        tags,
        summary: 'A brief with every version, the diff of each, and every acceptance',
        params: briefParams,
        response: { 200: briefDetail },
      },
    },
    (req) => getBrief(ctx(req), req.params.campaignId, req.params.briefId),
  );
  r.post(
    `${P}/campaigns/:campaignId/briefs/:briefId/send/preview`,
    {
      schema: {
        tags,
        summary: 'The email "Send to creator" would send: the current version, in the creator’s language',
        params: briefParams,
        body: previewBriefRequest.nullish(),
        response: { 200: messagePreview },
      },
    },
    (req) => previewBriefMessage(ctx(req), req.params.campaignId, req.params.briefId, req.body ?? {}),
  );
  r.post(
    `${P}/campaigns/:campaignId/briefs/:briefId/send`,
    {
      schema: {
        tags,
        summary:
          'Send a draft brief to the creator: emailed (the previewed or edited text) and what happened to the email',
        params: briefParams,
        body: sendBriefRequest.nullish(),
        response: { 200: sendBriefResult },
      },
    },
    (req) =>
      sendBrief(ctx(req), req.params.campaignId, req.params.briefId, req.body ?? undefined, {
        mailer: deps.mailer,
        links: portalDocumentLinks(deps.publicUrl),
      }),
  );
  r.post(
    `${P}/campaigns/:campaignId/briefs/:briefId/accept`,
    {
      schema: {
        tags,
        summary: "Accept the current version by typed name (on the creator's behalf, for now)",
        params: briefParams,
        body: acceptBriefRequest,
        response: { 200: briefDetail },
      },
    },
    (req) => acceptBrief(ctx(req), req.params.campaignId, req.params.briefId, req.body, { ip: req.ip }),
  );
  r.patch(
    `${P}/campaigns/:campaignId/briefs/:briefId`,
    {
      schema: {
        tags,
        summary:
          'Change a brief: a new version, or after acceptance a change request the creator must accept',
        params: briefParams,
        body: editBriefRequest,
        response: { 200: editBriefResult },
      },
    },
    (req) =>
      editBrief(ctx(req), req.params.campaignId, req.params.briefId, req.body, {
        mailer: deps.mailer,
        links: portalDocumentLinks(deps.publicUrl),
      }),
  );
  r.post(
    `${P}/campaigns/:campaignId/briefs/:briefId/change-request`,
    {
      schema: {
        tags,
        summary: 'Accept (by typed name) or decline the pending change request',
        params: briefParams,
        body: respondChangeRequest,
        response: { 200: briefDetail },
      },
    },
    (req) =>
      respondToChangeRequest(ctx(req), req.params.campaignId, req.params.briefId, req.body, { ip: req.ip }),
  );
  r.get(
    `${P}/creators/:creatorId/briefs`,
    {
      schema: {
        tags,
        summary: "A creator's briefs across campaigns",
        params: idParams.extend({ creatorId: uuid }),
        response: { 200: z.array(brief) },
      },
    },
    (req) => listCreatorBriefs(ctx(req), req.params.creatorId),
  );
  r.get(
    `${P}/calendar/overlaps`,
    {
      schema: {
        tags,
        summary:
          'Creator activity windows and the overlaps: same product, same market, within the overlap window',
        params: idParams,
        querystring: overlapQuery,
        response: { 200: overlapCalendar },
      },
    },
    (req) => getOverlapCalendar(ctx(req), req.query),
  );
  r.post(
    `${P}/calendar/overlaps/notify/preview`,
    {
      schema: {
        tags,
        summary: 'What each creator of an overlap would be told (to read and edit before sending)',
        params: idParams,
        body: notifyOverlapRequest,
        response: { 200: overlapNoticePreview },
      },
    },
    (req) => previewOverlapNotice(ctx(req), req.body),
  );
  r.post(
    `${P}/calendar/overlaps/notify`,
    {
      schema: {
        tags,
        summary: 'Tell the creators involved in an overlap, by email through the outbox (once per overlap)',
        params: idParams,
        body: notifyOverlapRequest,
        response: { 200: notifyOverlapResult },
      },
    },
    (req) => notifyOverlap(ctx(req), req.body ?? undefined, { mailer: deps.mailer }),
  );
};
