import { z } from 'zod';
import { currencyCode, httpUrl, isoDateTime, isoDateTimeInput, language, uuid } from './common.ts';
import { messageOutcome } from './messaging.ts';
import { isoDate, platform, tierNumber } from './roster.ts';

export const agreementTypes = ['annual', 'retainer', 'project', 'one_off'] as const;
export const agreementType = z.enum(agreementTypes);
export type AgreementType = z.infer<typeof agreementType>;
export const agreementStatuses = ['draft', 'sent', 'accepted', 'active', 'notice_given', 'ended'] as const;
export const agreementStatus = z.enum(agreementStatuses);
export type AgreementStatus = z.infer<typeof agreementStatus>;
export const noticeBy = z.enum(['brand', 'creator']);
export type NoticeBy = z.infer<typeof noticeBy>;

/** What a retainer includes each month, e.g. sponsored_post × 2, planning_meeting × 1. */
export const inclusion = z.object({
  item: z.string().trim().min(1).max(60),
  quantity: z.number().int().min(1).max(1000),
  note: z.string().trim().max(300).optional(),
});
export type Inclusion = z.infer<typeof inclusion>;

/** A rate per deliverable type, in minor units of the agreement's currency. */
export const agreementRate = z.object({
  deliverableType: z.string().trim().min(1).max(60),
  amountMinor: z.number().int().min(0).max(1e12),
});
export type AgreementRate = z.infer<typeof agreementRate>;

const money = z.number().int().min(0).max(1e12);
/** Percent with up to two decimals, as a string so it stays exact ("10", "7.5"). */
const percent = z.string().regex(/^\d{1,3}(\.\d{1,2})?$/, 'must be a percentage like 10 or 7.5');

const agreementFields = {
  type: agreementType,
  title: z.string().trim().min(1).max(200),
  startsOn: isoDate,
  termMonths: z.number().int().min(1).max(120),
  collaborationsPerYear: z.number().int().min(0).max(1000).nullable(),
  deliverablesPerMonth: z.number().int().min(0).max(1000).nullable(),
  monthlyFeeMinor: money.nullable(),
  feeMinor: money.nullable(),
  currency: currencyCode,
  rates: z.array(agreementRate).max(50),
  inclusions: z.array(inclusion).max(30),
  usagePeriodDays: z.number().int().min(0).max(36500).nullable(),
  paidUsage: z.boolean(),
  whitelisting: z.boolean(),
  exclusivityCategory: z.string().trim().min(1).max(200).nullable(),
  exclusivityDays: z.number().int().min(0).max(3650).nullable(),
  paymentTermsDays: z.number().int().min(0).max(365),
  autoRenew: z.boolean(),
  renewalTermMonths: z.number().int().min(1).max(120).nullable(),
  noticeDays: z.number().int().min(0).max(365),
  reviewMaxAdjustPct: percent,
  language,
  notes: z.string().max(20000).nullable(),
};

export const createAgreementRequest = z.object({
  creatorId: uuid,
  type: agreementType,
  /** Defaults to "<Type> agreement with <creator>". */
  title: agreementFields.title.optional(),
  startsOn: isoDate,
  termMonths: agreementFields.termMonths,
  collaborationsPerYear: agreementFields.collaborationsPerYear.optional(),
  deliverablesPerMonth: agreementFields.deliverablesPerMonth.optional(),
  monthlyFeeMinor: agreementFields.monthlyFeeMinor.optional(),
  feeMinor: agreementFields.feeMinor.optional(),
  currency: currencyCode,
  rates: agreementFields.rates.default([]),
  inclusions: agreementFields.inclusions.default([]),
  usagePeriodDays: agreementFields.usagePeriodDays.optional(),
  paidUsage: z.boolean().default(false),
  whitelisting: z.boolean().default(false),
  exclusivityCategory: agreementFields.exclusivityCategory.optional(),
  exclusivityDays: agreementFields.exclusivityDays.optional(),
  paymentTermsDays: agreementFields.paymentTermsDays.default(30),
  autoRenew: z.boolean().default(false),
  renewalTermMonths: agreementFields.renewalTermMonths.optional(),
  noticeDays: agreementFields.noticeDays.default(30),
  reviewMaxAdjustPct: percent.default('10'),
  language: language.default('en'),
  notes: agreementFields.notes.optional(),
});
export type CreateAgreementRequest = z.input<typeof createAgreementRequest>;

/** Only drafts change; the creator is fixed. */
export const updateAgreementRequest = z.object(agreementFields).partial();
export type UpdateAgreementRequest = z.infer<typeof updateAgreementRequest>;

export const decisionKinds = ['month_six', 'rate_review', 'notice_deadline', 'term_end'] as const;
export const decisionKind = z.enum(decisionKinds);
export type DecisionKind = z.infer<typeof decisionKind>;

export const agreement = z.object({
  id: uuid,
  creatorId: uuid,
  creatorName: z.string(),
  type: agreementType,
  status: agreementStatus,
  title: z.string(),
  startsOn: isoDate,
  termMonths: z.number().int(),
  collaborationsPerYear: z.number().int().nullable(),
  deliverablesPerMonth: z.number().int().nullable(),
  monthlyFeeMinor: z.number().int().nullable(),
  feeMinor: z.number().int().nullable(),
  currency: z.string(),
  rates: z.array(agreementRate),
  inclusions: z.array(
    z.object({ item: z.string(), quantity: z.number().int(), note: z.string().optional() }),
  ),
  usagePeriodDays: z.number().int().nullable(),
  paidUsage: z.boolean(),
  whitelisting: z.boolean(),
  exclusivityCategory: z.string().nullable(),
  exclusivityDays: z.number().int().nullable(),
  paymentTermsDays: z.number().int(),
  autoRenew: z.boolean(),
  renewalTermMonths: z.number().int().nullable(),
  noticeDays: z.number().int(),
  reviewMaxAdjustPct: z.string(),
  language: z.string(),
  notes: z.string().nullable(),
  previousAgreementId: uuid.nullable(),
  /** The next term, once renewed. */
  nextAgreementId: uuid.nullable(),
  termNumber: z.number().int(),
  /**
   * Signed (accepted, or a renewal already in force on paper) but its first day is still ahead:
   * not in force yet. A renewed term waits like this until its start (docs/agreements.md).
   */
  scheduled: z.boolean(),
  sentAt: isoDateTime.nullable(),
  /** This term's own acceptance; a renewed term has none unless it was sent and accepted itself. */
  acceptedAt: isoDateTime.nullable(),
  acceptedName: z.string().nullable(),
  acceptedIp: z.string().nullable(),
  acceptedOnBehalf: z.boolean().nullable(),
  noticeGivenOn: isoDate.nullable(),
  noticeBy: noticeBy.nullable(),
  noticeReason: z.string().nullable(),
  endedOn: isoDate.nullable(),
  extendDecision: z.enum(['extend', 'move_on']).nullable(),
  extendDecisionNotes: z.string().nullable(),
  extendDecidedOn: isoDate.nullable(),
  /** Derived by the renewal rules (docs/agreements.md). */
  dates: z.object({
    /** The last day of this term (inclusive). */
    termEndsOn: isoDate,
    /** The last day notice can be given for the agreement to end with its term. */
    noticeDeadline: isoDate,
    rateReviewOn: isoDate,
    /** First term of an annual agreement or retainer: the extend-or-move-on decision. */
    monthSixOn: isoDate.nullable(),
    /** After notice: the last day the agreement is in force. */
    effectiveEndOn: isoDate.nullable(),
    /** Auto-renewing and no notice: the next term starts on this day. */
    renewsOn: isoDate.nullable(),
  }),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Agreement = z.infer<typeof agreement>;

const csv = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? (v === '' ? [] : v.split(',')) : v), z.array(item)).optional();
export const agreementListQuery = z.object({
  creatorId: uuid.optional(),
  type: csv(agreementType),
  status: csv(agreementStatus),
});
export type AgreementListQuery = z.input<typeof agreementListQuery>;
export const agreementList = z.object({ agreements: z.array(agreement) });

export const acceptAgreementRequest = z.object({
  /** Typed by the person accepting: the creator's display or legal name (any case). */
  acceptedName: z.string().trim().min(1).max(200),
});
export const noticeRequest = z.object({
  by: noticeBy,
  /** Defaults to today; cannot be in the future. */
  givenOn: isoDate.optional(),
  reason: z.string().trim().max(2000).optional(),
});
export const endAgreementRequest = z.object({
  /** Defaults to today. */
  endedOn: isoDate.optional(),
  reason: z.string().trim().max(2000).optional(),
});
/** A reviewed renewal: every change within ±reviewMaxAdjustPct of the current value. */
export const renewAgreementRequest = z.object({
  rates: z.array(agreementRate).max(50).optional(),
  monthlyFeeMinor: money.optional(),
  feeMinor: money.optional(),
  collaborationsPerYear: z.number().int().min(0).max(1000).optional(),
  deliverablesPerMonth: z.number().int().min(0).max(1000).optional(),
});
export type RenewAgreementRequest = z.infer<typeof renewAgreementRequest>;
export const extendDecisionRequest = z.object({
  decision: z.enum(['extend', 'move_on']),
  learned: z.string().trim().min(1).max(5000),
});

/** One upcoming (or missed) decision in the renewal pipeline. */
export const renewalDecision = z.object({
  kind: decisionKind,
  date: isoDate,
  /** Negative when the date has passed. */
  daysLeft: z.number().int(),
  /** The date passed and nothing was decided. */
  pastDue: z.boolean(),
  agreementId: uuid,
  agreementTitle: z.string(),
  agreementType,
  status: agreementStatus,
  termNumber: z.number().int(),
  autoRenew: z.boolean(),
  /** Auto-renewing: "renews automatically on" this day unless notice is given. */
  renewsOn: isoDate.nullable(),
  creatorId: uuid,
  creatorName: z.string(),
  tier: tierNumber,
  ownerUserId: uuid.nullable(),
});
export type RenewalDecision = z.infer<typeof renewalDecision>;
export const renewalsQuery = z.object({ within: z.coerce.number().int().min(0).max(730).default(90) });
export const renewalPipeline = z.object({
  date: isoDate,
  within: z.number().int(),
  items: z.array(renewalDecision),
});
export type RenewalPipeline = z.infer<typeof renewalPipeline>;

export const ledgerItem = z.object({
  item: z.string(),
  included: z.number().int(),
  delivered: z.number().int(),
  /** Cumulative included − delivered at the month's end: > 0 owed by the creator, < 0 delivered ahead. */
  balance: z.number().int(),
  /** Requests of this type not delivered (planned, submitted or missed), through the month's end. */
  openRequests: z.number().int(),
  creatorBehind: z.boolean(),
  brandNotUsing: z.boolean(),
});
export const ledgerMonth = z.object({
  index: z.number().int(),
  from: isoDate,
  to: isoDate,
  /** The month containing today: its flags wait until it is over. */
  inProgress: z.boolean(),
  items: z.array(ledgerItem),
});
export const retainerLedger = z.object({
  agreementId: uuid,
  date: isoDate,
  months: z.array(ledgerMonth),
  /** Deliverables of types the retainer does not include, delivered in the term. */
  extras: z.array(z.object({ item: z.string(), delivered: z.number().int() })),
  creatorBehind: z.array(z.string()),
  brandNotUsing: z.array(z.string()),
});
export type RetainerLedger = z.infer<typeof retainerLedger>;

export const deliverableStatuses = ['planned', 'submitted', 'approved', 'live', 'missed'] as const;
export const deliverableStatus = z.enum(deliverableStatuses);
const deliverableFields = {
  agreementId: uuid.nullable(),
  /** The campaign it belongs to (in this workspace). */
  campaignId: uuid.nullable(),
  /** The brief it fulfils: the brief's campaign and creator must match. */
  briefId: uuid.nullable(),
  /** The id in the system a CSV or the API came from; unique per workspace. */
  externalId: z.string().trim().min(1).max(200).nullable(),
  type: z.string().trim().min(1).max(60),
  platform: platform.nullable(),
  sponsored: z.boolean(),
  title: z.string().trim().max(300).nullable(),
  plannedOn: isoDate.nullable(),
  dueOn: isoDate.nullable(),
  postedAt: isoDateTimeInput.nullable(),
  url: httpUrl.max(1000).nullable(),
  status: deliverableStatus,
  costMinor: money.nullable(),
  costCurrency: currencyCode.nullable(),
};
export const createDeliverableRequest = z.object({
  creatorId: uuid,
  ...deliverableFields,
  agreementId: deliverableFields.agreementId.optional(),
  campaignId: deliverableFields.campaignId.optional(),
  briefId: deliverableFields.briefId.optional(),
  externalId: deliverableFields.externalId.optional(),
  platform: deliverableFields.platform.optional(),
  sponsored: z.boolean().default(true),
  title: deliverableFields.title.optional(),
  plannedOn: deliverableFields.plannedOn.optional(),
  dueOn: deliverableFields.dueOn.optional(),
  postedAt: deliverableFields.postedAt.optional(),
  url: deliverableFields.url.optional(),
  status: deliverableStatus.default('planned'),
  costMinor: deliverableFields.costMinor.optional(),
  costCurrency: deliverableFields.costCurrency.optional(),
});
export type CreateDeliverableRequest = z.input<typeof createDeliverableRequest>;
export const updateDeliverableRequest = z.object(deliverableFields).partial();
export type UpdateDeliverableRequest = z.infer<typeof updateDeliverableRequest>;
export const deliverable = z.object({
  id: uuid,
  creatorId: uuid,
  agreementId: uuid.nullable(),
  campaignId: uuid.nullable(),
  briefId: uuid.nullable(),
  type: z.string(),
  platform: platform.nullable(),
  sponsored: z.boolean(),
  title: z.string().nullable(),
  plannedOn: isoDate.nullable(),
  dueOn: isoDate.nullable(),
  postedAt: isoDateTime.nullable(),
  url: z.string().nullable(),
  status: deliverableStatus,
  costMinor: z.number().int().nullable(),
  costCurrency: z.string().nullable(),
  /** The cost in the reporting currency (rate of the posted, else due day); null = no cost or no rate. */
  costReportingMinor: z.number().int().nullable(),
  externalId: z.string().nullable(),
  /** The nth sponsored live post of this creator by posted time; null for the others. */
  ordinal: z.number().int().nullable(),
  snapshotCount: z.number().int(),
  /** The latest metric snapshot's numbers (docs/performance.md). */
  latestCapturedAt: isoDateTime.nullable(),
  latestImpressions: z.number().int().nullable(),
  latestReach: z.number().int().nullable(),
  latestClicks: z.number().int().nullable(),
  latestVideoViews: z.number().int().nullable(),
  /** likes + comments + shares + saves of the latest snapshot. */
  latestEngagements: z.number().int().nullable(),
  /**
   * Engagements ÷ basis (reach, else impressions) of the latest, day-1 and day-7 snapshots, as
   * exact decimals with 6 places ("0.041000"), rounded half to even; null without a basis.
   */
  engagementRate: z.string().nullable(),
  day1Rate: z.string().nullable(),
  day7Rate: z.string().nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Deliverable = z.infer<typeof deliverable>;
const flag = z.preprocess(
  (v) => (v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : v),
  z.boolean(),
);
export const deliverableListQuery = z.object({
  creatorId: uuid.optional(),
  agreementId: uuid.optional(),
  campaignId: uuid.optional(),
  status: csv(deliverableStatus),
  sponsored: flag.optional(),
  /** Due dates from/to, inclusive. */
  dueFrom: isoDate.optional(),
  dueTo: isoDate.optional(),
  /** Posted days (UTC) from/to, inclusive. */
  postedFrom: isoDate.optional(),
  postedTo: isoDate.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  offset: z.coerce.number().int().min(0).default(0),
});
export type DeliverableListQuery = z.input<typeof deliverableListQuery>;
export const deliverableList = z.object({
  deliverables: z.array(deliverable),
  /** All deliverables matching the filters (the page is `limit` from `offset`). */
  total: z.number().int(),
});

/** The email sent with an agreement, as the manager edited it (both, or neither: the built-in text). */
export const sendAgreementRequest = z
  .object({
    subject: z.string().trim().min(1).max(300).optional(),
    body: z.string().trim().min(1).max(50000).optional(),
  })
  .refine((v) => (v.subject === undefined) === (v.body === undefined), {
    message: 'give subject and body together',
    path: ['subject'],
  });
export type SendAgreementRequest = z.infer<typeof sendAgreementRequest>;

export const sendAgreementResult = z.object({
  agreement,
  /** The email to the creator: sent, queued (and why), or to send by hand. */
  outcome: messageOutcome,
});
export type SendAgreementResult = z.infer<typeof sendAgreementResult>;
