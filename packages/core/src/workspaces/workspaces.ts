import type {
  CreateWorkspaceRequest,
  TierPolicy,
  Workspace,
  WorkspaceSettingsUpdate,
} from '@evergreen/contracts';
import { createWorkspaceRequest } from '@evergreen/contracts';
import { type Db, memberships, tierPolicies, workspaces } from '@evergreen/db';
import { and, asc, eq, sql } from 'drizzle-orm';
import { diff, recordAudit } from '../audit/index.ts';
import { lockWorkspaceOrders, refreshAttribution, refreshReportingAmounts } from '../performance/index.ts';
import { requireRole } from '../shared/access.ts';
import { type ActorCtx, type Ctx, isoRequired } from '../shared/context.ts';
import { notFound } from '../shared/errors.ts';
import { defaultTierPolicies, normalizePercent, validateTierPolicies } from './tiers.ts';

type Row = typeof workspaces.$inferSelect;
export const toWorkspace = (w: Row): Workspace => ({
  id: w.id,
  slug: w.slug,
  name: w.name,
  reportingCurrency: w.reportingCurrency,
  fiscalYearStartMonth: w.fiscalYearStartMonth,
  markets: w.markets,
  defaultLanguage: w.defaultLanguage === 'ru' ? 'ru' : 'en',
  overlapWindowDays: w.overlapWindowDays,
  attributionWindowDays: w.attributionWindowDays,
  repeatHorizonDays: w.repeatHorizonDays,
  timeZone: w.timeZone,
  createdAt: isoRequired(w.createdAt),
});

export const slugify = (name: string): string =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9а-яё]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40) || 'workspace';

async function uniqueSlug(db: Db, name: string): Promise<string> {
  const base = slugify(name);
  const taken = await db
    .select({ slug: workspaces.slug })
    .from(workspaces)
    .where(sql`${workspaces.slug} = ${base} or ${workspaces.slug} like ${`${base}-%`}`);
  const set = new Set(taken.map((t) => t.slug));
  if (!set.has(base)) return base;
  for (let i = 2; ; i++) if (!set.has(`${base}-${i}`)) return `${base}-${i}`;
}

/** Creates a workspace with its creator as owner and the default tier policies. */
export async function createWorkspace(
  { db, clock }: Ctx,
  userId: string,
  input: CreateWorkspaceRequest,
  opts: { isDemo?: boolean } = {},
): Promise<Workspace> {
  const data = createWorkspaceRequest.parse(input);
  return db.transaction(async (tx) => {
    const now = clock.now();
    const [w] = await tx
      .insert(workspaces)
      .values({
        ...data,
        slug: await uniqueSlug(tx, data.name),
        isDemo: opts.isDemo ?? false,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!w) throw new Error('insert returned nothing');
    await tx.insert(memberships).values({ workspaceId: w.id, userId, role: 'owner', createdAt: now });
    await tx
      .insert(tierPolicies)
      .values(
        defaultTierPolicies(data.defaultLanguage).map((t) => ({ ...t, workspaceId: w.id, updatedAt: now })),
      );
    const actor = { workspaceId: w.id, role: 'owner' as const, userId, tokenId: null };
    await recordAudit(
      tx,
      actor,
      { action: 'workspace.created', entityType: 'workspace', entityId: w.id, changes: data },
      now,
    );
    return toWorkspace(w);
  });
}

export async function getWorkspace({ db, actor }: ActorCtx): Promise<Workspace> {
  const [w] = await db.select().from(workspaces).where(eq(workspaces.id, actor.workspaceId));
  if (!w) throw notFound('Workspace');
  return toWorkspace(w);
}

export async function updateWorkspace(
  { db, clock, actor }: ActorCtx,
  input: WorkspaceSettingsUpdate,
): Promise<Workspace> {
  requireRole(actor, 'owner');
  return db.transaction(async (tx) => {
    // These settings rewrite orders or their sums: take the orders writers' turn before locking
    // the workspace row (an import holds the turn and then reads the row).
    if (['attributionWindowDays', 'repeatHorizonDays', 'reportingCurrency'].some((k) => k in input))
      await lockWorkspaceOrders(tx, actor.workspaceId);
    const [before] = await tx
      .select()
      .from(workspaces)
      .where(eq(workspaces.id, actor.workspaceId))
      .for('update');
    if (!before) throw notFound('Workspace');
    const now = clock.now();
    const [after] = await tx
      .update(workspaces)
      .set({ ...input, updatedAt: now })
      .where(eq(workspaces.id, actor.workspaceId))
      .returning();
    const changes = diff(toWorkspace(before) as unknown as Record<string, unknown>, input);
    // Every order's attribution depends on the window: recomputed before anyone reads it.
    if ('attributionWindowDays' in changes) await refreshAttribution(tx, actor.workspaceId);
    // Order amounts and post costs are kept in the reporting currency: convert them again.
    if ('reportingCurrency' in changes) await refreshReportingAmounts(tx, actor.workspaceId);
    if (Object.keys(changes).length) {
      await recordAudit(
        tx,
        actor,
        { action: 'workspace.updated', entityType: 'workspace', entityId: before.id, changes },
        now,
      );
    }
    return toWorkspace(after!);
  });
}

export async function listTiers({ db, actor }: ActorCtx): Promise<TierPolicy[]> {
  const rows = await db
    .select()
    .from(tierPolicies)
    .where(eq(tierPolicies.workspaceId, actor.workspaceId))
    .orderBy(asc(tierPolicies.tier));
  return rows.map((r) => ({
    tier: r.tier,
    name: r.name,
    targetMin: r.targetMin,
    targetMax: r.targetMax,
    cadenceDays: r.cadenceDays,
    budgetSharePct: normalizePercent(r.budgetSharePct),
  }));
}

export async function updateTiers(ctx: ActorCtx, input: TierPolicy[]): Promise<TierPolicy[]> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'owner');
  const tiers = validateTierPolicies(input);
  const before = await listTiers(ctx);
  const now = clock.now();
  await db.transaction(async (tx) => {
    for (const t of tiers) {
      await tx
        .update(tierPolicies)
        .set({ ...t, updatedAt: now })
        .where(and(eq(tierPolicies.workspaceId, actor.workspaceId), eq(tierPolicies.tier, t.tier)));
      const old = before.find((b) => b.tier === t.tier);
      const changes = old ? diff(old as unknown as Record<string, unknown>, t) : t;
      if (Object.keys(changes).length) {
        await recordAudit(
          tx,
          actor,
          { action: 'tier_policy.updated', entityType: 'tier_policy', entityId: String(t.tier), changes },
          now,
        );
      }
    }
  });
  return listTiers(ctx);
}
