import { minorDigits } from '@evergreen/contracts';

/**
 * Money is integer minor units plus a currency code; how many digits a currency has after the
 * point is ISO 4217's, from the one table in @evergreen/contracts (minorDigits). Conversions work
 * on the digits as text: no float ever touches an amount.
 */

/** The largest amount the API accepts, in minor units. */
export const MAX_AMOUNT_MINOR = 1_000_000_000_000;

/** 350050 with 2 digits → "3500.50": the exact decimal, with a dot and no grouping. */
export function minorToDecimal(minor: number, digits: number): string {
  const negative = minor < 0;
  const s = String(Math.abs(Math.trunc(minor))).padStart(digits + 1, '0');
  const int = digits > 0 ? s.slice(0, -digits) : s;
  const frac = digits > 0 ? s.slice(-digits) : '';
  return `${negative ? '-' : ''}${int}${frac ? `.${frac}` : ''}`;
}

/** 150000 USD → "1500.00"; 120000 JPY → "120000": major units with a ".", no grouping (CSV files). */
export const formatAmount = (amountMinor: number, currency: string): string =>
  minorToDecimal(amountMinor, minorDigits(currency));
