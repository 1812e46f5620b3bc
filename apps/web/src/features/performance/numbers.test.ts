import { describe, expect, it } from 'vitest';
import {
  chartPercent,
  formatDecimal,
  formatLift,
  formatMultiple,
  formatRate,
  presetOf,
  presetRange,
  scaleDecimal,
  sortRows,
} from './numbers.ts';

const NB = '\u00a0';

describe('report numbers from exact decimal strings', () => {
  it('scales and rounds on the digits, half away from zero', () => {
    // 0.041000 × 100 = 4.1000 → 4.1
    expect(scaleDecimal('0.041000', 2, 1)).toBe('4.1');
    // 0.041500 × 100 = 4.15 → 4.2 (a float would give 4.1: 4.15 is 4.1499999… in binary)
    expect(scaleDecimal('0.041500', 2, 1)).toBe('4.2');
    // 0.000449 × 100 = 0.0449 → 0.0
    expect(scaleDecimal('0.000449', 2, 1)).toBe('0.0');
    // −0.030000 × 100 = −3.0
    expect(scaleDecimal('-0.030000', 2, 1)).toBe('-3.0');
    // −0.000400 × 100 = −0.04 → 0.0, no "−0.0"
    expect(scaleDecimal('-0.000400', 2, 1)).toBe('0.0');
    // 2.5000 as is, two places
    expect(scaleDecimal('2.5000', 0, 2)).toBe('2.50');
    expect(scaleDecimal('12', 2, 0)).toBe('1200');
    expect(scaleDecimal('0.280000', 2, 0)).toBe('28');
    expect(scaleDecimal('abc', 2, 1)).toBeNull();
    expect(scaleDecimal('1e3', 2, 1)).toBeNull();
  });

  it('formats rates, lifts and multiples in English and Russian', () => {
    expect(formatRate('0.041000', 'en')).toBe('4.1%');
    expect(formatRate('0.058000', 'ru')).toBe(`5,8${NB}%`);
    expect(formatRate('0.280000', 'en', 0)).toBe('28%');
    expect(formatRate(null, 'en')).toBe('—');
    // 5.8 ÷ 4.1 − 1 = 0.414634… → +41.5%
    expect(formatLift('0.414634', 'en')).toBe('+41.5%');
    expect(formatLift('-0.030000', 'en')).toBe('-3.0%');
    expect(formatLift('0.000000', 'en')).toBe('0.0%');
    expect(formatMultiple('2.5000', 'en')).toBe('2.50×');
    expect(formatMultiple('12345.6789', 'en')).toBe('12,345.68×');
    expect(formatDecimal('1.50', 'ru')).toBe('1,5');
    expect(formatDecimal(null, 'ru')).toBe('—');
  });

  it('gives charts percentages as numbers', () => {
    expect(chartPercent('0.041000')).toBe(4.1);
    expect(chartPercent('0.058350')).toBe(5.84);
    expect(chartPercent(null)).toBeNull();
  });
});

describe('period presets', () => {
  it('count the days back from today, both ends included', () => {
    // 2026-03-31 − 89 days = 2026-01-01 (31 + 28 + 30 = 89)
    expect(presetRange('90d', '2026-03-31')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    // 364 days before 2026-03-31 is 2025-04-01
    expect(presetRange('12m', '2026-03-31')).toEqual({ from: '2025-04-01', to: '2026-03-31' });
    // 2024-04-01 → 2025-04-01 is 365 days (no Feb 29 inside), → 2026-03-31 364 more: 729 days back.
    expect(presetRange('24m', '2026-03-31')).toEqual({ from: '2024-04-01', to: '2026-03-31' });
    expect(presetOf({ from: '2026-01-01', to: '2026-03-31' }, '2026-03-31')).toBe('90d');
    expect(presetOf({ from: '2026-01-02', to: '2026-03-31' }, '2026-03-31')).toBeNull();
  });
});

describe('sorting report rows', () => {
  const rows = [
    { name: 'Bea', roi: 0.5 as number | null },
    { name: 'Ann', roi: null },
    { name: 'Cid', roi: 2 },
  ];
  it('sorts by number either way with empty values last', () => {
    expect(sortRows(rows, (r) => r.roi, 'desc', 'en').map((r) => r.name)).toEqual(['Cid', 'Bea', 'Ann']);
    expect(sortRows(rows, (r) => r.roi, 'asc', 'en').map((r) => r.name)).toEqual(['Bea', 'Cid', 'Ann']);
    expect(sortRows(rows, (r) => r.name, 'asc', 'en').map((r) => r.name)).toEqual(['Ann', 'Bea', 'Cid']);
  });
});
