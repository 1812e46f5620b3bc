/** Imports module: column mappings, file presets and the import preview shared by every CSV import. */
export * from './mapping.ts';
export * from './presets/shopify-orders.ts';
export { woocommerceStatus } from './presets/woocommerce-orders.ts';
export * from './preview.ts';
