import { StringDecoder } from 'node:string_decoder';
import type { CsvRowError } from '@evergreen/contracts';
import { CsvError, parse } from 'csv-parse';
import { parseMoney } from '../roster/csv/columns.ts';
import { unneutralise } from '../roster/csv/csv-text.ts';
import { AppError } from '../shared/errors.ts';

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
}

export type OrderCells = Partial<Record<OrderColumn, string | null | undefined>>;

const ISO_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?(Z|[+-]\d{2}(?::?\d{2})?)$/i;
const NAIVE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * "2026-03-01T10:15:00+03:00", "2026-03-01T07:15:00Z" or "2026-03-01 07:15[:00]" (UTC) → the
 * instant in ISO UTC; null when it is not one of these or not a real date and time.
 */
export function parseOrderedAt(text: string): string | null {
  const m = ISO_OFFSET.exec(text) ?? NAIVE.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s = '0', frac = '', off = 'Z'] = m;
  const Y = Number(y);
  const M = Number(mo);
  const D = Number(d);
  const H = Number(h);
  const MI = Number(mi);
  const S = Number(s);
  if (M < 1 || M > 12 || D < 1 || H > 23 || MI > 59 || S > 59) return null;
  const local = Date.UTC(Y, M - 1, D, H, MI, S, Number(frac.padEnd(3, '0').slice(0, 3)));
  if (new Date(local).getUTCDate() !== D) return null; // 31 April, 30 February
  let offsetMin = 0;
  if (off.toUpperCase() !== 'Z') {
    const om = /^([+-])(\d{2}):?(\d{2})?$/.exec(off);
    if (!om) return null;
    const oh = Number(om[2]);
    const omin = Number(om[3] ?? '0');
    if (oh > 14 || omin > 59) return null;
    offsetMin = (om[1] === '-' ? -1 : 1) * (oh * 60 + omin);
  }
  const at = local - offsetMin * 60_000;
  if (Y < 1970 || Y > 9999) return null;
  return new Date(at).toISOString();
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

/**
 * Checks and normalises one order: promo codes upper-case, UTM values lower-case, UTM taken
 * from the landing URL when its columns are empty, the amount in exact minor units.
 */
export function readOrder(cells: OrderCells): { values: OrderValues } | { issues: Issue[] } {
  const issues: Issue[] = [];
  const bad = (column: OrderColumn, message: string, code = 'invalid') =>
    issues.push({ column, message, code });
  const get = (c: OrderColumn, max: number) => {
    const v = textOf(cells[c]);
    if (v.length > max) {
      bad(c, `is longer than ${max} characters`, 'too_big');
      return null;
    }
    return v || null;
  };
  const externalId = get('external_id', 200);
  const customerId = get('customer_id', 200);
  const orderedText = get('ordered_at', 64);
  const amountText = get('amount', 40);
  const currencyText = get('currency', 10);
  const promo = get('promo_code', 100);
  let utmSource = get('utm_source', 200);
  let utmCampaign = get('utm_campaign', 200);
  const landingUrl = get('landing_url', 2000);
  if (!externalId && !issues.some((i) => i.column === 'external_id'))
    bad('external_id', 'is required', 'required');
  if (!customerId && !issues.some((i) => i.column === 'customer_id'))
    bad('customer_id', 'is required', 'required');
  let orderedAt: string | null = null;
  if (orderedText) {
    orderedAt = parseOrderedAt(orderedText);
    if (!orderedAt)
      bad(
        'ordered_at',
        `"${orderedText}" is not a date and time like 2026-03-01T10:15:00+03:00 or 2026-03-01 07:15 (UTC)`,
        'invalid_datetime',
      );
  } else if (!issues.some((i) => i.column === 'ordered_at')) bad('ordered_at', 'is required', 'required');
  let currency: string | null = null;
  if (currencyText) {
    if (/^[A-Za-z]{3}$/.test(currencyText)) currency = currencyText.toUpperCase();
    else
      bad('currency', `"${currencyText}" is not a three-letter currency code, e.g. USD`, 'invalid_currency');
  } else if (!issues.some((i) => i.column === 'currency')) bad('currency', 'is required', 'required');
  let amountMinor: number | null = null;
  if (amountText) {
    if (!/^\d+(\.\d+)?$/.test(amountText))
      bad(
        'amount',
        `"${amountText}" is not an amount like 49.90 (digits, "." for decimals)`,
        'invalid_money',
      );
    else if (currency) {
      const m = parseMoney(`${amountText} ${currency}`);
      if (m.ok) amountMinor = m.amountMinor;
      else bad('amount', m.message, m.code);
    }
  } else if (!issues.some((i) => i.column === 'amount')) bad('amount', 'is required', 'required');
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
  for (const c of required)
    if (!seen.has(c))
      errors.push({
        row: 1,
        column: c,
        message: `The header has no ${c} column; it is required`,
        code: 'missing_column',
      });
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
 * Reads CSV from a string or a stream, record by record (csv-parse's streaming API): the
 * header, then each data row with its number as a spreadsheet shows it (header = row 1).
 * Blank rows are skipped but counted. The delimiter is the header line's: a comma, else a
 * semicolon, else a tab. Bytes that are not UTF-8 refuse the file.
 */
export type CsvBatch = { header: string[] } | { records: { row: number; cells: string[] }[] };

export async function* readCsvRecords(input: CsvInput): AsyncGenerator<CsvBatch> {
  const source: AsyncIterable<Buffer | string> =
    typeof input === 'string' ? slices(input) : (input as AsyncIterable<Buffer | string>);
  const decoder = new StringDecoder('utf8');
  let parser: ReturnType<typeof parse> | null = null;
  let head = '';
  const queue: string[][] = [];
  let failure: unknown = null;
  let wake: (() => void) | null = null;
  let row = 0;
  let done = false;
  const decode = (chunk: Buffer | string) => {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (text.includes('\uFFFD'))
      throw fileError(
        `The file is not UTF-8 text (first unreadable character near row ${row + 1}); save it as "CSV UTF-8"`,
        'not_utf8',
      );
    return text;
  };
  const start = (first: string) => {
    const text = first.replace(/^\uFEFF/, '');
    const nl = text.search(/\r|\n/);
    const line = nl < 0 ? text : text.slice(0, nl);
    const delimiter = line.includes(',') ? ',' : line.includes(';') ? ';' : line.includes('\t') ? '\t' : ',';
    parser = parse({ delimiter, relax_column_count: true, skip_empty_lines: false });
    parser.on('readable', () => {
      let rec: string[] | null;
      // biome-ignore lint/suspicious/noAssignInExpressions: the stream idiom
      while ((rec = parser!.read() as string[] | null) !== null) queue.push(rec);
      wake?.();
    });
    parser.on('error', (e) => {
      failure = e;
      wake?.();
    });
    parser.on('end', () => {
      done = true;
      wake?.();
    });
    return text;
  };
  // Records come in batches (one per chunk of input): one await per batch, not per row.
  const drain = function* (): Generator<CsvBatch> {
    if (!queue.length) return;
    const batch = queue.splice(0);
    const records: { row: number; cells: string[] }[] = [];
    for (const cells of batch) {
      row++;
      if (row === 1) yield { header: cells };
      else if (cells.length > 1 || (cells[0] ?? '').trim() !== '') {
        if (cells.every((c) => c.trim() === '')) continue;
        records.push({ row, cells });
      }
    }
    if (records.length) yield { records };
  };
  const mapError = (e: unknown): unknown => {
    if (e instanceof CsvError) {
      const at = ((e as unknown as { records?: number }).records ?? row) + 1;
      const what =
        e.code === 'CSV_QUOTE_NOT_CLOSED'
          ? 'a quoted cell is never closed (a " is missing)'
          : e.code === 'INVALID_OPENING_QUOTE' || e.code === 'CSV_INVALID_CLOSING_QUOTE'
            ? 'a " inside a cell must be doubled ("") and the cell quoted'
            : e.message;
      return fileError(`Row ${at}: ${what}`, 'malformed_csv', at);
    }
    return e;
  };
  const write = async (chunk: string) => {
    if (!chunk) return;
    let text = chunk;
    if (!parser) {
      head += text;
      if (!/[\r\n]/.test(head) && head.length < 65536) return;
      text = start(head);
      head = '';
    }
    if (!parser!.write(text)) await new Promise<void>((r) => parser!.once('drain', () => r()));
  };

  for await (const chunk of source) {
    await write(decode(chunk));
    if (failure) throw mapError(failure);
    yield* drain();
  }
  await write(decode(decoder.end()));
  if (!parser) {
    if (!head.replace(/^\uFEFF/, '').trim())
      throw fileError('The file is empty: it needs a header row and at least one order', 'empty');
    start(head);
    (parser as unknown as ReturnType<typeof parse>).write(head.replace(/^\uFEFF/, ''));
  }
  parser!.end();
  while (!done && !failure) {
    yield* drain();
    await new Promise<void>((r) => {
      wake = r;
      if (done || failure || queue.length) r();
    });
    wake = null;
  }
  if (failure) throw mapError(failure);
  yield* drain();
}
