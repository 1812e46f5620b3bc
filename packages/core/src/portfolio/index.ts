export { exportPortfolioCsv, portfolioTable } from './csv.ts';
export { getPortfolioOverview, LOGGED_DAYS } from './overview.ts';
export {
  concentrationOf,
  concentrationWarns,
  creatorWeeklyMinutes,
  EXPECTED_TURNOVER,
  inTier1,
  monthsBefore,
  partnershipMonth,
  phaseOf,
  turnoverOf,
  workloadOf,
} from './rules.ts';
export { getPortfolioSettings, updatePortfolioSettings } from './settings.ts';
