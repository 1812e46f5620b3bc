import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthPages } from './pages/app.ts';
import { workspaceGet } from './support/api.ts';
import { browserAvailable } from './support/browser.ts';
import { see } from './support/expect.ts';
import type { RunningServer } from './support/server.ts';
import { startWithPage, stopAll } from './support/session.ts';

const run = browserAvailable();

/** "10.15" hours → "10.2 h": one decimal, half up on the hundredths (the test's own rounding). */
const hours1 = (h: string) => {
  const hundredths = Number(h.replace('.', ''));
  const tenths = Math.round(hundredths / 10);
  return `${Math.floor(tenths / 10)}.${tenths % 10} h`;
};
/** "0.6667" → "66.7%". */
const percent1 = (share: string) => {
  const tenThousandths = Number(share.replace('.', ''));
  const tenths = Math.round(tenThousandths / 10);
  return `${Math.floor(tenths / 10)}.${tenths % 10}%`;
};

describe.runIf(run)('the portfolio page in a real browser (demo workspace)', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let ws: string;
  const get = (path: string) => workspaceGet(page.request, server.url, ws, path);

  beforeAll(async () => {
    ({ server, browser, page } = await startWithPage());
    await page.goto(server.url);
    await new AuthPages(page, server.url).signIn('demo@evergreen.local', 'evergreen-demo');
    await see.visible(page.getByTestId('today'));
    ws = (await (await page.request.get(`${server.url}/api/v1/auth/me`)).json()).workspaces[0].id;
  });
  afterAll(() => stopAll(browser, server));

  it('shows the numbers, and a changed setting changes them', async () => {
    await page.getByTestId('nav-portfolio').click();
    await see.visible(page.getByTestId('portfolio-page'));
    const before = await get('/portfolio');
    // Tier health: the active count of each tier, as the API counts it.
    await see.text(page.getByTestId('portfolio-tier-1'), String(before.tiers[0].count));
    // Concentration: the top 20%'s share and the Lorenz curve.
    expect(before.concentration.topShare).not.toBeNull();
    await see.text(page.getByTestId('portfolio-top-share'), percent1(before.concentration.topShare));
    await see.visible(page.getByTestId('portfolio-lorenz'));
    // Workload at the default minutes (45 / 90 / 60 / 45).
    expect(before.workload.settings.touchpointMinutes).toBe(45);
    await see.text(page.getByTestId('portfolio-workload-hours'), hours1(before.workload.hoursPerWeek));

    // Every minute count to 0 but the touchpoint's: only check-ins remain.
    for (const f of ['briefMinutes', 'reviewMinutes', 'reportMinutes']) {
      await page.getByTestId(`portfolio-setting-${f}`).fill('0');
    }
    await page.getByTestId('portfolio-settings-save').click();
    await expect
      .poll(async () => (await get('/portfolio')).workload.settings.briefMinutes, { timeout: 10_000 })
      .toBe(0);
    const after = await get('/portfolio');
    expect(Number(after.workload.hoursPerWeek)).toBeLessThan(Number(before.workload.hoursPerWeek));
    await see.text(page.getByTestId('portfolio-workload-hours'), hours1(after.workload.hoursPerWeek));

    // The concentration threshold: at 100% there is no warning; at 1% there is.
    const threshold = async (pct: number) => {
      await page.getByTestId('portfolio-setting-concentrationWarnPct').fill(String(pct));
      await page.getByTestId('portfolio-settings-save').click();
      await expect
        .poll(async () => (await get('/portfolio/settings')).concentrationWarnPct, { timeout: 10_000 })
        .toBe(pct);
    };
    await threshold(100);
    await see.count(page.getByTestId('portfolio-concentration-warning'), 0);
    await threshold(1);
    await see.visible(page.getByTestId('portfolio-concentration-warning'));
  });

  it('the compounding curve says what it is over, partnerships by default', async () => {
    await page.getByTestId('nav-performance').click();
    await see.visible(page.getByTestId('performance-page'));
    await see.containsText(page.getByTestId('performance-compounding-included'), 'partnership posts only');
    // The page settled (the curve drawn) before choosing another set.
    await see.visible(page.getByTestId('compounding-chart'));
    // By keyboard, as the segmented control's radios go: from "Partnerships" one to the right.
    await page
      .getByTestId('performance-compounding-group')
      .getByRole('radio', { name: 'Partnerships' })
      .focus();
    await page.keyboard.press('ArrowRight');
    await see.containsText(page.getByTestId('performance-compounding-included'), 'one-off posts only');
    expect(new URL(page.url()).searchParams.get('curve')).toBe('one_off');
  });
});
