import { metaInstagram } from './meta-instagram.ts';
import { ozonPostings } from './ozon-postings.ts';
import { shopifyOrders } from './shopify-orders.ts';
import { tiktokStudio } from './tiktok-studio.ts';
import type { PresetData } from './types.ts';
import { woocommerceAnalytics } from './woocommerce-analytics.ts';
import { woocommerceOrders } from './woocommerce-orders.ts';
import { youtubeStudio } from './youtube-studio.ts';

export type { PresetData } from './types.ts';

/** Every built-in preset (one file each). */
export const presets: PresetData[] = [
  shopifyOrders,
  woocommerceOrders,
  woocommerceAnalytics,
  ozonPostings,
  youtubeStudio,
  metaInstagram,
  tiktokStudio,
];
