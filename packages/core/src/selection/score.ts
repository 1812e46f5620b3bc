import type { Pillar, PillarInput, PillarScore, SelectionWeights, Trajectory } from '@evergreen/contracts';
import { PROFESSIONALISM_TIER1_MAX } from '../roster/index.ts';

/**
 * The partnership-potential score: pure rules over facts that queries.ts reads in one statement.
 * docs/selection.md states every formula exactly as written here; change both together.
 */

export const DEFAULT_WEIGHTS: SelectionWeights = { performance: 25, stability: 20, fit: 40, growth: 15 };

/** Performance and stability read the last 12 months of posts and due dates. */
export const WINDOW_DAYS = 365;
/** Growth reads audience snapshots of the last 6 months. */
export const GROWTH_MONTHS = 6;

export const MIN = {
  /** Performance: sponsored live posts with a reach (or impressions) basis in the window. */
  performancePosts: 2,
  /** CPA: customers acquired in the window. */
  cpaAcquired: 1,
  /** Repeat purchase rate: customers acquired in the window. */
  repeatAcquired: 5,
  /** Consistency of engagement: posts with a basis in the window. */
  consistencyPosts: 3,
  /** On-time share: deliverables whose due date has passed in the window. */
  onTimeDue: 2,
  /** Fit: criteria rated by at least one team member. */
  fitCriteria: 3,
  /** Growth: days between the first and last snapshot of a platform in the last 6 months. */
  growthSpanDays: 60,
} as const;

/** Growth thresholds on the audience change over the window. */
export const GROWING_AT = 0.05;
export const DECLINING_AT = -0.05;

/** Weight of an issue by severity: in stability (open; half when resolved within the window) and in fit (open). */
export const STABILITY_ISSUE_WEIGHT = { low: 10, medium: 20, high: 40 } as const;
export const FIT_ISSUE_PENALTY = { low: 0, medium: 5, high: 10 } as const;

export interface IssueCounts {
  low: number;
  medium: number;
  high: number;
}

/** One creator's facts, as queries.ts reads them (numbers, not text). */
export interface ScoreFacts {
  creatorId: string;
  /** Posts with basis > 0 in the window, their mean and population standard deviation of engagements ÷ basis. */
  posts: number;
  erMean: number | null;
  erSd: number | null;
  /** Σ cost (reporting minor units) over posts in the window that have one. */
  cost: number;
  /** Σ basis over posts in the window that have a cost and a basis. */
  costedReach: number;
  costOfReach: number;
  acquired: number;
  repeaters: number;
  /** Deliverables due in the window (due date before today) and those live on or before it. */
  due: number;
  onTime: number;
  openIssues: IssueCounts;
  resolvedIssues: IssueCounts;
  /** Current rating per criterion (mean of each member's latest). */
  ratings: Partial<Record<string, number>>;
  /** Σ followers at the first and last snapshot of each platform with enough span; null = none. */
  followersFirst: number | null;
  followersLast: number | null;
}

/** The roster's reference values: the mean over creators that have each. */
export interface RosterRef {
  er: number | null;
  cpa: number | null;
  repeat: number | null;
  cpr: number | null;
}

const clamp = (x: number) => Math.min(100, Math.max(0, Math.round(x)));
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
const fmt = (x: number | null, digits = 4) => (x == null ? null : x.toFixed(digits));

export const er = (f: ScoreFacts) => (f.posts >= MIN.performancePosts ? f.erMean : null);
export const cpa = (f: ScoreFacts) =>
  f.posts >= MIN.performancePosts && f.acquired >= MIN.cpaAcquired && f.cost > 0 ? f.cost / f.acquired : null;
export const repeatRate = (f: ScoreFacts) =>
  f.posts >= MIN.performancePosts && f.acquired >= MIN.repeatAcquired ? f.repeaters / f.acquired : null;
export const cpr = (f: ScoreFacts) =>
  f.posts >= MIN.performancePosts && f.costedReach > 0 ? f.costOfReach / f.costedReach : null;

export function rosterRef(all: ScoreFacts[]): RosterRef {
  const of = (g: (f: ScoreFacts) => number | null) => mean(all.map(g).filter((x): x is number => x != null));
  return { er: of(er), cpa: of(cpa), repeat: of(repeatRate), cpr: of(cpr) };
}

/** 50 at the roster's value; higher is better: 50 × value ÷ roster (100 at twice the roster). */
const higherBetter = (v: number, ref: number | null) =>
  ref == null || ref === 0 ? 50 : clamp((50 * v) / ref);
/** 50 at the roster's value; lower is better: 50 × roster ÷ value (100 at half the roster's cost). */
const lowerBetter = (v: number, ref: number | null) =>
  v === 0 ? 100 : ref == null ? 50 : clamp((50 * ref) / v);

interface PillarResult {
  score: number | null;
  minimum: string;
  inputs: PillarInput[];
}

const meanScore = (inputs: PillarInput[]) => {
  const m = mean(inputs.map((i) => i.score).filter((s): s is number => s != null));
  return m == null ? null : clamp(m);
};

export function performancePillar(f: ScoreFacts, ref: RosterRef): PillarResult {
  const e = er(f);
  const c = cpa(f);
  const r = repeatRate(f);
  const p = cpr(f);
  const inputs: PillarInput[] = [
    {
      key: 'engagement_rate',
      value: fmt(e, 6),
      roster: fmt(ref.er, 6),
      score: e == null ? null : higherBetter(e, ref.er),
    },
    {
      key: 'cpa',
      value: fmt(c, 2),
      roster: fmt(ref.cpa, 2),
      score: c == null ? null : lowerBetter(c, ref.cpa),
    },
    {
      key: 'repeat_rate',
      value: fmt(r),
      roster: fmt(ref.repeat),
      score: r == null ? null : higherBetter(r, ref.repeat),
    },
    {
      key: 'cost_per_reach',
      value: fmt(p, 6),
      roster: fmt(ref.cpr, 6),
      score: p == null ? null : lowerBetter(p, ref.cpr),
    },
  ];
  return {
    score: f.posts >= MIN.performancePosts ? meanScore(inputs) : null,
    minimum: 'performance_posts',
    inputs,
  };
}

const issueSum = (c: IssueCounts, w: Record<keyof IssueCounts, number>) =>
  c.low * w.low + c.medium * w.medium + c.high * w.high;

export function stabilityPillar(f: ScoreFacts): PillarResult {
  const cv =
    f.posts >= MIN.consistencyPosts && f.erMean != null && f.erMean > 0 && f.erSd != null
      ? f.erSd / f.erMean
      : null;
  const share = f.due >= MIN.onTimeDue ? f.onTime / f.due : null;
  const issuePoints =
    issueSum(f.openIssues, STABILITY_ISSUE_WEIGHT) + issueSum(f.resolvedIssues, STABILITY_ISSUE_WEIGHT) / 2;
  const inputs: PillarInput[] = [
    { key: 'consistency', value: fmt(cv), roster: null, score: cv == null ? null : clamp(100 - 100 * cv) },
    {
      key: 'on_time',
      value: share == null ? null : `${f.onTime}/${f.due}`,
      roster: null,
      score: share == null ? null : clamp(100 * share),
    },
    { key: 'issues', value: String(issuePoints), roster: null, score: clamp(100 - issuePoints) },
  ];
  return {
    score: cv == null && share == null ? null : meanScore(inputs),
    minimum: 'stability_posts_or_due',
    inputs,
  };
}

export function fitPillar(f: ScoreFacts): PillarResult {
  const rated = Object.entries(f.ratings).filter((e): e is [string, number] => e[1] != null);
  const avg = mean(rated.map(([, v]) => v));
  const penalty = issueSum(f.openIssues, FIT_ISSUE_PENALTY);
  const inputs: PillarInput[] = [
    ...rated.map(([k, v]) => ({
      key: `rating_${k}`,
      value: v.toFixed(2),
      roster: null,
      score: clamp(25 * (v - 1)),
    })),
    { key: 'issues_penalty', value: String(penalty), roster: null, score: null },
  ];
  const enough = rated.length >= MIN.fitCriteria && avg != null;
  return { score: enough ? clamp(25 * (avg - 1) - penalty) : null, minimum: 'fit_criteria', inputs };
}

export function growthChange(f: ScoreFacts): number | null {
  if (f.followersFirst == null || f.followersLast == null || f.followersFirst <= 0) return null;
  return (f.followersLast - f.followersFirst) / f.followersFirst;
}

export function trajectoryOf(change: number | null): Trajectory | null {
  if (change == null) return null;
  return change >= GROWING_AT ? 'growing' : change <= DECLINING_AT ? 'declining' : 'plateau';
}

export function growthPillar(f: ScoreFacts): PillarResult {
  const ch = growthChange(f);
  return {
    score: ch == null ? null : clamp(50 + 500 * ch),
    minimum: 'growth_snapshots',
    inputs: [
      {
        key: 'followers_first',
        value: f.followersFirst == null ? null : String(f.followersFirst),
        roster: null,
        score: null,
      },
      {
        key: 'followers_last',
        value: f.followersLast == null ? null : String(f.followersLast),
        roster: null,
        score: null,
      },
      {
        key: 'audience_change',
        value: fmt(ch),
        roster: null,
        score: ch == null ? null : clamp(50 + 500 * ch),
      },
    ],
  };
}

export interface ScoreResult {
  score: number | null;
  pillars: PillarScore[];
  trajectory: Trajectory | null;
  professionalism: number | null;
  eligibleForTier1: boolean;
}

/**
 * Σ weight × pillar ÷ Σ weight over the pillars that have a number; null unless fit has one and
 * at least one other pillar does too.
 */
export function scoreCreator(f: ScoreFacts, ref: RosterRef, w: SelectionWeights): ScoreResult {
  const results: Record<Pillar, PillarResult> = {
    performance: performancePillar(f, ref),
    stability: stabilityPillar(f),
    fit: fitPillar(f),
    growth: growthPillar(f),
  };
  const order: Pillar[] = ['performance', 'stability', 'fit', 'growth'];
  const counted = order.filter((p) => results[p].score != null && w[p] > 0);
  const enough = results.fit.score != null && counted.length >= 2;
  const totalWeight = counted.reduce((a, p) => a + w[p], 0);
  const score =
    enough && totalWeight > 0
      ? clamp(counted.reduce((a, p) => a + w[p] * results[p].score!, 0) / totalWeight)
      : null;
  const professionalism = f.ratings.professionalism ?? null;
  return {
    score,
    pillars: order.map((p) => ({
      pillar: p,
      score: results[p].score,
      weight: w[p],
      contribution:
        score != null && counted.includes(p)
          ? Math.round((10 * w[p] * results[p].score!) / totalWeight) / 10
          : null,
      minimum: results[p].minimum,
      inputs: results[p].inputs,
    })),
    trajectory: trajectoryOf(growthChange(f)),
    professionalism,
    eligibleForTier1: professionalism == null || professionalism > PROFESSIONALISM_TIER1_MAX,
  };
}
