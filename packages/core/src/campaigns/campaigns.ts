import type {
  Campaign,
  CampaignDetail,
  CampaignList,
  CampaignListQuery,
  CreateCampaignRequest,
  UpdateCampaignRequest,
} from '@evergreen/contracts';
import { campaignListQuery, createCampaignRequest, updateCampaignRequest } from '@evergreen/contracts';
import { campaigns } from '@evergreen/db';
import { and, eq } from 'drizzle-orm';
import { diff, recordAudit } from '../audit/index.ts';
import { requireRole } from '../shared/access.ts';
import { type ActorCtx, isoRequired } from '../shared/context.ts';
import { invalid } from '../shared/errors.ts';
import { listBriefs } from './brief-flow.ts';
import { briefCounts, campaignListRows, getCampaignRow } from './queries.ts';

type Row = typeof campaigns.$inferSelect;

/** "20.00" → "20", "12.50" → "12.5": numeric columns answer the value as it was meant. */
export const normDecimal = (v: string | null): string | null =>
  v == null ? null : v.includes('.') ? v.replace(/0+$/, '').replace(/\.$/, '') : v;

const toCampaign = (c: Row, counts?: { briefs: number; accepted: number }): Campaign => ({
  id: c.id,
  name: c.name,
  products: c.products,
  markets: c.markets,
  startsOn: c.startsOn,
  endsOn: c.endsOn,
  status: c.status,
  kind: c.kind as Campaign['kind'],
  outcome: c.outcome,
  targetMetric: c.targetMetric,
  targetValue: normDecimal(c.targetValue),
  budget:
    c.budgetMinor != null && c.budgetCurrency
      ? { amountMinor: c.budgetMinor, currency: c.budgetCurrency }
      : null,
  briefCount: counts?.briefs ?? 0,
  acceptedCount: counts?.accepted ?? 0,
  createdAt: isoRequired(c.createdAt),
  updatedAt: isoRequired(c.updatedAt),
});

const budgetColumns = (b: { amountMinor: number; currency: string } | null | undefined) =>
  b === undefined ? {} : { budgetMinor: b?.amountMinor ?? null, budgetCurrency: b?.currency ?? null };

export async function createCampaign(ctx: ActorCtx, input: CreateCampaignRequest): Promise<Campaign> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  const { budget, ...data } = createCampaignRequest.parse(input);
  const now = clock.now();
  const row = await db.transaction(async (tx) => {
    const [c] = await tx
      .insert(campaigns)
      .values({
        ...data,
        ...budgetColumns(budget ?? null),
        workspaceId: actor.workspaceId,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAudit(
      tx,
      actor,
      {
        action: 'campaign.created',
        entityType: 'campaign',
        entityId: c!.id,
        changes: { name: c!.name, startsOn: c!.startsOn, endsOn: c!.endsOn },
      },
      now,
    );
    return c!;
  });
  return toCampaign(row);
}

export async function updateCampaign(
  ctx: ActorCtx,
  id: string,
  input: UpdateCampaignRequest,
): Promise<Campaign> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  const data = updateCampaignRequest.parse(input);
  await getCampaignRow(db, actor.workspaceId, id);
  const now = clock.now();
  const { budget, ...fields } = data;
  await db.transaction(async (tx) => {
    // The dates checked against the row as it is, locked: two edits at once (one moving the
    // start, one the end) cannot each pass against the old dates and together cross them.
    const before = await getCampaignRow(tx, actor.workspaceId, id, { lock: true });
    const startsOn = data.startsOn ?? before.startsOn;
    const endsOn = data.endsOn ?? before.endsOn;
    if (endsOn < startsOn)
      throw invalid(
        data.endsOn ? 'endsOn' : 'startsOn',
        `must keep endsOn (${endsOn}) on or after startsOn (${startsOn})`,
        'ends_before_start',
      );
    await tx
      .update(campaigns)
      .set({ ...fields, ...budgetColumns(budget), updatedAt: now })
      .where(and(eq(campaigns.workspaceId, actor.workspaceId), eq(campaigns.id, id)));
    const changes = diff(toCampaign(before) as unknown as Record<string, unknown>, data);
    if (Object.keys(changes).length)
      await recordAudit(
        tx,
        actor,
        { action: 'campaign.updated', entityType: 'campaign', entityId: id, changes },
        now,
      );
  });
  return getCampaign(ctx, id).then(({ briefs: _b, ...c }) => c);
}

/** Campaigns, newest start first, filtered by status, market, product, text and dates. */
export async function listCampaigns({ db, actor }: ActorCtx, raw: CampaignListQuery): Promise<CampaignList> {
  requireRole(actor, 'analyst');
  const q = campaignListQuery.parse(raw);
  const rows = await campaignListRows(db, actor.workspaceId, q);
  const counts = await briefCounts(
    db,
    actor.workspaceId,
    rows.map((r) => r.id),
  );
  return { campaigns: rows.map((r) => toCampaign(r, counts.get(r.id))), total: rows.length };
}

/** A campaign with its briefs. */
export async function getCampaign(ctx: ActorCtx, id: string): Promise<CampaignDetail> {
  const { db, actor } = ctx;
  requireRole(actor, 'analyst');
  const c = await getCampaignRow(db, actor.workspaceId, id);
  const counts = await briefCounts(db, actor.workspaceId, [id]);
  return { ...toCampaign(c, counts.get(id)), briefs: await listBriefs(ctx, { campaignId: id }) };
}
