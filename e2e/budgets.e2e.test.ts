import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthPages, PaymentsScreen } from './pages/app.ts';
import { BudgetsPage } from './pages/budgets.ts';
import { browserAvailable } from './support/browser.ts';
import { see } from './support/expect.ts';
import type { RunningServer } from './support/server.ts';
import { startWithPage, stopAll } from './support/session.ts';

const run = browserAvailable();

describe.runIf(run)('budgets and payments in a real browser (demo workspace)', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let ws: string;
  const get = async (path: string) =>
    (await page.request.get(`${server.url}/api/v1/workspaces/${ws}${path}`)).json();

  beforeAll(async () => {
    ({ server, browser, page } = await startWithPage({}, { locale: 'en-US' }));
    ws = await new AuthPages(page, server.url).signInDemo();
  });
  afterAll(() => stopAll(browser, server));

  it('sets the budget, shows Tier 1 commitments from the agreements, and a payment marked paid moves the on-time rate and the forecast', async () => {
    const year = (await get('/today')).date.slice(0, 4);
    await page.goto(`${server.url}/w/${ws}/budgets`);
    const budgets = new BudgetsPage(page);
    await budgets.setTotal('400000');
    // 40% of $400,000 for Tier 1; its committed amount is what the demo agreements add up to.
    await expect
      .poll(async () => (await get(`/budgets/${year}/summary`)).tiers[0].allocationMinor)
      .toBe(16_000_000);
    const summary = await get(`/budgets/${year}/summary`);
    const committed = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(
      summary.tiers[0].committedMinor / 100,
    );
    expect(summary.tiers[0].committedMinor).toBeGreaterThan(0);
    await see.containsText(budgets.tierCommitted(1), committed);

    await see.visible(budgets.forecastChart());

    // One of the two overdue payments is on Today; pay it from there: it is paid late.
    const before = await get('/payments/on-time');
    const forecastBefore = await get(`/budgets/${year}/forecast`);
    const [overdue] = (await get('/payments/overdue')).payments;
    await page.goto(`${server.url}/w/${ws}/today`);
    await see.visible(page.getByTestId(`today-payment-${overdue.id}`));
    const creator = (before.creators as { creatorId: string; paid: number; onTime: number }[]).find(
      (c) => c.creatorId === overdue.creatorId,
    );
    await page.goto(`${server.url}/w/${ws}/payments?pay=${overdue.id}`);
    await new PaymentsScreen(page).pay('INV-E2E');
    // Payments opens on what needs action: once paid, it is under "Paid".
    await see.count(page.getByTestId(`payment-row-${overdue.id}`), 0);
    await new PaymentsScreen(page).show('paid');
    await see.attribute(page.getByTestId(`payment-row-${overdue.id}`), 'data-status', 'paid');
    const after = await get('/payments/on-time');
    const changed = after.creators.find((c: { creatorId: string }) => c.creatorId === overdue.creatorId);
    expect(changed.paid).toBe((creator?.paid ?? 0) + 1);
    expect(changed.onTime).toBe(creator?.onTime ?? 0);
    // The per-creator rates are folded away until asked for.
    await page.getByTestId('on-time-toggle').click();
    await see.visible(page.getByTestId(`on-time-${overdue.creatorId}`));
    await see.containsText(page.getByTestId(`on-time-${overdue.creatorId}`), changed.ratePct);
    // The forecast's "paid" grows by the payment, in the reporting currency, in this month.
    const forecastAfter = await get(`/budgets/${year}/forecast`);
    expect(forecastAfter.totals.paidMinor).toBeGreaterThan(forecastBefore.totals.paidMinor);
    expect(forecastAfter.totals.committedMinor).toBe(forecastBefore.totals.committedMinor);
  });
});
