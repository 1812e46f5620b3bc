import {
  agreementStatuses,
  agreementTypes,
  briefStatuses,
  campaignStatuses,
  deliverableStatuses,
} from '@evergreen/contracts';
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, primaryId, updatedAt } from './columns.ts';
import { userIdOrNull } from './identity.ts';
import { creatorId, platformEnum } from './roster.ts';
import { workspaceId } from './workspaces.ts';

export const agreementTypeEnum = pgEnum('agreement_type', agreementTypes);
export const agreementStatusEnum = pgEnum('agreement_status', agreementStatuses);
export const noticeByEnum = pgEnum('notice_by', ['brand', 'creator']);

/**
 * One term of a partnership agreement. Renewing creates the next term as a new row pointing to
 * the previous one (`previous_agreement_id`, `term_number`), with its reviewed rates.
 * Decision dates (notice deadline, rate review) are derived by pure rules, not stored.
 */
export const agreements = pgTable(
  'agreements',
  {
    id: primaryId(),
    workspaceId: workspaceId(),
    creatorId: creatorId(),
    type: agreementTypeEnum('type').notNull(),
    status: agreementStatusEnum('status').notNull().default('draft'),
    title: text('title').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    termMonths: integer('term_months').notNull(),
    /** Annual agreements: collaborations per year. */
    collaborationsPerYear: integer('collaborations_per_year'),
    /** Retainers: deliverables per month. */
    deliverablesPerMonth: integer('deliverables_per_month'),
    /** Retainers: the monthly fee in minor units of `currency`. */
    monthlyFeeMinor: bigint('monthly_fee_minor', { mode: 'number' }),
    /** Projects and one-offs: the fee in minor units of `currency`. */
    feeMinor: bigint('fee_minor', { mode: 'number' }),
    currency: text('currency').notNull(),
    /** What a retainer includes each month: [{ item, quantity }] e.g. sponsored_post × 2, planning_meeting × 1. */
    inclusions: jsonb('inclusions')
      .$type<{ item: string; quantity: number; note?: string }[]>()
      .notNull()
      .default([]),
    usagePeriodDays: integer('usage_period_days'),
    paidUsage: boolean('paid_usage').notNull().default(false),
    whitelisting: boolean('whitelisting').notNull().default(false),
    exclusivityCategory: text('exclusivity_category'),
    exclusivityDays: integer('exclusivity_days'),
    paymentTermsDays: integer('payment_terms_days').notNull().default(30),
    autoRenew: boolean('auto_renew').notNull().default(false),
    renewalTermMonths: integer('renewal_term_months'),
    noticeDays: integer('notice_days').notNull().default(30),
    /** Bound on the annual rate/frequency review, in percent either way (e.g. 10.00). */
    reviewMaxAdjustPct: numeric('review_max_adjust_pct', { precision: 5, scale: 2 }).notNull().default('10'),
    language: text('language').notNull().default('en'),
    notes: text('notes'),
    previousAgreementId: uuid('previous_agreement_id'),
    termNumber: integer('term_number').notNull().default(1),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedName: text('accepted_name'),
    acceptedIp: text('accepted_ip'),
    acceptedByUserId: userIdOrNull('accepted_by_user_id'),
    /** Accepted by a manager on the creator's behalf (true) or by the creator in the portal (false). */
    acceptedOnBehalf: boolean('accepted_on_behalf'),
    noticeGivenOn: date('notice_given_on', { mode: 'string' }),
    noticeBy: noticeByEnum('notice_by'),
    noticeReason: text('notice_reason'),
    endedOn: date('ended_on', { mode: 'string' }),
    /** Month-6 "extend or move on" decision for a new partnership, and what was learned. */
    extendDecision: text('extend_decision'),
    extendDecisionNotes: text('extend_decision_notes'),
    extendDecidedOn: date('extend_decided_on', { mode: 'string' }),
    createdBy: userIdOrNull('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('agreements_creator_idx').on(t.workspaceId, t.creatorId, t.startsOn),
    index('agreements_status_idx').on(t.workspaceId, t.status),
    uniqueIndex('agreements_previous_key')
      .on(t.previousAgreementId)
      .where(sql`${t.previousAgreementId} is not null`),
    check('agreements_term', sql`${t.termMonths} > 0`),
    check('agreements_notice', sql`${t.noticeDays} >= 0`),
  ],
);

/** Rate per deliverable type under an agreement, in minor units of its currency. */
export const agreementRates = pgTable(
  'agreement_rates',
  {
    workspaceId: workspaceId(),
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => agreements.id, { onDelete: 'cascade' }),
    deliverableType: text('deliverable_type').notNull(),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.agreementId, t.deliverableType] })],
);

export const campaignStatusEnum = pgEnum('campaign_status', campaignStatuses);

export const campaigns = pgTable(
  'campaigns',
  {
    id: primaryId(),
    workspaceId: workspaceId(),
    name: text('name').notNull(),
    products: text('products').array().notNull().default(sql`'{}'::text[]`),
    markets: text('markets').array().notNull().default(sql`'{}'::text[]`),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    status: campaignStatusEnum('status').notNull().default('planning'),
    /** regular or strategic_launch: a strategic launch prefers Tier 1 partners (docs/selection.md). */
    kind: text('kind').notNull().default('regular'),
    /** The business outcome in words ("reach 20% of customers in segment Y"). */
    outcome: text('outcome'),
    targetMetric: text('target_metric'),
    targetValue: numeric('target_value', { precision: 14, scale: 2 }),
    budgetMinor: bigint('budget_minor', { mode: 'number' }),
    budgetCurrency: text('budget_currency'),
    createdBy: userIdOrNull('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('campaigns_dates_idx').on(t.workspaceId, t.startsOn, t.endsOn),
    check('campaigns_dates', sql`${t.endsOn} >= ${t.startsOn}`),
    check('campaigns_kind', sql`${t.kind} in ('regular', 'strategic_launch')`),
  ],
);

export const briefStatusEnum = pgEnum('brief_status', briefStatuses);

/**
 * A creator's brief under a campaign. Its content lives in immutable versions; the creator
 * accepts one version; after that, a change is a change request the creator must accept.
 */
export const briefs = pgTable(
  'briefs',
  {
    id: primaryId(),
    workspaceId: workspaceId(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    creatorId: creatorId(),
    agreementId: uuid('agreement_id').references(() => agreements.id, { onDelete: 'set null' }),
    status: briefStatusEnum('status').notNull().default('draft'),
    currentVersion: integer('current_version').notNull().default(1),
    acceptedVersion: integer('accepted_version'),
    /** The creator declined the brief (status `declined`): which version, why, when. */
    declinedVersion: integer('declined_version'),
    declineReason: text('decline_reason'),
    declinedAt: timestamp('declined_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('briefs_campaign_creator_key').on(t.workspaceId, t.campaignId, t.creatorId),
    index('briefs_creator_idx').on(t.workspaceId, t.creatorId),
  ],
);

export const briefVersionKindEnum = pgEnum('brief_version_kind', ['edit', 'change_request']);
export const changeRequestStatusEnum = pgEnum('change_request_status', ['pending', 'accepted', 'declined']);

export const briefVersions = pgTable(
  'brief_versions',
  {
    workspaceId: workspaceId(),
    briefId: uuid('brief_id')
      .notNull()
      .references(() => briefs.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    kind: briefVersionKindEnum('kind').notNull().default('edit'),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** [{ type, platform, quantity, dueOn }] */
    deliverables: jsonb('deliverables')
      .$type<{ type: string; platform?: string; quantity: number; dueOn?: string | null }[]>()
      .notNull()
      .default([]),
    dueOn: date('due_on', { mode: 'string' }),
    changeNote: text('change_note'),
    changeStatus: changeRequestStatusEnum('change_status'),
    /** The creator's reason when they declined this change request. */
    decisionNote: text('decision_note'),
    createdBy: userIdOrNull('created_by'),
    createdAt: createdAt(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.briefId, t.version] })],
);

/** Who accepted which version of a brief or a change request, when, from where. */
export const briefAcceptances = pgTable(
  'brief_acceptances',
  {
    id: primaryId(),
    workspaceId: workspaceId(),
    briefId: uuid('brief_id')
      .notNull()
      .references(() => briefs.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    acceptedName: text('accepted_name').notNull(),
    acceptedByUserId: userIdOrNull('accepted_by_user_id'),
    onBehalf: boolean('on_behalf').notNull().default(true),
    ip: text('ip'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('brief_acceptances_brief_idx').on(t.workspaceId, t.briefId)],
);

export const deliverableStatusEnum = pgEnum('deliverable_status', deliverableStatuses);

/**
 * A deliverable / post. Recorded by hand under an agreement or brief now; the performance
 * module adds metric snapshots and imports to these same rows.
 */
export const deliverables = pgTable(
  'deliverables',
  {
    id: primaryId(),
    workspaceId: workspaceId(),
    creatorId: creatorId(),
    agreementId: uuid('agreement_id').references(() => agreements.id, { onDelete: 'set null' }),
    campaignId: uuid('campaign_id').references(() => campaigns.id, { onDelete: 'set null' }),
    briefId: uuid('brief_id').references(() => briefs.id, { onDelete: 'set null' }),
    /** sponsored_post, story, reel, planning_meeting, report, … (matches retainer inclusions). */
    type: text('type').notNull(),
    platform: platformEnum('platform'),
    sponsored: boolean('sponsored').notNull().default(true),
    title: text('title'),
    plannedOn: date('planned_on', { mode: 'string' }),
    dueOn: date('due_on', { mode: 'string' }),
    postedAt: timestamp('posted_at', { withTimezone: true }),
    url: text('url'),
    status: deliverableStatusEnum('status').notNull().default('planned'),
    costMinor: bigint('cost_minor', { mode: 'number' }),
    costCurrency: text('cost_currency'),
    /** The cost in the workspace's reporting currency (rate on the posted/due day); null = no rate. */
    costReportingMinor: bigint('cost_reporting_minor', { mode: 'number' }),
    /** The id in the system a CSV came from; re-imports update the row with the same id. */
    externalId: text('external_id'),
    /**
     * The nth sponsored post of this creator in this workspace by posted time (live posts with
     * a posted time only); null otherwise. Kept up to date by performance/facts.ts.
     */
    ordinal: integer('ordinal'),
    // Facts of the metric snapshots, kept up to date by performance/facts.ts so reports never
    // scan snapshots. "basis" = reach, or impressions when reach is missing.
    snapshotCount: integer('snapshot_count').notNull().default(0),
    latestCapturedAt: timestamp('latest_captured_at', { withTimezone: true }),
    latestImpressions: bigint('latest_impressions', { mode: 'number' }),
    latestReach: bigint('latest_reach', { mode: 'number' }),
    latestClicks: bigint('latest_clicks', { mode: 'number' }),
    latestVideoViews: bigint('latest_video_views', { mode: 'number' }),
    latestEngagements: bigint('latest_engagements', { mode: 'number' }),
    latestBasis: bigint('latest_basis', { mode: 'number' }),
    day1Engagements: bigint('day1_engagements', { mode: 'number' }),
    day1Basis: bigint('day1_basis', { mode: 'number' }),
    day7Engagements: bigint('day7_engagements', { mode: 'number' }),
    day7Basis: bigint('day7_basis', { mode: 'number' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('deliverables_external_key').on(t.workspaceId, t.externalId),
    // With creator_id in the key, the reports' "creators with a post 3" is an index-only probe.
    index('deliverables_ordinal_idx').on(t.workspaceId, t.ordinal, t.creatorId),
    index('deliverables_creator_idx').on(t.workspaceId, t.creatorId, t.postedAt),
    // The performance reports over a period (docs/performance.md): sponsored live posts by
    // posted time, with every column the reports read in the key (Drizzle has no INCLUDE), so
    // they are index-only scans.
    index('deliverables_posted_idx')
      .on(
        t.workspaceId,
        t.postedAt,
        t.creatorId,
        t.agreementId,
        t.costReportingMinor,
        t.costMinor,
        t.latestBasis,
        t.latestEngagements,
        t.day1Engagements,
        t.day1Basis,
        t.day7Engagements,
        t.day7Basis,
        t.ordinal,
      )
      .where(sql`${t.ordinal} is not null`),
    // Life-of-partnership totals per creator (cost and reach of every sponsored live post):
    // a narrow index-only read in creator order, where the table is ~10× wider.
    index('deliverables_life_idx')
      .on(t.workspaceId, t.creatorId, t.costReportingMinor, t.latestBasis)
      .where(sql`${t.ordinal} is not null`),
    index('deliverables_agreement_idx').on(t.workspaceId, t.agreementId),
    index('deliverables_campaign_idx').on(t.workspaceId, t.campaignId),
    index('deliverables_due_idx').on(t.workspaceId, t.status, t.dueOn),
  ],
);
