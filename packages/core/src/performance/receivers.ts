import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type {
  FieldIssue,
  NativeDeliveryResult,
  ReceiverKind,
  ReceiverSettings,
  ReceiverTestResult,
} from '@evergreen/contracts';
import { type Db, queryRows, workspaces } from '@evergreen/db';
import { eq, sql } from 'drizzle-orm';
import { shopifyFinancialStatus, woocommerceStatus } from '../imports/index.ts';
import { requireRole } from '../shared/access.ts';
import type { ActorCtx, Clock } from '../shared/context.ts';
import { iso } from '../shared/context.ts';
import { AppError, assertStorableText, invalid, notFound } from '../shared/errors.ts';
import { cmpDecimal, minorDigits, parseMoney, sumDecimals } from '../shared/money.ts';
import type { SecretBox } from '../shared/secret-box.ts';
import { lockWorkspaceOrders } from './facts.ts';
import { createOrderStage, openOrderSink, stageLine, upsertStagedOrders } from './orders.ts';
import { type OrderCells, type OrderColumn, type OrderValues, readOrder } from './orders-csv.ts';
import { writeWebhookSecret } from './webhook.ts';

/**
 * The native order receivers (docs/orders-webhook.md): Shopify and WooCommerce post their own
 * payloads, signed their own way, to /api/v1/hooks/{shopify|woocommerce}/{workspaceId}. Each
 * payload is mapped onto the columns of an orders CSV row and goes through the same checks
 * (readOrder) and the same staged upsert as the CSV import and the generic webhook.
 *
 * - Signature: base64 HMAC-SHA256 of the raw body with the secret the owner pasted from the
 *   platform (`X-Shopify-Hmac-Sha256`, `X-WC-Webhook-Signature`), compared in constant time.
 * - Idempotency: the platform's delivery id (`X-Shopify-Webhook-Id`, `X-WC-Webhook-Delivery-ID`;
 *   the signature when absent) is stored in webhook_deliveries in the delivery's transaction, after
 *   the workspace's orders lock: a replay, even in parallel, writes nothing twice (200, duplicate).
 * - A refund (Shopify refunds/create) adds its amount once per refund id; an order payload
 *   (orders/updated) carries all its refunds and sets the total, marking their ids as applied.
 */

const KEEP_NATIVE_DELIVERIES = '7 days';
const LOG_KEEP = 50;
export const TEST_DELIVERY_HEADER = 'x-evergreen-test-delivery';

const SHOPIFY_TOPICS = ['orders/create', 'orders/updated', 'orders/cancelled', 'refunds/create'] as const;
const WOO_TOPICS = ['order.created', 'order.updated'] as const;

export interface NativeHeaders {
  signature: string | undefined;
  topic: string | undefined;
  deliveryId: string | undefined;
  test: boolean;
}

/** base64 HMAC-SHA256 of the raw body: how Shopify and WooCommerce sign. */
export const signBase64 = (secret: string, body: Buffer | string): string =>
  createHmac('sha256', secret).update(body).digest('base64');

export function verifyBase64(secret: string, signature: string | undefined, body: Buffer): boolean {
  if (!signature) return false;
  const expected = Buffer.from(signBase64(secret, body));
  const given = Buffer.from(signature.trim());
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * JSON.parse that keeps integers beyond 2^53 exact by reading them as text (Shopify's ids:
 * `"id": 820982911946154508` would become …500 as a JS number). Strings are skipped as they are.
 */
export function parseJsonKeepingBigInts(text: string): unknown {
  let out = '';
  let i = 0;
  const n = text.length;
  let last = 0;
  while (i < n) {
    const ch = text.charCodeAt(i);
    if (ch === 34 /* " */) {
      i++;
      while (i < n && text.charCodeAt(i) !== 34) i += text.charCodeAt(i) === 92 /* \ */ ? 2 : 1;
      i++;
      continue;
    }
    if ((ch >= 48 && ch <= 57) || ch === 45) {
      const start = i;
      i++;
      while (i < n && /[0-9.eE+-]/.test(text[i]!)) i++;
      const num = text.slice(start, i);
      if (/^-?\d{16,}$/.test(num) && !Number.isSafeInteger(Number(num))) {
        out += `${text.slice(last, start)}"${num}"`;
        last = i;
      }
      continue;
    }
    i++;
  }
  return JSON.parse(out + text.slice(last));
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);
const text = (v: unknown): string | null =>
  typeof v === 'string' ? v.trim() || null : typeof v === 'number' ? String(v) : null;
const idText = (v: unknown): string | null =>
  typeof v === 'string' && /^\d+$/.test(v.trim()) ? v.trim() : typeof v === 'number' ? String(v) : null;

/** Major-unit decimal text ("12.50", "-10.00", 12.5) → an absolute decimal text; null otherwise. */
const decimalText = (v: unknown): string | null => {
  const t = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : '';
  return /^-?\d+(\.\d+)?$/.test(t) ? t.replace(/^-/, '') : null;
};

/** The customer: the email (lower-cased), else the phone, else the order itself. */
const customerOf = (email: string | null, phone: string | null, orderId: string): string =>
  email ? email.toLowerCase() : phone ? phone.replace(/[\s()-]/g, '') : `order:${orderId}`;

/**
 * A status and refunded amount from the platform's state and its refunds: a refund of all of
 * the amount is `refunded`; a part, `partially_refunded`; cancelled stays cancelled.
 */
function settle(
  base: 'paid' | 'pending' | 'cancelled' | 'refunded',
  amount: string,
  refunded: string,
): { status: string; refunded: string } {
  if (base === 'cancelled' || base === 'pending') return { status: base, refunded: '0' };
  if (base === 'refunded') return { status: 'refunded', refunded: amount };
  if (cmpDecimal(refunded, '0') <= 0) return { status: 'paid', refunded: '0' };
  if (cmpDecimal(refunded, amount) >= 0) return { status: 'refunded', refunded: amount };
  return { status: 'partially_refunded', refunded };
}

/** One mapped order: the cells readOrder reads, and for each column the payload field it came from. */
interface Mapped {
  cells: OrderCells;
  from: Partial<Record<OrderColumn, string>>;
  /** Refund ids the payload carries (Shopify), so a later refunds/create for one is not added again. */
  refundIds: string[];
  /** Why this order is not imported (a Shopify test order), when it is not. */
  skip?: string;
}

const bad = (field: string, message: string, code = 'invalid'): AppError =>
  new AppError('validation_failed', `${field}: ${message}; nothing was written`, [{ field, message, code }]);

// ---- Shopify ---------------------------------------------------------------------------------

const SHOPIFY_FROM: Partial<Record<OrderColumn, string>> = {
  external_id: 'id',
  customer_id: 'email',
  ordered_at: 'created_at',
  amount: 'total_price',
  currency: 'currency',
  promo_code: 'discount_codes',
  landing_url: 'landing_site',
  status: 'financial_status',
  refunded_amount: 'refunds',
};

/** A Shopify order payload (orders/create, orders/updated, orders/cancelled) → an order row. */
export function mapShopifyOrder(o: unknown): Mapped {
  if (!isObj(o)) throw bad('body', 'must be a Shopify order object');
  const id = idText(o.id);
  if (!id) throw bad('id', 'is required: the Shopify order id', 'required');
  const customer = isObj(o.customer) ? o.customer : {};
  const email = text(o.email) ?? text(o.contact_email) ?? text(customer.email);
  const phone = text(o.phone) ?? text(customer.phone);
  const amount = decimalText(o.total_price);
  if (!amount) throw bad('total_price', 'must be a decimal amount like "49.90"', 'invalid_money');
  const fin = text(o.financial_status)?.toLowerCase() ?? 'paid';
  const status = shopifyFinancialStatus[fin];
  if (!status)
    throw bad(
      'financial_status',
      `"${fin}" is not a Shopify financial status (paid, pending, authorized, partially_paid, partially_refunded, refunded, voided)`,
      'invalid_status',
    );
  // A base status: settle() works a partial refund out of the refunds listed.
  let base = status === 'partially_refunded' ? 'paid' : status;
  if (o.cancelled_at) base = 'cancelled';
  const refundIds: string[] = [];
  const refunds: string[] = [];
  if (o.refunds != null && !Array.isArray(o.refunds)) throw bad('refunds', 'must be a list');
  for (const [i, r] of ((o.refunds as unknown[]) ?? []).entries()) {
    if (!isObj(r)) throw bad(`refunds.${i}`, 'must be an object');
    const rid = idText(r.id);
    if (rid) refundIds.push(rid);
    refunds.push(...refundAmounts(r, `refunds.${i}`));
  }
  let refunded = sumDecimals(refunds);
  // No transactions listed but Shopify says refunded in part: what the current total lost.
  if (fin === 'partially_refunded' && cmpDecimal(refunded, '0') === 0) {
    const current = decimalText(o.current_total_price);
    if (current && cmpDecimal(current, amount) < 0) refunded = sumDecimals([amount, `-${current}`]);
  }
  const s = settle(base, amount, refunded);
  const codes = Array.isArray(o.discount_codes) ? o.discount_codes : [];
  const code = codes.map((c) => (isObj(c) ? text(c.code) : null)).find((c) => c) ?? null;
  return {
    cells: {
      external_id: id,
      customer_id: customerOf(email, phone, id),
      ordered_at: text(o.created_at),
      amount,
      currency: text(o.currency),
      promo_code: code,
      landing_url: text(o.landing_site),
      status: s.status,
      refunded_amount: s.refunded,
    },
    from: SHOPIFY_FROM,
    refundIds,
    // Placed with Shopify's test gateway (or Shopify's sample): checked, never imported.
    ...(o.test === true
      ? { skip: `Order ${id} is a Shopify test order ("test": true); nothing was written` }
      : {}),
  };
}

/** The successful refund transactions of a Shopify refund, as absolute decimal texts. */
function refundAmounts(r: Json, at: string): string[] {
  const out: string[] = [];
  const txs = r.transactions;
  if (txs == null) return out;
  if (!Array.isArray(txs)) throw bad(`${at}.transactions`, 'must be a list');
  for (const [j, tx] of txs.entries()) {
    if (!isObj(tx)) throw bad(`${at}.transactions.${j}`, 'must be an object');
    const kind = text(tx.kind) ?? 'refund';
    const status = text(tx.status) ?? 'success';
    if (kind !== 'refund' || status !== 'success') continue;
    const amount = decimalText(tx.amount);
    if (!amount)
      throw bad(`${at}.transactions.${j}.amount`, 'must be a decimal amount like "10.00"', 'invalid_money');
    out.push(amount);
  }
  return out;
}

// ---- WooCommerce -----------------------------------------------------------------------------

const WOO_FROM: Partial<Record<OrderColumn, string>> = {
  external_id: 'id',
  customer_id: 'billing.email',
  ordered_at: 'date_created_gmt',
  amount: 'total',
  currency: 'currency',
  promo_code: 'coupon_lines',
  utm_source: 'meta_data._wc_order_attribution_utm_source',
  utm_campaign: 'meta_data._wc_order_attribution_utm_campaign',
  landing_url: 'meta_data._wc_order_attribution_session_entry',
  status: 'status',
  refunded_amount: 'refunds',
};

/** A WooCommerce order payload (order.created, order.updated) → an order row. */
export function mapWooOrder(o: unknown): Mapped {
  if (!isObj(o)) throw bad('body', 'must be a WooCommerce order object');
  const id = idText(o.id);
  if (!id) throw bad('id', 'is required: the WooCommerce order id', 'required');
  const billing = isObj(o.billing) ? o.billing : {};
  const amount = decimalText(o.total);
  if (!amount) throw bad('total', 'must be a decimal amount like "49.90"', 'invalid_money');
  const st = text(o.status)?.toLowerCase() ?? '';
  const base = woocommerceStatus[st.replace(/-/g, '_')];
  if (!base)
    throw bad(
      'status',
      `"${st}" is not a WooCommerce order status (pending, processing, on-hold, completed, cancelled, refunded, failed)`,
      'invalid_status',
    );
  const created = text(o.date_created_gmt);
  if (!created) throw bad('date_created_gmt', 'is required', 'required');
  if (o.refunds != null && !Array.isArray(o.refunds)) throw bad('refunds', 'must be a list');
  const refunds: string[] = [];
  for (const [i, r] of ((o.refunds as unknown[]) ?? []).entries()) {
    const total = isObj(r) ? decimalText(r.total) : null;
    if (!total) throw bad(`refunds.${i}.total`, 'must be a decimal amount like "-10.00"', 'invalid_money');
    refunds.push(total);
  }
  const s = settle(base, amount, sumDecimals(refunds));
  const coupons = Array.isArray(o.coupon_lines) ? o.coupon_lines : [];
  const code = coupons.map((c) => (isObj(c) ? text(c.code) : null)).find((c) => c) ?? null;
  const meta = new Map<string, string>();
  for (const m of Array.isArray(o.meta_data) ? o.meta_data : []) {
    if (isObj(m) && typeof m.key === 'string') {
      const v = text(m.value);
      if (v) meta.set(m.key, v);
    }
  }
  return {
    cells: {
      external_id: id,
      customer_id: customerOf(text(billing.email), text(billing.phone), id),
      // WooCommerce's *_gmt times are UTC without an offset.
      ordered_at: /[zZ]|[+-]\d{2}:?\d{2}$/.test(created) ? created : `${created}Z`,
      amount,
      currency: text(o.currency),
      promo_code: code,
      utm_source: meta.get('_wc_order_attribution_utm_source') ?? null,
      utm_campaign: meta.get('_wc_order_attribution_utm_campaign') ?? null,
      landing_url: meta.get('_wc_order_attribution_session_entry') ?? null,
      status: s.status,
      refunded_amount: s.refunded,
    },
    from: WOO_FROM,
    refundIds: [],
  };
}

/** readOrder over a mapped payload; its issues are named by the payload's fields. */
function readMapped(m: Mapped): OrderValues {
  const r = readOrder(m.cells);
  if ('issues' in r) {
    const issues: FieldIssue[] = r.issues.map((i) => ({
      field: m.from[i.column] ?? i.column,
      message: i.message,
      code: i.code,
    }));
    throw new AppError(
      'validation_failed',
      `The delivery has errors; nothing was written. ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`,
      issues,
    );
  }
  return r.values;
}

// ---- receiving -------------------------------------------------------------------------------

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const secretColumn = (kind: ReceiverKind) =>
  kind === 'shopify' ? workspaces.shopifyWebhookSecret : workspaces.woocommerceWebhookSecret;
const SIGNATURE_HEADER: Record<ReceiverKind, string> = {
  shopify: 'X-Shopify-Hmac-Sha256',
  woocommerce: 'X-WC-Webhook-Signature',
};
const TOPIC_HEADER: Record<ReceiverKind, string> = {
  shopify: 'X-Shopify-Topic',
  woocommerce: 'X-WC-Webhook-Topic',
};

interface LogEntry {
  httpStatus: number;
  outcome: string;
  message: string | null;
  externalId?: string | null;
}

async function writeLog(
  db: Db,
  workspaceId: string,
  kind: ReceiverKind,
  h: NativeHeaders,
  at: Date,
  e: LogEntry,
): Promise<void> {
  await db.execute(sql`insert into webhook_log (workspace_id, receiver, topic, delivery_id, http_status,
      outcome, message, external_id, is_test, received_at)
    values (${workspaceId}, ${kind}, ${h.topic?.slice(0, 100) ?? null}, ${h.deliveryId?.slice(0, 200) ?? null},
      ${e.httpStatus}, ${e.outcome}, ${e.message?.slice(0, 500) ?? null}, ${e.externalId ?? null}, ${h.test},
      ${at.toISOString()}::timestamptz)`);
  await db.execute(sql`delete from webhook_log where workspace_id = ${workspaceId} and receiver = ${kind}
    and id not in (select id from webhook_log where workspace_id = ${workspaceId} and receiver = ${kind}
      order by received_at desc, id desc limit ${LOG_KEEP})`);
}

const unauthorized = (kind: ReceiverKind) =>
  new AppError('unauthenticated', `${SIGNATURE_HEADER[kind]} does not match this receiver's secret`, [
    { field: SIGNATURE_HEADER[kind], message: 'does not match', code: 'signature_invalid' },
  ]);

/** WooCommerce's first delivery when a webhook is saved: `webhook_id=N`, form-encoded, unsigned. */
export const isWooPing = (body: Buffer): boolean => /^webhook_id=\d+$/.test(body.toString('latin1').trim());

/**
 * Receives one delivery of a native receiver. Unknown workspace, no secret and a wrong signature
 * all answer the same 401 (logged only for a workspace that has this receiver set up).
 */
export async function receiveNativeWebhook(
  { db, clock, box }: { db: Db; clock: Clock; box: SecretBox },
  kind: ReceiverKind,
  workspaceId: string,
  h: NativeHeaders,
  rawBody: Buffer,
): Promise<NativeDeliveryResult> {
  const now = clock.now();
  if (kind === 'woocommerce' && isWooPing(rawBody))
    return {
      outcome: 'ignored',
      message: 'WooCommerce ping answered',
      received: 0,
      created: 0,
      updated: 0,
      unchanged: 0,
    };
  if (!UUID.test(workspaceId)) throw unauthorized(kind);
  const [w] = await db
    .select({ secret: secretColumn(kind) })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  if (!w?.secret) throw unauthorized(kind);
  let secret: string;
  try {
    secret = box.open(w.secret);
  } catch {
    throw unauthorized(kind);
  }
  const log = (e: LogEntry) => writeLog(db, workspaceId, kind, h, now, e);
  if (!verifyBase64(secret, h.signature, rawBody)) {
    await log({
      httpStatus: 401,
      outcome: 'unauthorized',
      message: `${SIGNATURE_HEADER[kind]} does not match`,
    });
    throw unauthorized(kind);
  }
  const topics: readonly string[] = kind === 'shopify' ? SHOPIFY_TOPICS : WOO_TOPICS;
  const topic = h.topic?.trim().toLowerCase() ?? '';
  if (!topics.includes(topic)) {
    const message = `${TOPIC_HEADER[kind]} "${h.topic ?? ''}" is not one Evergreen reads (${topics.join(', ')}); nothing was written`;
    await log({ httpStatus: 200, outcome: 'ignored', message });
    return { outcome: 'ignored', message, received: 0, created: 0, updated: 0, unchanged: 0 };
  }
  try {
    let body: unknown;
    try {
      body = parseJsonKeepingBigInts(rawBody.toString('utf8'));
    } catch {
      throw bad('body', 'is not JSON', 'invalid_json');
    }
    assertStorableText(body);
    const key = `${kind}:${h.deliveryId?.trim() || `sig:${h.signature!.trim()}`}`;
    const result =
      topic === 'refunds/create'
        ? await applyShopifyRefund(db, workspaceId, body, key, now, h.test)
        : await applyOrder(
            db,
            workspaceId,
            kind === 'shopify' ? mapShopifyOrder(body) : mapWooOrder(body),
            key,
            now,
            h.test,
            topic === 'orders/create' || topic === 'order.created',
          );
    await log({
      httpStatus: 200,
      outcome: result.outcome,
      message: result.message,
      externalId: result.externalId ?? null,
    });
    return result;
  } catch (e) {
    if (e instanceof AppError && e.code === 'validation_failed')
      await log({ httpStatus: 400, outcome: 'invalid', message: e.message });
    throw e;
  }
}

/** Claims the delivery id in this transaction; false when it was already applied. */
async function claim(tx: Db, workspaceId: string, key: string, now: Date): Promise<boolean> {
  if (Math.random() < 0.05)
    await tx.execute(
      sql`delete from webhook_deliveries where received_at < ${now.toISOString()}::timestamptz - interval '${sql.raw(KEEP_NATIVE_DELIVERIES)}'
        and (signature like 'shopify%' or signature like 'woocommerce%')`,
    );
  const fresh = await queryRows<{ ok: number }>(
    tx,
    sql`insert into webhook_deliveries (workspace_id, signature, received_at)
      values (${workspaceId}, ${key}, ${now.toISOString()}::timestamptz)
      on conflict do nothing returning 1 as ok`,
  );
  return fresh.length > 0;
}

async function upsertOne(tx: Db, workspaceId: string, v: OrderValues, now: Date) {
  const stage = await createOrderStage(tx);
  const sink = await openOrderSink(tx, stage);
  await sink.write(stageLine(1, v));
  await sink.end();
  return upsertStagedOrders(tx, workspaceId, stage, now);
}

type Applied = NativeDeliveryResult & { externalId?: string | null };

const describe_ = (v: OrderValues) =>
  `order ${v.externalId}: ${v.status}, ${(v.amountMinor / 10 ** minorDigits(v.currency)).toFixed(minorDigits(v.currency))} ${v.currency}`;

async function applyOrder(
  db: Db,
  workspaceId: string,
  m: Mapped,
  key: string,
  now: Date,
  test: boolean,
  /**
   * A creation event only inserts: the platforms deliver events out of order now and then, and a
   * late orders/create must not undo a cancellation or refund already received.
   */
  insertOnly: boolean,
): Promise<Applied> {
  const v = readMapped(m);
  if (m.skip)
    return {
      outcome: 'ignored',
      message: m.skip,
      received: 1,
      created: 0,
      updated: 0,
      unchanged: 0,
      externalId: v.externalId,
    };
  if (test)
    return {
      outcome: 'test',
      message: `Signature and payload are good (${describe_(v)}); a test delivery writes nothing`,
      received: 1,
      created: 0,
      updated: 0,
      unchanged: 0,
      externalId: v.externalId,
    };
  return db.transaction(async (tx) => {
    await lockWorkspaceOrders(tx, workspaceId);
    if (!(await claim(tx, workspaceId, key, now))) return { ...duplicate(), externalId: v.externalId };
    if (insertOnly) {
      const known = await queryRows<{ ok: number }>(
        tx,
        sql`select 1 as ok from orders where workspace_id = ${workspaceId} and external_id = ${v.externalId}`,
      );
      if (known.length)
        return {
          outcome: 'accepted',
          message: `Order ${v.externalId} is already known; a creation event does not overwrite its later state`,
          received: 1,
          created: 0,
          updated: 0,
          unchanged: 1,
          externalId: v.externalId,
        };
    }
    // The refunds this payload counts are applied: a later refunds/create for one adds nothing.
    for (const rid of m.refundIds)
      await tx.execute(sql`insert into webhook_deliveries (workspace_id, signature, received_at)
        values (${workspaceId}, ${`shopify-refund:${rid}`}, ${now.toISOString()}::timestamptz) on conflict do nothing`);
    const { created, updated } = await upsertOne(tx, workspaceId, v, now);
    return {
      outcome: 'accepted',
      message: describe_(v),
      received: 1,
      created,
      updated,
      unchanged: 1 - created - updated,
      externalId: v.externalId,
    };
  });
}

const duplicate = (): NativeDeliveryResult => ({
  outcome: 'duplicate',
  message: 'This delivery was already received; nothing was written again',
  received: 1,
  created: 0,
  updated: 0,
  unchanged: 1,
});

/**
 * Shopify refunds/create: the refund's successful refund transactions are added to the stored
 * order's refunded amount, once per refund id (orders/updated may have counted it already), and
 * the status follows (all of it refunded: refunded; else partially_refunded; cancelled stays).
 */
async function applyShopifyRefund(
  db: Db,
  workspaceId: string,
  body: unknown,
  key: string,
  now: Date,
  test: boolean,
): Promise<Applied> {
  if (!isObj(body)) throw bad('body', 'must be a Shopify refund object');
  const orderId = idText(body.order_id);
  if (!orderId) throw bad('order_id', 'is required: the order the refund belongs to', 'required');
  const refundId = idText(body.id);
  const amount = sumDecimals(refundAmounts(body, 'body'));
  if (test)
    return {
      outcome: 'test',
      message: `Signature and payload are good (refund of ${amount} on order ${orderId}); a test delivery writes nothing`,
      received: 1,
      created: 0,
      updated: 0,
      unchanged: 0,
      externalId: orderId,
    };
  return db.transaction(async (tx) => {
    await lockWorkspaceOrders(tx, workspaceId);
    if (!(await claim(tx, workspaceId, key, now))) return { ...duplicate(), externalId: orderId };
    if (refundId && !(await claim(tx, workspaceId, `shopify-refund:${refundId}`, now)))
      return {
        outcome: 'duplicate',
        message: `Refund ${refundId} of order ${orderId} was already counted (by orders/updated)`,
        received: 1,
        created: 0,
        updated: 0,
        unchanged: 1,
        externalId: orderId,
      };
    const [o] = await queryRows<{
      customer_id: string;
      ordered_at: Date | string;
      amount_minor: string;
      currency: string;
      promo_code: string | null;
      utm_source: string | null;
      utm_campaign: string | null;
      landing_url: string | null;
      status: string;
      refunded_minor: string;
    }>(
      tx,
      sql`select customer_id, ordered_at, amount_minor::text, currency, promo_code, utm_source, utm_campaign,
        landing_url, status::text, refunded_minor::text
      from orders where workspace_id = ${workspaceId} and external_id = ${orderId} for update`,
    );
    if (!o)
      return {
        outcome: 'ignored',
        message: `Order ${orderId} is not known yet; its orders/updated delivery will carry the refund`,
        received: 1,
        created: 0,
        updated: 0,
        unchanged: 0,
        externalId: orderId,
      };
    const add = parseMoney(`${amount} ${o.currency}`);
    if (!add.ok) throw bad('transactions.amount', add.message, add.code);
    const total = Number(o.amount_minor);
    const refunded = Math.min(total, Number(o.refunded_minor) + add.amountMinor);
    const status =
      o.status === 'cancelled' || o.status === 'pending'
        ? o.status
        : refunded >= total
          ? 'refunded'
          : refunded > 0
            ? 'partially_refunded'
            : 'paid';
    const v: OrderValues = {
      externalId: orderId,
      customerId: o.customer_id,
      orderedAt: new Date(o.ordered_at).toISOString(),
      amountMinor: total,
      currency: o.currency,
      promoCode: o.promo_code,
      utmSource: o.utm_source,
      utmCampaign: o.utm_campaign,
      landingUrl: o.landing_url,
      status: status as OrderValues['status'],
      refundedMinor: o.status === 'cancelled' || o.status === 'pending' ? Number(o.refunded_minor) : refunded,
    };
    const { created, updated } = await upsertOne(tx, workspaceId, v, now);
    return {
      outcome: 'accepted',
      message: `Refund of ${amount} ${o.currency} on ${describe_(v)}`,
      received: 1,
      created,
      updated,
      unchanged: 1 - created - updated,
      externalId: orderId,
    };
  });
}

// ---- settings --------------------------------------------------------------------------------

const receiverUrl = (publicUrl: string, kind: ReceiverKind, workspaceId: string) =>
  `${publicUrl.replace(/\/+$/, '')}/api/v1/hooks/${kind}/${workspaceId}`;

/** Both receivers: URL, whether a secret is set, and the last deliveries. Owners only. */
export async function getReceivers(
  { db, actor }: ActorCtx,
  opts: { publicUrl: string },
): Promise<ReceiverSettings[]> {
  requireRole(actor, 'owner');
  const [w] = await db
    .select({ shopify: workspaces.shopifyWebhookSecret, woocommerce: workspaces.woocommerceWebhookSecret })
    .from(workspaces)
    .where(eq(workspaces.id, actor.workspaceId));
  if (!w) throw notFound('Workspace');
  const logs = await queryRows<{
    receiver: string;
    topic: string | null;
    delivery_id: string | null;
    http_status: number;
    outcome: string;
    message: string | null;
    external_id: string | null;
    is_test: boolean;
    received_at: Date | string;
  }>(
    db,
    sql`select receiver, topic, delivery_id, http_status, outcome, message, external_id, is_test, received_at
      from webhook_log where workspace_id = ${actor.workspaceId} and receiver in ('shopify', 'woocommerce')
      order by received_at desc, id desc limit ${LOG_KEEP * 2}`,
  );
  return (['shopify', 'woocommerce'] as const).map((kind) => ({
    kind,
    url: receiverUrl(opts.publicUrl, kind, actor.workspaceId),
    configured: !!w[kind],
    deliveries: logs
      .filter((l) => l.receiver === kind)
      .slice(0, 20)
      .map((l) => ({
        topic: l.topic,
        deliveryId: l.delivery_id,
        httpStatus: l.http_status,
        outcome: l.outcome,
        message: l.message,
        externalId: l.external_id,
        test: l.is_test,
        receivedAt: iso(l.received_at)!,
      })),
  }));
}

/** Stores (sealed) the secret pasted from the platform; an empty one turns the receiver off. Owners only. */
export async function setReceiverSecret(
  { db, clock, actor }: ActorCtx,
  kind: ReceiverKind,
  secret: string,
  opts: { box: SecretBox },
): Promise<{ configured: boolean }> {
  requireRole(actor, 'owner');
  const s = secret.trim();
  if (s.length > 500) throw invalid('secret', 'is longer than 500 characters', 'too_big');
  if (s && s.length < 8)
    throw invalid('secret', 'is shorter than 8 characters: paste the whole secret', 'too_short');
  const sealed = s ? opts.box.seal(s) : null;
  await writeWebhookSecret(
    { db, clock, actor },
    kind === 'shopify' ? { shopifyWebhookSecret: sealed } : { woocommerceWebhookSecret: sealed },
    {
      action: s ? 'orders.receiver_secret_set' : 'orders.receiver_secret_cleared',
      changes: { receiver: kind },
    },
  );
  return { configured: !!s };
}

/** A sample order in the platform's payload shape (values made up) for "send a test". */
export function samplePayload(kind: ReceiverKind, now: Date): { topic: string; body: string } {
  const id = `${Date.now()}${randomBytes(2).readUInt16BE(0)}`.slice(0, 16);
  if (kind === 'shopify')
    return {
      topic: 'orders/create',
      body: JSON.stringify({
        id: Number(id.slice(0, 15)),
        name: '#9999',
        email: 'test.customer@example.com',
        created_at: now.toISOString(),
        currency: 'USD',
        total_price: '49.90',
        financial_status: 'paid',
        cancelled_at: null,
        discount_codes: [{ code: 'EVERGREEN-TEST', amount: '5.00', type: 'fixed_amount' }],
        landing_site: '/?utm_source=evergreen&utm_campaign=test',
        refunds: [],
      }),
    };
  return {
    topic: 'order.created',
    body: JSON.stringify({
      id: Number(id.slice(0, 9)),
      number: id.slice(0, 9),
      status: 'processing',
      currency: 'USD',
      total: '49.90',
      date_created_gmt: now.toISOString().slice(0, 19),
      billing: { email: 'test.customer@example.com', phone: '' },
      coupon_lines: [{ code: 'evergreen-test' }],
      refunds: [],
      meta_data: [],
    }),
  };
}

/**
 * "Send a test": posts a sample, signed with the stored secret, to the receiver's own URL over
 * HTTP (`baseUrl`: where this server listens), marked as a test (the receiver checks and reads
 * it but writes no order), and reports what the receiver answered. Owners only.
 */
export async function sendReceiverTest(
  { db, clock, actor }: ActorCtx,
  kind: ReceiverKind,
  opts: { box: SecretBox; baseUrl: string },
): Promise<ReceiverTestResult> {
  requireRole(actor, 'owner');
  const [w] = await db
    .select({ secret: secretColumn(kind) })
    .from(workspaces)
    .where(eq(workspaces.id, actor.workspaceId));
  if (!w) throw notFound('Workspace');
  if (!w.secret) throw invalid('secret', 'Paste the secret from the platform first', 'not_configured');
  const secret = opts.box.open(w.secret);
  const { topic, body } = samplePayload(kind, clock.now());
  const url = receiverUrl(opts.baseUrl, kind, actor.workspaceId);
  const headers: Record<string, string> = { 'content-type': 'application/json', [TEST_DELIVERY_HEADER]: '1' };
  const deliveryId = `evergreen-test-${randomBytes(6).toString('hex')}`;
  if (kind === 'shopify') {
    headers['x-shopify-topic'] = topic;
    headers['x-shopify-hmac-sha256'] = signBase64(secret, body);
    headers['x-shopify-webhook-id'] = deliveryId;
  } else {
    headers['x-wc-webhook-topic'] = topic;
    headers['x-wc-webhook-signature'] = signBase64(secret, body);
    headers['x-wc-webhook-delivery-id'] = deliveryId;
  }
  try {
    const res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(10_000) });
    const answer = await res.text();
    let message = answer.slice(0, 500);
    try {
      const j = JSON.parse(answer) as { message?: string; error?: { message?: string } };
      message = j.message ?? j.error?.message ?? message;
    } catch {
      // not JSON: keep the text
    }
    return { url, httpStatus: res.status, ok: res.ok, message };
  } catch (e) {
    return {
      url,
      httpStatus: null,
      ok: false,
      message: `The request did not arrive: ${(e as Error).message}`,
    };
  }
}
