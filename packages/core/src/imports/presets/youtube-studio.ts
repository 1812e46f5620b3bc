import type { PresetData } from './types.ts';

/**
 * YouTube Studio › Analytics › Advanced mode › Content, exported as "Comma-separated values":
 * the "Table data.csv" of aggregated metrics by video. `Content` is the video id; the first data
 * row is the `Total` of all videos (skipped and reported). No capture time: a lifetime export, so
 * the import's time is the reading's time. Header as in bsovic23/bsov-analytics
 * (client/src/typeScript/youtube.ts) and YouTube Studio's export.
 */
export const youtubeStudio: PresetData = {
  name: 'youtube',
  kind: 'metrics',
  title: 'YouTube Studio: aggregated metrics by video',
  source: 'YouTube Studio › Analytics › Advanced mode › Export › Comma-separated values (Table data.csv)',
  recognise: ['Content', 'Video title', 'Video publish time', 'Views'],
  columns: {
    Content: 'post',
    Views: 'video_views',
    Impressions: 'impressions',
    Likes: 'likes',
    Comments: 'comments',
    Shares: 'shares',
  },
  summaryRows: { column: 'Content', values: ['Total'] },
};
