import { z } from 'zod';
import { idParams, uuid } from './common.ts';
import { performanceMeasures, reportPeriod } from './reports.ts';
import { creatorStatus, isoDate, tierCount } from './roster.ts';

/** docs/portfolio.md. Decimal strings: shares and rates with 4 places ("0.6250"), hours with 2. */
const decimal = z.string();
const count = z.number().int();

/** The portfolio page's settings (one row per workspace; without one, these defaults). */
export const portfolioSettings = z.object({
  /** Warn when the top 20% of creators bring more than this percent of revenue (or reach). */
  concentrationWarnPct: z.number().int().min(1).max(100),
  /** Minutes one touchpoint (check-in) takes. */
  touchpointMinutes: z.number().int().min(0).max(1440),
  /** Minutes to brief one collaboration. */
  briefMinutes: z.number().int().min(0).max(1440),
  /** Minutes to review one collaboration's content. */
  reviewMinutes: z.number().int().min(0).max(1440),
  /** Minutes to report on one collaboration. */
  reportMinutes: z.number().int().min(0).max(1440),
});
export type PortfolioSettings = z.infer<typeof portfolioSettings>;
export const DEFAULT_PORTFOLIO_SETTINGS: PortfolioSettings = {
  concentrationWarnPct: 60,
  touchpointMinutes: 45,
  briefMinutes: 90,
  reviewMinutes: 60,
  reportMinutes: 45,
};
export const updatePortfolioSettingsRequest = portfolioSettings.partial().strict();
export type UpdatePortfolioSettingsRequest = z.infer<typeof updatePortfolioSettingsRequest>;

/** Days are inclusive; without them the 365 days up to today (as the reports). */
export const portfolioQuery = z.object({ from: isoDate.optional(), to: isoDate.optional() });
export type PortfolioQuery = z.infer<typeof portfolioQuery>;

export const portfolioTables = ['concentration', 'markets', 'phases', 'workload', 'turnover'] as const;
export const portfolioTable = z.enum(portfolioTables);
export type PortfolioTable = z.infer<typeof portfolioTable>;
export const portfolioCsvParams = idParams.extend({ table: portfolioTable });

export const benchCreator = z.object({
  creatorId: uuid,
  name: z.string(),
  tier: count,
  status: creatorStatus,
});

export const tierHealthRow = tierCount.extend({
  /** Creators to add (under the minimum, positive) or over the maximum (negative); 0 within range. */
  gap: count,
});

export const concentrationRow = z.object({
  creatorId: uuid,
  name: z.string(),
  tier: count,
  /** Revenue in minor units of the reporting currency, or reach (see `basis`). */
  value: count,
  /** value ÷ the roster's total, 4 places; null when the total is 0. */
  share: decimal.nullable(),
  inTop: z.boolean(),
  costMinor: count,
  revenueMinor: count,
  /** This creator's ROI over the period, 4 places; null when their cost is 0. */
  roi: decimal.nullable(),
});
export const lorenzPoint = z.object({
  /** Share of creators (poorest first), 4 places. */
  creators: decimal,
  /** Share of the value they bring together, 4 places. */
  value: decimal,
});
export const concentration = z.object({
  /** revenue: attributed revenue in the period; reach: no creator has revenue, so reach instead. */
  basis: z.enum(['revenue', 'reach']),
  /** Active creators and any creator with a post or attributed order in the period. */
  creators: count,
  /** ⌈20% of creators⌉. */
  topCount: count,
  /** Share of the value from the top `topCount` creators, 4 places; null when nobody has any. */
  topShare: decimal.nullable(),
  warnPct: count,
  warning: z.boolean(),
  lorenz: z.array(lorenzPoint),
  /** Gini coefficient of the value, 4 places (0 = even, 1 = all from one creator). */
  gini: decimal.nullable(),
  rows: z.array(concentrationRow),
});

export const turnoverLeaver = z.object({ creatorId: uuid, name: z.string(), on: isoDate, to: z.string() });
export const turnover = z.object({
  from: isoDate,
  to: isoDate,
  /** Creators who left Tier 1 (tier changed from 1, or status to prospect/alumni while in Tier 1). */
  left: count,
  /** Creators who joined Tier 1 in the window. */
  joined: count,
  /** Tier 1 size on the same day of each of the last 12 months (the oldest first, today last). */
  samples: z.array(z.object({ on: isoDate, size: count })),
  /** Mean of the samples, 2 places. */
  averageSize: decimal,
  /** left ÷ averageSize, 4 places; null when Tier 1 was empty. */
  rate: decimal.nullable(),
  expectedMin: decimal,
  expectedMax: decimal,
  status: z.enum(['below', 'within', 'above']).nullable(),
  leavers: z.array(turnoverLeaver),
});

export const partnershipPhase = z.enum([
  'upcoming',
  'building',
  'optimising',
  'scaling',
  'extend_or_move_on',
  'extended',
  'moving_on',
]);
export type PartnershipPhase = z.infer<typeof partnershipPhase>;
export const phaseRow = z.object({
  creatorId: uuid,
  name: z.string(),
  tier: count,
  agreementId: uuid,
  agreementType: z.enum(['annual', 'retainer']),
  /** The first day of the partnership (its first annual or retainer term). */
  startedOn: isoDate,
  /** 1 in the first month from the start; 0 before it. */
  month: count,
  phase: partnershipPhase,
});

export const marketRow = z.object({
  /** The creator's first-listed market; null for creators without one. */
  market: z.string().nullable(),
  creators: count,
  costMinor: count,
  revenueMinor: count,
  roi: decimal.nullable(),
});

export const workloadTier = z.object({
  tier: count,
  creators: count,
  checkInsPerWeek: decimal,
  collaborationsPerWeek: decimal,
  hoursPerWeek: decimal,
});
export const workloadMember = z.object({
  /** The creators' owner; null for creators without one (and time logged by nobody known). */
  userId: uuid.nullable(),
  name: z.string().nullable(),
  creators: count,
  hoursPerWeek: decimal,
  /** Minutes logged on touchpoints over the last 28 days ÷ 4, in hours. */
  loggedHoursPerWeek: decimal,
});
export const workload = z.object({
  settings: portfolioSettings,
  /** The days logged time is read over (the last 28 days up to today). */
  loggedFrom: isoDate,
  loggedTo: isoDate,
  hoursPerWeek: decimal,
  loggedHoursPerWeek: decimal,
  /** Touchpoints in those days without minutes (not in the logged hours). */
  touchpointsWithoutMinutes: count,
  tiers: z.array(workloadTier),
  members: z.array(workloadMember),
});

export const portfolioOverview = z.object({
  period: reportPeriod,
  today: isoDate,
  currency: z.string(),
  tiers: z.array(tierHealthRow),
  /** Prospects: creators not yet on the roster, the candidates to fill a tier. */
  bench: z.array(benchCreator),
  benchTotal: count,
  concentration,
  turnover,
  phases: z.array(phaseRow),
  markets: z.array(marketRow),
  /** The whole portfolio's measures (the portfolio report) beside the creators' own ROI. */
  portfolio: z.object({
    activeCreators: count,
    measures: performanceMeasures,
    /** Median of the creators' ROI (creators with a cost), 4 places. */
    medianCreatorRoi: decimal.nullable(),
    /** Creators with a positive ROI, of those with a cost. */
    creatorsProfitable: count,
    creatorsWithCost: count,
  }),
  workload,
});
export type PortfolioOverview = z.infer<typeof portfolioOverview>;
