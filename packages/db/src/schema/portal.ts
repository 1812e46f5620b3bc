import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { primaryId } from './columns.ts';
import { userIdOrNull } from './identity.ts';
import { creatorId } from './roster.ts';
import { outboxMessages, workspaceId } from './workspaces.ts';

/**
 * A creator's access to the creator portal: one creator of one workspace
 * (docs/decisions/0012-creator-portal-access.md). At most one live (not revoked) per creator.
 */
export const portalAccess = pgTable(
  'portal_access',
  {
    id: primaryId(),
    workspaceId: workspaceId(),
    creatorId: creatorId(),
    /** The address the links go to (the creator's email when invited). */
    email: text('email').notNull(),
    invitedBy: userIdOrNull('invited_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: userIdOrNull('revoked_by'),
  },
  (t) => [
    uniqueIndex('portal_access_live_key').on(t.workspaceId, t.creatorId).where(sql`${t.revokedAt} is null`),
    index('portal_access_email_idx').on(sql`lower(${t.email})`),
  ],
);

/** Emailed sign-in links: single use, expiring; only the token's SHA-256 is kept. */
export const portalLinks = pgTable(
  'portal_links',
  {
    tokenHash: text('token_hash').primaryKey(),
    accessId: uuid('access_id')
      .notNull()
      .references(() => portalAccess.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    /** The portal page the link opens after signing in (a brief or agreement it was emailed with). */
    target: text('target'),
  },
  (t) => [index('portal_links_access_idx').on(t.accessId)],
);

/** Portal sessions (cookie `evg_portal`): only the token's SHA-256 is kept, as for manager sessions. */
export const portalSessions = pgTable(
  'portal_sessions',
  {
    id: text('id').primaryKey(),
    accessId: uuid('access_id')
      .notNull()
      .references(() => portalAccess.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    ip: text('ip'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('portal_sessions_access_idx').on(t.accessId)],
);

/**
 * A manager's settings for a creator's monthly results summary (docs/portal.md, "Monthly
 * summaries"). No row: the default, on, with no personal line.
 */
export const monthlySummarySettings = pgTable(
  'monthly_summary_settings',
  {
    workspaceId: workspaceId(),
    creatorId: creatorId(),
    /** The manager's switch (the team's decision). */
    enabled: boolean('enabled').notNull().default(true),
    /** The creator's own choice in the portal, kept apart from the manager's switch. */
    creatorOptOut: boolean('creator_opt_out').notNull().default(false),
    creatorOptOutAt: timestamp('creator_opt_out_at', { withTimezone: true }),
    /** A manager's personal line for the next summary; it goes into that one and is cleared. */
    note: text('note'),
    updatedBy: userIdOrNull('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.creatorId] })],
);

export const monthlySummaryStatusEnum = pgEnum('monthly_summary_status', [
  'queued',
  'opted_out',
  'no_email',
  'creator_opted_out',
]);

/**
 * One row per creator and month summarised, claimed before its email is queued and in the same
 * transaction: the unique key makes the summary go once, across restarts and server processes.
 */
export const monthlySummaries = pgTable(
  'monthly_summaries',
  {
    id: primaryId(),
    workspaceId: workspaceId(),
    creatorId: creatorId(),
    /** The month summarised, YYYY-MM (in the workspace's time zone). */
    month: text('month').notNull(),
    status: monthlySummaryStatusEnum('status').notNull(),
    /** The email (status queued); its own status says sent, queued or failed. */
    outboxMessageId: uuid('outbox_message_id').references(() => outboxMessages.id, { onDelete: 'set null' }),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('monthly_summaries_key').on(t.workspaceId, t.creatorId, t.month)],
);
