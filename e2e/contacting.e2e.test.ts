import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthPages, Shell } from './pages/app.ts';
import { type ApiCall, sessionApi } from './support/api.ts';
import { browserAvailable } from './support/browser.ts';
import { see } from './support/expect.ts';
import type { RunningServer } from './support/server.ts';
import { startWithPage, stopAll } from './support/session.ts';

/**
 * Contacting a creator on a phone (390 × 844), in Russian: "Tell the creators involved" shows each
 * message to read and edit, then says per creator what really happened (this server has no SMTP:
 * queued, and why; no email address: the text to send by hand). Nothing overflows the screen.
 */
describe.runIf(browserAvailable())('contacting creators on a phone, in Russian', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let ws: string;

  /** Setup goes through the API with the signed-in browser's own session. */

  const api: ApiCall = (...a) => sessionApi(page.request, server.url)(...a);
  /** Widest thing on the page against the window: a dialog that fits leaves nothing to scroll sideways. */
  const overflow = () =>
    page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

  beforeAll(async () => {
    ({ server, browser, page } = await startWithPage(
      { EVERGREEN_DEMO: 'false' },
      { locale: 'en-US', viewport: { width: 390, height: 844 } },
    ));
    ws = await new AuthPages(page, server.url).signUpWithWorkspace('Olga Owner', 'olga', 'Glow Lab');
  }, 120_000);
  afterAll(() => stopAll(browser, server));

  it('previews, edits and reports each creator’s notice honestly', async () => {
    const alina = await api('POST', `/workspaces/${ws}/creators`, {
      displayName: 'Alina Bakes',
      legalName: 'Соколова Алина Игоревна',
      email: 'alina@bakes.test',
      tier: 1,
      status: 'active',
      markets: ['RU'],
      languages: ['ru'],
    });
    const boris = await api('POST', `/workspaces/${ws}/creators`, {
      displayName: 'Boris Cooks',
      tier: 1,
      status: 'active',
      markets: ['RU'],
      languages: ['ru'],
    });
    const start = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    const end = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
    for (const [name, c] of [
      ['Весна', alina],
      ['Весна-2', boris],
    ] as const) {
      const k = await api('POST', `/workspaces/${ws}/campaigns`, {
        name,
        products: ['Овсяное молоко'],
        markets: ['RU'],
        startsOn: start,
        endsOn: end,
      });
      await api('POST', `/workspaces/${ws}/campaigns/${k.id}/briefs`, { creatorId: c.id, title: 'Утро' });
    }
    await new Shell(page).chooseLanguage('ru');
    await page.goto(`${server.url}/w/${ws}/overlaps`);
    const [overlap] = (await api('GET', `/workspaces/${ws}/calendar/overlaps`)).overlaps;
    await page.getByTestId(`overlap-notify-${overlap.key}`).click();

    // Each message, in Russian, greeting Alina by her given name, editable.
    const alinaDraft = page.getByTestId(`overlap-draft-${alina.id}`);
    await see.containsText(alinaDraft, 'alina@bakes.test');
    const body = page.getByTestId(`overlap-draft-${alina.id}-body`);
    await expect.poll(() => body.inputValue()).toContain('Здравствуйте, Алина!');
    await body.fill(`${await body.inputValue()}\n\nP.S. Алина, спасибо!`);
    await see.containsText(page.getByTestId(`overlap-draft-${boris.id}`), 'Адреса электронной почты нет');
    expect(await overflow()).toBeLessThanOrEqual(0);

    await page.getByTestId('overlap-send').click();
    const toAlina = page.getByTestId(`message-outcome-${alina.id}`);
    await see.visible(toAlina);
    // No SMTP on this server: queued, not "told".
    expect(await toAlina.getAttribute('data-status')).toBe('queued');
    expect(await toAlina.getAttribute('data-reason')).toBe('smtp_not_configured');
    await see.containsText(toAlina, 'не отправлено');
    const toBoris = page.getByTestId(`message-outcome-${boris.id}`);
    expect(await toBoris.getAttribute('data-status')).toBe('by_hand');
    await see.containsText(toBoris, 'Здравствуйте, Boris!');
    expect(await overflow()).toBeLessThanOrEqual(0);

    // What the server holds is what the dialog showed: Alina's edited text, queued.
    const msgs = await api('GET', `/workspaces/${ws}/creators/${alina.id}/messages`);
    expect(msgs.messages[0]).toMatchObject({ status: 'queued', templateKey: 'overlap_notice' });
    expect(msgs.messages[0].bodyText).toContain('P.S. Алина, спасибо!');
  });
});
