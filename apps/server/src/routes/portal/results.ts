import {
  portalInsightList,
  portalInsightRequest,
  portalLearned,
  portalOverlap,
  portalResults,
} from '@evergreen/contracts';
import { getPortalOverlap, getPortalResults, listPortalInsights, sendPortalInsight } from '@evergreen/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../deps.ts';
import { portalContext } from '../context.ts';

/**
 * The creator's read side and their voice in the portal (docs/portal.md): results, feedback and
 * market insights, the overlap calendar. Each acts for exactly the portal session's creator.
 */
export const portalResultsRoutes: FastifyPluginAsyncZod<AppDeps> = async (r, deps) => {
  const tags = ['portal'];
  const ctx = portalContext(deps);

  r.get(
    '/portal/results',
    {
      schema: {
        tags,
        summary:
          'Your results: posts by number, orders from your codes and links, against your own earlier work; what the brand learned',
        response: { 200: portalResults },
      },
    },
    (req) => getPortalResults(ctx(req)),
  );
  r.get(
    '/portal/insights',
    {
      schema: {
        tags,
        summary: 'The feedback and market insights you sent the brand',
        response: { 200: portalInsightList },
      },
    },
    (req) => listPortalInsights(ctx(req)),
  );
  r.post(
    '/portal/insights',
    {
      schema: {
        tags,
        summary: 'Send the brand feedback or a market insight (trend, product feedback, what resonates)',
        body: portalInsightRequest,
        response: { 200: portalLearned },
      },
    },
    (req) => sendPortalInsight(ctx(req), req.body),
  );
  r.get(
    '/portal/overlap',
    {
      schema: {
        tags,
        summary:
          'Your windows, and when the brand has other creators on the same product in your market (never who)',
        response: { 200: portalOverlap },
      },
    },
    (req) => getPortalOverlap(ctx(req)),
  );
};
