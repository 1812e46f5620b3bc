import {
  addAudienceSnapshotRequest,
  audienceSnapshot,
  bulkCreatorsRequest,
  bulkResult,
  changeTierRequest,
  createCreatorRequest,
  creator,
  creatorList,
  creatorListQuery,
  idParams,
  logTouchpointRequest,
  ok,
  paymentDetails,
  snoozeRequest,
  timelineEntry,
  today,
  todayQuery,
  touchpoint,
  updateCreatorRequest,
  uuid,
} from '@evergreen/contracts';
import {
  addAudienceSnapshot,
  bulkUpdateCreators,
  changeTier,
  createCreator,
  creatorTimeline,
  deleteTouchpoint,
  getCreator,
  getToday,
  listAudienceSnapshots,
  listCreators,
  listTouchpoints,
  logTouchpoint,
  revealPaymentDetails,
  setPaymentDetails,
  snoozeCreator,
  updateCreator,
} from '@evergreen/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../deps.ts';
import { actorContext } from '../context.ts';

/** Roster, touchpoints and Today. Registered inside the workspace scope (see routes/workspaces). */
export const rosterRoutes: FastifyPluginAsyncZod<AppDeps> = async (r, deps) => {
  const { box } = deps;
  const ctx = actorContext(deps);
  const P = '/workspaces/:workspaceId';
  const creatorParams = idParams.extend({ creatorId: uuid });
  const tags = ['roster'];

  r.get(
    `${P}/creators`,
    {
      schema: {
        tags,
        summary: 'The roster, filtered and sorted, with tier counts against targets',
        params: idParams,
        querystring: creatorListQuery,
        response: { 200: creatorList },
      },
    },
    // Kept until the workspace's data changes (kept.ts).
    (req, reply) => r.kept.json(req, reply, deps.db, () => listCreators(ctx(req), req.query)),
  );
  r.post(
    `${P}/creators`,
    {
      schema: {
        tags,
        summary: 'Add a creator',
        params: idParams,
        body: createCreatorRequest,
        response: { 200: creator },
      },
    },
    (req) => createCreator(ctx(req), req.body, { box }),
  );
  r.post(
    `${P}/creators/bulk`,
    {
      schema: {
        tags,
        summary: 'Change tier, assign owner, add a tag or set status for many creators',
        params: idParams,
        body: bulkCreatorsRequest,
        response: { 200: bulkResult },
      },
    },
    (req) => bulkUpdateCreators(ctx(req), req.body.ids, req.body.action),
  );
  r.get(
    `${P}/creators/:creatorId`,
    {
      schema: {
        tags,
        summary: 'A creator profile (payment details masked)',
        params: creatorParams,
        response: { 200: creator },
      },
    },
    (req) => getCreator(ctx(req), req.params.creatorId),
  );
  r.patch(
    `${P}/creators/:creatorId`,
    {
      schema: {
        tags,
        summary: 'Change a creator profile (tier changes go through /tier)',
        params: creatorParams,
        body: updateCreatorRequest,
        response: { 200: creator },
      },
    },
    (req) => updateCreator(ctx(req), req.params.creatorId, req.body),
  );
  r.post(
    `${P}/creators/:creatorId/tier`,
    {
      schema: {
        tags,
        summary: 'Move a creator to another tier, with a reason',
        params: creatorParams,
        body: changeTierRequest,
        response: { 200: creator },
      },
    },
    (req) => changeTier(ctx(req), req.params.creatorId, req.body.tier, req.body.reason),
  );
  r.put(
    `${P}/creators/:creatorId/payment-details`,
    {
      schema: {
        tags,
        summary: 'Set (or clear with null) payment details; stored encrypted',
        params: creatorParams,
        body: z.object({ paymentDetails: paymentDetails.nullable() }),
        response: { 200: creator },
      },
    },
    (req) => setPaymentDetails(ctx(req), req.params.creatorId, req.body.paymentDetails, { box }),
  );
  r.post(
    `${P}/creators/:creatorId/payment-details/reveal`,
    {
      schema: {
        tags,
        summary: 'Show payment details (owners and managers; recorded in the audit log)',
        params: creatorParams,
        response: { 200: z.object({ paymentDetails: paymentDetails.nullable() }) },
      },
    },
    async (req) => ({ paymentDetails: await revealPaymentDetails(ctx(req), req.params.creatorId, { box }) }),
  );
  r.get(
    `${P}/creators/:creatorId/timeline`,
    {
      schema: {
        tags,
        summary: 'Everything that happened with a creator, newest first',
        params: creatorParams,
        response: { 200: z.array(timelineEntry) },
      },
    },
    (req) => creatorTimeline(ctx(req), req.params.creatorId),
  );
  r.get(
    `${P}/creators/:creatorId/touchpoints`,
    {
      schema: {
        tags: ['touchpoints'],
        summary: "A creator's touchpoints",
        params: creatorParams,
        response: { 200: z.array(touchpoint) },
      },
    },
    (req) => listTouchpoints(ctx(req), req.params.creatorId),
  );
  r.post(
    `${P}/creators/:creatorId/touchpoints`,
    {
      schema: {
        tags: ['touchpoints'],
        summary: 'Log a touchpoint; moves the next check-in',
        params: creatorParams,
        body: logTouchpointRequest,
        response: { 200: touchpoint },
      },
    },
    (req) => logTouchpoint(ctx(req), req.params.creatorId, req.body),
  );
  r.delete(
    `${P}/creators/:creatorId/touchpoints/:touchpointId`,
    {
      schema: {
        tags: ['touchpoints'],
        summary: 'Delete a touchpoint logged by mistake',
        params: creatorParams.extend({ touchpointId: uuid }),
        response: { 200: ok },
      },
    },
    async (req) => {
      await deleteTouchpoint(ctx(req), req.params.creatorId, req.params.touchpointId);
      return { ok: true as const };
    },
  );
  r.post(
    `${P}/creators/:creatorId/snooze`,
    {
      schema: {
        tags: ['today'],
        summary: 'Hide a creator from Today until a day, with a reason',
        params: creatorParams,
        body: snoozeRequest,
        response: { 200: ok },
      },
    },
    async (req) => {
      await snoozeCreator(ctx(req), req.params.creatorId, req.body.until, req.body.reason);
      return { ok: true as const };
    },
  );
  r.get(
    `${P}/creators/:creatorId/audience`,
    {
      schema: {
        tags,
        summary: 'Audience snapshots over time',
        params: creatorParams,
        response: { 200: z.array(audienceSnapshot) },
      },
    },
    (req) => listAudienceSnapshots(ctx(req), req.params.creatorId),
  );
  r.post(
    `${P}/creators/:creatorId/audience`,
    {
      schema: {
        tags,
        summary: 'Record an audience snapshot',
        params: creatorParams,
        body: addAudienceSnapshotRequest,
        response: { 200: audienceSnapshot },
      },
    },
    (req) => addAudienceSnapshot(ctx(req), req.params.creatorId, req.body),
  );
  r.get(
    `${P}/today`,
    {
      schema: {
        tags: ['today'],
        summary: 'Check-ins overdue, due today and in the next 7 days',
        params: idParams,
        querystring: todayQuery,
        response: { 200: today },
      },
    },
    (req, reply) => r.kept.json(req, reply, deps.db, () => getToday(ctx(req), req.query.scope)),
  );
};
