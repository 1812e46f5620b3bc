import { sql } from 'drizzle-orm';
import { check, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, primaryId, updatedAt } from './columns.ts';
import { userIdOrNull, users } from './identity.ts';
import { touchpointKindEnum } from './roster.ts';
import { workspaceId } from './workspaces.ts';

/**
 * A workspace's own message templates. Built-in defaults live in code (packages/core
 * messaging/builtin-templates.ts); a row with a built-in key overrides that default, language by
 * language, and any other key adds a template.
 */
export const messageTemplates = pgTable(
  'message_templates',
  {
    id: primaryId(),
    workspaceId: workspaceId(),
    key: text('key').notNull(),
    name: text('name').notNull(),
    /** The touchpoint a send of this template is logged as, unless the sender says otherwise. */
    kind: touchpointKindEnum('kind').notNull().default('check_in'),
    createdBy: userIdOrNull('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('message_templates_key').on(t.workspaceId, t.key)],
);

/** One language's subject and body of a template. */
export const messageTemplateVariants = pgTable(
  'message_template_variants',
  {
    workspaceId: workspaceId(),
    templateId: uuid('template_id')
      .notNull()
      .references(() => messageTemplates.id, { onDelete: 'cascade' }),
    language: text('language').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.templateId, t.language] }),
    check('message_template_variants_language', sql`${t.language} in ('en', 'ru')`),
  ],
);

/**
 * A person's iCalendar feed of check-ins in one workspace. The URL's secret token is the only
 * credential (calendar apps send no cookie); only its hash is kept, and rotating replaces it.
 */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    workspaceId: workspaceId(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
    rotatedAt: timestamp('rotated_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.userId] }),
    uniqueIndex('calendar_feeds_token_key').on(t.tokenHash),
    index('calendar_feeds_user_idx').on(t.userId),
  ],
);
