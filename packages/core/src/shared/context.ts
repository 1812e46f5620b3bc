import type { Role } from '@evergreen/contracts';
import type { Db } from '@evergreen/db';

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/** Who is acting, in which workspace: a signed-in member or an API token. */
export interface Actor {
  workspaceId: string;
  role: Role;
  userId: string | null;
  tokenId: string | null;
}

export interface Ctx {
  db: Db;
  clock: Clock;
}
export interface ActorCtx extends Ctx {
  actor: Actor;
}

export const iso = (d: Date | string | null | undefined): string | null =>
  d == null ? null : (d instanceof Date ? d : new Date(d)).toISOString();
export const isoRequired = (d: Date | string): string => (d instanceof Date ? d : new Date(d)).toISOString();

/**
 * A creator signed in to the creator portal: exactly one creator of one workspace
 * (docs/decisions/0012-creator-portal-access.md). Not an `Actor`: no team use case takes it.
 */
export interface PortalActor {
  accessId: string;
  workspaceId: string;
  creatorId: string;
}
export interface PortalCtx extends Ctx {
  portal: PortalActor;
}

/**
 * What a creator's own act is recorded as (audit log, timeline): nobody of the team and no
 * token; the entries carry `byCreator` so the log says who.
 */
export const creatorAsActor = (p: Pick<PortalActor, 'workspaceId'>): Actor => ({
  workspaceId: p.workspaceId,
  role: 'creator',
  userId: null,
  tokenId: null,
});
