import { minorDigits } from '@evergreen/contracts';
import { type DecimalStyle, MAX_MINOR, readNumber } from './values.ts';

/**
 * Money as the CSV files and exports write it (docs/csv.md): integer minor units in, "1500.00 USD"
 * out. Used by the roster's creators CSV, the budgets' payments export and the reports' CSV.
 */

/** Digits after the point come from the one ISO 4217 table (@evergreen/contracts). */
export { minorDigits };

export type MoneyResult =
  | { ok: true; amountMinor: number; currency: string }
  | { ok: false; message: string; code: string };

export const MONEY_FORMAT =
  'must be an amount and a currency code, like "1500.00 USD", "120000 RUB" or "1 500,00 RUB"';

/**
 * "1500.00 USD", "1500 usd", "1 500,00 RUB", "USD 1,500.00", "5000 JPY": an amount as the
 * shared reader reads numbers (shared/values.ts; `style` is the column's decimal mark when
 * known) and a three-letter code. Converted to integer minor units by moving the point, never
 * through floating point; more decimals than the currency has is an error, never a rounding.
 */
export function parseMoney(text: string, style: DecimalStyle | null = null): MoneyResult {
  const n = readNumber(text, style);
  if (!n.ok)
    return n.code === 'ambiguous_number' ? n : { ok: false, code: 'invalid_money', message: MONEY_FORMAT };
  if (!n.currency || !/^[A-Z]{3}$/.test(n.currency) || n.value.startsWith('-'))
    return { ok: false, code: 'invalid_money', message: MONEY_FORMAT };
  const currency = n.currency;
  const digits = minorDigits(currency);
  const [whole = '', fraction = ''] = n.value.split('.');
  if (fraction.length > digits) {
    return {
      ok: false,
      code: 'invalid_money',
      message:
        digits === 0
          ? `${currency} has no decimal places: write a whole amount`
          : `${currency} has ${digits} decimal places; "${whole}.${fraction}" has ${fraction.length}`,
    };
  }
  const minor = BigInt(whole + fraction.padEnd(digits, '0'));
  if (minor > BigInt(MAX_MINOR)) return { ok: false, code: 'too_big', message: 'is too large' };
  return { ok: true, amountMinor: Number(minor), currency };
}

/** 150000 USD → "1500.00"; 120000 JPY → "120000": major units with a ".", no grouping. */
export function formatAmount(amountMinor: number, currency: string): string {
  const digits = minorDigits(currency);
  if (!digits) return `${amountMinor}`;
  const sign = amountMinor < 0 ? '-' : '';
  const s = String(Math.abs(amountMinor)).padStart(digits + 1, '0');
  return `${sign}${s.slice(0, -digits)}.${s.slice(-digits)}`;
}

/** 150000 USD → "1500.00 USD"; 120000 JPY → "120000 JPY". */
export function formatMoney(amountMinor: number, currency: string): string {
  return `${formatAmount(amountMinor, currency)} ${currency}`;
}

/** Σ of decimal texts, exactly (as integers of the longest scale). */
export function sumDecimals(values: string[]): string {
  const scale = Math.max(0, ...values.map((v) => (v.split('.')[1] ?? '').length));
  const total = values.reduce((s, v) => {
    const [w, f = ''] = v.split('.');
    return s + BigInt(w! + f.padEnd(scale, '0'));
  }, 0n);
  const t = total.toString().padStart(scale + 1, '0');
  return scale ? `${t.slice(0, -scale)}.${t.slice(-scale)}` : t;
}

/** Compares decimal texts exactly: -1, 0 or 1. */
export const cmpDecimal = (a: string, b: string): number => {
  const scale = Math.max((a.split('.')[1] ?? '').length, (b.split('.')[1] ?? '').length);
  const big = (v: string) => {
    const [w, f = ''] = v.split('.');
    return BigInt(w! + f.padEnd(scale, '0'));
  };
  const d = big(a) - big(b);
  return d === 0n ? 0 : d > 0n ? 1 : -1;
};
