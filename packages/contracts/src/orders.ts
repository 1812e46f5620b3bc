import { z } from 'zod';
import { isoDateTime, saneYear, uuid } from './common.ts';
import { importKind } from './imports.ts';
import { csvImportMode } from './roster-csv.ts';

/**
 * Orders from the shop: CSV import (docs/csv.md, "Orders") and the signed webhook
 * (docs/orders-webhook.md). Amounts are integer minor units plus a currency; each order shows
 * the creator and post it is attributed to (a promo code beats a link; docs/performance.md).
 */

export const orderAttribution = z.object({
  creatorId: uuid,
  creatorName: z.string().nullable(),
  /** The creator's latest live post at or before the order; null when they had none (a code order). */
  deliverableId: uuid.nullable(),
  by: z.enum(['code', 'link']),
  /** Seconds from that post to the order; null without a post. */
  lagSeconds: z.number().int().nullable(),
});
export type OrderAttribution = z.infer<typeof orderAttribution>;

/** docs/performance.md, "Order status": paid and partially_refunded count, the others nowhere. */
export const orderStatus = z.enum(['paid', 'pending', 'cancelled', 'refunded', 'partially_refunded']);
export type OrderStatus = z.infer<typeof orderStatus>;

export const order = z.object({
  id: z.number().int(),
  externalId: z.string(),
  customerId: z.string(),
  orderedAt: isoDateTime,
  amountMinor: z.number().int(),
  currency: z.string(),
  /** In the workspace's reporting currency at the order day's rate; null = no rate. */
  amountReportingMinor: z.number().int().nullable(),
  status: orderStatus,
  /** Refunded, in minor units of `currency`. */
  refundedMinor: z.number().int(),
  /** Refunded, in the reporting currency at the order day's rate; null = no rate. */
  refundedReportingMinor: z.number().int().nullable(),
  promoCode: z.string().nullable(),
  utmSource: z.string().nullable(),
  utmCampaign: z.string().nullable(),
  landingUrl: z.string().nullable(),
  /** Null: not attributed to any creator. */
  attribution: orderAttribution.nullable(),
});
export type Order = z.infer<typeof order>;

const yesNo = z.enum(['yes', 'no']);
export const orderListQuery = z.object({
  /** Orders attributed to this creator. */
  creatorId: uuid.optional(),
  attributed: yesNo.optional(),
  /** Ordered at or after (ISO date or date-time). */
  from: saneYear(z.string()).optional(),
  /** Ordered before (a date means the end of that day, UTC). */
  to: saneYear(z.string()).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type OrderListQuery = z.infer<typeof orderListQuery>;

export const orderList = z.object({
  orders: z.array(order),
  total: z.number().int(),
});
export type OrderList = z.infer<typeof orderList>;

/** One order in a webhook delivery: the CSV columns in camelCase, the amount as a decimal string. */
export const webhookOrder = z.object({
  externalId: z.string(),
  customerId: z.string(),
  orderedAt: z.string(),
  amount: z.string(),
  currency: z.string(),
  promoCode: z.string().nullish(),
  utmSource: z.string().nullish(),
  utmCampaign: z.string().nullish(),
  landingUrl: z.string().nullish(),
  /** paid (the default), pending, cancelled, refunded or partially_refunded. */
  status: z.string().nullish(),
  /** A decimal string like the amount; refunded without it = all of the amount. */
  refundedAmount: z.string().nullish(),
});
export type WebhookOrder = z.infer<typeof webhookOrder>;

export const webhookDeliveryResult = z.object({
  received: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
});
export type WebhookDeliveryResult = z.infer<typeof webhookDeliveryResult>;

export const orderWebhookSettings = z.object({
  configured: z.boolean(),
  /** Where the shop posts orders. */
  url: z.string(),
  /** When the secret was last rotated (from the audit log); null when never. */
  rotatedAt: isoDateTime.nullable(),
});
export type OrderWebhookSettings = z.infer<typeof orderWebhookSettings>;

/** The new secret, shown once. */
export const rotatedWebhookSecret = orderWebhookSettings.extend({ secret: z.string() });
export type RotatedWebhookSecret = z.infer<typeof rotatedWebhookSecret>;

export const importStartQuery = z.object({
  mode: csvImportMode.default('all_or_nothing'),
  fileName: z.string().max(255).optional(),
});
export const importParams = z.object({ workspaceId: uuid, kind: importKind });
export const importRunParams = z.object({ workspaceId: uuid, importId: uuid });

/** The native order receivers (docs/orders-webhook.md). */
export const receiverKind = z.enum(['shopify', 'woocommerce']);
export type ReceiverKind = z.infer<typeof receiverKind>;

/** What a native receiver did with a delivery. */
export const nativeDeliveryResult = webhookDeliveryResult.extend({
  /** accepted, duplicate (already received: nothing written again), ignored (a topic or ping Evergreen does not read), test (checked, nothing written). */
  outcome: z.enum(['accepted', 'duplicate', 'ignored', 'test']),
  message: z.string().nullable(),
});
export type NativeDeliveryResult = z.infer<typeof nativeDeliveryResult>;

export const receiverDelivery = z.object({
  topic: z.string().nullable(),
  deliveryId: z.string().nullable(),
  httpStatus: z.number().int(),
  /** accepted, duplicate, ignored, test, unauthorized, invalid. */
  outcome: z.string(),
  message: z.string().nullable(),
  externalId: z.string().nullable(),
  test: z.boolean(),
  receivedAt: isoDateTime,
});
export type ReceiverDelivery = z.infer<typeof receiverDelivery>;

export const receiverSettings = z.object({
  kind: receiverKind,
  /** Where the platform posts. */
  url: z.string(),
  /** A secret is stored (sealed); it is never shown again. */
  configured: z.boolean(),
  /** The last deliveries, newest first (at most 20). */
  deliveries: z.array(receiverDelivery),
});
export type ReceiverSettings = z.infer<typeof receiverSettings>;
export const receiverList = z.object({ receivers: z.array(receiverSettings) });

export const receiverSecretBody = z.object({
  /** The secret from Shopify or WooCommerce; empty turns the receiver off. */
  secret: z.string().max(500),
});

export const receiverTestResult = z.object({
  url: z.string(),
  /** The receiver's HTTP answer; null when the request did not arrive. */
  httpStatus: z.number().int().nullable(),
  ok: z.boolean(),
  message: z.string(),
});
export type ReceiverTestResult = z.infer<typeof receiverTestResult>;
