import type { PortfolioOverview } from '@evergreen/contracts';

/** What every section of the Portfolio page is given: the workspace, the overview and its period. */
export interface PortfolioSectionProps {
  ws: string;
  data: PortfolioOverview;
  period: { from: string; to: string };
}
