import currencyCodes from 'currency-codes';

/**
 * ISO 4217 minor units: how many digits a currency has after the decimal point (USD 2, JPY 0,
 * XOF 0, KWD 3, CLF 4). The one table every part reads: the server's parsing and conversion, the
 * SQL function `currency_minor_digits` (migration 0011, checked against this table for every
 * code by packages/core/src/performance/currency.db.test.ts) and the web's money formatting.
 *
 * The data is the `currency-codes` package's copy of ISO's list one (its publish date is
 * `iso4217PublishDate`); currency.test.ts checks it against the XML list the package ships.
 * Codes ISO gives no minor unit ("N.A.": gold, SDR, test and "no currency" codes) count as 0.
 * A code ISO does not list counts as 2, the most common minor unit.
 */
export const iso4217Digits: Readonly<Record<string, number>> = Object.freeze(
  Object.fromEntries(currencyCodes.data.map((c) => [c.code, c.digits])),
);

/** Every ISO 4217 code in the table, alphabetically. */
export const iso4217Codes: readonly string[] = Object.freeze(Object.keys(iso4217Digits).sort());

/** The date of ISO's list the table was taken from. */
export const iso4217PublishDate: string = currencyCodes.publishDate;

/** Digits after the decimal point of `currency` (case-insensitive); 2 for a code ISO does not list. */
export const minorDigits = (currency: string): number => iso4217Digits[currency.toUpperCase()] ?? 2;
