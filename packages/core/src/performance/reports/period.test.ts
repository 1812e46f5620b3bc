import { describe, expect, it } from 'vitest';
import { periodSpans, resolvePeriod } from './period.ts';

const clock = { now: () => new Date('2026-07-01T12:00:00Z') };
const DAY = 86_400_000;

/** Every UTC day from `from` to `to`, both included, counted by hand in milliseconds. */
function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** The days a span list stands for: a month span is every day of its months. */
function covered(spans: ReturnType<typeof periodSpans>): string[] {
  return spans.flatMap((s) =>
    days(s.lo, new Date(Date.parse(`${s.hi}T00:00:00Z`) - DAY).toISOString().slice(0, 10)),
  );
}

describe('periodSpans', () => {
  it('reads whole months at month grain and the edge days at day grain', () => {
    expect(periodSpans(resolvePeriod({ from: '2026-03-15', to: '2026-06-14' }, clock))).toEqual([
      { grain: 'day', lo: '2026-03-15', hi: '2026-04-01' },
      { grain: 'month', lo: '2026-04-01', hi: '2026-06-01' },
      { grain: 'day', lo: '2026-06-01', hi: '2026-06-15' },
    ]);
    expect(periodSpans(resolvePeriod({ from: '2026-04-01', to: '2026-05-31' }, clock))).toEqual([
      { grain: 'month', lo: '2026-04-01', hi: '2026-06-01' },
    ]);
    // No whole month inside: all days.
    expect(periodSpans(resolvePeriod({ from: '2026-03-15', to: '2026-04-10' }, clock))).toEqual([
      { grain: 'day', lo: '2026-03-15', hi: '2026-04-11' },
    ]);
    // Across a year end, ending on the last day of a month.
    expect(periodSpans(resolvePeriod({ from: '2025-12-20', to: '2026-02-28' }, clock))).toEqual([
      { grain: 'day', lo: '2025-12-20', hi: '2026-01-01' },
      { grain: 'month', lo: '2026-01-01', hi: '2026-03-01' },
    ]);
  });

  it('covers every day of the period exactly once', () => {
    const cases: [string, string][] = [
      ['2026-07-01', '2026-07-01'],
      ['2026-02-28', '2026-03-01'],
      ['2024-02-01', '2024-02-29'],
      ['2025-11-16', '2026-11-15'],
      ['2025-12-31', '2026-01-31'],
      ['2025-01-01', '2025-12-31'],
    ];
    for (const [from, to] of cases) {
      const spans = periodSpans(resolvePeriod({ from, to }, clock));
      expect(covered(spans)).toEqual(days(from, to));
      for (const s of spans.filter((x) => x.grain === 'month')) {
        expect(s.lo.endsWith('-01') && s.hi.endsWith('-01')).toBe(true);
      }
    }
  });
});
