import { describe, expect, it } from 'vitest';
import { testTranslations } from '../testing/i18n.ts';
import { fieldIssueLine, fieldIssueText, fieldPathLabel } from './fieldErrors.ts';

const { tEn, tRu } = testTranslations();
const NB = '\u00a0';

describe('field issues from the API', () => {
  it('says an overpayment with the amount and what is still owed, in the payment currency', () => {
    const over = {
      code: 'overpayment',
      params: { amountMinor: 500_000, owedMinor: 100_000, currency: 'USD' },
    };
    expect(fieldIssueText(over, tEn(), 'en')).toBe('$5,000.00 is more than the $1,000.00 still owed');
    expect(fieldIssueText(over, tRu(), 'ru')).toBe(
      `5${NB}000,00${NB}$ — больше, чем осталось оплатить (1${NB}000,00${NB}$)`,
    );
  });

  it('words domain codes in both languages, never with the English message', () => {
    const sum = { code: 'shares_sum', params: { sum: '110' } };
    expect(fieldIssueText(sum, tEn(), 'en')).toBe(
      'Budget shares must add up to 100% (now they add up to 110%)',
    );
    expect(fieldIssueText(sum, tRu(), 'ru')).toBe(
      `Сумма долей бюджета должна быть 100${NB}% (сейчас 110${NB}%)`,
    );
    expect(fieldIssueText({ code: 'shares_sum', params: { sum: '99.5' } }, tRu(), 'ru')).toBe(
      `Сумма долей бюджета должна быть 100${NB}% (сейчас 99,5${NB}%)`,
    );
    expect(fieldIssueText({ code: 'already_registered' }, tEn(), 'en')).toBe(
      'An account with this email already exists',
    );
    expect(fieldIssueText({ code: 'already_registered' }, tRu(), 'ru')).toBe(
      'Учётная запись с этим адресом уже существует',
    );
    // Codes of the performance imports and the metrics batch.
    expect(fieldIssueText({ code: 'idempotency_conflict' }, tEn(), 'en')).toBe(
      'This idempotency key was already used for a different request',
    );
    expect(fieldIssueText({ code: 'ambiguous' }, tRu(), 'ru')).toBe(
      'Подходит больше одной записи: укажите id или внешний id',
    );
    expect(fieldIssueText({ code: 'last_owner' }, tRu(), 'ru')).toBe(
      'Последнего владельца нельзя удалить или сменить ему роль',
    );
    expect(fieldIssueText({ code: 'min_above_max' }, tRu(), 'ru')).toBe(
      'Максимум должен быть не меньше минимума',
    );
  });

  it('words template checks with the field they name', () => {
    expect(fieldIssueText({ code: 'unknown_field', params: { name: 'creator.nickname' } }, tEn(), 'en')).toBe(
      'There is no merge field “creator.nickname”',
    );
    expect(fieldIssueText({ code: 'unknown_field', params: { name: 'creator.nickname' } }, tRu(), 'ru')).toBe(
      'Поля подстановки «creator.nickname» не существует',
    );
    expect(fieldIssueText({ code: 'invalid_tag', params: { name: '{{ creator name }}' } }, tEn(), 'en')).toBe(
      '“{{ creator name }}” is not a merge field: check the spelling and the braces',
    );
    expect(fieldIssueText({ code: 'unclosed_section', params: { name: 'lastPost' } }, tRu(), 'ru')).toBe(
      'Раздел «lastPost» открыт, но нигде не закрыт',
    );
    expect(fieldIssueText({ code: 'unexpected_close', params: { name: 'owner' } }, tEn(), 'en')).toBe(
      'The “owner” section is closed but was never opened',
    );
    expect(fieldIssueText({ code: 'unknown_field' }, tEn(), 'en')).toBe('Invalid value');
    expect(fieldIssueText({ code: 'no_variant' }, tRu(), 'ru')).toBe('У шаблона нет текста на этом языке');
  });

  it('words Zod codes with their parameters', () => {
    expect(fieldIssueText({ code: 'required' }, tRu(), 'ru')).toBe('Обязательное поле');
    expect(fieldIssueText({ code: 'invalid_format', params: { format: 'email' } }, tEn(), 'en')).toBe(
      'Enter a valid email address',
    );
    expect(fieldIssueText({ code: 'invalid_format', params: { format: 'regex' } }, tRu(), 'ru')).toBe(
      'Неверный формат',
    );
    expect(fieldIssueText({ code: 'too_big', params: { maximum: 10000 } }, tEn(), 'en')).toBe(
      'Must be at most 10,000',
    );
    expect(fieldIssueText({ code: 'too_small', params: { minimum: 1 } }, tRu(), 'ru')).toBe(
      'Значение должно быть не меньше 1',
    );
    // Lengths read as lengths when the checked value is text.
    expect(fieldIssueText({ code: 'too_small', params: { minimum: 10 } }, tRu(), 'ru', 'short')).toBe(
      'Минимум символов: 10',
    );
    expect(fieldIssueText({ code: 'too_big', params: { maximum: 120, origin: 'string' } }, tEn(), 'en')).toBe(
      'Use at most 120 characters',
    );
    expect(fieldIssueText({ code: 'too_small', params: { minimum: 1 } }, tEn(), 'en', '')).toBe('Required');
    expect(fieldIssueText({ code: 'too_big', params: { maximum: 50 } }, tRu(), 'ru', ['US'])).toBe(
      'Можно выбрать не больше 50',
    );
    expect(fieldIssueText({ code: 'invalid_type' }, tEn(), 'en', null)).toBe('Required');
    expect(fieldIssueText({ code: 'invalid_type' }, tEn(), 'en', 5)).toBe('This value has the wrong type');
  });

  it('words values that cannot be stored, years out of range and unsafe links, in both languages', () => {
    expect(fieldIssueText({ code: 'nul_character' }, tEn(), 'en')).toBe(
      'Contains an invisible NUL character that cannot be saved: retype the text or paste it as plain text',
    );
    expect(fieldIssueText({ code: 'lone_surrogate' }, tRu(), 'ru')).toBe(
      'Содержит испорченный символ (например, половину эмодзи), который нельзя сохранить: наберите текст заново',
    );
    const range = { code: 'date_out_of_range', params: { minimum: 1900, maximum: 2200 } };
    expect(fieldIssueText(range, tEn(), 'en')).toBe('Choose a date between the years 1900 and 2200');
    expect(fieldIssueText(range, tRu(), 'ru')).toBe('Выберите дату между 1900 и 2200 годами');
    expect(fieldIssueText({ code: 'date_out_of_range' }, tEn(), 'en')).toBe('Invalid value');
    expect(fieldIssueText({ code: 'invalid_format', params: { format: 'url' } }, tEn(), 'en')).toBe(
      'Enter a web address starting with http:// or https://',
    );
    expect(fieldIssueText({ code: 'invalid_format', params: { format: 'url' } }, tRu(), 'ru')).toBe(
      'Введите веб-адрес, начинающийся с http:// или https://',
    );
  });

  it('falls back to a translated "invalid value" for unknown codes and missing parameters', () => {
    expect(fieldIssueText({ code: 'something_new' }, tEn(), 'en')).toBe('Invalid value');
    expect(fieldIssueText({ code: 'something_new' }, tRu(), 'ru')).toBe('Недопустимое значение');
    expect(fieldIssueText({ code: 'custom' }, tRu(), 'ru')).toBe('Недопустимое значение');
    expect(fieldIssueText({ code: 'too_small' }, tRu(), 'ru')).toBe('Недопустимое значение');
    expect(fieldIssueText({ code: 'shares_sum' }, tEn(), 'en')).toBe(
      'Budget shares must add up to exactly 100%.',
    );
  });

  it('names the field when an issue is shown outside its form', () => {
    expect(fieldPathLabel('tiers.1.targetMax', tEn())).toBe('Tier 2: Target max');
    expect(fieldPathLabel('markets.0', tRu())).toBe('Рынки');
    expect(fieldPathLabel('body', tEn())).toBeNull();
    expect(fieldIssueLine({ field: 'role', code: 'last_owner' }, tEn(), 'en')).toBe(
      'Role: The last owner cannot be given another role or removed',
    );
    expect(fieldIssueLine({ field: 'body', code: 'invalid_body' }, tRu(), 'ru')).toBe(
      'Не удалось прочитать запрос. Обновите страницу и попробуйте ещё раз.',
    );
  });
});
