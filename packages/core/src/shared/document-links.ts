import type { Db } from '@evergreen/db';

/**
 * Sign-in links that open one document in the creator portal, put into the emails that send a
 * brief, a change request or an agreement (docs/portal.md). The portal module makes them; the
 * modules that send documents get them handed in, so they need not depend on the portal.
 */
export interface DocumentLinks {
  /**
   * A fresh single-use link that signs the creator in and opens `target` (a portal path), made in
   * `db` (the caller's transaction); null when the creator has no live portal access.
   */
  issue(
    db: Db,
    p: { workspaceId: string; creatorId: string; target: string },
    now: Date,
  ): Promise<string | null>;
}
