import { describe, expect, it } from 'vitest';
import { fiscalYearOf, normalizePercent, onTimePercent, parseBulkRates, sumHundredths } from './rules.ts';

describe('budget rules', () => {
  it('finds the fiscal year a day falls in', () => {
    expect(fiscalYearOf('2026-03-31', 4)).toBe(2025);
    expect(fiscalYearOf('2026-04-01', 4)).toBe(2026);
    expect(fiscalYearOf('2026-01-01', 1)).toBe(2026);
  });

  it('adds percentages exactly', () => {
    expect(sumHundredths(['33.33', '33.33', '33.34'])).toBe(10_000);
    expect(sumHundredths(['40', '40,5', '19.5'])).toBe(10_000);
    expect(sumHundredths(['40', 'x', '20'])).toBeNull();
    expect(normalizePercent('40.50')).toBe('40.5');
  });

  it('parses pasted rate lines and names the wrong ones', () => {
    const { rates, errors } = parseBulkRates(
      'date,currency,rate\n2026-01-01,rub,0.0112\n\n2026-02-30,EUR,1.08\n2026-01-01;EUR;0\n2026-01-01,EURO,1\nbad',
    );
    expect(rates).toEqual([{ onDate: '2026-01-01', currency: 'RUB', rate: '0.0112' }]);
    expect(errors.map((e) => [e.line, e.error])).toEqual([
      [4, 'date'],
      [5, 'rate'],
      [6, 'currency'],
      [7, 'format'],
    ]);
  });

  it('rounds the on-time rate half up to one decimal', () => {
    expect(onTimePercent(0, 0)).toBeNull();
    expect(onTimePercent(2, 3)).toBe('66.7');
    expect(onTimePercent(1, 8)).toBe('12.5');
    expect(onTimePercent(3, 3)).toBe('100.0');
  });
});
