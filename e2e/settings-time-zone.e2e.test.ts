import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthPages, Shell } from './pages/app.ts';
import { WorkspaceSettings } from './pages/settings.ts';
import { browserAvailable, launchBrowser } from './support/browser.ts';
import { see } from './support/expect.ts';
import { type RunningServer, startEvergreen } from './support/server.ts';
import { stopAll } from './support/session.ts';

const run = browserAvailable();

describe.runIf(run)('the workspace time zone in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startEvergreen();
    browser = await launchBrowser();
  });
  afterAll(() => stopAll(browser, server));

  it('is chosen on Settings › Workspace, kept after a reload, and labelled in Russian, at 390 px', async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await ctx.newPage();
    const auth = new AuthPages(page, server.url);
    const ws = await auth.signUpWithWorkspace('Zoya Zone', 'zoya', 'Sao Paulo Shop');
    // The app shows the new workspace's Today.
    expect(new URL(page.url()).pathname.split('/')[2]).toBe(ws);
    const settings = new WorkspaceSettings(page, server.url);
    await settings.open(ws);
    const zone = settings.timeZone();
    await see.visible(zone);
    // The new workspace took the browser's zone (this machine's), not the one chosen below.
    const before = await zone.inputValue();
    if (before === 'America/Sao_Paulo') throw new Error('pick another zone for this machine');
    await settings.chooseTimeZone('America/Sao_Paulo');
    await see.value(zone, 'America/Sao_Paulo');
    await settings.save();
    await page.reload();
    await see.value(settings.timeZone(), 'America/Sao_Paulo');
    await new Shell(page).chooseLanguage('ru');
    await see.containsText(page.getByText('Часовой пояс').first(), 'Часовой пояс');
    await ctx.close();
  });
});
