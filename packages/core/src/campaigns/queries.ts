import type { campaignListQuery } from '@evergreen/contracts';
import {
  briefAcceptances,
  briefs,
  briefVersions,
  campaigns,
  creators,
  type Db,
  outboxMessages,
  queryRows,
  users,
  workspaces,
} from '@evergreen/db';
import { and, asc, desc, eq, inArray, ne, type SQL, sql } from 'drizzle-orm';
import { matching, rowOfWorkspace } from '../shared/rows.ts';

/**
 * The campaigns module's reads and writes (decision 0011): the campaign row, the list and the brief
 * counts; the briefs with their versions and acceptances (brief-flow.ts); the activity windows and
 * overlap notices (overlap-calendar.ts). Private to the module, except getCampaignRow and
 * CampaignRow (index.ts names them).
 */

export type CampaignRow = typeof campaigns.$inferSelect;

/** The campaign row of this workspace, or 404: the lookup every campaign use case starts from. */
export async function getCampaignRow(
  db: Db,
  workspaceId: string,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<CampaignRow> {
  return rowOfWorkspace(db, campaigns, workspaceId, id, 'Campaign', opts.lock);
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

export interface WindowRow {
  kind: 'campaign' | 'deliverable';
  creator_id: string;
  creator_name: string;
  creator_markets: string[];
  campaign_id: string;
  campaign_name: string;
  products: string[];
  markets: string[];
  deliverable_id: string | null;
  starts_on: string;
  ends_on: string;
}

/**
 * Every creator's activity windows that touch [from, to] (overlap calendar): the campaign dates for
 * each creator with a (not cancelled) brief in a (not cancelled) campaign, and each deliverable of a
 * campaign on the day it was posted (else due, else planned).
 */
export async function activityWindowRows(db: Db, workspaceId: string, from: string, to: string) {
  return queryRows<WindowRow>(
    db,
    sql`
    select 'campaign' as kind, cr.id as creator_id, cr.display_name as creator_name, cr.markets as creator_markets,
           k.id as campaign_id, k.name as campaign_name, k.products, k.markets, null::uuid as deliverable_id,
           to_char(k.starts_on, 'YYYY-MM-DD') as starts_on, to_char(k.ends_on, 'YYYY-MM-DD') as ends_on
      from briefs b
      join campaigns k on k.workspace_id = b.workspace_id and k.id = b.campaign_id
      join creators cr on cr.workspace_id = b.workspace_id and cr.id = b.creator_id
     where b.workspace_id = ${workspaceId} and b.status <> 'cancelled' and k.status <> 'cancelled'
       and k.ends_on >= ${from}::date and k.starts_on <= ${to}::date
    union all
    select 'deliverable', cr.id, cr.display_name, cr.markets, k.id, k.name, k.products, k.markets, d.id,
           to_char(x.day, 'YYYY-MM-DD'), to_char(x.day, 'YYYY-MM-DD')
      from deliverables d
      join campaigns k on k.workspace_id = d.workspace_id and k.id = d.campaign_id
      join creators cr on cr.workspace_id = d.workspace_id and cr.id = d.creator_id
      cross join lateral (select coalesce((d.posted_at at time zone 'UTC')::date, d.due_on, d.planned_on) as day) x
     where d.workspace_id = ${workspaceId} and k.status <> 'cancelled' and d.status <> 'missed'
       and x.day between ${from}::date and ${to}::date`,
  );
}

/** The workspace's overlap window in days (14 when unset). */
export async function windowDaysOf(db: Db, workspaceId: string): Promise<number> {
  const [w] = await db
    .select({ n: workspaces.overlapWindowDays })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  return w?.n ?? 14;
}

/** The dedupe keys of the workspace's outbox messages under this prefix that were not cancelled. */
export async function liveDedupeKeysLike(db: Db, workspaceId: string, prefix: string) {
  return db
    .select({ k: outboxMessages.dedupeKey })
    .from(outboxMessages)
    .where(
      and(
        eq(outboxMessages.workspaceId, workspaceId),
        sql`${outboxMessages.dedupeKey} like ${`${prefix}%`}`,
        ne(outboxMessages.status, 'cancelled'),
      ),
    );
}

/** The workspace's campaigns with these ids (those that exist). */
export async function campaignRowsByIds(db: Db, workspaceId: string, ids: string[]) {
  return db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.workspaceId, workspaceId), inArray(campaigns.id, ids)));
}

/** Which of these creators have a (not cancelled) brief in one of these campaigns. */
export async function briefCreatorsIn(
  db: Db,
  workspaceId: string,
  campaignIds: string[],
  creatorIds: string[],
) {
  return db
    .select({ creatorId: briefs.creatorId })
    .from(briefs)
    .where(
      and(
        eq(briefs.workspaceId, workspaceId),
        inArray(briefs.campaignId, campaignIds),
        inArray(briefs.creatorId, creatorIds),
        ne(briefs.status, 'cancelled'),
      ),
    );
}

// ---- briefs (brief-flow.ts) ----

export type BriefRow = typeof briefs.$inferSelect;
export type VersionRow = typeof briefVersions.$inferSelect;

/** A brief with its campaign's name, its creator's name and lead time, and every version. */
export interface Loaded {
  b: BriefRow;
  campaignName: string;
  creatorName: string;
  leadTimeDays: number | null;
  versions: VersionRow[];
}

/** Which briefs: by id, campaign, creator; `notDraft` leaves drafts out (what a creator sees). */
export interface BriefFilter {
  id?: string;
  campaignId?: string;
  creatorId?: string;
  notDraft?: boolean;
}

/** The workspace's briefs that match, by campaign start and creator name, each with its versions. */
export async function loadBriefs(db: Db, workspaceId: string, filter: BriefFilter): Promise<Loaded[]> {
  const where: SQL[] = [];
  if (filter.id) where.push(eq(briefs.id, filter.id));
  if (filter.campaignId) where.push(eq(briefs.campaignId, filter.campaignId));
  if (filter.creatorId) where.push(eq(briefs.creatorId, filter.creatorId));
  if (filter.notDraft) where.push(ne(briefs.status, 'draft'));
  const rows = await db
    .select({
      b: briefs,
      campaignName: campaigns.name,
      creatorName: creators.displayName,
      leadTimeDays: creators.leadTimeDays,
    })
    .from(briefs)
    .innerJoin(
      campaigns,
      and(eq(campaigns.workspaceId, briefs.workspaceId), eq(campaigns.id, briefs.campaignId)),
    )
    .innerJoin(creators, and(eq(creators.workspaceId, briefs.workspaceId), eq(creators.id, briefs.creatorId)))
    .where(and(eq(briefs.workspaceId, workspaceId), ...where))
    .orderBy(asc(campaigns.startsOn), asc(creators.displayName));
  const ids = rows.map((r) => r.b.id);
  const versions = ids.length
    ? await db
        .select()
        .from(briefVersions)
        .where(and(eq(briefVersions.workspaceId, workspaceId), inArray(briefVersions.briefId, ids)))
        .orderBy(asc(briefVersions.version))
    : [];
  return rows.map((r) => ({
    b: r.b,
    campaignName: r.campaignName,
    creatorName: r.creatorName,
    leadTimeDays: r.leadTimeDays,
    versions: versions.filter((v) => v.briefId === r.b.id),
  }));
}

/** A brief's acceptances with the name of who accepted, oldest first. */
export async function acceptanceRows(db: Db, workspaceId: string, briefId: string) {
  return db
    .select({ a: briefAcceptances, byName: users.name })
    .from(briefAcceptances)
    .leftJoin(users, eq(users.id, briefAcceptances.acceptedByUserId))
    .where(matching(briefAcceptances, { workspaceId, briefId }))
    .orderBy(asc(briefAcceptances.at));
}

/** These users' names. */
export async function userNames(db: Db, userIds: string[]) {
  return db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, userIds));
}

/** The creator's brief in the campaign, if there is one. */
export async function briefOf(db: Db, workspaceId: string, campaignId: string, creatorId: string) {
  const [taken] = await db
    .select({ id: briefs.id })
    .from(briefs)
    .where(matching(briefs, { workspaceId, campaignId, creatorId }));
  return taken;
}

export async function insertBrief(db: Db, values: typeof briefs.$inferInsert) {
  const [b] = await db.insert(briefs).values(values).returning();
  return b;
}

export async function insertBriefVersion(db: Db, values: typeof briefVersions.$inferInsert) {
  await db.insert(briefVersions).values(values);
}

export async function insertAcceptance(db: Db, values: typeof briefAcceptances.$inferInsert) {
  await db.insert(briefAcceptances).values(values);
}

/**
 * Changes the brief only if it is still in the status and version it was read in; none when
 * someone else moved it first.
 */
export async function updateBriefIfUnchanged(
  db: Db,
  workspaceId: string,
  b: BriefRow,
  set: Partial<typeof briefs.$inferInsert>,
) {
  const [row] = await db
    .update(briefs)
    .set(set)
    .where(matching(briefs, { workspaceId, id: b.id, status: b.status, currentVersion: b.currentVersion }))
    .returning({ id: briefs.id });
  return row;
}

/** Records the creator's decision on a change request (one version of the brief). */
export async function decideChangeRequest(
  db: Db,
  workspaceId: string,
  briefId: string,
  version: number,
  set: Pick<VersionRow, 'changeStatus' | 'decidedAt' | 'decisionNote'>,
) {
  await db.update(briefVersions).set(set).where(matching(briefVersions, { workspaceId, briefId, version }));
}
