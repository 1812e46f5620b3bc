import type { PresetData } from './types.ts';

/**
 * TikTok Studio › Analytics › Content › Download data (Content.csv): one row per video with its
 * totals. Header "Time","Video title","Video link","Post time","Total likes","Total comments",
 * "Total shares","Total views", as in public parsers of TikTok Studio exports. `Time` is a
 * localised day without a year ("18 января"): not read; the import's time is the reading's.
 * Posts are found by `Video link` (the video's numeric id).
 */
export const tiktokStudio: PresetData = {
  name: 'tiktok',
  kind: 'metrics',
  title: 'TikTok Studio content export',
  source: 'TikTok Studio › Analytics › Content › Download data (Content.csv)',
  recognise: ['Video title', 'Video link', 'Post time'],
  columns: {
    'Video link': 'post',
    'Total views': 'video_views',
    'Total likes': 'likes',
    'Total comments': 'comments',
    'Total shares': 'shares',
  },
};
