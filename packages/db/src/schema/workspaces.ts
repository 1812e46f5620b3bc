import { outboxStatuses, roles } from '@evergreen/contracts';
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
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
import { userIdOrNull, users } from './identity.ts';

export const roleEnum = pgEnum('member_role', roles);

/** `workspace_id uuid not null references workspaces(id) on delete cascade`: the tenant of a row. */
export function workspaceId() {
  return uuid('workspace_id')
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' });
}

/** A brand or a client of an agency. Every row of workspace data carries its id. */
export const workspaces = pgTable(
  'workspaces',
  {
    id: primaryId(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    reportingCurrency: text('reporting_currency').notNull().default('USD'),
    fiscalYearStartMonth: smallint('fiscal_year_start_month').notNull().default(1),
    markets: text('markets').array().notNull().default(sql`'{}'::text[]`),
    defaultLanguage: text('default_language').notNull().default('en'),
    /** Creator activity for the same product and market closer than this many days counts as overlap. */
    overlapWindowDays: integer('overlap_window_days').notNull().default(14),
    /** An order within this many days after one of a creator's live posts can be theirs. */
    attributionWindowDays: integer('attribution_window_days').notNull().default(30),
    /** A customer who orders again within this many days of their first order repeated. */
    repeatHorizonDays: integer('repeat_horizon_days').notNull().default(180),
    /** IANA time zone: offset-less times in imported files are read in it; "today" is its day. */
    timeZone: text('time_zone').notNull().default('UTC'),
    /** Secret for signing order webhooks, sealed with the installation's SecretBox. */
    orderWebhookSecret: text('order_webhook_secret'),
    /** The secret Shopify signs its webhooks with (pasted by the owner), sealed like the above. */
    shopifyWebhookSecret: text('shopify_webhook_secret'),
    /** The secret of the WooCommerce webhook (pasted by the owner), sealed like the above. */
    woocommerceWebhookSecret: text('woocommerce_webhook_secret'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('workspaces_slug_key').on(t.slug),
    check('workspaces_fy_month', sql`${t.fiscalYearStartMonth} between 1 and 12`),
  ],
);

export const memberships = pgTable(
  'memberships',
  {
    workspaceId: workspaceId(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: roleEnum('role').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId] }), index('memberships_user_idx').on(t.userId)],
);

/**
 * Tier policies: target size, check-in cadence and budget share per tier.
 * Percentages are exact decimals (numeric), never floats.
 */
export const tierPolicies = pgTable(
  'tier_policies',
  {
    workspaceId: workspaceId(),
    tier: smallint('tier').notNull(),
    name: text('name').notNull(),
    targetMin: integer('target_min'),
    targetMax: integer('target_max'),
    cadenceDays: integer('cadence_days'),
    budgetSharePct: numeric('budget_share_pct', { precision: 5, scale: 2 }).notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.tier] }),
    check('tier_policies_tier', sql`${t.tier} between 1 and 3`),
    check('tier_policies_share', sql`${t.budgetSharePct} between 0 and 100`),
  ],
);

export const invitations = pgTable(
  'invitations',
  {
    id: primaryId(),
    workspaceId: workspaceId(),
    email: text('email').notNull(),
    role: roleEnum('role').notNull(),
    tokenHash: text('token_hash').notNull(),
    invitedBy: userIdOrNull('invited_by'),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedBy: userIdOrNull('accepted_by'),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('invitations_token_key').on(t.tokenHash),
    index('invitations_workspace_idx').on(t.workspaceId, t.createdAt),
  ],
);

/** Workspace API tokens for scripts (`Authorization: Bearer evg_…`). Only the hash is kept. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: primaryId(),
    workspaceId: workspaceId(),
    name: text('name').notNull(),
    role: roleEnum('role').notNull(),
    tokenHash: text('token_hash').notNull(),
    tokenPrefix: text('token_prefix').notNull(),
    createdBy: userIdOrNull('created_by'),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('api_tokens_hash_key').on(t.tokenHash),
    index('api_tokens_workspace_idx').on(t.workspaceId),
  ],
);

/** What a message remembers about why it was sent (creator messages: who, to whom, as which touchpoint). */
export interface OutboxMeta {
  creatorId?: string;
  touchpointKind?: string;
  templateKey?: string | null;
  language?: string | null;
  /** Replies go to the person who sent it, not to the installation's MAIL_FROM. */
  replyTo?: string | null;
}

export const outboxStatusEnum = pgEnum('outbox_status', outboxStatuses);

/**
 * Every email Evergreen sends goes through this table first. A row is claimed by one sender
 * (status queued → sending in one UPDATE), so a message is never sent twice.
 */
export const outboxMessages = pgTable(
  'outbox_messages',
  {
    id: primaryId(),
    /** Null for an account's own mail (a password reset link): no workspace's outbox lists it. */
    workspaceId: uuid('workspace_id').references(() => workspaces.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    bodyText: text('body_text').notNull(),
    bodyHtml: text('body_html'),
    status: outboxStatusEnum('status').notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    providerMessageId: text('provider_message_id'),
    createdBy: userIdOrNull('created_by'),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    meta: jsonb('meta').$type<OutboxMeta>(),
  },
  (t) => [
    uniqueIndex('outbox_dedupe_key').on(t.workspaceId, t.dedupeKey),
    index('outbox_due_idx').on(t.status, t.nextAttemptAt),
    index('outbox_workspace_idx').on(t.workspaceId, t.createdAt),
    // A creator's messages (GET …/creators/:id/messages).
    index('outbox_creator_idx')
      .on(t.workspaceId, sql`(${t.meta}->>'creatorId')`, t.createdAt)
      .where(sql`${t.meta} is not null`),
  ],
);

/** Who changed what. Append-only. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workspaceId: workspaceId(),
    actorUserId: userIdOrNull('actor_user_id'),
    actorTokenId: uuid('actor_token_id').references(() => apiTokens.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    changes: jsonb('changes').$type<Record<string, unknown>>(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('audit_workspace_idx').on(t.workspaceId, t.at)],
);
