import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthPages, Shell } from './pages/app.ts';
import { CreatorPage } from './pages/creator.ts';
import { ImportsPage } from './pages/imports.ts';
import { type ApiCall, addActiveCreator, sessionApi } from './support/api.ts';
import { browserAvailable } from './support/browser.ts';
import { see } from './support/expect.ts';
import type { RunningServer } from './support/server.ts';
import { startWithPage, stopAll } from './support/session.ts';

const run = browserAvailable();
const shots = process.env.E2E_SCREENSHOTS ?? '';

const addDays = (s: string, n: number) =>
  new Date(Date.parse(`${s}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe.runIf(run)('data in: promo codes, the link builder, an orders import and attribution', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let ws: string;
  let today: string;
  let creatorId: string;
  let postId: string;
  const dir = mkdtempSync(join(tmpdir(), 'evergreen-tracking-e2e-'));

  /** Setup goes through the API with the signed-in browser's own session. */

  const api: ApiCall = (...a) => sessionApi(page.request, server.url)(...a);
  const shot = async (name: string) => {
    if (shots) await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  };

  beforeAll(async () => {
    ({ server, browser, page } = await startWithPage(
      { EVERGREEN_DEMO: 'false' },
      { locale: 'en-US', viewport: { width: 1400, height: 900 } },
    ));
    ws = await new AuthPages(page, server.url).signUpWithWorkspace('Olga Owner', 'olga', 'Glow Lab');
    today = (await api('GET', `/workspaces/${ws}/today`)).date;
    creatorId = await addActiveCreator(api, ws, 'Anna Smirnova', 'anna@example.test', 1, ['US']);
    // A sponsored post that went live three days ago at 10:00 UTC.
    const post = await api('POST', `/workspaces/${ws}/deliverables`, {
      creatorId,
      type: 'reel',
      platform: 'instagram',
      sponsored: true,
      postedAt: `${addDays(today, -3)}T10:00:00.000Z`,
      status: 'live',
      costMinor: 50_000,
      costCurrency: 'USD',
    });
    postId = post.id;
  });
  afterAll(async () => {
    await stopAll(browser, server);
    rmSync(dir, { recursive: true, force: true });
  });

  it('adds a promo code and builds a UTM link with the exact URL expected', async () => {
    const tab = new CreatorPage(page, server.url);
    await tab.open(ws, creatorId, 'tracking');
    // Typed in lower case, stored in capitals.
    await tab.addCode('anna10');
    await see.visible(page.getByTestId('tracker-ANNA10'));

    // The suggestion: source = the creator's name as a slug, medium "creator", campaign
    // "always-on" without a campaign.
    await see.value(page.getByTestId('link-utm-source'), 'anna-smirnova');
    await see.value(page.getByTestId('link-utm-medium'), 'creator');
    await see.value(page.getByTestId('link-utm-campaign'), 'always-on');
    // An existing parameter and the fragment are kept; ours go after it, in order.
    await page.getByTestId('link-destination').fill('https://shop.example/spring?ref=ig#top');
    await see.text(
      tab.linkPreview(),
      'https://shop.example/spring?ref=ig&utm_source=anna-smirnova&utm_medium=creator&utm_campaign=always-on#top',
    );
    await page.getByTestId('link-utm-content').fill('Story');
    const expected =
      'https://shop.example/spring?ref=ig&utm_source=anna-smirnova&utm_medium=creator&utm_campaign=always-on&utm_content=story#top';
    await see.text(tab.linkPreview(), expected);
    await page.getByTestId('link-submit').click();
    // The server builds the same link.
    await expect
      .poll(async () =>
        (await api('GET', `/workspaces/${ws}/trackers?creatorId=${creatorId}&kind=link`)).trackers.map(
          (x: { url: string }) => x.url,
        ),
      )
      .toEqual([expected]);
    await see.containsText(page.getByTestId('creator-tracking'), expected);
    await shot('tracking-en');
  });

  it('imports an orders CSV with one bad row in valid_rows mode and attributes the good one by code', async () => {
    const ordered = `${addDays(today, -1)}T12:00:00Z`;
    const file = join(dir, 'orders.csv');
    // Row 1 is the header; row 3 has an amount that is not a number.
    writeFileSync(
      file,
      [
        'external_id,customer_id,ordered_at,amount,currency,promo_code,utm_source,utm_campaign,landing_url',
        `E2E-1,cust-1,${ordered},49.90,USD,anna10,,,`,
        `E2E-2,cust-2,${ordered},12.5.0,USD,,,,`,
        `E2E-3,cust-3,${ordered},20.00,USD,,,,`,
        '',
      ].join('\n'),
    );
    await page.goto(`${server.url}/w/${ws}/imports?kind=orders`);
    await see.visible(page.getByTestId('import-columns'));
    const imports = new ImportsPage(page);
    await imports.upload(file, 'valid');
    await see.attribute(imports.run(), 'data-status', 'done');
    // 3 data rows: 2 written, 1 skipped.
    await see.text(imports.count('total'), '3');
    await see.text(imports.count('created'), '2');
    await see.text(imports.count('skipped'), '1');
    const bad = page.getByTestId('import-row-error-3');
    await see.visible(bad);
    await see.text(bad.getByTestId('import-row-error-column'), 'amount');
    await see.count(page.getByTestId('import-row-errors').locator('tbody tr'), 1);
    await see.visible(page.getByTestId('imports-list'));
    await shot('imports-en');

    await page.getByTestId('nav-orders').click();
    // E2E-1 carries ANNA10: Anna's, by code; the lag runs from her post (3 days before at
    // 10:00) to the order (1 day before at 12:00) = 2 days 2 hours → "2 days".
    const row = page.getByTestId('order-row-E2E-1');
    await see.attribute(row, 'data-attributed', 'yes');
    await see.text(page.getByTestId('order-creator-E2E-1'), 'Anna Smirnova');
    await see.text(page.getByTestId('order-by-E2E-1'), 'Promo code');
    await see.containsText(row, '2 days');
    await see.containsText(row, '$49.90');
    // E2E-3 has no code and no link: nobody's.
    await see.attribute(page.getByTestId('order-row-E2E-3'), 'data-attributed', 'no');
    await see.count(page.getByTestId('order-row-E2E-2'), 0);
    const orders = await api('GET', `/workspaces/${ws}/orders?attributed=yes`);
    expect(orders.orders.map((o: { externalId: string }) => o.externalId)).toEqual(['E2E-1']);
    expect(orders.orders[0].attribution.deliverableId).toBe(postId);
    await shot('orders-en');
  });

  it('adds a snapshot by hand and shows the exact engagement rate; Today lists a deliverable due', async () => {
    await page.goto(`${server.url}/w/${ws}/posts`);
    await see.text(page.getByTestId(`post-ordinal-${postId}`), '#1');
    await page.getByTestId(`post-open-${postId}`).click();
    await see.visible(page.getByTestId('post-detail'));
    await page.getByTestId('snapshot-add').click();
    // Engagements = 30 likes + 6 comments + 3 shares + 2 saves = 41; ÷ reach 1,000 = 4.1%.
    await page.getByTestId('snapshot-reach').fill('1000');
    await page.getByTestId('snapshot-likes').fill('30');
    await page.getByTestId('snapshot-comments').fill('6');
    await page.getByTestId('snapshot-shares').fill('3');
    await page.getByTestId('snapshot-saves').fill('2');
    await page.getByTestId('snapshot-submit').click();
    await see.text(page.getByTestId('post-detail-rate'), '4.1%');
    await see.count(page.getByTestId('snapshots-table').locator('tbody tr'), 1);
    await shot('post-drawer-en');
    await page.keyboard.press('Escape');
    await see.text(page.getByTestId(`post-rate-${postId}`), '4.1%');

    // A planned post due tomorrow is on Today, with a link to the post.
    const planned = await api('POST', `/workspaces/${ws}/deliverables`, {
      creatorId,
      type: 'story',
      title: 'Spring story',
      dueOn: addDays(today, 1),
      status: 'planned',
    });
    await page.getByTestId('nav-today').click();
    await see.attribute(page.getByTestId(`today-deliverable-${planned.id}`), 'data-missed', 'no');
    await shot('today-en');
    await page.getByTestId(`today-deliverable-open-${planned.id}`).click();
    await see.visible(page.getByTestId('post-detail'));
    await see.containsText(page.getByTestId('post-detail'), 'Spring story');
    await page.keyboard.press('Escape');
  });

  it('shows the pages in Russian', async () => {
    await new Shell(page).chooseLanguage('ru');
    await see.text(page.getByTestId('nav-orders'), 'Заказы');
    await page.getByTestId('nav-orders').click();
    await see.text(page.getByTestId('order-by-E2E-1'), 'Промокоду');
    await shot('orders-ru');
    await page.getByTestId('nav-imports').click();
    await see.visible(page.getByTestId('imports-list'));
    await shot('imports-ru');
    await page.goto(`${server.url}/w/${ws}/creators/${creatorId}?tab=tracking`);
    await see.visible(page.getByTestId('tracker-ANNA10'));
    await shot('tracking-ru');
    await page.goto(`${server.url}/w/${ws}/posts`);
    await see.visible(page.getByTestId(`post-row-${postId}`));
    await shot('posts-ru');
    await page.goto(`${server.url}/w/${ws}/settings/workspace`);
    await see.visible(page.getByTestId('order-webhook'));
    await shot('settings-ru');
  });
});
