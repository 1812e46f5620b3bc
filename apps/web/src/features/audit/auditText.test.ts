import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../../locales/en.json';
import ru from '../../locales/ru.json';
import { auditActionText, auditChangeText, auditEntityText, auditFieldLabel } from './auditText.ts';

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({
    resources: { en: { translation: en }, ru: { translation: ru } },
    lng: 'en',
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
  });
});
const tEn = () => i18n.getFixedT('en');
const tRu = () => i18n.getFixedT('ru');

describe('audit log text', () => {
  it('translates actions and entity types, and shows unknown ones as they are', () => {
    expect(auditActionText('workspace.updated', tEn())).toBe('Settings changed');
    expect(auditActionText('workspace.updated', tRu())).toBe('Настройки изменены');
    expect(auditActionText('member.role_changed', tEn())).toBe('Role changed');
    expect(auditActionText('member.role_changed', tRu())).toBe('Роль изменена');
    expect(auditActionText('tier_policy.updated', tRu())).toBe('Уровень изменён');
    expect(auditActionText('creator.archived', tRu())).toBe('creator.archived');
    expect(auditEntityText('api_token', tRu())).toBe('API-токен');
    expect(auditEntityText('creator', tEn())).toBe('Creator');
    expect(auditEntityText('touchpoint', tRu())).toBe('touchpoint');
  });

  it('names changed fields, or leaves the raw name to the page', () => {
    expect(auditFieldLabel('reportingCurrency', tRu())).toBe('Валюта отчётности');
    expect(auditFieldLabel('budgetSharePct', tEn())).toBe('Budget share');
    expect(auditFieldLabel('somethingNew', tEn())).toBeNull();
  });

  it('reads changes in the interface language', () => {
    expect(auditChangeText('role', { from: 'manager', to: 'owner' }, tEn(), 'en')).toBe('Manager → Owner');
    expect(auditChangeText('role', { from: 'analyst', to: 'manager' }, tRu(), 'ru')).toBe(
      'Аналитик → Менеджер',
    );
    expect(auditChangeText('role', 'analyst', tRu(), 'ru')).toBe('Аналитик');
    expect(auditChangeText('fiscalYearStartMonth', { from: 1, to: 4 }, tRu(), 'ru')).toBe('Январь → Апрель');
    expect(auditChangeText('cadenceDays', { from: 30, to: null }, tRu(), 'ru')).toBe('30 дней → по ситуации');
    expect(auditChangeText('budgetSharePct', { from: '40', to: '33.5' }, tEn(), 'en')).toBe('40% → 33.5%');
    expect(auditChangeText('markets', { from: [], to: ['US', 'RU'] }, tEn(), 'en')).toBe('— → US, RU');
    expect(auditChangeText('defaultLanguage', { from: 'en', to: 'ru' }, tEn(), 'en')).toBe(
      'English → Русский',
    );
    expect(auditChangeText('name', { from: 'A', to: 'B' }, tRu(), 'ru')).toBe('A → B');
    expect(auditChangeText('somethingNew', { nested: true }, tEn(), 'en')).toBe('{"nested":true}');
  });
});
