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
  /**
   * Columns holding a list ("SPRING10, VIP"): the first item of the list is read (an order
   * carries one promo code; the webhook receivers take the first coupon too).
   */
  firstOfList?: string[];
  /**
   * The export has no currency column: amounts are in the workspace's reporting currency (said
   * in the preview's notes).
   */
  workspaceCurrency?: boolean;
  /**
   * Refunds are rows of their own: a row with a negative amount and the `groupBy` value of an
   * order is a refund of it (WooCommerce Analytics). Refund rows above their order's row (the
   * export's newest-first order) are added up into its refunded amount; one below it is
   * skipped and reported.
   */
  refundRows?: boolean;
  /** Summary rows to skip, e.g. YouTube's "Total" row. */
  summaryRows?: { column: string; values: string[] };
}
