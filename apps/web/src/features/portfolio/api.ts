import {
  type PortfolioOverview,
  type PortfolioSettings,
  type PortfolioTable,
  portfolioOverview,
  portfolioSettings,
  type UpdatePortfolioSettingsRequest,
} from '@evergreen/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { API_BASE, api } from '../../shared/api/client.ts';
import { useWorkspaceMutation } from '../../shared/api/invalidation.ts';
import type { PeriodRange } from '../performance/numbers.ts';

/** The page reads results, the roster, agreements and touchpoints: it lives in the reports area. */
export const portfolioKeys = {
  overview: (ws: string, p: PeriodRange) =>
    ['workspaces', ws, 'reports', 'portfolio-page', p.from, p.to] as const,
  settings: (ws: string) => ['workspaces', ws, 'reports', 'portfolio-settings'] as const,
};

const base = (ws: string) => `/workspaces/${ws}/portfolio`;
const qs = (p: PeriodRange) => new URLSearchParams({ from: p.from, to: p.to }).toString();

export function usePortfolio(ws: string, period: PeriodRange) {
  return useQuery<PortfolioOverview>({
    queryKey: portfolioKeys.overview(ws, period),
    queryFn: ({ signal }) => api.get(`${base(ws)}?${qs(period)}`, portfolioOverview, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useSavePortfolioSettings(ws: string) {
  return useWorkspaceMutation(ws, {
    writes: 'portfolioSettings',
    mutationFn: (body: UpdatePortfolioSettingsRequest): Promise<PortfolioSettings> =>
      api.patch(`${base(ws)}/settings`, body, portfolioSettings),
  });
}

export const portfolioCsvUrl = (ws: string, table: PortfolioTable, period: PeriodRange) =>
  `${API_BASE}${base(ws)}/${table}.csv?${qs(period)}`;
