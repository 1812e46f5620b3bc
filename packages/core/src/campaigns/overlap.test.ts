import { addDays } from '@evergreen/rules';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findOverlaps, gapDays, overlapKey, type Window, windowMarkets, windowsOverlap } from './overlap.ts';

const w = (over: Partial<Window>): Window => ({
  kind: 'campaign',
  creatorId: 'creator-a',
  creatorName: 'Anna',
  campaignId: 'camp-1',
  campaignName: 'Spring',
  deliverableId: null,
  products: ['Oat Milk'],
  markets: ['US'],
  startsOn: '2026-03-01',
  endsOn: '2026-03-10',
  ...over,
});
const anna = w({});
const boris = (startsOn: string, endsOn: string, over: Partial<Window> = {}) =>
  w({
    creatorId: 'creator-b',
    creatorName: 'Boris',
    campaignId: 'camp-2',
    campaignName: 'Summer',
    startsOn,
    endsOn,
    ...over,
  });

describe('overlap boundaries', () => {
  it('windows that share days have a gap of zero or less', () => {
    expect(gapDays(anna, boris('2026-03-05', '2026-03-20'))).toBe(-5);
    expect(gapDays(anna, boris('2026-03-10', '2026-03-20'))).toBe(0);
    expect(gapDays(anna, boris('2026-02-01', '2026-02-28'))).toBe(1);
  });

  it('with a window of 0 only windows that share a day overlap (ending the day the other starts counts)', () => {
    expect(windowsOverlap(anna, boris('2026-03-10', '2026-03-20'), 0)).toBe(true);
    expect(windowsOverlap(anna, boris('2026-03-11', '2026-03-20'), 0)).toBe(false);
  });

  it('exactly N days apart overlaps; N + 1 days apart does not', () => {
    // Anna ends 03-10; Boris starts 03-24: 14 days apart.
    expect(windowsOverlap(anna, boris('2026-03-24', '2026-03-30'), 14)).toBe(true);
    expect(windowsOverlap(anna, boris('2026-03-25', '2026-03-30'), 14)).toBe(false);
    expect(windowsOverlap(anna, boris('2026-03-24', '2026-03-30'), 13)).toBe(false);
    // The same on the other side: Boris ends 02-15, Anna starts 03-01: 14 days apart.
    expect(windowsOverlap(anna, boris('2026-02-01', '2026-02-15'), 14)).toBe(true);
    expect(windowsOverlap(anna, boris('2026-02-01', '2026-02-14'), 14)).toBe(false);
  });

  it('is symmetric, and a wider window never loses an overlap', () => {
    const day = fc.integer({ min: 0, max: 120 }).map((n) => addDays('2026-01-01', n));
    const range = fc
      .tuple(day, fc.integer({ min: 0, max: 30 }))
      .map(([s, len]) => ({ startsOn: s, endsOn: addDays(s, len) }));
    fc.assert(
      fc.property(range, range, fc.integer({ min: 0, max: 60 }), (a, b, n) => {
        expect(windowsOverlap(a, b, n)).toBe(windowsOverlap(b, a, n));
        if (windowsOverlap(a, b, n)) expect(windowsOverlap(a, b, n + 1)).toBe(true);
        expect(windowsOverlap(a, b, n)).toBe(gapDays(a, b) <= n);
      }),
    );
  });
});

describe('finding overlaps', () => {
  it('finds two creators with a product and a market in common, within the window', () => {
    const b = boris('2026-03-20', '2026-03-31', { products: ['oat milk', 'Granola'], markets: ['US', 'RU'] });
    expect(findOverlaps([anna, b], 14)).toEqual([
      {
        key: overlapKey([anna, b]),
        products: ['Oat Milk'],
        markets: ['US'],
        gapDays: 10,
        startsOn: '2026-03-01',
        endsOn: '2026-03-31',
        windows: [anna, b],
      },
    ]);
    expect(findOverlaps([anna, b], 9)).toEqual([]);
  });

  it('needs a different creator, a common product and a common market', () => {
    expect(findOverlaps([anna, w({ campaignId: 'camp-2' })], 14)).toEqual([]);
    expect(findOverlaps([anna, boris('2026-03-01', '2026-03-10', { products: ['Granola'] })], 14)).toEqual(
      [],
    );
    expect(findOverlaps([anna, boris('2026-03-01', '2026-03-10', { markets: ['RU'] })], 14)).toEqual([]);
  });

  it('keeps one overlap per pair of creators and campaigns, the closest', () => {
    const far = boris('2026-03-20', '2026-03-31');
    const post = boris('2026-03-12', '2026-03-12', { kind: 'deliverable', deliverableId: 'd1' });
    const found = findOverlaps([anna, far, post], 14);
    expect(found).toHaveLength(1);
    expect(found[0]!.gapDays).toBe(2);
    expect(found[0]!.windows[1]).toBe(post);
  });

  it('keys the pair the same way in any order', () => {
    const a = { creatorId: 'x', campaignId: '1' };
    const b = { creatorId: 'y', campaignId: '2' };
    expect(overlapKey([a, b])).toBe(overlapKey([b, a]));
    expect(overlapKey([a, b])).toMatch(/^[0-9a-f]{24}$/);
    expect(overlapKey([a, b])).not.toBe(overlapKey([a, { ...b, campaignId: '3' }]));
  });

  it("covers the campaign's markets the creator works in, else all of them", () => {
    expect(windowMarkets(['US', 'RU'], ['RU', 'DE'])).toEqual(['RU']);
    expect(windowMarkets(['US', 'RU'], ['DE'])).toEqual(['US', 'RU']);
    expect(windowMarkets(['US'], [])).toEqual(['US']);
  });
});
