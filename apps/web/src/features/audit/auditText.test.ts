import { auditActions, auditEntityTypes } from '@evergreen/contracts';
import { describe, expect, it } from 'vitest';
import en from '../../locales/en.json';
import ru from '../../locales/ru.json';
import { plain, testTranslations } from '../../shared/testing/i18n.ts';
import {
  auditActionText,
  auditChangeText,
  auditCurrency,
  auditEntityText,
  auditFieldLabel,
} from './auditText.ts';

const { tEn, tRu } = testTranslations();

describe('audit log text', () => {
  it('has a label in English and Russian for every action the server writes and every record it names', () => {
    for (const action of auditActions) {
      const key = action.replaceAll('.', '_');
      expect(en.audit.actions, action).toHaveProperty([key]);
      expect(ru.audit.actions, action).toHaveProperty([key]);
      expect(auditActionText(action, tEn()), action).not.toBe(action);
      expect(auditActionText(action, tRu()), action).not.toBe(action);
    }
    for (const entity of auditEntityTypes) {
      expect(auditEntityText(entity, tEn()), entity).not.toBe(entity);
      expect(auditEntityText(entity, tRu()), entity).not.toBe(entity);
    }
    // The ones the log showed raw: a payment marked paid, and its day.
    expect(auditActionText('payment.paid', tEn())).toBe('Payment marked paid');
    expect(auditActionText('payment.paid', tRu())).toBe('Платёж отмечен оплаченным');
    expect(auditFieldLabel('paidOn', tEn())).toBe('Paid on');
    expect(auditFieldLabel('paidOn', tRu())).toBe('Дата оплаты');
  });

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
    expect(auditActionText('agreement.give_notice', tEn())).toBe('Notice given');
    expect(auditActionText('agreement.give_notice', tRu())).toBe('Направлено уведомление о расторжении');
    expect(auditActionText('agreement.renewed', tRu())).toBe('Соглашение продлено');
    expect(auditActionText('brief.change_declined', tEn())).toBe('Change to a brief declined');
    expect(auditActionText('overlap.notified', tRu())).toBe('Авторы предупреждены о пересечении');
    expect(auditEntityText('agreement', tRu())).toBe('Соглашение');
    expect(auditEntityText('brief', tEn())).toBe('Brief');
  });

  it('reads agreement and brief changes: statuses, days, money and rates', () => {
    const agreement = { entityType: 'agreement' };
    expect(auditFieldLabel('effectiveEndOn', tEn())).toBe('In force through');
    expect(auditFieldLabel('monthlyFeeMinor', tRu())).toBe('Ежемесячная оплата');
    expect(auditChangeText('status', { from: 'active', to: 'notice_given' }, tEn(), 'en', agreement)).toBe(
      'Active → Notice given',
    );
    expect(
      auditChangeText('status', { from: 'sent', to: 'accepted' }, tRu(), 'ru', { entityType: 'brief' }),
    ).toBe('Отправлен → Принят');
    expect(auditChangeText('type', 'one_off', tRu(), 'ru', agreement)).toBe('Разовое');
    expect(auditChangeText('by', 'brand', tRu(), 'ru', agreement)).toBe('Бренд');
    expect(auditChangeText('effectiveEndOn', '2026-12-20', tEn(), 'en', agreement)).toBe('Dec 20, 2026');
    expect(auditChangeText('how', 'automatic', tRu(), 'ru', agreement)).toBe('Автоматически');
    expect(auditChangeText('decision', 'extend', tEn(), 'en', agreement)).toBe('extend');
    expect(auditChangeText('onBehalf', true, tRu(), 'ru', agreement)).toBe('да');
    expect(
      auditChangeText('monthlyFeeMinor', { from: 350000, to: 367500 }, tEn(), 'en', {
        ...agreement,
        currency: 'USD',
      }),
    ).toBe('$3,500.00 → $3,675.00');
    expect(
      auditChangeText(
        'rates',
        {
          from: [{ deliverableType: 'reel', amountMinor: 150000 }],
          to: [{ deliverableType: 'reel', amountMinor: 160050 }],
        },
        tEn(),
        'en',
        agreement,
      ),
    ).toBe('Reel 1,500.00 → Reel 1,600.50');
    expect(
      plain(auditChangeText('feeMinor', { from: 1500000, to: 1600000 }, tRu(), 'ru', { currency: 'RUB' })),
    ).toBe('15 000,00 ₽ → 16 000,00 ₽');
    expect(auditCurrency({ currency: { from: 'USD', to: 'EUR' } })).toBe('EUR');
    expect(auditCurrency({ title: 'A' })).toBeNull();
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
