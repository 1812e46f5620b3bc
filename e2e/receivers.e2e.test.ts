import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthPages } from './pages/app.ts';
import { deliverShopify, WorkspaceSettings } from './pages/settings.ts';
import { browserAvailable } from './support/browser.ts';
import { see } from './support/expect.ts';
import type { RunningServer } from './support/server.ts';
import { startWithPage, stopAll } from './support/session.ts';

const run = browserAvailable();

/**
 * Settings → Workspace on a 390 px phone: the owner pastes the Shopify secret, sends a test (a
 * real signed HTTP request from the server to its own receiver), sees its outcome and the
 * delivery list; a real Shopify-signed delivery then shows up there as accepted.
 */
describe.runIf(run)('store receivers in the settings, at 390 px', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let ws: string;

  beforeAll(async () => {
    ({ server, browser, page } = await startWithPage(
      { EVERGREEN_DEMO: 'false' },
      { locale: 'en-US', viewport: { width: 390, height: 844 } },
    ));
    ws = await new AuthPages(page, server.url).signUpWithWorkspace('Sasha Shop', 'sasha', 'Oat Shop');
  });
  afterAll(() => stopAll(browser, server));

  it('saves the secret, sends a test and lists the deliveries', async () => {
    const settings = new WorkspaceSettings(page, server.url);
    await settings.open(ws);
    const shopify = settings.receiver('shopify');
    await see.visible(shopify);
    await see.text(settings.receiver('shopify', 'status'), 'Not set up');
    await see.value(settings.receiver('shopify', 'url'), `${server.url}/api/v1/hooks/shopify/${ws}`);
    const secret = 'shpss_e2e_0123456789abcdef';
    await settings.saveReceiverSecret('shopify', secret);
    await see.text(settings.receiver('shopify', 'status'), 'Receiving');
    await settings.receiver('shopify', 'test').click();
    await see.containsText(settings.receiver('shopify', 'test-result'), 'The receiver answered 200');
    await see.containsText(settings.receiver('shopify', 'deliveries'), 'Test');

    // A delivery signed the Shopify way, from outside.
    const body = JSON.stringify({
      id: 450789469,
      name: '#1001',
      email: 'bob@example.com',
      created_at: '2026-03-02T10:00:00-05:00',
      currency: 'USD',
      total_price: '49.90',
      financial_status: 'paid',
      cancelled_at: null,
      discount_codes: [],
      landing_site: '/',
      refunds: [],
    });
    const res = await deliverShopify(server.url, ws, secret, body, 'e2e-1');
    expect(res.status).toBe(200);
    await page.reload();
    await see.containsText(settings.receiver('shopify', 'deliveries'), 'Accepted');
    await see.containsText(settings.receiver('shopify', 'deliveries'), 'order 450789469');
    // Usable at 390 px: nothing wider than the screen.
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    if (process.env.E2E_SCREENSHOTS)
      await shopify.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/receivers-390.png` });

    // Turned off (after confirming): the same signed delivery is refused.
    await settings.turnReceiverOff('shopify');
    const refused = await deliverShopify(server.url, ws, secret, body, 'e2e-2');
    expect(refused.status).toBe(401);
  });
});
