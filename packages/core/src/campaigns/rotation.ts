import type { RotationReason } from '@evergreen/contracts';
import { daysBetween } from '@evergreen/rules';

/**
 * Rotating a campaign through the roster, as a plain function of plain data: every creator gets
 * a score made of one line per factor (points and why), so the suggestion explains itself.
 * Alumni are not suggested at all; everyone else is, penalised where they are less available.
 */

/** The weights, in points. The positive factors add up to 80 (market 35 + tier 20 + recency 25). */
export const ROTATION_WEIGHTS = {
  /** At least one of the campaign's markets is one of the creator's. */
  marketMatch: 35,
  /** Strategic partners first. */
  tier: { 1: 20, 2: 10, 3: 0 } as Record<number, number>,
  /** Longest since their last campaign: full points at RECENCY_FULL_DAYS or more (or never). */
  recency: 25,
  /** Per active brief (sent, accepted, change requested), down to loadFloor. */
  loadPerBrief: -10,
  loadFloor: -30,
  /** Not (or no longer) fully available. */
  prospect: -10,
  paused: -40,
  noticeGiven: -40,
  /** Days until the campaign starts are fewer than the creator's preferred lead time. */
  shortLeadTime: -15,
  /** A strategic launch: Tier 1 partners first, more than in a regular campaign. */
  launchTier: { 1: 45, 2: 15, 3: 0 } as Record<number, number>,
  /** Partnership-potential score ÷ 5 (0–20); none without a score. */
  potentialDivisor: 5,
  /** Results per dollar against the roster's: 10 at the roster's mean, at most 15. */
  valueAtRoster: 10,
  valueMax: 15,
} as const;
export const RECENCY_FULL_DAYS = 180;

export interface RotationCampaign {
  markets: string[];
  startsOn: string;
  kind?: 'regular' | 'strategic_launch';
}

export interface RotationCandidate {
  creatorId: string;
  displayName: string;
  tier: number;
  status: 'prospect' | 'active' | 'paused' | 'alumni';
  markets: string[];
  leadTimeDays: number | null;
  /** The last day of their latest campaign or deliverable (before this campaign); null: never. */
  lastActivityOn: string | null;
  /** Briefs sent, accepted or with a change pending, in other campaigns. */
  activeBriefs: number;
  /** An agreement of theirs is in its notice period. */
  noticeGiven: boolean;
  /** Partnership-potential score (the gut call where there is one); null: not enough data. */
  potential?: number | null;
  /** Attributed revenue ÷ cost over the last 12 months (reporting currency); null: no cost or no revenue data. */
  resultsPerDollar?: number | null;
}

export interface RotationWarning {
  code: 'short_lead_time';
  leadTimeDays: number;
  daysUntilStart: number;
}

export interface RotationScore {
  score: number;
  reasons: (RotationReason & { factor: RotationReason['factor'] })[];
  warnings: RotationWarning[];
}

const W = ROTATION_WEIGHTS;

/** The recency points: proportional to the days since, rounded, full from RECENCY_FULL_DAYS on. */
export function recencyPoints(daysSince: number | null): number {
  if (daysSince == null) return W.recency;
  const d = Math.min(Math.max(daysSince, 0), RECENCY_FULL_DAYS);
  return Math.round((W.recency * d) / RECENCY_FULL_DAYS);
}

/** The explained score of one creator for one campaign; null when they are not suggested (alumni). */
export function scoreCandidate(
  c: RotationCandidate,
  campaign: RotationCampaign,
  today: string,
  rosterResultsPerDollar?: number | null,
): RotationScore | null {
  if (c.status === 'alumni') return null;
  const reasons: RotationScore['reasons'] = [];
  const warnings: RotationWarning[] = [];

  const common = campaign.markets.filter((m) => c.markets.includes(m));
  if (!campaign.markets.length)
    reasons.push({ factor: 'market', points: 0, detail: 'The campaign has no markets set' });
  else if (common.length)
    reasons.push({ factor: 'market', points: W.marketMatch, detail: `Works in ${common.join(', ')}` });
  else
    reasons.push({
      factor: 'market',
      points: 0,
      detail: `No market in common (campaign: ${campaign.markets.join(', ')}; creator: ${c.markets.join(', ') || 'none'})`,
    });

  const launch = campaign.kind === 'strategic_launch';
  reasons.push({
    factor: 'tier',
    points: (launch ? W.launchTier : W.tier)[c.tier] ?? 0,
    detail: launch ? `Tier ${c.tier}; a strategic launch prefers Tier 1` : `Tier ${c.tier}`,
  });

  const daysSince = c.lastActivityOn == null ? null : Math.max(0, daysBetween(c.lastActivityOn, today));
  reasons.push({
    factor: 'recency',
    points: recencyPoints(daysSince),
    detail:
      daysSince == null
        ? 'No campaign yet'
        : daysSince === 0
          ? `In a campaign now (until ${c.lastActivityOn})`
          : `${daysSince} days since their last campaign (${c.lastActivityOn})`,
  });

  reasons.push({
    factor: 'load',
    points: c.activeBriefs ? Math.max(W.loadFloor, W.loadPerBrief * c.activeBriefs) : 0,
    detail: c.activeBriefs
      ? `${c.activeBriefs} active brief${c.activeBriefs === 1 ? '' : 's'}`
      : 'No active briefs',
  });

  let availability = 0;
  const why: string[] = [];
  if (c.status === 'paused') {
    availability += W.paused;
    why.push('Paused');
  } else if (c.status === 'prospect') {
    availability += W.prospect;
    why.push('A prospect, not yet a partner');
  }
  if (c.noticeGiven) {
    availability += W.noticeGiven;
    why.push('Notice given on their agreement');
  }
  reasons.push({ factor: 'availability', points: availability, detail: why.join('; ') || 'Active' });

  const daysUntilStart = daysBetween(today, campaign.startsOn);
  if (c.leadTimeDays == null)
    reasons.push({ factor: 'lead_time', points: 0, detail: 'No preferred lead time recorded' });
  else if (daysUntilStart < c.leadTimeDays) {
    reasons.push({
      factor: 'lead_time',
      points: W.shortLeadTime,
      detail: `Starts in ${daysUntilStart} days; they like ${c.leadTimeDays} days' notice`,
    });
    warnings.push({ code: 'short_lead_time', leadTimeDays: c.leadTimeDays, daysUntilStart });
  } else
    reasons.push({
      factor: 'lead_time',
      points: 0,
      detail: `Starts in ${daysUntilStart} days; they like ${c.leadTimeDays} days' notice`,
    });

  if (c.potential !== undefined)
    reasons.push({
      factor: 'potential',
      points: c.potential == null ? 0 : Math.round(c.potential / W.potentialDivisor),
      detail: c.potential == null ? 'No partnership score yet' : `Partnership score ${c.potential}`,
    });
  if (c.resultsPerDollar !== undefined)
    reasons.push({
      factor: 'value',
      points: valuePoints(c.resultsPerDollar ?? null, rosterResultsPerDollar ?? null),
      detail:
        c.resultsPerDollar == null
          ? 'No results per dollar yet'
          : `${c.resultsPerDollar.toFixed(2)} in sales per 1 spent${
              rosterResultsPerDollar ? ` (roster ${rosterResultsPerDollar.toFixed(2)})` : ''
            }`,
    });

  return { score: reasons.reduce((s, r) => s + r.points, 0), reasons, warnings };
}

/** 10 points at the roster's mean results per dollar, proportionally, at most 15; none without data. */
export function valuePoints(rpd: number | null, roster: number | null): number {
  if (rpd == null || roster == null || roster <= 0) return 0;
  return Math.min(W.valueMax, Math.round((W.valueAtRoster * rpd) / roster));
}

/** The roster's results per dollar: the mean over the candidates that have one. */
export function rosterResultsPerDollar(candidates: RotationCandidate[]): number | null {
  const xs = candidates.map((c) => c.resultsPerDollar).filter((x): x is number => x != null);
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
}

/** Candidates by score, best first; ties: lower tier number, then name. Alumni left out. */
export function rankCandidates(
  candidates: RotationCandidate[],
  campaign: RotationCampaign,
  today: string,
): (RotationCandidate & RotationScore)[] {
  const roster = rosterResultsPerDollar(candidates);
  return candidates
    .flatMap((c) => {
      const s = scoreCandidate(c, campaign, today, roster);
      return s ? [{ ...c, ...s }] : [];
    })
    .sort((a, b) => b.score - a.score || a.tier - b.tier || a.displayName.localeCompare(b.displayName));
}
