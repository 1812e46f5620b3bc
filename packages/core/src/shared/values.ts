/**
 * Values as people's files write them (docs/csv.md, "Value formats"): one reader of dates, times,
 * numbers and money used by every CSV import (creators, posts, metric snapshots, orders,
 * exchange rates). Pure functions; no database.
 *
 * - Times: ISO 8601 (`2026-03-01T10:15:00+03:00`, `…Z`, `2026-03-01 10:15`), Shopify's
 *   `2026-04-05 21:06:21 +0400`, Russian `01.02.2026[ 10:00[:00]]`, `2026/03/01`, English month
 *   names (`Mar 5, 2026`), and `03/01/2026` only with a date order (DD/MM or MM/DD) that the
 *   column's values or the mapping decide. A time without an offset is read in the given IANA
 *   time zone (the workspace's).
 * - Numbers: `1234.56`, `1,234.56`, `1 234,56` (space, no-break space U+00A0, narrow no-break
 *   space U+202F or thin space U+2009 between groups of three), `45000,00`, `1.234,56`, with a
 *   currency sign or word around them (`$`, `€`, `£`, `₽`, `руб.`, `р.`, or an ISO code). Whether
 *   `,` or `.` is the decimal mark is decided per column from its values; a column whose values
 *   are all like `1,234` cannot be decided and is reported, never guessed.
 */

import { isIanaTimeZone, minorDigits } from '@evergreen/contracts';
import { MAX_AMOUNT_MINOR } from '@evergreen/rules';

export type DecimalStyle = 'dot' | 'comma';
export type DateOrder = 'dmy' | 'mdy';

export type ValueFault = { ok: false; message: string; code: string };
export type ValueRead<T> = ({ ok: true } & T) | ValueFault;

const fault = (message: string, code: string): ValueFault => ({ ok: false, message, code });

// ---- numbers --------------------------------------------------------------------------------

const SPACE = '[\\u0020\\u00A0\\u202F\\u2009]';
const SPACES = /[\u0020\u00A0\u202F\u2009]/g;
const HAS_SPACE = /[\u0020\u00A0\u202F\u2009]/;
const SPACE_GROUPED = new RegExp(`^\\d{1,3}(?:${SPACE}\\d{3})+(?:[.,]\\d+)?$`);
/** Currency signs and words before or after the number, and the code they stand for ("" = unknown). */
const PREFIX = /^(US\$|\$|€|£|₽|¥|[A-Z]{3}(?=[\s\d]))\s*/i;
const SUFFIX = /\s*(\$|€|£|₽|¥|руб\.?|р\.|[A-Za-z]{3})$/i;
const SIGN_CODES: Record<string, string> = {
  '€': 'EUR',
  '£': 'GBP',
  '₽': 'RUB',
  'руб.': 'RUB',
  руб: 'RUB',
  'р.': 'RUB',
};

export interface NumberValue {
  /** The number as plain decimal text: digits, an optional "." and digits, an optional leading "-". */
  value: string;
  /** The decimal style this value proves (null when it reads the same either way or is ambiguous). */
  decides: DecimalStyle | null;
  /** The currency a sign or code next to it names (RUB for ₽/руб., EUR for €…), if any. */
  currency: string | null;
}

const plain = (neg: boolean, int: string, frac: string) => {
  const i = int.replace(/^0+(?=\d)/, '');
  return `${neg && /[1-9]/.test(i + frac) ? '-' : ''}${i}${frac ? `.${frac}` : ''}`;
};

function currencyOf(sign: string | undefined): string | null {
  if (!sign) return null;
  const s = sign.toLowerCase();
  if (SIGN_CODES[s]) return SIGN_CODES[s]!;
  if (/^[a-z]{3}$/.test(s)) return s.toUpperCase();
  return null;
}

const example = (style: DecimalStyle | null | undefined) =>
  style === 'comma' ? '1 234,56' : style === 'dot' ? '1,234.56' : '1234.56, 1,234.56 or 1 234,56';

/**
 * Reads a number written as people write them. `style` is the column's decimal mark when known
 * (from its other values or the mapping); without one, `1,234` (one comma, three digits after,
 * at most three before) is `ambiguous_number`. A lone `1.234` reads as a decimal point unless
 * the column's style is `comma`.
 */
export function readNumber(text: string, style?: DecimalStyle | null): ValueRead<NumberValue> {
  let s = text.trim();
  let currency: string | null = null;
  const pre = PREFIX.exec(s);
  if (pre) {
    currency = currencyOf(pre[1]);
    s = s.slice(pre[0].length);
  }
  const suf = SUFFIX.exec(s);
  if (suf && /\d/.test(s.slice(0, suf.index))) {
    currency ??= currencyOf(suf[1]);
    s = s.slice(0, suf.index);
  }
  s = s.trim();
  let neg = false;
  if (s.startsWith('-') || s.startsWith('\u2212')) {
    neg = true;
    s = s.slice(1).trim();
  }
  const bad = () => fault(`"${text.trim()}" is not a number like ${example(style)}`, 'invalid_number');
  if (!s || !/^\d/.test(s) || !/^[\d.,\u0020\u00A0\u202F\u2009]+$/.test(s)) return bad();
  const ok = (int: string, frac: string, decides: DecimalStyle | null): ValueRead<NumberValue> => ({
    ok: true,
    value: plain(neg, int, frac),
    decides,
    currency,
  });

  if (HAS_SPACE.test(s)) {
    if (!SPACE_GROUPED.test(s)) return bad();
    const t = s.replace(SPACES, '');
    const m = /^(\d+)(?:([.,])(\d+))?$/.exec(t)!;
    const decides = m[2] === ',' ? 'comma' : m[2] === '.' ? 'dot' : null;
    if (style && decides && decides !== style) return bad();
    return ok(m[1]!, m[3] ?? '', decides);
  }
  const dots = s.split('.').length - 1;
  const commas = s.split(',').length - 1;
  if (!dots && !commas) return ok(s, '', null);
  if (dots && commas) {
    const dec = s.lastIndexOf('.') > s.lastIndexOf(',') ? '.' : ',';
    const grp = dec === '.' ? ',' : '.';
    const re = new RegExp(`^(\\d{1,3}(?:\\${grp}\\d{3})+)\\${dec}(\\d+)$`);
    const m = re.exec(s);
    const decides: DecimalStyle = dec === '.' ? 'dot' : 'comma';
    if (!m || (style && style !== decides)) return bad();
    return ok(m[1]!.split(grp).join(''), m[2]!, decides);
  }
  const sep = dots ? '.' : ',';
  const count = dots || commas;
  // The style this separator means as a group separator / as a decimal mark.
  const asGroup: DecimalStyle = sep === ',' ? 'dot' : 'comma';
  const asDecimal: DecimalStyle = sep === '.' ? 'dot' : 'comma';
  if (count > 1) {
    if (!new RegExp(`^\\d{1,3}(?:\\${sep}\\d{3})+$`).test(s) || style === asDecimal) return bad();
    return ok(s.split(sep).join(''), '', asGroup);
  }
  const [int, frac] = s.split(sep) as [string, string];
  if (!frac) return bad();
  const couldGroup = frac.length === 3 && int.length <= 3 && !/^0/.test(int);
  if (!couldGroup) {
    if (style === asGroup) return bad();
    return ok(int, frac, asDecimal);
  }
  // "1,234" / "1.234": a thousands separator or a decimal mark.
  const reading = style ?? (sep === '.' ? 'dot' : null);
  if (!reading)
    return fault(
      `"${text.trim()}" could be ${int}${frac} or ${int}.${frac}: say in the mapping whether this column writes decimals with "," or "."`,
      'ambiguous_number',
    );
  return reading === asGroup ? ok(int + frac, '', null) : ok(int, frac, null);
}

/**
 * The decimal style a column's values prove: the first value that decides (`1,5`, `1 234,56`,
 * `1,234.56`, `1.234.567`); `conflict` when two values prove different styles.
 */
export function decimalStyleOf(
  values: Iterable<string>,
): { style: DecimalStyle | null } | { conflict: [string, string] } {
  let style: DecimalStyle | null = null;
  let first = '';
  for (const v of values) {
    if (!v || !/\d/.test(v)) continue;
    const r = readNumber(v);
    if (!r.ok || !r.decides) continue;
    if (!style) {
      style = r.decides;
      first = v;
    } else if (r.decides !== style) return { conflict: [first, v] };
  }
  return { style };
}

/** A whole number ≥ 0: `12500`, `12 500`, `12,500` (a count is never a fraction, so `1,234` is 1234). */
export function readCount(text: string, style?: DecimalStyle | null): ValueRead<{ value: number }> {
  const r = readNumber(text, style);
  const n = r.ok ? r : readNumber(text, r.code === 'ambiguous_number' ? 'dot' : style);
  if (!n.ok || n.value.includes('.') || n.value.startsWith('-') || n.value.length > 15)
    return fault(
      `must be a whole number of 0 or more, like 12500 or 12 500; got "${text.trim()}"`,
      'invalid_number',
    );
  return { ok: true, value: Number(n.value) };
}

// ---- money ----------------------------------------------------------------------------------

/** Digits after the point come from the one ISO 4217 table (@evergreen/contracts). */
export { minorDigits };

/**
 * A plain decimal (from readNumber) in a currency → exact integer minor units, by moving the
 * point (never through floating point). More decimals than the currency has is an error unless
 * they are zeros; negative amounts are refused.
 */
export function toMinor(decimal: string, currency: string): ValueRead<{ value: number }> {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(decimal);
  if (!m) return fault(`must be an amount of 0 or more; got "${decimal}"`, 'invalid_money');
  const digits = minorDigits(currency);
  const frac = (m[2] ?? '').replace(/0+$/, '');
  if (frac.length > digits)
    return fault(
      digits === 0
        ? `${currency} amounts are whole; got ${decimal}`
        : `${currency} has ${digits} decimals; ${decimal} has more`,
      'invalid_money',
    );
  const minor = Number(m[1]) * 10 ** digits + Number(frac.padEnd(digits, '0') || '0');
  if (!Number.isSafeInteger(minor) || minor > MAX_AMOUNT_MINOR)
    return fault(`${decimal} ${currency} is too big`, 'too_big');
  return { ok: true, value: minor };
}

// ---- time zones -----------------------------------------------------------------------------

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterOf(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** Whether `name` is an IANA time zone name this runtime knows (`Europe/Moscow`, `UTC`). */
export const isTimeZone = isIanaTimeZone;

// Offsets of every zone are whole quarter hours and change only on quarter-hour instants, so one
// offset per zone and UTC quarter hour is exact; cached, a million local times cost little.
const QUARTER = 900_000;
const offsets = new Map<string, number>();

/** The zone's offset from UTC at an instant, in milliseconds (Moscow: +3 h). */
export function zoneOffsetMs(zone: string, utcMs: number): number {
  if (zone === 'UTC') return 0;
  const q = Math.floor(utcMs / QUARTER);
  const key = `${zone}|${q}`;
  const hit = offsets.get(key);
  if (hit !== undefined) return hit;
  const at = q * QUARTER;
  const p: Record<string, number> = {};
  for (const part of formatterOf(zone).formatToParts(at))
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  const local = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  const off = local - at;
  if (offsets.size > 100_000) offsets.clear();
  offsets.set(key, off);
  return off;
}

/** A wall-clock time in `zone` (given as if it were UTC) → the instant. A time skipped by DST moves forward. */
export function zonedToUtc(localMs: number, zone: string): number {
  if (zone === 'UTC') return localMs;
  const first = localMs - zoneOffsetMs(zone, localMs);
  const second = localMs - zoneOffsetMs(zone, first);
  return second === first ? first : Math.min(first, second);
}

/** Today's date (YYYY-MM-DD) in a time zone. */
export function dayInZone(now: Date, zone: string): string {
  return new Date(now.getTime() + zoneOffsetMs(zone, now.getTime())).toISOString().slice(0, 10);
}

// ---- dates and times ------------------------------------------------------------------------

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const TIME = String.raw`(?:(?:[T ]|,\s*|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:\s*([AaPp][Mm]))?)?`;
const OFFSET = String.raw`(?:\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?))?`;
const YMD = new RegExp(String.raw`^(\d{4})[-/](\d{1,2})[-/](\d{1,2})${TIME}${OFFSET}$`, 'i');
const DOTTED = new RegExp(String.raw`^(\d{1,2})\.(\d{1,2})\.(\d{4})${TIME}${OFFSET}$`, 'i');
const SLASHED = new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{4})${TIME}${OFFSET}$`, 'i');
const NAMED_MDY = new RegExp(String.raw`^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})${TIME}${OFFSET}$`, 'i');
const NAMED_DMY = new RegExp(String.raw`^(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})${TIME}${OFFSET}$`, 'i');

export const MIN_YEAR = 1970;
export const MAX_YEAR = 9999;

export interface DateParts {
  y: number;
  m: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  ms: number;
  /** Minutes east of UTC written in the text, or null when it has none. */
  offsetMin: number | null;
  /** Whether the text had a time of day. */
  hasTime: boolean;
}

type Split = { order: 'ymd' | 'dmy' | 'mdy' | 'slash'; a: string; b: string; c: string; rest: string[] };

function split(text: string): Split | null {
  let m = YMD.exec(text);
  if (m) return { order: 'ymd', a: m[1]!, b: m[2]!, c: m[3]!, rest: m.slice(4) };
  m = DOTTED.exec(text);
  if (m) return { order: 'dmy', a: m[3]!, b: m[2]!, c: m[1]!, rest: m.slice(4) };
  m = SLASHED.exec(text);
  if (m) return { order: 'slash', a: m[3]!, b: m[1]!, c: m[2]!, rest: m.slice(4) };
  m = NAMED_MDY.exec(text);
  const month = (name: string) => MONTHS[name.toLowerCase().slice(0, 3)];
  if (m && month(m[1]!))
    return { order: 'ymd', a: m[3]!, b: String(month(m[1]!)), c: m[2]!, rest: m.slice(4) };
  m = NAMED_DMY.exec(text);
  if (m && month(m[2]!))
    return { order: 'ymd', a: m[3]!, b: String(month(m[2]!)), c: m[1]!, rest: m.slice(4) };
  return null;
}

const DATE_EXAMPLES =
  '2026-03-01T10:15:00+03:00, 2026-03-01 10:15, 2026-04-05 21:06:21 +0400 or 01.03.2026 10:15';

/**
 * Splits a date or date-time into its parts, checking it is a real date and time. Slash dates
 * (`03/01/2026`) need `order`; without one they are `ambiguous_date` unless a part over 12 tells.
 */
export function readDateParts(text: string, order?: DateOrder | null): ValueRead<{ parts: DateParts }> {
  const t = text.trim();
  const sp = split(t);
  if (!sp) return fault(`"${t}" is not a date and time like ${DATE_EXAMPLES}`, 'invalid_datetime');
  let y = Number(sp.a);
  let mo = Number(sp.b);
  let d = Number(sp.c);
  if (sp.order === 'slash') {
    // b/c as written: first/second.
    const first = mo;
    const second = d;
    const o = order ?? (first > 12 ? 'dmy' : second > 12 ? 'mdy' : null);
    if (!o)
      return fault(
        `"${t}" could be day/month or month/day: say in the mapping which this column uses`,
        'ambiguous_date',
      );
    [mo, d] = o === 'mdy' ? [first, second] : [second, first];
  }
  const [hh, mi, ss, frac, ampm, off] = sp.rest;
  let h = hh === undefined ? 0 : Number(hh);
  if (ampm) {
    if (h < 1 || h > 12) return fault(`"${t}" has an hour that is not 1–12 before AM/PM`, 'invalid_datetime');
    h = (h % 12) + (/p/i.test(ampm) ? 12 : 0);
  }
  const M = mi === undefined ? 0 : Number(mi);
  const S = ss === undefined ? 0 : Number(ss);
  if (y < MIN_YEAR || y > MAX_YEAR)
    return fault(`"${t}": the year must be between ${MIN_YEAR} and ${MAX_YEAR}`, 'out_of_range');
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || M > 59 || S > 59)
    return fault(`"${t}" is not a real date and time`, 'invalid_datetime');
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCDate() !== d) return fault(`"${t}" is not a real date (no such day)`, 'invalid_datetime');
  let offsetMin: number | null = null;
  if (off) {
    if (hh === undefined) return fault(`"${t}" has an offset but no time`, 'invalid_datetime');
    if (/^(z|utc|gmt)$/i.test(off)) offsetMin = 0;
    else {
      const om = /^([+-])(\d{2}):?(\d{2})?$/.exec(off)!;
      const oh = Number(om[2]);
      const omin = Number(om[3] ?? '0');
      if (oh > 14 || omin > 59) return fault(`"${t}" has an impossible UTC offset`, 'invalid_datetime');
      offsetMin = (om[1] === '-' ? -1 : 1) * (oh * 60 + omin);
    }
  }
  y = Math.trunc(y);
  return {
    ok: true,
    parts: {
      y,
      m: mo,
      d,
      h,
      mi: M,
      s: S,
      ms: Number((frac ?? '').padEnd(3, '0').slice(0, 3) || '0'),
      offsetMin,
      hasTime: hh !== undefined,
    },
  };
}

/**
 * An instant: a date and time with its offset, or read in `timeZone` when it has none (a date
 * alone is midnight there). `zoned` says whether the zone was used.
 */
export function readInstant(
  text: string,
  opts: { timeZone?: string; order?: DateOrder | null } = {},
): ValueRead<{ value: Date; zoned: boolean; hasTime: boolean }> {
  const r = readDateParts(text, opts.order);
  if (!r.ok) return r;
  const p = r.parts;
  const wall = Date.UTC(p.y, p.m - 1, p.d, p.h, p.mi, p.s, p.ms);
  const hasTime = p.hasTime;
  if (p.offsetMin !== null)
    return { ok: true, value: new Date(wall - p.offsetMin * 60_000), zoned: false, hasTime };
  const zone = opts.timeZone ?? 'UTC';
  return { ok: true, value: new Date(zonedToUtc(wall, zone)), zoned: true, hasTime };
}

/** A calendar day (YYYY-MM-DD) from any of the date shapes; a time or offset is refused. */
export function readDay(text: string, order?: DateOrder | null): ValueRead<{ value: string }> {
  const r = readDateParts(text, order);
  if (!r.ok)
    return r.code === 'invalid_datetime'
      ? fault(`"${text.trim()}" is not a date like 2026-03-31 or 31.03.2026`, 'invalid_date')
      : r;
  const p = r.parts;
  if (p.hasTime && (p.h || p.mi || p.s || p.offsetMin))
    return fault(`"${text.trim()}" is a time; a date is expected`, 'invalid_date');
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return { ok: true, value: `${pad(p.y, 4)}-${pad(p.m)}-${pad(p.d)}` };
}

/**
 * The date order a column's slash dates prove (a first part over 12 is a day: DD/MM; a second
 * part over 12: MM/DD); `conflict` when values prove both, null when none decides.
 */
export function dateOrderOf(
  values: Iterable<string>,
): { order: DateOrder | null; slashes: boolean } | { conflict: [string, string] } {
  let order: DateOrder | null = null;
  let first = '';
  let slashes = false;
  for (const v of values) {
    const m = SLASHED.exec(v.trim());
    if (!m) continue;
    slashes = true;
    const a = Number(m[1]);
    const b = Number(m[2]);
    const o: DateOrder | null = a > 12 ? 'dmy' : b > 12 ? 'mdy' : null;
    if (!o) continue;
    if (!order) {
      order = o;
      first = v;
    } else if (o !== order) return { conflict: [first, v] };
  }
  return { order, slashes };
}
