import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgreementScreens, AuthPages, PaymentsScreen, Shell } from './pages/app.ts';
import { browserAvailable } from './support/browser.ts';
import { see } from './support/expect.ts';
import type { RunningServer } from './support/server.ts';
import { startWithPage, stopAll } from './support/session.ts';

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
    ({ server, browser, page } = await startWithPage({}, { locale: 'en-US' }));
    ws = await new AuthPages(page, server.url).signInDemo();
  });
  afterAll(() => stopAll(browser, server));

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

  it('the creator page opens on an at-a-glance header and a read-only profile with Edit', async () => {
    const { agreements: list } = await get('/agreements?type=annual');
    const maya = (list as { id: string; creatorId: string; creatorName: string }[]).find(
      (a) => a.creatorName === 'Maya Chen',
    )!;
    const money = (minor: number) =>
      new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(minor / 100);
    // Worked out from the API: what was paid under her agreement, her ROI over 12 months, the
    // open post due next.
    const { payments } = await get(`/payments?creatorId=${maya.creatorId}`);
    const paid = (payments as { agreementId: string | null; paidMinor: number }[])
      .filter((p) => p.agreementId === maya.id)
      .reduce((sum, p) => sum + p.paidMinor, 0);
    expect(paid).toBeGreaterThan(0);
    const day = (await get('/today')).date as string;
    const from = new Date(Date.parse(`${day}T00:00:00Z`) - 364 * 86_400_000).toISOString().slice(0, 10);
    const results = await get(`/reports/creator-results/${maya.creatorId}?from=${from}&to=${day}`);
    const roi = `${new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(Number(results.measures.roi) * 100)}%`;
    const { deliverables } = await get(
      `/deliverables?creatorId=${maya.creatorId}&status=planned,submitted,approved`,
    );
    const next = (deliverables as { title: string; dueOn: string }[]).sort((a, b) =>
      a.dueOn.localeCompare(b.dueOn),
    )[0]!;

    await page.goto(`${server.url}/w/${ws}/creators/${maya.creatorId}`);
    await see.visible(page.getByTestId('creator-glance'));
    await see.containsText(page.getByTestId('glance-tier'), 'Tier 1');
    await see.containsText(page.getByTestId('glance-term'), 'Term 1');
    await see.containsText(page.getByTestId('glance-decision'), 'Next:');
    await see.containsText(page.getByTestId('glance-paid'), money(paid));
    // Her agreement's reel rate is her rate card's price (the demo's story), the type in words.
    await see.containsText(page.getByTestId('glance-rate'), `${money(30000)} per Reel`);
    await see.text(page.getByTestId('glance-roi-value'), roi);
    await see.containsText(page.getByTestId('glance-deliverable'), next.title);
    await see.visible(page.getByTestId('glance-touchpoint'));

    // The profile reads; Edit opens the form; saving shows the change in the read view.
    const profile = page.getByTestId('creator-profile');
    await see.visible(profile);
    await see.count(profile.locator('input, textarea'), 0);
    await mark();
    await page.getByTestId('creator-profile-edit').click();
    await see.visible(page.getByTestId('creator-profile-form'));
    await page.getByTestId('creator-form-notes').fill('Prefers a loose brief with a strong why.');
    await page.getByTestId('creator-form-submit').click();
    await see.visible(profile);
    await see.containsText(profile, 'Prefers a loose brief with a strong why.');
    expect(await stillSameDocument()).toBe(true);
  });

  it('"Review rates" shows the allowed range and moves every rate by a percent within it', async () => {
    const { agreements: list } = await get('/agreements?type=annual');
    const jordan = (list as { id: string; creatorName: string; rates: { amountMinor: number }[] }[]).find(
      (a) => a.creatorName === 'Jordan Ellis',
    )!;
    expect(jordan.rates[0]!.amountMinor).toBe(40000);
    await page.goto(`${server.url}/w/${ws}/agreements/${jordan.id}`);
    await page.getByTestId('agreement-review-rates').click();
    await see.visible(page.getByTestId('renew-form'));
    // ±10% of $400.00: $360.00 – $440.00.
    await see.containsText(page.getByTestId('renew-form'), '$360.00');
    await see.containsText(page.getByTestId('renew-form'), '$440.00');
    await page.getByTestId('review-pct').fill('5');
    await page.getByTestId('review-pct-apply').click();
    await see.value(page.getByTestId('renew-rate-0'), '420');
    // Asking for more than the bound stops at its edge.
    await page.getByTestId('review-pct').fill('25');
    await page.getByTestId('review-pct-apply').click();
    await see.value(page.getByTestId('renew-rate-0'), '440');
    await page.getByTestId('review-pct').fill('5');
    await page.getByTestId('review-pct-apply').click();
    await page.getByTestId('renew-submit').click();
    await page.getByTestId('renew-form').waitFor({ state: 'hidden' });
    await see.attribute(page.getByTestId('agreement-status'), 'data-status', 'scheduled');
    const next = (await get(`/agreements/${jordan.id}`)).nextAgreementId as string;
    expect((await get(`/agreements/${next}`)).rates).toEqual([
      { deliverableType: 'youtube_integration', amountMinor: 42000 },
    ]);
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

  it('the pages changed here fit a 390 px phone: no sideways scrolling', async () => {
    const { agreements: list } = await get('/agreements?type=annual');
    const a = (list as { id: string; creatorId: string }[])[0]!;
    await page.setViewportSize({ width: 390, height: 844 });
    for (const path of [`/creators/${a.creatorId}`, '/payments', `/agreements/${a.id}`]) {
      await page.goto(`${server.url}/w/${ws}${path}`);
      await page.waitForLoadState('networkidle');
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect({ path, overflow }).toEqual({ path, overflow: 0 });
    }
  });
});
