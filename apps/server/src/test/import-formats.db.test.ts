import type { ImportRun } from '@evergreen/contracts';
import type { Clock } from '@evergreen/core';
import { creatorRates, creators, deliverables, orders } from '@evergreen/db';
import { and, asc, eq } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile as importFileAs } from '../testing/factories/imports.ts';
import { creatorWithPost } from '../testing/factories/performance.ts';
import { newWorkspace } from '../testing/factories/workspace.ts';
import { fixtureFile as fixture } from '../testing/fixtures.ts';
import { appWithOwner, createTestApp, type Session, type TestApp } from '../testing/harness.ts';

/**
 * Files as people's tools write them, imported through the API (docs/csv.md, "The file" and
 * "Value formats"): encodings, separators, dates and numbers. Every expected value is worked
 * out by hand in the comments.
 */

const now = new Date('2026-06-01T00:00:00Z');
const clock: Clock = { now: () => now };

let t: TestApp;
let owner: Session;
beforeAll(async () => ({ t, owner } = await appWithOwner('Vera Values', { clock })));
afterAll(() => t.close());

async function setup(name: string) {
  const w = await newWorkspace(t, owner, name);
  const anna = await creatorWithPost(w, 'Anna', {
    postedAt: '2026-02-20T00:00:00Z',
    code: 'ANNA10',
    utmSource: 'anna',
  });
  const importFile = (kind: string, body: Buffer | string, query = '') => importFileAs(w, kind, body, query);
  const ordersOf = () =>
    t.database.db.select().from(orders).where(eq(orders.workspaceId, w.ws)).orderBy(asc(orders.externalId));
  return { ...w, importFile, ordersOf, anna };
}

describe('a Russian Excel orders file', () => {
  // fixtures/orders-ru-excel.csv: UTF-8 with a BOM, ";" separated, CRLF, DD.MM.YYYY times, amounts
  // with a decimal comma and no-break-space thousands, Cyrillic ids.
  const utf8 = fixture('orders-ru-excel.csv');
  // The same file as Russian Excel's "CSV (comma delimited)" writes it: Windows-1251 bytes, no BOM.
  const cp1251 = iconv.encode(utf8.subarray(3).toString('utf8'), 'win1251');

  it('goes in as UTF-8 with a BOM and as Windows-1251, with the same exact values', async () => {
    expect(cp1251.includes(0xa0)).toBe(true); // the no-break space is one byte in Windows-1251
    for (const [name, bytes] of [
      ['UTF-8 BOM', utf8],
      ['Windows-1251', cp1251],
    ] as const) {
      const w = await setup(`Russian Excel ${name}`);
      const run = await w.importFile('orders', bytes);
      expect(run.error, name).toBeNull();
      expect(run.result, name).toMatchObject({ totalRows: 3, created: 3, errorCount: 0, wrote: true });
      const got = (await w.ordersOf()).map((o) => ({
        id: o.externalId,
        customer: o.customerId,
        at: o.orderedAt.toISOString(),
        minor: Number(o.amountMinor),
        currency: o.currency,
        creator: o.attributedCreatorId,
        by: o.attributedBy,
      }));
      expect(got, name).toEqual([
        // "01.03.2026 10:00" without an offset, the workspace's zone (UTC); "4 990,00" = 499000 kopecks; code anna10.
        {
          id: 'З-1001',
          customer: 'Покупатель-1',
          at: '2026-03-01T10:00:00.000Z',
          minor: 499_000,
          currency: 'RUB',
          creator: w.anna,
          by: 'code',
        },
        // "12 500" = 12500.00 RUB = 1,250,000 kopecks; no code or link.
        {
          id: 'З-1002',
          customer: 'Покупатель-2',
          at: '2026-03-05T12:30:15.000Z',
          minor: 1_250_000,
          currency: 'RUB',
          creator: null,
          by: null,
        },
        // "45000,00" = 4,500,000 kopecks; the landing URL's utm anna/spring, 18 days after Anna's post.
        {
          id: 'З-1003',
          customer: 'Покупатель-1',
          at: '2026-03-10T09:05:00.000Z',
          minor: 4_500_000,
          currency: 'RUB',
          creator: w.anna,
          by: 'link',
        },
      ]);
    }
  });

  it('reads Excel "Unicode text" (UTF-16 LE with a BOM, tab separated)', async () => {
    const w = await setup('Unicode text');
    const text = utf8.subarray(3).toString('utf8').replaceAll(';', '\t');
    const run = await w.importFile('orders', iconv.encode(text, 'utf-16le', { addBOM: true }));
    expect(run.result).toMatchObject({ created: 3, errorCount: 0 });
    expect((await w.ordersOf()).map((o) => Number(o.amountMinor))).toEqual([499_000, 1_250_000, 4_500_000]);
  });

  it('refuses a column of amounts like "1,234" (thousands or decimals?) naming it, and writes nothing', async () => {
    const w = await setup('Ambiguous amounts');
    const file =
      'external_id,customer_id,ordered_at,amount,currency\ne1,c1,2026-03-01T10:00:00Z,"1,234",USD\ne2,c2,2026-03-02T10:00:00Z,"2,500",USD\n';
    // Refused before the run starts: 400 naming the column, nothing written.
    const res = await w.call('POST', '/imports/orders', file);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0]).toMatchObject({
      field: 'rows.1.amount',
      code: 'ambiguous_number',
      params: { row: 1, column: 'amount' },
    });
    expect(await w.ordersOf()).toEqual([]);
    // One value with cents decides the column: "1,234" is then 1234.00 USD.
    const decided = await w.importFile('orders', file.replace('"2,500"', '"2,500.50"'));
    expect(decided.result).toMatchObject({ created: 2, errorCount: 0 });
    expect((await w.ordersOf()).map((o) => Number(o.amountMinor))).toEqual([123_400, 250_050]);
  });

  it('refuses year 0000 and impossible dates as row errors naming the column', async () => {
    const w = await setup('Bad dates');
    const run = await w.importFile(
      'orders',
      'external_id;customer_id;ordered_at;amount;currency\r\ne1;c1;01.01.0000 10:00;1,00;RUB\r\ne2;c2;31.04.2026 10:00;1,00;RUB\r\n',
    );
    expect(run.result!.rowErrors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, 'ordered_at', 'out_of_range'],
      [3, 'ordered_at', 'invalid_datetime'],
    ]);
    expect(await w.ordersOf()).toEqual([]);
  });
});

describe('the workspace time zone', () => {
  it('is a validated setting (IANA names only), UTC by default', async () => {
    const w = await setup('Zone setting');
    expect((await w.ok('GET', '')).timeZone).toBe('UTC');
    for (const bad of ['Mars/Olympus', '+03:00', 'MSK', '']) {
      const res = await w.call('PATCH', '', { timeZone: bad });
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().error.fields[0].field).toBe('timeZone');
    }
    expect((await w.ok('PATCH', '', { timeZone: 'Europe/Moscow' })).timeZone).toBe('Europe/Moscow');
    expect((await w.ok('GET', '')).timeZone).toBe('Europe/Moscow');
  });

  it('reads offset-less times in it, and the result says which zone it used', async () => {
    const w = await setup('Zone import');
    await w.ok('PATCH', '', { timeZone: 'Europe/Moscow' });
    const run = await w.importFile('orders', fixture('orders-ru-excel.csv'));
    expect(run.result!.reading).toEqual({
      timeZone: 'Europe/Moscow',
      encoding: null,
      delimiter: ';',
      preset: null,
      mapping: null,
    });
    // Moscow is UTC+3: 01.03.2026 10:00 there is 07:00 UTC; 05.03 12:30:15 → 09:30:15; 10.03 09:05 → 06:05.
    expect((await w.ordersOf()).map((o) => o.orderedAt.toISOString())).toEqual([
      '2026-03-01T07:00:00.000Z',
      '2026-03-05T09:30:15.000Z',
      '2026-03-10T06:05:00.000Z',
    ]);
    // The finished run read back from the database says the same.
    const again = (await w.ok('GET', `/imports/${run.id}`)) as ImportRun;
    expect(again.result!.reading!.timeZone).toBe('Europe/Moscow');
  });

  it('decides "today" on the Today page', async () => {
    // 22:30 UTC on 1 June is already 2 June in Moscow and still 1 June in UTC.
    const late = new Date('2026-06-01T22:30:00Z');
    const app = await createTestApp({ clock: { now: () => late } });
    try {
      const s = await app.signUp('Late Lena');
      const ws = (await app.createWorkspace(s, 'Late')).id;
      const today = async () =>
        (await app.call(s, { method: 'GET', url: `/api/v1/workspaces/${ws}/today?scope=team` })).json().date;
      expect(await today()).toBe('2026-06-01');
      await app.call(s, {
        method: 'PATCH',
        url: `/api/v1/workspaces/${ws}`,
        payload: { timeZone: 'Europe/Moscow' },
      });
      expect(await today()).toBe('2026-06-02');
    } finally {
      await app.close();
    }
  });
});

describe('other imports read the same values', () => {
  it('posts and metric snapshots: Russian dates, space thousands, a Windows-1251 file', async () => {
    const w = await setup('Posts values');
    const posts = iconv.encode(
      'external_id;creator;platform;posted_at;cost;cost_currency\r\nпост-1;Anna-ext;instagram;02.03.2026 18:30;1\u00a0500,50;RUB\r\n',
      'win1251',
    );
    const creatorRes = await w.call('PATCH', `/creators/${w.anna}`, { externalId: 'Anna-ext' });
    expect(creatorRes.statusCode).toBe(200);
    const run = await w.importFile('posts', posts);
    expect(run.error).toBeNull();
    expect(run.result).toMatchObject({ created: 1, errorCount: 0 });
    const [post] = await t.database.db
      .select()
      .from(deliverables)
      .where(and(eq(deliverables.workspaceId, w.ws), eq(deliverables.externalId, 'пост-1')));
    // 1 500,50 RUB = 150,050 kopecks; 02.03.2026 18:30 in UTC.
    expect(post).toMatchObject({ costMinor: 150_050, costCurrency: 'RUB' });
    expect(post!.postedAt!.toISOString()).toBe('2026-03-02T18:30:00.000Z');
    const metrics = await w.importFile(
      'metrics',
      'post;captured_at;impressions;reach;likes\r\nпост-1;03.03.2026 18:30;12\u00a0500;1\u202f234;1,234\r\n',
    );
    expect(metrics.result).toMatchObject({ created: 1, errorCount: 0 });
  });

  it('creators: a Windows-1251 file with ";" and rates written "1 500,00 RUB"', async () => {
    const w = await setup('Creators values');
    const file = iconv.encode(
      'display_name;email;rate_post\r\nМария Иванова;maria@example.ru;80\u00a0000,00 RUB\r\n',
      'win1251',
    );
    const res = await w.call('POST', '/creators/import', file);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ created: 1 });
    const [c] = await t.database.db
      .select()
      .from(creators)
      .where(and(eq(creators.workspaceId, w.ws), eq(creators.email, 'maria@example.ru')));
    expect(c!.displayName).toBe('Мария Иванова');
    const rates = await t.database.db.select().from(creatorRates).where(eq(creatorRates.creatorId, c!.id));
    // 80 000,00 RUB = 8,000,000 kopecks.
    expect(rates.map((r) => [r.deliverableType, Number(r.amountMinor), r.currency])).toEqual([
      ['post', 8_000_000, 'RUB'],
    ]);
    // A byte sequence that is no text Evergreen reads is a 400, not a 5xx.
    const binary = await w.call(
      'POST',
      '/creators/import',
      Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 0xff, 0x90]),
    );
    expect(binary.statusCode).toBe(400);
    expect(binary.json().error.fields[0]).toMatchObject({ code: 'not_utf8' });
  });

  it('exchange rates with a decimal comma and Russian dates', async () => {
    const w = await setup('Rates values');
    const res = await w.call(
      'POST',
      '/exchange-rates/import',
      'date;currency;rate\r\n01.03.2026;EUR;1,085\r\n02.03.2026;RUB;0,0112\r\n',
    );
    expect(res.statusCode, res.body).toBe(200);
    const rates = (await w.ok('GET', '/exchange-rates')) as
      | { currency: string; onDate: string; rate: string }[]
      | { rates: { currency: string; onDate: string; rate: string }[] };
    const list = Array.isArray(rates) ? rates : rates.rates;
    expect(list.map((r) => [r.currency, r.onDate, r.rate])).toEqual([
      ['EUR', '2026-03-01', '1.085'],
      ['RUB', '2026-03-02', '0.0112'],
    ]);
  });
});
