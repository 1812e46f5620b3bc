import { minorDigits } from '@evergreen/contracts';
import { MAX_AMOUNT_MINOR, minorToDecimal } from '@evergreen/rules';
import { intlLocale } from './i18n/format.ts';

/**
 * Money is integer minor units plus a currency code. People type major units ("3,500.50"), so
 * the conversion is done on the digits as text: no float ever touches an amount, and 0.29 is
 * 29 cents, not 28.999….
 */

/**
 * Digits after the decimal point for a currency, from the one ISO 4217 table the server's
 * parsing, conversion and SQL also read (@evergreen/contracts): USD 2, JPY 0, XOF 0, KWD 3, HUF 2.
 * Not Intl's: it shows HUF, IDR, COP and IQD with fewer decimals than ISO's minor units.
 */
export const currencyDigits = (currency: string): number => minorDigits(currency);

export type AmountError = 'empty' | 'format' | 'decimals' | 'too_big';
export type ParsedAmount = { ok: true; minor: number } | { ok: false; error: AmountError };

/**
 * "3,500.50" (English) or "3 500,50" (Russian) → 350050 for a 2-digit currency. In English a
 * comma groups thousands and a dot starts decimals; in Russian spaces group thousands and a
 * comma or a dot starts decimals. Anything ambiguous is refused rather than guessed.
 */
export function parseAmount(input: string, digits: number, lng: string): ParsedAmount {
  let s = input.replace(/[\s\u00a0\u202f'_]/g, '');
  if (s === '') return { ok: false, error: 'empty' };
  if (lng === 'ru') {
    if ((s.match(/[.,]/g) ?? []).length > 1) return { ok: false, error: 'format' };
    s = s.replace(',', '.');
  } else if (s.includes(',')) {
    if (!/^\d{1,3}(,\d{3})+(\.\d*)?$/.test(s)) return { ok: false, error: 'format' };
    s = s.replaceAll(',', '');
  }
  const match = /^(\d*)(?:\.(\d*))?$/.exec(s);
  if (!match || (match[1] === '' && (match[2] ?? '') === '')) return { ok: false, error: 'format' };
  let frac = match[2] ?? '';
  if (frac.length > digits) {
    // Extra zeros are harmless ("12.500" dollars); extra digits would be lost cents.
    if (!/^0*$/.test(frac.slice(digits))) return { ok: false, error: 'decimals' };
    frac = frac.slice(0, digits);
  }
  const minor = `${match[1]}${frac.padEnd(digits, '0')}`.replace(/^0+(?=\d)/, '') || '0';
  const max = String(MAX_AMOUNT_MINOR);
  if (minor.length > max.length || (minor.length === max.length && minor > max)) {
    return { ok: false, error: 'too_big' };
  }
  return { ok: true, minor: Number(minor) };
}

/** An amount as it goes back into an input: "3500" or "3500.50" ("3500,50" in Russian). */
export function minorToInput(minor: number, digits: number, lng: string): string {
  const decimal = minorToDecimal(minor, digits);
  const [int, frac = ''] = decimal.split('.');
  if (!frac || /^0+$/.test(frac)) return int ?? '0';
  return `${int}${lng === 'ru' ? ',' : '.'}${frac}`;
}

/** "$3,500.50", "3 500,50 $": the amount in the user's locale and the amount's own currency. */
export function formatMoney(minor: number, currency: string, lng: string): string {
  const digits = currencyDigits(currency);
  const decimal = minorToDecimal(minor, digits) as Intl.StringNumericLiteral;
  try {
    return new Intl.NumberFormat(intlLocale(lng), {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(decimal);
  } catch {
    return `${decimal} ${currency}`;
  }
}
