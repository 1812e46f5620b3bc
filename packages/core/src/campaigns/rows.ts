import { campaigns, type Db } from '@evergreen/db';
import { and, eq } from 'drizzle-orm';
import { notFound } from '../shared/errors.ts';

export type CampaignRow = typeof campaigns.$inferSelect;

/** The campaign row of this workspace, or 404: the lookup every campaign use case starts from. */
export async function getCampaignRow(
  db: Db,
  workspaceId: string,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<CampaignRow> {
  const q = db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.workspaceId, workspaceId), eq(campaigns.id, id)));
  const [c] = opts.lock ? await q.for('update') : await q;
  if (!c) throw notFound('Campaign');
  return c;
}
