import { channels, creatorStatuses, platforms, touchpointKinds } from '@evergreen/contracts';
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, primaryId, updatedAt } from './columns.ts';
import { userIdOrNull } from './identity.ts';
import { outboxMessages, workspaceId, workspaces } from './workspaces.ts';

export const creatorStatusEnum = pgEnum('creator_status', creatorStatuses);
export const platformEnum = pgEnum('platform', platforms);
export const channelEnum = pgEnum('contact_channel', channels);
export const touchpointKindEnum = pgEnum('touchpoint_kind', touchpointKinds);

/**
 * A creator on a workspace's roster. `last_touchpoint_on` is kept by the touchpoint use cases
 * (same transaction), so Today and the roster read next check-ins without scanning touchpoints.
 */
export const creators = pgTable(
  'creators',
  {
    id: primaryId(),
    workspaceId: workspaceId(),
    externalId: text('external_id'),
    displayName: text('display_name').notNull(),
    legalName: text('legal_name'),
    /** The name to greet them by; null = derived from the legal name (contracts: defaultGreetingName). */
    greetingName: text('greeting_name'),
    email: text('email'),
    tier: smallint('tier').notNull().default(3),
    status: creatorStatusEnum('status').notNull().default('prospect'),
    ownerUserId: userIdOrNull('owner_user_id'),
    markets: text('markets').array().notNull().default(sql`'{}'::text[]`),
    languages: text('languages').array().notNull().default(sql`'{}'::text[]`),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    briefingStyle: text('briefing_style'),
    leadTimeDays: integer('lead_time_days'),
    boundaries: text('boundaries'),
    preferredChannel: channelEnum('preferred_channel'),
    notes: text('notes'),
    /** Days between check-ins for this creator, instead of the tier's cadence. */
    cadenceDaysOverride: integer('cadence_days_override'),
    /** AES-256-GCM ciphertext of the payment details (JSON); never plaintext. */
    paymentDetailsEnc: text('payment_details_enc'),
    /** What may be shown without revealing: e.g. "•••• 4821". */
    paymentDetailsMask: text('payment_details_mask'),
    lastTouchpointOn: date('last_touchpoint_on', { mode: 'string' }),
    snoozedUntil: date('snoozed_until', { mode: 'string' }),
    snoozeReason: text('snooze_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('creators_external_id_key')
      .on(t.workspaceId, t.externalId)
      .where(sql`${t.externalId} is not null`),
    uniqueIndex('creators_email_key')
      .on(t.workspaceId, sql`lower(${t.email})`)
      .where(sql`${t.email} is not null`),
    index('creators_workspace_tier_idx').on(t.workspaceId, t.tier, t.status),
    index('creators_workspace_owner_idx').on(t.workspaceId, t.ownerUserId),
    index('creators_workspace_name_idx').on(t.workspaceId, t.displayName),
    index('creators_tags_idx').using('gin', t.tags),
    check('creators_tier', sql`${t.tier} between 1 and 3`),
    check('creators_cadence', sql`${t.cadenceDaysOverride} is null or ${t.cadenceDaysOverride} > 0`),
  ],
);

/** `creator_id uuid not null references creators(id) on delete cascade`: the creator a row is about. */
export function creatorId() {
  return uuid('creator_id')
    .notNull()
    .references(() => creators.id, { onDelete: 'cascade' });
}

export const creatorHandles = pgTable(
  'creator_handles',
  {
    workspaceId: workspaceId(),
    creatorId: creatorId(),
    platform: platformEnum('platform').notNull(),
    handle: text('handle').notNull(),
    url: text('url'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.creatorId, t.platform] }),
    // One handle belongs to one creator in a workspace: re-imports match on it.
    uniqueIndex('creator_handles_handle_key').on(t.workspaceId, t.platform, sql`lower(${t.handle})`),
  ],
);

/** Standing price per deliverable type, in minor units of its own currency. */
export const creatorRates = pgTable(
  'creator_rates',
  {
    workspaceId: workspaceId(),
    creatorId: creatorId(),
    deliverableType: text('deliverable_type').notNull(),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.creatorId, t.deliverableType] }),
    check('creator_rates_amount', sql`${t.amountMinor} >= 0`),
  ],
);

export const audienceSnapshots = pgTable(
  'audience_snapshots',
  {
    id: primaryId(),
    workspaceId: workspaceId(),
    creatorId: creatorId(),
    capturedOn: date('captured_on', { mode: 'string' }).notNull(),
    platform: platformEnum('platform').notNull(),
    followers: integer('followers').notNull(),
    /** Percent, e.g. 4.10. */
    avgEngagementRatePct: numeric('avg_engagement_rate_pct', { precision: 6, scale: 2 }),
    /** Percent of the audience judged real and relevant. */
    audienceQualityPct: numeric('audience_quality_pct', { precision: 5, scale: 2 }),
  },
  (t) => [index('audience_snapshots_creator_idx').on(t.workspaceId, t.creatorId, t.capturedOn)],
);

export const touchpoints = pgTable(
  'touchpoints',
  {
    id: primaryId(),
    workspaceId: workspaceId(),
    creatorId: creatorId(),
    occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
    channel: channelEnum('channel').notNull(),
    kind: touchpointKindEnum('kind').notNull(),
    summary: text('summary').notNull().default(''),
    byUserId: userIdOrNull('by_user_id'),
    /** Set when the touchpoint is an email Evergreen sent. */
    outboxMessageId: uuid('outbox_message_id').references(() => outboxMessages.id, { onDelete: 'set null' }),
    /** Time the touchpoint took, when logged (the portfolio's workload compares it with what the roster needs). */
    minutes: integer('minutes'),
    createdAt: createdAt(),
  },
  (t) => [
    index('touchpoints_creator_idx').on(t.workspaceId, t.creatorId, t.occurredOn),
    uniqueIndex('touchpoints_outbox_key').on(t.outboxMessageId).where(sql`${t.outboxMessageId} is not null`),
    // Time logged per person over recent weeks (portfolio workload).
    index('touchpoints_day_idx').on(t.workspaceId, t.occurredOn, t.byUserId, t.minutes),
    check('touchpoints_minutes', sql`${t.minutes} is null or ${t.minutes} between 0 and 1440`),
  ],
);

/**
 * What happened to a creator besides touchpoints (created, tier or status or owner changed,
 * snoozed, imported): the other half of the timeline. Reasons are kept.
 */
export const creatorEvents = pgTable(
  'creator_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workspaceId: workspaceId(),
    creatorId: creatorId(),
    kind: text('kind').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>(),
    reason: text('reason'),
    byUserId: userIdOrNull('by_user_id'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('creator_events_creator_idx').on(t.workspaceId, t.creatorId, t.at),
    // Tier and status changes over a period (portfolio turnover).
    index('creator_events_kind_idx').on(t.workspaceId, t.kind, t.at),
  ],
);

/**
 * The portfolio page's settings (docs/portfolio.md): when concentration warns, and the minutes
 * each kind of work takes for the workload estimate. One row per workspace; none = the defaults.
 */
export const portfolioSettings = pgTable(
  'portfolio_settings',
  {
    workspaceId: uuid('workspace_id')
      .primaryKey()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    /** Warn when the top 20% of creators bring more than this percent of revenue (or reach). */
    concentrationWarnPct: integer('concentration_warn_pct').notNull().default(60),
    touchpointMinutes: integer('touchpoint_minutes').notNull().default(45),
    briefMinutes: integer('brief_minutes').notNull().default(90),
    reviewMinutes: integer('review_minutes').notNull().default(60),
    reportMinutes: integer('report_minutes').notNull().default(45),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('portfolio_settings_warn', sql`${t.concentrationWarnPct} between 1 and 100`),
    check(
      'portfolio_settings_minutes',
      sql`${t.touchpointMinutes} between 0 and 1440 and ${t.briefMinutes} between 0 and 1440
        and ${t.reviewMinutes} between 0 and 1440 and ${t.reportMinutes} between 0 and 1440`,
    ),
  ],
);
