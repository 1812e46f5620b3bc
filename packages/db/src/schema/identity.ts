import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, primaryId } from './columns.ts';

/** People who can sign in. Installation-wide: one account may belong to several workspaces. */
export const users = pgTable(
  'users',
  {
    id: primaryId(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash'),
    locale: text('locale').notNull().default('en'),
    /** The first account on an installation owns it (may create users from the UI later, sees all workspaces' health). */
    isInstanceOwner: boolean('is_instance_owner').notNull().default(false),
    /** Demo accounts do not count as the installation's first account. */
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_email_key').on(sql`lower(${t.email})`)],
);

/** `<column> uuid references users(id) on delete set null`: who did it, kept when the account goes. */
export function userIdOrNull(column: string) {
  return uuid(column).references(() => users.id, { onDelete: 'set null' });
}

/** Browser sessions. The cookie carries a random token; only its SHA-256 is stored. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    userAgent: text('user_agent'),
    /** The client address that signed in (the sessions list shows it). */
    ip: text('ip'),
    /** Last request seen, kept to the hour (one write an hour at most, not one a request). */
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * "Forgot password" links. The email carries a random token; only its SHA-256 is stored. Single
 * use (`used_at` set by one conditional update), expiring, and a newer link or a password change
 * retires the older ones.
 */
export const passwordResets = pgTable(
  'password_resets',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    requestedIp: text('requested_ip'),
  },
  (t) => [index('password_resets_user_idx').on(t.userId)],
);

/**
 * Sign-in attempts per key (the client address with the email, the address alone, the email
 * alone) in a fixed one-minute window: in the database, so every server process counts the same
 * attempts and a restart forgets nothing (packages/core/src/auth/sign-in-limit.ts).
 */
export const signInAttempts = pgTable(
  'sign_in_attempts',
  {
    key: text('key').primaryKey(),
    windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
    attempts: integer('attempts').notNull(),
  },
  (t) => [index('sign_in_attempts_window_idx').on(t.windowStartedAt)],
);

/**
 * One row about the installation itself. `encryption_key_check` is HMAC-SHA256 of a fixed text
 * under the payment-details key: a server started with another key refuses to start (and says
 * which key it needs by its fingerprint) instead of failing on every payment detail later.
 */
export const installation = pgTable('installation', {
  id: integer('id').primaryKey(),
  encryptionKeyCheck: text('encryption_key_check').notNull(),
  createdAt: createdAt(),
});
