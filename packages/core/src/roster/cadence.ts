import type { TouchpointKind } from '@evergreen/contracts';

/**
 * What to say when a creator is due (Today's nudges). The cadence rules themselves (next check-in,
 * gone quiet, snoozes, Today's buckets) are in @evergreen/rules, shared with the web app.
 */

export interface NudgeFacts {
  /** A recent post with an engagement reading (roster/activity.ts). */
  recentWin?: { title: string; engagementRatePct: string } | null;
  /** A campaign being planned that this creator could shape (roster/activity.ts). */
  plannedCampaign?: { name: string } | null;
}

/**
 * A touchpoint that is not needy: share a win when there is one, ask their opinion when a
 * campaign is being planned, else a plain check-in. Each comes with its message template.
 */
export function suggestNudge(f: NudgeFacts): {
  kind: TouchpointKind;
  reason: string;
  templateKey: string;
  post: { title: string; engagementRatePct: string } | null;
  campaign: { name: string } | null;
} {
  if (f.recentWin) {
    return {
      kind: 'shared_results',
      reason: `${f.recentWin.title} reached ${f.recentWin.engagementRatePct}% engagement`,
      templateKey: 'share_win',
      post: { title: f.recentWin.title, engagementRatePct: f.recentWin.engagementRatePct },
      campaign: null,
    };
  }
  if (f.plannedCampaign) {
    return {
      kind: 'asked_opinion',
      reason: `${f.plannedCampaign.name} is being planned`,
      templateKey: 'ask_opinion',
      post: null,
      campaign: { name: f.plannedCampaign.name },
    };
  }
  return {
    kind: 'check_in',
    reason: 'A regular check-in',
    templateKey: 'check_in',
    post: null,
    campaign: null,
  };
}
