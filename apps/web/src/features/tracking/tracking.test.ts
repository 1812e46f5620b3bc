import { buildTrackedUrl, type ImportPreview } from '@evergreen/contracts';
import { describe, expect, it } from 'vitest';
import {
  formatRate,
  lagParts,
  mappingToSave,
  normaliseCode,
  normaliseUtm,
  parseCount,
  progressPercent,
  rateToPercent,
  readingOf,
  remap,
} from './rules.ts';

describe('rateToPercent', () => {
  it('moves the point two places without floats', () => {
    // 0.041000 × 100 = 4.1000 → 4.10
    expect(rateToPercent('0.041000')).toBe('4.10');
    // 0.058000 × 100 = 5.80
    expect(rateToPercent('0.058000')).toBe('5.80');
    // 0.290000 × 100 = 29.00 (a float would give 28.999999999999996)
    expect(rateToPercent('0.290000')).toBe('29.00');
    expect(rateToPercent('1.000000')).toBe('100.00');
    expect(rateToPercent('0.000000')).toBe('0.00');
  });
  it('rounds half up on the dropped digits, carrying', () => {
    // 0.012345 → 1.2345 → 1.23 (4 < 5)
    expect(rateToPercent('0.012345')).toBe('1.23');
    // 0.012355 → 1.2355 → 1.24 (5 ≥ 5)
    expect(rateToPercent('0.012355')).toBe('1.24');
    // 0.099999 → 9.9999 → 10.00 (carries into the integer part)
    expect(rateToPercent('0.099999')).toBe('10.00');
    // 0.999950 → 99.9950 → 100.00
    expect(rateToPercent('0.999950')).toBe('100.00');
    // 0.041000 to one place → 4.1
    expect(rateToPercent('0.041000', 1)).toBe('4.1');
    expect(rateToPercent('0.04', 0)).toBe('4');
  });
  it('refuses what is not a decimal', () => {
    expect(rateToPercent('abc')).toBeNull();
    expect(rateToPercent('')).toBeNull();
  });
});

describe('formatRate', () => {
  it('formats in the interface language', () => {
    expect(formatRate('0.041000', 'en')).toBe('4.1%');
    expect(formatRate('0.058123', 'en')).toBe('5.81%');
    // Russian: comma decimals and a (narrow) no-break space before the sign.
    expect(formatRate('0.041000', 'ru').replace(/[\u00a0\u202f]/g, ' ')).toBe('4,1 %');
    expect(formatRate(null, 'en')).toBe('—');
  });
});

describe('buildTrackedUrl (same rule as the server)', () => {
  it('appends the parameters in order', () => {
    expect(
      buildTrackedUrl('https://shop.example/spring', {
        source: 'anna-smirnova',
        medium: 'creator',
        campaign: 'spring-launch',
      }),
    ).toBe(
      'https://shop.example/spring?utm_source=anna-smirnova&utm_medium=creator&utm_campaign=spring-launch',
    );
  });
  it('keeps other parameters and the fragment, replaces old utm_*', () => {
    expect(
      buildTrackedUrl('https://shop.example/p?ref=1&UTM_source=old&x=a%20b#top', {
        source: 'mia',
        medium: 'creator',
        campaign: 'always-on',
        content: 'story',
      }),
    ).toBe(
      'https://shop.example/p?ref=1&x=a%20b&utm_source=mia&utm_medium=creator&utm_campaign=always-on&utm_content=story#top',
    );
  });
});

describe('input rules', () => {
  it('normalises codes and utm values like the server', () => {
    expect(normaliseCode(' anna10 ')).toBe('ANNA10');
    expect(normaliseCode('ab')).toBeNull();
    expect(normaliseCode('anna 10')).toBeNull();
    expect(normaliseUtm(' Spring-Launch ')).toBe('spring-launch');
    expect(normaliseUtm('a&b')).toBeNull();
  });
  it('reads counts', () => {
    expect(parseCount('')).toBeNull();
    expect(parseCount('12,500')).toBe(12500);
    expect(parseCount('1.5')).toBeUndefined();
    expect(parseCount('-3')).toBeUndefined();
  });
});

describe('lagParts and progressPercent', () => {
  it('words a lag in hours under 48 h, else whole days', () => {
    // 47 h 59 m = 172,740 s → 47 hours
    expect(lagParts(172_740)).toEqual({ unit: 'hour', value: 47 });
    // 48 h = 172,800 s → 2 days
    expect(lagParts(172_800)).toEqual({ unit: 'day', value: 2 });
    // 5 d 23 h = 516,600 s → 5 days
    expect(lagParts(516_600)).toEqual({ unit: 'day', value: 5 });
  });
  it('floors the share of rows processed', () => {
    // 2 of 3 rows = 66.67 % → 66
    expect(progressPercent({ phase: 'checking', processedRows: 2, totalRows: 3 })).toBe(66);
    expect(progressPercent({ phase: 'reading', processedRows: 0, totalRows: 0 })).toBe(0);
    expect(progressPercent({ phase: 'done', processedRows: 0, totalRows: 0 })).toBe(100);
  });
});

describe('the mapping step', () => {
  const preview = (p: Partial<ImportPreview>): ImportPreview => ({
    kind: 'orders',
    encoding: 'utf-8',
    delimiter: ',',
    timeZone: 'UTC',
    header: ['Name', 'Id', 'Email'],
    source: 'preset',
    preset: 'shopify',
    savedMapping: null,
    mapping: { columns: { Name: null, Id: 'external_id', Email: 'customer_id' }, options: {} },
    fields: [],
    missing: [],
    styles: {},
    rows: [],
    derived: {},
    notes: [],
    problems: [],
    ...p,
  });

  it('moves a field to the column chosen (never two columns for one field) and keeps the preset it adjusts', () => {
    expect(remap(preview({}), 'Name', 'external_id')).toEqual({
      preset: 'shopify',
      columns: { Name: 'external_id', Id: null, Email: 'customer_id' },
      options: {},
    });
    // Ignoring a column leaves the others as they were; without a preset none is named.
    expect(remap(preview({ preset: null }), 'Email', null)).toEqual({
      columns: { Name: null, Id: 'external_id', Email: null },
      options: {},
    });
  });

  it('tells the import to read the file as the preview did', () => {
    expect(readingOf(preview({}))).toEqual({ preset: 'shopify' });
    expect(readingOf(preview({ source: 'saved', savedMapping: 'Shop' }))).toEqual({ saved: 'Shop' });
    const mapping = { columns: { Name: 'external_id' }, options: {} };
    expect(readingOf(preview({ source: 'given', mapping }))).toEqual({ mapping });
    expect(readingOf(preview({ source: 'proposed', mapping }))).toEqual({ mapping });
    expect(readingOf(preview({ source: 'columns' }))).toEqual({});
  });

  it("saves a recognised preset's mapping naming the preset, so its row handling comes back with it", () => {
    expect(mappingToSave(preview({}))).toEqual({
      preset: 'shopify',
      columns: { Name: null, Id: 'external_id', Email: 'customer_id' },
      options: {},
    });
    const plain = { columns: { Name: 'external_id' }, options: {} };
    expect(mappingToSave(preview({ source: 'proposed', preset: null, mapping: plain }))).toEqual(plain);
  });
});
