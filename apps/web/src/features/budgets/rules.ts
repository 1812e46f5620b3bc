/** Pure helpers of the budgets, rates and payments pages (docs/budgets.md). */

/** The fiscal year (by the calendar year it starts in) that a day falls in. */
export function fiscalYearOf(day: string, startMonth: number): number {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  return month >= startMonth ? year : year - 1;
}

/** A percentage as the API takes it: up to 3 digits and 2 decimals ("40", "33.5"). */
export const PERCENT = /^\d{1,3}(\.\d{1,2})?$/;

/** "40,5" (Russian keyboards) → "40.5"; trailing zeros of the decimals dropped. */
export function normalizePercent(value: string): string {
  const s = value.trim().replace(',', '.');
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** Sum of exact decimal percentages in hundredths: 33.33 + 33.33 + 33.34 is exactly 10 000. */
export function sumHundredths(values: string[]): number | null {
  let sum = 0;
  for (const v of values) {
    const s = normalizePercent(v);
    if (!PERCENT.test(s)) return null;
    const [int = '0', frac = ''] = s.split('.');
    sum += Number(int) * 100 + Number(frac.padEnd(2, '0'));
  }
  return sum;
}

/** A rate: units of the reporting currency per unit, up to 10 decimals, greater than zero. */
export function isRateDecimal(value: string): boolean {
  return /^\d{1,10}(\.\d{1,10})?$/.test(value) && /[1-9]/.test(value);
}

export interface BulkRate {
  onDate: string;
  currency: string;
  rate: string;
}
export type BulkLineError = { line: number; text: string; error: 'format' | 'date' | 'currency' | 'rate' };

const isRealDay = (s: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

/**
 * Pasted "YYYY-MM-DD,CUR,rate" lines (a semicolon or a tab also separates) → rates, or the lines
 * that are wrong. Blank lines and a header line starting with "date" are skipped.
 */
export function parseBulkRates(text: string): { rates: BulkRate[]; errors: BulkLineError[] } {
  const rates: BulkRate[] = [];
  const errors: BulkLineError[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || (i === 0 && /^date\b/i.test(line))) return;
    const parts = line.split(/[,;\t]/).map((p) => p.trim());
    const err = (error: BulkLineError['error']) => {
      errors.push({ line: i + 1, text: line, error });
    };
    if (parts.length !== 3) {
      err('format');
      return;
    }
    const [onDate = '', cur = '', rate = ''] = parts;
    if (!isRealDay(onDate)) {
      err('date');
      return;
    }
    const currency = cur.toUpperCase();
    if (!/^[A-Z]{3}$/.test(currency)) {
      err('currency');
      return;
    }
    if (!isRateDecimal(rate)) {
      err('rate');
      return;
    }
    rates.push({ onDate, currency, rate });
  });
  return { rates, errors };
}

/**
 * The on-time rate over several creators: on time / paid, as a percent to one decimal, rounded
 * half up, in integers (no float drift); null before the first payment.
 */
export function onTimePercent(onTime: number, paid: number): string | null {
  if (paid <= 0) return null;
  const n = onTime * 1000;
  let q = Math.floor(n / paid);
  if (2 * (n - q * paid) >= paid) q += 1;
  return `${Math.floor(q / 10)}.${q % 10}`;
}
