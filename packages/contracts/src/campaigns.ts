import { z } from 'zod';
import { currencyCode, int4, isoDateTime, language, marketCode, uuid } from './common.ts';
import { messageOutcome, messagePreview } from './messaging.ts';
import { creatorStatus, isoDate, platform, tierNumber } from './roster.ts';

export const campaignStatuses = ['planning', 'active', 'done', 'cancelled'] as const;
export const campaignStatus = z.enum(campaignStatuses);
export type CampaignStatus = z.infer<typeof campaignStatus>;

/** CampaignBudget: integer minor units and an ISO 4217 code. */
export const campaignBudget = z.object({
  amountMinor: z.number().int().min(0).max(1e13),
  currency: currencyCode,
});
export type CampaignBudget = z.infer<typeof campaignBudget>;

/** An exact decimal as a string ("20", "12.5"): a target value such as a share of customers. */
export const targetValueString = z
  .string()
  .regex(/^-?\d{1,12}(\.\d{1,2})?$/, 'must be a number with at most two decimals, e.g. 20 or 12.5');

/** A strategic launch prefers Tier 1 partners in the suggestions (docs/selection.md). */
export const campaignKinds = ['regular', 'strategic_launch'] as const;
export const campaignKind = z.enum(campaignKinds);

const campaignFields = {
  name: z.string().trim().min(1).max(200),
  kind: campaignKind,
  products: z.array(z.string().trim().min(1).max(120)).max(50),
  markets: z.array(marketCode).max(50),
  startsOn: isoDate,
  endsOn: isoDate,
  status: campaignStatus,
  /** The business outcome in words ("reach 20% of customers in segment Y"). */
  outcome: z.string().trim().max(2000).nullable(),
  targetMetric: z.string().trim().min(1).max(200).nullable(),
  targetValue: targetValueString.nullable(),
  budget: campaignBudget.nullable(),
};

const endsAfterStart = (v: { startsOn?: string | undefined; endsOn?: string | undefined }) =>
  v.startsOn === undefined || v.endsOn === undefined || v.endsOn >= v.startsOn;
const endsAfterStartMessage = { message: 'must be on or after startsOn', path: ['endsOn'] };

export const createCampaignRequest = z
  .object({
    ...campaignFields,
    products: campaignFields.products.default([]),
    markets: campaignFields.markets.default([]),
    status: campaignStatus.default('planning'),
    kind: campaignKind.default('regular'),
    outcome: campaignFields.outcome.optional(),
    targetMetric: campaignFields.targetMetric.optional(),
    targetValue: campaignFields.targetValue.optional(),
    budget: campaignFields.budget.optional(),
  })
  .refine(endsAfterStart, endsAfterStartMessage);
export type CreateCampaignRequest = z.input<typeof createCampaignRequest>;

/** Any subset of fields; the dates are checked against the stored ones too. */
export const updateCampaignRequest = z
  .object(campaignFields)
  .partial()
  .refine(endsAfterStart, endsAfterStartMessage);
export type UpdateCampaignRequest = z.infer<typeof updateCampaignRequest>;

export const campaign = z.object({
  id: uuid,
  name: z.string(),
  products: z.array(z.string()),
  markets: z.array(z.string()),
  startsOn: isoDate,
  endsOn: isoDate,
  status: campaignStatus,
  kind: campaignKind,
  outcome: z.string().nullable(),
  targetMetric: z.string().nullable(),
  targetValue: z.string().nullable(),
  budget: campaignBudget.nullable(),
  /** Briefs in the campaign, and how many of them are accepted (or accepted with a change pending). */
  briefCount: z.number().int(),
  acceptedCount: z.number().int(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Campaign = z.infer<typeof campaign>;

const csv = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? (v === '' ? [] : v.split(',')) : v), z.array(item)).optional();

export const campaignListQuery = z.object({
  q: z.string().trim().max(200).optional(),
  status: csv(campaignStatus),
  market: csv(marketCode),
  product: z.string().trim().min(1).max(120).optional(),
  /** Campaigns whose dates touch [from, to]. */
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export type CampaignListQuery = z.input<typeof campaignListQuery>;
export const campaignList = z.object({ campaigns: z.array(campaign), total: z.number().int() });
export type CampaignList = z.infer<typeof campaignList>;

// ---- Briefs ---------------------------------------------------------------------------------

export const briefStatuses = [
  'draft',
  'sent',
  'accepted',
  'change_requested',
  'done',
  'cancelled',
  'declined',
] as const;
export const briefStatus = z.enum(briefStatuses);
export type BriefStatus = z.infer<typeof briefStatus>;

export const deliverableSpec = z.object({
  /** sponsored_post, story, reel, video, … */
  type: z.string().trim().min(1).max(60),
  platform: platform.optional(),
  quantity: z.number().int().min(1).max(1000),
  dueOn: isoDate.nullable().optional(),
});
export type DeliverableSpec = z.infer<typeof deliverableSpec>;
/** As answered (no defaults or transforms). */
export const deliverableSpecOut = z.object({
  type: z.string(),
  platform: platform.optional(),
  quantity: z.number().int(),
  dueOn: isoDate.nullable().optional(),
});

const briefContent = {
  title: z.string().trim().min(1).max(200),
  body: z.string().max(50000),
  deliverables: z.array(deliverableSpec).max(50),
  dueOn: isoDate.nullable(),
};

export const createBriefRequest = z.object({
  creatorId: uuid,
  ...briefContent,
  body: briefContent.body.default(''),
  deliverables: briefContent.deliverables.default([]),
  dueOn: briefContent.dueOn.optional(),
});
export type CreateBriefRequest = z.input<typeof createBriefRequest>;

/**
 * A change to a brief: the fields given replace the previous version's. Before the creator
 * accepts, it is a new version; after, it becomes a change request and needs a changeNote.
 */
export const editBriefRequest = z
  .object({
    ...briefContent,
    /** Why it changes, in words the creator will read. Required once the brief is accepted. */
    changeNote: z.string().trim().min(1).max(2000),
  })
  .partial()
  .refine(
    (v) =>
      v.title !== undefined || v.body !== undefined || v.deliverables !== undefined || v.dueOn !== undefined,
    { message: 'change at least one of title, body, deliverables, dueOn', path: ['title'] },
  );
export type EditBriefRequest = z.infer<typeof editBriefRequest>;

/** Accepting names the version read, and the name typed as a signature. */
export const acceptBriefRequest = z.object({
  version: int4.min(1),
  name: z.string().trim().min(2).max(200),
});
export type AcceptBriefRequest = z.infer<typeof acceptBriefRequest>;

export const respondChangeRequest = z
  .object({
    version: int4.min(1),
    decision: z.enum(['accept', 'decline']),
    /** The typed name; required to accept. */
    name: z.string().trim().min(2).max(200).optional(),
    note: z.string().trim().max(2000).optional(),
  })
  .refine((v) => v.decision === 'decline' || v.name !== undefined, {
    message: 'type the name to accept',
    path: ['name'],
  });
export type RespondChangeRequest = z.infer<typeof respondChangeRequest>;

/** The creator declines a sent brief (its current version), saying why. */
export const declineBriefRequest = z.object({
  version: int4.min(1),
  reason: z.string().trim().min(1).max(2000),
});
export type DeclineBriefRequest = z.infer<typeof declineBriefRequest>;

export const briefWarning = z.object({
  /** urgent: due sooner than the creator's preferred lead time. */
  code: z.literal('urgent'),
  leadTimeDays: z.number().int(),
  daysUntilDue: z.number().int(),
  dueOn: isoDate,
});
export type BriefWarning = z.infer<typeof briefWarning>;

export const lineDiff = z.object({ op: z.enum(['same', 'add', 'remove']), text: z.string() });
export type LineDiff = z.infer<typeof lineDiff>;

/** What changed from the base version, field by field (absent fields did not change). */
export const briefDiff = z.object({
  title: z.object({ from: z.string(), to: z.string() }).optional(),
  body: z.array(lineDiff).optional(),
  deliverables: z
    .object({
      added: z.array(deliverableSpecOut),
      removed: z.array(deliverableSpecOut),
      changed: z.array(z.object({ from: deliverableSpecOut, to: deliverableSpecOut })),
    })
    .optional(),
  dueOn: z.object({ from: isoDate.nullable(), to: isoDate.nullable() }).optional(),
});
export type BriefDiff = z.infer<typeof briefDiff>;

export const briefVersion = z.object({
  version: z.number().int(),
  kind: z.enum(['edit', 'change_request']),
  title: z.string(),
  body: z.string(),
  deliverables: z.array(deliverableSpecOut),
  dueOn: isoDate.nullable(),
  changeNote: z.string().nullable(),
  /** Change requests only: pending, accepted or declined. */
  changeStatus: z.enum(['pending', 'accepted', 'declined']).nullable(),
  /** The creator's reason when they declined this change request. */
  decisionNote: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: isoDateTime,
  decidedAt: isoDateTime.nullable(),
  /** The version this one is compared with: the previous edit, or for a change request the version in force. */
  baseVersion: z.number().int().nullable(),
  diff: briefDiff.nullable(),
});
export type BriefVersion = z.infer<typeof briefVersion>;

export const briefAcceptance = z.object({
  version: z.number().int(),
  acceptedName: z.string(),
  byUserName: z.string().nullable(),
  onBehalf: z.boolean(),
  ip: z.string().nullable(),
  at: isoDateTime,
});

export const brief = z.object({
  id: uuid,
  campaignId: uuid,
  campaignName: z.string(),
  creatorId: uuid,
  creatorName: z.string(),
  status: briefStatus,
  /** The latest version written. */
  currentVersion: z.number().int(),
  acceptedVersion: z.number().int().nullable(),
  /** The change request waiting for the creator's answer. */
  pendingChangeVersion: z.number().int().nullable(),
  /** Declined by the creator (status `declined`): the version, their reason and when. */
  decline: z.object({ version: z.number().int(), reason: z.string(), at: isoDateTime }).nullable(),
  /** The content in force: the accepted version, else the latest one. */
  title: z.string(),
  dueOn: isoDate.nullable(),
  warnings: z.array(briefWarning),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Brief = z.infer<typeof brief>;

export const briefDetail = brief.extend({
  versions: z.array(briefVersion),
  acceptances: z.array(briefAcceptance),
});
export type BriefDetail = z.infer<typeof briefDetail>;

export const campaignDetail = campaign.extend({ briefs: z.array(brief) });
export type CampaignDetail = z.infer<typeof campaignDetail>;

// ---- Rotation -------------------------------------------------------------------------------

export const rotationFactors = [
  'market',
  'tier',
  'recency',
  'load',
  'availability',
  'lead_time',
  'potential',
  'value',
] as const;
export const rotationReason = z.object({
  factor: z.enum(rotationFactors),
  points: z.number(),
  detail: z.string(),
});
export type RotationReason = z.infer<typeof rotationReason>;

export const suggestion = z.object({
  creatorId: uuid,
  displayName: z.string(),
  tier: tierNumber,
  status: creatorStatus,
  markets: z.array(z.string()),
  score: z.number(),
  reasons: z.array(rotationReason),
  warnings: z.array(
    z.object({
      code: z.literal('short_lead_time'),
      leadTimeDays: z.number().int(),
      daysUntilStart: z.number().int(),
    }),
  ),
});
export type Suggestion = z.infer<typeof suggestion>;
export const suggestionList = z.object({ campaignId: uuid, suggestions: z.array(suggestion) });

// ---- Overlap calendar -----------------------------------------------------------------------

export const activityWindow = z.object({
  kind: z.enum(['campaign', 'deliverable']),
  creatorId: uuid,
  creatorName: z.string(),
  campaignId: uuid,
  campaignName: z.string(),
  deliverableId: uuid.nullable(),
  products: z.array(z.string()),
  markets: z.array(z.string()),
  startsOn: isoDate,
  endsOn: isoDate,
});
export type ActivityWindow = z.infer<typeof activityWindow>;

export const overlap = z.object({
  /** Stable for the same two creators in the same two campaigns: the idempotency key of "tell them". */
  key: z.string(),
  products: z.array(z.string()),
  markets: z.array(z.string()),
  /** Days between the nearer edges (0 or less: the windows share days). */
  gapDays: z.number().int(),
  startsOn: isoDate,
  endsOn: isoDate,
  windows: z.array(activityWindow).length(2),
  /** The creators were told (an overlap notice was queued for each). */
  notified: z.boolean(),
});
export type Overlap = z.infer<typeof overlap>;

export const overlapQuery = z.object({ from: isoDate.optional(), to: isoDate.optional() });
export const overlapCalendar = z.object({
  from: isoDate,
  to: isoDate,
  overlapWindowDays: z.number().int(),
  windows: z.array(activityWindow),
  overlaps: z.array(overlap),
});
export type OverlapCalendar = z.infer<typeof overlapCalendar>;

export const notifyOverlapRequest = z
  .object({
    overlapKey: z.string().trim().min(1).max(200).optional(),
    creatorIds: z.array(uuid).min(1).max(50).optional(),
    campaignIds: z.array(uuid).min(1).max(20).optional(),
    /** The text each creator gets, as the manager edited it in the preview; default: the template's. */
    messages: z
      .array(
        z.object({
          creatorId: uuid,
          subject: z.string().trim().min(1).max(300),
          body: z.string().trim().min(1).max(20000),
        }),
      )
      .max(50)
      .optional(),
  })
  .refine(
    (v) =>
      v.overlapKey !== undefined
        ? v.creatorIds === undefined && v.campaignIds === undefined
        : v.creatorIds !== undefined && v.campaignIds !== undefined,
    { message: 'give either overlapKey, or creatorIds and campaignIds', path: ['overlapKey'] },
  );
export type NotifyOverlapRequest = z.infer<typeof notifyOverlapRequest>;

export const notifyOverlapResult = z.object({
  key: z.string(),
  /** Per creator, what really happened: sent, queued (and why), or to send by hand (no email). */
  outcomes: z.array(messageOutcome),
});
export type NotifyOverlapResult = z.infer<typeof notifyOverlapResult>;

/** The text the manager sends with a brief, as shown in the preview (both, or neither: the built-in text). */
const editedText = {
  subject: z.string().trim().min(1).max(300).optional(),
  body: z.string().trim().min(1).max(20000).optional(),
};
const bothOrNeither = (v: { subject?: string | undefined; body?: string | undefined }) =>
  (v.subject === undefined) === (v.body === undefined);
const bothOrNeitherMessage = { message: 'give subject and body together', path: ['subject'] };

export const previewBriefRequest = z.object({ language: language.optional() });
export type PreviewBriefRequest = z.infer<typeof previewBriefRequest>;

export const sendBriefRequest = z
  .object({ ...editedText, language: language.optional() })
  .refine(bothOrNeither, bothOrNeitherMessage);
export type SendBriefRequest = z.infer<typeof sendBriefRequest>;

/** A changed brief; for a change request, what happened to the email that tells the creator. */
export const editBriefResult = briefDetail.extend({ outcome: messageOutcome.nullable() });
export type EditBriefResult = z.infer<typeof editBriefResult>;

export const sendBriefResult = z.object({
  brief: briefDetail,
  /** The email to the creator: sent, queued (and why), or to send by hand. */
  outcome: messageOutcome,
});
export type SendBriefResult = z.infer<typeof sendBriefResult>;

export const overlapNoticePreview = z.object({
  key: z.string(),
  messages: z.array(messagePreview.extend({ creatorId: uuid, creatorName: z.string() })),
});
export type OverlapNoticePreview = z.infer<typeof overlapNoticePreview>;
