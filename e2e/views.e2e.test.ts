import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgreementScreens, AuthPages, PaymentsScreen, Shell } from './pages/app.ts';
import { browserAvailable, launchBrowser } from './support/browser.ts';
import { see } from './support/expect.ts';
import { type RunningServer, startEvergreen } from './support/server.ts';

/**
 * A write anywhere shows in every other view at once, without reloading the page: the marker put
 * on `window` at the start must still be there at the end (a reload would drop it).
 */
describe.runIf(browserAvailable())('writes refresh every view that shows them (demo workspace)', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let ws: string;
  const get = async (path: string) =>
    (await page.request.get(`${server.url}/api/v1/workspaces/${ws}${path}`)).json();
  const mark = () => page.evaluate(() => Object.assign(window, { __sameDocument: true }));
  const stillSameDocument = () =>
    page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument === true);

  beforeAll(async () => {
    server = await startEvergreen();
    browser = await launchBrowser();
    page = await (await browser.newContext({ locale: 'en-US' })).newPage();
    await page.goto(server.url);
    await new AuthPages(page, server.url).signIn('demo@evergreen.local', 'evergreen-demo');
    await see.visible(page.getByTestId('today'));
    ws = (await (await page.request.get(`${server.url}/api/v1/auth/me`)).json()).workspaces[0].id;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a payment marked paid from Today leaves Today, and Payments opens on what still needs action', async () => {
    const shell = new Shell(page);
    const payments = new PaymentsScreen(page);
    const [first, second] = (await get('/payments/overdue')).payments as { id: string }[];
    await page.goto(`${server.url}/w/${ws}/today`);
    await see.visible(page.getByTestId(`today-payment-${first!.id}`));
    await see.visible(page.getByTestId(`today-payment-${second!.id}`));
    await mark();

    // Today's "Mark paid" opens the payment's form on Payments.
    await page.getByTestId(`today-payment-pay-${first!.id}`).click();
    await payments.pay('INV-VIEWS-1');
    // Needs action: the paid one is gone, the other overdue one is first.
    await see.count(page.getByTestId(`payment-row-${first!.id}`), 0);
    await see.attribute(
      page.getByTestId('payments-table').locator('tbody tr').first(),
      'data-testid',
      `payment-row-${second!.id}`,
    );

    await shell.nav('today').click();
    await see.visible(page.getByTestId(`today-payment-${second!.id}`));
    await see.count(page.getByTestId(`today-payment-${first!.id}`), 0);
    // And it stays gone once Today has refetched from the server.
    await expect
      .poll(async () =>
        ((await get('/today')).items as { paymentId?: string }[]).some((i) => i.paymentId === first!.id),
      )
      .toBe(false);
    await see.count(page.getByTestId(`today-payment-${first!.id}`), 0);

    // The paid one is under "Paid", as paid.
    await shell.nav('payments').click();
    await payments.show('paid');
    await see.attribute(page.getByTestId(`payment-row-${first!.id}`), 'data-status', 'paid');
    expect(await stillSameDocument()).toBe(true);
  });

  it("a check-in logged on a creator's page leaves Today", async () => {
    const shell = new Shell(page);
    await shell.nav('today').click();
    await see.visible(page.getByTestId('today'));
    // The page shows the whole team by default, 25 a bucket: an overdue check-in among them.
    const today = await get('/today?scope=team');
    const overdue = (today.items as { type: string; creatorId: string; bucket: string }[]).filter(
      (i) => i.bucket === 'overdue',
    );
    const item = overdue.slice(0, 25).find((i) => i.type === 'check_in')!;
    await see.visible(page.getByTestId(`today-item-${item.creatorId}`));
    await mark();
    await page.getByTestId(`today-creator-${item.creatorId}`).click();
    await see.visible(page.getByTestId('creator-page'));
    await page.getByTestId('creator-log-touchpoint').click();
    await page.getByTestId('touchpoint-summary').fill('Quick call about the spring launch');
    await page.getByTestId('touchpoint-submit').click();
    await shell.nav('today').click();
    await see.visible(page.getByTestId('today'));
    await see.count(page.getByTestId(`today-item-${item.creatorId}`), 0);
    expect(await stillSameDocument()).toBe(true);
  });

  it('a renewal made ahead of time is a scheduled term, with no Renew, and shows so on the creator page', async () => {
    const agreements = new AgreementScreens(page);
    const { agreements: list } = await get('/agreements?type=annual');
    const maya = (list as { id: string; creatorId: string; creatorName: string; termNumber: number }[]).find(
      (a) => a.creatorName === 'Maya Chen',
    )!;
    await page.goto(`${server.url}/w/${ws}/agreements/${maya.id}`);
    await see.attribute(page.getByTestId('agreement-status'), 'data-status', 'active');
    await mark();
    await agreements.renew();
    // The next term: scheduled, starting on the day after term 1 ends; no acceptance of its own.
    await see.attribute(page.getByTestId('agreement-status'), 'data-status', 'scheduled');
    await see.count(page.getByTestId('agreement-renew'), 0);
    await see.count(page.getByTestId('agreement-end'), 0);
    await see.visible(page.getByTestId('agreement-fact-renewed'));
    await see.visible(page.getByTestId('agreement-fact-scheduled'));
    await see.count(page.getByTestId('agreement-fact-accepted'), 0);
    await see.visible(page.getByTestId('agreement-date-starts'));
    // Back on the creator's agreements: term 2 scheduled, term 1 still in force.
    await page.getByTestId('agreement-back').click();
    const terms = page.getByTestId('agreements-table').getByTestId('agreement-row-status');
    await see.count(terms, 2);
    await see.attribute(terms.nth(0), 'data-status', 'scheduled');
    await see.attribute(terms.nth(1), 'data-status', 'active');
    expect(await stillSameDocument()).toBe(true);
  });
});
