import type { AgreementStatus, AgreementType } from '@evergreen/contracts';
import { addMonths, effectiveEndOn, termEndsOn } from '../agreements/index.ts';
import { addDays, daysBetween } from '../shared/dates.ts';
import { divHalfEven, type MissingRate, type RateRow, toReporting } from './fx.ts';

/**
 * Budget rules, as plain functions of plain data (docs/budgets.md has the formulas).
 *
 * Fiscal year Y with start month M runs from Y-M-01 through the day before (Y+1)-M-01.
 * A term month k of an agreement starting on S runs from S + k months (renewal.ts' convention);
 * it is committed in the fiscal month its first day falls in.
 */

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export interface FiscalYear {
  year: number;
  startMonth: number;
  /** First day, inclusive. */
  startsOn: string;
  /** Last day, inclusive. */
  endsOn: string;
  /** Its twelve months, 'YYYY-MM', in order. */
  months: string[];
  days: number;
}

export function fiscalYear(year: number, startMonth: number): FiscalYear {
  const startsOn = `${pad(year, 4)}-${pad(startMonth)}-01`;
  const next = addMonths(startsOn, 12);
  const months = Array.from({ length: 12 }, (_, i) => addMonths(startsOn, i).slice(0, 7));
  return { year, startMonth, startsOn, endsOn: addDays(next, -1), months, days: daysBetween(startsOn, next) };
}

/** The fiscal year (by the year it starts in) that contains `day`. */
export function fiscalYearOf(day: string, startMonth: number): number {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  return m >= startMonth ? y : y - 1;
}

/** Days of the fiscal year before `today` (0 on its first day, all of them after its last). */
export function elapsedDays(fy: FiscalYear, today: string): number {
  if (today <= fy.startsOn) return 0;
  if (today > fy.endsOn) return fy.days;
  return daysBetween(fy.startsOn, today);
}

/** allocation × elapsed / days, half to even: the share of a tier's money the year has used up so far. */
export const proRataReserve = (allocationMinor: number, fy: FiscalYear, today: string): number =>
  Number(divHalfEven(BigInt(allocationMinor) * BigInt(elapsedDays(fy, today)), BigInt(fy.days)));

/**
 * Splits a total by shares in basis points (hundredths of a percent, summing to 10000): each
 * part rounded down, then the leftover minor units go one each to the largest remainders
 * (earlier tier first on a tie), so the parts add up to the total exactly.
 */
export function splitByShares(totalMinor: number, sharesBp: readonly number[]): number[] {
  const total = BigInt(totalMinor);
  const exact = sharesBp.map((bp) => total * BigInt(bp));
  const parts = exact.map((e) => e / 10000n);
  let left = total - parts.reduce((s, p) => s + p, 0n);
  const order = exact
    .map((e, i) => ({ i, r: e % 10000n }))
    .sort((a, b) => (b.r > a.r ? 1 : b.r < a.r ? -1 : a.i - b.i));
  for (const { i } of order) {
    if (left <= 0n) break;
    parts[i] = parts[i]! + 1n;
    left -= 1n;
  }
  return parts.map(Number);
}

export interface CommitmentAgreement {
  id: string;
  creatorId: string;
  /** The creator's tier now: an agreement's money counts against its creator's current tier. */
  tier: number;
  type: AgreementType;
  status: AgreementStatus;
  startsOn: string;
  termMonths: number;
  collaborationsPerYear: number | null;
  monthlyFeeMinor: number | null;
  feeMinor: number | null;
  currency: string;
  /** Rates by deliverable type, in the order given (the first one prices an annual agreement). */
  rates: { deliverableType: string; amountMinor: number }[];
  noticeGivenOn: string | null;
  noticeDays: number;
  endedOn: string | null;
}

/** Agreements that commit money: accepted or later. Drafts and sent offers do not. */
export const COMMITTING_STATUSES: readonly AgreementStatus[] = [
  'accepted',
  'active',
  'notice_given',
  'ended',
];

/** The last day an agreement is in force: its term end, or earlier if it was ended or notice given. */
export function lastDayInForce(a: CommitmentAgreement): string {
  let end = termEndsOn(a.startsOn, a.termMonths);
  if (a.noticeGivenOn) {
    const eff = effectiveEndOn(a.noticeGivenOn, a.noticeDays);
    if (eff < end) end = eff;
  }
  if (a.endedOn && a.endedOn < end) end = a.endedOn;
  return end;
}

/** The annual amount of an annual agreement: collaborations per year × its first rate. */
export function annualAmountMinor(a: CommitmentAgreement): number {
  const rate = a.rates[0]?.amountMinor ?? 0;
  return (a.collaborationsPerYear ?? 0) * rate;
}

export interface CommitmentLine {
  agreementId: string;
  creatorId: string;
  tier: number;
  /** 'YYYY-MM' of the fiscal year. */
  month: string;
  /** The day the money is dated (and converted) at. */
  on: string;
  amountMinor: number;
  currency: string;
  /** In the reporting currency; null when no rate was found (see warnings). */
  reportingMinor: number | null;
}

/** Money an agreement commits, in its own currency, by day: before filtering to a fiscal year. */
export function agreementSchedule(a: CommitmentAgreement): { on: string; amountMinor: number }[] {
  if (a.type === 'project' || a.type === 'one_off') {
    return a.feeMinor ? [{ on: a.startsOn, amountMinor: a.feeMinor }] : [];
  }
  const last = lastDayInForce(a);
  const out: { on: string; amountMinor: number }[] = [];
  const annual = BigInt(annualAmountMinor(a));
  for (let k = 0; k < a.termMonths; k++) {
    const on = addMonths(a.startsOn, k);
    if (on > last) break;
    let amount: number;
    if (a.type === 'retainer') amount = a.monthlyFeeMinor ?? 0;
    else {
      // One twelfth per term month, the remainder spread so every 12 months add up exactly.
      const j = BigInt(k % 12);
      amount = Number((annual * (j + 1n)) / 12n - (annual * j) / 12n);
    }
    if (amount) out.push({ on, amountMinor: amount });
  }
  return out;
}

export interface Commitments {
  lines: CommitmentLine[];
  /** Committed in the reporting currency, by tier (index 0 = tier 1). */
  byTier: [number, number, number];
  /** Committed in the reporting currency, by fiscal month (same order as fy.months). */
  byMonth: number[];
  warnings: MissingRate[];
}

/** What accepted agreements commit inside a fiscal year, converted to the reporting currency. */
export function commitments(
  fy: FiscalYear,
  agreements: readonly CommitmentAgreement[],
  reporting: string,
  rates: readonly RateRow[],
): Commitments {
  const lines: CommitmentLine[] = [];
  const byTier: [number, number, number] = [0, 0, 0];
  const byMonth = fy.months.map(() => 0);
  const warnings: MissingRate[] = [];
  const warned = new Set<string>();
  for (const a of agreements) {
    if (!COMMITTING_STATUSES.includes(a.status)) continue;
    for (const s of agreementSchedule(a)) {
      if (s.on < fy.startsOn || s.on > fy.endsOn) continue;
      const month = s.on.slice(0, 7);
      const c = toReporting({ amountMinor: s.amountMinor, currency: a.currency, on: s.on }, reporting, rates);
      const reportingMinor = c.ok ? c.amountMinor : null;
      if (!c.ok) {
        const key = `${c.warning.currency}|${c.warning.on}`;
        if (!warned.has(key)) warnings.push(c.warning);
        warned.add(key);
      } else {
        const ti = (Math.min(Math.max(a.tier, 1), 3) - 1) as 0 | 1 | 2;
        byTier[ti] += c.amountMinor;
        const mi = fy.months.indexOf(month);
        byMonth[mi] = (byMonth[mi] ?? 0) + c.amountMinor;
      }
      lines.push({
        agreementId: a.id,
        creatorId: a.creatorId,
        tier: a.tier,
        month,
        on: s.on,
        amountMinor: s.amountMinor,
        currency: a.currency,
        reportingMinor,
      });
    }
  }
  return { lines, byTier, byMonth, warnings };
}

export interface TierSummary {
  tier: number;
  sharePct: string;
  allocationMinor: number;
  committedMinor: number;
  /** Tiers 2 and 3: allocation × elapsed share of the year. Tier 1 is planned up front: null. */
  reserveMinor: number | null;
  paidMinor: number;
  remainingMinor: number;
  warnings: { code: 'over_allocation' | 'ahead_of_reserve'; message: string }[];
}

/** Per tier: allocation, committed, pro-rata reserve, paid, remaining, and what is off. */
export function tierSummaries(input: {
  fy: FiscalYear;
  today: string;
  totalMinor: number;
  sharesPct: readonly [string, string, string];
  sharesBp: readonly [number, number, number];
  committed: readonly [number, number, number];
  paid?: readonly [number, number, number];
  currency: string;
}): TierSummary[] {
  const alloc = splitByShares(input.totalMinor, input.sharesBp);
  return [0, 1, 2].map((i) => {
    const allocationMinor = alloc[i]!;
    const committedMinor = input.committed[i]!;
    const reserveMinor = i === 0 ? null : proRataReserve(allocationMinor, input.fy, input.today);
    const warnings: TierSummary['warnings'] = [];
    if (committedMinor > allocationMinor) {
      warnings.push({
        code: 'over_allocation',
        message: `Tier ${i + 1} commitments exceed its allocation by ${committedMinor - allocationMinor} minor units of ${input.currency}`,
      });
    } else if (reserveMinor != null && committedMinor > reserveMinor && input.today <= input.fy.endsOn) {
      warnings.push({
        code: 'ahead_of_reserve',
        message: `Tier ${i + 1} has committed more than its pro-rata reserve to date`,
      });
    }
    return {
      tier: i + 1,
      sharePct: input.sharesPct[i]!,
      allocationMinor,
      committedMinor,
      reserveMinor,
      paidMinor: input.paid?.[i] ?? 0,
      remainingMinor: allocationMinor - committedMinor,
      warnings,
    };
  });
}
