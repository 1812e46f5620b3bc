import { addDays } from '@evergreen/rules';
import { intlLocale } from '../../shared/i18n/format.ts';

/**
 * Reports send rates, ROAS and ROI as exact decimal strings ("0.041000", "2.5000"). Shown as
 * percentages they are scaled and rounded on the digits (BigInt), never through a float, so
 * 0.0415 shows as 4.2 % and not as 4.1 % because 4.15 was 4.1499999… in binary.
 */

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * `value × 10^shift`, rounded half away from zero to `digits` places, as a plain decimal
 * string ("0.041500", shift 2, digits 1 → "4.2"). null when the text is not a decimal.
 */
export function scaleDecimal(value: string, shift: number, digits: number): string | null {
  const m = DECIMAL.exec(value.trim());
  if (!m) return null;
  const [, sign = '', int = '0', frac = ''] = m;
  const n = BigInt(`${int}${frac}` || '0');
  // n × 10^-frac.length × 10^shift, kept as an integer count of 10^-digits.
  const exp = shift + digits - frac.length;
  let units: bigint;
  if (exp >= 0) units = n * 10n ** BigInt(exp);
  else {
    const div = 10n ** BigInt(-exp);
    units = n / div;
    if ((n % div) * 2n >= div) units += 1n;
  }
  const s = units.toString().padStart(digits + 1, '0');
  const whole = digits > 0 ? s.slice(0, -digits) : s;
  const part = digits > 0 ? `.${s.slice(-digits)}` : '';
  const negative = sign === '-' && units !== 0n;
  return `${negative ? '-' : ''}${whole}${part}`;
}

const numberFormat = (lng: string, digits: number, signed = false) =>
  new Intl.NumberFormat(intlLocale(lng), {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    signDisplay: signed ? 'exceptZero' : 'auto',
  });

/** Intl formats a decimal string exactly (no float in between). */
const exact = (s: string) => s as Intl.StringNumericLiteral;

/** A rate ("0.041000") as a percentage: "4.1%" ("4,1 %" in Russian); "—" when there is none. */
export function formatRate(rate: string | null | undefined, lng: string, digits = 1): string {
  if (rate === null || rate === undefined) return '—';
  const scaled = scaleDecimal(rate, 2, digits);
  if (scaled === null) return rate;
  return `${numberFormat(lng, digits).format(exact(scaled))}${lng === 'ru' ? '\u00a0%' : '%'}`;
}

/** A lift ("0.414634") as a signed percentage: "+41.5%", "−3.0%", "0.0%". */
export function formatLift(lift: string | null | undefined, lng: string, digits = 1): string {
  if (lift === null || lift === undefined) return '—';
  const scaled = scaleDecimal(lift, 2, digits);
  if (scaled === null) return lift;
  return `${numberFormat(lng, digits, true).format(exact(scaled))}${lng === 'ru' ? '\u00a0%' : '%'}`;
}

/** ROAS ("2.5000") as a multiple: "2.50×". */
export function formatMultiple(value: string | null | undefined, lng: string, digits = 2): string {
  if (value === null || value === undefined) return '—';
  const scaled = scaleDecimal(value, 0, digits);
  if (scaled === null) return value;
  return `${numberFormat(lng, digits).format(exact(scaled))}×`;
}

/** Days ("1.50") with one decimal: "1.5" ("1,5"). */
export function formatDecimal(value: string | null | undefined, lng: string, digits = 1): string {
  if (value === null || value === undefined) return '—';
  const scaled = scaleDecimal(value, 0, digits);
  if (scaled === null) return value;
  return numberFormat(lng, digits).format(exact(scaled));
}

/** A rate in percent as a number, for chart axes only (the labels people read use formatRate). */
export function chartPercent(rate: string | null | undefined): number | null {
  if (rate === null || rate === undefined) return null;
  const scaled = scaleDecimal(rate, 2, 2);
  return scaled === null ? null : Number(scaled);
}

/** Sort key of a decimal string (null last whichever way the table is sorted is handled by the caller). */
export function decimalKey(value: string | null): number | null {
  if (value === null) return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

export type PresetId = '90d' | '12m' | '24m';
export const presets: { id: PresetId; days: number }[] = [
  { id: '90d', days: 90 },
  // 365 days: the API's default period, so the page and a bare API call agree.
  { id: '12m', days: 365 },
  { id: '24m', days: 730 },
];

export interface PeriodRange {
  from: string;
  to: string;
}

/** The days of a preset ending today, both ends included: 90 days up to 2026-03-31 start on 2026-01-01. */
export function presetRange(id: PresetId, today: string): PeriodRange {
  const days = presets.find((p) => p.id === id)?.days ?? 365;
  return { from: addDays(today, -(days - 1)), to: today };
}

/** The preset a range is, if any (so the picker shows it selected). */
export function presetOf(range: PeriodRange, today: string): PresetId | null {
  for (const p of presets) {
    const r = presetRange(p.id, today);
    if (r.from === range.from && r.to === range.to) return p.id;
  }
  return null;
}

type SortValue = string | number | null;

/** Rows sorted by a key: numbers and numeric strings by value, text by locale; empty values last. */
export function sortRows<T>(rows: T[], key: (row: T) => SortValue, dir: 'asc' | 'desc', lng: string): T[] {
  const sign = dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    if (x === null && y === null) return 0;
    if (x === null) return 1;
    if (y === null) return -1;
    if (typeof x === 'number' && typeof y === 'number') return (x - y) * sign;
    return String(x).localeCompare(String(y), lng) * sign;
  });
}
