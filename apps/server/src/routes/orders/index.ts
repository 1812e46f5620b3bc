import {
  errorBody,
  idParams,
  orderList,
  orderListQuery,
  orderWebhookSettings,
  rotatedWebhookSecret,
  webhookDeliveryResult,
} from '@evergreen/contracts';
import { getOrderWebhook, listOrders, receiveOrderWebhook, rotateOrderWebhookSecret } from '@evergreen/core';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../deps.ts';
import { actorOf } from '../../plugins/auth.ts';

/**
 * Orders and their attribution, and the order webhook's secret (docs/orders-webhook.md).
 * Registered inside the workspace scope: analysts read orders, only owners see or rotate the secret.
 */
export const orderRoutes: FastifyPluginAsyncZod<AppDeps> = async (r, deps) => {
  const { db, clock } = deps;
  const ctx = (req: FastifyRequest) => ({ db, clock, actor: actorOf(req) });
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
};

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
          'JSON body: one order `{ externalId, customerId, orderedAt, amount, currency, promoCode?, utmSource?, utmCampaign?, landingUrl? }` or `{ "orders": [ … ] }` (at most 1,000). Headers: `X-Evergreen-Timestamp` (unix seconds, within 300 s of the server clock) and `X-Evergreen-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">`. 401 when the signature or timestamp is wrong (`fields[0].code`: `signature_invalid`, `timestamp_out_of_range`), 409 when the same delivery comes again (`replayed`). See docs/orders-webhook.md.',
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
};
