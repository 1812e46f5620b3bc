import {
  idParams,
  portfolioCsvParams,
  portfolioOverview,
  portfolioQuery,
  portfolioSettings,
  updatePortfolioSettingsRequest,
} from '@evergreen/contracts';
import {
  exportPortfolioCsv,
  getPortfolioOverview,
  getPortfolioSettings,
  updatePortfolioSettings,
} from '@evergreen/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../deps.ts';
import { actorContext } from '../context.ts';
import { csvResponse, sendCsv } from '../file-reply.ts';

/** The portfolio page (docs/portfolio.md). Registered inside the workspace scope. */
export const portfolioRoutes: FastifyPluginAsyncZod<AppDeps> = async (r, deps) => {
  const { db, clock } = deps;
  const ctx = actorContext(deps);
  // The page and its tables only read: they may come from a read replica (REPORTS_DATABASE_URL).
  const readDb = deps.reportsDb ?? db;
  const readCtx = actorContext({ db: readDb, clock });
  const P = '/workspaces/:workspaceId/portfolio';
  const tags = ['portfolio'];

  r.get(
    P,
    {
      schema: {
        tags,
        summary:
          'Tier health and bench, concentration (top 20% share, Lorenz curve), Tier 1 turnover, partnership phases, markets, portfolio ROI and workload',
        params: idParams,
        querystring: portfolioQuery,
        response: { 200: portfolioOverview },
      },
    },
    // Kept until the workspace's data changes (kept.ts), checked on the database it reads.
    (req, reply) => r.kept.json(req, reply, readDb, () => getPortfolioOverview(readCtx(req), req.query)),
  );
  r.get(
    `${P}/:table.csv`,
    {
      schema: {
        tags,
        summary: 'A table of the portfolio page as CSV: concentration, markets, phases, workload or turnover',
        params: portfolioCsvParams,
        querystring: portfolioQuery,
        response: csvResponse,
      },
    },
    async (req, reply) =>
      sendCsv(
        reply,
        await r.kept.file(req, readDb, () => exportPortfolioCsv(readCtx(req), req.params.table, req.query)),
      ),
  );
  r.get(
    `${P}/settings`,
    {
      schema: {
        tags,
        summary: 'The concentration warning threshold and the minutes the workload estimate uses',
        params: idParams,
        response: { 200: portfolioSettings },
      },
    },
    (req) => getPortfolioSettings(ctx(req)),
  );
  r.patch(
    `${P}/settings`,
    {
      schema: {
        tags,
        summary: 'Change the concentration threshold or the minutes per touchpoint, brief, review and report',
        params: idParams,
        body: updatePortfolioSettingsRequest,
        response: { 200: portfolioSettings },
      },
    },
    (req) => updatePortfolioSettings(ctx(req), req.body),
  );
};
