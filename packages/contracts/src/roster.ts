import { z } from 'zod';
import {
  currencyCode,
  httpUrl,
  INT4_MAX,
  isoDateTime,
  language,
  marketCode,
  saneYear,
  uuid,
} from './common.ts';
import { selectionSuggestion } from './selection-suggestion.ts';

export const creatorStatuses = ['prospect', 'active', 'paused', 'alumni'] as const;
export const creatorStatus = z.enum(creatorStatuses);
export type CreatorStatus = z.infer<typeof creatorStatus>;
export const platforms = ['instagram', 'tiktok', 'youtube', 'telegram', 'vk', 'other'] as const;
export const platform = z.enum(platforms);
export type Platform = z.infer<typeof platform>;
export const channels = ['email', 'call', 'video', 'in_person', 'dm', 'other'] as const;
export const channel = z.enum(channels);
export type Channel = z.infer<typeof channel>;
export const touchpointKinds = [
  'check_in',
  'shared_results',
  'asked_opinion',
  'strategy_session',
  'brief',
  'issue',
  'payment',
  'other',
] as const;
export const touchpointKind = z.enum(touchpointKinds);
export type TouchpointKind = z.infer<typeof touchpointKind>;

/** A calendar day, YYYY-MM-DD, in a year from 1900 to 2200 (common.ts: MIN_YEAR, MAX_YEAR). */
export const isoDate = saneYear(
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-03-31')
    .refine(
      (s) =>
        !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
      'is not a real date',
    ),
);
export const tierNumber = z.number().int().min(1).max(3);

export const handle = z.object({
  platform,
  handle: z
    .string()
    .trim()
    .min(1)
    .max(120)
    .transform((h) => h.replace(/^@/, '')),
  url: httpUrl.max(500).nullable().optional(),
});
export type Handle = z.infer<typeof handle>;
/** Handles as answered (no input transform: response schemas must encode both ways). */
export const handleOut = z.object({ platform, handle: z.string(), url: z.string().nullable().optional() });

/** Money: integer minor units (cents, kopecks) and an ISO 4217 code. */
export const rate = z.object({
  deliverableType: z.string().trim().min(1).max(60),
  amountMinor: z.number().int().min(0).max(1e12),
  currency: currencyCode,
});
export type Rate = z.infer<typeof rate>;

export const paymentDetails = z.object({
  method: z.enum(['bank_transfer', 'paypal', 'wise', 'card', 'other']),
  accountHolder: z.string().trim().max(200).optional(),
  /** IBAN, account number, card, PayPal address… */
  account: z.string().trim().min(1).max(200),
  bank: z.string().trim().max(200).optional(),
  notes: z.string().trim().max(1000).optional(),
});
export type PaymentDetails = z.infer<typeof paymentDetails>;

const creatorFields = {
  displayName: z.string().trim().min(1).max(200),
  legalName: z.string().trim().max(200).nullable(),
  /** The name to greet them by in messages; null: derived from the legal name (defaultGreetingName). */
  greetingName: z.string().trim().min(1).max(100).nullable(),
  email: z.email().max(254).nullable(),
  externalId: z.string().trim().min(1).max(200).nullable(),
  tier: tierNumber,
  status: creatorStatus,
  ownerUserId: uuid.nullable(),
  markets: z.array(marketCode).max(50),
  languages: z.array(language).max(10),
  tags: z.array(z.string().trim().min(1).max(60)).max(50),
  briefingStyle: z.string().trim().max(2000).nullable(),
  leadTimeDays: z.number().int().min(0).max(365).nullable(),
  boundaries: z.string().trim().max(2000).nullable(),
  preferredChannel: channel.nullable(),
  notes: z.string().max(20000).nullable(),
  cadenceDaysOverride: z.number().int().min(1).max(3650).nullable(),
  handles: z.array(handle).max(12),
  rates: z.array(rate).max(50),
};

export const createCreatorRequest = z.object({
  ...creatorFields,
  legalName: creatorFields.legalName.optional(),
  greetingName: creatorFields.greetingName.optional(),
  email: creatorFields.email.optional(),
  externalId: creatorFields.externalId.optional(),
  tier: tierNumber.default(3),
  status: creatorStatus.default('prospect'),
  ownerUserId: uuid.nullable().optional(),
  markets: creatorFields.markets.default([]),
  languages: creatorFields.languages.default([]),
  tags: creatorFields.tags.default([]),
  briefingStyle: creatorFields.briefingStyle.optional(),
  leadTimeDays: creatorFields.leadTimeDays.optional(),
  boundaries: creatorFields.boundaries.optional(),
  preferredChannel: creatorFields.preferredChannel.optional(),
  notes: creatorFields.notes.optional(),
  cadenceDaysOverride: creatorFields.cadenceDaysOverride.optional(),
  handles: creatorFields.handles.default([]),
  rates: creatorFields.rates.default([]),
  paymentDetails: paymentDetails.nullable().optional(),
  /** Why this tier (kept on the timeline). */
  tierReason: z.string().trim().max(500).optional(),
});
export type CreateCreatorRequest = z.input<typeof createCreatorRequest>;

/** Tier changes go through changeTierRequest (they need a reason). */
export const updateCreatorRequest = z.object(creatorFields).omit({ tier: true }).partial();
export type UpdateCreatorRequest = z.infer<typeof updateCreatorRequest>;

export const changeTierRequest = z.object({ tier: tierNumber, reason: z.string().trim().min(1).max(500) });

export const checkIn = z.object({
  /** Days between check-ins in force: the creator's own, else the tier's; null = no cadence. */
  cadenceDays: z.number().int().nullable(),
  lastTouchpointOn: isoDate.nullable(),
  nextCheckInOn: isoDate.nullable(),
  /** No touchpoint for more than twice the cadence. */
  goneQuiet: z.boolean(),
  snoozedUntil: isoDate.nullable(),
});
export type CheckIn = z.infer<typeof checkIn>;

export const creatorSummary = z.object({
  id: uuid,
  displayName: z.string(),
  email: z.string().nullable(),
  tier: tierNumber,
  status: creatorStatus,
  ownerUserId: uuid.nullable(),
  ownerName: z.string().nullable(),
  markets: z.array(z.string()),
  languages: z.array(z.string()),
  tags: z.array(z.string()),
  handles: z.array(handleOut),
  checkIn,
});
export type CreatorSummary = z.infer<typeof creatorSummary>;

export const creator = creatorSummary.extend({
  legalName: z.string().nullable(),
  /** Set by hand; null when derived. */
  greetingName: z.string().nullable(),
  /** What messages greet them by when greetingName is null (from the legal name, else the display name). */
  greetingNameDefault: z.string(),
  externalId: z.string().nullable(),
  briefingStyle: z.string().nullable(),
  leadTimeDays: z.number().int().nullable(),
  boundaries: z.string().nullable(),
  preferredChannel: channel.nullable(),
  notes: z.string().nullable(),
  cadenceDaysOverride: z.number().int().nullable(),
  rates: z.array(rate),
  /** Never the details themselves: reveal them with POST …/payment-details/reveal. */
  paymentDetails: z.object({ present: z.boolean(), mask: z.string().nullable() }),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Creator = z.infer<typeof creator>;

export const sortKeys = ['name', 'tier', 'status', 'next_check_in', 'last_touchpoint', 'created'] as const;
const csv = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? (v === '' ? [] : v.split(',')) : v), z.array(item)).optional();
export const creatorListQuery = z.object({
  q: z.string().trim().max(200).optional(),
  tier: csv(z.coerce.number().int().min(1).max(3)),
  status: csv(creatorStatus),
  market: csv(marketCode),
  owner: csv(z.union([uuid, z.literal('none'), z.literal('me')])),
  tag: csv(z.string().min(1).max(60)),
  /** overdue | due (today or overdue) | upcoming (next 7 days) | quiet */
  due: z.enum(['overdue', 'due', 'upcoming', 'quiet']).optional(),
  sort: z.enum(sortKeys).default('name'),
  dir: z.enum(['asc', 'desc']).default('asc'),
});
export type CreatorListQuery = z.input<typeof creatorListQuery>;

export const tierCount = z.object({
  tier: tierNumber,
  name: z.string(),
  count: z.number().int(),
  targetMin: z.number().int().nullable(),
  targetMax: z.number().int().nullable(),
  /** under | over | ok: active creators in the tier against its target range. */
  health: z.enum(['under', 'over', 'ok']),
});
export const creatorList = z.object({
  creators: z.array(creatorSummary),
  total: z.number().int(),
  tiers: z.array(tierCount),
});
export type CreatorList = z.infer<typeof creatorList>;

export const bulkCreatorsRequest = z.object({
  ids: z.array(uuid).min(1).max(5000),
  action: z.discriminatedUnion('type', [
    z.object({ type: z.literal('change_tier'), tier: tierNumber, reason: z.string().trim().min(1).max(500) }),
    z.object({ type: z.literal('assign_owner'), ownerUserId: uuid.nullable() }),
    z.object({ type: z.literal('add_tag'), tag: z.string().trim().min(1).max(60) }),
    z.object({ type: z.literal('set_status'), status: creatorStatus }),
  ]),
});
export const bulkResult = z.object({ updated: z.number().int() });

export const touchpoint = z.object({
  id: uuid,
  creatorId: uuid,
  occurredOn: isoDate,
  channel,
  kind: touchpointKind,
  summary: z.string(),
  byUserId: uuid.nullable(),
  byName: z.string().nullable(),
  /** Time it took, when logged (the portfolio's workload compares it with what the roster needs). */
  minutes: z.number().int().nullable(),
  createdAt: isoDateTime,
});
export type Touchpoint = z.infer<typeof touchpoint>;
export const logTouchpointRequest = z.object({
  occurredOn: isoDate.optional(),
  channel,
  kind: touchpointKind,
  summary: z.string().trim().max(5000).default(''),
  /** Optional: minutes the touchpoint took (0–1440). */
  minutes: z.number().int().min(0).max(1440).optional(),
});
export type LogTouchpointRequest = z.input<typeof logTouchpointRequest>;

export const snoozeRequest = z.object({ until: isoDate, reason: z.string().trim().min(1).max(500) });

export const audienceSnapshot = z.object({
  id: uuid,
  capturedOn: isoDate,
  platform,
  followers: z.number().int().min(0),
  avgEngagementRatePct: z.string().nullable(),
  audienceQualityPct: z.string().nullable(),
});
export const addAudienceSnapshotRequest = z.object({
  capturedOn: isoDate,
  platform,
  followers: z.number().int().min(0).max(INT4_MAX),
  avgEngagementRatePct: z
    .string()
    .regex(/^\d{1,3}(\.\d{1,2})?$/)
    .nullable()
    .optional(),
  audienceQualityPct: z
    .string()
    .regex(/^\d{1,3}(\.\d{1,2})?$/)
    .nullable()
    .optional(),
});

export const timelineEntry = z.object({
  /** touchpoint | created | tier_changed | status_changed | owner_changed | snoozed | imported | … */
  type: z.string(),
  at: isoDateTime,
  /** For touchpoints: the day it happened. */
  on: isoDate.nullable(),
  byName: z.string().nullable(),
  reason: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});
export type TimelineEntry = z.infer<typeof timelineEntry>;

const todayBucket = z.enum(['overdue', 'due', 'upcoming']);
/** What every Today item says: whose it is (the creator, their tier and owner) and when it is due. */
const todayDue = {
  creatorId: uuid,
  creatorName: z.string(),
  tier: tierNumber,
  ownerUserId: uuid.nullable(),
  ownerName: z.string().nullable(),
  dueOn: isoDate,
  daysOverdue: z.number().int(),
};
/** One line of the Today queue: a check-in due. Renewal decisions and payments are their own items. */
export const todayCheckInItem = z.object({
  type: z.literal('check_in'),
  bucket: todayBucket,
  ...todayDue,
  cadenceDays: z.number().int(),
  lastTouchpointOn: isoDate.nullable(),
  goneQuiet: z.boolean(),
  preferredChannel: channel.nullable(),
  email: z.string().nullable(),
  nudge: z.object({
    kind: touchpointKind,
    reason: z.string(),
    templateKey: z.string(),
    /** share_win: the recent post to congratulate them on, with its engagement rate in percent ("4.1"). */
    post: z.object({ title: z.string(), engagementRatePct: z.string() }).nullable(),
    /** ask_opinion: the campaign being planned to ask their view on. */
    campaign: z.object({ name: z.string() }).nullable(),
  }),
});
export type TodayCheckInItem = z.infer<typeof todayCheckInItem>;
/** A renewal-pipeline decision due within 14 days, or past due (docs/agreements.md). */
export const todayRenewalItem = z.object({
  type: z.literal('renewal_decision'),
  bucket: todayBucket,
  ...todayDue,
  decision: z.enum(['month_six', 'rate_review', 'notice_deadline', 'term_end']),
  agreementId: uuid,
  agreementTitle: z.string(),
  autoRenew: z.boolean(),
  renewsOn: isoDate.nullable(),
});
export type TodayRenewalItem = z.infer<typeof todayRenewalItem>;
/** A payment to a creator: unpaid after its due date, or due within 7 days (docs/budgets.md). */
export const todayPaymentItem = z.object({
  type: z.literal('payment'),
  bucket: todayBucket,
  paymentId: uuid,
  ...todayDue,
  amountMinor: z.number().int(),
  /** Already paid of it (a partial payment); the rest is still owed. */
  paidMinor: z.number().int(),
  currency: currencyCode,
  status: z.enum(['scheduled', 'partially_paid']),
  agreementId: uuid.nullable(),
});
export type TodayPaymentItem = z.infer<typeof todayPaymentItem>;
/**
 * A deliverable due within 7 days and not yet live, or past its due date and not live (overdue);
 * one marked missed stays 7 days after its due date (docs/performance.md).
 */
export const todayDeliverableItem = z.object({
  type: z.literal('deliverable'),
  bucket: todayBucket,
  deliverableId: uuid,
  ...todayDue,
  deliverableType: z.string(),
  platform: platform.nullable(),
  title: z.string().nullable(),
  status: z.enum(['planned', 'submitted', 'approved', 'missed']),
  /** Past its due date and not live, or marked missed. */
  missed: z.boolean(),
  agreementId: uuid.nullable(),
  campaignId: uuid.nullable(),
});
export type TodayDeliverableItem = z.infer<typeof todayDeliverableItem>;
export const todayItem = z.discriminatedUnion('type', [
  todayCheckInItem,
  todayRenewalItem,
  todayPaymentItem,
  todayDeliverableItem,
]);
export type TodayItem = z.infer<typeof todayItem>;
export const todayQuery = z.object({ scope: z.enum(['mine', 'team']).default('team') });
export const today = z.object({
  date: isoDate,
  items: z.array(todayItem),
  snoozed: z.number().int(),
  /** Promotion, review and alumni suggestions (docs/selection.md), the first few. */
  suggestions: z.array(selectionSuggestion),
});
export type Today = z.infer<typeof today>;
