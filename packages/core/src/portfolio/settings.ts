import {
  type PortfolioSettings,
  type UpdatePortfolioSettingsRequest,
  updatePortfolioSettingsRequest,
} from '@evergreen/contracts';
import { diff, recordAudit } from '../audit/index.ts';
import { requireRole } from '../shared/access.ts';
import type { ActorCtx } from '../shared/context.ts';
import { ensureSettingsRow, readSettings, upsertSettings } from './queries.ts';

export async function getPortfolioSettings({ db, actor }: ActorCtx): Promise<PortfolioSettings> {
  requireRole(actor, 'analyst');
  return readSettings(db, actor.workspaceId);
}

/** Owners and managers change the given fields only; audited with what changed. */
export async function updatePortfolioSettings(
  { db, clock, actor }: ActorCtx,
  input: UpdatePortfolioSettingsRequest,
): Promise<PortfolioSettings> {
  requireRole(actor, 'manager');
  const patch = updatePortfolioSettingsRequest.parse(input);
  const now = clock.now();
  return db.transaction(async (tx) => {
    // Locked: a second save waits, then audits what it changed from the first one's values.
    await ensureSettingsRow(tx, actor.workspaceId);
    const before = await readSettings(tx, actor.workspaceId, true);
    await upsertSettings(tx, actor.workspaceId, patch, now);
    const after = await readSettings(tx, actor.workspaceId);
    const changes = diff(before as unknown as Record<string, unknown>, patch as Record<string, unknown>);
    if (Object.keys(changes).length) {
      await recordAudit(
        tx,
        actor,
        {
          action: 'portfolio_settings.updated',
          entityType: 'workspace',
          entityId: actor.workspaceId,
          changes,
        },
        now,
      );
    }
    return after;
  });
}
