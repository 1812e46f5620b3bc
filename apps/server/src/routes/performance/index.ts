import {
  createSnapshotRequest,
  createTrackerRequest,
  deliverableScreenshot,
  deliverableScreenshotList,
  idParams,
  metricSnapshot,
  metricsBatchHeaders,
  metricsBatchRequest,
  metricsBatchResult,
  ok,
  postWithSnapshots,
  SCREENSHOT_MAX_BYTES,
  screenshotContentTypes,
  tracker,
  trackerList,
  trackerListQuery,
  uploadScreenshotRequest,
  utmSuggestion,
  utmSuggestionQuery,
  uuid,
} from '@evergreen/contracts';
import {
  addSnapshot,
  archiveTracker,
  createTracker,
  deleteSnapshot,
  getPostWithSnapshots,
  getScreenshotFile,
  getTracker,
  listScreenshots,
  listTrackers,
  recordMetricsBatch,
  suggestTrackerUtm,
  uploadScreenshot,
} from '@evergreen/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../deps.ts';
import { actorContext } from '../context.ts';
import { fileResponse, sendStoredFile } from '../file-reply.ts';

/**
 * Posts' metric snapshots (by hand and in idempotent API batches) and trackers (promo codes,
 * UTM links) per creator (docs/performance.md). Posts themselves are the deliverables routes.
 * Registered inside the workspace scope: managers write, analysts read.
 */
export const performanceRoutes: FastifyPluginAsyncZod<AppDeps> = async (r, deps) => {
  const ctx = actorContext(deps);
  const P = '/workspaces/:workspaceId';
  const postParams = idParams.extend({ deliverableId: uuid });
  const snapshotParams = postParams.extend({ snapshotId: uuid });
  const trackerParams = idParams.extend({ trackerId: uuid });
  const tags = ['performance'];

  r.get(
    `${P}/deliverables/:deliverableId/snapshots`,
    {
      schema: {
        tags,
        summary: 'A post with its metric snapshots (oldest first) and derived rates',
        params: postParams,
        response: { 200: postWithSnapshots },
      },
    },
    (req) => getPostWithSnapshots(ctx(req), req.params.deliverableId),
  );
  r.post(
    `${P}/deliverables/:deliverableId/snapshots`,
    {
      schema: {
        tags,
        summary: "Record a post's numbers at a moment (the same moment again replaces them)",
        params: postParams,
        body: createSnapshotRequest,
        response: { 200: metricSnapshot },
      },
    },
    (req) => addSnapshot(ctx(req), req.params.deliverableId, req.body),
  );
  r.delete(
    `${P}/deliverables/:deliverableId/snapshots/:snapshotId`,
    { schema: { tags, summary: 'Delete a metric snapshot', params: snapshotParams, response: { 200: ok } } },
    async (req) => {
      await deleteSnapshot(ctx(req), req.params.deliverableId, req.params.snapshotId);
      return { ok: true as const };
    },
  );
  r.get(
    `${P}/deliverables/:deliverableId/screenshots`,
    {
      schema: {
        tags,
        summary: "Screenshots of a post's numbers (without their content)",
        params: postParams,
        response: { 200: deliverableScreenshotList },
      },
    },
    async (req) => ({ screenshots: await listScreenshots(ctx(req), req.params.deliverableId) }),
  );
  r.post(
    `${P}/deliverables/:deliverableId/screenshots`,
    {
      bodyLimit: Math.ceil(SCREENSHOT_MAX_BYTES * 2),
      schema: {
        tags,
        summary: "Attach a screenshot of a post's numbers (PNG, JPEG or WebP, base64, up to 5 MB)",
        params: postParams,
        body: uploadScreenshotRequest,
        response: { 200: deliverableScreenshot },
      },
    },
    (req) => uploadScreenshot(ctx(req), req.params.deliverableId, req.body),
  );
  r.get(
    `${P}/deliverables/:deliverableId/screenshots/:screenshotId`,
    {
      schema: {
        tags,
        summary: 'Download a screenshot',
        params: postParams.extend({ screenshotId: uuid }),
        response: { 200: fileResponse(screenshotContentTypes) },
      },
    },
    async (req, reply) =>
      sendStoredFile(
        reply,
        await getScreenshotFile(ctx(req), req.params.deliverableId, req.params.screenshotId),
      ),
  );
  r.post(
    `${P}/metrics/batch`,
    {
      // 5,000 readings of ~300 bytes each.
      bodyLimit: 4 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Record many snapshots at once, idempotently (Idempotency-Key header required)',
        description:
          'Each reading names its post by `deliverableId`, `externalId` or `url` (the first given is used). All or nothing: an unknown post or a repeated (post, capturedAt) answers 400 naming `snapshots.<i>.<field>`. The same `Idempotency-Key` with the same body answers the first response (`replayed: true`) without writing; with another body, 409 with field code `idempotency_conflict`.',
        params: idParams,
        headers: metricsBatchHeaders,
        body: metricsBatchRequest,
        response: { 200: metricsBatchResult },
      },
    },
    (req) => recordMetricsBatch(ctx(req), req.body, req.headers['idempotency-key']),
  );

  r.get(
    `${P}/trackers`,
    {
      schema: {
        tags,
        summary: 'Promo codes and UTM links, by creator, campaign and kind',
        params: idParams,
        querystring: trackerListQuery,
        response: { 200: trackerList },
      },
    },
    async (req) => ({ trackers: await listTrackers(ctx(req), req.query) }),
  );
  r.get(
    `${P}/creators/:creatorId/utm-suggestion`,
    {
      schema: {
        tags,
        summary: "The link builder's suggested UTM values for a creator (and campaign), and the link",
        params: idParams.extend({ creatorId: uuid }),
        querystring: utmSuggestionQuery,
        response: { 200: utmSuggestion },
      },
    },
    (req) => suggestTrackerUtm(ctx(req), req.params.creatorId, req.query),
  );
  r.post(
    `${P}/trackers`,
    {
      schema: {
        tags,
        summary: 'Add a promo code or a UTM link for a creator',
        description:
          'Codes are stored upper-case and are unique in the workspace (409 naming `code`); links lower-case their UTM values, and (utm_source, utm_campaign) is unique in the workspace (409 naming `utmCampaign`). Left-out UTM values are suggested from the creator and campaign.',
        params: idParams,
        body: createTrackerRequest,
        response: { 200: tracker },
      },
    },
    (req) => createTracker(ctx(req), req.body),
  );
  r.get(
    `${P}/trackers/:trackerId`,
    { schema: { tags, summary: 'A tracker', params: trackerParams, response: { 200: tracker } } },
    (req) => getTracker(ctx(req), req.params.trackerId),
  );
  r.post(
    `${P}/trackers/:trackerId/archive`,
    {
      schema: {
        tags,
        summary: 'Archive a tracker (its code or UTM pair stays taken; orders carrying it still count)',
        params: trackerParams,
        response: { 200: tracker },
      },
    },
    (req) => archiveTracker(ctx(req), req.params.trackerId),
  );
};
