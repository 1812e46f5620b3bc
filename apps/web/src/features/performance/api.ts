import {
  type CompoundingGroup,
  type CompoundingReport,
  type ConversionLagReport,
  type CreatorResultsReport,
  type CreatorsReport,
  compoundingReport,
  conversionLagReport,
  creatorResultsReport,
  creatorsReport,
  type EngagementReport,
  engagementReport,
  type PartnershipsReport,
  type PortfolioReport,
  partnershipsReport,
  portfolioReport,
  type ReportName,
} from '@evergreen/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { API_BASE, api, type Parser } from '../../shared/api/client.ts';
import { areaKey } from '../../shared/api/invalidation.ts';
import type { PeriodRange } from './numbers.ts';

export interface Reports {
  compounding: CompoundingReport;
  engagement: EngagementReport;
  'conversion-lag': ConversionLagReport;
  creators: CreatorsReport;
  portfolio: PortfolioReport;
  'partnerships-vs-one-offs': PartnershipsReport;
  'creator-results': CreatorResultsReport;
}

const schemas: { [K in ReportName]: Parser<Reports[K]> } = {
  compounding: compoundingReport,
  engagement: engagementReport,
  'conversion-lag': conversionLagReport,
  creators: creatorsReport,
  portfolio: portfolioReport,
  'partnerships-vs-one-offs': partnershipsReport,
  'creator-results': creatorResultsReport,
};

export interface ReportParams extends PeriodRange {
  creatorId?: string | undefined;
  /** compounding: partnership posts (the server's default), one-offs or all. */
  group?: CompoundingGroup | undefined;
}

export const performanceKeys = {
  all: (ws: string) => areaKey(ws, 'reports'),
  report: (ws: string, name: ReportName, p: ReportParams) =>
    ['workspaces', ws, 'reports', name, p.from, p.to, p.creatorId ?? null, p.group ?? null] as const,
};

/**
 * Where a report lives: `reports/<name>?from&to[&creatorId]`, except a creator's results, which
 * are `reports/creator-results/<creatorId>?from&to`. `.csv` after the path gives the CSV.
 */
function reportPath(ws: string, name: ReportName, p: ReportParams, csv = false): string {
  const qs = new URLSearchParams({ from: p.from, to: p.to });
  let path = `/workspaces/${ws}/reports/${name}`;
  if (name === 'creator-results') path += `/${p.creatorId ?? ''}`;
  else if (p.creatorId) qs.set('creatorId', p.creatorId);
  if (p.group) qs.set('group', p.group);
  return `${path}${csv ? '.csv' : ''}?${qs.toString()}`;
}

/** GET one report for a period (and a creator where the report takes one). */
export function useReport<K extends ReportName>(
  ws: string,
  name: K,
  params: ReportParams,
  options: { enabled?: boolean } = {},
) {
  return useQuery<Reports[K]>({
    enabled: options.enabled ?? true,
    queryKey: performanceKeys.report(ws, name, params),
    queryFn: ({ signal }) => api.get(reportPath(ws, name, params), schemas[name], { signal }),
    // Switching the period keeps the old numbers on screen until the new ones arrive.
    placeholderData: keepPreviousData,
  });
}

/** The CSV of a report for the same period (same origin: the session cookie applies). */
export function reportCsvUrl(ws: string, name: ReportName, params: ReportParams): string {
  return `${API_BASE}${reportPath(ws, name, params, true)}`;
}
