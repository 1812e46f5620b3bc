import {
  compoundingReport,
  conversionLagReport,
  creatorResultsParams,
  creatorResultsReport,
  creatorsReport,
  engagementReport,
  idParams,
  partnershipsReport,
  portfolioReport,
  type ReportName,
  reportQuery,
} from '@evergreen/contracts';
import { exportReportCsv, getCreatorResults, runReport } from '@evergreen/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { AppDeps } from '../../deps.ts';
import { actorContext } from '../context.ts';
import { csvResponse, sendCsv } from '../file-reply.ts';

/** The workspace-wide reports: name → response schema and summary (docs/performance.md). */
const workspaceReports: {
  name: Exclude<ReportName, 'creator-results'>;
  schema: z.ZodType;
  summary: string;
}[] = [
  {
    name: 'compounding',
    schema: compoundingReport,
    summary: 'Engagement rate by sponsored-post ordinal (1…12, 13+) with the lift over post 1',
  },
  {
    name: 'engagement',
    schema: engagementReport,
    summary: 'Day-1, day-7 and latest engagement rates, overall and partnership vs one-off',
  },
  {
    name: 'conversion-lag',
    schema: conversionLagReport,
    summary: 'Lag from post to attributed order: share within 48 h, median, 90th percentile, histogram',
  },
  {
    name: 'creators',
    schema: creatorsReport,
    summary: 'ROI by creator: cost, reach, engagement, orders, revenue, CPA, ROAS, ROI, repeat rate',
  },
  { name: 'portfolio', schema: portfolioReport, summary: "The workspace's totals and ROI over the period" },
  {
    name: 'partnerships-vs-one-offs',
    schema: partnershipsReport,
    summary: 'The same measures for partnership posts and one-off posts, side by side',
  },
];

/**
 * Performance reports (docs/performance.md): `GET …/reports/<name>` answers JSON, `…/reports/<name>.csv`
 * the same as CSV. Analysts can read them. Registered inside the workspace scope.
 */
export const reportRoutes: FastifyPluginAsyncZod<AppDeps> = async (r, deps) => {
  // Reports only read: with REPORTS_DATABASE_URL they come from a read replica. Who may read them
  // was decided on the primary already (workspaceScope), so a revoked member is refused at once.
  // Kept answers (kept.ts) take their snapshot and check for changes on that same database.
  const readDb = deps.reportsDb ?? deps.db;
  const ctx = actorContext({ db: readDb, clock: deps.clock });
  const P = '/workspaces/:workspaceId/reports';
  const tags = ['reports'];

  for (const rep of workspaceReports) {
    r.get(
      `${P}/${rep.name}`,
      {
        schema: {
          tags,
          summary: rep.summary,
          params: idParams,
          querystring: reportQuery,
          response: { 200: rep.schema },
        },
      },
      (req, reply) => r.kept.json(req, reply, readDb, () => runReport(ctx(req), rep.name, req.query)),
    );
    r.get(
      `${P}/${rep.name}.csv`,
      {
        schema: {
          tags,
          summary: `${rep.summary} (CSV)`,
          params: idParams,
          querystring: reportQuery,
          response: csvResponse,
        },
      },
      async (req, reply) =>
        sendCsv(reply, await r.kept.file(req, readDb, () => exportReportCsv(ctx(req), rep.name, req.query))),
    );
  }

  const creatorQuery = reportQuery.omit({ creatorId: true });
  r.get(
    `${P}/creator-results/:creatorId`,
    {
      schema: {
        tags,
        summary: "A creator's results: measures, compounding curve, conversion lag, last 10 posts",
        params: creatorResultsParams,
        querystring: creatorQuery,
        response: { 200: creatorResultsReport },
      },
    },
    (req, reply) =>
      r.kept.json(req, reply, readDb, () =>
        getCreatorResults(ctx(req), { ...req.query, creatorId: req.params.creatorId }),
      ),
  );
  r.get(
    `${P}/creator-results/:creatorId.csv`,
    {
      schema: {
        tags,
        summary: "A creator's results measures as CSV",
        params: creatorResultsParams,
        querystring: creatorQuery,
        response: csvResponse,
      },
    },
    async (req, reply) =>
      sendCsv(
        reply,
        await r.kept.file(req, readDb, () =>
          exportReportCsv(ctx(req), 'creator-results', { ...req.query, creatorId: req.params.creatorId }),
        ),
      ),
  );
};
