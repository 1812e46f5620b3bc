import { describe, expect, it } from 'vitest';
import { buildTrackedUrl, suggestUtm, utmSlug } from './link-builder.ts';

describe('buildTrackedUrl', () => {
  const utm = { source: 'anna-smirnova', medium: 'creator', campaign: 'spring-launch' };

  it('appends the UTM parameters to a bare destination', () => {
    expect(buildTrackedUrl('https://shop.example/oat', utm)).toBe(
      'https://shop.example/oat?utm_source=anna-smirnova&utm_medium=creator&utm_campaign=spring-launch',
    );
  });

  it('keeps other parameters as written and the fragment at the end', () => {
    expect(buildTrackedUrl('https://shop.example/p?ref=a%20b&x=1+2#reviews', utm)).toBe(
      'https://shop.example/p?ref=a%20b&x=1+2&utm_source=anna-smirnova&utm_medium=creator&utm_campaign=spring-launch#reviews',
    );
  });

  it('replaces existing utm_* parameters, whatever their case', () => {
    expect(
      buildTrackedUrl('https://shop.example/?UTM_SOURCE=old&a=1&utm_term=x&utm_campaign=old#top', {
        ...utm,
        content: 'story 2',
      }),
    ).toBe(
      'https://shop.example/?a=1&utm_source=anna-smirnova&utm_medium=creator&utm_campaign=spring-launch&utm_content=story%202#top',
    );
  });

  it('leaves out an empty medium or content', () => {
    expect(buildTrackedUrl('http://x.test/?', { source: 's', medium: null, campaign: 'c' })).toBe(
      'http://x.test/?utm_source=s&utm_campaign=c',
    );
  });
});

describe('utmSlug and suggestUtm', () => {
  it('transliterates Cyrillic names', () => {
    expect(utmSlug('Анна Смирнова')).toBe('anna-smirnova');
    expect(utmSlug('Щука Юлия Жукова')).toBe('shchuka-yuliya-zhukova');
    expect(utmSlug('  Café — Ёлка! ')).toBe('cafe-elka');
  });

  it('suggests source from the handle or name, medium creator, campaign or always-on', () => {
    expect(suggestUtm({ creatorHandleOrName: 'Анна Смирнова' })).toEqual({
      utmSource: 'anna-smirnova',
      utmMedium: 'creator',
      utmCampaign: 'always-on',
    });
    expect(
      suggestUtm({ creatorHandleOrName: '@oat.lover_99', campaignName: 'Весенний запуск 2026' }),
    ).toEqual({
      utmSource: 'oat-lover-99',
      utmMedium: 'creator',
      utmCampaign: 'vesenniy-zapusk-2026',
    });
    expect(suggestUtm({ creatorHandleOrName: '!!!', campaignName: '***' })).toEqual({
      utmSource: 'creator',
      utmMedium: 'creator',
      utmCampaign: 'always-on',
    });
  });
});
