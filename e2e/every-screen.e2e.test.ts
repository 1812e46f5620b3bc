import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthPages, Shell } from './pages/app.ts';
import { seriousViolations } from './support/axe.ts';
import { browserAvailable, launchBrowser } from './support/browser.ts';
import { see } from './support/expect.ts';
import { horizontalOverflow, rawKeys } from './support/layout.ts';
import { type RunningServer, startEvergreen } from './support/server.ts';
import { stopAll } from './support/session.ts';

const run = browserAvailable();

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

/**
 * Every main page of the app, with the demo data, on a phone and for axe-core in both colour schemes.
 * One server and one browser for the file; each pass reuses one page.
 */
describe.runIf(run)('every screen, every person (demo workspace)', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let pages: { name: string; path: string }[] = [];

  const get = async (path: string) => (await page.request.get(`${server.url}/api/v1${path}`)).json();

  beforeAll(async () => {
    server = await startEvergreen();
    browser = await launchBrowser();
    context = await browser.newContext({ locale: 'en-US', viewport: PHONE });
    page = await context.newPage();
    await page.goto(`${server.url}/signin`);
    await new AuthPages(page, server.url).signIn('demo@evergreen.local', 'evergreen-demo');
    await see.visible(page.getByTestId('today'));
    const ws = (await get('/auth/me')).workspaces[0].id as string;
    const w = `/workspaces/${ws}`;
    const creator = (await get(`${w}/creators`)).creators[0].id as string;
    const agreement = (await get(`${w}/agreements`)).agreements[0].id as string;
    const campaigns = (await get(`${w}/campaigns`)).campaigns as { id: string }[];
    let brief: { campaign: string; id: string } | undefined;
    for (const c of campaigns) {
      const briefs = (await get(`${w}/campaigns/${c.id}/briefs`)) as { id: string }[];
      if (briefs[0]) {
        brief = { campaign: c.id, id: briefs[0].id };
        break;
      }
    }
    if (!brief) throw new Error('The demo has no brief');
    const b = `/w/${ws}`;
    const creatorTabs = [
      'profile',
      'timeline',
      'touchpoints',
      'messages',
      'audience',
      'payment',
      'agreements',
      'briefs',
      'results',
      'tracking',
    ];
    pages = [
      { name: 'Today', path: `${b}/today` },
      { name: 'Roster', path: `${b}/roster` },
      ...creatorTabs.map((tab) => ({
        name: `Creator (${tab})`,
        path: `${b}/creators/${creator}?tab=${tab}`,
      })),
      { name: 'Agreements (renewals)', path: `${b}/renewals` },
      { name: 'Agreement', path: `${b}/agreements/${agreement}` },
      { name: 'Campaigns', path: `${b}/campaigns` },
      { name: 'Campaign', path: `${b}/campaigns/${brief.campaign}` },
      { name: 'Brief', path: `${b}/campaigns/${brief.campaign}/briefs/${brief.id}` },
      { name: 'Overlaps', path: `${b}/overlaps` },
      { name: 'Budgets', path: `${b}/budgets` },
      { name: 'Payments', path: `${b}/payments` },
      { name: 'Performance', path: `${b}/performance` },
      { name: 'Portfolio', path: `${b}/portfolio` },
      { name: 'Posts', path: `${b}/posts` },
      { name: 'Orders', path: `${b}/orders` },
      { name: 'Imports', path: `${b}/imports` },
      { name: 'Overview', path: `${b}/overview` },
      { name: 'Settings: workspace', path: `${b}/settings/workspace` },
      { name: 'Settings: tiers', path: `${b}/settings/tiers` },
      { name: 'Settings: rates', path: `${b}/settings/rates` },
      { name: 'Templates', path: `${b}/settings/templates` },
      { name: 'Calendar feed', path: `${b}/settings/calendar` },
      { name: 'Team', path: `${b}/settings/team` },
      { name: 'Tokens', path: `${b}/settings/tokens` },
      { name: 'Audit', path: `${b}/settings/audit` },
      { name: 'Account and security', path: `${b}/account` },
    ];
  });
  afterAll(() => stopAll(browser, server));

  /**
   * Opens a page in the app (the router follows history, as when a person clicks through) and waits
   * until it is there: a new title shows (the old one is marked first) and nothing is loading.
   */
  const open = async (path: string) => {
    const pathname = path.split('?')[0];
    const samePage = new URL(page.url()).pathname === pathname;
    await page.evaluate(
      ({ to, mark }) => {
        if (mark)
          for (const h of document.querySelectorAll('main h1, main h2')) h.setAttribute('data-left', '');
        history.pushState(null, '', to);
        dispatchEvent(new PopStateEvent('popstate'));
      },
      { to: path, mark: !samePage },
    );
    await expect.poll(() => page.url()).toBe(`${server.url}${path}`);
    await see.visible(page.locator('main h1:not([data-left]), main h2:not([data-left])'));
    await expect
      .poll(() => page.locator('main .mantine-Loader-root, main [aria-busy="true"]').count(), {
        timeout: 15_000,
      })
      .toBe(0);
  };

  it('tells a newcomer on the sign-in page what is true: only the demo account exists', async () => {
    const signedOut = await browser.newContext({ locale: 'en-US', viewport: PHONE });
    const p = await signedOut.newPage();
    await p.goto(`${server.url}/signin`);
    await see.visible(p.getByTestId('signin-demo'));
    await see.text(
      p.getByTestId('signin-no-users').locator('.mantine-Alert-title'),
      'Only the demo account so far',
    );
    expect(await p.locator('body').textContent()).not.toContain('No accounts yet');
    expect(await p.locator('h1').count()).toBe(1);
    expect((await horizontalOverflow(p)).past).toEqual([]);
    expect(await seriousViolations(p)).toEqual([]);
    await signedOut.close();
  });

  it('lays every main page out within a 390 px phone screen, with one h1 each', async () => {
    const problems: string[] = [];
    for (const p of pages) {
      await open(p.path);
      const h1 = await page.locator('h1').count();
      if (h1 !== 1) problems.push(`${p.name}: ${h1} h1 elements, not one`);
      const o = await horizontalOverflow(page);
      if (o.scrollWidth > o.innerWidth || o.past.length > 0) {
        problems.push(
          `${p.name}: scrollWidth ${o.scrollWidth} > ${o.innerWidth}\n    ${o.past.join('\n    ')}`,
        );
      }
    }
    if (problems.length > 0) console.error(problems.join('\n'));
    expect(problems).toEqual([]);
  }, 180_000);

  it('fits the Log-touchpoint dialog on a phone screen, and its toast covers no control', async () => {
    await open(pages[0]?.path ?? '');
    await page.locator('[data-testid^="today-log-"]').first().click();
    await see.visible(page.getByTestId('touchpoint-summary'));
    const box = await page.locator('.mantine-Modal-content').boundingBox();
    expect(box).not.toBeNull();
    expect(box?.x).toBeGreaterThanOrEqual(0);
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(PHONE.width);
    const o = await horizontalOverflow(page);
    expect(o.past).toEqual([]);
    expect(o.scrollWidth).toBeLessThanOrEqual(o.innerWidth);

    // Logged: the note that says so keeps clear of every control of the page (header, actions, the
    // next creator's buttons), so the next click is never blocked by it.
    await page.setViewportSize(DESKTOP);
    await page.getByTestId('touchpoint-summary').fill('Checked in about the spring launch');
    await page.getByTestId('touchpoint-submit').click();
    const toast = page.locator('.mantine-Notification-root');
    await see.visible(toast);
    const covered = await page.evaluate(() => {
      const n = document.querySelector('.mantine-Notification-root')?.getBoundingClientRect();
      if (!n) return ['no notification'];
      return [...document.querySelectorAll('header button, header a, main button, main a, main input')]
        .filter((el) => {
          const r = el.getBoundingClientRect();
          if (r.width === 0 || r.height === 0 || !el.checkVisibility()) return false;
          return r.left < n.right && r.right > n.left && r.top < n.bottom && r.bottom > n.top;
        })
        .map((el) => el.getAttribute('data-testid') ?? el.textContent?.trim() ?? el.tagName);
    });
    expect(covered).toEqual([]);
    await page.setViewportSize(PHONE);
  });

  /** axe-core, and words that are keys rather than words, on every main page in one scheme and language. */
  const axePass = async (scheme: 'light' | 'dark', viewport: { width: number; height: number }) => {
    await page.setViewportSize(viewport);
    await page.evaluate((s) => localStorage.setItem('evergreen.color-scheme', s), scheme);
    await page.reload();
    const lang = await page.evaluate(() => document.documentElement.lang);
    const problems: string[] = [];
    for (const p of pages) {
      await open(p.path);
      expect(await page.evaluate(() => document.documentElement.dataset.mantineColorScheme)).toBe(scheme);
      for (const v of await seriousViolations(page)) {
        problems.push(`${p.name} [${scheme}] ${v.impact} ${v.id}: ${v.help}\n    ${v.nodes.join('\n    ')}`);
      }
      const keys = await rawKeys(page);
      if (keys.length > 0) problems.push(`${p.name} [${lang}]: raw keys shown: ${keys.join(', ')}`);
    }
    if (problems.length > 0) console.error(problems.join('\n'));
    expect(problems).toEqual([]);
  };

  it('has no serious or critical axe-core violation and no raw key on any main page: light theme, English, phone', async () => {
    await axePass('light', PHONE);
  }, 180_000);

  it('has no serious or critical axe-core violation and no raw key on any main page: dark theme, Russian, desktop', async () => {
    await page.setViewportSize(DESKTOP);
    await new Shell(page).chooseLanguage('ru');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('ru');
    await axePass('dark', DESKTOP);
  }, 180_000);
});
