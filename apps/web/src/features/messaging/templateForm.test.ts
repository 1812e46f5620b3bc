import type { MessageTemplate } from '@evergreen/contracts';
import { describe, expect, it } from 'vitest';
import { testTranslations } from '../../shared/testing/i18n.ts';
import { canMarkSent } from './messages.ts';
import {
  formValuesFrom,
  insertToken,
  planVariants,
  type TemplateFormValues,
  templateName,
  usedFields,
  variantState,
} from './templateForm.ts';

const { tEn, tRu } = testTranslations();

const builtIn: MessageTemplate = {
  id: null,
  key: 'check_in',
  name: 'Light check-in',
  kind: 'check_in',
  builtIn: true,
  variants: [
    { language: 'en', subject: 'How are things?', body: 'Hi {{creator.firstName}}', source: 'default' },
    { language: 'ru', subject: 'Как дела?', body: 'Здравствуйте, {{creator.firstName}}!', source: 'default' },
  ],
  updatedAt: null,
};

const values = (over: Partial<TemplateFormValues['variants']>, base = builtIn): TemplateFormValues => {
  const v = formValuesFrom(base, base.name);
  return { ...v, variants: { ...v.variants, ...over } };
};

describe('template form', () => {
  it('fills the form from a template, and blank for a new one', () => {
    expect(formValuesFrom(builtIn, 'Light check-in')).toEqual({
      key: 'check_in',
      name: 'Light check-in',
      kind: 'check_in',
      variants: {
        en: { subject: 'How are things?', body: 'Hi {{creator.firstName}}' },
        ru: { subject: 'Как дела?', body: 'Здравствуйте, {{creator.firstName}}!' },
      },
    });
    expect(formValuesFrom(null, '')).toEqual({
      key: '',
      name: '',
      kind: 'check_in',
      variants: { en: { subject: '', body: '' }, ru: { subject: '', body: '' } },
    });
  });

  it('tells empty, half-written and complete variants apart', () => {
    expect(variantState({ subject: ' ', body: '' })).toBe('empty');
    expect(variantState({ subject: 'Hi', body: '  ' })).toBe('partial');
    expect(variantState({ subject: 'Hi', body: 'There' })).toBe('complete');
  });

  it('overrides a built-in only in the languages that changed, and maps errors back to them', () => {
    const plan = planVariants(values({ ru: { subject: 'Привет', body: ' Текст ' } }), builtIn, 'create');
    expect(plan.variants).toEqual([{ language: 'ru', subject: 'Привет', body: 'Текст' }]);
    expect(plan.aliases).toEqual({
      'variants.0.subject': 'variants.ru.subject',
      'variants.0.body': 'variants.ru.body',
      'variants.0.language': 'variants.ru.subject',
      'variants.0': 'variants.ru.body',
    });
  });

  it('sends every written language when adding with nothing changed, never when updating', () => {
    expect(planVariants(values({}), builtIn, 'create').variants.map((v) => v.language)).toEqual(['en', 'ru']);
    expect(planVariants(values({}), builtIn, 'update').variants).toEqual([]);
  });

  it('keeps the workspace’s own languages and drops cleared ones', () => {
    const overridden: MessageTemplate = {
      ...builtIn,
      id: '00000000-0000-4000-8000-000000000001',
      variants: [
        { language: 'en', subject: 'Mine', body: 'My text', source: 'workspace' },
        builtIn.variants[1]!,
      ],
    };
    expect(planVariants(values({}, overridden), overridden, 'update').variants).toEqual([
      { language: 'en', subject: 'Mine', body: 'My text' },
    ]);
    expect(
      planVariants(values({ en: { subject: '', body: '' } }, overridden), overridden, 'update').variants,
    ).toEqual([]);
  });

  it('numbers variants in the order sent', () => {
    const plan = planVariants(
      {
        key: 'recap',
        name: 'Recap',
        kind: 'other',
        variants: { en: { subject: '', body: '' }, ru: { subject: 'Итоги', body: 'Текст' } },
      },
      null,
      'create',
    );
    expect(plan.variants).toEqual([{ language: 'ru', subject: 'Итоги', body: 'Текст' }]);
    expect(plan.aliases['variants.0.body']).toBe('variants.ru.body');
  });

  it('inserts a merge field in place of the selection', () => {
    expect(insertToken('Hi !', 3, 3, '{{creator.firstName}}')).toEqual({
      text: 'Hi {{creator.firstName}}!',
      caret: 24,
    });
    expect(insertToken('Hi NAME!', 3, 7, '{{owner.name}}')).toEqual({
      text: 'Hi {{owner.name}}!',
      caret: 17,
    });
    expect(insertToken('Hi', null, null, ' {{sender.name}}')).toEqual({
      text: 'Hi {{sender.name}}',
      caret: 18,
    });
    expect(insertToken('ab', 10, 12, 'X')).toEqual({ text: 'abX', caret: 3 });
  });

  it('lists the fields a text uses, sections included, once each', () => {
    expect(
      usedFields(
        'Hi {{creator.firstName}} {{#lastPost}}{{lastPost.title}}{{/lastPost}} {{ creator.firstName }}',
      ),
    ).toEqual(['creator.firstName', 'lastPost', 'lastPost.title']);
  });

  it('names built-in templates in the interface language, and leaves renamed ones alone', () => {
    expect(templateName(builtIn, tRu())).toBe('Узнать, как дела');
    expect(templateName(builtIn, tEn())).toBe('Light check-in');
    expect(templateName({ ...builtIn, id: '00000000-0000-4000-8000-000000000001', name: 'Мой' }, tEn())).toBe(
      'Мой',
    );
    expect(templateName({ ...builtIn, key: 'recap', builtIn: false, name: 'Recap' }, tRu())).toBe('Recap');
  });
});

describe('marking a message sent by hand', () => {
  it('is for failed messages, and queued ones only without SMTP', () => {
    expect(canMarkSent('failed', true)).toBe(true);
    expect(canMarkSent('queued', false)).toBe(true);
    expect(canMarkSent('queued', true)).toBe(false);
    expect(canMarkSent('sending', false)).toBe(false);
    expect(canMarkSent('sent', false)).toBe(false);
  });
});
