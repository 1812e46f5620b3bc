import { timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Columns most tables share, one definition each (functions: every table gets builders of its own).
 * They write the same SQL as the columns spelled out did: `npm run db:check` proves it.
 * References sit next to the table they point to: `workspaceId()` in workspaces.ts, `creatorId()`
 * in roster.ts, `userIdOrNull(column)` in identity.ts.
 */

/** `id uuid primary key default gen_random_uuid()` */
export function primaryId() {
  return uuid('id').primaryKey().defaultRandom();
}

/** `created_at timestamptz not null default now()` */
export function createdAt() {
  return timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
}

/** `updated_at timestamptz not null default now()` */
export function updatedAt() {
  return timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
}
