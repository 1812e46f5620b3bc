import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WEIGHTS, rosterRef, type ScoreFacts, scoreCreator, trajectoryOf } from './score.ts';

const none = { low: 0, medium: 0, high: 0 };
const facts = (over: Partial<ScoreFacts> = {}): ScoreFacts => ({
  creatorId: 'c',
  posts: 0,
  erMean: null,
  erSd: null,
  cost: 0,
  costedReach: 0,
  costOfReach: 0,
  acquired: 0,
  repeaters: 0,
  due: 0,
  onTime: 0,
  openIssues: none,
  resolvedIssues: none,
  ratings: {},
  followersFirst: null,
  followersLast: null,
  ...over,
});

describe('score rules', () => {
  it('states the growth thresholds: +5% growing, −5% declining, between a plateau', () => {
    expect([0.05, 0.0499, -0.0499, -0.05, null].map(trajectoryOf)).toEqual([
      'growing',
      'plateau',
      'plateau',
      'declining',
      null,
    ]);
  });

  it('redistributes the weight of pillars without data: fit 79 and growth 100 → (40 × 79 + 15 × 100)/55', () => {
    const f = facts({
      ratings: {
        quality: 4,
        deadlines: 5,
        authenticity: 4,
        direction: 4,
        professionalism: 4,
        brand_alignment: 4,
        strategic_value: 4,
      },
      followersFirst: 10_000,
      followersLast: 11_000,
    });
    const r = scoreCreator(f, rosterRef([f]), DEFAULT_WEIGHTS);
    // Fit: 25 × (29/7 − 1) = 78.6 → 79. (3,160 + 1,500)/55 = 84.7 → 85.
    expect(r.pillars.map((p) => p.score)).toEqual([null, null, 79, 100]);
    expect(r.score).toBe(85);
  });

  it('never scores without fit, and always lands in 0–100 with fit and one more pillar', () => {
    const n = fc.integer({ min: 1, max: 5 });
    fc.assert(
      fc.property(
        fc.tuple(n, n, n),
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 0, max: 200_000 }),
        fc.boolean(),
        ([a, b, c], first, last, rated) => {
          const f = facts({
            ratings: rated ? { quality: a, deadlines: b, professionalism: c } : {},
            followersFirst: first,
            followersLast: last,
          });
          const r = scoreCreator(f, rosterRef([f]), DEFAULT_WEIGHTS);
          if (!rated) return r.score === null;
          return r.score !== null && r.score >= 0 && r.score <= 100 && r.eligibleForTier1 === c > 2;
        },
      ),
    );
  });
});
