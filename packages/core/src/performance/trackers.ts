import {
  buildTrackedUrl,
  type CreateTrackerRequest,
  createTrackerRequest,
  platforms,
  suggestUtm,
  type Tracker,
  type TrackerListQuery,
  trackerListQuery,
  type UtmSuggestion,
  type UtmSuggestionQuery,
  utmSuggestionQuery,
} from '@evergreen/contracts';
import { campaigns, creatorHandles, type Db, trackers } from '@evergreen/db';
import { and, asc, desc, eq, isNull, type SQL } from 'drizzle-orm';
import { recordAudit } from '../audit/index.ts';
import { getCreatorRow } from '../roster/index.ts';
import { requireRole } from '../shared/access.ts';
import { type ActorCtx, iso, isoRequired } from '../shared/context.ts';
import { pgErrorCode } from '../shared/db-errors.ts';
import { AppError } from '../shared/errors.ts';
import { matching, rowOfWorkspace, rowOr404 } from '../shared/rows.ts';
import { refreshAttribution } from './facts.ts';

/**
 * Promo codes and UTM links per creator, optionally per campaign (docs/performance.md). Codes
 * are stored upper-case and unique in the workspace; links lower-case their UTM values and
 * (utm_source, utm_campaign) is unique in the workspace, so every order maps to one creator.
 * Archiving keeps the tracker (and its claim on the code): orders that carry it still count.
 */

type Row = typeof trackers.$inferSelect;

const toTracker = (r: Row): Tracker => ({
  id: r.id,
  creatorId: r.creatorId,
  campaignId: r.campaignId,
  kind: r.kind,
  code: r.code,
  destinationUrl: r.destinationUrl,
  utmSource: r.utmSource,
  utmMedium: r.utmMedium,
  utmCampaign: r.utmCampaign,
  utmContent: r.utmContent,
  url: r.url,
  createdAt: isoRequired(r.createdAt),
  archivedAt: iso(r.archivedAt),
});

async function campaignName(db: Db, workspaceId: string, campaignId: string): Promise<string> {
  const c = await rowOr404(
    db
      .select({ name: campaigns.name })
      .from(campaigns)
      .where(matching(campaigns, { workspaceId, id: campaignId })),
    'Campaign',
  );
  return c.name;
}

/** The creator's first handle (in platform order), else their display name. */
async function handleOrName(db: Db, workspaceId: string, creatorId: string): Promise<string> {
  const c = await getCreatorRow(db, workspaceId, creatorId);
  const hs = await db
    .select({ platform: creatorHandles.platform, handle: creatorHandles.handle })
    .from(creatorHandles)
    .where(matching(creatorHandles, { workspaceId, creatorId }));
  hs.sort((a, b) => platforms.indexOf(a.platform) - platforms.indexOf(b.platform));
  return hs[0]?.handle ?? c.displayName;
}

/** UTM values the link builder suggests for a creator (and campaign), and the link they make. */
export async function suggestTrackerUtm(
  { db, actor }: ActorCtx,
  creatorId: string,
  raw: UtmSuggestionQuery,
): Promise<UtmSuggestion> {
  requireRole(actor, 'analyst');
  const q = utmSuggestionQuery.parse(raw);
  const s = suggestUtm({
    creatorHandleOrName: await handleOrName(db, actor.workspaceId, creatorId),
    campaignName: q.campaignId ? await campaignName(db, actor.workspaceId, q.campaignId) : null,
  });
  return {
    ...s,
    url: q.destinationUrl
      ? buildTrackedUrl(q.destinationUrl, {
          source: s.utmSource,
          medium: s.utmMedium,
          campaign: s.utmCampaign,
        })
      : null,
  };
}

const codeTaken = (code: string) =>
  new AppError('conflict', `The promo code ${code} is already in use in this workspace`, [
    { field: 'code', message: 'is already in use', code: 'taken' },
  ]);
const utmTaken = (source: string, campaign: string) =>
  new AppError(
    'conflict',
    `A link with utm_source=${source} and utm_campaign=${campaign} already exists in this workspace`,
    [{ field: 'utmCampaign', message: 'is already used with this utm_source', code: 'taken' }],
  );

export async function createTracker(ctx: ActorCtx, input: CreateTrackerRequest): Promise<Tracker> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  const t = createTrackerRequest.parse(input);
  const ws = actor.workspaceId;
  await getCreatorRow(db, ws, t.creatorId);
  const campaign = t.campaignId ? await campaignName(db, ws, t.campaignId) : null;
  const now = clock.now();
  const owner = { workspaceId: ws, creatorId: t.creatorId, campaignId: t.campaignId ?? null, kind: t.kind };
  let values: typeof trackers.$inferInsert;
  if (t.kind === 'promo_code') {
    const [other] = await db
      .select({ id: trackers.id })
      .from(trackers)
      .where(matching(trackers, { workspaceId: ws, code: t.code }));
    if (other) throw codeTaken(t.code);
    values = { ...owner, code: t.code };
  } else {
    const suggested =
      t.utmSource && t.utmCampaign
        ? null
        : suggestUtm({
            creatorHandleOrName: await handleOrName(db, ws, t.creatorId),
            campaignName: campaign,
          });
    const source = t.utmSource ?? suggested!.utmSource;
    const medium = t.utmMedium ?? 'creator';
    const utmCampaign = t.utmCampaign ?? suggested!.utmCampaign;
    const content = t.utmContent ?? null;
    const [other] = await db
      .select({ id: trackers.id })
      .from(trackers)
      .where(matching(trackers, { workspaceId: ws, utmSource: source, utmCampaign }));
    if (other) throw utmTaken(source, utmCampaign);
    values = {
      ...owner,
      destinationUrl: t.destinationUrl,
      utmSource: source,
      utmMedium: medium,
      utmCampaign,
      utmContent: content,
      url: buildTrackedUrl(t.destinationUrl, { source, medium, campaign: utmCampaign, content }),
    };
  }
  const row = await db.transaction(async (tx) => {
    const [r] = await tx
      .insert(trackers)
      .values({ ...values, createdBy: actor.userId, createdAt: now })
      .returning()
      .catch((e: unknown) => {
        if (pgErrorCode(e) !== '23505') throw e;
        throw values.code ? codeTaken(values.code) : utmTaken(values.utmSource!, values.utmCampaign!);
      });
    await refreshAttribution(tx, ws, { creatorIds: [r!.creatorId] });
    await recordAudit(
      tx,
      actor,
      {
        action: 'tracker.created',
        entityType: 'creator',
        entityId: r!.creatorId,
        changes: { trackerId: r!.id, kind: r!.kind, code: r!.code, url: r!.url },
      },
      now,
    );
    return r!;
  });
  return toTracker(row);
}

async function getTrackerRow(db: Db, workspaceId: string, id: string): Promise<Row> {
  return rowOfWorkspace(db, trackers, workspaceId, id, 'Tracker');
}

export async function getTracker({ db, actor }: ActorCtx, id: string): Promise<Tracker> {
  requireRole(actor, 'analyst');
  return toTracker(await getTrackerRow(db, actor.workspaceId, id));
}

export async function listTrackers({ db, actor }: ActorCtx, raw: TrackerListQuery): Promise<Tracker[]> {
  requireRole(actor, 'analyst');
  const q = trackerListQuery.parse(raw);
  const conds: (SQL | undefined)[] = [eq(trackers.workspaceId, actor.workspaceId)];
  if (q.creatorId) conds.push(eq(trackers.creatorId, q.creatorId));
  if (q.campaignId) conds.push(eq(trackers.campaignId, q.campaignId));
  if (q.kind) conds.push(eq(trackers.kind, q.kind));
  if (!q.includeArchived) conds.push(isNull(trackers.archivedAt));
  const rows = await db
    .select()
    .from(trackers)
    .where(and(...conds))
    .orderBy(desc(trackers.createdAt), asc(trackers.id));
  return rows.map(toTracker);
}

/** Archives a tracker (idempotent): it leaves the lists; its code or UTM pair stays taken. */
export async function archiveTracker(ctx: ActorCtx, id: string): Promise<Tracker> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  const before = await getTrackerRow(db, actor.workspaceId, id);
  if (before.archivedAt) return toTracker(before);
  const now = clock.now();
  const row = await db.transaction(async (tx) => {
    const [r] = await tx
      .update(trackers)
      .set({ archivedAt: now })
      .where(matching(trackers, { workspaceId: actor.workspaceId, id }))
      .returning();
    await refreshAttribution(tx, actor.workspaceId, { creatorIds: [before.creatorId] });
    await recordAudit(
      tx,
      actor,
      {
        action: 'tracker.archived',
        entityType: 'creator',
        entityId: before.creatorId,
        changes: { trackerId: id, kind: before.kind, code: before.code, url: before.url },
      },
      now,
    );
    return r!;
  });
  return toTracker(row);
}
