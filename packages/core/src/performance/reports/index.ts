import type { ReportName, ReportQuery } from '@evergreen/contracts';
import { reportQuery } from '@evergreen/contracts';
import { queryRows } from '@evergreen/db';
import { sql } from 'drizzle-orm';
import type { ActorCtx, Ctx } from '../../shared/context.ts';
import { AppError, invalid, notFound } from '../../shared/errors.ts';
import { getCompoundingReport } from './compounding.ts';
import { getConversionLagReport } from './conversion-lag.ts';
import { getCreatorResults } from './creator-results.ts';
import { getCreatorsReport } from './creators.ts';
import { type AnyReport, reportCsvText } from './csv.ts';
import { getEngagementReport } from './engagement.ts';
import { getPartnershipsReport } from './partnerships.ts';
import { getPortfolioReport } from './portfolio.ts';

export { getCompoundingReport } from './compounding.ts';
export {
  decodeLags,
  getConversionLagReport,
  type LagRow,
  percentileOf,
  summarizeLags,
} from './conversion-lag.ts';
export { getCreatorResults } from './creator-results.ts';
export { getCreatorsReport } from './creators.ts';
export { reportCsvText, reportTable } from './csv.ts';
export { getEngagementReport } from './engagement.ts';
export { getPartnershipsReport } from './partnerships.ts';
export { resolvePeriod } from './period.ts';
export { getPortfolioReport } from './portfolio.ts';
export { secondsToDays } from './stats.ts';

/** Every report by its name (the API path and the CLI argument). */
export const reports: Record<ReportName, (ctx: ActorCtx, q: ReportQuery) => Promise<AnyReport>> = {
  compounding: getCompoundingReport,
  engagement: getEngagementReport,
  'conversion-lag': getConversionLagReport,
  creators: getCreatorsReport,
  portfolio: getPortfolioReport,
  'partnerships-vs-one-offs': getPartnershipsReport,
  'creator-results': getCreatorResults,
};

export const isReportName = (name: string): name is ReportName => Object.hasOwn(reports, name);

export async function runReport(ctx: ActorCtx, name: string, q: ReportQuery): Promise<AnyReport> {
  if (!isReportName(name)) throw notFound(`Report "${name}"`);
  return reports[name](ctx, q);
}

export interface ReportCsv {
  filename: string;
  /** UTF-8 with a byte order mark, CRLF line ends, formula-like cells neutralised. */
  csv: string;
}

export async function exportReportCsv(ctx: ActorCtx, name: string, q: ReportQuery): Promise<ReportCsv> {
  const data = await runReport(ctx, name, q);
  const period = (data as { period: { from: string; to: string } }).period;
  return {
    filename: `${name}-${period.from}-to-${period.to}.csv`,
    csv: reportCsvText(name as ReportName, data),
  };
}

/**
 * `evergreen report NAME --workspace SLUG [--from D --to D --creator ID] --format json|csv`:
 * the report's JSON (pretty) or CSV, read as the workspace's owner.
 */
export async function reportForCli(
  ctx: Ctx,
  args: { name: string; workspace: string; from?: string; to?: string; creator?: string; format?: string },
): Promise<string> {
  const format = args.format ?? 'json';
  if (format !== 'json' && format !== 'csv') throw invalid('format', 'must be json or csv', 'invalid');
  const [w] = await queryRows<{ id: string }>(
    ctx.db,
    sql`select id from workspaces where slug = ${args.workspace}`,
  );
  if (!w) throw new AppError('not_found', `No workspace with slug ${args.workspace}`);
  const raw = { from: args.from, to: args.to, creatorId: args.creator };
  const parsed = reportQuery.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw invalid(String(issue.path[0] ?? 'query'), issue.message, 'invalid');
  }
  const actor = { workspaceId: w.id, role: 'owner' as const, userId: null, tokenId: null };
  const full = { ...ctx, actor };
  if (format === 'csv') return (await exportReportCsv(full, args.name, parsed.data)).csv;
  return `${JSON.stringify(await runReport(full, args.name, parsed.data), null, 2)}\n`;
}
// What the portfolio composes from the reports (the same measures, sets and exact arithmetic).
export { groupCtes, postIsPartner } from './classify.ts';
export { reportScope } from './common.ts';
export { emptyRaw, measureRows, type RawMeasures, reportSettings, toMeasures } from './measures.ts';
export { formatRatio, type Ratio, ratioString, roundDecimal } from './stats.ts';
