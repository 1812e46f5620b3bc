import type { FastifyRequest } from 'fastify';
import type { AppDeps } from '../deps.ts';
import { actorOf, requirePortal } from '../plugins/auth.ts';

type CtxDeps = Pick<AppDeps, 'db' | 'clock'>;

/** The context a use case takes for a request of a workspace member (or API token): db, clock and who acts. */
export const actorContext =
  ({ db, clock }: CtxDeps) =>
  (req: FastifyRequest) => ({ db, clock, actor: actorOf(req) });

/** The context a portal use case takes: db, clock and the creator signed in to the portal (else 401). */
export const portalContext =
  ({ db, clock }: CtxDeps) =>
  (req: FastifyRequest) => ({ db, clock, portal: requirePortal(req) });
