import { describe, expect, it } from 'vitest';
import { creatorGroup, postGroup } from './classify.ts';
import { resolvePeriod } from './period.ts';
import {
  divHalfEven,
  liftOver,
  parseDecimal,
  ratioInt,
  ratioString,
  roundDecimal,
  secondsToDays,
} from './stats.ts';

describe('half-even ratios', () => {
  it('rounds ties to the even neighbour, both signs', () => {
    // 5/2 = 2.5 → 2; 7/2 = 3.5 → 4; −5/2 → −2; −7/2 → −4; 7/3 = 2.33 → 2; 8/3 = 2.67 → 3
    expect([5n, 7n, -5n, -7n].map((n) => divHalfEven(n, 2n))).toEqual([2n, 4n, -2n, -4n]);
    expect([divHalfEven(7n, 3n), divHalfEven(8n, 3n), divHalfEven(-8n, 3n)]).toEqual([2n, 3n, -3n]);
  });
  it('formats decimals with fixed places and answers null for a zero denominator', () => {
    expect(ratioString(8, 100, 6)).toBe('0.080000');
    expect(ratioString(56, 200, 6)).toBe('0.280000');
    expect(ratioString(500_000, 240_000, 4)).toBe('2.0833'); // 2.08333…
    expect(ratioString(-20_000, 240_000, 4)).toBe('-0.0833'); // −0.08333…
    expect(ratioString(1, 0, 4)).toBeNull();
    expect(ratioInt(560_000, 300)).toBe(1867); // 1,866.67
    expect(ratioInt(250, 100)).toBe(2); // 2.5 → 2 (even)
    expect(ratioInt(350, 100)).toBe(4); // 3.5 → 4 (even)
    expect(ratioInt(1, 0)).toBeNull();
  });
  it('parses Postgres numeric and JavaScript number text exactly', () => {
    expect(parseDecimal('0.0410')).toEqual({ n: 410n, d: 10000n });
    expect(parseDecimal('-12.5')).toEqual({ n: -125n, d: 10n });
    expect(parseDecimal('1.5e-7')).toEqual({ n: 15n, d: 100000000n });
    expect(parseDecimal(172830)).toEqual({ n: 172830n, d: 1n });
    expect(() => parseDecimal('abc')).toThrow();
  });
  it('rounds decimal text, the lift over post 1 and seconds as days', () => {
    expect(roundDecimal('0.02533333333333333333', 6)).toBe('0.025333');
    expect(roundDecimal('0.0000005', 6)).toBe('0.000000'); // tie → even (0)
    expect(roundDecimal('0.0000015', 6)).toBe('0.000002'); // tie → even (2)
    expect(roundDecimal(null, 6)).toBeNull();
    // 0.058 / 0.041 − 1 = 0.41463414… → 0.414634
    expect(liftOver('0.05800000000000000000', '0.04100000000000000000', 6)).toBe('0.414634');
    expect(liftOver('0.041', '0.041', 6)).toBe('0.000000');
    expect(liftOver('0.03', '0.04', 6)).toBe('-0.250000');
    expect(liftOver('0.03', null, 6)).toBeNull();
    expect(liftOver('0.03', '0', 6)).toBeNull();
    // 1,762,560 s = 20.4 d; 172,830 s = 2.000347 d; 3,600 s = 0.041667 d
    expect(secondsToDays(1_762_560)).toBe('20.40');
    expect(secondsToDays(172_830)).toBe('2.00');
    expect(secondsToDays(3600)).toBe('0.04');
    expect(secondsToDays(1762560.0000000002)).toBe('20.40');
  });
});

describe('report period', () => {
  const clock = { now: () => new Date('2025-12-31T23:59:00Z') };
  it('defaults to the 365 days up to today, both ends included', () => {
    expect(resolvePeriod({}, clock)).toEqual({
      from: '2025-01-01',
      to: '2025-12-31',
      start: '2025-01-01T00:00:00.000Z',
      end: '2026-01-01T00:00:00.000Z',
    });
    // A leap year: 2024-03-01 back 364 days is 2023-03-03.
    expect(resolvePeriod({ to: '2024-03-01' }, clock).from).toBe('2023-03-03');
  });
  it('refuses a bad day or a reversed range, naming the field', () => {
    expect(() => resolvePeriod({ from: '2025-02-30' }, clock)).toThrow(/from/);
    expect(() => resolvePeriod({ to: 'tomorrow' }, clock)).toThrow(/to/);
    expect(() => resolvePeriod({ from: '2025-03-02', to: '2025-03-01' }, clock)).toThrow(/from/);
  });
});

describe('partnership vs one-off', () => {
  it('a post is a partnership post under an annual/retainer agreement or from a creator with ≥ 3 posts', () => {
    expect(postGroup({ agreementType: 'retainer', creatorPosts: 1 })).toBe('partnership');
    expect(postGroup({ agreementType: 'annual', creatorPosts: 1 })).toBe('partnership');
    expect(postGroup({ agreementType: 'one_off', creatorPosts: 3 })).toBe('partnership');
    expect(postGroup({ agreementType: 'project', creatorPosts: 2 })).toBe('one_off');
    expect(postGroup({ agreementType: null, creatorPosts: 2 })).toBe('one_off');
  });
  it('a creator is a partner with an annual/retainer agreement or ≥ 3 posts', () => {
    expect(creatorGroup({ hasPartnerAgreement: true, posts: 0 })).toBe('partnership');
    expect(creatorGroup({ hasPartnerAgreement: false, posts: 3 })).toBe('partnership');
    expect(creatorGroup({ hasPartnerAgreement: false, posts: 2 })).toBe('one_off');
  });
});
