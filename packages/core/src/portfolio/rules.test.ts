import { DEFAULT_PORTFOLIO_SETTINGS } from '@evergreen/contracts';
import { describe, expect, it } from 'vitest';
import {
  concentrationOf,
  concentrationWarns,
  creatorWeeklyMinutes,
  monthsBefore,
  partnershipMonth,
  phaseOf,
  turnoverOf,
} from './rules.ts';

describe('concentration', () => {
  it('revenue of 10 creators: the top 2 bring 70%', () => {
    const values = [0, 0, 0, 0, 50, 50, 50, 150, 300, 400].map((v, i) => ({ id: `c${i}`, value: BigInt(v) }));
    const c = concentrationOf(values);
    // total 1,000; ⌈10 × 20%⌉ = 2; top 400 + 300 = 700 → 0.7000
    expect([c.total, c.topCount, c.topShare]).toEqual([1000n, 2, '0.7000']);
    expect([...c.topIds].sort()).toEqual(['c8', 'c9']);
    // Cumulative 0,0,0,0,0,50,100,150,300,600,1000: Σ(C[k−1]+C[k]) = 0+0+0+0+50+150+250+450+900+1600 = 3400;
    // Gini = (10 × 1000 − 3400) / (10 × 1000) = 0.66
    expect(c.gini).toBe('0.6600');
    expect(c.lorenz[5]).toEqual({ creators: '0.5000', value: '0.0500' });
    expect(concentrationWarns(c.topShare, 70)).toBe(false); // 70% is not above 70%
    expect(concentrationWarns(c.topShare, 69)).toBe(true);
  });

  it('nobody with any value: no share, no curve, no warning', () => {
    const c = concentrationOf([{ id: 'a', value: 0n }]);
    expect([c.topShare, c.gini, c.lorenz, concentrationWarns(c.topShare, 1)]).toEqual([
      null,
      null,
      [],
      false,
    ]);
  });

  it('samples at most 100 steps of a long roster, ending at (1, 1)', () => {
    const c = concentrationOf(Array.from({ length: 2000 }, (_, i) => ({ id: String(i), value: BigInt(i) })));
    expect(c.lorenz).toHaveLength(101);
    expect(c.lorenz.at(-1)).toEqual({ creators: '1.0000', value: '1.0000' });
  });
});

describe('phases', () => {
  it('month 1 from the start day; months 2–4, 5–6, then the decision', () => {
    expect(partnershipMonth('2026-03-31', '2026-03-30')).toBe(0);
    expect(partnershipMonth('2026-03-31', '2026-03-31')).toBe(1);
    expect(partnershipMonth('2026-01-15', '2026-02-14')).toBe(1);
    expect(partnershipMonth('2026-01-15', '2026-02-15')).toBe(2);
    expect(partnershipMonth('2025-11-15', '2026-05-15')).toBe(7);
    expect([0, 1, 2, 4, 5, 6, 7].map((m) => phaseOf(m, null))).toEqual([
      'upcoming',
      'building',
      'optimising',
      'optimising',
      'scaling',
      'scaling',
      'extend_or_move_on',
    ]);
    expect([phaseOf(9, 'extend'), phaseOf(9, 'move_on'), phaseOf(3, 'extend')]).toEqual([
      'extended',
      'moving_on',
      'optimising',
    ]);
  });
});

describe('turnover', () => {
  it('the same day months before, clamped to short months', () => {
    expect(monthsBefore('2026-12-07', 12)).toBe('2025-12-07');
    expect(monthsBefore('2026-03-31', 1)).toBe('2026-02-28');
    expect(monthsBefore('2026-01-15', 2)).toBe('2025-11-15');
  });

  it('one of 5 left in the year: 1 ÷ mean size', () => {
    const today = '2026-12-07';
    const base = { status: 'active', createdOn: '2025-01-01' };
    const creators = [
      ...['a', 'b', 'c', 'd'].map((id) => ({ id, name: id, tier: 1, ...base })),
      { id: 'e', name: 'e', tier: 3, ...base },
    ];
    // e left Tier 1 for Tier 3 on 2026-06-30: in Tier 1 on the 7th of Jan…Jun (6 samples).
    const r = turnoverOf(today, creators, [
      { creatorId: 'e', kind: 'tier_changed', from: '1', to: '3', on: '2026-06-30' },
    ]);
    // sizes 5 × 6 + 4 × 6 = 54; mean 4.5; 1 / 4.5 = 0.2222…
    expect([r.averageSize, r.rate, r.status, r.left, r.joined]).toEqual(['4.50', '0.2222', 'above', 1, 0]);
  });

  it('a creator added in the window into Tier 1 joined, and leaving later counts', () => {
    const r = turnoverOf(
      '2026-12-07',
      [{ id: 'n', name: 'New', tier: 2, status: 'active', createdOn: '2026-02-01' }],
      [{ creatorId: 'n', kind: 'tier_changed', from: '1', to: '2', on: '2026-08-01' }],
    );
    // In Tier 1 on the 7th of Feb…Jul (6 samples of 12): mean 0.5; 1 / 0.5 = 2
    expect([r.joined, r.left, r.averageSize, r.rate]).toEqual([1, 1, '0.50', '2.0000']);
    expect(r.leavers).toEqual([{ creatorId: 'n', name: 'New', on: '2026-08-01', to: 'tier 2' }]);
  });
});

describe('workload', () => {
  it('a Tier 1 creator at the defaults: 10.5 + 16,380/365 minutes a week', () => {
    const m = creatorWeeklyMinutes(
      { tier: 1, ownerUserId: null, cadenceDays: 30, collaborationsPerYear: 12 },
      DEFAULT_PORTFOLIO_SETTINGS,
    );
    // 7 × 45 / 30 + 12 × 195 × 7 / 365 = 315/30 + 16380/365 = (315 × 365 + 16380 × 30) / 10950
    expect(Number(m.n) / Number(m.d)).toBeCloseTo(10.5 + 16380 / 365, 10);
    const none = creatorWeeklyMinutes(
      { tier: 3, ownerUserId: null, cadenceDays: null, collaborationsPerYear: 0 },
      DEFAULT_PORTFOLIO_SETTINGS,
    );
    expect(none.n).toBe(0n);
  });
});
