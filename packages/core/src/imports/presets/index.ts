import { shopifyOrders } from './shopify-orders.ts';
import type { PresetData } from './types.ts';
import { youtubeStudio } from './youtube-studio.ts';

export type { PresetData } from './types.ts';

/** Every built-in preset (one file each). */
export const presets: PresetData[] = [shopifyOrders, youtubeStudio];
