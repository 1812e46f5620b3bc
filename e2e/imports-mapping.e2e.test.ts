import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthPages, Shell } from './pages/app.ts';
import { ImportsPage } from './pages/imports.ts';
import { RosterPage } from './pages/roster.ts';
import { type ApiCall, sessionApi } from './support/api.ts';
import { seriousViolations } from './support/axe.ts';
import { browserAvailable } from './support/browser.ts';
import { see } from './support/expect.ts';
import { horizontalOverflow } from './support/layout.ts';
import type { RunningServer } from './support/server.ts';
import { startWithPage, stopAll } from './support/session.ts';

const run = browserAvailable();
const shots = process.env.E2E_SCREENSHOTS ?? '';

/**
 * Shopify's orders export (admin › Orders › Export), one row per line item: the header is the
 * server fixture's, Shopify's real 79 columns (see packages/core/src/imports/presets/shopify-orders.ts
 * for where the list comes from); the values are made up. Cells not given are empty, as Shopify
 * leaves them on the extra line-item rows.
 */
const header = readFileSync(
  new URL('../apps/server/src/test/fixtures/shopify-orders-export.csv', import.meta.url),
  'utf8',
)
  .split(/\r?\n/)[0]!
  .split(',');
const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
const line = (cells: Record<string, string>) => header.map((h) => quote(cells[h] ?? '')).join(',');
const order = (o: {
  name: string;
  id: string;
  email: string;
  status: string;
  total: string;
  code: string;
  at: string;
  item: string;
}) => ({
  Name: o.name,
  Email: o.email,
  'Financial Status': o.status,
  Currency: 'USD',
  Subtotal: o.total,
  Total: o.total,
  'Discount Code': o.code,
  'Created at': o.at,
  'Lineitem quantity': '1',
  'Lineitem name': o.item,
  'Lineitem price': o.total,
  Id: o.id,
  Vendor: 'Glow Lab',
});

describe.runIf(run)(
  'the mapping step of imports (orders on the Imports page, creators in the roster)',
  () => {
    let server: RunningServer;
    let browser: Browser;
    let page: Page;
    let ws: string;
    let creatorId: string;
    const dir = mkdtempSync(join(tmpdir(), 'evergreen-mapping-e2e-'));
    const shopifyFile = join(dir, 'orders_export_1.csv');

    /** Setup goes through the API with the signed-in browser's own session. */

    const api: ApiCall = (...a) => sessionApi(page.request, server.url)(...a);

    beforeAll(async () => {
      ({ server, browser, page } = await startWithPage(
        { EVERGREEN_DEMO: 'false' },
        { locale: 'en-US', viewport: { width: 1280, height: 900 } },
      ));
      ws = await new AuthPages(page, server.url).signUpWithWorkspace('Mira Mapper', 'mira', 'Glow Lab');
      creatorId = (
        await api('POST', `/workspaces/${ws}/creators`, {
          displayName: 'Anna Smirnova',
          tier: 1,
          status: 'active',
        })
      ).id;
      await api('POST', `/workspaces/${ws}/trackers`, { kind: 'promo_code', creatorId, code: 'ANNA10' });
      // One sponsored post that cost $500.00, live on 1 March 2026.
      await api('POST', `/workspaces/${ws}/deliverables`, {
        creatorId,
        type: 'reel',
        platform: 'instagram',
        sponsored: true,
        postedAt: '2026-03-01T10:00:00.000Z',
        status: 'live',
        costMinor: 50_000,
        costCurrency: 'USD',
      });
    });
    afterAll(async () => {
      await stopAll(browser, server);
      rmSync(dir, { recursive: true, force: true });
    });

    it('shows the preset, takes one column changed, saves the mapping, imports, and the CPA follows', async () => {
      const results = `${server.url}/w/${ws}/creators/${creatorId}?tab=results&from=2026-03-01&to=2026-03-31`;
      const cpa = page.getByTestId('creator-results-measures-cpa');
      // Before the import Anna has a cost and no customer: no CPA.
      await page.goto(results);
      await see.visible(cpa);
      const before = (await cpa.textContent()) ?? '';
      expect(before).not.toContain('$');

      const file = shopifyFile;
      writeFileSync(
        file,
        `${[
          header.join(','),
          line(
            order({
              name: '#1001',
              id: '5523456789012345678',
              email: 'jane@example.com',
              status: 'paid',
              total: '54.50',
              code: 'ANNA10',
              at: '2026-03-05 21:06:21 +0400',
              item: 'Serum 30 ml',
            }),
          ),
          // #1001's second line item: same Name, no order columns.
          line({
            Name: '#1001',
            Email: 'jane@example.com',
            'Lineitem name': 'Toner, 100 ml',
            'Created at': '2026-03-05 21:06:21 +0400',
          }),
          line(
            order({
              name: '#1002',
              id: '5523456789012345679',
              email: 'tom@example.com',
              status: 'paid',
              total: '30.00',
              code: 'anna10',
              at: '2026-03-06 10:00:00 -0500',
              item: 'Lip balm',
            }),
          ),
          line(
            order({
              name: '#1003',
              id: '5523456789012345680',
              email: 'jane@example.com',
              status: 'paid',
              total: '20.00',
              code: 'ANNA10',
              at: '2026-03-08 09:00:00 +0000',
              item: 'Cleanser',
            }),
          ),
          line(
            order({
              name: '#1004',
              id: '5523456789012345681',
              email: 'lia@example.com',
              status: 'refunded',
              total: '15.00',
              code: 'ANNA10',
              at: '2026-03-09 09:00:00 +0000',
              item: 'Cleanser',
            }),
          ),
          line(
            order({
              name: '#1005',
              id: '5523456789012345682',
              email: 'max@example.com',
              status: 'paid',
              total: '40.00',
              code: '',
              at: '2026-03-10 09:00:00 +0000',
              item: 'Serum 30 ml',
            }),
          ),
        ].join('\n')}\n`,
      );

      await page.goto(`${server.url}/w/${ws}/imports?kind=orders`);
      const imports = new ImportsPage(page);
      await imports.chooseFile(file);
      // The preview: Shopify recognised from its header, UTF-8, the workspace's zone (UTC).
      await see.attribute(imports.source(), 'data-source', 'preset');
      await see.text(imports.source(), 'Recognised: Shopify orders export');
      await see.text(imports.encoding(), 'Encoding: utf-8');
      await see.text(imports.timeZone(), 'Times without an offset: UTC');
      await see.value(imports.fieldFor('Id'), 'external_id');
      await see.value(imports.fieldFor('Name'), '');
      // Columns no field is mapped to that the preset reads say what for, not "ignore".
      await see.value(imports.fieldFor('Financial Status'), '');
      for (const [column, uses] of [
        ['Financial Status', 'order status'],
        ['Cancelled at', 'order status'],
        ['Refunded Amount', 'refunded amount'],
        ['Phone', 'customer'],
        ['Name', 'order id, customer'],
      ] as const)
        await see.text(imports.derivedHint(column), `Used by the Shopify orders export preset: ${uses}`);
      await see.containsText(
        page.locator('tr[data-column="Financial Status"] select'),
        '— read by the preset —',
      );
      await see.count(imports.derivedHint('Lineitem name'), 0);
      // Five orders: #1001's second line item is merged into it. Times as read, in UTC.
      await see.count(imports.sampleRows(), 5);
      await see.text(imports.sampleCell(2, 'external_id'), '5523456789012345678');
      await see.text(imports.sampleCell(2, 'ordered_at'), '2026-03-05T17:06:21.000Z');
      await see.text(imports.sampleCell(2, 'amount'), '54.50');
      expect(await seriousViolations(page)).toEqual([]);

      // One column changed: the order id from Name instead of Id (Id is then ignored).
      await imports.mapColumn('Name', 'external_id');
      await see.attribute(imports.source(), 'data-source', 'given');
      await see.text(imports.source(), 'Shopify orders export, adjusted');
      await see.value(imports.fieldFor('Id'), '');
      await see.text(imports.sampleCell(2, 'external_id'), '#1001');
      await see.count(imports.sampleRows(), 5);

      // Saved for the workspace: the preview now says the saved mapping is chosen for this header.
      await imports.saveMappingAs('Shopify by order name');
      await see.attribute(imports.source(), 'data-source', 'saved');
      await see.text(imports.source(), 'Saved mapping “Shopify by order name”, chosen for this header');
      await see.value(imports.fieldFor('Name'), 'external_id');
      await see.text(imports.sampleCell(2, 'external_id'), '#1001');

      // At 390 px the mapping's tables scroll in their own boxes.
      await page.setViewportSize({ width: 390, height: 844 });
      await expect.poll(async () => (await horizontalOverflow(page)).past).toEqual([]);
      if (shots) await page.screenshot({ path: join(shots, 'imports-mapping-390.png'), fullPage: true });
      await page.setViewportSize({ width: 1280, height: 900 });

      await imports.start('all');
      await see.attribute(imports.run(), 'data-status', 'done');
      await see.text(imports.count('total'), '5');
      await see.text(imports.count('created'), '5');

      // The orders, by their names; #1001 is Anna's by its code.
      await page.getByTestId('nav-orders').click();
      await see.visible(page.getByTestId('order-row-#1001'));
      await see.attribute(page.getByTestId('order-row-#1001'), 'data-attributed', 'yes');
      await see.text(page.getByTestId('order-creator-#1001'), 'Anna Smirnova');
      await see.containsText(page.getByTestId('order-row-#1001'), '$54.50');
      await see.attribute(page.getByTestId('order-row-#1005'), 'data-attributed', 'no');
      const listed = await api('GET', `/workspaces/${ws}/orders?limit=50&offset=0`);
      expect(listed.orders.map((o: { externalId: string }) => o.externalId).sort()).toEqual([
        '#1001',
        '#1002',
        '#1003',
        '#1004',
        '#1005',
      ]);

      // By hand: Anna's customers acquired in March are jane (#1001) and tom (#1002); #1003 is
      // jane again, #1004 was refunded (not a customer's order), #1005 has no code. CPA = cost ÷
      // customers = 50,000 ÷ 2 = 25,000 minor units = $250.00.
      await page.goto(results);
      await see.text(cpa, /\$250\.00/);
    });

    it('chooses the saved mapping by itself for the same header next time, in Russian', async () => {
      await page.goto(`${server.url}/w/${ws}/imports?kind=orders`);
      await new Shell(page).chooseLanguage('ru');
      const imports = new ImportsPage(page);
      await imports.chooseFile(shopifyFile);
      await see.attribute(imports.source(), 'data-source', 'saved');
      await see.text(
        imports.source(),
        'Сохранённое сопоставление «Shopify by order name», выбрано для этих столбцов',
      );
      await see.text(imports.timeZone(), 'Время без смещения: UTC');
      await see.containsText(
        page.getByTestId('import-mapping-notes'),
        'Ещё 1 строка товаров уже прочитанного заказа: объединена с заказом',
      );
      await see.value(
        page.getByRole('combobox', { name: 'Поле Evergreen для столбца Name', exact: true }),
        'external_id',
      );
      await see.text(
        imports.derivedHint('Financial Status'),
        'Используется пресетом «Выгрузка заказов Shopify»: статус заказа',
      );
      expect(await seriousViolations(page)).toEqual([]);
      // The same orders again under the same mapping: all five unchanged, nothing doubled.
      await page.getByTestId('import-start').click();
      await see.attribute(imports.run(), 'data-status', 'done');
      await see.text(imports.count('unchanged'), '5');
      await see.text(imports.count('created'), '0');
      await new Shell(page).chooseLanguage('en');
    });

    it('maps a creators file with its own column names in the roster import, one column changed', async () => {
      await new Shell(page).nav('roster').click();
      // A Russian spreadsheet of creators: "Блогер", "Почта" and "Уровень" are known names; "Город" is not.
      await new RosterPage(page).previewImport(
        'Блогер;Почта;Уровень;Город\nНика Орлова;nika@example.test;2;Казань\n',
        'блогеры.csv',
      );
      const imports = new ImportsPage(page);
      await see.attribute(imports.source(), 'data-source', 'proposed');
      await see.value(imports.fieldFor('Блогер'), 'display_name');
      await see.value(imports.fieldFor('Город'), '');
      await imports.mapColumn('Город', 'notes');
      await see.attribute(imports.source(), 'data-source', 'given');
      await see.text(imports.sampleCell(2, 'notes'), 'Казань');
      await see.text(page.getByTestId('csv-count-create'), /1/);
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByTestId('csv-import-submit').click();
      await expect
        .poll(async () => {
          const { creators } = await api('GET', `/workspaces/${ws}/creators?q=nika`);
          return creators.map((c: { displayName: string; email: string | null; tier: number }) => [
            c.displayName,
            c.email,
            c.tier,
          ]);
        })
        .toEqual([['Ника Орлова', 'nika@example.test', 2]]);
      // "Город" went in as the notes, as mapped.
      const { creators } = await api('GET', `/workspaces/${ws}/creators?q=nika`);
      expect((await api('GET', `/workspaces/${ws}/creators/${creators[0].id}`)).notes).toBe('Казань');
    });

    it('maps an exchange-rates file whose numbers are ambiguous once the decimal comma is chosen', async () => {
      await page.goto(`${server.url}/w/${ws}/settings/rates`);
      // Russian column names, and rates like "1,085": thousands or a decimal comma? The preview asks.
      await page.locator('[data-testid="rates-import"] input[type=file]').setInputFiles({
        name: 'курсы.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('Дата;Валюта;Курс;Источник\n01.03.2026;EUR;1,085;ЦБ\n02.03.2026;EUR;1,090;ЦБ\n'),
      });
      const imports = new ImportsPage(page);
      await see.attribute(imports.source(), 'data-source', 'proposed');
      await see.value(imports.fieldFor('Курс'), 'rate');
      await see.visible(
        page.locator('[data-testid="import-mapping-problems"] [data-code="ambiguous_number"]'),
      );
      expect(await page.getByTestId('rates-import-submit').isDisabled()).toBe(true);
      await page.getByRole('combobox', { name: 'Decimal mark' }).selectOption('comma');
      await see.count(page.getByTestId('import-mapping-problems'), 0);
      // Read as 1.085 and 1.090, the days as day.month.year.
      await see.text(imports.sampleCell(2, 'rate'), '1.085');
      await see.text(imports.sampleCell(3, 'date'), '2026-03-02');
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByTestId('rates-import-submit').click();
      await expect
        .poll(async () => {
          const { rates } = await api('GET', `/workspaces/${ws}/exchange-rates`);
          return rates
            .filter((r: { currency: string }) => r.currency === 'EUR')
            .map((r: { onDate: string; rate: string }) => [r.onDate, Number(r.rate)])
            .sort();
        })
        .toEqual([
          ['2026-03-01', 1.085],
          ['2026-03-02', 1.09],
        ]);
    });
  },
);
