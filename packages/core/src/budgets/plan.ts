import type { BudgetPlan } from '@evergreen/contracts';
import type { ActorCtx } from '../shared/context.ts';
import {
  COMMITTING_STATUSES,
  type CommitmentAgreement,
  type FiscalYear,
  fiscalYear,
  lastDayInForce,
} from './commitments.ts';
import { type MissingRate, type RateRow, toReporting } from './fx.ts';
import { budgetRow, committingAgreements, rateRows, workspaceMoney } from './queries.ts';

/**
 * Plan for next year (docs/budgets.md), as a pure rule: the agreements that will still be in
 * force on the next fiscal year's first day, or auto-renew into it, at their current rates (a
 * renewed term's reviewed rates replace the term before), as full-year lines per tier grouped by
 * (type, currency, rate, times a year): annual = collaborations per year × first rate, retainer =
 * 12 months × monthly fee. Projects and one-offs are one-time and not planned.
 */

export interface PlanAgreement extends CommitmentAgreement {
  autoRenew: boolean;
  previousAgreementId: string | null;
}

export interface PlanLine {
  type: 'annual' | 'retainer';
  creators: number;
  timesPerYear: number;
  rateMinor: number;
  currency: string;
  /** creators' agreements × times × rate, in `currency`. */
  totalMinor: number;
  /** In the reporting currency at the latest rate on or before the next year's first day; null if none. */
  reportingMinor: number | null;
}

export interface PlanTier {
  tier: number;
  lines: PlanLine[];
  /** Converted lines only (lines without a rate are left out and named in warnings). */
  totalMinor: number;
}

export interface Plan {
  fiscalYear: number;
  startsOn: string;
  endsOn: string;
  currency: string;
  tiers: PlanTier[];
  totalMinor: number;
  warnings: MissingRate[];
}

/** Does this term carry into the next fiscal year (in force on its first day, or auto-renewing)? */
export function carriesInto(a: PlanAgreement, next: FiscalYear): boolean {
  if (!COMMITTING_STATUSES.includes(a.status)) return false;
  if (lastDayInForce(a) >= next.startsOn) return true;
  return a.autoRenew && a.status !== 'ended' && !a.noticeGivenOn && !a.endedOn;
}

export function planNextYear(
  next: FiscalYear,
  all: readonly PlanAgreement[],
  reporting: string,
  rates: readonly RateRow[],
): Plan {
  // A term renewed by a committing next term is replaced by it (with its reviewed rates).
  const renewed = new Set(
    all
      .filter((a) => COMMITTING_STATUSES.includes(a.status) && a.previousAgreementId)
      .map((a) => a.previousAgreementId),
  );
  const groups = new Map<
    string,
    { tier: number; line: Omit<PlanLine, 'reportingMinor'>; creators: Set<string> }
  >();
  for (const a of all) {
    if (renewed.has(a.id) || !carriesInto(a, next)) continue;
    let times: number;
    let rate: number;
    if (a.type === 'annual') {
      times = a.collaborationsPerYear ?? 0;
      rate = a.rates[0]?.amountMinor ?? 0;
    } else if (a.type === 'retainer') {
      times = 12;
      rate = a.monthlyFeeMinor ?? 0;
    } else continue;
    if (!times || !rate) continue;
    const tier = Math.min(Math.max(a.tier, 1), 3);
    const key = `${tier}|${a.type}|${a.currency}|${rate}|${times}`;
    const g = groups.get(key) ?? {
      tier,
      line: {
        type: a.type,
        creators: 0,
        timesPerYear: times,
        rateMinor: rate,
        currency: a.currency,
        totalMinor: 0,
      },
      creators: new Set<string>(),
    };
    g.creators.add(a.creatorId);
    g.line.totalMinor += times * rate;
    groups.set(key, g);
  }
  const warnings: MissingRate[] = [];
  const tiers: PlanTier[] = [1, 2, 3].map((tier) => ({ tier, lines: [], totalMinor: 0 }));
  const sorted = [...groups.values()].sort(
    (x, y) =>
      x.tier - y.tier ||
      x.line.type.localeCompare(y.line.type) ||
      x.line.currency.localeCompare(y.line.currency) ||
      y.line.rateMinor - x.line.rateMinor ||
      y.line.timesPerYear - x.line.timesPerYear,
  );
  for (const g of sorted) {
    const c = toReporting(
      { amountMinor: g.line.totalMinor, currency: g.line.currency, on: next.startsOn },
      reporting,
      rates,
    );
    const t = tiers[g.tier - 1]!;
    if (c.ok) t.totalMinor += c.amountMinor;
    else if (!warnings.some((w) => w.currency === c.warning.currency)) warnings.push(c.warning);
    t.lines.push({ ...g.line, creators: g.creators.size, reportingMinor: c.ok ? c.amountMinor : null });
  }
  return {
    fiscalYear: next.year,
    startsOn: next.startsOn,
    endsOn: next.endsOn,
    currency: reporting,
    tiers,
    totalMinor: tiers.reduce((s, t) => s + t.totalMinor, 0),
    warnings,
  };
}

/** GET budgets/:year/plan: the plan for fiscal year `year + 1` from year `year`'s agreements (its budget must exist). */
export async function getBudgetPlan({ db, actor }: ActorCtx, year: number): Promise<BudgetPlan> {
  const w = await workspaceMoney(db, actor.workspaceId);
  // Like the other routes of a budget year: the year's budget must exist.
  await budgetRow(db, actor.workspaceId, year);
  const next = fiscalYear(year + 1, w.startMonth);
  const all = await committingAgreements(db, actor.workspaceId, { types: ['annual', 'retainer'] });
  const plan = planNextYear(next, all, w.currency, await rateRows(db, actor.workspaceId, w.currency));
  return {
    ...plan,
    basedOnYear: year,
    warnings: plan.warnings.map((x) => ({
      code: x.code,
      message: x.message,
      currency: x.currency,
      on: x.on,
    })),
  };
}
