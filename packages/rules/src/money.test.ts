import { describe, expect, it } from 'vitest';
import { formatAmount, MAX_AMOUNT_MINOR, minorToDecimal } from './money.ts';

describe('money as exact decimals', () => {
  it('writes minor units back as exact decimals', () => {
    expect(minorToDecimal(350050, 2)).toBe('3500.50');
    expect(minorToDecimal(5, 2)).toBe('0.05');
    expect(minorToDecimal(0, 2)).toBe('0.00');
    expect(minorToDecimal(1500, 0)).toBe('1500');
    expect(minorToDecimal(1005, 3)).toBe('1.005');
    expect(minorToDecimal(-5, 2)).toBe('-0.05');
  });

  it("writes an amount in its currency's ISO decimals", () => {
    expect(formatAmount(150_000, 'USD')).toBe('1500.00');
    expect(formatAmount(120_000, 'JPY')).toBe('120000');
    expect(formatAmount(1234, 'KWD')).toBe('1.234');
    expect(formatAmount(-150, 'EUR')).toBe('-1.50');
    expect(formatAmount(MAX_AMOUNT_MINOR, 'USD')).toBe('10000000000.00');
  });
});
