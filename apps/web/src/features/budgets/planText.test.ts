import { describe, expect, it } from 'vitest';
import { testTranslations } from '../../shared/testing/i18n.ts';
import { planLineText } from './planText.ts';

const { tEn, tRu } = testTranslations();

const tier1 = {
  type: 'annual' as const,
  creators: 6,
  timesPerYear: 4,
  rateMinor: 250_000,
  currency: 'USD',
  totalMinor: 6_000_000,
  reportingMinor: 6_000_000,
};

describe('plan for next year, in words', () => {
  it("reads the seed's Tier 1 line in both languages", () => {
    expect(planLineText(tier1, tEn(), 'en')).toBe('6 creators × 4 times a year × $2,500.00 = $60,000.00');
    const ruText = planLineText(tier1, tRu(), 'ru');
    expect(ruText).toMatch(/^6 авторов × 4 раза в год × 2\s500,00\s\$ = 60\s000,00\s\$$/);
    expect(
      planLineText(
        {
          ...tier1,
          type: 'retainer',
          creators: 1,
          timesPerYear: 12,
          rateMinor: 330_000,
          totalMinor: 3_960_000,
        },
        tEn(),
        'en',
      ),
    ).toBe('1 creator on a retainer × 12 months × $3,300.00 = $39,600.00');
  });
});
