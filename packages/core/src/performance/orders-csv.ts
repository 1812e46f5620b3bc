import type { CsvRowError } from '@evergreen/contracts';
import { CsvStreamParser, CsvSyntaxError, detectDelimiter } from '../shared/csv-stream.ts';
import { unneutralise } from '../shared/csv-text.ts';
import { decodeStream, type TextEncoding } from '../shared/encoding.ts';
import { AppError, missingColumns } from '../shared/errors.ts';
import {
  type DateOrder,
  type DecimalStyle,
  minorDigits,
  readInstant,
  readNumber,
  toMinor,
} from '../shared/values.ts';

/**
 * The columns of an orders file (docs/csv.md, "Orders") and the webhook's fields: how one
 * order is read and normalised. Pure functions, plus a streaming reader for files of any size.
 */

export const orderColumns = [
  'external_id',
  'customer_id',
  'ordered_at',
  'amount',
  'currency',
  'promo_code',
  'utm_source',
  'utm_campaign',
  'landing_url',
  'status',
  'refunded_amount',
] as const;
export type OrderColumn = (typeof orderColumns)[number];
const required: readonly OrderColumn[] = ['external_id', 'customer_id', 'ordered_at', 'amount', 'currency'];

/** One order, checked and normalised: what the staging table receives. */
export interface OrderValues {
  externalId: string;
  customerId: string;
  /** ISO 8601 in UTC. */
  orderedAt: string;
  amountMinor: number;
  currency: string;
  promoCode: string | null;
  utmSource: string | null;
  utmCampaign: string | null;
  landingUrl: string | null;
  status: OrderStatus;
  /** 0 ≤ refunded ≤ amount, minor units of `currency`. */
  refundedMinor: number;
}

export const orderStatuses = ['paid', 'pending', 'cancelled', 'refunded', 'partially_refunded'] as const;
export type OrderStatus = (typeof orderStatuses)[number];

export type OrderCells = Partial<Record<OrderColumn, string | null | undefined>>;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** Digits at [from, from + n) of `t` as a number, or -1 when one of them is not a digit. */
function digitsAt(t: string, from: number, n: number): number {
  let v = 0;
  for (let i = from; i < from + n; i++) {
    const d = t.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/**
 * Year, month, day, hour, minute and second of "YYYY-MM-DD?HH:MM:SS" at the start of `t` (any
 * separators: the callers check them), or null unless each is digits and a possible value (from
 * 1970, the day within its month).
 */
function clockFields(t: string) {
  const Y = digitsAt(t, 0, 4);
  const M = digitsAt(t, 5, 2);
  const D = digitsAt(t, 8, 2);
  const H = digitsAt(t, 11, 2);
  const MI = digitsAt(t, 14, 2);
  const S = digitsAt(t, 17, 2);
  if (Y < 1970 || M < 1 || M > 12 || D < 1 || H < 0 || H > 23 || MI < 0 || MI > 59 || S < 0 || S > 59)
    return null;
  if (D > (M === 2 && isLeap(Y) ? 29 : DAYS_IN_MONTH[M - 1]!)) return null;
  return { Y, M, D, H, MI, S };
}

/**
 * The common case without a Date: "2026-03-01T07:15:00Z" or "2026-03-01T07:15:00.123Z", already
 * UTC → the canonical ISO text; null when the text has another shape (the general parser decides).
 */
function fastUtc(t: string): string | null {
  const len = t.length;
  if ((len !== 20 && len !== 24) || t.charCodeAt(len - 1) !== 90 /* Z */) return null;
  if (t[4] !== '-' || t[7] !== '-' || t[10] !== 'T' || t[13] !== ':' || t[16] !== ':') return null;
  if (len === 24 && t[19] !== '.') return null;
  if (!clockFields(t)) return null;
  if (len === 24 && digitsAt(t, 20, 3) < 0) return null;
  return len === 24 ? t : `${t.slice(0, 19)}.000Z`;
}

/**
 * Shopify's export, "2026-04-05 21:06:21 +0400", without a regular expression or a Date parse
 * (a million orders' times); null for any other shape or an impossible date or offset.
 */
function fastOffset(t: string): string | null {
  if (t.length !== 25 || t[4] !== '-' || t[7] !== '-' || t[10] !== ' ' || t[13] !== ':' || t[16] !== ':')
    return null;
  if (t[19] !== ' ' || (t[20] !== '+' && t[20] !== '-')) return null;
  const f = clockFields(t);
  if (!f) return null;
  const { Y, M, D, H, MI, S } = f;
  const OH = digitsAt(t, 21, 2);
  const OM = digitsAt(t, 23, 2);
  if (OH < 0 || OH > 14 || OM < 0 || OM > 59) return null;
  const offset = (t[20] === '-' ? -1 : 1) * (OH * 60 + OM) * 60_000;
  return new Date(Date.UTC(Y, M - 1, D, H, MI, S) - offset).toISOString();
}

/**
 * How the values of one file are read: the time zone of times without an offset, and per
 * column the decimal mark of `amount` and the date order of slash dates in `ordered_at`
 * (decided from the file's values or given by the mapping; null = not decided yet).
 */
export interface OrderFormats {
  timeZone: string;
  amount: DecimalStyle | null;
  orderedAt: DateOrder | null;
}
export const UTC_FORMATS: OrderFormats = { timeZone: 'UTC', amount: null, orderedAt: null };

/**
 * Any time the shared reader knows (shared/values.ts: ISO 8601, Shopify's
 * "2026-04-05 21:06:21 +0400", "01.02.2026 10:00", …), a time without an offset read in the
 * zone → the instant in ISO UTC; else the reader's fault.
 */
export function readOrderedAt(
  text: string,
  formats: Pick<OrderFormats, 'timeZone' | 'orderedAt'> = UTC_FORMATS,
): { value: string } | { message: string; code: string } {
  const fast = fastUtc(text) ?? fastOffset(text);
  if (fast) return { value: fast };
  const r = readInstant(text, { timeZone: formats.timeZone, order: formats.orderedAt });
  if (r.ok && !r.hasTime)
    return {
      message: `"${text}" is a date without a time; an order needs its time`,
      code: 'invalid_datetime',
    };
  return r.ok ? { value: r.value.toISOString() } : r;
}

/** The instant in ISO UTC, or null (offset-less times in UTC). */
export function parseOrderedAt(text: string): string | null {
  const r = readOrderedAt(text);
  return 'value' in r ? r.value : null;
}

/** The utm_source / utm_campaign of a landing URL's query string (absolute or a path). */
export function utmOfUrl(url: string): { source: string | null; campaign: string | null } {
  const q = url.indexOf('?');
  if (q < 0) return { source: null, campaign: null };
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(url.slice(q + 1).split('#')[0]);
  } catch {
    return { source: null, campaign: null };
  }
  const get = (k: string) => params.get(k)?.trim().toLowerCase() || null;
  return { source: get('utm_source'), campaign: get('utm_campaign') };
}

type Issue = { column: OrderColumn; message: string; code: string };

const textOf = (v: string | null | undefined) => (v == null ? '' : unneutralise(v).trim());

/** A cell's trimmed text, null when empty; too long → an issue. */
function cellOf(cells: OrderCells, c: OrderColumn, max: number, issues: Issue[]): string | null {
  const v = textOf(cells[c]);
  if (v.length > max) {
    issues.push({ column: c, message: `is longer than ${max} characters`, code: 'too_big' });
    return null;
  }
  return v || null;
}

const required_ = (column: OrderColumn): Issue => ({ column, message: 'is required', code: 'required' });
const hasIssue = (issues: Issue[], c: OrderColumn) => issues.some((i) => i.column === c);

/** "49.90" in a currency with 2 decimals → 4990 without BigInt; null when another shape. */
function fastMinor(amount: string): number | null {
  const dot = amount.length - 3;
  if (dot < 1 || dot > 10 || amount.charCodeAt(dot) !== 46 /* . */) return null;
  const whole = digitsAt(amount, 0, dot);
  const cents = digitsAt(amount, dot + 1, 2);
  return whole < 0 || cents < 0 ? null : whole * 100 + cents;
}

/**
 * An amount text → exact minor units of `currency`, or an issue for `column`. The fast path
 * takes plain 2-decimal amounts; anything else goes through the shared reader in the column's
 * decimal style (1,234.56, 1 234,56, currency signs; shared/values.ts).
 */
function minorOf(
  text: string,
  currency: string | null,
  column: OrderColumn,
  style: DecimalStyle | null,
  issues: Issue[],
): number | null {
  const fast = currency && minorDigits(currency) === 2 ? fastMinor(text) : null;
  if (fast !== null) return fast;
  const n = readNumber(text, style);
  if (!n.ok) {
    issues.push(
      n.code === 'invalid_number'
        ? {
            column,
            message: `"${text}" is not an amount like 49.90, 1,234.56 or 1 234,56`,
            code: 'invalid_money',
          }
        : { column, message: n.message, code: n.code },
    );
    return null;
  }
  if (!currency) return null;
  const m = toMinor(n.value, currency);
  if (m.ok) return m.value;
  issues.push({ column, message: m.message, code: m.code });
  return null;
}

/**
 * Status text → a status: empty is paid (files without the column keep working); case, spaces
 * and hyphens do not matter ("Partially refunded" = partially_refunded).
 */
function statusOf(text: string | null, issues: Issue[]): OrderStatus {
  if (!text) return 'paid';
  const s = text.toLowerCase().replace(/[\s-]+/g, '_');
  if ((orderStatuses as readonly string[]).includes(s)) return s as OrderStatus;
  issues.push({
    column: 'status',
    message: `"${text}" is not a status (paid, pending, cancelled, refunded, partially_refunded)`,
    code: 'invalid_status',
  });
  return 'paid';
}

/**
 * Checks and normalises one order: promo codes upper-case, UTM values lower-case, UTM taken
 * from the landing URL when its columns are empty, the amount in exact minor units. Status:
 * empty = paid; refunded without a refunded amount = the whole amount refunded;
 * partially_refunded needs a refunded amount above 0 and below the amount; paid and pending
 * orders cannot carry one (docs/performance.md, "Order status").
 */
export function readOrder(
  cells: OrderCells,
  formats: OrderFormats = UTC_FORMATS,
): { values: OrderValues } | { issues: Issue[] } {
  const issues: Issue[] = [];
  const externalId = cellOf(cells, 'external_id', 200, issues);
  const customerId = cellOf(cells, 'customer_id', 200, issues);
  const orderedText = cellOf(cells, 'ordered_at', 64, issues);
  const amountText = cellOf(cells, 'amount', 40, issues);
  const currencyText = cellOf(cells, 'currency', 10, issues);
  const promo = cellOf(cells, 'promo_code', 100, issues);
  let utmSource = cellOf(cells, 'utm_source', 200, issues);
  let utmCampaign = cellOf(cells, 'utm_campaign', 200, issues);
  const landingUrl = cellOf(cells, 'landing_url', 2000, issues);
  const status = statusOf(cellOf(cells, 'status', 40, issues), issues);
  const refundedText = cellOf(cells, 'refunded_amount', 40, issues);
  if (!externalId && !hasIssue(issues, 'external_id')) issues.push(required_('external_id'));
  if (!customerId && !hasIssue(issues, 'customer_id')) issues.push(required_('customer_id'));
  let orderedAt: string | null = null;
  if (orderedText) {
    const r = readOrderedAt(orderedText, formats);
    if ('value' in r) orderedAt = r.value;
    else issues.push({ column: 'ordered_at', message: r.message, code: r.code });
  } else if (!hasIssue(issues, 'ordered_at')) issues.push(required_('ordered_at'));
  let currency: string | null = null;
  if (currencyText) {
    if (/^[A-Za-z]{3}$/.test(currencyText)) currency = currencyText.toUpperCase();
    else
      issues.push({
        column: 'currency',
        message: `"${currencyText}" is not a three-letter currency code, e.g. USD`,
        code: 'invalid_currency',
      });
  } else if (!hasIssue(issues, 'currency')) issues.push(required_('currency'));
  let amountMinor: number | null = null;
  if (amountText) {
    amountMinor = minorOf(amountText, currency, 'amount', formats.amount, issues);
  } else if (!hasIssue(issues, 'amount')) issues.push(required_('amount'));
  let refundedMinor = 0;
  if (refundedText && currency)
    refundedMinor = minorOf(refundedText, currency, 'refunded_amount', formats.amount, issues) ?? 0;
  if (amountMinor !== null && !hasIssue(issues, 'refunded_amount') && !hasIssue(issues, 'status')) {
    if (status === 'refunded' && !refundedText) refundedMinor = amountMinor;
    const refundIssue = (message: string, code: string) =>
      issues.push({ column: 'refunded_amount', message, code });
    if (refundedMinor > amountMinor)
      refundIssue(`${refundedText} is more than the amount ${amountText}`, 'refund_exceeds_amount');
    else if (status === 'partially_refunded' && (refundedMinor === 0 || refundedMinor === amountMinor))
      refundIssue(
        'a partially_refunded order needs a refunded amount above 0 and below the amount (all of it: status refunded)',
        'invalid_refund',
      );
    else if ((status === 'paid' || status === 'pending') && refundedMinor > 0)
      refundIssue(
        `a ${status} order has no refund: use status partially_refunded or refunded`,
        'invalid_refund',
      );
  }
  if (issues.length) return { issues };
  if (landingUrl && (!utmSource || !utmCampaign)) {
    const u = utmOfUrl(landingUrl);
    utmSource ??= u.source;
    utmCampaign ??= u.campaign;
  }
  return {
    values: {
      externalId: externalId!,
      customerId: customerId!,
      orderedAt: orderedAt!,
      amountMinor: amountMinor!,
      currency: currency!,
      promoCode: promo ? promo.toUpperCase() : null,
      utmSource: utmSource ? utmSource.toLowerCase() : null,
      utmCampaign: utmCampaign ? utmCampaign.toLowerCase() : null,
      landingUrl,
      status,
      refundedMinor,
    },
  };
}

// ---- the file -------------------------------------------------------------------------------

const fileError = (message: string, code: string, row?: number) =>
  new AppError('validation_failed', message, [
    { field: row ? `rows.${row}` : 'csv', message, code, ...(row ? { params: { row } } : {}) },
  ]);

/** Header: names case-insensitive, any order; unknown or repeated columns and missing required ones are errors. */
export function readOrderHeader(cells: string[]): (OrderColumn | null)[] {
  const seen = new Set<string>();
  const errors: CsvRowError[] = [];
  const cols = cells.map((raw, i): OrderColumn | null => {
    const name = raw
      .replace(/^\uFEFF/, '')
      .trim()
      .toLowerCase();
    if (!name) {
      errors.push({ row: 1, column: null, message: `Column ${i + 1} has no name`, code: 'unnamed_column' });
      return null;
    }
    if (!(orderColumns as readonly string[]).includes(name)) {
      errors.push({
        row: 1,
        column: raw.trim(),
        message: `Unknown column "${raw.trim()}" (the columns are listed in docs/csv.md)`,
        code: 'unknown_column',
      });
      return null;
    }
    if (seen.has(name))
      errors.push({
        row: 1,
        column: name,
        message: `Column "${name}" appears twice`,
        code: 'duplicate_column',
      });
    seen.add(name);
    return name as OrderColumn;
  });
  errors.push(...missingColumns(required, (c) => seen.has(c)));
  if (errors.length) {
    const text = errors.map((e) => e.message).join('; ');
    throw new AppError(
      'validation_failed',
      `The header row has errors: ${text}`,
      errors.map((e) => ({
        field: `rows.1${e.column ? `.${e.column}` : ''}`,
        message: e.message,
        code: e.code,
        params: { row: 1, ...(e.column ? { column: e.column } : {}) },
      })),
    );
  }
  return cols;
}

export type CsvInput = string | NodeJS.ReadableStream | AsyncIterable<Buffer | string>;

/** A string read in 1 MB slices, so progress is reported and the parser never holds a copy. */
async function* slices(text: string): AsyncGenerator<string> {
  const SLICE = 1 << 20;
  for (let i = 0; i < text.length; i += SLICE) yield text.slice(i, i + SLICE);
}

/**
 * Reads CSV from a string or a stream, record by record: the header, then each data row with
 * its number as a spreadsheet shows it (header = row 1). Blank rows are skipped but counted.
 * The delimiter is the header line's: a comma, else a semicolon, else a tab. Bytes that are
 * not UTF-8 refuse the file.
 */
export type CsvBatch =
  | { header: string[]; encoding: TextEncoding; delimiter: ',' | ';' | '\t' }
  | { records: { row: number; cells: string[] }[] };

export async function* readCsvRecords(input: CsvInput): AsyncGenerator<CsvBatch> {
  const source: AsyncIterable<Buffer | string> =
    typeof input === 'string' ? slices(input) : (input as AsyncIterable<Buffer | string>);
  let encoding: TextEncoding = 'utf-8';
  let delimiter: ',' | ';' | '\t' = ',';
  const texts = decodeStream(source, (d) => {
    encoding = d.encoding;
  });
  let parser: CsvStreamParser | null = null;
  let head = '';
  let row = 0;
  const decode = (text: string) => {
    if (text.includes('\uFFFD'))
      throw fileError(
        `The file is not UTF-8 text (first unreadable character near row ${row + 1}); save it as "CSV UTF-8"`,
        'not_utf8',
      );
    return text;
  };
  const start = (first: string) => {
    const text = first.replace(/^\uFEFF/, '');
    delimiter = detectDelimiter(text);
    parser = new CsvStreamParser(delimiter);
    return text;
  };
  // Records come in batches (one per chunk of input): one await per batch, not per row.
  const batchOf = function* (cellsOfRecords: string[][]): Generator<CsvBatch> {
    const records: { row: number; cells: string[] }[] = [];
    for (const cells of cellsOfRecords) {
      row++;
      if (row === 1) yield { header: cells, encoding, delimiter };
      else if (cells.length > 1 || (cells[0] ?? '').trim() !== '') {
        if (cells.every((c) => c.trim() === '')) continue;
        records.push({ row, cells });
      }
    }
    if (records.length) yield { records };
  };
  const read = (run: (p: CsvStreamParser, out: string[][]) => void): string[][] => {
    const out: string[][] = [];
    try {
      run(parser!, out);
    } catch (e) {
      if (!(e instanceof CsvSyntaxError)) throw e;
      const what =
        e.fault === 'unclosed_quote'
          ? 'a quoted cell is never closed (a " is missing)'
          : 'a " inside a cell must be doubled ("") and the cell quoted';
      throw fileError(`Row ${e.record}: ${what}`, 'malformed_csv', e.record);
    }
    return out;
  };

  for await (const chunk of texts) {
    let text = decode(chunk);
    if (!text) continue;
    if (!parser) {
      head += text;
      if (!/[\r\n]/.test(head) && head.length < 65536) continue;
      text = start(head);
      head = '';
    }
    yield* batchOf(read((p, out) => p.push(text, out)));
  }
  if (!parser) {
    if (!head.replace(/^\uFEFF/, '').trim())
      throw fileError('The file is empty: it needs a header row and at least one order', 'empty');
    const text = start(head);
    yield* batchOf(read((p, out) => p.push(text, out)));
  }
  yield* batchOf(read((p, out) => p.end(out)));
}
