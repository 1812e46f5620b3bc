import { describe, expect, it } from 'vitest';
import { suggestNudge } from './cadence.ts';

// The cadence rules' tests are in packages/rules/src/cadence.test.ts.
describe('nudges', () => {
  it('shares a win when a recent post did well, with its numbers', () => {
    expect(suggestNudge({ recentWin: { title: 'Spring serum reel', engagementRatePct: '5.8' } })).toEqual({
      kind: 'shared_results',
      reason: 'Spring serum reel reached 5.8% engagement',
      templateKey: 'share_win',
      post: { title: 'Spring serum reel', engagementRatePct: '5.8' },
      campaign: null,
    });
  });
  it('asks their opinion when a campaign is being planned, else checks in', () => {
    expect(suggestNudge({ plannedCampaign: { name: 'Winter launch' } })).toMatchObject({
      kind: 'asked_opinion',
      post: null,
      campaign: { name: 'Winter launch' },
    });
    expect(suggestNudge({})).toEqual({
      kind: 'check_in',
      reason: 'A regular check-in',
      templateKey: 'check_in',
      post: null,
      campaign: null,
    });
  });
});
