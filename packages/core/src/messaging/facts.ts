import type { Db } from '@evergreen/db';
import { creatorsActivity } from '../roster/index.ts';
import type { MergeFacts } from './render.ts';

export { engagementPct } from '../roster/index.ts';

/**
 * What the `lastPost.*` and `nextCampaign.*` merge fields are filled from, for one creator:
 * their latest live post (by posted time) with its latest engagement rate, and the next campaign
 * being planned, the ones they already have a brief in first.
 */
export async function creatorActivity(
  db: Db,
  workspaceId: string,
  creatorId: string,
  today: string,
): Promise<Pick<MergeFacts, 'lastPost' | 'nextCampaign'>> {
  const a = (await creatorsActivity(db, workspaceId, [creatorId], today)).get(creatorId);
  return { lastPost: a?.lastPost ?? null, nextCampaign: a?.nextCampaign ?? null };
}
