import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** BCP 47 locale for Intl: the interface language, with the browser's region when it matches. */
export function intlLocale(lng: string): string {
  const preferred = typeof navigator === 'undefined' ? [] : navigator.languages;
  const match = preferred.find((l) => l.toLowerCase().split('-')[0] === lng);
  return match ?? (lng === 'ru' ? 'ru-RU' : 'en-US');
}

export function formatDateTime(iso: string | null | undefined, lng: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale(lng), { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

export function formatDate(iso: string | null | undefined, lng: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale(lng), { dateStyle: 'medium' }).format(d);
}

/**
 * A calendar day ('YYYY-MM-DD') in the user's locale. Formatted in UTC: the day is a day, not a
 * moment, and must not move to the day before in time zones west of Greenwich.
 */
export function formatDay(
  day: string | null | undefined,
  lng: string,
  style: 'medium' | 'long' | 'full' = 'medium',
): string {
  if (!day) return '';
  const d = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return day;
  const key = `${intlLocale(lng)}|${style}`;
  let format = dayFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale(lng), { dateStyle: style, timeZone: 'UTC' });
    dayFormats.set(key, format);
  }
  return format.format(d);
}

// Long lists (the roster) format thousands of days; building a formatter each time is the slow part.
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** "in 6 days", "2 hours ago", in the interface language. */
export function formatRelative(iso: string, lng: string, now: Date = new Date()): string {
  const diffMs = new Date(iso).getTime() - now.getTime();
  const rtf = new Intl.RelativeTimeFormat(intlLocale(lng), { numeric: 'auto' });
  const abs = Math.abs(diffMs);
  const minute = 60_000;
  const hour = 60 * minute;
  const day = 24 * hour;
  if (abs < hour) return rtf.format(Math.round(diffMs / minute), 'minute');
  if (abs < day) return rtf.format(Math.round(diffMs / hour), 'hour');
  return rtf.format(Math.round(diffMs / day), 'day');
}

/** Month name in the nominative ("January", "Январь"), 1-based. */
export function monthName(month: number, lng: string): string {
  const name = new Intl.DateTimeFormat(intlLocale(lng), { month: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2024, month - 1, 1)),
  );
  return name.charAt(0).toLocaleUpperCase(lng) + name.slice(1);
}

/** "30 days", "30 дней": Intl picks the plural form. */
export function formatDays(n: number, lng: string): string {
  return new Intl.NumberFormat(intlLocale(lng), { style: 'unit', unit: 'day', unitDisplay: 'long' }).format(
    n,
  );
}

/** "33.5 %" style percentages from an exact decimal string, without rounding it. */
export function formatPercentString(value: string, lng: string): string {
  const n = Number(value);
  if (!Number.isFinite(n)) return value;
  return new Intl.NumberFormat(intlLocale(lng), { style: 'percent', maximumFractionDigits: 2 }).format(
    n / 100,
  );
}

function displayName(type: 'currency' | 'region' | 'language', code: string, lng: string): string | null {
  try {
    const name = new Intl.DisplayNames([intlLocale(lng)], { type, fallback: 'none' }).of(code);
    return name ?? null;
  } catch {
    return null;
  }
}

export function currencyName(code: string, lng: string): string | null {
  return displayName('currency', code, lng);
}

export function regionName(code: string, lng: string): string | null {
  return displayName('region', code, lng);
}

export function useFormatters() {
  const { i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'en';
  return useMemo(
    () => ({
      lng,
      dateTime: (iso: string | null | undefined) => formatDateTime(iso, lng),
      date: (iso: string | null | undefined) => formatDate(iso, lng),
      day: (day: string | null | undefined, style?: 'medium' | 'long' | 'full') => formatDay(day, lng, style),
      relative: (iso: string) => formatRelative(iso, lng),
      month: (m: number) => monthName(m, lng),
      currency: (code: string) => currencyName(code, lng),
      region: (code: string) => regionName(code, lng),
      days: (n: number) => formatDays(n, lng),
      percent: (value: string) => formatPercentString(value, lng),
      number: (n: number) => new Intl.NumberFormat(intlLocale(lng)).format(n),
    }),
    [lng],
  );
}
