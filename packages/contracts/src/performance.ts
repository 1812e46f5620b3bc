import { z } from 'zod';
import { deliverable } from './agreements.ts';
import { httpUrl, isoDateTime, isoDateTimeInput, uuid } from './common.ts';

/**
 * Posts' metric snapshots, batches of them with an idempotency key, and trackers (promo codes
 * and UTM links) per creator (docs/performance.md).
 */

const count = z.number().int().min(0).max(1e15);
/** The numbers of one reading; a missing or null count is "not measured". */
const snapshotCounts = {
  impressions: count.nullable().optional(),
  reach: count.nullable().optional(),
  likes: count.nullable().optional(),
  comments: count.nullable().optional(),
  shares: count.nullable().optional(),
  saves: count.nullable().optional(),
  clicks: count.nullable().optional(),
  videoViews: count.nullable().optional(),
};
const capturedAt = isoDateTimeInput;

export const createSnapshotRequest = z.object({ capturedAt, ...snapshotCounts });
export type CreateSnapshotRequest = z.input<typeof createSnapshotRequest>;

export const snapshotSources = ['manual', 'api', 'csv'] as const;
export const metricSnapshot = z.object({
  id: uuid,
  deliverableId: uuid,
  capturedAt: isoDateTime,
  /** Seconds from the post's posted time to the reading; null while the post has no posted time. */
  ageSeconds: z.number().int().nullable(),
  impressions: z.number().int().nullable(),
  reach: z.number().int().nullable(),
  likes: z.number().int().nullable(),
  comments: z.number().int().nullable(),
  shares: z.number().int().nullable(),
  saves: z.number().int().nullable(),
  clicks: z.number().int().nullable(),
  videoViews: z.number().int().nullable(),
  /** likes + comments + shares + saves (missing counts as 0). */
  engagements: z.number().int(),
  /** engagements ÷ (reach, else impressions), 6 decimal places; null without either. */
  engagementRate: z.string().nullable(),
  source: z.enum(snapshotSources),
  createdAt: isoDateTime,
});
export type MetricSnapshot = z.infer<typeof metricSnapshot>;

/** A post with every reading, oldest first. */
export const postWithSnapshots = z.object({ deliverable, snapshots: z.array(metricSnapshot) });
export type PostWithSnapshots = z.infer<typeof postWithSnapshots>;

/** One reading in a batch: the post by id, external id or URL (the first one given is used). */
export const batchSnapshot = z
  .object({
    deliverableId: uuid.optional(),
    externalId: z.string().trim().min(1).max(200).optional(),
    url: z.string().trim().min(1).max(1000).optional(),
    capturedAt,
    ...snapshotCounts,
  })
  .refine((s) => s.deliverableId || s.externalId || s.url, {
    message: 'needs deliverableId, externalId or url',
    path: ['deliverableId'],
  });
export const metricsBatchRequest = z.object({ snapshots: z.array(batchSnapshot).min(1).max(5000) });
export type MetricsBatchRequest = z.input<typeof metricsBatchRequest>;
export const metricsBatchHeaders = z.object({
  'idempotency-key': z
    .string()
    .optional()
    .describe(
      'Required. A key you choose per batch (1–200 characters); sending it again with the same body answers the first response without writing, with another body 409 idempotency_conflict.',
    ),
});
export const metricsBatchResult = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** Per reading, in the order sent: the post it went to and what happened. */
  snapshots: z.array(
    z.object({
      deliverableId: uuid,
      capturedAt: isoDateTime,
      action: z.enum(['created', 'updated', 'unchanged']),
    }),
  ),
  /** True when this answer is the stored one of an earlier request with the same key. */
  replayed: z.boolean(),
});
export type MetricsBatchResult = z.infer<typeof metricsBatchResult>;

// ---- trackers --------------------------------------------------------------------------------

export const trackerKinds = ['promo_code', 'link'] as const;
export const trackerKind = z.enum(trackerKinds);
export type TrackerKind = z.infer<typeof trackerKind>;

export const promoCode = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .pipe(z.string().regex(/^[A-Z0-9_-]{3,40}$/, 'must be 3–40 letters, digits, "_" or "-"'));
const utmValue = z
  .string()
  .trim()
  .transform((s) => s.toLowerCase())
  .pipe(
    z
      .string()
      .min(1)
      .max(100)
      .regex(/^[^\s&#=?]+$/, 'must have no spaces or & # = ?'),
  );

export const createTrackerRequest = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('promo_code'),
    creatorId: uuid,
    campaignId: uuid.nullable().optional(),
    /** Stored upper-case: codes match orders case-insensitively. */
    code: promoCode,
  }),
  z.object({
    kind: z.literal('link'),
    creatorId: uuid,
    campaignId: uuid.nullable().optional(),
    destinationUrl: httpUrl,
    /** Lower-cased; when left out, suggested from the creator's handle or name and the campaign. */
    utmSource: utmValue.optional(),
    utmMedium: utmValue.optional(),
    utmCampaign: utmValue.optional(),
    utmContent: utmValue.nullable().optional(),
  }),
]);
export type CreateTrackerRequest = z.input<typeof createTrackerRequest>;

export const tracker = z.object({
  id: uuid,
  creatorId: uuid,
  campaignId: uuid.nullable(),
  kind: trackerKind,
  code: z.string().nullable(),
  destinationUrl: z.string().nullable(),
  utmSource: z.string().nullable(),
  utmMedium: z.string().nullable(),
  utmCampaign: z.string().nullable(),
  utmContent: z.string().nullable(),
  /** Links: the destination with the UTM parameters. */
  url: z.string().nullable(),
  createdAt: isoDateTime,
  archivedAt: isoDateTime.nullable(),
});
export type Tracker = z.infer<typeof tracker>;

const flag = z.preprocess(
  (v) => (v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : v),
  z.boolean(),
);
export const trackerListQuery = z.object({
  creatorId: uuid.optional(),
  campaignId: uuid.optional(),
  kind: trackerKind.optional(),
  /** Archived trackers too (default: only active ones). */
  includeArchived: flag.default(false),
});
export type TrackerListQuery = z.input<typeof trackerListQuery>;
export const trackerList = z.object({ trackers: z.array(tracker) });

export const utmSuggestionQuery = z.object({
  campaignId: uuid.optional(),
  destinationUrl: httpUrl.optional(),
});
export type UtmSuggestionQuery = z.input<typeof utmSuggestionQuery>;
export const utmSuggestion = z.object({
  utmSource: z.string(),
  utmMedium: z.string(),
  utmCampaign: z.string(),
  /** The destination with these parameters, when a destination was given. */
  url: z.string().nullable(),
});
export type UtmSuggestion = z.infer<typeof utmSuggestion>;
