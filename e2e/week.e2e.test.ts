import { randomBytes } from 'node:crypto';
import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMail, startSmtpServer } from '../apps/server/src/testing/smtp.ts';
import { RateReview } from './pages/agreements.ts';
import { AuthPages, PaymentsScreen, Shell } from './pages/app.ts';
import { CampaignScreens } from './pages/campaigns.ts';
import { MessageDialog } from './pages/messages.ts';
import { PostsScreen } from './pages/posts.ts';
import { TodayScreen } from './pages/today.ts';
import { type ApiCall, sessionApi } from './support/api.ts';
import { browserAvailable, launchBrowser } from './support/browser.ts';
import { see } from './support/expect.ts';
import { type RunningServer, startEvergreen } from './support/server.ts';
import { stopAll } from './support/session.ts';

/**
 * A manager's week in one browser session, without reloading the page (a marker put on `window`
 * after signing in must still be there at the end): Today's check-ins, a message with a personal
 * line, a rate review, a campaign whose brief reaches the creator in her language, a post with
 * metrics, two payments, and the results. The workspace is set up through the API by a second
 * session first; every figure the test expects is worked out by hand below.
 */
describe.runIf(browserAvailable())("a manager's week, walked without reloading", () => {
  let server: RunningServer;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let browser: Browser;
  let page: Page;
  let setup: APIRequestContext;
  let ws: string;
  const email = `olga-${randomBytes(3).toString('hex')}@example.test`;
  const password = 'a long password 1';
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

  /** The API as the setup session (the same user, its own cookie). */
  const api: ApiCall = (...a) => sessionApi(setup, server.url)(...a);
  const w = (path: string) => `/workspaces/${ws}${path}`;
  const mailTo = (to: string, subject: string) =>
    expect
      .poll(
        () =>
          smtp.received
            .filter((m) => m.to.includes(to))
            .map((m) => readMail(m.raw))
            .find((m) => m.subject === subject),
        { timeout: 15_000 },
      )
      .toBeTruthy()
      .then(
        () =>
          smtp.received
            .filter((m) => m.to.includes(to))
            .map((m) => readMail(m.raw))
            .find((m) => m.subject === subject)!,
      );

  const ids = {} as Record<'maya' | 'ben' | 'alina' | 'jordan' | 'agreement' | 'payA' | 'payB', string>;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    server = await startEvergreen({
      EVERGREEN_DEMO: 'false',
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Evergreen <team@evergreen.test>',
    });
    browser = await launchBrowser();
    setup = (await browser.newContext()).request;
    const signup = await setup.post(`${server.url}/api/v1/auth/signup`, {
      data: { name: 'Olga Owner', email, password },
    });
    expect(signup.status(), await signup.text()).toBe(200);
    ws = (await api('POST', '/workspaces', { name: 'Glow Lab', markets: ['US'] })).id;

    const creator = async (body: Record<string, unknown>) =>
      (await api('POST', w('/creators'), { status: 'active', tier: 1, ...body })).id as string;
    // Never contacted: Maya's, Ben's and Alina's check-ins are due today.
    ids.maya = await creator({
      displayName: 'Maya Chen',
      email: 'maya@example.test',
      markets: ['US'],
      languages: ['en'],
    });
    ids.ben = await creator({
      displayName: 'Ben Ortiz',
      email: 'ben@example.test',
      tier: 2,
      languages: ['en'],
    });
    ids.alina = await creator({
      displayName: 'Alina Bakes',
      legalName: 'Соколова Алина Игоревна',
      email: 'alina@example.test',
      markets: ['RU'],
      languages: ['ru'],
    });
    ids.jordan = await creator({
      displayName: 'Jordan Lee',
      email: 'jordan@example.test',
      languages: ['en'],
    });

    // Maya's post 10 days ago: reach 2,400, engagements 60 + 20 + 10 + 8 = 98 → 98 / 2,400 = 4.083…% → "4.1%".
    const sourdough = await api('POST', w('/deliverables'), {
      creatorId: ids.maya,
      type: 'reel',
      title: 'Morning sourdough',
      status: 'live',
      postedAt: `${day(-10)}T09:00:00Z`,
    });
    await api(
      'POST',
      w('/metrics/batch'),
      {
        snapshots: [
          {
            deliverableId: sourdough.id,
            capturedAt: `${day(-9)}T09:00:00Z`,
            reach: 2400,
            likes: 60,
            comments: 20,
            shares: 10,
            saves: 8,
          },
        ],
      },
      { 'idempotency-key': 'week-sourdough' },
    );

    // Jordan's annual agreement, in force since 100 days ago, a reel at $300.00.
    const a = await api('POST', w('/agreements'), {
      creatorId: ids.jordan,
      type: 'annual',
      startsOn: day(-100),
      termMonths: 12,
      currency: 'USD',
      collaborationsPerYear: 6,
      autoRenew: true,
      rates: [{ deliverableType: 'reel', amountMinor: 30_000 }],
    });
    ids.agreement = a.id;
    await api('POST', w(`/agreements/${a.id}/send`), {});
    await api('POST', w(`/agreements/${a.id}/accept`), { acceptedName: 'Jordan Lee' });

    // Ben's three live posts with a cost (no agreement: paid 30 days after going live).
    // Posted 50, 40 and 38 days ago → due 20, 10 and 8 days ago.
    for (const [title, offset, cost] of [
      ['Ben old reel', -50, 10_000],
      ['Ben reel A', -40, 25_000],
      ['Ben reel B', -38, 40_000],
    ] as const)
      await api('POST', w('/deliverables'), {
        creatorId: ids.ben,
        type: 'reel',
        title,
        status: 'live',
        postedAt: `${day(offset)}T12:00:00Z`,
        costMinor: cost,
        costCurrency: 'USD',
      });
    expect((await api('POST', w('/payments/generate'), {})).created).toBe(3);
    const { payments } = await api('GET', w(`/payments?creatorId=${ids.ben}`));
    const byDue = (d: string) => (payments as { id: string; dueOn: string }[]).find((p) => p.dueOn === d)!.id;
    // The oldest was paid on its due day: 1 of 1 on time before the week starts.
    await api('POST', w(`/payments/${byDue(day(-20))}/pay`), { paidOn: day(-20), amountMinor: 10_000 });
    ids.payA = byDue(day(-10));
    ids.payB = byDue(day(-8));

    page = await (await browser.newContext({ locale: 'en-US' })).newPage();
  }, 180_000);
  afterAll(async () => {
    await stopAll(browser, server);
    await smtp?.close();
  });

  it('check-ins, a message, a rate review, a brief, a post, two payments and the results', async () => {
    const shell = new Shell(page);
    const todayScreen = new TodayScreen(page);

    // Sign in; from here on the page is never reloaded.
    await page.goto(server.url);
    await new AuthPages(page, server.url).signIn(email, password);
    await see.visible(page.getByTestId('today'));
    await page.evaluate(() => Object.assign(window, { __sameDocument: true }));

    // Today: three check-ins due. Maya's suggestion is to share her recent win.
    for (const id of [ids.maya, ids.ben, ids.alina]) await see.visible(todayScreen.checkIn(id));
    await see.containsText(
      todayScreen.nudge(ids.maya),
      'Share a win: “Morning sourdough” reached 4.1% engagement; tell them.',
    );
    await todayScreen.logCheckIn(ids.ben, 'Call about the autumn plans');
    await see.count(todayScreen.checkIn(ids.ben), 0);
    await see.visible(todayScreen.checkIn(ids.alina));

    // A message to Maya from her card, starting from Today's suggestion (Share a win), with a line
    // of the manager's own; the real SMTP server receives it, and the dialog says it was sent.
    const message = new MessageDialog(page);
    await message.open(`today-message-${ids.maya}`);
    await see.value(page.getByTestId('message-template'), 'Share a win');
    await see.value(message.subject(), '"Morning sourdough" did really well');
    const personal = 'P.S. The crumb shot at the end was perfect.';
    await message.addLine('"Morning sourdough" reached 4.1% engagement.', personal);
    await message.send();
    await see.attribute(message.outcome(ids.maya), 'data-status', 'sent');
    await see.containsText(message.outcome(ids.maya), 'Sent to Maya Chen');
    const toMaya = await mailTo('maya@example.test', '"Morning sourdough" did really well');
    expect(toMaya.text).toContain('"Morning sourdough" reached 4.1% engagement.');
    expect(toMaya.text).toContain(personal);
    // Sent means contacted: Maya's check-in leaves Today (behind the dialog, which stays).
    await see.count(todayScreen.checkIn(ids.maya), 0);
    await see.visible(message.outcome(ids.maya));
    await message.close();
    await see.visible(todayScreen.checkIn(ids.alina));

    // Review rates on Jordan's agreement: $300.00 ± 10% = $270.00 to $330.00; +5% = $315.00.
    await shell.nav('roster').click();
    await page.getByTestId(`roster-name-${ids.jordan}`).click();
    await page.getByTestId('creator-tab-agreements').click();
    await page.getByTestId(`agreement-row-${ids.agreement}`).getByRole('link').first().click();
    const review = new RateReview(page);
    await review.open();
    await see.containsText(review.form(), '$270.00');
    await see.containsText(review.form(), '$330.00');
    await review.applyPercent('5');
    await see.value(review.rate(0), '315');
    await review.submit();
    await see.attribute(page.getByTestId('agreement-status'), 'data-status', 'scheduled');
    await see.containsText(page.getByTestId('agreement-page'), '$315.00');

    // A campaign, a brief for Alina, sent: it reaches her in Russian and the brief shows as sent.
    await shell.nav('campaigns').click();
    const campaigns = new CampaignScreens(page);
    await campaigns.create({
      name: 'Autumn oat launch',
      product: 'Oat milk',
      market: 'RU',
      startsOn: day(20),
      endsOn: day(50),
    });
    await campaigns.brief(ids.alina, {
      title: 'Утренний ритуал',
      body: 'Покажите овсяное молоко в вашем настоящем утреннем ритуале.',
      dueOn: day(30),
    });
    await campaigns.sendBrief();
    await see.containsText(page.getByTestId('brief-send-preview'), 'alina@example.test');
    await expect.poll(() => campaigns.previewBody().inputValue()).toContain('Здравствуйте, Алина!');
    const outcome = await campaigns.confirmSend(ids.alina);
    await see.attribute(outcome, 'data-status', 'sent');
    const brief = await mailTo('alina@example.test', 'Бриф для «Autumn oat launch»: Утренний ритуал');
    expect(brief.text).toContain('Здравствуйте, Алина!');
    expect(brief.text).toContain('Покажите овсяное молоко в вашем настоящем утреннем ритуале.');
    await campaigns.closeSend();
    await see.text(campaigns.status(), /Sent/);

    // A post with metrics: reach 3,200, engagements 120 + 26 + 12 + 8 = 166 → 166 / 3,200 = 5.1875%
    // → "5.19%" (shown to two decimals).
    await page.getByTestId('nav-posts').click();
    const posts = new PostsScreen(page);
    await posts.recordLive({
      creator: 'Maya Chen',
      type: 'reel',
      title: 'Rye in ten minutes',
      postedAt: `${day(-1)}T18:30`,
    });
    await posts.addSnapshot({ reach: 3200, likes: 120, comments: 26, shares: 12, saves: 8 });
    await see.text(posts.detailRate(), '5.19%');
    const { deliverables } = await api('GET', w(`/deliverables?creatorId=${ids.maya}`));
    const rye = (deliverables as { id: string; title: string }[]).find(
      (d) => d.title === 'Rye in ten minutes',
    )!;
    await page.keyboard.press('Escape');
    await see.text(posts.rowRate(rye.id), '5.19%');

    // Two payments: both overdue, on Today. Before: 1 of 1 paid on time (100%); paying both today,
    // after their due days, makes it 1 of 3 = 33.3%.
    await shell.nav('today').click();
    await see.visible(todayScreen.payment(ids.payA));
    await see.visible(todayScreen.payment(ids.payB));
    await todayScreen.markPaid(ids.payA);
    const payments = new PaymentsScreen(page);
    await see.text(page.getByTestId('on-time-overall'), '100%');
    await payments.pay('INV-WEEK-A');
    await see.count(page.getByTestId(`payment-row-${ids.payA}`), 0);
    await page.getByTestId(`payment-pay-${ids.payB}`).click();
    await payments.pay('INV-WEEK-B');
    await see.count(page.getByTestId(`payment-row-${ids.payB}`), 0);
    await see.text(page.getByTestId('on-time-overall'), '33.3%');
    await shell.nav('today').click();
    await see.visible(page.getByTestId('today'));
    await see.count(todayScreen.payment(ids.payA), 0);
    await see.count(todayScreen.payment(ids.payB), 0);

    // The results: Maya's Results tab lists the new post, her second (#2), at 5.19%.
    await shell.nav('roster').click();
    await page.getByTestId(`roster-name-${ids.maya}`).click();
    await page.getByTestId('creator-tab-results').click();
    const row = page.getByTestId(`recent-post-${rye.id}`);
    await see.visible(row);
    await see.containsText(row, 'Rye in ten minutes');
    await see.attribute(row, 'data-ordinal', '2');
    await see.containsText(row, '5.19%');

    expect(
      await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument === true),
    ).toBe(true);
  }, 120_000);
});
