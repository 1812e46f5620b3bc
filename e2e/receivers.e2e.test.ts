import { createHmac } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthPages } from './pages/app.ts';
import { browserAvailable, launchBrowser } from './support/browser.ts';
import { see } from './support/expect.ts';
import { type RunningServer, startEvergreen } from './support/server.ts';

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
    server = await startEvergreen({ EVERGREEN_DEMO: 'false' });
    browser = await launchBrowser();
    page = await (
      await browser.newContext({ locale: 'en-US', viewport: { width: 390, height: 844 } })
    ).newPage();
    ws = await new AuthPages(page, server.url).signUpWithWorkspace('Sasha Shop', 'sasha', 'Oat Shop');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('saves the secret, sends a test and lists the deliveries', async () => {
    await page.goto(`${server.url}/w/${ws}/settings/workspace`);
    const shopify = page.getByTestId('receiver-shopify');
    await see.visible(shopify);
    await see.text(page.getByTestId('receiver-shopify-status'), 'Not set up');
    await see.value(page.getByTestId('receiver-shopify-url'), `${server.url}/api/v1/hooks/shopify/${ws}`);
    const secret = 'shpss_e2e_0123456789abcdef';
    await page.getByTestId('receiver-shopify-secret').fill(secret);
    await page.getByTestId('receiver-shopify-save').click();
    await see.text(page.getByTestId('receiver-shopify-status'), 'Receiving');
    await page.getByTestId('receiver-shopify-test').click();
    await see.containsText(page.getByTestId('receiver-shopify-test-result'), 'The receiver answered 200');
    await see.containsText(page.getByTestId('receiver-shopify-deliveries'), 'Test');

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
    const res = await fetch(`${server.url}/api/v1/hooks/shopify/${ws}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-shopify-topic': 'orders/create',
        'x-shopify-webhook-id': 'e2e-1',
        'x-shopify-hmac-sha256': createHmac('sha256', secret).update(body).digest('base64'),
      },
      body,
    });
    expect(res.status).toBe(200);
    await page.reload();
    await see.containsText(page.getByTestId('receiver-shopify-deliveries'), 'Accepted');
    await see.containsText(page.getByTestId('receiver-shopify-deliveries'), 'order 450789469');
    // Usable at 390 px: nothing wider than the screen.
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    if (process.env.E2E_SCREENSHOTS)
      await shopify.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/receivers-390.png` });

    // Turned off (after confirming): the same signed delivery is refused.
    await page.getByTestId('receiver-shopify-off').click();
    await page.getByTestId('receiver-shopify-off-confirm').click();
    await see.text(page.getByTestId('receiver-shopify-status'), 'Not set up');
    const refused = await fetch(`${server.url}/api/v1/hooks/shopify/${ws}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-shopify-topic': 'orders/create',
        'x-shopify-webhook-id': 'e2e-2',
        'x-shopify-hmac-sha256': createHmac('sha256', secret).update(body).digest('base64'),
      },
      body,
    });
    expect(refused.status).toBe(401);
  });
});
