import type { WorkspaceClient } from './workspace.ts';

/** A campaign for April 2026 with one brief (two reels) for `creatorId`; both ids. */
export async function campaignWithBrief(w: WorkspaceClient, creatorId: string, name = 'Spring oat milk') {
  const k = await w.ok('POST', '/campaigns', {
    name,
    products: ['Oat Milk'],
    markets: ['US'],
    startsOn: '2026-04-01',
    endsOn: '2026-04-30',
  });
  const b = await w.ok('POST', `/campaigns/${k.id}/briefs`, {
    creatorId,
    title: 'Morning oats',
    body: 'Show the oat milk in your real breakfast.\nNo script.',
    deliverables: [{ type: 'reel', platform: 'instagram', quantity: 2, dueOn: '2026-04-10' }],
    dueOn: '2026-04-12',
  });
  return { campaignId: k.id as string, briefId: b.id as string };
}
