import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthPages, Shell } from './pages/app.ts';
import { workspaceGet } from './support/api.ts';
import { browserAvailable } from './support/browser.ts';
import { see } from './support/expect.ts';
import type { RunningServer } from './support/server.ts';
import { startWithPage, stopAll } from './support/session.ts';

const run = browserAvailable();

const DAY = 86_400_000;
const minusDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) - n * DAY).toISOString().slice(0, 10);

/**
 * "0.057492" → "5.75%": the API's 6-place rate in hundredths of a percent, rounded half up on
 * whole micro-units (57492 µ → 574.92 → 575), so the test does not share the page's helper.
 */
const percent2 = (rate: string) => {
  const micro = Number(rate.replace('.', ''));
  const hundredths = Math.round(micro / 100);
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}%`;
};

interface Point {
  ordinal: number;
  engagementRate: string | null;
  posts: number;
}

describe.runIf(run)('performance reports in a real browser (demo workspace)', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let ws: string;
  const get = (path: string) => workspaceGet(page.request, server.url, ws, path);

  beforeAll(async () => {
    ({ server, browser, page } = await startWithPage({}, { locale: 'en-US', acceptDownloads: true }));
    ws = await new AuthPages(page, server.url).signInDemo();
  });
  afterAll(() => stopAll(browser, server));

  it('shows the compounding curve, follows the period, exports CSV and opens a creator’s results', async () => {
    // The page's default period is the API's: the 365 days up to today.
    const today: string = (await get('/reports/portfolio')).period.to;
    const from12 = minusDays(today, 364);
    await page.getByTestId('nav-performance').click();
    await see.visible(page.getByTestId('performance-page'));

    // The curve has a dot for every ordinal with rated posts, and the table the API's rate at post 4.
    const curve = await get(`/reports/compounding?from=${from12}&to=${today}`);
    const points = curve.points as Point[];
    const rated = points.filter((p) => p.engagementRate !== null);
    expect(rated.length).toBeGreaterThan(4);
    const dots = page.getByTestId('compounding-chart').locator('.recharts-line-dot');
    await see.count(dots, rated.length);
    const fourth = points.find((p) => p.ordinal === 4);
    expect(fourth?.engagementRate).not.toBeNull();
    await see.text(page.getByTestId('compounding-rate-4'), percent2(fourth?.engagementRate ?? ''));
    // The demo's story: post 4 engages more than post 1.
    expect(Number(fourth?.engagementRate)).toBeGreaterThan(Number(points[0]?.engagementRate));
    await see.visible(page.getByTestId('partnerships-cpa-chart'));
    await see.visible(page.getByTestId('lag-chart'));

    // Last 24 months: the URL carries the period and the numbers follow it.
    await page.getByText('Last 24 months', { exact: true }).click();
    const from24 = minusDays(today, 729);
    await expect.poll(() => new URL(page.url()).searchParams.get('from')).toBe(from24);
    const portfolio24 = await get(`/reports/portfolio?from=${from24}&to=${today}`);
    const usd = (minor: number) =>
      new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(minor / 100);
    await see.text(page.getByTestId('portfolio-cost'), usd(portfolio24.totals.costMinor));
    await see.text(
      page.getByTestId('portfolio-customers'),
      portfolio24.totals.customersAcquired.toLocaleString('en-US'),
    );

    // Export CSV: the compounding table for the same period.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('performance-compounding-csv').click(),
    ]);
    expect(download.url()).toContain(`from=${from24}`);
    const csv = (await readFile((await download.path()) ?? '', 'utf8')).replace(/^\uFEFF/, '');
    expect(csv.split(/\r?\n/)[0]).toBe('Ordinal,Posts,Creators,Rated posts,Engagement rate,Lift over post 1');

    // A creator with a 4th post in the period: their Results tab shows its rate.
    const creators = (await get(`/reports/creators?from=${from24}&to=${today}`)).creators as {
      creatorId: string;
      name: string;
      posts: number;
    }[];
    let pick: { creatorId: string; rate: string } | null = null;
    for (const c of creators.filter((x) => x.posts >= 4)) {
      const results = await get(`/reports/creator-results/${c.creatorId}?from=${from24}&to=${today}`);
      const p4 = (results.curve as Point[]).find((p) => p.ordinal === 4);
      if (p4?.engagementRate) {
        pick = { creatorId: c.creatorId, rate: p4.engagementRate };
        break;
      }
    }
    expect(pick).not.toBeNull();
    const chosen = pick as { creatorId: string; rate: string };
    await page.getByTestId(`creators-link-${chosen.creatorId}`).click();
    await see.visible(page.getByTestId('creator-results'));
    await see.text(page.getByTestId('creator-curve-rate-4'), percent2(chosen.rate));
    await see.visible(page.getByTestId('creator-recent-posts'));
    await page.screenshot({ path: '/tmp/performance-creator-results.png', fullPage: true });

    // Russian: the same page, translated.
    await page.goto(`${server.url}/w/${ws}/performance?from=${from24}&to=${today}`);
    await see.visible(page.getByTestId('compounding-chart'));
    await page.screenshot({ path: '/tmp/performance-en.png', fullPage: true });
    await new Shell(page).chooseLanguage('ru');
    await see.text(page.getByTestId('nav-performance'), 'Эффективность');
    await see.text(page.getByRole('heading', { level: 1 }), 'Эффективность');
    await see.text(page.getByTestId('compounding-rate-4'), /^\d+,\d\d\u00a0%$/);
    await page.screenshot({ path: '/tmp/performance-ru.png', fullPage: true });
  });
});
