import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMoney, parseMoney } from '../../shared/money.ts';
import { type CsvCreatorOut, creatorCells, exportHeader, readHeader, readRow } from './columns.ts';

describe('money cells', () => {
  it('reads an amount in major units and a currency into integer minor units', () => {
    const ok: [string, number, string][] = [
      ['1500.00 USD', 150_000, 'USD'],
      ['1500 USD', 150_000, 'USD'],
      ['1500.5 usd', 150_050, 'USD'],
      ['0.05 EUR', 5, 'EUR'],
      ['120000 RUB', 12_000_000, 'RUB'],
      ['5000 JPY', 5000, 'JPY'],
      ['1.234 KWD', 1234, 'KWD'],
      ['  99.99   GBP ', 9999, 'GBP'],
      ['10000000000.00 USD', 1_000_000_000_000, 'USD'],
      // As spreadsheets in other locales write them (shared/values.ts).
      ['1 500,00 RUB', 150_000, 'RUB'],
      ['1\u00A0500,00 RUB', 150_000, 'RUB'],
      ['1,500.00 USD', 150_000, 'USD'],
      ['1500,50 EUR', 150_050, 'EUR'],
      ['USD 1500', 150_000, 'USD'],
      ['1 500 ₽', 150_000, 'RUB'],
      ['12,50 €', 1250, 'EUR'],
    ];
    for (const [text, amountMinor, currency] of ok)
      expect(parseMoney(text), text).toEqual({ ok: true, amountMinor, currency });
  });

  it('refuses other spellings with a message that says what to write', () => {
    const format =
      'must be an amount and a currency code, like "1500.00 USD", "120000 RUB" or "1 500,00 RUB"';
    expect(parseMoney('1,500 USD')).toMatchObject({ ok: false, code: 'ambiguous_number' });
    expect(parseMoney('1,500 USD', 'dot')).toEqual({ ok: true, amountMinor: 150_000, currency: 'USD' });
    expect(parseMoney('1,50 USD', 'comma')).toEqual({ ok: true, amountMinor: 150, currency: 'USD' });
    const bad: [string, string][] = [
      ['1 50,00 RUB', format],
      ['$1500', format],
      ['1500', format],
      ['-5 USD', format],
      ['1500.005 USD', 'USD has 2 decimal places; "1500.005" has 3'],
      ['5000.5 JPY', 'JPY has no decimal places: write a whole amount'],
      ['10000000000.01 USD', 'is too large'],
    ];
    for (const [text, message] of bad) expect(parseMoney(text), text).toMatchObject({ ok: false, message });
  });

  it('writes minor units back in major units with the currency', () => {
    expect(formatMoney(150_000, 'USD')).toBe('1500.00 USD');
    expect(formatMoney(5, 'USD')).toBe('0.05 USD');
    expect(formatMoney(0, 'EUR')).toBe('0.00 EUR');
    expect(formatMoney(12_000_000, 'RUB')).toBe('120000.00 RUB');
    expect(formatMoney(5000, 'JPY')).toBe('5000 JPY');
    expect(formatMoney(1234, 'KWD')).toBe('1.234 KWD');
  });

  it('round-trips every amount exactly (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc.constantFrom('USD', 'RUB', 'JPY', 'KWD', 'EUR'),
        (n, c) => {
          expect(parseMoney(formatMoney(n, c))).toEqual({ ok: true, amountMinor: n, currency: c });
        },
      ),
    );
  });
});

describe('header', () => {
  it('takes names in any case and order, handles and rate_<deliverable type> columns', () => {
    expect(readHeader([' EMAIL ', 'Display_Name', 'Instagram', 'Rate_Story', 'rate_post'])).toEqual({
      columns: [
        { kind: 'field', name: 'email' },
        { kind: 'field', name: 'display_name' },
        { kind: 'handle', name: 'instagram', platform: 'instagram' },
        { kind: 'rate', name: 'rate_Story', deliverableType: 'Story' },
        { kind: 'rate', name: 'rate_post', deliverableType: 'post' },
      ],
      errors: [],
    });
  });

  it('names unknown, repeated, unnamed and missing columns (row 1)', () => {
    expect(
      readHeader(['email', 'phone', 'Email', '', 'payment_details', 'rate_post', 'rate_post']).errors,
    ).toEqual([
      {
        row: 1,
        column: 'phone',
        message: 'Unknown column "phone" (the columns are listed in docs/csv.md)',
        code: 'unknown_column',
      },
      { row: 1, column: 'Email', message: 'Column "Email" appears twice', code: 'duplicate_column' },
      { row: 1, column: null, message: 'Column 4 has no name in the header row', code: 'unnamed_column' },
      {
        row: 1,
        column: 'payment_details',
        message:
          'Unknown column "payment_details": payment details are not imported from CSV (enter them on the creator\'s profile)',
        code: 'unknown_column',
      },
      { row: 1, column: 'rate_post', message: 'Column "rate_post" appears twice', code: 'duplicate_column' },
      {
        row: 1,
        column: 'display_name',
        message: 'The header has no display_name column; it is required',
        code: 'missing_column',
      },
    ]);
  });
});

describe('rows', () => {
  const header = readHeader([
    'display_name',
    'email',
    'tier',
    'status',
    'owner_email',
    'markets',
    'languages',
    'tags',
    'preferred_channel',
    'lead_time_days',
    'cadence_days',
    'notes',
    'instagram',
    'tiktok',
    'rate_reel',
  ]).columns;
  const row = (cells: string[], n = 2) => readRow({ row: n, cells }, header);

  it('reads every kind of cell, leniently where it is safe', () => {
    expect(
      row([
        ' Анна Петрова ',
        'Anna@Example.com',
        '1',
        'Active',
        'Maria@Team.Example',
        'ru, us;RU',
        'RU;en',
        'уход; video ;уход',
        'In person',
        '14',
        '30',
        "'=SUM(A1)",
        '@anna.glow',
        '',
        '1500.00 USD',
      ]),
    ).toEqual({
      row: 2,
      values: {
        displayName: 'Анна Петрова',
        email: 'Anna@Example.com',
        tier: 1,
        status: 'active',
        ownerEmail: 'maria@team.example',
        markets: ['RU', 'US'],
        languages: ['ru', 'en'],
        tags: ['уход', 'video'],
        preferredChannel: 'in_person',
        leadTimeDays: 14,
        cadenceDaysOverride: 30,
        notes: '=SUM(A1)',
      },
      handles: { instagram: 'anna.glow', tiktok: null },
      rates: new Map([['reel', { amountMinor: 150_000, currency: 'USD' }]]),
      errors: [],
    });
  });

  it('reads empty cells as "no value" (null, empty lists), and keeps notes as written', () => {
    const r = row(['Ben', '', '', '', '', '', '', '', '', '', '', '  two\nlines ', '', '', '']);
    expect(r.values).toEqual({
      displayName: 'Ben',
      email: null,
      tier: null,
      status: null,
      ownerEmail: null,
      markets: [],
      languages: [],
      tags: [],
      preferredChannel: null,
      leadTimeDays: null,
      cadenceDaysOverride: null,
      notes: '  two\nlines ',
    });
    expect(r.rates).toEqual(new Map([['reel', null]]));
    expect(r.errors).toEqual([]);
  });

  it('names the row and column of every bad cell', () => {
    const r = row(
      [
        '',
        'anna(at)x',
        '4',
        'retired',
        'nobody',
        'USA',
        'de',
        '',
        'fax',
        '14 days',
        '0',
        '',
        '',
        '',
        '1 50,00 RUB',
      ],
      7,
    );
    expect(r.errors).toEqual([
      { row: 7, column: 'email', message: '"anna(at)x" is not a valid email address', code: 'invalid_email' },
      { row: 7, column: 'tier', message: 'must be 1, 2 or 3 (got "4")', code: 'invalid_tier' },
      {
        row: 7,
        column: 'status',
        message: 'must be one of prospect, active, paused, alumni (got "retired")',
        code: 'invalid_value',
      },
      {
        row: 7,
        column: 'owner_email',
        message: '"nobody" is not a valid email address',
        code: 'invalid_email',
      },
      {
        row: 7,
        column: 'markets',
        message: '"USA" is not a two-letter country code, e.g. US',
        code: 'invalid_value',
      },
      { row: 7, column: 'languages', message: '"de" is not a language (en, ru)', code: 'invalid_value' },
      {
        row: 7,
        column: 'preferred_channel',
        message: 'must be one of email, call, video, in_person, dm, other (got "fax")',
        code: 'invalid_value',
      },
      {
        row: 7,
        column: 'lead_time_days',
        message: 'must be a whole number from 0 to 365',
        code: 'invalid_number',
      },
      { row: 7, column: 'cadence_days', message: 'must be from 1 to 3650', code: 'out_of_range' },
      {
        row: 7,
        column: 'rate_reel',
        message: 'must be an amount and a currency code, like "1500.00 USD", "120000 RUB" or "1 500,00 RUB"',
        code: 'invalid_money',
      },
      { row: 7, column: 'display_name', message: 'is required', code: 'required' },
    ]);
  });

  it('refuses a row with more or fewer cells than the header, but allows trailing empty cells', () => {
    const short = readRow({ row: 3, cells: ['Ben', 'ben@x.com'] }, header);
    expect(short.errors).toEqual([
      {
        row: 3,
        column: null,
        message:
          'has 2 cells but the header has 15 columns (a missing or extra separator, or an unquoted comma?)',
        code: 'column_count',
      },
    ]);
    const cells = ['Ben', ...Array(14).fill('')];
    expect(readRow({ row: 4, cells: [...cells, '', ''] }, header).errors).toEqual([]);
    expect(readRow({ row: 4, cells: [...cells, 'extra'] }, header).errors[0]?.code).toBe('column_count');
  });
});

describe('export cells', () => {
  it('writes one creator under the export header: lists with ";", handles without @, rates in major units', () => {
    const c: CsvCreatorOut = {
      externalId: 'CRM-1',
      displayName: 'Анна',
      legalName: null,
      greetingName: 'Аня',
      email: 'anna@example.com',
      tier: 1,
      status: 'active',
      ownerEmail: 'maria@team.example',
      markets: ['RU', 'US'],
      languages: ['ru'],
      tags: ['skincare', 'video'],
      preferredChannel: 'dm',
      leadTimeDays: 0,
      cadenceDaysOverride: null,
      briefingStyle: null,
      boundaries: null,
      notes: '-calm',
      handles: [{ platform: 'tiktok', handle: 'anna' }],
      rates: [{ deliverableType: 'reel', amountMinor: 12_000_000, currency: 'RUB' }],
    };
    const header = exportHeader(['post', 'reel']);
    expect(header.slice(17)).toEqual([
      'instagram',
      'tiktok',
      'youtube',
      'telegram',
      'vk',
      'other',
      'rate_post',
      'rate_reel',
    ]);
    expect(creatorCells(c, ['post', 'reel'])).toEqual([
      'CRM-1',
      'Анна',
      '',
      'Аня',
      'anna@example.com',
      '1',
      'active',
      'maria@team.example',
      'RU;US',
      'ru',
      'skincare;video',
      'dm',
      '0',
      '',
      '',
      '',
      // writeCsv neutralises it; the cells are the values themselves.
      '-calm',
      '',
      'anna',
      '',
      '',
      '',
      '',
      '',
      '120000.00 RUB',
    ]);
  });
});
