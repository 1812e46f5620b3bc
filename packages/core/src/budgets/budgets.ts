import type {
  Budget,
  BudgetForecast,
  BudgetSummary,
  CreateBudgetRequest,
  TierShare,
  UpdateBudgetRequest,
} from '@evergreen/contracts';
import { createBudgetRequest, updateBudgetRequest } from '@evergreen/contracts';
import { toDay } from '@evergreen/rules';
import { diff, recordAudit } from '../audit/index.ts';
import { requireRole } from '../shared/access.ts';
import type { ActorCtx } from '../shared/context.ts';
import { isoRequired } from '../shared/context.ts';
import { rethrowConflict } from '../shared/db-errors.ts';
import { invalid } from '../shared/errors.ts';
import { normalizePercent, percentToBasisPoints } from '../workspaces/index.ts';
import { commitments, fiscalYear, splitByShares, tierSummaries } from './commitments.ts';
import { monthlyForecast } from './forecast.ts';
import { type MissingRate, toReporting } from './fx.ts';
import {
  type BudgetRow,
  budgetRow,
  budgetRows,
  committingAgreements,
  deleteBudgetRow,
  forecastPayments,
  insertBudget,
  paidAmounts,
  rateRows,
  tierBudgetShares,
  updateBudgetRow,
  workspaceMoney,
} from './queries.ts';

const sharesOf = (b: BudgetRow): TierShare[] => [
  { tier: 1, sharePct: normalizePercent(b.tier1SharePct) },
  { tier: 2, sharePct: normalizePercent(b.tier2SharePct) },
  { tier: 3, sharePct: normalizePercent(b.tier3SharePct) },
];

function toBudget(b: BudgetRow, startMonth: number): Budget {
  const fy = fiscalYear(b.fiscalYear, startMonth);
  return {
    id: b.id,
    fiscalYear: b.fiscalYear,
    startsOn: fy.startsOn,
    endsOn: fy.endsOn,
    totalMinor: b.totalMinor,
    currency: b.currency,
    tierShares: sharesOf(b),
    marketSplit:
      b.marketSplit?.map((m) => ({ market: m.market, sharePct: normalizePercent(m.sharePct) })) ?? null,
    notes: b.notes,
    updatedAt: isoRequired(b.updatedAt),
  };
}

/** Tier shares: tiers 1–3 once each, adding up to exactly 100%. Market shares: each market once, 100%. */
function checkShares(
  tiers: TierShare[] | undefined,
  markets: { market: string; sharePct: string }[] | null | undefined,
) {
  if (tiers) {
    const set = new Set(tiers.map((t) => t.tier));
    if (set.size !== 3) throw invalid('tierShares', 'must contain tiers 1, 2 and 3 once each', 'tiers_set');
    if (tiers.reduce((s, t) => s + percentToBasisPoints(t.sharePct), 0) !== 10000)
      throw invalid('tierShares', 'must add up to 100%', 'shares_total');
  }
  if (markets?.length) {
    if (new Set(markets.map((m) => m.market)).size !== markets.length)
      throw invalid('marketSplit', 'lists a market twice', 'duplicate');
    if (markets.reduce((s, m) => s + percentToBasisPoints(m.sharePct), 0) !== 10000)
      throw invalid('marketSplit', 'must add up to 100%', 'shares_total');
  }
}

const shareColumns = (tiers: TierShare[]) => {
  const by = new Map(tiers.map((t) => [t.tier, t.sharePct]));
  return { tier1SharePct: by.get(1)!, tier2SharePct: by.get(2)!, tier3SharePct: by.get(3)! };
};

export async function listBudgets({ db, actor }: ActorCtx): Promise<Budget[]> {
  const w = await workspaceMoney(db, actor.workspaceId);
  const rows = await budgetRows(db, actor.workspaceId);
  return rows.map((b) => toBudget(b, w.startMonth));
}

export async function getBudget({ db, actor }: ActorCtx, year: number): Promise<Budget> {
  const w = await workspaceMoney(db, actor.workspaceId);
  return toBudget(await budgetRow(db, actor.workspaceId, year), w.startMonth);
}

export async function createBudget(ctx: ActorCtx, input: CreateBudgetRequest): Promise<Budget> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  const d = createBudgetRequest.parse(input);
  const w = await workspaceMoney(db, actor.workspaceId);
  let tiers = d.tierShares;
  if (!tiers) {
    const policies = await tierBudgetShares(db, actor.workspaceId);
    tiers = [1, 2, 3].map((tier) => ({
      tier,
      sharePct: normalizePercent(
        policies.find((p) => p.tier === tier)?.sharePct ?? (tier === 3 ? '20' : '40'),
      ),
    }));
  }
  checkShares(tiers, d.marketSplit);
  const now = clock.now();
  try {
    const row = await db.transaction(async (tx) => {
      const b = await insertBudget(tx, {
        workspaceId: actor.workspaceId,
        fiscalYear: d.fiscalYear,
        totalMinor: d.totalMinor,
        currency: w.currency,
        ...shareColumns(tiers),
        marketSplit: d.marketSplit?.length ? d.marketSplit : null,
        notes: d.notes ?? null,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      });
      await recordAudit(
        tx,
        actor,
        {
          action: 'budget.created',
          entityType: 'budget',
          entityId: b!.id,
          changes: {
            fiscalYear: d.fiscalYear,
            totalMinor: d.totalMinor,
            currency: w.currency,
            tierShares: tiers,
          },
        },
        now,
      );
      return b!;
    });
    return toBudget(row, w.startMonth);
  } catch (err) {
    rethrowConflict(err, `There is already a budget for fiscal year ${d.fiscalYear}`);
  }
}

export async function updateBudget(ctx: ActorCtx, year: number, patch: UpdateBudgetRequest): Promise<Budget> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  const d = updateBudgetRequest.parse(patch);
  const w = await workspaceMoney(db, actor.workspaceId);
  await budgetRow(db, actor.workspaceId, year);
  checkShares(d.tierShares, d.marketSplit);
  const now = clock.now();
  const set: Partial<BudgetRow> = { updatedAt: now };
  if (d.totalMinor !== undefined) set.totalMinor = d.totalMinor;
  if (d.tierShares) Object.assign(set, shareColumns(d.tierShares));
  if (d.marketSplit !== undefined) set.marketSplit = d.marketSplit?.length ? d.marketSplit : null;
  if (d.notes !== undefined) set.notes = d.notes;
  const row = await db.transaction(async (tx) => {
    // Read locked, so the audit's "from" values are the ones this change replaced.
    const before = await budgetRow(tx, actor.workspaceId, year, { lock: true });
    const b = await updateBudgetRow(tx, before.id, set);
    const { updatedAt: _, ...changed } = set;
    await recordAudit(
      tx,
      actor,
      {
        action: 'budget.updated',
        entityType: 'budget',
        entityId: before.id,
        changes: diff(before as unknown as Record<string, unknown>, changed),
      },
      now,
    );
    return b!;
  });
  return toBudget(row, w.startMonth);
}

export async function deleteBudget(ctx: ActorCtx, year: number): Promise<void> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  const before = await budgetRow(db, actor.workspaceId, year);
  const now = clock.now();
  await db.transaction(async (tx) => {
    await deleteBudgetRow(tx, before.id);
    await recordAudit(
      tx,
      actor,
      {
        action: 'budget.deleted',
        entityType: 'budget',
        entityId: before.id,
        changes: { fiscalYear: year, totalMinor: before.totalMinor },
      },
      now,
    );
  });
}

/**
 * A budget year's money as the summary and the forecast read it: the budget (404 without one),
 * its fiscal year (by the workspace's start month), the rates into its currency and the commitments.
 */
async function yearCommitments({ db, actor }: ActorCtx, year: number) {
  const w = await workspaceMoney(db, actor.workspaceId);
  const b = await budgetRow(db, actor.workspaceId, year);
  const fy = fiscalYear(year, w.startMonth);
  const rates = await rateRows(db, actor.workspaceId, b.currency);
  const c = commitments(
    fy,
    await committingAgreements(db, actor.workspaceId, { startsOnOrBefore: fy.endsOn }),
    b.currency,
    rates,
  );
  return { b, fy, rates, c };
}

/** Per tier: allocation, committed, reserve, paid, remaining, warnings; per month: committed. */
export async function getBudgetSummary(ctx: ActorCtx, year: number): Promise<BudgetSummary> {
  const { db, clock, actor } = ctx;
  const { b, fy, rates, c } = await yearCommitments(ctx, year);
  const today = toDay(clock.now());
  // Paid: money paid inside the fiscal year, converted at the day it was paid.
  const paid: [number, number, number] = [0, 0, 0];
  const warnings: MissingRate[] = [...c.warnings];
  for (const p of await paidAmounts(db, actor.workspaceId, fy.startsOn, fy.endsOn)) {
    if (!p.on || !p.amountMinor) continue;
    const r = toReporting({ amountMinor: p.amountMinor, currency: p.currency, on: p.on }, b.currency, rates);
    if (r.ok) paid[(Math.min(Math.max(p.tier, 1), 3) - 1) as 0 | 1 | 2] += r.amountMinor;
    else if (!warnings.some((w) => w.currency === p.currency && w.on === p.on)) warnings.push(r.warning);
  }
  const shares = sharesOf(b);
  const tiers = tierSummaries({
    fy,
    today,
    totalMinor: b.totalMinor,
    sharesPct: [shares[0]!.sharePct, shares[1]!.sharePct, shares[2]!.sharePct],
    sharesBp: [
      percentToBasisPoints(b.tier1SharePct),
      percentToBasisPoints(b.tier2SharePct),
      percentToBasisPoints(b.tier3SharePct),
    ],
    committed: c.byTier,
    paid,
    currency: b.currency,
  });
  const committedMinor = c.byTier[0] + c.byTier[1] + c.byTier[2];
  const marketParts = b.marketSplit
    ? splitByShares(
        b.totalMinor,
        b.marketSplit.map((m) => percentToBasisPoints(m.sharePct)),
      )
    : null;
  return {
    fiscalYear: year,
    startsOn: fy.startsOn,
    endsOn: fy.endsOn,
    asOf: today,
    currency: b.currency,
    totalMinor: b.totalMinor,
    committedMinor,
    remainingMinor: b.totalMinor - committedMinor,
    tiers,
    months: fy.months.map((month, i) => ({ month, committedMinor: c.byMonth[i]! })),
    markets:
      b.marketSplit && marketParts
        ? b.marketSplit.map((m, i) => ({
            market: m.market,
            sharePct: normalizePercent(m.sharePct),
            allocationMinor: marketParts[i]!,
          }))
        : null,
    warnings: warnings.map((x) => ({ code: x.code, message: x.message, currency: x.currency, on: x.on })),
  };
}

/** Per fiscal month: committed, scheduled (payments due) and paid (by the day paid), converted. */
export async function getBudgetForecast(ctx: ActorCtx, year: number): Promise<BudgetForecast> {
  const { db, actor } = ctx;
  const { b, fy, rates, c } = await yearCommitments(ctx, year);
  const f = monthlyForecast({
    fy,
    committedByMonth: c.byMonth,
    commitmentWarnings: c.warnings,
    payments: await forecastPayments(db, actor.workspaceId, fy.startsOn, fy.endsOn),
    reporting: b.currency,
    rates,
  });
  return {
    fiscalYear: year,
    startsOn: fy.startsOn,
    endsOn: fy.endsOn,
    currency: b.currency,
    months: f.months,
    totals: f.totals,
    warnings: f.warnings.map((x) => ({ code: x.code, message: x.message, currency: x.currency, on: x.on })),
  };
}
