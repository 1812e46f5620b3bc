import type { PresetData } from './types.ts';

/**
 * Meta Business Suite › Insights › Content › Export data (Instagram posts, CSV): one row per
 * post with lifetime numbers. Header as a public script pairing Meta Business Suite exports
 * with posts documents it: "Post ID","Account ID","Account username","Description",
 * "Duration (sec)","Publish time","Permalink","Post type","Data comment","Date","Impressions",
 * "Reach","Likes","Comments","Saves","Shares","Follows" (newer exports say "Views" for
 * impressions). `Date` says "Lifetime": there is no capture time, so the import's time is the
 * reading's. Posts are found by `Permalink` (Instagram /p/ and /reel/ links are one post).
 */
export const metaInstagram: PresetData = {
  name: 'meta',
  kind: 'metrics',
  title: 'Meta Business Suite / Instagram post export',
  source: 'Meta Business Suite › Insights › Content › Export data (CSV)',
  recognise: ['Post ID', 'Permalink', 'Publish time', 'Post type'],
  columns: {
    Permalink: 'post',
    Impressions: 'impressions',
    Views: 'video_views',
    Reach: 'reach',
    Likes: 'likes',
    Comments: 'comments',
    Saves: 'saves',
    Shares: 'shares',
  },
};
