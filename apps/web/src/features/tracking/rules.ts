import {
  type ColumnMapping,
  type Deliverable,
  deliverableStatuses,
  type ImportPreview,
  type ImportProgress,
  type Platform,
  platforms,
} from '@evergreen/contracts';
import { intlLocale } from '../../shared/i18n/format.ts';

/**
 * Pure helpers of the data-in screens: exact percentages from the API's decimal strings, the
 * UTM link builder (the server's rule, docs/performance.md), lags and import progress.
 */

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * A rate as a decimal string ("0.041000") → the percentage as a decimal string with `places`
 * decimals ("4.10"), by moving the point two places and rounding half up on the digits: no
 * float ever touches it. Null when the input is not a decimal.
 */
export function rateToPercent(rate: string, places = 2): string | null {
  const m = DECIMAL.exec(rate.trim());
  if (!m) return null;
  const [, sign = '', int = '0', frac = ''] = m;
  // ×100: the first two fraction digits join the integer part.
  const padded = frac.padEnd(2, '0');
  let intPart = `${int}${padded.slice(0, 2)}`.replace(/^0+(?=\d)/, '');
  let fracPart = padded.slice(2);
  if (fracPart.length > places) {
    const roundUp = fracPart.charCodeAt(places) - 48 >= 5;
    fracPart = fracPart.slice(0, places);
    if (roundUp) {
      // Add one unit in the last kept place, carrying through the digits.
      const digits = `${intPart}${fracPart}`.split('').map(Number);
      let i = digits.length - 1;
      while (i >= 0) {
        const d = (digits[i] ?? 0) + 1;
        if (d < 10) {
          digits[i] = d;
          break;
        }
        digits[i] = 0;
        i -= 1;
      }
      const joined = `${i < 0 ? '1' : ''}${digits.join('')}`;
      intPart = joined.slice(0, joined.length - places) || '0';
      fracPart = places > 0 ? joined.slice(joined.length - places) : '';
    }
  } else {
    fracPart = fracPart.padEnd(places, '0');
  }
  const negative = sign === '-' && /[1-9]/.test(`${intPart}${fracPart}`);
  return `${negative ? '-' : ''}${intPart}${places > 0 ? `.${fracPart}` : ''}`;
}

/** "0.041000" → "4.1%" (en) / "4,1 %" (ru): exact, at most two decimals; "—" for null. */
export function formatRate(rate: string | null | undefined, lng: string): string {
  if (rate === null || rate === undefined) return '—';
  const pct = rateToPercent(rate, 2);
  if (pct === null) return rate;
  return new Intl.NumberFormat(intlLocale(lng), {
    style: 'unit',
    unit: 'percent',
    maximumFractionDigits: 2,
  }).format(pct as Intl.StringNumericLiteral);
}

/** A UTM value as the server stores it: trimmed, lower case; null when it has spaces or & # = ?. */
export function normaliseUtm(value: string): string | null {
  const v = value.trim().toLowerCase();
  return v !== '' && v.length <= 100 && /^[^\s&#=?]+$/.test(v) ? v : null;
}

export const isHttpUrl = (value: string): boolean => {
  try {
    const url = new URL(value.trim());
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.');
  } catch {
    return false;
  }
};

/** A promo code as the server stores it (upper case), or null when it breaks the rule. */
export function normaliseCode(value: string): string | null {
  const v = value.trim().toUpperCase();
  return /^[A-Z0-9_-]{3,40}$/.test(v) ? v : null;
}

/** Seconds from a post to an order as whole units: under 48 h in hours, else in days (floor). */
export function lagParts(seconds: number): { unit: 'hour' | 'day'; value: number } {
  if (seconds < 48 * 3600) return { unit: 'hour', value: Math.floor(seconds / 3600) };
  return { unit: 'day', value: Math.floor(seconds / 86_400) };
}

/** Share of the work done, 0–100, whole percent (floor, so 100 only when it is all done). */
export function progressPercent(p: ImportProgress): number {
  if (p.phase === 'done') return 100;
  if (p.totalRows <= 0) return 0;
  return Math.min(100, Math.floor((p.processedRows * 100) / p.totalRows));
}

/** A count typed in a form: "" → null (not measured); digits only → the number; else undefined (invalid). */
export function parseCount(value: string): number | null | undefined {
  const v = value.replace(/[\s\u00a0\u202f,_]/g, '');
  if (v === '') return null;
  if (!/^\d{1,15}$/.test(v)) return undefined;
  return Number(v);
}

/** A `datetime-local` value ("2026-03-01T10:15") read in the browser's zone → ISO UTC; null if empty or bad. */
export function localToIso(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** An ISO instant → a `datetime-local` value in the browser's zone. */
export function isoToLocal(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The columns each import reads (docs/csv.md); the first ones are required. */
export const importColumns = {
  posts: {
    required: ['external_id', 'creator'],
    optional: [
      'agreement_id',
      'campaign',
      'platform',
      'type',
      'sponsored',
      'planned_on',
      'due_on',
      'posted_at',
      'url',
      'status',
      'cost',
      'cost_currency',
    ],
  },
  metrics: {
    required: ['post', 'captured_at'],
    optional: ['impressions', 'reach', 'likes', 'comments', 'shares', 'saves', 'clicks', 'video_views'],
  },
  orders: {
    required: ['external_id', 'customer_id', 'ordered_at', 'amount', 'currency'],
    optional: ['promo_code', 'utm_source', 'utm_campaign', 'landing_url'],
  },
} as const;

export const isDeliverableStatus = (value: string | null): value is Deliverable['status'] =>
  (deliverableStatuses as readonly (string | null)[]).includes(value);
export const isPlatform = (value: string | null): value is Platform =>
  (platforms as readonly (string | null)[]).includes(value);

export const postStatusColors: Record<Deliverable['status'], string> = {
  planned: 'gray',
  submitted: 'blue',
  approved: 'cyan',
  live: 'teal',
  missed: 'red',
};

// ---- the mapping step ------------------------------------------------------------------------

/** How an import reads the file's columns: a preset, a saved mapping by name, or a mapping itself. */
export interface ImportReading {
  preset?: string;
  saved?: string;
  mapping?: ColumnMapping;
}

/** How the import is to read the columns for what the preview shows. */
export function readingOf(p: ImportPreview): ImportReading {
  switch (p.source) {
    case 'preset':
      return { preset: p.preset ?? undefined };
    case 'saved':
      return { saved: p.savedMapping ?? undefined };
    case 'given':
    case 'proposed':
      return { mapping: p.mapping };
    default:
      return {};
  }
}

/** The file's columns after one column is set to a field (or ignored); the field moves, never doubles. */
export function remap(p: ImportPreview, column: string, field: string | null): ColumnMapping {
  const columns: Record<string, string | null> = {};
  for (const [c, f] of Object.entries(p.mapping.columns))
    columns[c] = c === column ? field : field !== null && f === field ? null : f;
  return { ...p.mapping, columns, ...(p.preset ? { preset: p.preset } : {}) };
}

/** The mapping "Save mapping as…" saves: a preset's keeps naming it (line items merged, status derived…). */
export function mappingToSave(p: ImportPreview): ColumnMapping {
  return p.preset ? { ...p.mapping, preset: p.preset } : p.mapping;
}

/** A JSON import's request for a reading: the mapping goes in the body, a preset or saved name in the query. */
export function readingRequest(reading: ImportReading | null | undefined): {
  mapping?: ColumnMapping;
  query: string;
} {
  const q = new URLSearchParams();
  if (reading?.preset) q.set('preset', reading.preset);
  if (reading?.saved) q.set('mapping', reading.saved);
  const query = q.toString();
  return { ...(reading?.mapping ? { mapping: reading.mapping } : {}), query: query ? `?${query}` : '' };
}
