import { minorDigits } from '@evergreen/contracts';

/**
 * Currency conversion, as plain functions of plain data (docs/budgets.md).
 *
 * A rate says: 1 unit of `currency` is worth `rate` units of the reporting currency. Rates are
 * exact decimals with up to 10 places, held here as BigInt "rate × 10^10"; amounts are integer
 * minor units. An amount in A dated D converts at the latest rate for A on or before D:
 *
 *   result_minor = amount_minor × rate × 10^digits(reporting) / 10^digits(A)
 *
 * computed exactly, then rounded once to the reporting currency's minor unit, half to even
 * (banker's rounding: 0.5 → 0, 1.5 → 2, 2.5 → 2), so rounding does not drift one way over
 * many lines. A missing rate is never a silent 1.0: the result says so.
 */

export const RATE_SCALE = 10;
const SCALE = 10n ** BigInt(RATE_SCALE);
const RATE_RE = /^\d{1,10}(\.\d{1,10})?$/;

/** "1.085" → 10850000000n (rate × 10^10). Throws on anything that is not a plain decimal. */
export function parseRate(rate: string): bigint {
  if (!RATE_RE.test(rate)) throw new Error(`Not a rate: ${rate}`);
  const [whole = '0', frac = ''] = rate.split('.');
  return BigInt(whole) * SCALE + BigInt(frac.padEnd(RATE_SCALE, '0'));
}

/** 10850000000n → "1.085"; Postgres' "1.0850000000" → "1.085". */
export function formatRate(scaled: bigint): string {
  const whole = scaled / SCALE;
  const frac = (scaled % SCALE).toString().padStart(RATE_SCALE, '0').replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : `${whole}`;
}
export const normalizeRate = (rate: string): string => formatRate(parseRate(rate));

/** n / d rounded half to even; d > 0. */
export function divHalfEven(n: bigint, d: bigint): bigint {
  if (d <= 0n) throw new Error('divisor must be positive');
  const neg = n < 0n;
  const a = neg ? -n : n;
  let q = a / d;
  const r2 = (a % d) * 2n;
  if (r2 > d || (r2 === d && q % 2n === 1n)) q += 1n;
  return neg ? -q : q;
}

/** Converts minor units of `from` to minor units of `to` at `rate` (units of `to` per 1 `from`). */
export function convertMinor(amountMinor: number, from: string, to: string, rate: string): number {
  if (from === to) return amountMinor;
  const n = BigInt(amountMinor) * parseRate(rate) * 10n ** BigInt(minorDigits(to));
  const d = 10n ** BigInt(minorDigits(from)) * SCALE;
  return Number(divHalfEven(n, d));
}

export interface RateRow {
  currency: string;
  reportingCurrency: string;
  onDate: string;
  rate: string;
}

/** The latest rate for `currency` → `reporting` on or before `on`, or null. */
export function rateOn(
  rates: readonly RateRow[],
  currency: string,
  reporting: string,
  on: string,
): RateRow | null {
  let best: RateRow | null = null;
  for (const r of rates) {
    if (r.currency !== currency || r.reportingCurrency !== reporting || r.onDate > on) continue;
    if (!best || r.onDate > best.onDate) best = r;
  }
  return best;
}

export interface MissingRate {
  code: 'missing_rate';
  currency: string;
  reportingCurrency: string;
  on: string;
  message: string;
}

export type Conversion =
  | { ok: true; amountMinor: number; rate: string | null; rateOn: string | null }
  | { ok: false; warning: MissingRate };

/** An amount in `currency`, dated `on`, in the reporting currency — or a missing-rate warning. */
export function toReporting(
  amount: { amountMinor: number; currency: string; on: string },
  reporting: string,
  rates: readonly RateRow[],
): Conversion {
  if (amount.currency === reporting)
    return { ok: true, amountMinor: amount.amountMinor, rate: null, rateOn: null };
  const r = rateOn(rates, amount.currency, reporting, amount.on);
  if (!r) {
    return {
      ok: false,
      warning: {
        code: 'missing_rate',
        currency: amount.currency,
        reportingCurrency: reporting,
        on: amount.on,
        message: `No ${amount.currency}→${reporting} rate on or before ${amount.on}`,
      },
    };
  }
  return {
    ok: true,
    amountMinor: convertMinor(amount.amountMinor, amount.currency, reporting, r.rate),
    rate: normalizeRate(r.rate),
    rateOn: r.onDate,
  };
}
