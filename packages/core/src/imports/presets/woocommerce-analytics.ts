import type { PresetData } from './types.ts';
import { woocommerceStatus } from './woocommerce-orders.ts';

/**
 * WooCommerce's own orders download: WooCommerce › Analytics › Orders › "Download" (the
 * woocommerce-admin orders report, client/analytics/report/orders/table.js, getHeadersContent:
 * the CSV has the table's column labels and each cell's `value`). Header, in order:
 * "Date","Order #","Status","Customer","Customer type","Product(s)","Items sold","Coupon(s)",
 * "Net sales" and, in newer versions, "Origin". The report mailed for a large range (the REST
 * orders report's export columns) reads "Date","Order #","N. Revenue (formatted)","Status",
 * "Customer","Customer type","Product(s)","Items sold","Coupon(s)","Net Sales","Attribution";
 * versions before "Net sales" wrote "N. Revenue". Values as the report has them: `Date`
 * "2026-03-05T14:30:00" or "2026-03-05 14:30:00" (the shop's time: read in the workspace's time
 * zone), `Status` a slug ("completed"), `Customer` "First Last", `Customer type` "new" or
 * "returning", `Coupon(s)` "SPRING10, VIP", `Net sales` a plain number ("45.5", refunds "-10").
 *
 * - No currency column: amounts are in the workspace's reporting currency (the preview says so).
 * - No email: the customer is the `Customer` name, else the order itself (docs/csv.md says why
 *   this is weaker: two customers with one name are one, a renamed one is two).
 * - `Net sales` is the order's net (without tax and shipping), the revenue WooCommerce reports.
 * - `Coupon(s)`: the first code attributes the order (as the webhook receiver does).
 * - Statuses through the one WooCommerce table (`woocommerceStatus`, shared with the webhook and
 *   the export-plugin preset).
 * - A refund is a row of its own, same `Order #`, negative `Net sales`, dated when refunded:
 *   refund rows above their order (the download's default newest-first order) are added up into
 *   its refunded amount (completed/processing with a refund → partially refunded); a refund row
 *   below its order is skipped and reported.
 */
export const woocommerceAnalytics: PresetData = {
  name: 'woocommerce-analytics',
  kind: 'orders',
  title: 'WooCommerce Analytics orders download',
  source: 'WooCommerce › Analytics › Orders › Download (CSV)',
  recognise: ['Date', 'Order #', 'Status', 'Customer', 'Customer type', 'Coupon(s)'],
  columns: {
    'Order #': 'external_id',
    Date: 'ordered_at',
    'Net sales': 'amount',
    'N. Revenue': 'amount',
    'Coupon(s)': 'promo_code',
  },
  groupBy: 'Order #',
  firstOfList: ['Coupon(s)'],
  firstOf: [{ field: 'customer_id', columns: ['Customer'], fallback: 'Order #' }],
  workspaceCurrency: true,
  refundRows: true,
  status: { column: 'Status', values: woocommerceStatus, otherwise: 'pending' },
};
