import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type RotationCandidate, rankCandidates, recencyPoints, scoreCandidate } from './rotation.ts';

const today = '2026-03-01';
// 31 days until the campaign starts.
const campaign = { markets: ['US'], startsOn: '2026-04-01' };

const base: RotationCandidate = {
  creatorId: 'a',
  displayName: 'Anna',
  tier: 1,
  status: 'active',
  markets: ['US'],
  leadTimeDays: 14,
  lastActivityOn: null,
  activeBriefs: 0,
  noticeGiven: false,
};
const bella: RotationCandidate = {
  ...base,
  creatorId: 'b',
  displayName: 'Bella',
  tier: 2,
  markets: ['US', 'RU'],
  leadTimeDays: 45,
  lastActivityOn: '2026-01-30',
  activeBriefs: 2,
};
const carl: RotationCandidate = {
  ...base,
  creatorId: 'c',
  displayName: 'Carl',
  status: 'paused',
  markets: ['RU'],
  leadTimeDays: null,
  lastActivityOn: '2025-06-01',
  noticeGiven: true,
};
const dora: RotationCandidate = { ...base, creatorId: 'd', displayName: 'Dora', status: 'alumni' };
const emil: RotationCandidate = {
  ...base,
  creatorId: 'e',
  displayName: 'Emil',
  tier: 3,
  status: 'prospect',
  leadTimeDays: 31,
  lastActivityOn: '2026-03-01',
  activeBriefs: 5,
};

describe('rotation scoring', () => {
  it('explains every point: a strategic creator in the market who never did a campaign', () => {
    expect(scoreCandidate(base, campaign, today)).toEqual({
      score: 80,
      reasons: [
        { factor: 'market', points: 35, detail: 'Works in US' },
        { factor: 'tier', points: 20, detail: 'Tier 1' },
        { factor: 'recency', points: 25, detail: 'No campaign yet' },
        { factor: 'load', points: 0, detail: 'No active briefs' },
        { factor: 'availability', points: 0, detail: 'Active' },
        { factor: 'lead_time', points: 0, detail: "Starts in 31 days; they like 14 days' notice" },
      ],
      warnings: [],
    });
  });

  it('penalises load and a lead time longer than the days left, with a warning', () => {
    // 35 market + 10 tier + round(25 × 30/180) = 4 recency − 20 load − 15 lead time = 14
    expect(scoreCandidate(bella, campaign, today)).toEqual({
      score: 14,
      reasons: [
        { factor: 'market', points: 35, detail: 'Works in US' },
        { factor: 'tier', points: 10, detail: 'Tier 2' },
        { factor: 'recency', points: 4, detail: '30 days since their last campaign (2026-01-30)' },
        { factor: 'load', points: -20, detail: '2 active briefs' },
        { factor: 'availability', points: 0, detail: 'Active' },
        { factor: 'lead_time', points: -15, detail: "Starts in 31 days; they like 45 days' notice" },
      ],
      warnings: [{ code: 'short_lead_time', leadTimeDays: 45, daysUntilStart: 31 }],
    });
  });

  it('penalises paused creators and agreements in notice; no market in common scores nothing', () => {
    // 0 market + 20 tier + 25 recency (273 days, capped at 180) − 40 paused − 40 notice = −35
    const s = scoreCandidate(carl, campaign, today)!;
    expect(s.score).toBe(-35);
    expect(s.reasons.find((r) => r.factor === 'market')).toEqual({
      factor: 'market',
      points: 0,
      detail: 'No market in common (campaign: US; creator: RU)',
    });
    expect(s.reasons.find((r) => r.factor === 'availability')).toEqual({
      factor: 'availability',
      points: -80,
      detail: 'Paused; Notice given on their agreement',
    });
    expect(s.reasons.find((r) => r.factor === 'lead_time')?.detail).toBe('No preferred lead time recorded');
  });

  it('caps the load penalty at −30, takes a prospect down 10, and a lead time equal to the days left is fine', () => {
    // 35 market + 0 tier + 0 recency (in a campaign today) − 30 load − 10 prospect + 0 lead time = −5
    const s = scoreCandidate(emil, campaign, today)!;
    expect(s.score).toBe(-5);
    expect(s.reasons.map((r) => r.points)).toEqual([35, 0, 0, -30, -10, 0]);
    expect(s.reasons[2]!.detail).toBe('In a campaign now (until 2026-03-01)');
    expect(s.warnings).toEqual([]);
    expect(scoreCandidate({ ...emil, leadTimeDays: 32 }, campaign, today)!.warnings).toEqual([
      { code: 'short_lead_time', leadTimeDays: 32, daysUntilStart: 31 },
    ]);
  });

  it('leaves alumni out', () => {
    expect(scoreCandidate(dora, campaign, today)).toBeNull();
  });

  it('ranks best first, alumni left out', () => {
    expect(
      rankCandidates([carl, dora, emil, bella, base], campaign, today).map((c) => [c.displayName, c.score]),
    ).toEqual([
      ['Anna', 80],
      ['Bella', 14],
      ['Emil', -5],
      ['Carl', -35],
    ]);
  });

  it('breaks ties by tier, then by name', () => {
    const t2 = { ...base, creatorId: 'x', displayName: 'Zed', tier: 2, lastActivityOn: null };
    const t1 = { ...base, creatorId: 'y', displayName: 'Yan', tier: 1, markets: [] };
    // Zed: 35 + 10 + 25 = 70; Yan: 0 + 20 + 25 = 45; a second Zed-like creator named Abe ties Zed.
    const abe = { ...t2, creatorId: 'z', displayName: 'Abe' };
    expect(rankCandidates([t1, t2, abe], campaign, today).map((c) => c.displayName)).toEqual([
      'Abe',
      'Zed',
      'Yan',
    ]);
  });

  it('gives recency points in proportion to the days since, full from 180 days', () => {
    expect([0, 7, 90, 179, 180, 400].map(recencyPoints)).toEqual([0, 1, 13, 25, 25, 25]);
    expect(recencyPoints(null)).toBe(25);
  });

  const candidate = fc.record({
    creatorId: fc.uuid(),
    displayName: fc.string({ minLength: 1, maxLength: 8 }),
    tier: fc.integer({ min: 1, max: 3 }),
    status: fc.constantFrom('prospect' as const, 'active' as const, 'paused' as const),
    markets: fc.subarray(['US', 'RU', 'DE']),
    leadTimeDays: fc.option(fc.integer({ min: 0, max: 120 })),
    lastActivityOn: fc.option(fc.constantFrom('2025-01-01', '2025-12-31', '2026-02-20', '2026-03-01')),
    activeBriefs: fc.integer({ min: 0, max: 8 }),
    noticeGiven: fc.boolean(),
  });

  it('the score is always the sum of its reasons, one per factor, at most 80', () => {
    fc.assert(
      fc.property(candidate, (c) => {
        const s = scoreCandidate(c, campaign, today)!;
        expect(s.score).toBe(s.reasons.reduce((sum, r) => sum + r.points, 0));
        expect(s.reasons.map((r) => r.factor)).toEqual([
          'market',
          'tier',
          'recency',
          'load',
          'availability',
          'lead_time',
        ]);
        expect(s.score).toBeLessThanOrEqual(80);
      }),
    );
  });

  it('one more active brief never raises the score; a longer rest never lowers it', () => {
    fc.assert(
      fc.property(candidate, (c) => {
        const s = scoreCandidate(c, campaign, today)!.score;
        expect(
          scoreCandidate({ ...c, activeBriefs: c.activeBriefs + 1 }, campaign, today)!.score,
        ).toBeLessThanOrEqual(s);
        expect(scoreCandidate({ ...c, lastActivityOn: null }, campaign, today)!.score).toBeGreaterThanOrEqual(
          s,
        );
      }),
    );
  });
});

describe('a strategic launch with the partnership score and results per dollar', () => {
  // Maya, a Tier 1 partner: in a campaign 30 days ago (recency round(25 × 30/180) = 4), one active
  // brief (−10), partnership score 84, $3.00 in sales per $1. Six Tier 3 creators: never in a
  // campaign (25), no score, $1.00 per $1 each. Roster results per dollar: (3 + 6 × 1)/7 = 9/7.
  const maya: RotationCandidate = {
    ...base,
    creatorId: 'm',
    displayName: 'Maya',
    lastActivityOn: '2026-01-30',
    activeBriefs: 1,
    potential: 84,
    resultsPerDollar: 3,
  };
  const sixTier3: RotationCandidate[] = [1, 2, 3, 4, 5, 6].map((i) => ({
    ...base,
    creatorId: `t${i}`,
    displayName: `Tier3 ${i}`,
    tier: 3,
    potential: null,
    resultsPerDollar: 1,
  }));

  it('used to put six Tier 3 creators above the Tier 1 partner', () => {
    // Without score and results: Maya 35 + 20 + 4 − 10 = 49; each Tier 3 35 + 0 + 25 = 60.
    const old = rankCandidates(
      [
        { ...maya, potential: undefined, resultsPerDollar: undefined },
        ...sixTier3.map((c) => ({ ...c, potential: undefined, resultsPerDollar: undefined })),
      ],
      campaign,
      today,
    );
    expect(old.map((c) => [c.displayName, c.score]).slice(-1)).toEqual([['Maya', 49]]);
  });

  it('ranks the Tier 1 partner first for a strategic launch, and says why', () => {
    const ranked = rankCandidates([...sixTier3, maya], { ...campaign, kind: 'strategic_launch' }, today);
    // Maya: 35 + 45 (launch, Tier 1) + 4 − 10 + round(84/5) = 17 + min(15, round(10 × 3/(9/7))) = 15 → 106.
    // Tier 3: 35 + 0 + 25 + 0 + round(10 × 1/(9/7)) = 8 → 68.
    expect(ranked.map((c) => [c.displayName, c.score])).toEqual([
      ['Maya', 106],
      ['Tier3 1', 68],
      ['Tier3 2', 68],
      ['Tier3 3', 68],
      ['Tier3 4', 68],
      ['Tier3 5', 68],
      ['Tier3 6', 68],
    ]);
    expect(ranked[0]!.reasons.slice(1, 2)).toEqual([
      { factor: 'tier', points: 45, detail: 'Tier 1; a strategic launch prefers Tier 1' },
    ]);
    expect(ranked[0]!.reasons.slice(-2)).toEqual([
      { factor: 'potential', points: 17, detail: 'Partnership score 84' },
      { factor: 'value', points: 15, detail: '3.00 in sales per 1 spent (roster 1.29)' },
    ]);
    // In a regular campaign the score and results alone also lift her above them:
    // 35 + 20 + 4 − 10 + 17 + 15 = 81 against 68.
    const regular = rankCandidates([...sixTier3, maya], campaign, today);
    expect(regular[0]!.displayName).toBe('Maya');
    expect(regular[0]!.score).toBe(81);
  });
});
