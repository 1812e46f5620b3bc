import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthPages, Shell } from './pages/app.ts';
import { SelectionScreen } from './pages/selection.ts';
import { seriousViolations } from './support/axe.ts';
import { browserAvailable, launchBrowser } from './support/browser.ts';
import { see } from './support/expect.ts';
import { horizontalOverflow } from './support/layout.ts';
import { type RunningServer, startEvergreen } from './support/server.ts';

const addDays = (s: string, n: number) =>
  new Date(Date.parse(`${s}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * Choosing a partner in the browser: rate a creator, watch the score and its explanation change,
 * then accept the promotion Today suggests. Anna (Tier 2) has three live posts, each with reach
 * 1,000 and 50 likes, $100 each, each posted on its due day. She is the whole roster, so her
 * engagement and cost per reach equal the roster's: performance (50 + 50)/2 = 50. Stability: the
 * three rates are equal (σ = 0) → 100, on time 3/3 → 100, no issues → 100: 100. No growth data.
 */
describe.runIf(browserAvailable())('selection in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let ws: string;
  let anna: string;

  const api = async (method: 'GET' | 'POST', path: string, data?: unknown) => {
    const me = await (await page.request.get(`${server.url}/api/v1/auth/me`)).json();
    const res = await page.request.fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: { 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' },
      data: data === undefined ? undefined : JSON.stringify(data),
    });
    expect(res.status(), `${method} ${path}: ${await res.text()}`).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    server = await startEvergreen({ EVERGREEN_DEMO: 'false' });
    browser = await launchBrowser();
    page = await (await browser.newContext({ locale: 'en-US' })).newPage();
    ws = await new AuthPages(page, server.url).signUpWithWorkspace(
      'Olga Owner',
      `olga-${randomBytes(3).toString('hex')}`,
      'Glow Lab',
    );
    const today = (await api('GET', `/workspaces/${ws}/today`)).date as string;
    anna = (
      await api('POST', `/workspaces/${ws}/creators`, { displayName: 'Anna Berg', tier: 2, status: 'active' })
    ).id;
    for (const back of [40, 25, 10]) {
      const day = addDays(today, -back);
      const post = await api('POST', `/workspaces/${ws}/deliverables`, {
        creatorId: anna,
        type: 'reel',
        status: 'live',
        dueOn: day,
        postedAt: `${day}T09:00:00Z`,
        costMinor: 10_000,
        costCurrency: 'USD',
      });
      await api('POST', `/workspaces/${ws}/deliverables/${post.id}/snapshots`, {
        capturedAt: `${day}T20:00:00Z`,
        reach: 1000,
        likes: 50,
      });
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('rates a creator, shows the score change with its pillars, accepts the promotion from Today, and the portfolio page counts her in Tier 1', async () => {
    const s = new SelectionScreen(page, server.url);
    await s.open(ws, anna);
    // No ratings: no fit, so no score.
    await see.text(s.score(), '—');
    await see.text(s.pillarScore('performance'), '50');
    await see.text(s.pillarScore('stability'), '100');
    await see.containsText(s.pillarScore('fit'), 'Not enough data');
    expect(await seriousViolations(page)).toEqual([]);

    // All 5s: fit 25 × (5 − 1) = 100; (25 × 50 + 20 × 100 + 40 × 100)/85 = 85.3 → 85.
    await s.rate({
      quality: 5,
      deadlines: 5,
      authenticity: 5,
      direction: 5,
      professionalism: 5,
      brand_alignment: 5,
      strategic_value: 5,
    });
    await see.text(s.pillarScore('fit'), '100');
    await see.text(s.score(), '85');
    await see.containsText(page.getByTestId('selection-rating-professionalism-current'), '5.00');

    // Professionalism 4 instead: fit 25 × (34/7 − 1) = 96.4 → 96; (1,250 + 2,000 + 3,840)/85 = 83.4 → 83.
    await s.rate({ professionalism: 4 });
    await see.text(s.pillarScore('fit'), '96');
    await see.text(s.score(), '83');
    await see.containsText(
      page.getByTestId('selection-rating-history'),
      'Professional and easy to work with: 4',
    );

    // The portfolio page's Tier 1 count, before the promotion.
    await page.goto(`${server.url}/w/${ws}/portfolio`);
    await see.visible(page.getByTestId('portfolio-tier-1'));
    const tier1Before = Number(await page.getByTestId('portfolio-tier-1').textContent());

    // Today suggests promoting her (score 83 ≥ 70, 3 collaborations, 3/3 on time, Tier 1 has room).
    await s.acceptOnToday(ws, 'promote', anna);
    await see.count(page.getByTestId(`today-suggestion-promote-${anna}`), 0);
    await expect.poll(async () => (await api('GET', `/workspaces/${ws}/creators/${anna}`)).tier).toBe(1);
    await page.goto(`${server.url}/w/${ws}/creators/${anna}?tab=timeline`);
    await see.containsText(page.getByTestId('creator-page'), 'Suggestion accepted: Promote to Tier 1');
    // …and the portfolio page counts her in Tier 1.
    await page.goto(`${server.url}/w/${ws}/portfolio`);
    await see.text(page.getByTestId('portfolio-tier-1'), String(tier1Before + 1));
  });

  it('on a phone, in Russian: an issue gets its owner from the team, and issues and insights export as CSV', async () => {
    const s = new SelectionScreen(page, server.url);
    await s.open(ws, anna);
    await new Shell(page).chooseLanguage('ru');
    await page.setViewportSize({ width: 390, height: 844 });
    await see.visible(page.getByTestId('selection-issues'));

    await page.getByTestId('selection-issue-title').fill('Поздний черновик');
    await page.getByTestId('selection-issue-owner').selectOption({ label: 'Olga Owner' });
    await page.getByTestId('selection-issue-add').click();
    await see.containsText(page.getByTestId('selection-issues'), 'отвечает Olga Owner');
    expect((await horizontalOverflow(page)).past).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);

    // The CSV holds the issue with its owner.
    const href = await page.getByTestId('selection-issues-csv').getAttribute('href');
    const csv = await (await page.request.get(`${server.url}${href}`)).text();
    expect(csv).toContain('Anna Berg');
    expect(csv).toContain('Поздний черновик,medium,open,Olga Owner');

    // No owner any more: the list says so by not naming one.
    await page
      .locator('[data-testid^="selection-issue-owner-"]')
      .first()
      .selectOption({ label: 'Без ответственного' });
    await expect
      .poll(async () => await page.getByTestId('selection-issues').textContent(), { timeout: 15_000 })
      .not.toContain('отвечает');

    // The insights log exports what the page shows: the German market's insight.
    await api('POST', `/workspaces/${ws}/creators/${anna}/insights`, {
      kind: 'trend',
      market: 'DE',
      product: 'Serum',
      body: 'Refills sell in Germany',
    });
    await api('POST', `/workspaces/${ws}/creators/${anna}/insights`, {
      kind: 'trend',
      market: 'US',
      body: 'Unboxing videos',
    });
    await page.goto(`${server.url}/w/${ws}/insights`);
    await page.getByTestId('insights-market').fill('DE');
    await expect
      .poll(async () => await page.getByTestId('insights-csv').getAttribute('href'), { timeout: 15_000 })
      .toContain('market=DE');
    const insights = await (
      await page.request.get(`${server.url}${await page.getByTestId('insights-csv').getAttribute('href')}`)
    ).text();
    expect(insights).toContain('Refills sell in Germany');
    expect(insights).not.toContain('Unboxing videos');
    expect((await horizontalOverflow(page)).past).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
