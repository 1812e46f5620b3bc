import { runInWorkScope, type WorkScope } from '@evergreen/db';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** Longest wait for a database connection when DATABASE_WAIT_SECONDS is not set. */
export const DEFAULT_DATABASE_WAIT_MS = 10_000;

declare module 'fastify' {
  interface FastifyRequest {
    /** The request's database scope (docs/decisions/0024): its abandonment signal and deadline. */
    workScope: WorkScope | null;
  }
}

/** Whether the client of `req` went away before its answer. */
export const abandoned = (req: FastifyRequest): boolean => !!req.workScope?.signal.aborted;

/**
 * Every request runs in a work scope the database pools read (docs/decisions/0024): when the
 * client's socket closes before the answer went out, the signal aborts, so the request's queries
 * still waiting for a connection are dropped and a PostgreSQL statement it runs is cancelled; a
 * query that waits longer than `waitMs` for a connection is refused (503 with Retry-After).
 */
export function registerWorkScope(app: FastifyInstance, opts: { waitMs?: number | undefined }): void {
  const waitMs = opts.waitMs ?? DEFAULT_DATABASE_WAIT_MS;
  app.decorateRequest('workScope', null);
  app.addHook('onRequest', (req, reply, done) => {
    const controller = new AbortController();
    const res = reply.raw;
    // 'close' comes after the answer too; only a close before it was written is a client gone.
    res.once('close', () => {
      if (!res.writableEnded) controller.abort();
    });
    const scope: WorkScope = {
      signal: controller.signal,
      waitMs,
      startedAt: performance.now(),
      answered: () => res.writableEnded,
    };
    req.workScope = scope;
    runInWorkScope(scope, done);
  });
  // Reading a body resumes in the socket's async context, which lost the scope: enter it again.
  app.addHook('preValidation', (req, _reply, done) => {
    if (req.workScope) runInWorkScope(req.workScope, done);
    else done();
  });
}
