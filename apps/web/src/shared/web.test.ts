import { describe, expect, it } from 'vitest';
import { safeNext } from '../features/auth/api.ts';
import { sumHundredths } from '../features/settings/tierText.ts';
import { normalizeFieldPath } from './api/useApiErrorHandler.ts';
import { formatDays, monthName } from './i18n/format.ts';

describe('web helpers', () => {
  it('adds budget shares exactly', () => {
    expect(sumHundredths(['33.33', '33.33', '33.34'])).toBe(10_000);
    expect(sumHundredths(['40', '40', '20'])).toBe(10_000);
    expect(sumHundredths(['40', '40', '10'])).toBe(9_000);
    expect(sumHundredths(['', 'x', '0.1'])).toBe(10);
  });

  it('maps API field paths to form paths', () => {
    expect(normalizeFieldPath('tiers.0.name')).toBe('tiers.0.name');
    expect(normalizeFieldPath('tiers[2].budgetSharePct')).toBe('tiers.2.budgetSharePct');
    expect(normalizeFieldPath('email')).toBe('email');
  });

  it('follows only same-site paths after sign-in', () => {
    expect(safeNext('/invite/abc')).toBe('/invite/abc');
    expect(safeNext('//evil.example')).toBeNull();
    expect(safeNext('/\\evil.example')).toBeNull();
    expect(safeNext('https://evil.example')).toBeNull();
    expect(safeNext(null)).toBeNull();
  });

  it('formats months and days in the interface language', () => {
    expect(monthName(1, 'ru')).toBe('Январь');
    expect(monthName(9, 'en')).toBe('September');
    expect(formatDays(30, 'ru')).toBe('30 дней');
    expect(formatDays(21, 'ru')).toBe('21 день');
    expect(formatDays(1, 'en')).toBe('1 day');
  });
});
