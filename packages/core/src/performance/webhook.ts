import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  type FieldIssue,
  type OrderWebhookSettings,
  type RotatedWebhookSecret,
  type WebhookDeliveryResult,
  webhookOrder,
} from '@evergreen/contracts';
import { auditLog, type Db, queryRows, workspaces } from '@evergreen/db';
import { and, desc, eq, sql } from 'drizzle-orm';
import { type AuditInput, recordAudit } from '../audit/index.ts';
import { requireRole } from '../shared/access.ts';
import type { ActorCtx, Clock } from '../shared/context.ts';
import { iso } from '../shared/context.ts';
import { AppError, assertStorableText, notFound } from '../shared/errors.ts';
import type { SecretBox } from '../shared/secret-box.ts';
import { createOrderStage, openOrderSink, stageLine, upsertStagedOrders } from './orders.ts';
import { type OrderColumn, type OrderValues, readOrder } from './orders-csv.ts';

/**
 * The signed order webhook (docs/orders-webhook.md). The shop signs each delivery with the
 * workspace's secret: `X-Evergreen-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">`
 * and `X-Evergreen-Timestamp: <unix seconds>`. A delivery is accepted once: within ±5 minutes
 * of its timestamp and with a signature not seen before.
 */

export const WEBHOOK_TOLERANCE_SECONDS = 300;
/** Accepted signatures are kept this long, well past the tolerance, to refuse replays. */
const KEEP_DELIVERIES = '1 day';
export const MAX_WEBHOOK_ORDERS = 1000;

export type SignatureCheck = 'ok' | 'signature_invalid' | 'timestamp_out_of_range';

/** HMAC-SHA256 of "<timestamp>.<body>" with the secret, as "sha256=<hex>". */
export function signWebhook(secret: string, timestamp: string, body: Buffer | string): string {
  const mac = createHmac('sha256', secret);
  mac.update(`${timestamp}.`);
  mac.update(body);
  return `sha256=${mac.digest('hex')}`;
}

/**
 * Checks a delivery's signature (constant-time) and its timestamp against `now`. The signature
 * is checked first, so an unsigned caller learns nothing about the clock.
 */
export function verifyWebhook(
  secret: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  body: Buffer,
  now: Date,
): SignatureCheck {
  const { timestamp, signature } = headers;
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return 'signature_invalid';
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(signature.trim().toLowerCase());
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'signature_invalid';
  const age = Math.abs(now.getTime() / 1000 - Number(timestamp));
  if (age > WEBHOOK_TOLERANCE_SECONDS) return 'timestamp_out_of_range';
  return 'ok';
}

const refuse = (code: SignatureCheck, message: string) =>
  new AppError('unauthenticated', message, [{ field: 'X-Evergreen-Signature', message, code }]);

const FIELD: Record<OrderColumn, string> = {
  external_id: 'externalId',
  customer_id: 'customerId',
  ordered_at: 'orderedAt',
  amount: 'amount',
  currency: 'currency',
  promo_code: 'promoCode',
  utm_source: 'utmSource',
  utm_campaign: 'utmCampaign',
  landing_url: 'landingUrl',
  status: 'status',
  refunded_amount: 'refundedAmount',
};

/** The orders of a delivery body, checked like CSV rows; any bad one refuses the delivery (400). */
export function readWebhookOrders(body: unknown): OrderValues[] {
  const list =
    body && typeof body === 'object' && !Array.isArray(body) && 'orders' in body
      ? (body as { orders: unknown }).orders
      : [body];
  if (!Array.isArray(list) || list.length === 0)
    throw new AppError('validation_failed', 'The body must be one order or { "orders": [ … ] }', [
      { field: 'orders', message: 'must be one order or a non-empty list', code: 'invalid' },
    ]);
  if (list.length > MAX_WEBHOOK_ORDERS)
    throw new AppError('validation_failed', `At most ${MAX_WEBHOOK_ORDERS} orders per delivery`, [
      { field: 'orders', message: `has more than ${MAX_WEBHOOK_ORDERS} orders`, code: 'too_big' },
    ]);
  const issues: FieldIssue[] = [];
  const out: OrderValues[] = [];
  const seen = new Map<string, number>();
  list.forEach((item, i) => {
    const parsed = webhookOrder.safeParse(item);
    if (!parsed.success) {
      for (const is of parsed.error.issues)
        issues.push({
          field: `orders.${i}${is.path.length ? `.${is.path.join('.')}` : ''}`,
          message: is.message,
          code: is.code,
        });
      return;
    }
    const o = parsed.data;
    const r = readOrder({
      external_id: o.externalId,
      customer_id: o.customerId,
      ordered_at: o.orderedAt,
      amount: o.amount,
      currency: o.currency,
      promo_code: o.promoCode,
      utm_source: o.utmSource,
      utm_campaign: o.utmCampaign,
      landing_url: o.landingUrl,
      status: o.status,
      refunded_amount: o.refundedAmount,
    });
    if ('issues' in r) {
      for (const is of r.issues)
        issues.push({ field: `orders.${i}.${FIELD[is.column]}`, message: is.message, code: is.code });
      return;
    }
    const first = seen.get(r.values.externalId);
    if (first !== undefined) {
      issues.push({
        field: `orders.${i}.externalId`,
        message: `order ${first} has the same externalId`,
        code: 'duplicate_in_file',
      });
      return;
    }
    seen.set(r.values.externalId, i);
    out.push(r.values);
  });
  if (issues.length) {
    const shown = issues.slice(0, 10).map((e) => `${e.field}: ${e.message}`);
    throw new AppError(
      'validation_failed',
      `The delivery has errors; nothing was written. ${shown.join('; ')}`,
      issues,
    );
  }
  return out;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Receives one delivery for a workspace. An unknown workspace, one without a secret and a wrong
 * signature all answer the same 401, so the endpoint tells nothing about which workspaces exist.
 */
export async function receiveOrderWebhook(
  { db, clock, box }: { db: Db; clock: Clock; box: SecretBox },
  workspaceId: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  rawBody: Buffer,
): Promise<WebhookDeliveryResult> {
  const now = clock.now();
  const unknown = () => refuse('signature_invalid', 'The signature does not match this endpoint');
  if (!UUID.test(workspaceId)) throw unknown();
  const [w] = await db
    .select({ secret: workspaces.orderWebhookSecret })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  if (!w?.secret) throw unknown();
  let secret: string;
  try {
    secret = box.open(w.secret);
  } catch {
    throw unknown();
  }
  const check = verifyWebhook(secret, headers, rawBody, now);
  if (check === 'signature_invalid') throw unknown();
  if (check === 'timestamp_out_of_range')
    throw refuse(
      'timestamp_out_of_range',
      `X-Evergreen-Timestamp is more than ${WEBHOOK_TOLERANCE_SECONDS} seconds from the server's time`,
    );
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new AppError('validation_failed', 'The body is not JSON', [
      { field: 'body', message: 'is not JSON', code: 'invalid_json' },
    ]);
  }
  assertStorableText(body);
  const orders = readWebhookOrders(body);
  const signature = headers.signature!.trim().toLowerCase();

  return db.transaction(async (tx) => {
    // Occasionally forget deliveries old enough that their timestamp would be refused anyway.
    if (Math.random() < 0.05)
      await tx.execute(
        sql`delete from webhook_deliveries where received_at < ${now.toISOString()}::timestamptz - interval '${sql.raw(KEEP_DELIVERIES)}'`,
      );
    const fresh = await queryRows<{ ok: number }>(
      tx,
      sql`insert into webhook_deliveries (workspace_id, signature, received_at)
        values (${workspaceId}, ${signature}, ${now.toISOString()}::timestamptz)
        on conflict do nothing returning 1 as ok`,
    );
    if (!fresh.length)
      throw new AppError('conflict', 'This delivery was already received', [
        { field: 'X-Evergreen-Signature', message: 'was already received', code: 'replayed' },
      ]);
    const stage = await createOrderStage(tx);
    const sink = await openOrderSink(tx, stage);
    await sink.write(orders.map((o, i) => stageLine(i + 1, o)).join(''));
    await sink.end();
    const { created, updated } = await upsertStagedOrders(tx, workspaceId, stage, now);
    return { received: orders.length, created, updated, unchanged: orders.length - created - updated };
  });
}

// ---- the secret -----------------------------------------------------------------------------

const endpointOf = (publicUrl: string, workspaceId: string) =>
  `${publicUrl.replace(/\/+$/, '')}/api/v1/hooks/orders/${workspaceId}`;

async function lastRotation(db: Db, workspaceId: string): Promise<string | null> {
  const [a] = await db
    .select({ at: auditLog.at })
    .from(auditLog)
    .where(and(eq(auditLog.workspaceId, workspaceId), eq(auditLog.action, 'orders.webhook_secret_rotated')))
    .orderBy(desc(auditLog.at))
    .limit(1);
  return iso(a?.at);
}

/** Whether the webhook has a secret, and where to post. Owners only. */
export async function getOrderWebhook(
  { db, actor }: ActorCtx,
  opts: { publicUrl: string },
): Promise<OrderWebhookSettings> {
  requireRole(actor, 'owner');
  const [w] = await db
    .select({ secret: workspaces.orderWebhookSecret })
    .from(workspaces)
    .where(eq(workspaces.id, actor.workspaceId));
  if (!w) throw notFound('Workspace');
  return {
    configured: !!w.secret,
    url: endpointOf(opts.publicUrl, actor.workspaceId),
    rotatedAt: await lastRotation(db, actor.workspaceId),
  };
}

/** Makes a new secret (the old one stops working at once) and shows it this once. Owners only. */
export async function rotateOrderWebhookSecret(
  { db, clock, actor }: ActorCtx,
  opts: { box: SecretBox; publicUrl: string },
): Promise<RotatedWebhookSecret> {
  requireRole(actor, 'owner');
  const secret = `whsec_${randomBytes(32).toString('base64url')}`;
  const now = await writeWebhookSecret(
    { db, clock, actor },
    { orderWebhookSecret: opts.box.seal(secret) },
    { action: 'orders.webhook_secret_rotated' },
  );
  return {
    configured: true,
    url: endpointOf(opts.publicUrl, actor.workspaceId),
    rotatedAt: now.toISOString(),
    secret,
  };
}

/**
 * Writes one of the workspace's webhook secrets (sealed, or null to clear it) and audits that, in
 * one transaction; 404 when the workspace is gone. Returns when it was written.
 */
export async function writeWebhookSecret(
  { db, clock, actor }: ActorCtx,
  set: Partial<
    Pick<
      typeof workspaces.$inferInsert,
      'orderWebhookSecret' | 'shopifyWebhookSecret' | 'woocommerceWebhookSecret'
    >
  >,
  audit: Pick<AuditInput, 'action' | 'changes'>,
): Promise<Date> {
  const now = clock.now();
  await db.transaction(async (tx) => {
    const [w] = await tx
      .update(workspaces)
      .set({ ...set, updatedAt: now })
      .where(eq(workspaces.id, actor.workspaceId))
      .returning({ id: workspaces.id });
    if (!w) throw notFound('Workspace');
    await recordAudit(tx, actor, { ...audit, entityType: 'workspace', entityId: actor.workspaceId }, now);
  });
  return now;
}
