import 'dayjs/locale/ru';
import type { Language } from '@evergreen/contracts';
import dayjs from 'dayjs';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../../locales/en.json';
import ru from '../../locales/ru.json';

export const LANGUAGE_STORAGE_KEY = 'evergreen.lang';
export const supportedLanguages: readonly Language[] = ['en', 'ru'];

export function isLanguage(value: unknown): value is Language {
  return value === 'en' || value === 'ru';
}

function readStoredLanguage(): Language | null {
  try {
    const stored = localStorage.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(stored) ? stored : null;
  } catch {
    return null;
  }
}

/** The language chosen on this device, else the browser's preference. */
function initialLanguage(): Language {
  const stored = readStoredLanguage();
  if (stored) return stored;
  const preferred = typeof navigator === 'undefined' ? [] : navigator.languages;
  return preferred.some((l) => l.toLowerCase().startsWith('ru')) ? 'ru' : 'en';
}

function applyLanguageSideEffects(lng: string) {
  dayjs.locale(lng === 'ru' ? 'ru' : 'en');
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
}

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, ru: { translation: ru } },
  lng: initialLanguage(),
  fallbackLng: 'en',
  supportedLngs: supportedLanguages,
  interpolation: { escapeValue: false },
});
applyLanguageSideEffects(i18n.language);
i18n.on('languageChanged', applyLanguageSideEffects);

export function currentLanguage(): Language {
  return isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'en';
}

/** Switches the interface language and remembers it on this device. */
export async function setLanguage(lng: Language) {
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, lng);
  } catch {
    // Private mode or storage disabled: the choice lasts for this page only.
  }
  await i18n.changeLanguage(lng);
}

export { i18n };
