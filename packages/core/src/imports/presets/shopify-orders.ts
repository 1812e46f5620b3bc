import type { PresetData } from './types.ts';

/**
 * Shopify's financial status → the generic status: one rule for the export's "Financial Status"
 * column and the webhook's `financial_status` (a cancelled order is cancelled whatever it says;
 * the callers check "Cancelled at" / `cancelled_at` first). Not (fully) paid yet is pending.
 */
export const shopifyFinancialStatus: Readonly<
  Record<string, 'paid' | 'pending' | 'cancelled' | 'refunded' | 'partially_refunded'>
> = {
  paid: 'paid',
  partially_refunded: 'partially_refunded',
  refunded: 'refunded',
  pending: 'pending',
  authorized: 'pending',
  partially_paid: 'pending',
  voided: 'cancelled',
};

/**
 * Shopify admin → Orders → Export (CSV for Excel, Numbers or other spreadsheet programs). The
 * header is Shopify's 79 columns, one row per line item: the order's own columns (Total,
 * Currency, Financial Status…) are on its first row, later rows of the same `Name` carry only
 * line-item columns. Header list as in the public parsers laplace-live/shopify-csv-converter
 * (src/types/index.d.ts) and jadwro/allegro_csv_parser (ShopifyHeaderMap).
 *
 * Customer: `Email`, else `Phone`, else the order itself (a guest checkout without contact is its
 * own customer). The order id is Shopify's `Id` (kept as text: it passes 2^53), else `Name`.
 */
export const shopifyOrders: PresetData = {
  name: 'shopify',
  kind: 'orders',
  title: 'Shopify orders export',
  source: 'Shopify admin › Orders › Export',
  recognise: ['Name', 'Email', 'Financial Status', 'Total', 'Created at', 'Lineitem name'],
  columns: {
    'Created at': 'ordered_at',
    Total: 'amount',
    Currency: 'currency',
    'Discount Code': 'promo_code',
  },
  groupBy: 'Name',
  firstOf: [
    { field: 'external_id', columns: ['Id'], fallback: 'Name' },
    { field: 'customer_id', columns: ['Email', 'Phone'], fallback: 'Name' },
  ],
  shopifyStatus: { financial: 'Financial Status', cancelledAt: 'Cancelled at', refunded: 'Refunded Amount' },
};

/** Shopify's order export header, in its order (79 columns). */
export const SHOPIFY_ORDERS_HEADER = [
  'Name',
  'Email',
  'Financial Status',
  'Paid at',
  'Fulfillment Status',
  'Fulfilled at',
  'Accepts Marketing',
  'Currency',
  'Subtotal',
  'Shipping',
  'Taxes',
  'Total',
  'Discount Code',
  'Discount Amount',
  'Shipping Method',
  'Created at',
  'Lineitem quantity',
  'Lineitem name',
  'Lineitem price',
  'Lineitem compare at price',
  'Lineitem sku',
  'Lineitem requires shipping',
  'Lineitem taxable',
  'Lineitem fulfillment status',
  'Billing Name',
  'Billing Street',
  'Billing Address1',
  'Billing Address2',
  'Billing Company',
  'Billing City',
  'Billing Zip',
  'Billing Province',
  'Billing Country',
  'Billing Phone',
  'Shipping Name',
  'Shipping Street',
  'Shipping Address1',
  'Shipping Address2',
  'Shipping Company',
  'Shipping City',
  'Shipping Zip',
  'Shipping Province',
  'Shipping Country',
  'Shipping Phone',
  'Notes',
  'Note Attributes',
  'Cancelled at',
  'Payment Method',
  'Payment Reference',
  'Refunded Amount',
  'Vendor',
  'Outstanding Balance',
  'Employee',
  'Location',
  'Device ID',
  'Id',
  'Tags',
  'Risk Level',
  'Source',
  'Lineitem discount',
  'Tax 1 Name',
  'Tax 1 Value',
  'Tax 2 Name',
  'Tax 2 Value',
  'Tax 3 Name',
  'Tax 3 Value',
  'Tax 4 Name',
  'Tax 4 Value',
  'Tax 5 Name',
  'Tax 5 Value',
  'Phone',
  'Receipt Number',
  'Duties',
  'Billing Province Name',
  'Shipping Province Name',
  'Payment ID',
  'Payment Terms Name',
  'Next Payment Due At',
  'Payment References',
];
