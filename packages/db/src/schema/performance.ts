import { importKinds, trackerKinds } from '@evergreen/contracts';
import { sql } from 'drizzle-orm';
import {
  bigint,
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
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { campaigns, deliverables } from './agreements.ts';
import { createdAt, primaryId, updatedAt } from './columns.ts';
import { userIdOrNull } from './identity.ts';
import { creatorId } from './roster.ts';
import { workspaceId } from './workspaces.ts';

/**
 * A reading of a post's numbers at one moment. Several per post (day 1, day 7, …); the
 * deliverable row carries the facts derived from them (latest, day-1, day-7).
 */
export const metricSnapshots = pgTable(
  'metric_snapshots',
  {
    id: primaryId(),
    workspaceId: workspaceId(),
    deliverableId: uuid('deliverable_id')
      .notNull()
      .references(() => deliverables.id, { onDelete: 'cascade' }),
    capturedAt: timestamp('captured_at', { withTimezone: true }).notNull(),
    impressions: bigint('impressions', { mode: 'number' }),
    reach: bigint('reach', { mode: 'number' }),
    likes: bigint('likes', { mode: 'number' }),
    comments: bigint('comments', { mode: 'number' }),
    shares: bigint('shares', { mode: 'number' }),
    saves: bigint('saves', { mode: 'number' }),
    clicks: bigint('clicks', { mode: 'number' }),
    videoViews: bigint('video_views', { mode: 'number' }),
    /** manual, api or csv. */
    source: text('source').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    // One reading per post and moment: re-sending the same reading updates it.
    uniqueIndex('metric_snapshots_key').on(t.workspaceId, t.deliverableId, t.capturedAt),
    // Deleting a post (or a workspace, post by post) looks snapshots up by deliverable_id alone.
    index('metric_snapshots_deliverable_idx').on(t.deliverableId),
  ],
);

/** A request that carried an Idempotency-Key: the same key answers the stored response. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    workspaceId: workspaceId(),
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    response: jsonb('response').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.scope, t.key] })],
);

/**
 * An order's state (docs/performance.md, "Order status"): paid and partially_refunded orders
 * count (revenue net of the refunded amount); pending, cancelled and refunded ones count nowhere.
 */
export const orderStatusEnum = pgEnum('order_status', [
  'paid',
  'pending',
  'cancelled',
  'refunded',
  'partially_refunded',
]);

export const trackerKindEnum = pgEnum('tracker_kind', trackerKinds);

/**
 * A promo code or a UTM-tagged link that ties orders to a creator (optionally a campaign).
 * Codes are stored upper-case, UTM values lower-case, so matching is case-insensitive.
 */
export const trackers = pgTable(
  'trackers',
  {
    id: primaryId(),
    workspaceId: workspaceId(),
    creatorId: creatorId(),
    campaignId: uuid('campaign_id').references(() => campaigns.id, { onDelete: 'set null' }),
    kind: trackerKindEnum('kind').notNull(),
    /** Promo codes: the code. */
    code: text('code'),
    /** Links: the landing page and its UTM parameters; url = the built link. */
    destinationUrl: text('destination_url'),
    utmSource: text('utm_source'),
    utmMedium: text('utm_medium'),
    utmCampaign: text('utm_campaign'),
    utmContent: text('utm_content'),
    url: text('url'),
    createdBy: userIdOrNull('created_by'),
    createdAt: createdAt(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('trackers_code_key').on(t.workspaceId, t.code),
    uniqueIndex('trackers_utm_key').on(t.workspaceId, t.utmSource, t.utmCampaign),
    index('trackers_creator_idx').on(t.workspaceId, t.creatorId),
    check(
      'trackers_shape',
      sql`(${t.kind} = 'promo_code' and ${t.code} is not null) or (${t.kind} = 'link' and ${t.utmSource} is not null and ${t.utmCampaign} is not null)`,
    ),
  ],
);

/**
 * An order from the shop (CSV or signed webhook). The attribution columns are derived
 * (performance/facts.ts) and recomputed when posts, trackers or the window change.
 * No foreign keys on the derived columns: a million-row import should not pay for them.
 */
export const orders = pgTable(
  'orders',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workspaceId: workspaceId(),
    externalId: text('external_id').notNull(),
    customerId: text('customer_id').notNull(),
    orderedAt: timestamp('ordered_at', { withTimezone: true }).notNull(),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    /** The amount in the reporting currency at the order day's rate; null = no rate. */
    amountReportingMinor: bigint('amount_reporting_minor', { mode: 'number' }),
    status: orderStatusEnum('status').notNull().default('paid'),
    /** How much of the amount was refunded (minor units of `currency`), 0 ≤ refunded ≤ amount. */
    refundedMinor: bigint('refunded_minor', { mode: 'number' }).notNull().default(0),
    /** The refunded amount in the reporting currency at the order day's rate; null = no rate. */
    refundedReportingMinor: bigint('refunded_reporting_minor', { mode: 'number' }).default(0),
    /** Upper-cased. */
    promoCode: text('promo_code'),
    /** Lower-cased; taken from landing_url when the columns were empty. */
    utmSource: text('utm_source'),
    utmCampaign: text('utm_campaign'),
    landingUrl: text('landing_url'),
    // Derived.
    attributedCreatorId: uuid('attributed_creator_id'),
    attributedDeliverableId: uuid('attributed_deliverable_id'),
    /** 'code' or 'link'. */
    attributedBy: text('attributed_by'),
    /** Seconds from the attributed post's posted time to the order. */
    lagSeconds: bigint('lag_seconds', { mode: 'number' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('orders_external_key').on(t.workspaceId, t.externalId),
    index('orders_customer_idx').on(t.workspaceId, t.customerId, t.orderedAt),
    // Attributed orders that count (paid, partially refunded) by creator and time, with the
    // columns the performance reports read in the key (Drizzle has no INCLUDE): the reports read
    // it index-only, in creator order. Partial: unattributed orders (most of an import) and the
    // ones that count nowhere never enter it; every report lookup repeats the predicate.
    index('orders_creator_idx')
      .on(
        t.workspaceId,
        t.attributedCreatorId,
        t.orderedAt,
        t.attributedDeliverableId,
        t.amountReportingMinor,
        t.refundedReportingMinor,
        t.lagSeconds,
      )
      .where(sql`${t.attributedCreatorId} is not null and ${t.status} in ('paid', 'partially_refunded')`),
    index('orders_time_idx').on(t.workspaceId, t.orderedAt),
  ],
);

/**
 * Per-customer facts kept up to date on every order import, so acquisition and repeat
 * purchase never scan raw orders: the first order, who it was attributed to (that creator
 * acquired the customer) and when the customer ordered next.
 */
export const customerFacts = pgTable(
  'customer_facts',
  {
    workspaceId: workspaceId(),
    customerId: text('customer_id').notNull(),
    firstOrderId: bigint('first_order_id', { mode: 'number' }).notNull(),
    firstOrderedAt: timestamp('first_ordered_at', { withTimezone: true }).notNull(),
    /** The creator the first order was attributed to: they acquired this customer. */
    acquiredByCreatorId: uuid('acquired_by_creator_id'),
    acquiredByDeliverableId: uuid('acquired_by_deliverable_id'),
    secondOrderedAt: timestamp('second_ordered_at', { withTimezone: true }),
    orderCount: integer('order_count').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.customerId] }),
    // Acquired customers by creator and first order, covering what the reports read (index-only).
    index('customer_facts_acquired_idx')
      .on(
        t.workspaceId,
        t.acquiredByCreatorId,
        t.firstOrderedAt,
        t.acquiredByDeliverableId,
        t.secondOrderedAt,
      )
      .where(sql`${t.acquiredByCreatorId} is not null`),
  ],
);

/**
 * Signatures of accepted webhook deliveries, so a replayed delivery is refused; for the native
 * receivers the platform's delivery id (`shopify:<X-Shopify-Webhook-Id>`, `woocommerce:<id>`).
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    workspaceId: workspaceId(),
    signature: text('signature').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.signature] }),
    index('webhook_deliveries_time_idx').on(t.receivedAt),
  ],
);

/**
 * The last deliveries of each order receiver (generic, shopify, woocommerce) with their outcome,
 * refused ones included, for the settings page. Trimmed to the latest 50 per receiver.
 */
export const webhookLog = pgTable(
  'webhook_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workspaceId: workspaceId(),
    /** generic, shopify or woocommerce. */
    receiver: text('receiver').notNull(),
    topic: text('topic'),
    /** The platform's delivery id, when it sends one. */
    deliveryId: text('delivery_id'),
    /** The HTTP status answered. */
    httpStatus: integer('http_status').notNull(),
    /** accepted, duplicate, ignored, unauthorized, invalid, too_large. */
    outcome: text('outcome').notNull(),
    message: text('message'),
    /** The order's external id, when one was read. */
    externalId: text('external_id'),
    isTest: boolean('is_test').notNull().default(false),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('webhook_log_ws_idx').on(t.workspaceId, t.receiver, t.receivedAt)],
);

export const importKindEnum = pgEnum('import_kind', importKinds);

/** A finished (or failed) import of posts, metrics or orders: who, what file, what it did. */
export const importRuns = pgTable(
  'import_runs',
  {
    id: primaryId(),
    workspaceId: workspaceId(),
    kind: importKindEnum('kind').notNull(),
    fileName: text('file_name'),
    /**
     * running (written when the import starts), then done or failed; interrupted when its process
     * died before it finished (its transaction rolled back: nothing of it was written).
     */
    status: text('status').notNull(),
    /** While running: the phase and rows done (import-runs.ts writes them at most every 500 ms). */
    phase: text('phase').notNull().default('reading'),
    processedRows: integer('processed_rows').notNull().default(0),
    totalRows: integer('total_rows').notNull().default(0),
    created: integer('created').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    skipped: integer('skipped').notNull().default(0),
    errors: jsonb('errors').notNull().default(sql`'[]'::jsonb`),
    createdBy: userIdOrNull('created_by'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** The process running it (a random id per server or CLI process) and when it last said so. */
    ownerInstance: text('owner_instance'),
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }),
  },
  (t) => [
    index('import_runs_ws_idx').on(t.workspaceId, t.startedAt),
    index('import_runs_running_idx').on(t.heartbeatAt).where(sql`status = 'running'`),
  ],
);

/**
 * A column mapping saved by name for one kind of import (docs/csv.md, "Column mapping"): file
 * column → Evergreen field, plus value options. `header_key` is the file's header normalised
 * (lower-case, trimmed, in order), so a file with the same header gets the mapping again.
 */
export const importMappings = pgTable(
  'import_mappings',
  {
    workspaceId: workspaceId(),
    id: uuid('id').notNull().defaultRandom(),
    /** creators, posts, metrics, orders or exchange_rates. */
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    headerKey: text('header_key').notNull(),
    /** { columns: { [file column]: field | null }, options: { decimal, dateOrder, … } }. */
    mapping: jsonb('mapping').notNull(),
    createdBy: userIdOrNull('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('import_mappings_name_key').on(t.workspaceId, t.kind, t.name),
    index('import_mappings_header_idx').on(t.workspaceId, t.kind, t.headerKey),
  ],
);

/**
 * Attributed orders and acquired customers summed per creator, UTC day and UTC month (`grain`),
 * split by whether the order (or the customer's first order) has an attributed post. The
 * performance reports read whole months here and the period's edge days at day grain, instead
 * of every attributed order and customer (docs/performance.md, "Scale"). Kept exact by
 * statement-level triggers on orders, customer_facts and workspaces (the repeat horizon), in
 * the same transaction as every write (migration 0010); never written by application code.
 */
export const creatorPeriodFacts = pgTable(
  'creator_period_facts',
  {
    workspaceId: workspaceId(),
    /** 'day' or 'month'. */
    grain: text('grain').notNull(),
    /** The UTC day, or the first day of the UTC month. */
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    creatorId: uuid('creator_id').notNull(),
    /** The order (the customer's first order) is attributed to a post, not only to the creator. */
    hasPost: boolean('has_post').notNull(),
    orders: integer('orders').notNull().default(0),
    /** Σ amount in the reporting currency over the orders that have one. */
    revenueMinor: bigint('revenue_minor', { mode: 'number' }).notNull().default(0),
    /** Orders without a reporting amount (no exchange rate). */
    unconvertedOrders: integer('unconverted_orders').notNull().default(0),
    /** Customers whose first order falls here and is attributed to the creator. */
    acquired: integer('acquired').notNull().default(0),
    /** Of those, the ones who ordered again within the workspace's repeat horizon. */
    repeaters: integer('repeaters').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.grain, t.startsOn, t.creatorId, t.hasPost] }),
    check('creator_period_facts_grain', sql`${t.grain} in ('day', 'month')`),
  ],
);
