import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shopifyInstant } from './testing.ts';
import {
  dateOrderOf,
  dayInZone,
  decimalStyleOf,
  isTimeZone,
  readCount,
  readDay,
  readInstant,
  readNumber,
  toMinor,
} from './values.ts';

const num = (t: string, style?: 'dot' | 'comma' | null) => {
  const r = readNumber(t, style);
  return r.ok ? r.value : r.code;
};
const at = (t: string, timeZone = 'UTC', order?: 'dmy' | 'mdy') => {
  const r = readInstant(t, { timeZone, order: order ?? null });
  return r.ok ? r.value.toISOString() : r.code;
};

describe('readNumber', () => {
  it('reads the ways people write numbers (values worked out by hand)', () => {
    expect(num('1234.56')).toBe('1234.56');
    expect(num('1,234.56')).toBe('1234.56');
    expect(num('1 234,56')).toBe('1234.56');
    expect(num('4\u00A0990,00')).toBe('4990.00');
    expect(num('12\u202F500')).toBe('12500');
    expect(num('12\u2009500')).toBe('12500');
    expect(num('12 500')).toBe('12500');
    expect(num('45000,00')).toBe('45000.00');
    expect(num('1.234.567,8')).toBe('1234567.8');
    expect(num('1,234,567')).toBe('1234567');
    expect(num('1.234.567')).toBe('1234567');
    expect(num('0,5')).toBe('0.5');
    expect(num('007')).toBe('7');
    expect(num('-12,5')).toBe('-12.5');
  });

  it('takes currency signs and words off and says which currency they name', () => {
    const r = readNumber('4 990,00 руб.');
    expect(r).toMatchObject({ ok: true, value: '4990.00', currency: 'RUB', decides: 'comma' });
    expect(readNumber('1 500 ₽')).toMatchObject({ ok: true, value: '1500', currency: 'RUB' });
    expect(readNumber('$1,234.50')).toMatchObject({ ok: true, value: '1234.50', currency: null });
    expect(readNumber('€ 12,50')).toMatchObject({ ok: true, value: '12.50', currency: 'EUR' });
    expect(readNumber('99.90 USD')).toMatchObject({ ok: true, value: '99.90', currency: 'USD' });
    expect(readNumber('300 р.')).toMatchObject({ ok: true, value: '300', currency: 'RUB' });
  });

  it('never guesses 1,234: ambiguous without a style, read by the column style with one', () => {
    expect(num('1,234')).toBe('ambiguous_number');
    expect(num('1,234', 'dot')).toBe('1234');
    expect(num('1,234', 'comma')).toBe('1.234');
    // A dot alone reads as a decimal point unless the column writes decimal commas.
    expect(num('1.234')).toBe('1.234');
    expect(num('1.234', 'comma')).toBe('1234');
    // Not a group of three before, or a leading zero: only a decimal mark fits.
    expect(num('1234,567')).toBe('1234.567');
    expect(num('0,123')).toBe('0.123');
  });

  it('refuses what is not a number, or contradicts the column style', () => {
    for (const t of ['', 'abc', '1,2,3', '12 50', '1 2345', '1.234,5.6', '--1', '1e5', '12,50.00'])
      expect(num(t)).toBe('invalid_number');
    expect(num('45000,00', 'dot')).toBe('invalid_number');
    expect(num('1,234.56', 'comma')).toBe('invalid_number');
  });

  it('decides a column style from the values that prove one', () => {
    expect(decimalStyleOf(['1,234', '12,50'])).toEqual({ style: 'comma' });
    expect(decimalStyleOf(['1,234', '2,345.10'])).toEqual({ style: 'dot' });
    expect(decimalStyleOf(['1,234', '5,678'])).toEqual({ style: null });
    expect(decimalStyleOf(['12 500', '100'])).toEqual({ style: null });
    expect(decimalStyleOf(['1,5', '1,234.00'])).toEqual({ conflict: ['1,5', '1,234.00'] });
  });

  it('property: a number written with any grouping and mark reads back exactly', () => {
    const sep = fc.constantFrom(' ', '\u00A0', '\u202F', '\u2009', ',', '.', '');
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.option(fc.stringMatching(/^\d{1,3}$/), { nil: undefined }),
        fc.constantFrom<'dot' | 'comma'>('dot', 'comma'),
        sep,
        (int, frac, style, group) => {
          const mark = style === 'dot' ? '.' : ',';
          if (group === mark || (group === ',' && style === 'comma') || (group === '.' && style === 'dot'))
            return;
          const digits = int.toString();
          const grouped = group ? digits.replace(/\B(?=(\d{3})+(?!\d))/g, group) : digits;
          const text = frac ? `${grouped}${mark}${frac}` : grouped;
          const r = readNumber(text, style);
          expect(r.ok).toBe(true);
          if (r.ok) expect(r.value).toBe(frac ? `${digits}.${frac}` : digits);
        },
      ),
    );
  });
});

describe('readCount and toMinor', () => {
  it('reads counts with thousands separators, a count is never a fraction', () => {
    expect(readCount('12 500')).toEqual({ ok: true, value: 12500 });
    expect(readCount('1,234')).toEqual({ ok: true, value: 1234 });
    expect(readCount('1.234', 'comma')).toEqual({ ok: true, value: 1234 });
    expect(readCount('1,5').ok).toBe(false);
    expect(readCount('-3').ok).toBe(false);
  });

  it('converts to minor units exactly by the currency', () => {
    expect(toMinor('4990.00', 'RUB')).toEqual({ ok: true, value: 499000 });
    expect(toMinor('49.9', 'USD')).toEqual({ ok: true, value: 4990 });
    expect(toMinor('5000', 'JPY')).toEqual({ ok: true, value: 5000 });
    expect(toMinor('5000.00', 'JPY')).toEqual({ ok: true, value: 5000 });
    expect(toMinor('1.234', 'KWD')).toEqual({ ok: true, value: 1234 });
    expect(toMinor('5000.5', 'JPY').ok).toBe(false);
    expect(toMinor('1.005', 'USD').ok).toBe(false);
    expect(toMinor('-1', 'USD').ok).toBe(false);
  });
});

describe('readInstant', () => {
  it('reads ISO 8601, Shopify, Russian and named-month times (by hand)', () => {
    expect(at('2026-03-01T10:15:00+03:00')).toBe('2026-03-01T07:15:00.000Z');
    expect(at('2026-03-01T07:15:00Z')).toBe('2026-03-01T07:15:00.000Z');
    expect(at('2026-03-01T07:15:00.5Z')).toBe('2026-03-01T07:15:00.500Z');
    expect(at('2026-04-05 21:06:21 +0400')).toBe('2026-04-05T17:06:21.000Z');
    expect(at('2026-04-05 21:06:21 -0500')).toBe('2026-04-06T02:06:21.000Z');
    expect(at('2026-03-01 10:15')).toBe('2026-03-01T10:15:00.000Z');
    expect(at('01.02.2026 10:00')).toBe('2026-02-01T10:00:00.000Z');
    expect(at('01.02.2026')).toBe('2026-02-01T00:00:00.000Z');
    expect(at('1.2.2026 9:05:07')).toBe('2026-02-01T09:05:07.000Z');
    expect(at('2026/03/01 10:00')).toBe('2026-03-01T10:00:00.000Z');
    expect(at('Mar 5, 2026')).toBe('2026-03-05T00:00:00.000Z');
    expect(at('5 March 2026')).toBe('2026-03-05T00:00:00.000Z');
    expect(at('03/05/2026 1:30 PM', 'UTC', 'mdy')).toBe('2026-03-05T13:30:00.000Z');
    expect(at('03/05/2026 12:10 AM', 'UTC', 'mdy')).toBe('2026-03-05T00:10:00.000Z');
  });

  it('reads offset-less times in the workspace zone, across DST', () => {
    // Moscow is UTC+3 all year.
    expect(at('01.02.2026 10:00', 'Europe/Moscow')).toBe('2026-02-01T07:00:00.000Z');
    // New York: EST (−5) in January, EDT (−4) in July.
    expect(at('2026-01-15 12:00', 'America/New_York')).toBe('2026-01-15T17:00:00.000Z');
    expect(at('2026-07-15 12:00', 'America/New_York')).toBe('2026-07-15T16:00:00.000Z');
    // An offset in the text wins over the zone.
    expect(at('2026-07-15T12:00:00Z', 'America/New_York')).toBe('2026-07-15T12:00:00.000Z');
    // Kathmandu +05:45 (a quarter-hour zone).
    expect(at('2026-03-01 06:00', 'Asia/Kathmandu')).toBe('2026-03-01T00:15:00.000Z');
    expect(readInstant('2026-03-01 10:15', { timeZone: 'Europe/Moscow' })).toMatchObject({ zoned: true });
    expect(readInstant('2026-03-01T10:15Z', { timeZone: 'Europe/Moscow' })).toMatchObject({ zoned: false });
  });

  it('never guesses a slash date, and refuses impossible ones', () => {
    expect(at('03/05/2026')).toBe('ambiguous_date');
    expect(at('13/05/2026')).toBe('2026-05-13T00:00:00.000Z');
    expect(at('05/13/2026')).toBe('2026-05-13T00:00:00.000Z');
    expect(at('03/05/2026', 'UTC', 'dmy')).toBe('2026-05-03T00:00:00.000Z');
    expect(at('0000-01-01 10:00')).toBe('out_of_range');
    expect(at('1969-12-31T23:59:59Z')).toBe('out_of_range');
    expect(at('2026-02-30 10:00')).toBe('invalid_datetime');
    expect(at('31.04.2026')).toBe('invalid_datetime');
    expect(at('2026-03-01 24:00')).toBe('invalid_datetime');
    expect(at('2026-03-01T10:00+15:00')).toBe('invalid_datetime');
    expect(at('yesterday')).toBe('invalid_datetime');
  });

  it('dateOrderOf decides from a part over 12 and reports a conflict', () => {
    expect(dateOrderOf(['03/05/2026', '25/05/2026'])).toEqual({ order: 'dmy', slashes: true });
    expect(dateOrderOf(['03/05/2026', '05/25/2026'])).toEqual({ order: 'mdy', slashes: true });
    expect(dateOrderOf(['03/05/2026'])).toEqual({ order: null, slashes: true });
    expect(dateOrderOf(['2026-03-05'])).toEqual({ order: null, slashes: false });
    expect(dateOrderOf(['25/05/2026', '05/25/2026'])).toEqual({ conflict: ['25/05/2026', '05/25/2026'] });
  });

  it('property: any instant written in Shopify form with any offset reads back', () => {
    fc.assert(
      fc.property(shopifyInstant, ({ text, instant }) => {
        expect(at(text)).toBe(instant);
      }),
    );
  });
});

describe('readDay, zones', () => {
  it('reads days in every shape', () => {
    expect(readDay('2026-03-31')).toEqual({ ok: true, value: '2026-03-31' });
    expect(readDay('31.03.2026')).toEqual({ ok: true, value: '2026-03-31' });
    expect(readDay('03/31/2026')).toEqual({ ok: true, value: '2026-03-31' });
    expect(readDay('2026-03-31 10:00').ok).toBe(false);
    expect(readDay('2026-13-01')).toMatchObject({ ok: false, code: 'invalid_date' });
  });

  it('validates IANA names and gives today in a zone', () => {
    expect(isTimeZone('Europe/Moscow')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('+03:00')).toBe(false);
    expect(isTimeZone('')).toBe(false);
    // 22:30 UTC on 1 March is already 2 March in Moscow (+3), still 1 March in New York.
    const now = new Date('2026-03-01T22:30:00Z');
    expect(dayInZone(now, 'Europe/Moscow')).toBe('2026-03-02');
    expect(dayInZone(now, 'America/New_York')).toBe('2026-03-01');
    expect(dayInZone(now, 'UTC')).toBe('2026-03-01');
  });
});
