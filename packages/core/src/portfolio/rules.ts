import type { PartnershipPhase, PortfolioSettings } from '@evergreen/contracts';
import { formatRatio, type Ratio } from '../performance/index.ts';

/**
 * The portfolio's pure rules (docs/portfolio.md): concentration, turnover, the phase of a
 * partnership and the workload estimate. Plain data in, exact decimals out.
 */

const ratio = (n: bigint, d: bigint): string | null => (d === 0n ? null : formatRatio({ n, d }, 4));

// ---- concentration ---------------------------------------------------------------------------

/** The share of creators counted as "the top": 20%, rounded up to whole creators. */
export const TOP_SHARE_PCT = 20;
/** At most this many Lorenz points (plus the origin) are answered; more creators are sampled evenly. */
export const LORENZ_POINTS = 100;

export interface ConcentrationInput {
  id: string;
  value: bigint;
}

export interface ConcentrationResult {
  creators: number;
  topCount: number;
  topShare: string | null;
  topIds: Set<string>;
  total: bigint;
  gini: string | null;
  lorenz: { creators: string; value: string }[];
}

/**
 * Share of the total from the top ⌈20%⌉ creators, the Lorenz curve (creators poorest first:
 * share of creators → share of the value) and the Gini coefficient 1 − 2 × (area under it).
 */
export function concentrationOf(items: ConcentrationInput[]): ConcentrationResult {
  const n = items.length;
  // Poorest first; ties by id so the same data always draws the same curve.
  const sorted = [...items].sort((a, b) =>
    a.value === b.value ? a.id.localeCompare(b.id) : a.value < b.value ? -1 : 1,
  );
  const total = sorted.reduce((s, x) => s + x.value, 0n);
  const topCount = n === 0 ? 0 : Math.ceil((n * TOP_SHARE_PCT) / 100);
  const top = sorted.slice(n - topCount);
  const topSum = top.reduce((s, x) => s + x.value, 0n);
  const cum: bigint[] = [0n];
  for (const x of sorted) cum.push(cum[cum.length - 1]! + x.value);
  // Area under the curve = Σ (C[k−1] + C[k]) ÷ (2 · n · total); Gini = 1 − 2 · area.
  let trap = 0n;
  for (let k = 1; k <= n; k++) trap += cum[k - 1]! + cum[k]!;
  const gini = n === 0 || total === 0n ? null : ratio(BigInt(n) * total - trap, BigInt(n) * total);
  const step = Math.max(1, Math.ceil(n / LORENZ_POINTS));
  const lorenz: ConcentrationResult['lorenz'] = [];
  if (n > 0 && total > 0n) {
    for (let k = 0; k <= n; k += step) lorenz.push(point(k, n, cum[k]!, total));
    if (n % step !== 0) lorenz.push(point(n, n, cum[n]!, total));
  }
  return {
    creators: n,
    topCount,
    topShare: ratio(topSum, total),
    topIds: new Set(top.map((x) => x.id)),
    total,
    gini,
    lorenz,
  };
}
const point = (k: number, n: number, c: bigint, total: bigint) => ({
  creators: formatRatio({ n: BigInt(k), d: BigInt(n) }, 4),
  value: formatRatio({ n: c, d: total }, 4),
});

/** Over the threshold when topShare > warnPct %. */
export const concentrationWarns = (topShare: string | null, warnPct: number): boolean => {
  if (topShare == null) return false;
  const [w = '0', f = ''] = topShare.split('.');
  // topShare has 4 places: compare in ten-thousandths.
  return Number(w) * 10000 + Number(f.padEnd(4, '0')) > warnPct * 100;
};

// ---- turnover ----------------------------------------------------------------------------------

/** The turnover a healthy roster expects of Tier 1 in a year (the seeds: 10–20%). */
export const EXPECTED_TURNOVER = { min: '0.1000', max: '0.2000' } as const;

export interface TierState {
  tier: number;
  status: string;
}
/** In Tier 1: tier 1 and on the roster (active or paused; prospects and alumni are not). */
export const inTier1 = (s: TierState): boolean =>
  s.tier === 1 && (s.status === 'active' || s.status === 'paused');

export interface TurnoverCreator extends TierState {
  id: string;
  name: string;
  /** The day the creator was added; before it they were in no tier. */
  createdOn: string;
}
export interface TierEvent {
  creatorId: string;
  kind: 'tier_changed' | 'status_changed';
  from: string;
  to: string;
  /** The day of the change (it counts from the end of that day). */
  on: string;
}

/** The same day `months` months earlier, on the month's last day when it has no such day. */
export function monthsBefore(day: string, months: number): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7)) - 1 - months;
  const yy = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(yy, mm + 1, 0)).getUTCDate();
  const d = Math.min(Number(day.slice(8, 10)), last);
  return `${yy}-${String(mm + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const undo = (s: TierState, e: TierEvent): TierState =>
  e.kind === 'tier_changed' ? { ...s, tier: Number(e.from) } : { ...s, status: e.from };

export interface TurnoverResult {
  from: string;
  to: string;
  left: number;
  joined: number;
  samples: { on: string; size: number }[];
  averageSize: string;
  rate: string | null;
  status: 'below' | 'within' | 'above' | null;
  leavers: { creatorId: string; name: string; on: string; to: string }[];
}

/**
 * Tier 1 turnover over the 12 months up to `today`: creators who left Tier 1 in that window
 * (their last leaving, once each) ÷ the mean Tier 1 size on the same day of each of the last 12
 * months (the oldest 11 months ago, the newest today). Sizes are worked back from today's tiers
 * by undoing the recorded tier and status changes after each day. `events`: the changes after
 * the window's start, in the order they happened.
 */
export function turnoverOf(today: string, creators: TurnoverCreator[], events: TierEvent[]): TurnoverResult {
  const from = monthsBefore(today, 12);
  const days = Array.from({ length: 12 }, (_, i) => monthsBefore(today, 11 - i));
  const byCreator = new Map<string, TierEvent[]>();
  for (const e of events) {
    if (e.on <= from || e.on > today) continue;
    const list = byCreator.get(e.creatorId) ?? [];
    list.push(e);
    byCreator.set(e.creatorId, list);
  }
  const sizes = days.map(() => 0);
  const leavers: TurnoverResult['leavers'] = [];
  let joined = 0;
  for (const c of creators) {
    const evs = byCreator.get(c.id) ?? [];
    // States after each event, newest first: after the last event the state is today's.
    const after: TierState[] = [];
    let s: TierState = { tier: c.tier, status: c.status };
    for (let i = evs.length - 1; i >= 0; i--) {
      after[i] = s;
      s = undo(s, evs[i]!);
    }
    const initial = s;
    const stateOn = (day: string): TierState | null => {
      if (c.createdOn > day) return null;
      let st = initial;
      evs.forEach((e, i) => {
        if (e.on <= day) st = after[i]!;
      });
      return st;
    };
    days.forEach((day, i) => {
      const st = stateOn(day);
      if (st && inTier1(st)) sizes[i]!++;
    });
    // Added in the window straight into Tier 1: joined then.
    let didJoin = c.createdOn > from && inTier1(initial);
    let before = initial;
    let left: { on: string; to: string } | null = null;
    evs.forEach((e, i) => {
      const was = inTier1(before);
      const is = inTier1(after[i]!);
      if (was && !is) left = { on: e.on, to: e.kind === 'tier_changed' ? `tier ${e.to}` : e.to };
      if (!was && is) didJoin = true;
      before = after[i]!;
    });
    if (left) leavers.push({ creatorId: c.id, name: c.name, ...(left as { on: string; to: string }) });
    if (didJoin) joined++;
  }
  const sum = sizes.reduce((a, b) => a + b, 0);
  // left ÷ (sum ÷ 12) = 12 · left ÷ sum
  const rate = sum === 0 ? null : formatRatio({ n: BigInt(12 * leavers.length), d: BigInt(sum) }, 4);
  const status =
    rate == null
      ? null
      : rate < EXPECTED_TURNOVER.min
        ? 'below'
        : rate > EXPECTED_TURNOVER.max
          ? 'above'
          : 'within';
  leavers.sort((a, b) => a.on.localeCompare(b.on) || a.name.localeCompare(b.name));
  return {
    from,
    to: today,
    left: leavers.length,
    joined,
    samples: days.map((on, i) => ({ on, size: sizes[i]! })),
    averageSize: formatRatio({ n: BigInt(sum), d: 12n }, 2),
    rate,
    status,
    leavers,
  };
}

// ---- phases ------------------------------------------------------------------------------------

/** Month of the partnership on `today`: 1 from the start day, 2 a month later, …; 0 before it. */
export function partnershipMonth(startedOn: string, today: string): number {
  if (today < startedOn) return 0;
  const [sy, sm, sd] = startedOn.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return (ty - sy) * 12 + (tm - sm) - (td < sd ? 1 : 0) + 1;
}

/**
 * The phase (the seeds): month 1 building the relationship and a first campaign; months 2–4
 * optimising from the data; months 5–6 scaling and preparing to continue; then extend or move
 * on, until the decision is recorded on the agreement.
 */
export function phaseOf(month: number, extendDecision: string | null): PartnershipPhase {
  if (month <= 0) return 'upcoming';
  if (month === 1) return 'building';
  if (month <= 4) return 'optimising';
  if (month <= 6) return 'scaling';
  if (extendDecision === 'extend') return 'extended';
  if (extendDecision === 'move_on') return 'moving_on';
  return 'extend_or_move_on';
}

// ---- workload ----------------------------------------------------------------------------------

export interface WorkloadCreator {
  tier: number;
  ownerUserId: string | null;
  /** Days between check-ins (the creator's own, else the tier's); null: no regular check-ins. */
  cadenceDays: number | null;
  /** Collaborations a year from the running annual or retainer agreement (0 without one). */
  collaborationsPerYear: number;
}

const gcd = (a: bigint, b: bigint): bigint => {
  let x = a < 0n ? -a : a;
  let y = b;
  while (y) [x, y] = [y, x % y];
  return x;
};
/** a + b in lowest terms (the denominators stay those of 365 and the cadences however many add up). */
const add = (a: Ratio, b: Ratio): Ratio => {
  const n = a.n * b.d + b.n * a.d;
  const d = a.d * b.d;
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
};
const ZERO: Ratio = { n: 0n, d: 1n };

/**
 * Minutes a week one creator needs: a touchpoint every cadence (7 ÷ cadence a week), and for
 * each collaboration (collaborations a year × 7 ÷ 365 a week) a brief, a review and a report.
 */
export function creatorWeeklyMinutes(c: WorkloadCreator, s: PortfolioSettings): Ratio {
  const collab = BigInt(s.briefMinutes + s.reviewMinutes + s.reportMinutes);
  const collabs: Ratio = { n: BigInt(c.collaborationsPerYear) * collab * 7n, d: 365n };
  if (!c.cadenceDays) return collabs;
  return add({ n: 7n * BigInt(s.touchpointMinutes), d: BigInt(c.cadenceDays) }, collabs);
}

export const hours = (minutes: Ratio): string => formatRatio({ n: minutes.n, d: minutes.d * 60n }, 2);

export interface WorkloadSums {
  total: Ratio;
  tiers: Map<number, { creators: number; checkIns: Ratio; collaborations: Ratio; minutes: Ratio }>;
  owners: Map<string | null, { creators: number; minutes: Ratio }>;
}

export function workloadOf(list: WorkloadCreator[], s: PortfolioSettings): WorkloadSums {
  const out: WorkloadSums = { total: ZERO, tiers: new Map(), owners: new Map() };
  for (const tier of [1, 2, 3])
    out.tiers.set(tier, { creators: 0, checkIns: ZERO, collaborations: ZERO, minutes: ZERO });
  for (const c of list) {
    const m = creatorWeeklyMinutes(c, s);
    out.total = add(out.total, m);
    const t = out.tiers.get(c.tier)!;
    t.creators++;
    if (c.cadenceDays) t.checkIns = add(t.checkIns, { n: 7n, d: BigInt(c.cadenceDays) });
    t.collaborations = add(t.collaborations, { n: BigInt(c.collaborationsPerYear) * 7n, d: 365n });
    t.minutes = add(t.minutes, m);
    const o = out.owners.get(c.ownerUserId) ?? { creators: 0, minutes: ZERO };
    o.creators++;
    o.minutes = add(o.minutes, m);
    out.owners.set(c.ownerUserId, o);
  }
  return out;
}
