import type { ErrorBody, ErrorCode } from '@evergreen/contracts';
import { AppError, assertUnreachable } from '@evergreen/core';
import {
  type DatabaseFaultKind,
  databaseFaultKind,
  type EmbeddedFault,
  isDatabaseBusy,
  isDatabaseUnavailable,
} from '@evergreen/db';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

export function statusOf(code: ErrorCode): number {
  switch (code) {
    case 'validation_failed':
      return 400;
    case 'unauthenticated':
    case 'invalid_credentials':
      return 401;
    case 'forbidden':
    case 'csrf_failed':
    case 'signup_closed':
      return 403;
    case 'not_found':
      return 404;
    case 'conflict':
      return 409;
    case 'invitation_invalid':
      return 410;
    case 'rate_limited':
      return 429;
    case 'internal':
      return 500;
    case 'database_unavailable':
      return 503;
    default:
      return assertUnreachable(code);
  }
}

const body = (code: ErrorCode, message: string, fields?: ErrorBody['error']['fields']): ErrorBody => ({
  error: fields?.length ? { code, message, fields } : { code, message },
});

/**
 * Unknown routes answer JSON 404. With a built web app, a browser asking for a page gets
 * index.html instead, so the web app's own router can handle the path.
 */
export function registerNotFound(app: FastifyInstance, opts: { spa: boolean }): void {
  app.setNotFoundHandler((req, reply) => {
    if (
      opts.spa &&
      req.method === 'GET' &&
      !req.url.startsWith('/api') &&
      req.headers.accept?.includes('text/html')
    ) {
      return reply.type('text/html').sendFile('index.html');
    }
    return reply.status(404).send(body('not_found', `No route ${req.method} ${req.url.split('?')[0]}`));
  });
}

/** Seconds a client waits before trying again while the database is unavailable (the `Retry-After` header). */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** Storage full needs an operator to free space: clients wait longer before trying again. */
export const STORAGE_FULL_RETRY_AFTER_SECONDS = 30;

/** The 503 of a database that cannot be reached now, with the retry hint. */
export function databaseUnavailable(
  reply: FastifyReply,
  message?: string,
  retryAfter = DATABASE_RETRY_AFTER_SECONDS,
): FastifyReply {
  return reply
    .status(503)
    .header('retry-after', String(retryAfter))
    .send(
      body(
        'database_unavailable',
        message ?? `The database is unavailable; try again in ${retryAfter} seconds`,
      ),
    );
}

/**
 * What a person is told when the database is in a fault (docs/operations/faults.md): never the
 * data directory or the database's own text. Storage full is a 503, not a 507: 507 says this
 * request's representation cannot be stored, while here no request can be served until an
 * operator frees space, which is what 503 with Retry-After says (and what clients, load balancers
 * and the web app already handle).
 */
export function faultAnswer(
  kind: DatabaseFaultKind,
  restarting = true,
): { message: string; retryAfter: number } {
  switch (kind) {
    case 'storage_full':
      return {
        message: `The database's storage is full, so nothing was saved; try again in ${STORAGE_FULL_RETRY_AFTER_SECONDS} seconds`,
        retryAfter: STORAGE_FULL_RETRY_AFTER_SECONDS,
      };
    case 'out_of_memory':
      return {
        message: `The database ran out of memory${restarting ? ' and is restarting' : ''}; try again in ${DATABASE_RETRY_AFTER_SECONDS} seconds`,
        retryAfter: DATABASE_RETRY_AFTER_SECONDS,
      };
    case 'io_error':
    case 'crashed':
      return {
        message: `The database stopped${restarting ? ' and is restarting' : ''}; try again in ${DATABASE_RETRY_AFTER_SECONDS} seconds`,
        retryAfter: DATABASE_RETRY_AFTER_SECONDS,
      };
    default:
      return assertUnreachable(kind);
  }
}

/**
 * One error handler: AppError codes map to statuses; an unreachable database is a 503 with
 * `Retry-After` (docs/operations/health.md); nothing else leaks (no stack traces). Errors are
 * logged through the logger's `err` serializer (errorForLog: no statement parameters).
 */
export function registerErrorHandler(
  app: FastifyInstance,
  opts: { databaseFault?: (() => EmbeddedFault | null) | undefined } = {},
): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    // The client went away before the answer (decision 0024): its queued queries were dropped and
    // a PostgreSQL statement it ran was cancelled. One line, no SQL, no parameters; nobody reads
    // an answer, so none is written (the socket is closed already).
    if (req.workScope?.signal.aborted) {
      req.log.info(
        { abandoned: { method: req.method, route: req.routeOptions.url ?? null } },
        'client closed the request before the answer: its database work was stopped',
      );
      return reply.hijack();
    }
    // No database connection within the deadline: the server is too busy now; try again shortly.
    if (isDatabaseBusy(err)) {
      req.log.warn(
        { busy: { method: req.method, route: req.routeOptions.url ?? null } },
        'refused: no database connection within the deadline (DATABASE_WAIT_SECONDS)',
      );
      return databaseUnavailable(
        reply,
        `The server is busy; try again in ${DATABASE_RETRY_AFTER_SECONDS} seconds`,
      );
    }
    if (err instanceof AppError) {
      if (err.code === 'database_unavailable') return databaseUnavailable(reply, err.message);
      return reply.status(statusOf(err.code)).send(body(err.code, err.message, err.fields));
    }
    const fault = opts.databaseFault?.() ?? null;
    const kind = fault?.kind ?? databaseFaultKind(err);
    if (kind) {
      // The embedded database's fault is logged once when it happens (main.ts), also when the
      // statement's own 53100 comes back a moment before the worker's report; each request it
      // refuses is only a debug line. PostgreSQL's own disk full / out of memory is logged here.
      if (opts.databaseFault) req.log.debug({ err }, `database fault: ${kind}`);
      else req.log.warn({ err }, `database fault: ${kind}`);
      const answer = faultAnswer(kind, fault?.restarting ?? true);
      return databaseUnavailable(reply, answer.message, answer.retryAfter);
    }
    if (isDatabaseUnavailable(err)) {
      req.log.warn({ err }, 'database unavailable');
      return databaseUnavailable(reply);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? 'body';
      const fields = err.validation.map((v) => {
        const path = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
        const field = path || where;
        // Zod says "expected string, received undefined" for a missing field; people say "required".
        const missing = !!v.message && /received undefined$/.test(v.message);
        // A refinement that names its own code (`date_out_of_range`) carries it in `params.params`.
        const raw = v.params as { params?: Record<string, unknown> } | undefined;
        const own = v.keyword === 'custom' && typeof raw?.params?.code === 'string' ? raw.params : null;
        const p = (own ?? v.params) as { minimum?: unknown; maximum?: unknown; format?: unknown };
        const params: Record<string, string | number> = {};
        for (const k of ['minimum', 'maximum', 'format'] as const) {
          const x = p?.[k];
          if (typeof x === 'number' || typeof x === 'string') params[k] = x;
          else if (typeof x === 'bigint') params[k] = Number(x);
        }
        return {
          field,
          message: missing ? 'is required' : (v.message ?? 'is invalid'),
          code: missing ? 'required' : ((own?.code as string | undefined) ?? v.keyword),
          ...(Object.keys(params).length ? { params } : {}),
        };
      });
      return reply
        .status(400)
        .send(body('validation_failed', fields.map((f) => `${f.field}: ${f.message}`).join('; '), fields));
    }
    if (
      err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ||
      err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
      (err.statusCode === 400 && err.code?.startsWith('FST_'))
    ) {
      return reply
        .status(400)
        .send(
          body('validation_failed', err.message, [
            { field: 'body', message: err.message, code: 'invalid_body' },
          ]),
        );
    }
    if (err.statusCode === 429) {
      return reply.status(429).send(body('rate_limited', 'Too many attempts; wait a minute and try again'));
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      const code: ErrorCode =
        err.statusCode === 404
          ? 'not_found'
          : err.statusCode === 413
            ? 'validation_failed'
            : 'validation_failed';
      return reply.status(err.statusCode).send(body(code, err.message));
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send(body('internal', 'Something went wrong on our side; it has been logged'));
  });
}
