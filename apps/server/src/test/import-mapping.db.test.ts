import { join } from 'node:path';
import type { ImportPreview, ImportRun } from '@evergreen/contracts';
import type { Clock } from '@evergreen/core';
import { deliverables, importMappings, metricSnapshots, orders } from '@evergreen/db';
import { and, asc, eq } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCommand } from '../cli.ts';
import { finished, importFile as importFileAs } from '../testing/factories/imports.ts';
import { creatorWithPost } from '../testing/factories/performance.ts';
import { newWorkspace } from '../testing/factories/workspace.ts';
import { fixtureFileText as fixture, fixtureFilePath } from '../testing/fixtures.ts';
import { appWithOwner, type Session, type TestApp } from '../testing/harness.ts';

/**
 * Column mappings and presets through the API and the CLI (docs/csv.md, "Column mapping" and
 * "Presets"), with files in the real formats of the systems they come from (values made up).
 * Every expected value is worked out by hand in the comments.
 */

const now = new Date('2026-06-01T00:00:00Z');
const clock: Clock = { now: () => now };

let t: TestApp;
let owner: Session;
beforeAll(async () => ({ t, owner } = await appWithOwner('Mila Mapping', { clock })));
afterAll(() => t.close());

async function setup(name: string) {
  const w = await newWorkspace(t, owner, name);
  const anna = await creatorWithPost(w, 'Anna', { postedAt: '2026-03-01T00:00:00Z', code: 'ANNA10' });
  const importFile = (kind: string, body: unknown, query = '') => importFileAs(w, kind, body, query);
  const preview = async (kind: string, body: unknown, query = '') =>
    (await w.ok('POST', `/import-mappings/preview/${kind}${query}`, body)) as ImportPreview;
  const ordersOf = () =>
    t.database.db.select().from(orders).where(eq(orders.workspaceId, w.ws)).orderBy(asc(orders.orderedAt));
  return { ...w, importFile, preview, ordersOf, anna };
}

/** A browser's multipart/form-data body (RFC 7578): the fields, then the file part. */
function multipart(fields: Record<string, string>, file: string) {
  const boundary = '----EvergreenFormMapping';
  let body = '';
  for (const [k, v] of Object.entries(fields))
    body += `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`;
  body += `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="orders_export.csv"\r\nContent-Type: text/csv\r\n\r\n${file}\r\n--${boundary}--\r\n`;
  return { payload: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('the Shopify orders export', () => {
  const file = fixture('shopify-orders-export.csv');

  it('is recognised from its header and previewed as it will be read', async () => {
    const w = await setup('Shopify preview');
    const p = await w.preview('orders', file);
    expect(p).toMatchObject({
      source: 'preset',
      preset: 'shopify',
      delimiter: ',',
      timeZone: 'UTC',
      missing: [],
      problems: [],
    });
    expect(p.header).toHaveLength(79);
    expect(p.mapping.columns).toMatchObject({
      'Created at': 'ordered_at',
      Total: 'amount',
      Currency: 'currency',
      'Discount Code': 'promo_code',
      Id: 'external_id',
      Email: 'customer_id',
      'Lineitem name': null,
    });
    // Three orders: the two extra line items of #1001 are merged into it.
    expect(p.rows.map((r) => r.values)).toEqual([
      {
        ordered_at: '2026-03-05T17:06:21.000Z', // 21:06:21 at +04:00
        amount: '54.50',
        currency: 'USD',
        promo_code: 'ANNA10',
        external_id: '5523456789012345678', // Shopify's Id, past 2^53, kept as text
        customer_id: 'jane@example.com',
        status: 'paid', // Financial Status paid
        refunded_amount: '0.00',
      },
      {
        ordered_at: '2026-03-06T15:00:00.000Z', // 10:00 at −05:00
        amount: '20.00',
        currency: 'USD',
        promo_code: null,
        external_id: '5523456789012345679',
        customer_id: '+15550001111', // no email: the phone
        status: 'refunded', // Financial Status refunded, Refunded Amount 20.00
        refunded_amount: '20.00',
      },
      {
        ordered_at: '2026-03-07T09:15:00.000Z',
        amount: '15.00',
        currency: 'USD',
        promo_code: null,
        external_id: '5523456789012345680',
        customer_id: '#1003', // neither: the order itself
        status: 'cancelled', // voided, with Cancelled at set
        refunded_amount: '0.00',
      },
    ]);
    expect(p.notes).toEqual(['2 more line-item rows of orders already read: merged into their order']);
  });

  it('imports one order per Name with the right amounts, times, customers and attribution (auto and --preset)', async () => {
    for (const query of ['', '?preset=shopify']) {
      const w = await setup(`Shopify import ${query || 'auto'}`);
      const run = await w.importFile('orders', file, query);
      expect(run.error).toBeNull();
      expect(run.result).toMatchObject({ totalRows: 3, created: 3, errorCount: 0 });
      expect(run.result!.reading).toMatchObject({ preset: 'shopify', timeZone: 'UTC', delimiter: ',' });
      const got = (await w.ordersOf()).map((o) => [
        o.externalId,
        o.customerId,
        o.orderedAt.toISOString(),
        Number(o.amountMinor),
        o.currency,
        o.promoCode,
        o.attributedCreatorId,
      ]);
      expect(got).toEqual([
        [
          '5523456789012345678',
          'jane@example.com',
          '2026-03-05T17:06:21.000Z',
          5450,
          'USD',
          'ANNA10',
          w.anna,
        ],
        ['5523456789012345679', '+15550001111', '2026-03-06T15:00:00.000Z', 2000, 'USD', null, null],
        ['5523456789012345680', '#1003', '2026-03-07T09:15:00.000Z', 1500, 'USD', null, null],
      ]);
    }
  });

  it('a wrong preset is a 400 naming the columns the file lacks, and nothing is written', async () => {
    const w = await setup('Wrong preset');
    const res = await w.call('POST', '/imports/orders?preset=shopify', fixture('youtube-table-data.csv'));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe(
      'The file is not a Shopify orders export: it has no column "Name", "Email", "Financial Status", "Total", "Created at", "Lineitem name"',
    );
    expect(res.json().error.fields[0]).toMatchObject({ field: 'preset', code: 'wrong_preset' });
    const unknown = await w.call('POST', '/imports/orders?preset=bigcommerce', file);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields[0].code).toBe('unknown_preset');
    expect(await w.ordersOf()).toEqual([]);
  });

  it('takes the preset adjusted (a column ignored, another mapped) as multipart mappingJson, and saved for its header', async () => {
    const w = await setup('Shopify adjusted');
    const p = await w.preview('orders', file);
    // The user maps the order id from Name instead of Id and ignores Discount Code; the preset's
    // row handling stays (line items merged, customer Email else Phone else Name, status).
    const mapping = {
      preset: 'shopify',
      columns: { ...p.mapping.columns, Id: null, Name: 'external_id', 'Discount Code': null },
      options: {},
    };
    const asRead = await w.preview('orders', { csv: file, mapping });
    expect(asRead).toMatchObject({ source: 'given', preset: 'shopify', missing: [], problems: [] });
    expect(asRead.rows.map((r) => [r.values.external_id, r.values.customer_id, r.values.promo_code])).toEqual(
      [
        ['#1001', 'jane@example.com', undefined],
        ['#1002', '+15550001111', undefined],
        ['#1003', '#1003', undefined],
      ],
    );
    const res = await t.call(owner, {
      method: 'POST',
      url: `/api/v1/workspaces/${w.ws}/imports/orders`,
      ...multipart({ mode: 'all_or_nothing', mappingJson: JSON.stringify(mapping) }, file),
    });
    expect(res.statusCode, res.body).toBe(200);
    const run = await finished(w, res.json() as ImportRun);
    expect(run.result).toMatchObject({ totalRows: 3, created: 3, errorCount: 0 });
    // By hand: Name as the id, no promo code read so nothing attributed; #1002 refunded, #1003 voided.
    expect(
      (await w.ordersOf()).map((o) => [o.externalId, Number(o.amountMinor), o.promoCode, o.status]),
    ).toEqual([
      ['#1001', 5450, null, 'paid'],
      ['#1002', 2000, null, 'refunded'],
      ['#1003', 1500, null, 'cancelled'],
    ]);
    // Saved under a name: a file with the same header gets it (over the preset it adjusts).
    await w.ok('POST', '/import-mappings', {
      kind: 'orders',
      name: 'Shop, no codes',
      header: p.header,
      mapping,
    });
    const again = await w.preview('orders', file);
    expect(again).toMatchObject({ source: 'saved', savedMapping: 'Shop, no codes', preset: 'shopify' });
    expect(again.rows.map((r) => r.values.external_id)).toEqual(['#1001', '#1002', '#1003']);
  });

  it('refuses a bad multipart mappingJson with a 400 naming the field, and writes nothing', async () => {
    const w = await setup('Bad mappingJson');
    for (const bad of ['{not json', JSON.stringify({ columns: 'Name' })]) {
      const res = await t.call(owner, {
        method: 'POST',
        url: `/api/v1/workspaces/${w.ws}/imports/orders`,
        ...multipart({ mappingJson: bad }, file),
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.fields[0]).toMatchObject({ field: 'mappingJson', code: 'invalid_mapping' });
    }
    // A well-formed mapping that leaves a required field unmapped names it.
    const unmapped = await t.call(owner, {
      method: 'POST',
      url: `/api/v1/workspaces/${w.ws}/imports/orders`,
      ...multipart({ mappingJson: JSON.stringify({ columns: { Name: 'external_id' } }) }, file),
    });
    expect(unmapped.statusCode, unmapped.body).toBe(400);
    expect(unmapped.json().error.fields.map((f: { field: string }) => f.field)).toEqual([
      'mapping.customer_id',
      'mapping.ordered_at',
      'mapping.amount',
      'mapping.currency',
    ]);
    expect(await w.ordersOf()).toEqual([]);
  });

  it('goes in through the CLI with --preset shopify', async () => {
    const w = await setup('Shopify CLI');
    const { slug } = await w.ok('GET', '');
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s), clock };
    const path = join(fixtureFilePath('.').pathname, 'shopify-orders-export.csv');
    expect(
      await importCommand(t.database, ['orders', path, '--workspace', slug, '--preset', 'shopify'], io),
    ).toBe(0);
    expect(out[0]).toBe(
      'orders from shopify-orders-export.csv (all_or_nothing): 3 rows, 3 created, 0 updated, 0 unchanged, 0 skipped, 0 errors',
    );
    expect(err).toContain('read as preset shopify, utf-8, ","-separated, times without an offset in UTC');
    expect((await w.ordersOf()).map((o) => Number(o.amountMinor))).toEqual([5450, 2000, 1500]);
  });
});

describe('mappings', () => {
  // What a Russian shop's Excel export looks like: its own column names, ";", Windows-1251.
  const russian = [
    'Номер заказа;Покупатель;Дата заказа;Сумма, руб.;Валюта;Промокод;Комментарий',
    'Р-1;ivan@example.ru;05.03.2026 12:00;4\u00a0990,00;RUB;anna10;позвонить',
    'Р-2;olga@example.ru;06.03.2026 09:30;12\u00a0500;RUB;;',
  ].join('\r\n');
  const bytes = iconv.encode(russian, 'win1251');

  it('proposes a mapping from Russian names, then a saved one is chosen again for the same header', async () => {
    const w = await setup('Russian mapping');
    await w.ok('PATCH', '', { timeZone: 'Europe/Moscow' });
    const p = await w.preview('orders', bytes);
    expect(p).toMatchObject({
      source: 'proposed',
      encoding: 'windows-1251',
      delimiter: ';',
      timeZone: 'Europe/Moscow',
      missing: ['amount'],
    });
    expect(p.mapping.columns).toEqual({
      'Номер заказа': 'external_id',
      Покупатель: 'customer_id',
      'Дата заказа': 'ordered_at',
      'Сумма, руб.': null, // not a known name: the user maps it
      Валюта: 'currency',
      Промокод: 'promo_code',
      Комментарий: null,
    });
    // Without an amount column the import would refuse the file, naming the field.
    expect(p.problems).toEqual([
      { column: 'amount', message: 'The required field amount has no column', code: 'missing_field' },
    ]);
    const mapping = { columns: { ...p.mapping.columns, 'Сумма, руб.': 'amount' }, options: {} };
    const asRead = await w.preview('orders', { csv: russian, mapping });
    expect(asRead.rows.map((r) => [r.values.ordered_at, r.values.amount])).toEqual([
      ['2026-03-05T09:00:00.000Z', '4990.00'], // 12:00 Moscow (+3)
      ['2026-03-06T06:30:00.000Z', '12500'],
    ]);
    const saved = await w.ok('POST', '/import-mappings', {
      kind: 'orders',
      name: 'Мой магазин',
      header: p.header,
      mapping,
    });
    expect(saved).toMatchObject({ kind: 'orders', name: 'Мой магазин' });
    // The same header again: the saved mapping is used without being named.
    const again = await w.preview('orders', bytes);
    expect(again).toMatchObject({ source: 'saved', savedMapping: 'Мой магазин' });
    const run = await w.importFile('orders', bytes);
    expect(run.result).toMatchObject({ created: 2, errorCount: 0 });
    expect(run.result!.reading).toMatchObject({
      mapping: 'Мой магазин',
      timeZone: 'Europe/Moscow',
      delimiter: ';',
    });
    expect(
      (await w.ordersOf()).map((o) => [
        o.externalId,
        Number(o.amountMinor),
        o.orderedAt.toISOString(),
        o.attributedCreatorId,
      ]),
    ).toEqual([
      ['Р-1', 499_000, '2026-03-05T09:00:00.000Z', w.anna],
      ['Р-2', 1_250_000, '2026-03-06T06:30:00.000Z', null],
    ]);
    // And by name with ?mapping=, also from the CLI.
    const { slug } = await w.ok('GET', '');
    const io = { out: () => {}, err: () => {}, clock };
    const path = join(fixtureFilePath('.').pathname, 'orders-ru-excel.csv');
    // A file with another header under this mapping is refused, naming the column it lacks.
    expect(
      await importCommand(t.database, ['orders', path, '--workspace', slug, '--mapping', 'Мой магазин'], io),
    ).toBe(1);
    // Saving twice under one name at once leaves one mapping.
    await Promise.all(
      [1, 2].map(() =>
        w.ok('POST', '/import-mappings', { kind: 'orders', name: 'Twice', header: p.header, mapping }),
      ),
    );
    const rows = await t.database.db
      .select()
      .from(importMappings)
      .where(and(eq(importMappings.workspaceId, w.ws), eq(importMappings.name, 'Twice')));
    expect(rows).toHaveLength(1);
  });

  it('reads an exchange-rates column of "1,085" with the decimal mark the mapping chooses (else 400 naming it)', async () => {
    const w = await setup('Rates decimal');
    const csv = 'Дата;Валюта;Курс\n01.03.2026;EUR;1,085\n02.03.2026;EUR;1,090\n';
    const columns = { Дата: 'date', Валюта: 'currency', Курс: 'rate' };
    // Without the option the column cannot be decided: refused naming it, nothing written.
    const refused = await w.call('POST', '/exchange-rates/import', { csv, mapping: { columns } });
    expect(refused.statusCode, refused.body).toBe(400);
    expect(refused.json().error.fields[0]).toMatchObject({
      code: 'ambiguous_number',
      params: { column: 'rate' },
    });
    expect((await w.ok('GET', '/exchange-rates')).rates).toEqual([]);
    // With a decimal comma, 1,085 is 1.085 (not 1085).
    await w.ok('POST', '/exchange-rates/import', {
      csv,
      mapping: { columns, options: { decimal: 'comma' } },
    });
    const rates = (await w.ok('GET', '/exchange-rates')).rates as { onDate: string; rate: string }[];
    expect(rates.map((r) => [r.onDate, Number(r.rate)]).sort()).toEqual([
      ['2026-03-01', 1.085],
      ['2026-03-02', 1.09],
    ]);
  });

  it('refuses a mapping that leaves a required field unmapped, naming it, and writes nothing', async () => {
    const w = await setup('Unmapped field');
    const res = await w.call('POST', '/imports/orders', {
      csv: russian,
      mapping: {
        columns: {
          'Номер заказа': 'external_id',
          'Дата заказа': 'ordered_at',
          'Сумма, руб.': 'amount',
          Валюта: 'currency',
        },
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('customer_id');
    expect(res.json().error.fields).toEqual([
      {
        field: 'mapping.customer_id',
        message: 'is required and no column is mapped to it',
        code: 'missing_field',
        params: { column: 'customer_id' },
      },
    ]);
    const badField = await w.call('POST', '/imports/orders', {
      csv: russian,
      mapping: { columns: { Валюта: 'money' } },
    });
    expect(badField.statusCode).toBe(400);
    expect(badField.json().error.fields[0]).toMatchObject({
      code: 'unknown_field',
      params: { column: 'Валюта' },
    });
    expect(await w.ordersOf()).toEqual([]);
  });

  it('refuses an ambiguous date column naming it, and reads it once the order is chosen', async () => {
    const w = await setup('Ambiguous dates');
    const csv =
      'Order,Customer,Date,Total,Currency\nA-1,c1,03/05/2026 10:00,10.00,USD\nA-2,c2,04/06/2026 11:00,20.00,USD\n';
    const columns = {
      Order: 'external_id',
      Customer: 'customer_id',
      Date: 'ordered_at',
      Total: 'amount',
      Currency: 'currency',
    };
    const res = await w.call('POST', '/imports/orders', { csv, mapping: { columns } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0]).toMatchObject({
      field: 'rows.1.Date',
      code: 'ambiguous_date',
      params: { column: 'Date' },
    });
    expect(await w.ordersOf()).toEqual([]);
    const run = await w.importFile('orders', { csv, mapping: { columns, options: { dateOrder: 'mdy' } } });
    expect(run.result).toMatchObject({ created: 2 });
    // MM/DD: 5 March and 6 April.
    expect((await w.ordersOf()).map((o) => o.orderedAt.toISOString())).toEqual([
      '2026-03-05T10:00:00.000Z',
      '2026-04-06T11:00:00.000Z',
    ]);
  });
});

describe('the YouTube Studio export (aggregated metrics by video)', () => {
  it('matches videos to posts by their link written another way, skips the Total row, and takes the import time', async () => {
    const w = await setup('YouTube');
    const { db } = t.database;
    const [watch] = await db
      .insert(deliverables)
      .values({
        workspaceId: w.ws,
        creatorId: w.anna,
        type: 'video',
        status: 'live',
        url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ&si=Xy12',
      })
      .returning();
    const [short] = await db
      .insert(deliverables)
      .values({
        workspaceId: w.ws,
        creatorId: w.anna,
        type: 'short',
        status: 'live',
        url: 'https://youtu.be/abcdefghijk',
      })
      .returning();
    const file = fixture('youtube-table-data.csv');
    const p = await w.preview('metrics', file);
    expect(p).toMatchObject({ source: 'preset', preset: 'youtube', missing: [] });
    expect(p.notes).toEqual([
      'Row 2 ("Total") is a summary row of the export: skipped',
      "The file has no capture time: its numbers are taken as read at the import's time (2026-06-01T00:00:00.000Z)",
    ]);
    expect(p.rows[0]!.values).toMatchObject({
      post: 'dQw4w9WgXcQ',
      video_views: '12500',
      impressions: '48000',
      captured_at: '2026-06-01T00:00:00.000Z',
    });
    const run = await w.importFile('metrics', file);
    expect(run.error).toBeNull();
    expect(run.result).toMatchObject({ totalRows: 2, created: 2, errorCount: 0 });
    expect(run.result!.reading!.notes).toEqual(['Row 2 ("Total") is a summary row of the export: skipped']);
    const snaps = await db.select().from(metricSnapshots).where(eq(metricSnapshots.workspaceId, w.ws));
    const byPost = new Map(snaps.map((s) => [s.deliverableId, s]));
    expect(byPost.get(watch!.id)).toMatchObject({ videoViews: 12_500, impressions: 48_000 });
    expect(byPost.get(short!.id)).toMatchObject({ videoViews: 1234, impressions: 4000 });
    expect(snaps.every((s) => s.capturedAt.toISOString() === now.toISOString())).toBe(true);
  });
});

describe('Meta Business Suite and TikTok Studio exports', () => {
  it('match posts by their links written another way, with the numbers as written', async () => {
    const w = await setup('Meta and TikTok');
    const { db } = t.database;
    const post = async (url: string) =>
      (
        await db
          .insert(deliverables)
          .values({ workspaceId: w.ws, creatorId: w.anna, type: 'reel', status: 'live', url })
          .returning()
      )[0]!.id;
    // Stored as people paste them: /reel/ for a /p/ link, tracking parameters, no www.
    const image = await post('https://instagram.com/reel/C4abc_12-X?igsh=MTc4MmM1');
    const reel = await post('instagram.com/p/C4def_34-Y/');
    const tiktok = await post(
      'https://www.tiktok.com/@anna.glow/video/7301234567890123456?is_from_webapp=1&sender_device=pc',
    );

    const meta = await w.importFile('metrics', fixture('meta-instagram-posts.csv'));
    expect(meta.error).toBeNull();
    expect(meta.result).toMatchObject({ created: 2, errorCount: 0 });
    expect(meta.result!.reading!.preset).toBe('meta');
    const tt = await w.importFile('metrics', fixture('tiktok-studio-content.csv'));
    expect(tt.result).toMatchObject({ created: 1, errorCount: 0 });
    expect(tt.result!.reading!.preset).toBe('tiktok');

    const snaps = await db.select().from(metricSnapshots).where(eq(metricSnapshots.workspaceId, w.ws));
    const of = (id: string) => {
      const s = snaps.find((x) => x.deliverableId === id)!;
      return [
        s.impressions,
        s.reach,
        s.likes,
        s.comments,
        s.saves,
        s.shares,
        s.videoViews,
        s.capturedAt.toISOString(),
      ];
    };
    // "12,500" and "1,530" are counts: 12500 and 1530. Lifetime exports: read at the import's time.
    expect(of(image)).toEqual([12_500, 9800, 640, 35, 120, 18, null, now.toISOString()]);
    expect(of(reel)).toEqual([30_200, 21_000, 1530, 88, 410, 95, null, now.toISOString()]);
    expect(of(tiktok)).toEqual([null, null, 2100, 45, null, 30, 48_500, now.toISOString()]);
  });
});
