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
