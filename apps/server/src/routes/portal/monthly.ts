import { idParams, monthlySummaryUpdate, monthlySummaryView, uuid } from '@evergreen/contracts';
import { getMonthlySummary, updateMonthlySummary } from '@evergreen/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../deps.ts';
import { actorContext } from '../context.ts';

/** A creator's monthly results summary: preview, personal line, on/off (docs/portal.md). */
export const monthlySummaryRoutes: FastifyPluginAsyncZod<AppDeps> = async (r, deps) => {
  const ctx = actorContext(deps);
  const P = '/workspaces/:workspaceId/creators/:creatorId/monthly-summary';
  const params = idParams.extend({ creatorId: uuid });
  const tags = ['portal'];

  r.get(
    P,
    {
      schema: {
        tags,
        summary: "The creator's monthly summary: settings, a preview with the figures so far, what was sent",
        params,
        response: { 200: monthlySummaryView },
      },
    },
    (req) => getMonthlySummary(ctx(req), req.params.creatorId, { publicUrl: deps.publicUrl }),
  );
  r.put(
    P,
    {
      schema: {
        tags,
        summary: "Switch the creator's monthly summary on or off, or set the personal line for the next one",
        params,
        body: monthlySummaryUpdate,
        response: { 200: monthlySummaryView },
      },
    },
    (req) => updateMonthlySummary(ctx(req), req.params.creatorId, req.body, { publicUrl: deps.publicUrl }),
  );
};
