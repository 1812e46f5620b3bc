import {
  insightKinds,
  issueSeverities,
  issueStatuses,
  ratingCriteria,
  suggestionKinds,
} from '@evergreen/contracts';
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, primaryId, updatedAt } from './columns.ts';
import { userIdOrNull } from './identity.ts';
import { creatorId } from './roster.ts';
import { workspaceId, workspaces } from './workspaces.ts';

/**
 * Choosing long-term partners (docs/selection.md): team ratings, issues, market insights, the
 * gut-call override, the score's weights and the suggestions dismissed or accepted.
 */

/** The vetting questions a team member rates a creator on, 1–5. */
export const ratingCriterionEnum = pgEnum('rating_criterion', ratingCriteria);

/**
 * Append-only: every rating kept with its author. A creator's current rating on a criterion is
 * the mean over team members of each member's latest.
 */
export const creatorRatings = pgTable(
  'creator_ratings',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workspaceId: workspaceId(),
    creatorId: creatorId(),
    criterion: ratingCriterionEnum('criterion').notNull(),
    score: smallint('score').notNull(),
    note: text('note'),
    byUserId: userIdOrNull('by_user_id'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('creator_ratings_latest_idx').on(t.workspaceId, t.creatorId, t.criterion, t.byUserId, t.id),
    check('creator_ratings_score', sql`${t.score} between 1 and 5`),
  ],
);

export const issueSeverityEnum = pgEnum('issue_severity', issueSeverities);
export const issueStatusEnum = pgEnum('issue_status', issueStatuses);

/** An issue or escalation with a creator: who owns it, and how it was resolved. */
export const creatorIssues = pgTable(
  'creator_issues',
  {
    id: primaryId(),
    workspaceId: workspaceId(),
    creatorId: creatorId(),
    title: text('title').notNull(),
    severity: issueSeverityEnum('severity').notNull(),
    status: issueStatusEnum('status').notNull().default('open'),
    ownerUserId: userIdOrNull('owner_user_id'),
    /** Step of the workspace's escalation path it has reached (0 = the first). */
    escalationLevel: smallint('escalation_level').notNull().default(0),
    resolution: text('resolution'),
    openedOn: date('opened_on', { mode: 'string' }).notNull(),
    resolvedOn: date('resolved_on', { mode: 'string' }),
    byUserId: userIdOrNull('by_user_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('creator_issues_creator_idx').on(t.workspaceId, t.creatorId, t.status),
    check('creator_issues_resolved', sql`(${t.status} = 'resolved') = (${t.resolvedOn} is not null)`),
  ],
);

export const insightKindEnum = pgEnum('insight_kind', insightKinds);

/** What a creator tells the brand about their market: trends, product feedback, what resonates. */
export const creatorInsights = pgTable(
  'creator_insights',
  {
    id: primaryId(),
    workspaceId: workspaceId(),
    creatorId: creatorId(),
    kind: insightKindEnum('kind').notNull(),
    market: text('market'),
    product: text('product'),
    body: text('body').notNull(),
    heardOn: date('heard_on', { mode: 'string' }).notNull(),
    byUserId: userIdOrNull('by_user_id'),
    /** Who logged it: `team` (a manager, heard from the creator) or `portal` (the creator themselves). */
    source: text('source').notNull().default('team'),
    /** The team chose to show it to the creator in the portal ("what the brand learned"); off by default. */
    sharedWithCreator: boolean('shared_with_creator').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    index('creator_insights_workspace_idx').on(t.workspaceId, t.heardOn),
    index('creator_insights_creator_idx').on(t.workspaceId, t.creatorId),
    check('creator_insights_source', sql`${t.source} in ('team', 'portal')`),
  ],
);

/** A manager's gut call on a creator: a score of their own, with the reason; shown beside the computed one. */
export const scoreOverrides = pgTable(
  'score_overrides',
  {
    workspaceId: workspaceId(),
    creatorId: creatorId(),
    score: smallint('score').notNull(),
    reason: text('reason').notNull(),
    byUserId: userIdOrNull('by_user_id'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.creatorId] }),
    check('score_overrides_score', sql`${t.score} between 0 and 100`),
  ],
);

/** The score's pillar weights and the escalation path, per workspace (defaults when no row). */
export const selectionSettings = pgTable(
  'selection_settings',
  {
    workspaceId: uuid('workspace_id')
      .primaryKey()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    weightPerformance: integer('weight_performance').notNull(),
    weightStability: integer('weight_stability').notNull(),
    weightFit: integer('weight_fit').notNull(),
    weightGrowth: integer('weight_growth').notNull(),
    escalationPath: text('escalation_path').array().notNull().default(sql`'{}'::text[]`),
    updatedAt: updatedAt(),
  },
  (t) => [
    check(
      'selection_settings_weights',
      sql`least(${t.weightPerformance}, ${t.weightStability}, ${t.weightFit}, ${t.weightGrowth}) >= 0
        and ${t.weightPerformance} + ${t.weightStability} + ${t.weightFit} + ${t.weightGrowth} > 0`,
    ),
  ],
);

export const suggestionKindEnum = pgEnum('selection_suggestion_kind', suggestionKinds);

/** A suggestion accepted or dismissed; a dismissed one is not suggested again until `quiet_until`. */
export const suggestionDecisions = pgTable(
  'suggestion_decisions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workspaceId: workspaceId(),
    creatorId: creatorId(),
    kind: suggestionKindEnum('kind').notNull(),
    decision: text('decision').notNull(),
    quietUntil: date('quiet_until', { mode: 'string' }).notNull(),
    byUserId: userIdOrNull('by_user_id'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('suggestion_decisions_idx').on(t.workspaceId, t.creatorId, t.kind, t.quietUntil),
    check('suggestion_decisions_decision', sql`${t.decision} in ('accepted', 'dismissed')`),
  ],
);

/**
 * Each creator's score facts (queries.ts, scoreFacts), kept so that Today and the score need not
 * aggregate every post of the roster on each request (docs/selection.md, "Maintained facts"):
 * statement-level triggers on the inputs (posts, period facts, issues, ratings, snapshots) mark a
 * creator's row stale (as_of null, version + 1); a read recomputes the stale rows, and every row
 * once a day (the windows end today). `score` is the last score written to the history.
 */
export const creatorScoreFacts = pgTable(
  'creator_score_facts',
  {
    workspaceId: workspaceId(),
    creatorId: creatorId(),
    asOf: date('as_of', { mode: 'string' }),
    version: integer('version').notNull().default(0),
    facts: jsonb('facts'),
    score: smallint('score'),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.creatorId] })],
);

/** A creator's score by day: written when a computed score differs from the last one written. */
export const creatorScoreHistory = pgTable(
  'creator_score_history',
  {
    workspaceId: workspaceId(),
    creatorId: creatorId(),
    day: date('day', { mode: 'string' }).notNull(),
    score: smallint('score').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.creatorId, t.day] })],
);
