import { iso4217Codes, minorDigits } from '@evergreen/contracts';
import { minorToDecimal } from '@evergreen/rules';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currencyDigits, formatMoney, minorToInput, parseAmount } from './money.ts';

const NB = '\u00a0';

describe('money in major and minor units', () => {
  it('knows how many decimals a currency has', () => {
    expect(currencyDigits('USD')).toBe(2);
    expect(currencyDigits('RUB')).toBe(2);
    expect(currencyDigits('JPY')).toBe(0);
    expect(currencyDigits('KWD')).toBe(3);
    // ISO 4217's minor units, where Intl (CLDR) shows fewer decimals.
    expect(currencyDigits('HUF')).toBe(2);
    expect(currencyDigits('IDR')).toBe(2);
    expect(currencyDigits('COP')).toBe(2);
    expect(currencyDigits('IQD')).toBe(3);
    expect(currencyDigits('XOF')).toBe(0);
    expect(currencyDigits('CLF')).toBe(4);
  });

  it('formats HUF, IDR, COP and IQD with their ISO decimals, so no minor unit is hidden', () => {
    expect(formatMoney(123405, 'HUF', 'en')).toBe('HUF 1,234.05');
    expect(formatMoney(123405, 'IDR', 'en')).toBe('IDR 1,234.05');
    expect(formatMoney(123405, 'COP', 'en')).toBe('COP 1,234.05');
    expect(formatMoney(123405, 'IQD', 'en')).toBe('IQD 123.405');
    expect(formatMoney(100000, 'XOF', 'en')).toBe('F CFA 100,000');
  });

  it('shows every ISO code with the same minor units the server and SQL use', () => {
    fc.assert(
      fc.property(fc.constantFrom(...iso4217Codes), fc.integer({ min: 0, max: 10 ** 12 }), (code, minor) => {
        const digits = minorDigits(code);
        expect(currencyDigits(code)).toBe(digits);
        // The formatted number, without grouping, is the exact decimal of the minor units.
        const shown = formatMoney(minor, code, 'en').replace(/[^\d.]/g, '');
        expect(shown.endsWith(minorToDecimal(minor, digits))).toBe(true);
        const decimals = shown.includes('.') ? (shown.split('.')[1] ?? '').length : 0;
        expect(decimals).toBe(digits);
      }),
      { numRuns: 2000 },
    );
  });

  it('turns typed amounts into exact minor units, in English', () => {
    expect(parseAmount('3500', 2, 'en')).toEqual({ ok: true, minor: 350000 });
    expect(parseAmount('3,500.50', 2, 'en')).toEqual({ ok: true, minor: 350050 });
    expect(parseAmount('0.29', 2, 'en')).toEqual({ ok: true, minor: 29 });
    expect(parseAmount('1.005', 3, 'en')).toEqual({ ok: true, minor: 1005 });
    expect(parseAmount('19.99', 2, 'en')).toEqual({ ok: true, minor: 1999 });
    expect(parseAmount('.5', 2, 'en')).toEqual({ ok: true, minor: 50 });
    expect(parseAmount('12.', 2, 'en')).toEqual({ ok: true, minor: 1200 });
    expect(parseAmount('12.500', 2, 'en')).toEqual({ ok: true, minor: 1250 });
    expect(parseAmount(' 1 234 567.89 ', 2, 'en')).toEqual({ ok: true, minor: 123456789 });
    expect(parseAmount('1500', 0, 'en')).toEqual({ ok: true, minor: 1500 });
    expect(parseAmount('0', 2, 'en')).toEqual({ ok: true, minor: 0 });
    expect(parseAmount('0007.10', 2, 'en')).toEqual({ ok: true, minor: 710 });
  });

  it('turns typed amounts into exact minor units, in Russian', () => {
    expect(parseAmount('3 500,50', 2, 'ru')).toEqual({ ok: true, minor: 350050 });
    expect(parseAmount(`150${NB}000`, 2, 'ru')).toEqual({ ok: true, minor: 15000000 });
    expect(parseAmount('0,1', 2, 'ru')).toEqual({ ok: true, minor: 10 });
    expect(parseAmount('99.99', 2, 'ru')).toEqual({ ok: true, minor: 9999 });
  });

  it('refuses what it would have to guess or round', () => {
    expect(parseAmount('', 2, 'en')).toEqual({ ok: false, error: 'empty' });
    expect(parseAmount('  ', 2, 'en')).toEqual({ ok: false, error: 'empty' });
    expect(parseAmount('12.345', 2, 'en')).toEqual({ ok: false, error: 'decimals' });
    expect(parseAmount('1.5', 0, 'en')).toEqual({ ok: false, error: 'decimals' });
    expect(parseAmount('1234,50', 2, 'en')).toEqual({ ok: false, error: 'format' });
    expect(parseAmount('1,2,3', 2, 'en')).toEqual({ ok: false, error: 'format' });
    expect(parseAmount('1.234,50', 2, 'ru')).toEqual({ ok: false, error: 'format' });
    expect(parseAmount('-5', 2, 'en')).toEqual({ ok: false, error: 'format' });
    expect(parseAmount('1e3', 2, 'en')).toEqual({ ok: false, error: 'format' });
    expect(parseAmount('.', 2, 'en')).toEqual({ ok: false, error: 'format' });
    expect(parseAmount('$5', 2, 'en')).toEqual({ ok: false, error: 'format' });
  });

  it('stops at the largest amount the API takes, without floats', () => {
    expect(parseAmount('10000000000', 2, 'en')).toEqual({ ok: true, minor: 1_000_000_000_000 });
    expect(parseAmount('10000000000.01', 2, 'en')).toEqual({ ok: false, error: 'too_big' });
    expect(parseAmount('99999999999999999999', 2, 'en')).toEqual({ ok: false, error: 'too_big' });
  });

  it('writes minor units back as exact decimals', () => {
    // minorToDecimal's own assertions: packages/rules/src/money.test.ts.
    expect(minorToInput(350000, 2, 'en')).toBe('3500');
    expect(minorToInput(350050, 2, 'en')).toBe('3500.50');
    expect(minorToInput(350050, 2, 'ru')).toBe('3500,50');
    expect(minorToInput(29, 2, 'en')).toBe('0.29');
    expect(minorToInput(1500, 0, 'ru')).toBe('1500');
  });

  it('round-trips every cent of a range exactly', () => {
    for (let minor = 0; minor <= 100_000; minor += 7) {
      expect(parseAmount(minorToInput(minor, 2, 'en'), 2, 'en')).toEqual({ ok: true, minor });
      expect(parseAmount(minorToInput(minor, 2, 'ru'), 2, 'ru')).toEqual({ ok: true, minor });
    }
  });

  it('shows amounts in the user locale and the amount currency', () => {
    expect(formatMoney(350050, 'USD', 'en')).toBe('$3,500.50');
    expect(formatMoney(350000, 'USD', 'en')).toBe('$3,500.00');
    expect(formatMoney(15000000, 'RUB', 'ru')).toBe(`150${NB}000,00${NB}₽`);
    expect(formatMoney(350050, 'USD', 'ru')).toBe(`3${NB}500,50${NB}$`);
    expect(formatMoney(1500, 'JPY', 'en')).toBe('¥1,500');
    expect(formatMoney(1_000_000_000_000, 'USD', 'en')).toBe('$10,000,000,000.00');
  });
});
