import type { PresetData } from './types.ts';

/**
 * WooCommerce's order statuses → the generic status: one table for the webhook's `status`, the
 * Advanced Order Export plugin's "Order Status" and the Analytics download's "Status" (keys as
 * slugs with `_` for `-`, no `wc-` prefix). Not paid yet (on hold, pending payment, a checkout
 * draft) is pending; failed and trashed orders never brought money: cancelled.
 */
export const woocommerceStatus: Readonly<Record<string, 'paid' | 'pending' | 'cancelled' | 'refunded'>> = {
  completed: 'paid',
  processing: 'paid',
  on_hold: 'pending',
  pending: 'pending',
  pending_payment: 'pending',
  checkout_draft: 'pending',
  cancelled: 'cancelled',
  failed: 'cancelled',
  trash: 'cancelled',
  refunded: 'refunded',
};

/**
 * WooCommerce orders exported with the common "Advanced Order Export For WooCommerce" plugin
 * (WooCommerce › Export Orders, CSV), one row per item: the order's columns repeat on each item
 * row. Its default fields, in order, as public code reading these files lists them (e.g. a
 * Next.js importer's `defaultValue` and a TypeScript `CsvRow` interface found by the code search):
 * "Order Number","Order Status","Order Date","Customer Note","First Name (Billing)",
 * "Last Name (Billing)","Company (Billing)","Address 1&2 (Billing)","City (Billing)",
 * "State Code (Billing)","Postcode (Billing)","Country Code (Billing)","Email (Billing)",
 * "Phone (Billing)","First Name (Shipping)","Last Name (Shipping)","Address 1&2 (Shipping)",
 * "City (Shipping)","State Code (Shipping)","Postcode (Shipping)","Country Code (Shipping)",
 * "Payment Method Title","Cart Discount Amount","Order Subtotal Amount","Shipping Method Title",
 * "Order Shipping Amount","Order Refund Amount","Order Total Amount","Order Total Tax Amount",
 * "SKU","Item #","Item Name","Quantity (- Refund)","Item Cost","Coupon Code","Discount Amount",
 * "Discount Amount Tax". `Order Date` is "2026-03-05 14:30" (the shop's time: read in the
 * workspace's time zone). The default fields have no currency: add the plugin's "Order Currency"
 * field to the export (else the import asks for the currency column).
 *
 * Statuses (WooCommerce's, as labels or `wc-` slugs) through the one WooCommerce table
 * (`woocommerceStatus` below): completed and processing → paid (with a
 * refund above 0: partially refunded); on-hold, pending payment and a checkout draft → pending;
 * cancelled, failed and trash → cancelled; refunded → refunded; a custom status → pending.
 * The customer is `Email (Billing)`, else `Phone (Billing)`, else the order itself.
 * `Coupon Code` may list several codes ("SPRING10, VIP"): the first attributes the order.
 *
 * The standard WooCommerce export (Analytics › Orders › Download) is woocommerce-analytics.ts.
 */
export const woocommerceOrders: PresetData = {
  name: 'woocommerce',
  kind: 'orders',
  title: 'WooCommerce orders export (Advanced Order Export plugin)',
  source: 'WooCommerce › Export Orders (Advanced Order Export For WooCommerce), CSV',
  recognise: ['Order Number', 'Order Status', 'Order Date', 'Order Total Amount'],
  columns: {
    'Order Number': 'external_id',
    'Order Date': 'ordered_at',
    'Order Total Amount': 'amount',
    'Order Currency': 'currency',
    'Coupon Code': 'promo_code',
  },
  groupBy: 'Order Number',
  firstOfList: ['Coupon Code'],
  firstOf: [
    { field: 'customer_id', columns: ['Email (Billing)', 'Phone (Billing)'], fallback: 'Order Number' },
  ],
  status: {
    column: 'Order Status',
    refunded: 'Order Refund Amount',
    values: woocommerceStatus,
    otherwise: 'pending',
  },
};
