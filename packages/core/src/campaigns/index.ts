/** Campaigns module: campaigns, briefs and their flow, overlap and rotation. */
export * from './brief-flow.ts';
export * from './briefs.ts';
export * from './campaigns.ts';
export * from './overlap.ts';
export * from './overlap-calendar.ts';
export { type CampaignRow, getCampaignRow } from './queries.ts';
export * from './rotation.ts';
export * from './suggest-creators.ts';
