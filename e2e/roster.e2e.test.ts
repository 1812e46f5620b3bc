import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthPages, Shell } from './pages/app.ts';
import { CreatorPage } from './pages/creator.ts';
import { RosterPage } from './pages/roster.ts';
import { browserAvailable } from './support/browser.ts';
import { see } from './support/expect.ts';
import type { RunningServer } from './support/server.ts';
import { startWithPage, stopAll } from './support/session.ts';

const run = browserAvailable();

/** Five creators: two strategic (monthly), two regular (quarterly), one occasional. */
const CSV = [
  'display_name,email,tier,status,markets,languages,instagram,rate_reel',
  'Maya Chen,maya@example.test,1,active,US,en,mayaglows,3500.00 USD',
  'Анна Смирнова,anna@example.test,1,active,RU,ru,anna.glow,120000 RUB',
  'Liam Brooks,liam@example.test,2,active,US,en,liambrooks,900.00 USD',
  'Ольга Попова,olga@example.test,2,active,RU,ru,olga.popova,60000 RUB',
  'Zoe Carter,zoe@example.test,3,active,US,en,zoecarter,',
].join('\n');

const day = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (s: string, n: number) => day(new Date(Date.parse(`${s}T00:00:00Z`) + n * 86_400_000));
const formatDay = (s: string) =>
  new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${s}T00:00:00Z`),
  );

describe.runIf(run)('roster and Today in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ server, browser, page } = await startWithPage({ EVERGREEN_DEMO: 'false' }, { locale: 'en-US' }));
  });
  afterAll(() => stopAll(browser, server));

  const api = async (path: string) => (await page.request.get(`${server.url}/api/v1${path}`)).json();

  it('imports creators from CSV, filters the roster by tier, and keeps them warm from Today', async () => {
    const auth = new AuthPages(page, server.url);
    const ws = await auth.signUpWithWorkspace('Olga Owner', 'olga', 'Glow Lab');
    await see.visible(page.getByTestId('today-no-creators'));

    // Import: preview first, then the import itself.
    await new Shell(page).nav('roster').click();
    const roster = new RosterPage(page);
    await roster.previewImport(CSV);
    await see.text(roster.previewCount('create'), /5/);
    await see.text(roster.previewCount('error'), /0/);
    await roster.confirmImport();
    await see.text(roster.count(), /5/);
    await see.text(roster.tierCount(1), /2/);

    // Filter by tier 1 with the tier card: only the two strategic partners remain.
    await roster.tierCard(1).click();
    await see.count(roster.rows(), 2);
    expect(await roster.names()).toEqual(['Maya Chen', 'Анна Смирнова']);
    expect(new URL(page.url()).searchParams.get('tier')).toBe('1');

    // Today: never contacted, so the four creators on a cadence are due today; tier 3 is case by case.
    await new Shell(page).nav('today').click();
    await see.visible(page.getByTestId('today-section-due'));
    const list = await api(`/workspaces/${ws}/creators`);
    const maya = list.creators.find((c: { displayName: string }) => c.displayName === 'Maya Chen');
    const zoe = list.creators.find((c: { displayName: string }) => c.displayName === 'Zoe Carter');
    await see.count(page.locator('[data-testid^="today-item-"]'), 4);
    await see.count(page.getByTestId(`today-item-${zoe.id}`), 0);

    // Log a touchpoint from Today: the item leaves, and the next check-in moves one cadence on.
    await page.getByTestId(`today-log-${maya.id}`).click();
    await page.getByTestId('touchpoint-summary').fill('Sent her the spring results');
    await page.getByTestId('touchpoint-submit').click();
    await see.count(page.getByTestId(`today-item-${maya.id}`), 0);
    await see.count(page.locator('[data-testid^="today-item-"]'), 3);

    const today = (await api(`/workspaces/${ws}/today`)).date as string;
    const creatorPage = new CreatorPage(page, server.url);
    await creatorPage.open(ws, maya.id);
    await see.text(creatorPage.lastTouchpoint(), new RegExp(formatDay(today)));
    await see.text(creatorPage.nextCheckIn(), new RegExp(formatDay(addDays(today, 30))));
    const after = await api(`/workspaces/${ws}/creators/${maya.id}`);
    expect(after.checkIn).toMatchObject({ lastTouchpointOn: today, nextCheckInOn: addDays(today, 30) });
  });
});
