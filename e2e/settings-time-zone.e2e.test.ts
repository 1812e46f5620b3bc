import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { AuthPages, Shell } from './pages/app.ts';
import { browserAvailable, launchBrowser } from './support/browser.ts';
import { see } from './support/expect.ts';
import { type RunningServer, startEvergreen } from './support/server.ts';

const run = browserAvailable();

describe.runIf(run)('the workspace time zone in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startEvergreen();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('is chosen on Settings › Workspace, kept after a reload, and labelled in Russian, at 390 px', async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await ctx.newPage();
    const auth = new AuthPages(page, server.url);
    await auth.signUp(
      'Zoya Zone',
      `zoya-${randomBytes(3).toString('hex')}@example.test`,
      'a long password 1',
    );
    await page.getByTestId('create-workspace-name').fill('Sao Paulo Shop');
    await page.getByTestId('create-workspace-submit').click();
    await see.visible(page.getByTestId('today'));
    const ws = new URL(page.url()).pathname.split('/')[2];
    await page.goto(`${server.url}/w/${ws}/settings/workspace`);
    const zone = page.getByTestId('workspace-time-zone');
    await see.visible(zone);
    // The new workspace took the browser's zone (this machine's), not the one chosen below.
    const before = await zone.inputValue();
    if (before === 'America/Sao_Paulo') throw new Error('pick another zone for this machine');
    await zone.click();
    await zone.fill('America/Sao_Paulo');
    await page.getByRole('option', { name: 'America/Sao_Paulo', exact: true }).click();
    await see.value(zone, 'America/Sao_Paulo');
    await page.getByTestId('workspace-save').click();
    await page.reload();
    await see.value(page.getByTestId('workspace-time-zone'), 'America/Sao_Paulo');
    await new Shell(page).chooseLanguage('ru');
    await see.containsText(page.getByText('Часовой пояс').first(), 'Часовой пояс');
    await ctx.close();
  });
});
