import { z } from 'zod';
import { isoDateTime, marketCode, uuid } from './common.ts';
import { isoDate } from './roster.ts';
import { selectionSuggestion, selectionSuggestionKind } from './selection-suggestion.ts';

export * from './selection-suggestion.ts';

/**
 * Choosing long-term partners (docs/selection.md): team ratings, the partnership-potential score
 * and its pillars, Tier 1 eligibility, the gut-call override, issues, market insights and the
 * promotion / review / alumni suggestions.
 */

/** The vetting questions, in the order the creator page shows them. */
export const ratingCriteria = [
  'quality',
  'deadlines',
  'authenticity',
  'direction',
  'professionalism',
  'brand_alignment',
  'strategic_value',
] as const;
export const ratingCriterion = z.enum(ratingCriteria);
export type RatingCriterion = z.infer<typeof ratingCriterion>;

const note = z.string().trim().max(1000);

export const rateCreatorRequest = z.object({
  ratings: z
    .array(
      z.object({
        criterion: ratingCriterion,
        score: z.number().int().min(1).max(5),
        note: note.nullable().optional(),
      }),
    )
    .min(1)
    .max(ratingCriteria.length)
    .refine((rs) => new Set(rs.map((r) => r.criterion)).size === rs.length, 'a criterion appears twice'),
});
export type RateCreatorRequest = z.infer<typeof rateCreatorRequest>;

export const ratingEntry = z.object({
  criterion: ratingCriterion,
  score: z.number().int(),
  note: z.string().nullable(),
  byUserId: uuid.nullable(),
  byName: z.string().nullable(),
  at: isoDateTime,
});
export type RatingEntry = z.infer<typeof ratingEntry>;

export const creatorRatings = z.object({
  /** Per criterion: the mean of each member's latest rating (2 decimals, as text), and how many members rated. */
  current: z.array(
    z.object({
      criterion: ratingCriterion,
      mean: z.string().nullable(),
      raters: z.number().int(),
      mine: z.number().int().nullable(),
    }),
  ),
  /** Every rating ever given, newest first. */
  history: z.array(ratingEntry),
});
export type CreatorRatings = z.infer<typeof creatorRatings>;

export const pillars = ['performance', 'stability', 'fit', 'growth'] as const;
export const pillar = z.enum(pillars);
export type Pillar = z.infer<typeof pillar>;

export const selectionWeights = z.object({
  performance: z.number().int().min(0).max(100),
  stability: z.number().int().min(0).max(100),
  fit: z.number().int().min(0).max(100),
  growth: z.number().int().min(0).max(100),
});
export type SelectionWeights = z.infer<typeof selectionWeights>;

export const selectionSettings = z.object({
  weights: selectionWeights,
  /** Who an issue goes to next, in order (e.g. "Account manager", "Head of partnerships"). */
  escalationPath: z.array(z.string().trim().min(1).max(120)).max(10),
});
export type SelectionSettings = z.infer<typeof selectionSettings>;
export const updateSelectionSettingsRequest = selectionSettings.refine(
  (s) => s.weights.performance + s.weights.stability + s.weights.fit + s.weights.growth > 0,
  { message: 'at least one weight must be above 0', path: ['weights'] },
);

/** One input of a pillar: its value (as text, exact where it can be), the roster's, and its sub-score. */
export const pillarInput = z.object({
  key: z.string(),
  value: z.string().nullable(),
  roster: z.string().nullable(),
  score: z.number().int().nullable(),
});
export type PillarInput = z.infer<typeof pillarInput>;

export const trajectories = ['growing', 'plateau', 'declining'] as const;
export type Trajectory = (typeof trajectories)[number];

export const pillarScore = z.object({
  pillar,
  /** 0–100, or null: not enough data (see `minimum`). */
  score: z.number().int().nullable(),
  weight: z.number().int(),
  /** Points of the total score this pillar brings (weight share × score), 1 decimal; null when not counted. */
  contribution: z.number().nullable(),
  /** The smallest data that gives the pillar a number, as a code the web app words. */
  minimum: z.string(),
  inputs: z.array(pillarInput),
});
export type PillarScore = z.infer<typeof pillarScore>;

export const scoreOverride = z.object({
  score: z.number().int(),
  reason: z.string(),
  byName: z.string().nullable(),
  at: isoDateTime,
});

export const creatorScore = z.object({
  creatorId: uuid,
  /** The reporting currency: CPA and cost per reach are in its minor units. */
  currency: z.string(),
  /** 0–100; null when there is not enough data (fit and at least one more pillar are needed). */
  score: z.number().int().nullable(),
  pillars: z.array(pillarScore),
  trajectory: z.enum(trajectories).nullable(),
  override: scoreOverride.nullable(),
  eligibleForTier1: z.boolean(),
  /** Why not: 'professionalism' (the team's professionalism rating is 2 or less). */
  ineligibleReason: z.enum(['professionalism']).nullable(),
  professionalism: z.string().nullable(),
  /**
   * The computed score by day over the last 90 days, oldest first: a day's row is written when the
   * score differs from the last one written (docs/selection.md, "Score history").
   */
  history: z.array(z.object({ day: isoDate, score: z.number().int() })),
});
export type CreatorScore = z.infer<typeof creatorScore>;

export const setOverrideRequest = z.object({
  score: z.number().int().min(0).max(100),
  reason: z.string().trim().min(1).max(1000),
});

// ---- Issues -----------------------------------------------------------------------------------

export const issueSeverities = ['low', 'medium', 'high'] as const;
export const issueSeverity = z.enum(issueSeverities);
export const issueStatuses = ['open', 'resolved'] as const;

export const createIssueRequest = z.object({
  title: z.string().trim().min(1).max(300),
  severity: issueSeverity,
  ownerUserId: uuid.nullable().optional(),
  openedOn: isoDate.optional(),
});
export const updateIssueRequest = z
  .object({
    title: z.string().trim().min(1).max(300),
    severity: issueSeverity,
    ownerUserId: uuid.nullable(),
    /** Resolve (with the resolution) or reopen. */
    status: z.enum(issueStatuses),
    resolution: z.string().trim().min(1).max(2000).nullable(),
    /** Move it one step up the workspace's escalation path. */
    escalate: z.literal(true),
  })
  .partial()
  .refine((u) => u.status !== 'resolved' || !!u.resolution, {
    message: 'a resolved issue needs its resolution',
    path: ['resolution'],
  });
export const creatorIssue = z.object({
  id: uuid,
  creatorId: uuid,
  title: z.string(),
  severity: issueSeverity,
  status: z.enum(issueStatuses),
  ownerUserId: uuid.nullable(),
  ownerName: z.string().nullable(),
  escalationLevel: z.number().int(),
  /** The step of the escalation path it is at (null when the path is empty). */
  escalatedTo: z.string().nullable(),
  resolution: z.string().nullable(),
  openedOn: isoDate,
  resolvedOn: isoDate.nullable(),
});
export type CreatorIssue = z.infer<typeof creatorIssue>;
export const creatorIssueList = z.object({ issues: z.array(creatorIssue) });

// ---- Insights ---------------------------------------------------------------------------------

export const insightKinds = ['trend', 'product_feedback', 'resonates'] as const;
export const insightKind = z.enum(insightKinds);
export const createInsightRequest = z.object({
  kind: insightKind,
  market: marketCode.nullable().optional(),
  product: z.string().trim().min(1).max(200).nullable().optional(),
  body: z.string().trim().min(1).max(4000),
  heardOn: isoDate.optional(),
});
export const insight = z.object({
  id: uuid,
  creatorId: uuid,
  creatorName: z.string(),
  kind: insightKind,
  market: z.string().nullable(),
  product: z.string().nullable(),
  body: z.string(),
  heardOn: isoDate,
  byName: z.string().nullable(),
  /** `team`: logged by a manager; `portal`: sent by the creator from the creator portal. */
  source: z.enum(['team', 'portal']),
  /** Shown to the creator in the portal's results ("what the brand learned"); off by default. */
  sharedWithCreator: z.boolean(),
});
export type Insight = z.infer<typeof insight>;
/** Show an insight to its creator in the portal, or stop showing it. */
export const updateInsightRequest = z.object({ sharedWithCreator: z.boolean() });
export type UpdateInsightRequest = z.infer<typeof updateInsightRequest>;
export const insightListQuery = z.object({
  market: marketCode.optional(),
  product: z.string().trim().min(1).max(200).optional(),
  kind: insightKind.optional(),
  creatorId: uuid.optional(),
  q: z.string().trim().min(1).max(200).optional(),
});
export const insightList = z.object({ insights: z.array(insight) });

// ---- Suggestions ------------------------------------------------------------------------------

export const selectionSuggestionList = z.object({
  suggestions: z.array(selectionSuggestion),
  /** A dismissed suggestion is not made again for this many days. */
  quietDays: z.number().int(),
});
export const suggestionParams = z.object({
  workspaceId: uuid,
  suggestion: selectionSuggestionKind,
  creatorId: uuid,
});
export const decideSuggestionResult = z.object({ ok: z.literal(true), changed: z.boolean() });
