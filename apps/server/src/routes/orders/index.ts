import {
  errorBody,
  idParams,
  nativeDeliveryResult,
  orderList,
  orderListQuery,
  orderWebhookSettings,
  receiverKind,
  receiverList,
  receiverSecretBody,
  receiverTestResult,
  rotatedWebhookSecret,
  webhookDeliveryResult,
} from '@evergreen/contracts';
import {
  getOrderWebhook,
  getReceivers,
  listOrders,
  receiveNativeWebhook,
  receiveOrderWebhook,
  rotateOrderWebhookSecret,
  sendReceiverTest,
  setReceiverSecret,
  TEST_DELIVERY_HEADER,
} from '@evergreen/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../deps.ts';
import { actorContext } from '../context.ts';

/**
 * Orders and their attribution, and the order webhook's secret (docs/orders-webhook.md).
 * Registered inside the workspace scope: analysts read orders, only owners see or rotate the secret.
 */
export const orderRoutes: FastifyPluginAsyncZod<AppDeps> = async (r, deps) => {
  const ctx = actorContext(deps);
  const P = '/workspaces/:workspaceId';
  const tags = ['orders'];
  const owner = { minRole: 'owner' as const };

  r.get(
    `${P}/orders`,
    {
      schema: {
        tags,
        summary: 'Orders, newest first, with the creator and post each is attributed to',
        params: idParams,
        querystring: orderListQuery,
        response: { 200: orderList },
      },
    },
    (req) => listOrders(ctx(req), req.query),
  );
  r.get(
    `${P}/orders/webhook`,
    {
      config: owner,
      schema: {
        tags,
        summary: 'The order webhook: whether it has a secret, and its URL',
        params: idParams,
        response: { 200: orderWebhookSettings },
      },
    },
    (req) => getOrderWebhook(ctx(req), { publicUrl: deps.publicUrl }),
  );
  r.post(
    `${P}/orders/webhook`,
    {
      config: owner,
      schema: {
        tags,
        summary: 'Make a new webhook secret (shown once; the old one stops working at once)',
        params: idParams,
        response: { 200: rotatedWebhookSecret },
      },
    },
    (req) => rotateOrderWebhookSecret(ctx(req), { box: deps.box, publicUrl: deps.publicUrl }),
  );
  r.get(
    `${P}/orders/receivers`,
    {
      config: owner,
      schema: {
        tags,
        summary: 'The Shopify and WooCommerce receivers: URL, whether a secret is set, the last deliveries',
        params: idParams,
        response: { 200: receiverList },
      },
    },
    async (req) => ({ receivers: await getReceivers(ctx(req), { publicUrl: deps.publicUrl }) }),
  );
  // One pair of routes per platform (no `:kind` parameter: each URL names its receiver).
  for (const kind of receiverKind.options) {
    r.put(
      `${P}/orders/receivers/${kind}/secret`,
      {
        config: owner,
        schema: {
          tags,
          summary: `Store the secret pasted from ${kind === 'shopify' ? 'Shopify' : 'WooCommerce'} (sealed; empty turns the receiver off)`,
          params: idParams,
          body: receiverSecretBody,
          response: { 200: z.object({ configured: z.boolean() }) },
        },
      },
      (req) => setReceiverSecret(ctx(req), kind, req.body.secret, { box: deps.box }),
    );
    r.post(
      `${P}/orders/receivers/${kind}/test`,
      {
        config: owner,
        schema: {
          tags,
          summary: `Post a signed sample to the ${kind === 'shopify' ? 'Shopify' : 'WooCommerce'} receiver over HTTP (checked and read, no order written) and report its answer`,
          params: idParams,
          response: { 200: receiverTestResult },
        },
      },
      (req) =>
        sendReceiverTest(ctx(req), kind, { box: deps.box, baseUrl: selfUrl(req.server, deps.publicUrl) }),
    );
  }
};

/** Where this server listens (a request to itself), else the public URL. */
function selfUrl(server: FastifyInstance, publicUrl: string): string {
  const a = server.server.address();
  if (!a || typeof a !== 'object') return publicUrl;
  const host =
    a.address === '0.0.0.0'
      ? '127.0.0.1'
      : a.address === '::'
        ? '[::1]'
        : a.family === 'IPv6'
          ? `[${a.address}]`
          : a.address;
  return `http://${host}:${a.port}`;
}

/** The largest native delivery accepted (a Shopify order with hundreds of line items is ~0.5 MB). */
const NATIVE_BODY_LIMIT = 2 * 1024 * 1024;

/**
 * The public endpoint the shop posts orders to. No session: the HMAC signature of the raw body
 * is the authentication, so the body is kept as bytes (this parser exists only in this plugin).
 */
export const orderWebhookRoutes: FastifyPluginAsyncZod<AppDeps> = async (r, deps) => {
  r.removeAllContentTypeParsers();
  r.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 5 * 1024 * 1024 }, (_req, body, done) =>
    done(null, body),
  );
  r.post(
    '/hooks/orders/:workspaceId',
    {
      config: { public: true },
      schema: {
        tags: ['orders'],
        summary: 'Receive orders from the shop (signed with the workspace secret)',
        description:
          'JSON body: one order `{ externalId, customerId, orderedAt, amount, currency, promoCode?, utmSource?, utmCampaign?, landingUrl?, status?, refundedAmount? }` (status: paid by default, pending, cancelled, refunded, partially_refunded) or `{ "orders": [ … ] }` (at most 1,000). Headers: `X-Evergreen-Timestamp` (unix seconds, within 300 s of the server clock) and `X-Evergreen-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">`. 401 when the signature or timestamp is wrong (`fields[0].code`: `signature_invalid`, `timestamp_out_of_range`), 409 when the same delivery comes again (`replayed`). See docs/orders-webhook.md.',
        params: z.object({ workspaceId: z.string() }),
        headers: z.object({
          'x-evergreen-timestamp': z.string().optional(),
          'x-evergreen-signature': z.string().optional(),
        }),
        response: { 200: webhookDeliveryResult, 401: errorBody, 409: errorBody },
      },
    },
    (req) =>
      receiveOrderWebhook(
        { db: deps.db, clock: deps.clock, box: deps.box },
        req.params.workspaceId,
        {
          timestamp: req.headers['x-evergreen-timestamp'],
          signature: req.headers['x-evergreen-signature'],
        },
        Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
      ),
  );
  const header = (req: FastifyRequest, name: string) => {
    const v = req.headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  for (const kind of receiverKind.options) {
    const shopify = kind === 'shopify';
    r.post(
      `/hooks/${kind}/:workspaceId`,
      {
        config: { public: true },
        bodyLimit: NATIVE_BODY_LIMIT,
        schema: {
          tags: ['orders'],
          summary: shopify
            ? 'Receive Shopify order webhooks (orders/create, orders/updated, orders/cancelled, refunds/create)'
            : 'Receive WooCommerce order webhooks (order.created, order.updated)',
          description: shopify
            ? "Shopify's own payload, signed by Shopify: `X-Shopify-Hmac-Sha256` = base64 HMAC-SHA256 of the raw body with the secret pasted in Settings; `X-Shopify-Topic`; `X-Shopify-Webhook-Id` makes deliveries idempotent. 401 on a bad signature, 400 naming the field of a malformed order, 413 above 2 MB. See docs/orders-webhook.md."
            : "WooCommerce's own payload: `X-WC-Webhook-Signature` = base64 HMAC-SHA256 of the raw body with the webhook's secret; `X-WC-Webhook-Topic`; `X-WC-Webhook-Delivery-ID` makes deliveries idempotent; the ping (`webhook_id=N`) answers 200. See docs/orders-webhook.md.",
          params: z.object({ workspaceId: z.string() }),
          response: { 200: nativeDeliveryResult, 400: errorBody, 401: errorBody, 413: errorBody },
        },
      },
      (req) =>
        receiveNativeWebhook(
          { db: deps.db, clock: deps.clock, box: deps.box },
          kind,
          req.params.workspaceId,
          {
            signature: header(req, shopify ? 'x-shopify-hmac-sha256' : 'x-wc-webhook-signature'),
            topic: header(req, shopify ? 'x-shopify-topic' : 'x-wc-webhook-topic'),
            deliveryId: header(req, shopify ? 'x-shopify-webhook-id' : 'x-wc-webhook-delivery-id'),
            test: header(req, TEST_DELIVERY_HEADER) === '1',
          },
          Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
        ),
    );
  }
};
