import type { Role } from '@evergreen/contracts';
import {
  type Actor,
  AppError,
  type Clock,
  memberRole,
  requireRole,
  resolveApiToken,
  resolveSession,
} from '@evergreen/core';
import type { Db, users } from '@evergreen/db';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

export const SESSION_COOKIE = 'evg_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type Auth =
  | {
      kind: 'session';
      user: typeof users.$inferSelect;
      csrfToken: string;
      sessionToken: string;
      /** The stored id (SHA-256 of the token): what the sessions list names. */
      sessionId: string;
    }
  | { kind: 'token'; tokenId: string; workspaceId: string; role: Role };

declare module 'fastify' {
  interface FastifyRequest {
    auth: Auth | null;
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** Least role a workspace route needs; default: analyst to read, manager to write. */
    minRole?: Exclude<Role, 'creator'>;
    /** Public route: no authentication needed. */
    public?: boolean;
  }
}

/**
 * Who is calling: a session cookie (browser; writes need the CSRF header) or a workspace
 * API token (`Authorization: Bearer evg_…`; no cookie, so no CSRF).
 */
export const authPlugin = fp<{ db: Db; clock: Clock }>(async (app, { db, clock }) => {
  app.decorateRequest('auth', null);
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/v1/')) return;
    const header = req.headers.authorization;
    if (header) {
      const [scheme, secret] = header.split(' ');
      if (scheme?.toLowerCase() !== 'bearer' || !secret) {
        throw new AppError('unauthenticated', 'Authorization must be "Bearer <token>"');
      }
      const token = await resolveApiToken(db, clock, secret);
      if (!token) throw new AppError('unauthenticated', 'This API token is unknown or revoked');
      req.auth = { kind: 'token', tokenId: token.id, workspaceId: token.workspaceId, role: token.role };
      return;
    }
    const cookie = req.cookies[SESSION_COOKIE];
    if (!cookie) return;
    const s = await resolveSession(db, clock, cookie);
    if (!s) return;
    req.auth = {
      kind: 'session',
      user: s.user,
      csrfToken: s.csrfToken,
      sessionToken: cookie,
      sessionId: s.sessionId,
    };
    if (!SAFE_METHODS.has(req.method) && req.headers['x-csrf-token'] !== s.csrfToken) {
      throw new AppError('csrf_failed', 'Missing or wrong x-csrf-token header; reload the page');
    }
  });
});

/** The signed-in person (browser session). API tokens act for a workspace, not a person. */
export function requireUser(req: FastifyRequest) {
  if (req.auth?.kind !== 'session') {
    throw new AppError(
      'unauthenticated',
      req.auth ? 'This endpoint needs a signed-in user, not an API token' : 'Sign in first',
    );
  }
  return req.auth;
}

/**
 * For routes under /workspaces/:workspaceId: resolves the actor and enforces the route's
 * least role. A workspace the caller cannot see answers 404, never 403.
 */
export function workspaceScope(app: FastifyInstance, db: Db) {
  app.addHook('preHandler', async (req: FastifyRequest, _reply: FastifyReply) => {
    const { workspaceId } = req.params as { workspaceId?: string };
    if (!workspaceId) throw new AppError('not_found', 'Workspace not found');
    const auth = req.auth;
    if (!auth) throw new AppError('unauthenticated', 'Sign in first');
    if (auth.kind === 'token') {
      if (auth.workspaceId !== workspaceId) throw new AppError('not_found', 'Workspace not found');
      req.actor = { workspaceId, role: auth.role, userId: null, tokenId: auth.tokenId };
    } else {
      const role = await memberRole(db, auth.user.id, workspaceId);
      req.actor = { workspaceId, role, userId: auth.user.id, tokenId: null };
    }
    const min = req.routeOptions.config.minRole ?? (SAFE_METHODS.has(req.method) ? 'analyst' : 'manager');
    requireRole(req.actor, min);
  });
}

export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('unauthenticated', 'Sign in first');
  return req.actor;
}
