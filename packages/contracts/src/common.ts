import { z } from 'zod';

export const roles = ['owner', 'manager', 'analyst', 'creator'] as const;
export const role = z.enum(roles);
export type Role = z.infer<typeof role>;
/** Roles a teammate can be given from settings (creators join through the portal). */
export const teamRole = z.enum(['owner', 'manager', 'analyst']);
export type TeamRole = z.infer<typeof teamRole>;

export const languages = ['en', 'ru'] as const;
export const language = z.enum(languages);
export type Language = z.infer<typeof language>;

export const uuid = z.uuid();
export const email = z
  .email()
  .max(254)
  .transform((v) => v.trim().toLowerCase());
/** ISO 4217 alphabetic code. */
export const currencyCode = z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code, e.g. USD');
/** Market code, ISO 3166-1 alpha-2 (US, RU, …). */
export const marketCode = z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter country code, e.g. US');
export const isoDateTime = z.string();

export const idParams = z.object({ workspaceId: uuid });
export const ok = z.object({ ok: z.literal(true) });

// ---- values every store can hold (docs/decisions/0008-hostile-input.md) ---------------------

/** PostgreSQL `integer`: every count, quantity and day number the API takes is stored in one. */
export const INT4_MAX = 2_147_483_647;
/** An integer that fits an `integer` column. */
export const int4 = z.number().int().max(INT4_MAX);
/** Money in minor units is `bigint`: bounded by what JSON numbers carry exactly. */
export const MONEY_MAX = Number.MAX_SAFE_INTEGER;

/** Dates outside these years are typing mistakes (0000, 20266), and year 0 does not exist in SQL. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2200;
const yearOf = (s: string) => Number(/^(\d{4})-/.exec(s)?.[1] ?? Number.NaN);
/**
 * Keeps a date's or date-time's year within MIN_YEAR..MAX_YEAR (code `date_out_of_range`) when a
 * request is read. A codec, so that answers are not held to it: a date worked out from one
 * (a term's end, a payment's due day) may fall past MAX_YEAR and must still be answered.
 */
export const saneYear = (schema: z.ZodType<string, string>) =>
  z.codec(schema, schema, {
    decode: (s, ctx) => {
      const y = yearOf(s);
      if (!Number.isNaN(y) && (y < MIN_YEAR || y > MAX_YEAR))
        ctx.issues.push({
          code: 'custom',
          input: s,
          message: `must be between the years ${MIN_YEAR} and ${MAX_YEAR}`,
          params: { code: 'date_out_of_range', minimum: MIN_YEAR, maximum: MAX_YEAR },
        });
      return s;
    },
    encode: (s) => s,
  });
/** A moment with its offset, e.g. 2026-03-01T10:00:00Z, in a sane year. */
export const isoDateTimeInput = saneYear(z.iso.datetime({ offset: true }));

/** A link people will click: http or https only (never javascript: or data:). */
export const httpUrl = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .describe('An http(s) URL');

/** Why a string cannot be stored: PostgreSQL text refuses NUL; UTF-8 and jsonb refuse a lone surrogate. */
export type TextFault = 'nul_character' | 'lone_surrogate';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export function textFault(s: string): TextFault | null {
  if (s.includes('\u0000')) return 'nul_character';
  if (LONE_SURROGATE.test(s)) return 'lone_surrogate';
  return null;
}
export const textFaultMessage: Record<TextFault | 'too_deep', string> = {
  nul_character: 'contains a NUL character (U+0000), which cannot be stored',
  lone_surrogate: 'contains half of a character (an unpaired UTF-16 surrogate), which cannot be stored',
  too_deep: 'is nested too deeply',
};
/** No request body Evergreen reads nests deeper than a few levels. */
export const MAX_DEPTH = 32;

/**
 * The first string (value or object key) in a parsed JSON value that cannot be stored, or a
 * nesting deeper than MAX_DEPTH, with its path as the API names fields ("tiers.0.name").
 * Walks without recursion, so a hostile nesting cannot exhaust the stack.
 */
export function findTextFault(
  value: unknown,
  opts: { skip?: (path: string) => boolean } = {},
): { field: string; code: TextFault | 'too_deep' } | null {
  const stack: { v: unknown; path: string; depth: number }[] = [{ v: value, path: '', depth: 0 }];
  const join = (a: string, b: string) => (a ? `${a}.${b}` : b);
  while (stack.length) {
    const { v, path, depth } = stack.pop()!;
    if (path && opts.skip?.(path)) continue;
    if (typeof v === 'string') {
      const code = textFault(v);
      if (code) return { field: path, code };
      continue;
    }
    if (!v || typeof v !== 'object') continue;
    if (depth >= MAX_DEPTH) return { field: path, code: 'too_deep' };
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--)
        stack.push({ v: v[i], path: join(path, String(i)), depth: depth + 1 });
      continue;
    }
    const entries = Object.entries(v);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [k, x] = entries[i]!;
      const code = textFault(k);
      if (code) return { field: join(path, k), code };
      stack.push({ v: x, path: join(path, k), depth: depth + 1 });
    }
  }
  return null;
}
