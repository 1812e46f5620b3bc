import { describe, expect, it } from 'vitest';
import { builtInTemplate, checkTemplate, mergeValues, renderMessage } from '../messaging/index.ts';

const facts = {
  creator: { displayName: 'Bake with Anna', legalName: 'Anna Petrova' },
  sender: { name: 'Olga Owner' },
  workspace: { name: 'Northwind' },
  overlap: { products: ['Oat Milk'], markets: ['US'], from: '2026-04-01', to: '2026-04-30' },
};

describe('the overlap notice template', () => {
  const t = builtInTemplate('overlap_notice')!;

  it('uses only known merge fields in both languages', () => {
    for (const lang of ['en', 'ru'] as const) {
      expect(checkTemplate(t.variants[lang].subject)).toEqual([]);
      expect(checkTemplate(t.variants[lang].body)).toEqual([]);
    }
  });

  it('names the product, the market and the dates, in English', () => {
    const m = renderMessage(t.variants.en, mergeValues(facts, 'en'));
    expect(m.subject).toBe('A heads-up about Oat Milk');
    expect(m.text).toBe(`Hi Anna,

A quick heads-up so nothing comes as a surprise: another creator we work with will also be featuring Oat Milk in United States around the same time as you, between April 1, 2026 and April 30, 2026.

Nothing changes in your brief, and your content stays yours. We simply did not want you to find out from your feed. If you would like to adjust timing or angle so your audience sees something distinct, tell us and we will work it out together.

Best,
Olga Owner
Northwind`);
    expect(m.missing).toEqual([]);
  });

  it('and in Russian', () => {
    const m = renderMessage(
      t.variants.ru,
      mergeValues({ ...facts, overlap: { ...facts.overlap, markets: ['RU'] } }, 'ru'),
    );
    expect(m.subject).toBe('Предупреждаем заранее: Oat Milk');
    expect(m.text).toContain(
      'для аудитории Россия примерно в то же время, что и вы, — с 1 апреля 2026 г. по 30 апреля 2026 г.',
    );
    expect(m.missing).toEqual([]);
  });
});
