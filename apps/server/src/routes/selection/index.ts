import {
  createInsightRequest,
  createIssueRequest,
  creatorIssue,
  creatorIssueList,
  creatorRatings,
  creatorScore,
  decideSuggestionResult,
  idParams,
  insight,
  insightList,
  insightListQuery,
  rateCreatorRequest,
  selectionSettings,
  selectionSuggestionList,
  setOverrideRequest,
  suggestionParams,
  updateInsightRequest,
  updateIssueRequest,
  updateSelectionSettingsRequest,
  uuid,
} from '@evergreen/contracts';
import {
  clearScoreOverride,
  decideSuggestion,
  exportInsightsCsv,
  exportIssuesCsv,
  getCreatorScore,
  getRatings,
  getSelectionSettings,
  listInsights,
  listIssues,
  listSuggestions,
  openIssue,
  rateCreator,
  recordInsight,
  setInsightShared,
  setScoreOverride,
  updateIssue,
  updateSelectionSettings,
} from '@evergreen/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../deps.ts';
import { actorContext } from '../context.ts';
import { csvResponse, sendCsv } from '../file-reply.ts';

/**
 * Choosing long-term partners (docs/selection.md): ratings, the partnership-potential score and
 * its override, issues, market insights, the score's settings and the suggestions. Registered
 * inside the workspace scope; owners and managers write, analysts read.
 */
export const selectionRoutes: FastifyPluginAsyncZod<AppDeps> = async (r, deps) => {
  const ctx = actorContext(deps);
  const P = '/workspaces/:workspaceId';
  const creatorParams = idParams.extend({ creatorId: uuid });
  const issueParams = creatorParams.extend({ issueId: uuid });
  const tags = ['selection'];

  r.get(
    `${P}/selection/settings`,
    {
      schema: {
        tags,
        summary: "The score's pillar weights and the escalation path",
        params: idParams,
        response: { 200: selectionSettings },
      },
    },
    (req) => getSelectionSettings(ctx(req)),
  );
  r.put(
    `${P}/selection/settings`,
    {
      schema: {
        tags,
        summary: "Set the score's pillar weights (0–100 each, not all 0) and the escalation path",
        params: idParams,
        body: updateSelectionSettingsRequest,
        response: { 200: selectionSettings },
      },
    },
    (req) => updateSelectionSettings(ctx(req), req.body),
  );
  r.get(
    `${P}/creators/:creatorId/ratings`,
    {
      schema: {
        tags,
        summary: "The team's current ratings (mean of each member's latest) and every rating given",
        params: creatorParams,
        response: { 200: creatorRatings },
      },
    },
    (req) => getRatings(ctx(req), req.params.creatorId),
  );
  r.post(
    `${P}/creators/:creatorId/ratings`,
    {
      schema: {
        tags,
        summary:
          'Rate a creator 1–5 on some of the vetting questions, each with a note (kept with its author)',
        params: creatorParams,
        body: rateCreatorRequest,
        response: { 200: creatorRatings },
      },
    },
    (req) => rateCreator(ctx(req), req.params.creatorId, req.body),
  );
  r.get(
    `${P}/creators/:creatorId/score`,
    {
      schema: {
        tags,
        summary:
          'The partnership-potential score, its four pillars and their inputs, the override and Tier 1 eligibility',
        params: creatorParams,
        response: { 200: creatorScore },
      },
    },
    (req) => getCreatorScore(ctx(req), req.params.creatorId),
  );
  r.put(
    `${P}/creators/:creatorId/score-override`,
    {
      schema: {
        tags,
        summary: 'Record a gut-call score (0–100) with its reason, shown beside the computed one',
        params: creatorParams,
        body: setOverrideRequest,
        response: { 200: creatorScore },
      },
    },
    (req) => setScoreOverride(ctx(req), req.params.creatorId, req.body),
  );
  r.delete(
    `${P}/creators/:creatorId/score-override`,
    {
      schema: {
        tags,
        summary: 'Remove the gut-call score',
        params: creatorParams,
        response: { 200: creatorScore },
      },
    },
    (req) => clearScoreOverride(ctx(req), req.params.creatorId),
  );
  r.get(
    `${P}/creators/:creatorId/issues`,
    {
      schema: {
        tags,
        summary: "A creator's issues and escalations, open first",
        params: creatorParams,
        response: { 200: creatorIssueList },
      },
    },
    async (req) => ({ issues: await listIssues(ctx(req), req.params.creatorId) }),
  );
  r.get(
    `${P}/creators/:creatorId/issues.csv`,
    {
      schema: {
        tags,
        summary: "A creator's issues and escalations as CSV (owner, escalation step, resolution)",
        params: creatorParams,
        response: csvResponse,
      },
    },
    async (req, reply) => sendCsv(reply, await exportIssuesCsv(ctx(req), req.params.creatorId)),
  );
  r.post(
    `${P}/creators/:creatorId/issues`,
    {
      schema: {
        tags,
        summary: 'Open an issue (severity, owner); it counts in stability and fit',
        params: creatorParams,
        body: createIssueRequest,
        response: { 200: creatorIssue },
      },
    },
    (req) => openIssue(ctx(req), req.params.creatorId, req.body),
  );
  r.patch(
    `${P}/creators/:creatorId/issues/:issueId`,
    {
      schema: {
        tags,
        summary: 'Edit, escalate one step, resolve (with the resolution) or reopen an issue',
        params: issueParams,
        body: updateIssueRequest,
        response: { 200: creatorIssue },
      },
    },
    (req) => updateIssue(ctx(req), req.params.creatorId, req.params.issueId, req.body),
  );
  r.post(
    `${P}/creators/:creatorId/insights`,
    {
      schema: {
        tags,
        summary: 'Log what a creator tells about their market: a trend, product feedback, what resonates',
        params: creatorParams,
        body: createInsightRequest,
        response: { 200: insight },
      },
    },
    (req) => recordInsight(ctx(req), req.params.creatorId, req.body),
  );
  r.patch(
    `${P}/insights/:insightId`,
    {
      schema: {
        tags,
        summary: "Show an insight to its creator in the portal's results (what the brand learned), or stop",
        params: idParams.extend({ insightId: uuid }),
        body: updateInsightRequest,
        response: { 200: insight },
      },
    },
    (req) => setInsightShared(ctx(req), req.params.insightId, req.body),
  );
  r.get(
    `${P}/insights`,
    {
      schema: {
        tags,
        summary: 'Creator feedback and market insights, searchable by market, product, kind and text',
        params: idParams,
        querystring: insightListQuery,
        response: { 200: insightList },
      },
    },
    async (req) => ({ insights: await listInsights(ctx(req), req.query) }),
  );
  r.get(
    `${P}/insights.csv`,
    {
      schema: {
        tags,
        summary: 'The insights log as CSV, with the same filters (market, product, kind, text): every match',
        params: idParams,
        querystring: insightListQuery,
        response: csvResponse,
      },
    },
    async (req, reply) => sendCsv(reply, await exportInsightsCsv(ctx(req), req.query)),
  );
  r.get(
    `${P}/selection/suggestions`,
    {
      schema: {
        tags,
        summary: 'Promote Tier 2 → Tier 1, review a Tier 1, move to alumni: each with its reasons',
        params: idParams,
        response: { 200: selectionSuggestionList },
      },
    },
    (req) => listSuggestions(ctx(req)),
  );
  r.post(
    `${P}/selection/suggestions/:suggestion/:creatorId/accept`,
    {
      schema: {
        tags,
        summary:
          'Accept a suggestion: the change is made (Tier 1 eligibility applies) and lands on the timeline',
        params: suggestionParams,
        response: { 200: decideSuggestionResult },
      },
    },
    (req) => decideSuggestion(ctx(req), req.params.suggestion, req.params.creatorId, 'accepted'),
  );
  r.post(
    `${P}/selection/suggestions/:suggestion/:creatorId/dismiss`,
    {
      schema: {
        tags,
        summary: 'Dismiss a suggestion: not made again for 30 days',
        params: suggestionParams,
        response: { 200: decideSuggestionResult },
      },
    },
    (req) => decideSuggestion(ctx(req), req.params.suggestion, req.params.creatorId, 'dismissed'),
  );
};
