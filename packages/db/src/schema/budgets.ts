import { paymentStatuses } from '@evergreen/contracts';
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { agreements, deliverables } from './agreements.ts';
import { createdAt, primaryId, updatedAt } from './columns.ts';
import { userIdOrNull } from './identity.ts';
import { creatorId } from './roster.ts';
import { workspaceId } from './workspaces.ts';

/**
 * Exchange rates a workspace keeps: on `on_date`, 1 unit of `currency` is worth `rate` units of
 * `reporting_currency`. Exact decimals (numeric(20,10)), never floats. An amount dated D is
 * converted at the latest rate on or before D (docs/budgets.md).
 */
export const exchangeRates = pgTable(
  'exchange_rates',
  {
    id: primaryId(),
    workspaceId: workspaceId(),
    currency: text('currency').notNull(),
    reportingCurrency: text('reporting_currency').notNull(),
    onDate: date('on_date', { mode: 'string' }).notNull(),
    rate: numeric('rate', { precision: 20, scale: 10 }).notNull(),
    createdBy: userIdOrNull('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('exchange_rates_key').on(t.workspaceId, t.currency, t.reportingCurrency, t.onDate),
    check('exchange_rates_positive', sql`${t.rate} > 0`),
  ],
);

/**
 * A fiscal-year budget in the workspace's reporting currency, split by tier (shares default to
 * the tier policies and can be changed per budget) and optionally by market.
 */
export const budgets = pgTable(
  'budgets',
  {
    id: primaryId(),
    workspaceId: workspaceId(),
    /** The calendar year the fiscal year starts in. */
    fiscalYear: integer('fiscal_year').notNull(),
    totalMinor: bigint('total_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    tier1SharePct: numeric('tier1_share_pct', { precision: 5, scale: 2 }).notNull(),
    tier2SharePct: numeric('tier2_share_pct', { precision: 5, scale: 2 }).notNull(),
    tier3SharePct: numeric('tier3_share_pct', { precision: 5, scale: 2 }).notNull(),
    /** Optional split by market: [{ market: 'US', sharePct: '60' }]. */
    marketSplit: jsonb('market_split').$type<{ market: string; sharePct: string }[]>(),
    notes: text('notes'),
    createdBy: userIdOrNull('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('budgets_year_key').on(t.workspaceId, t.fiscalYear),
    index('budgets_workspace_idx').on(t.workspaceId),
    check('budgets_total', sql`${t.totalMinor} >= 0`),
  ],
);

export const paymentStatusEnum = pgEnum('payment_status', paymentStatuses);

/**
 * A payment owed to a creator: generated from agreements (a retainer month, an approved
 * deliverable with a cost) or added by hand. `period_on` (a retainer month's first day) and
 * `deliverable_id` keep generation idempotent.
 */
export const payments = pgTable(
  'payments',
  {
    id: primaryId(),
    workspaceId: workspaceId(),
    creatorId: creatorId(),
    agreementId: uuid('agreement_id').references(() => agreements.id, { onDelete: 'set null' }),
    deliverableId: uuid('deliverable_id').references(() => deliverables.id, { onDelete: 'set null' }),
    /** Retainers: the first day of the month this payment is for. */
    periodOn: date('period_on', { mode: 'string' }),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    status: paymentStatusEnum('status').notNull().default('scheduled'),
    /** The day of the last (or only) payment. */
    paidOn: date('paid_on', { mode: 'string' }),
    paidMinor: bigint('paid_minor', { mode: 'number' }).notNull().default(0),
    reference: text('reference'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('payments_due_idx').on(t.workspaceId, t.status, t.dueOn),
    index('payments_creator_idx').on(t.workspaceId, t.creatorId, t.dueOn),
    uniqueIndex('payments_period_key')
      .on(t.workspaceId, t.agreementId, t.periodOn)
      .where(sql`${t.periodOn} is not null`),
    uniqueIndex('payments_deliverable_key')
      .on(t.workspaceId, t.deliverableId)
      .where(sql`${t.deliverableId} is not null`),
    check('payments_amounts', sql`${t.amountMinor} >= 0 and ${t.paidMinor} >= 0`),
  ],
);

/**
 * Binary data (Postgres `bytea`) as a Buffer on both drivers: node-postgres answers a Buffer,
 * PGlite a Uint8Array (and a `\x…` hex string is accepted too, in case a driver sends text).
 */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array | string }>({
  dataType: () => 'bytea',
  toDriver: (value) => value,
  fromDriver: (value) => {
    if (typeof value === 'string') {
      return value.startsWith('\\x') ? Buffer.from(value.slice(2), 'hex') : Buffer.from(value, 'binary');
    }
    return Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  },
});

/** An invoice attached to a payment as a file (PDF, PNG or JPEG, up to 4 MB), stored in the row. */
export const paymentInvoices = pgTable(
  'payment_invoices',
  {
    id: primaryId(),
    workspaceId: workspaceId(),
    paymentId: uuid('payment_id')
      .notNull()
      .references(() => payments.id, { onDelete: 'cascade' }),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    data: bytea('data').notNull(),
    uploadedBy: userIdOrNull('uploaded_by'),
    /** Uploaded by the creator in the portal (uploaded_by is then null). */
    byCreator: boolean('by_creator').notNull().default(false),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('payment_invoices_payment_idx').on(t.workspaceId, t.paymentId, t.uploadedAt),
    check('payment_invoices_size', sql`${t.sizeBytes} >= 0`),
  ],
);

/**
 * A screenshot of a post's numbers (PNG, JPEG or WebP, up to 5 MB), sent with the metrics in the
 * creator portal; stored in the row, so it is in every backup (docs/decisions/0020-files-in-rows.md).
 */
export const deliverableScreenshots = pgTable(
  'deliverable_screenshots',
  {
    id: primaryId(),
    workspaceId: workspaceId(),
    deliverableId: uuid('deliverable_id')
      .notNull()
      .references(() => deliverables.id, { onDelete: 'cascade' }),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    data: bytea('data').notNull(),
    byCreator: boolean('by_creator').notNull().default(false),
    uploadedBy: userIdOrNull('uploaded_by'),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('deliverable_screenshots_deliverable_idx').on(t.workspaceId, t.deliverableId, t.uploadedAt),
    check('deliverable_screenshots_size', sql`${t.sizeBytes} > 0`),
  ],
);
