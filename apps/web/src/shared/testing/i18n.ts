import i18next, { type TFunction } from 'i18next';
import { beforeAll } from 'vitest';
import en from '../../locales/en.json';
import ru from '../../locales/ru.json';

/**
 * For unit tests of text: the app's English and Russian translations in an i18next instance of the
 * test's own, set up before the tests run. `tEn()` and `tRu()` give the fixed-language `t`.
 */
export function testTranslations(): { tEn: () => TFunction; tRu: () => TFunction } {
  const i18n = i18next.createInstance();
  beforeAll(async () => {
    await i18n.init({
      resources: { en: { translation: en }, ru: { translation: ru } },
      lng: 'en',
      fallbackLng: 'en',
      interpolation: { escapeValue: false },
    });
  });
  return { tEn: () => i18n.getFixedT('en'), tRu: () => i18n.getFixedT('ru') };
}

/** ICU versions differ on which spaces group digits or go before a sign or "г.": compare with plain spaces. */
export const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
