import type { campaignListQuery } from '@evergreen/contracts';
import { briefs, campaigns, type Db } from '@evergreen/db';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { notFound } from '../shared/errors.ts';

/**
 * The campaigns module's shared reads (decision 0011): the campaign row, the list and the brief
 * counts. Private to the module, except getCampaignRow and CampaignRow (index.ts names them).
 */

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

/** Campaigns by the list's filters (status, market, product, text, dates), newest start first. */
export async function campaignListRows(
  db: Db,
  workspaceId: string,
  q: ReturnType<typeof campaignListQuery.parse>,
): Promise<CampaignRow[]> {
  const conds = [eq(campaigns.workspaceId, workspaceId)];
  if (q.status?.length) conds.push(inArray(campaigns.status, q.status));
  if (q.market?.length) conds.push(sql`${campaigns.markets} && ${sql.param(q.market)}::text[]`);
  if (q.product)
    conds.push(sql`lower(${q.product}) = any(select lower(p) from unnest(${campaigns.products}) p)`);
  if (q.from) conds.push(sql`${campaigns.endsOn} >= ${q.from}`);
  if (q.to) conds.push(sql`${campaigns.startsOn} <= ${q.to}`);
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    conds.push(sql`${campaigns.name} ilike ${like}`);
  }
  return db
    .select()
    .from(campaigns)
    .where(and(...conds))
    .orderBy(desc(campaigns.startsOn), campaigns.name);
}

/** Each campaign's briefs and how many of them are accepted (or further), by campaign id. */
export async function briefCounts(db: Db, workspaceId: string, ids: string[]) {
  const out = new Map<string, { briefs: number; accepted: number }>();
  if (!ids.length) return out;
  const rows = await db
    .select({
      campaignId: briefs.campaignId,
      n: sql<number>`count(*)::int`,
      accepted: sql<number>`(count(*) filter (where ${briefs.status} in ('accepted', 'change_requested', 'done')))::int`,
    })
    .from(briefs)
    .where(and(eq(briefs.workspaceId, workspaceId), inArray(briefs.campaignId, ids)))
    .groupBy(briefs.campaignId);
  for (const r of rows) out.set(r.campaignId, { briefs: Number(r.n), accepted: Number(r.accepted) });
  return out;
}
