import { z } from 'zod';
import { uuid } from './common.ts';
import { isoDate } from './roster.ts';

/** The performance reports (docs/performance.md has every formula); the API and the CLI use these names. */
export const reportNames = [
  'compounding',
  'engagement',
  'conversion-lag',
  'creators',
  'portfolio',
  'partnerships-vs-one-offs',
  'creator-results',
] as const;
export const reportName = z.enum(reportNames);
export type ReportName = z.infer<typeof reportName>;

/** Days are UTC and inclusive; without them the 365 days up to today. */
export const reportQuery = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** compounding, engagement and conversion-lag: only this creator's posts and orders. */
  creatorId: uuid.optional(),
  /**
   * compounding: which posts the curve is over: partnership posts (the default), one-off posts,
   * or all (the default with creatorId) (docs/performance.md, "Partnership vs one-off").
   */
  group: z.enum(['partnership', 'one_off', 'all']).optional(),
});
export type ReportQuery = z.infer<typeof reportQuery>;
export const creatorResultsParams = z.object({ workspaceId: uuid, creatorId: uuid });

/** A decimal string: rates with 6 places ("0.041000"), ROAS/ROI with 4, days with 2. */
const decimal = z.string();
const count = z.number().int();
export const reportPeriod = z.object({ from: isoDate, to: isoDate });
export const partnershipGroup = z.enum(['partnership', 'one_off']);
export type PartnershipGroup = z.infer<typeof partnershipGroup>;

/** Measures of a set of posts and the orders and customers attributed to them, in the reporting currency. */
export const performanceMeasures = z.object({
  /** Sponsored live posts posted in the period. */
  posts: count,
  /** Σ post cost in the reporting currency (posts without a rate left out: see missingRates). */
  costMinor: count,
  /** Σ latest reach (impressions where reach is missing). */
  reach: count,
  /** Mean of per-post rates (engagements ÷ basis, posts with basis > 0), 6 places; null: no such post. */
  engagementRate: decimal.nullable(),
  day1Rate: decimal.nullable(),
  day7Rate: decimal.nullable(),
  /** Attributed orders placed in the period. */
  orders: count,
  revenueMinor: count,
  /** Customers whose first order (in the period) was attributed to the set. */
  customersAcquired: count,
  /** Of those, customers who ordered again within the repeat horizon. */
  repeatCustomers: count,
  /** cost ÷ customers acquired, minor units half to even; null with no customer. */
  cpaMinor: count.nullable(),
  /** revenue ÷ cost, 4 places; null when cost is 0. */
  roas: decimal.nullable(),
  /** (revenue − cost) ÷ cost, 4 places; null when cost is 0. */
  roi: decimal.nullable(),
  /** repeat customers ÷ customers acquired, 6 places. */
  repeatRate: decimal.nullable(),
  /** cost × 1000 ÷ reach, minor units half to even. */
  costPer1000ReachMinor: count.nullable(),
  /** Posts and orders of the set whose amount has no exchange rate into the reporting currency (left out). */
  missingRates: count,
});
export type PerformanceMeasures = z.infer<typeof performanceMeasures>;

export const compoundingPoint = z.object({
  /** 1…12; 13 stands for 13 and later ("13+"). */
  ordinal: z.number().int(),
  label: z.string(),
  posts: count,
  creators: count,
  /** Posts with a basis > 0 (the ones the mean is over). */
  ratedPosts: count,
  engagementRate: decimal.nullable(),
  /** mean(n) ÷ mean(1) − 1, 6 places; null without post 1 data. */
  lift: decimal.nullable(),
});
export const compoundingGroup = z.enum(['partnership', 'one_off', 'all']);
export type CompoundingGroup = z.infer<typeof compoundingGroup>;
export const compoundingReport = z.object({
  period: reportPeriod,
  creatorId: uuid.nullable(),
  /** The posts the curve is over: partnership posts, one-off posts or all. */
  group: compoundingGroup,
  points: z.array(compoundingPoint),
});
export type CompoundingReport = z.infer<typeof compoundingReport>;

export const engagementRow = z.object({
  group: z.enum(['all', 'partnership', 'one_off']),
  posts: count,
  latestRate: decimal.nullable(),
  day1Rate: decimal.nullable(),
  day7Rate: decimal.nullable(),
  latestPosts: count,
  day1Posts: count,
  day7Posts: count,
});
export const engagementReport = z.object({
  period: reportPeriod,
  creatorId: uuid.nullable(),
  rows: z.array(engagementRow),
});
export type EngagementReport = z.infer<typeof engagementReport>;

export const lagSummary = z.object({
  /** Attributed orders in the period with a post before them. */
  orders: count,
  within48h: count,
  within48hShare: decimal.nullable(),
  medianDays: decimal.nullable(),
  p90Days: decimal.nullable(),
  /** Orders by whole days of lag: "0" … "29", "30+". */
  histogram: z.array(z.object({ day: z.string(), orders: count })),
});
export type LagSummary = z.infer<typeof lagSummary>;
export const conversionLagReport = z.object({
  period: reportPeriod,
  creatorId: uuid.nullable(),
  overall: lagSummary,
  partnership: lagSummary,
  oneOff: lagSummary,
  creators: z.array(
    z.object({
      creatorId: uuid,
      name: z.string(),
      orders: count,
      within48h: count,
      within48hShare: decimal.nullable(),
      medianDays: decimal.nullable(),
      p90Days: decimal.nullable(),
    }),
  ),
});
export type ConversionLagReport = z.infer<typeof conversionLagReport>;

/** What every report in money starts with: its period and the reporting currency of its amounts. */
const moneyReportHead = { period: reportPeriod, currency: z.string() };

export const creatorRoiRow = performanceMeasures.extend({
  creatorId: uuid,
  name: z.string(),
  tier: z.number().int(),
  group: partnershipGroup,
  /** Over all the creator's sponsored live posts ever: cost × 1000 ÷ reach. */
  lifeCostMinor: count,
  lifeReach: count,
  lifeCostPer1000ReachMinor: count.nullable(),
});
export type CreatorRoiRow = z.infer<typeof creatorRoiRow>;
export const creatorsReport = z.object({
  ...moneyReportHead,
  creators: z.array(creatorRoiRow),
});
export type CreatorsReport = z.infer<typeof creatorsReport>;

export const portfolioReport = z.object({
  ...moneyReportHead,
  /** Creators with a post or an attributed order in the period. */
  activeCreators: count,
  totals: performanceMeasures,
});
export type PortfolioReport = z.infer<typeof portfolioReport>;

export const partnershipsReport = z.object({
  ...moneyReportHead,
  partnership: performanceMeasures,
  oneOff: performanceMeasures,
});
export type PartnershipsReport = z.infer<typeof partnershipsReport>;

export const recentPost = z.object({
  id: uuid,
  title: z.string().nullable(),
  platform: z.string().nullable(),
  url: z.string().nullable(),
  postedAt: z.string(),
  ordinal: z.number().int().nullable(),
  sponsored: z.boolean(),
  reach: count.nullable(),
  engagementRate: decimal.nullable(),
  day1Rate: decimal.nullable(),
  day7Rate: decimal.nullable(),
  costMinor: count.nullable(),
});
export const creatorResultsReport = z.object({
  ...moneyReportHead,
  creator: z.object({ id: uuid, name: z.string(), tier: z.number().int() }),
  group: partnershipGroup,
  measures: performanceMeasures,
  lifeCostMinor: count,
  lifeReach: count,
  lifeCostPer1000ReachMinor: count.nullable(),
  curve: z.array(compoundingPoint),
  lag: lagSummary,
  /** The last 10 live posts (any period), newest first. */
  recentPosts: z.array(recentPost),
});
export type CreatorResultsReport = z.infer<typeof creatorResultsReport>;
