import { z } from 'zod';
import { isoDateTime, marketCode, uuid } from './common.ts';
import { isoDate } from './roster.ts';
import { insightKind } from './selection.ts';

/**
 * The creator portal's read side and the creator's voice (docs/portal.md, "Results",
 * "Feedback", "Overlap calendar"). Everything here is about the signed-in creator only: no other
 * creator's name, id or figure is ever in these shapes.
 */

const count = z.number().int();
const decimal = z.string();

/** The creator's measures over a span of days (both ends included), from the performance facts. */
export const portalResultsSpan = z.object({
  from: isoDate,
  to: isoDate,
  /** Sponsored live posts posted in the span. */
  posts: count,
  /** Σ latest reach (impressions where reach is missing). */
  reach: count,
  /** Mean of per-post rates (engagements ÷ basis), 6 places; null without a post with reach. */
  engagementRate: decimal.nullable(),
  /** Orders attributed to the creator's codes and links, placed in the span. */
  orders: count,
  /** Their revenue net of refunds, in the brand's reporting currency (minor units). */
  revenueMinor: count,
  /** New customers whose first order was attributed to the creator. */
  customersAcquired: count,
});
export type PortalResultsSpan = z.infer<typeof portalResultsSpan>;

/** One of the creator's sponsored live posts, by its number (their 1st, 2nd, … with the brand). */
export const portalResultsPost = z.object({
  id: uuid,
  ordinal: count,
  title: z.string().nullable(),
  platform: z.string().nullable(),
  url: z.string().nullable(),
  postedAt: isoDateTime,
  reach: count.nullable(),
  engagements: count.nullable(),
  /** engagements ÷ reach, 6 places. */
  engagementRate: decimal.nullable(),
  /** This post's rate − the creator's own average rate over all their posts, 6 places. */
  vsAverage: decimal.nullable(),
  /** Orders attributed to this post (all time). */
  orders: count,
  revenueMinor: count,
});
export type PortalResultsPost = z.infer<typeof portalResultsPost>;

/** One of the creator's promo codes or links, with the orders it brought (all time). */
export const portalResultsTracker = z.object({
  kind: z.enum(['promo_code', 'link']),
  /** The code, or the link's URL. */
  label: z.string(),
  orders: count,
  revenueMinor: count,
});

/** What the brand learned: an insight the team chose to share with this creator. */
export const portalLearned = z.object({
  id: uuid,
  kind: insightKind,
  market: z.string().nullable(),
  product: z.string().nullable(),
  body: z.string(),
  heardOn: isoDate,
});
export type PortalLearned = z.infer<typeof portalLearned>;

export const portalResults = z.object({
  /** The brand's reporting currency: every amount here is in it. */
  currency: z.string(),
  /** The last 90 days up to today, and the 90 days before: the creator against themselves. */
  recent: portalResultsSpan,
  earlier: portalResultsSpan,
  /** The creator's own average engagement rate over all their posts, 6 places. */
  averageEngagementRate: decimal.nullable(),
  /** Every sponsored live post, 1st first. */
  posts: z.array(portalResultsPost),
  trackers: z.array(portalResultsTracker),
  learned: z.array(portalLearned),
});
export type PortalResults = z.infer<typeof portalResults>;

/** The creator's feedback or market insight to the brand (heard on today); leave out what they do not know. */
export const portalInsightRequest = z.object({
  kind: insightKind,
  market: marketCode.optional(),
  product: z.string().trim().min(1).max(200).optional(),
  body: z.string().trim().min(1).max(4000),
});
export type PortalInsightRequest = z.infer<typeof portalInsightRequest>;

/** What the creator sent, as they see it again. */
export const portalSentInsight = portalLearned;
export const portalInsightList = z.object({ insights: z.array(portalSentInsight) });
export type PortalInsightList = z.infer<typeof portalInsightList>;

/**
 * A period when the brand has other creators posting on the same product in the same market as
 * one of this creator's windows. Never who: no name, no id, no handle.
 */
export const portalBusyPeriod = z.object({
  product: z.string(),
  market: z.string(),
  from: isoDate,
  to: isoDate,
  /** How many other posts fall in it. */
  posts: count,
});
export type PortalBusyPeriod = z.infer<typeof portalBusyPeriod>;

/** One of the creator's windows: a campaign they post in, from its start to its end. */
export const portalWindow = z.object({
  campaign: z.string(),
  from: isoDate,
  to: isoDate,
  products: z.array(z.string()),
  markets: z.array(z.string()),
  /** The creator's own posts in it with their due (or planned, or posted) day. */
  myPosts: z.array(z.object({ title: z.string().nullable(), on: isoDate.nullable() })),
  busy: z.array(portalBusyPeriod),
});
export type PortalWindow = z.infer<typeof portalWindow>;

export const portalOverlap = z.object({ windows: z.array(portalWindow) });
export type PortalOverlap = z.infer<typeof portalOverlap>;
