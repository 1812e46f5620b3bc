import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { iso4217Codes, iso4217Digits, iso4217PublishDate, minorDigits } from './currency.ts';

/** ISO's own list one (XML), as the currency-codes package ships it beside the data it built from it. */
function isoListOne(): Map<string, string> {
  const path = createRequire(import.meta.url).resolve('currency-codes/iso-4217-list-one.xml');
  const xml = readFileSync(path, 'utf8');
  expect(xml).toContain(`Pblshd="${iso4217PublishDate}"`);
  const units = new Map<string, string>();
  for (const [, entry = ''] of xml.matchAll(/<CcyNtry>([\s\S]*?)<\/CcyNtry>/g)) {
    const code = /<Ccy>([A-Z]{3})<\/Ccy>/.exec(entry)?.[1];
    const mnr = /<CcyMnrUnts>([^<]+)<\/CcyMnrUnts>/.exec(entry)?.[1];
    if (code && mnr) units.set(code, mnr);
  }
  return units;
}

describe('the ISO 4217 minor-unit table', () => {
  it('says what ISO says (N.A. counts as 0)', () => {
    const iso = isoListOne();
    expect(iso.size).toBeGreaterThan(170);
    expect([...iso.keys()].sort()).toEqual([...iso4217Codes]);
    for (const [code, mnr] of iso)
      expect([code, iso4217Digits[code]]).toEqual([code, mnr === 'N.A.' ? 0 : Number(mnr)]);
  });

  it('has the currencies the three old copies disagreed on right, as ISO lists them', () => {
    // Written out from ISO 4217 list one by hand.
    const byHand: Record<string, number> = {
      XOF: 0,
      BIF: 0,
      DJF: 0,
      GNF: 0,
      KMF: 0,
      PYG: 0,
      RWF: 0,
      VUV: 0,
      XAF: 0,
      XPF: 0,
      JPY: 0,
      HUF: 2,
      IDR: 2,
      COP: 2,
      USD: 2,
      IQD: 3,
      KWD: 3,
      BHD: 3,
      TND: 3,
      CLF: 4,
    };
    for (const [code, digits] of Object.entries(byHand))
      expect([code, minorDigits(code)]).toEqual([code, digits]);
  });

  it('reads codes case-insensitively and gives 2 to a code ISO does not list', () => {
    expect(minorDigits('xof')).toBe(0);
    expect(minorDigits('QQQ')).toBe(2);
  });
});
