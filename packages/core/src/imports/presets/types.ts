import type { MappingKind } from '@evergreen/contracts';

/** A built-in preset: how one system's export is read (docs/csv.md, "Presets"). Pure data. */
export interface PresetData {
  name: string;
  kind: MappingKind;
  title: string;
  /** Where the header list comes from. */
  source: string;
  /** Columns that all appear in this system's export: a file with all of them is recognised. */
  recognise: string[];
  /** File column → field. */
  columns: Record<string, string>;
  options?: { decimal?: 'dot' | 'comma'; dateOrder?: 'dmy' | 'mdy' };
  /** Rows repeating an earlier row's value in this column belong to it (Shopify line items). */
  groupBy?: string;
  /** The field filled from the first non-empty of these columns, else from `fallback`. */
  firstOf?: { field: string; columns: string[]; fallback: string }[];
  /** Order status and refunded amount from Shopify's columns (the generic status columns). */
  shopifyStatus?: { financial: string; cancelledAt: string; refunded: string };
  /**
   * Order status from the system's own status column: its values (compared in lower case, ё as
   * е, spaces and hyphens as `_`, a `wc-` prefix dropped) → a generic status; any other value →
   * `otherwise`. With `refunded`, a paid order with a refund above 0 is partially refunded.
   */
  status?: { column: string; values: Record<string, string>; otherwise: string; refunded?: string };
  /** Summary rows to skip, e.g. YouTube's "Total" row. */
  summaryRows?: { column: string; values: string[] };
}
