import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthPages } from './pages/app.ts';
import { seriousViolations } from './support/axe.ts';
import { browserAvailable, launchBrowser } from './support/browser.ts';
import { see } from './support/expect.ts';
import { horizontalOverflow } from './support/layout.ts';
import { type RunningServer, startEvergreen } from './support/server.ts';

/**
 * A creator's monthly results summary on their profile (docs/portal.md, "Monthly summaries"): the
 * manager reads the next one as the creator will (in Russian here), adds a personal line, and
 * switches it off; the panel says it will not be sent. On a phone, axe-core clean.
 */
describe.runIf(browserAvailable())('the monthly summary panel', () => {
  let server: RunningServer;
  let browser: Browser;
  let manager: Page;
  let ws: string;

  const api = async (method: 'POST', path: string, data: unknown) => {
    const me = await (await manager.request.get(`${server.url}/api/v1/auth/me`)).json();
    const res = await manager.request.fetch(`${server.url}/api/v1/workspaces/${ws}${path}`, {
      method,
      headers: { 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' },
      data: JSON.stringify(data),
    });
    expect(res.status(), `${method} ${path}: ${await res.text()}`).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    server = await startEvergreen();
    browser = await launchBrowser();
    manager = await (
      await browser.newContext({ locale: 'en-US', viewport: { width: 390, height: 844 } })
    ).newPage();
    ws = await new AuthPages(manager, server.url).signUpWithWorkspace('Olga Owner', 'olga', 'Glow Lab');
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('previews the next summary in the creator’s language, takes a personal line, and switches off', async () => {
    const c = await api('POST', '/creators', {
      displayName: 'Alina Sokolova',
      greetingName: 'Алина',
      email: 'alina@example.test',
      languages: ['ru'],
      status: 'active',
      tier: 1,
    });
    await manager.goto(`${server.url}/w/${ws}/creators/${c.id}?tab=profile`);
    const panel = manager.getByTestId('monthly-summary');
    await see.containsText(panel, 'Monthly results summary');
    await see.containsText(manager.getByTestId('monthly-summary-next'), 'Next summary:');
    await manager.getByTestId('monthly-summary-note').fill('Спасибо за ноябрь!');
    await see.value(manager.getByTestId('monthly-summary-note'), 'Спасибо за ноябрь!');
    await manager.getByTestId('monthly-summary-save').click();
    await see.containsText(manager.locator('body'), 'Saved');
    // Every toast's close button is named (the app's theme gives it one, in the page's language).
    await see.visible(manager.locator('.mantine-Notification-root').getByRole('button', { name: 'Close' }));
    await panel.getByText('Preview with the figures so far').click();
    const preview = manager.getByTestId('monthly-summary-preview');
    await see.containsText(preview, 'Ваши результаты за');
    await see.containsText(preview, 'Здравствуйте, Алина!');
    await see.containsText(preview, 'Спасибо за ноябрь!');
    await see.containsText(preview, 'To: alina@example.test');
    await see.containsText(panel, 'No summary yet.');

    await manager.getByTestId('monthly-summary-enabled').click();
    await see.containsText(
      manager.getByTestId('monthly-summary-next'),
      'It will not be sent: switched off by the team for this creator.',
    );
    expect((await horizontalOverflow(manager)).past).toEqual([]);
    expect(await seriousViolations(manager)).toEqual([]);
  });
});
