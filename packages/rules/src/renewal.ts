import type { AgreementType, DecisionKind } from '@evergreen/contracts';
import { addDays, daysBetween } from './days.ts';

/**
 * Renewal rules, as plain functions of plain data (docs/agreements.md has the formulas): the
 * server stores and enforces them, the web app shows them before the server confirms.
 *
 * Convention: a term of N months starting on S covers S up to and including the day before
 * S + N months. `termEndsOn` is that last day, inclusive; the next term starts the day after,
 * on S + N months, so consecutive terms tile without a gap or a drift. Adding months clamps to
 * the end of a shorter month: 2026-01-31 + 1 month = 2026-02-28 (2028-02-29 in a leap year).
 */

const parse = (day: string) => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return { y, m, d };
};
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Calendar months later, clamped to the month's last day. */
export function addMonths(day: string, months: number): string {
  const { y, m, d } = parse(day);
  const index = y * 12 + (m - 1) + months;
  const ny = Math.floor(index / 12);
  const nm = (index % 12) + 1;
  return `${pad(ny, 4)}-${pad(nm)}-${pad(Math.min(d, daysInMonth(ny, nm)))}`;
}

/** The last day of a term (inclusive). */
export const termEndsOn = (startsOn: string, termMonths: number): string =>
  addDays(addMonths(startsOn, termMonths), -1);

/** The first day of the next term. */
export const nextTermStartsOn = (startsOn: string, termMonths: number): string =>
  addMonths(startsOn, termMonths);

/**
 * The last day notice can be given so that the agreement ends with its term: notice on D is in
 * force through D + noticeDays, so D + noticeDays ≤ term end.
 */
export const noticeDeadline = (termEnd: string, noticeDays: number): string => addDays(termEnd, -noticeDays);

/** Rates are reviewed 30 days before the notice deadline, so either side can still exit after it. */
export const RATE_REVIEW_LEAD_DAYS = 30;
export const rateReviewOn = (termEnd: string, noticeDays: number): string =>
  addDays(noticeDeadline(termEnd, noticeDays), -RATE_REVIEW_LEAD_DAYS);

/** "Exit with 30 days' notice": the agreement stays in force through notice date + notice days. */
export const effectiveEndOn = (noticeGivenOn: string, noticeDays: number): string =>
  addDays(noticeGivenOn, noticeDays);

/** New partnerships (the first term of an annual agreement or a retainer) decide at month 6. */
export const monthSixOn = (a: {
  type: AgreementType;
  termNumber: number;
  startsOn: string;
}): string | null =>
  a.termNumber === 1 && (a.type === 'annual' || a.type === 'retainer') ? addMonths(a.startsOn, 6) : null;

export interface TermFacts {
  type: AgreementType;
  startsOn: string;
  termMonths: number;
  termNumber: number;
  noticeDays: number;
  autoRenew: boolean;
  noticeGivenOn: string | null;
}

export interface AgreementDates {
  termEndsOn: string;
  noticeDeadline: string;
  rateReviewOn: string;
  monthSixOn: string | null;
  effectiveEndOn: string | null;
  renewsOn: string | null;
}

export function agreementDates(a: TermFacts): AgreementDates {
  const end = termEndsOn(a.startsOn, a.termMonths);
  return {
    termEndsOn: end,
    noticeDeadline: noticeDeadline(end, a.noticeDays),
    rateReviewOn: rateReviewOn(end, a.noticeDays),
    monthSixOn: monthSixOn(a),
    effectiveEndOn: a.noticeGivenOn ? effectiveEndOn(a.noticeGivenOn, a.noticeDays) : null,
    renewsOn: a.autoRenew && !a.noticeGivenOn ? nextTermStartsOn(a.startsOn, a.termMonths) : null,
  };
}

/**
 * Percent as an exact string ("10", "7.5", "10.00") → hundredths of a percent (1000, 750); null
 * when it is not a percentage ("7,5", "").
 */
export function readPercentHundredths(pct: string): number | null {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(pct.trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** As readPercentHundredths, for a percentage already checked: throws when it is not one. */
export function percentHundredths(pct: string): number {
  const hundredths = readPercentHundredths(pct);
  if (hundredths === null) throw new Error(`Not a percentage: ${pct}`);
  return hundredths;
}

/**
 * The values a reviewed amount may take: current ± pct, in whole units, never past the bound
 * (the allowed change is rounded down). Exact in integers: 10% of 350000 → [315000, 385000].
 */
export function allowedRange(current: number, pct: string): { min: number; max: number } {
  const delta = (BigInt(current) * BigInt(percentHundredths(pct))) / 10000n;
  return { min: current - Number(delta), max: current + Number(delta) };
}

export const withinBound = (current: number, proposed: number, pct: string): boolean => {
  const { min, max } = allowedRange(current, pct);
  return proposed >= min && proposed <= max;
};

/**
 * The ±% helper of a rate review: `current` changed by `byPct` percent (rounded to a whole minor
 * unit, half away from zero), kept inside the allowed range of allowedRange.
 */
export function adjustWithinBound(current: number, pct: string, byPct: number): number {
  const { min, max } = allowedRange(current, pct);
  const raw = current + (current * byPct) / 100;
  const rounded = Math.sign(raw) * Math.round(Math.abs(raw));
  return Math.min(max, Math.max(min, rounded));
}

export interface DecisionFacts extends TermFacts {
  status: string;
  extendDecision: string | null;
  hasNextTerm: boolean;
}

export interface Decision {
  kind: DecisionKind;
  date: string;
  daysLeft: number;
  pastDue: boolean;
}

/**
 * The decisions still open on an agreement, each with its date. Only agreements accepted or in
 * force have them; renewing settles all of them, notice settles all but nothing (the end is
 * then decided), an extend-or-move-on answer settles month six.
 */
export function openDecisions(a: DecisionFacts, today: string): Decision[] {
  if (a.status !== 'accepted' && a.status !== 'active') return [];
  if (a.hasNextTerm) return [];
  const d = agreementDates(a);
  const out: { kind: DecisionKind; date: string }[] = [];
  if (d.monthSixOn && !a.extendDecision) out.push({ kind: 'month_six', date: d.monthSixOn });
  // Rate review and notice belong to standing partnerships; a project simply ends with its term.
  if (a.type === 'annual' || a.type === 'retainer' || a.autoRenew) {
    out.push({ kind: 'rate_review', date: d.rateReviewOn });
    out.push({ kind: 'notice_deadline', date: d.noticeDeadline });
  }
  out.push({ kind: 'term_end', date: d.termEndsOn });
  return out.map((x) => ({ ...x, daysLeft: daysBetween(today, x.date), pastDue: x.date < today }));
}
