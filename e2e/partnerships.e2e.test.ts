import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthPages, Shell } from './pages/app.ts';
import { browserAvailable, launchBrowser } from './support/browser.ts';
import { see } from './support/expect.ts';
import { type RunningServer, startEvergreen } from './support/server.ts';

const run = browserAvailable();

const addDays = (s: string, n: number) =>
  new Date(Date.parse(`${s}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const minusYear = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - 1);
  return d.toISOString().slice(0, 10);
};

describe.runIf(run)('agreements and campaigns in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let ws: string;
  let today: string;
  let creatorId: string;

  /** Setup goes through the API with the signed-in browser's own session. */
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
    await new AuthPages(page, server.url).signUp(
      'Olga Owner',
      `olga-${randomBytes(3).toString('hex')}@example.test`,
      'a long password 1',
    );
    await page.getByTestId('create-workspace-name').fill('Glow Lab');
    await page.getByTestId('create-workspace-submit').click();
    await see.visible(page.getByTestId('today'));
    ws = (await api('GET', '/auth/me')).workspaces[0].id;
    today = (await api('GET', `/workspaces/${ws}/today`)).date;
    const creator = await api('POST', `/workspaces/${ws}/creators`, {
      displayName: 'Maya Chen',
      email: 'maya@example.test',
      tier: 1,
      status: 'active',
      markets: ['US'],
      leadTimeDays: 7,
    });
    creatorId = creator.id;
    // Contacted today, so the only Today item will be the agreement's decision.
    await api('POST', `/workspaces/${ws}/creators/${creatorId}/touchpoints`, {
      channel: 'call',
      kind: 'check_in',
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('creates an evergreen agreement and shows its notice deadline on Renewals and on Today', async () => {
    // A 12-month term ending 40 days from now: the 30-day notice deadline is 10 days away.
    const startsOn = minusYear(addDays(today, 41));
    await page.goto(`${server.url}/w/${ws}/creators/${creatorId}?tab=agreements`);
    await page.getByTestId('agreement-new').click();
    await page.getByTestId('agreement-type-annual').click();
    await page.getByTestId('agreement-start').fill(startsOn);
    await page.getByTestId('agreement-term').fill('12');
    await page.getByTestId('agreement-collabs').fill('6');
    await page.getByTestId('agreement-auto-renew').check();
    await page.getByTestId('agreement-submit').click();

    await expect
      .poll(async () => (await api('GET', `/workspaces/${ws}/agreements`)).agreements.length)
      .toBe(1);
    const [agreement] = (await api('GET', `/workspaces/${ws}/agreements`)).agreements;
    await page.goto(`${server.url}/w/${ws}/agreements/${agreement.id}`);
    await page.getByTestId('agreement-send').click();
    await page.getByTestId('agreement-accept').click();
    await page.getByTestId('accept-name').fill('maya chen');
    await page.getByTestId('accept-submit').click();
    await see.text(page.getByTestId('agreement-status'), /Active/);

    const noticeDeadline = addDays(today, 10);
    const shown = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(
      new Date(`${noticeDeadline}T00:00:00Z`),
    );
    await see.text(page.getByTestId('agreement-date-notice_deadline'), new RegExp(shown));
    const saved = await api('GET', `/workspaces/${ws}/agreements/${agreement.id}`);
    expect(saved).toMatchObject({
      status: 'active',
      autoRenew: true,
      noticeDays: 30,
      acceptedName: 'maya chen',
    });

    await new Shell(page).nav('renewals').click();
    await see.visible(page.getByTestId(`renewal-row-${agreement.id}-notice_deadline`));
    await new Shell(page).nav('today').click();
    await see.visible(page.getByTestId(`today-renewal-${agreement.id}-notice_deadline`));
  });

  it('creates a campaign, assigns a suggested creator, and turns a change after acceptance into a change request', async () => {
    await new Shell(page).nav('campaigns').click();
    await page.getByTestId('campaign-new').click();
    await page.getByTestId('campaign-name').fill('SPF 50 fluid launch');
    await page.getByTestId('campaign-products').fill('SPF 50 fluid');
    await page.getByTestId('campaign-products').press('Enter');
    await page.getByTestId('campaign-markets').fill('US');
    await page.getByTestId('campaign-markets').press('Enter');
    await page.getByTestId('campaign-start').fill(addDays(today, 20));
    await page.getByTestId('campaign-end').fill(addDays(today, 50));
    await page.getByTestId('campaign-submit').click();

    await expect
      .poll(async () => (await api('GET', `/workspaces/${ws}/campaigns`)).campaigns?.length ?? 0)
      .toBe(1);
    const [campaign] = (await api('GET', `/workspaces/${ws}/campaigns`)).campaigns;
    expect(campaign).toMatchObject({ products: ['SPF 50 fluid'], markets: ['US'] });
    await page.goto(`${server.url}/w/${ws}/campaigns/${campaign.id}`);
    await see.visible(page.getByTestId(`suggestion-row-${creatorId}`));
    await page.getByTestId(`suggestion-assign-${creatorId}`).click();
    await page.getByTestId('brief-title').fill('A morning routine reel');
    await page
      .getByTestId('brief-body')
      .fill('Show the fluid in your real morning routine.\nMention no white cast.');
    await page.getByTestId('brief-due').fill(addDays(today, 30));
    await page.getByTestId('brief-submit').click();

    await expect
      .poll(async () => (await api('GET', `/workspaces/${ws}/creators/${creatorId}/briefs`)).length)
      .toBe(1);
    const [brief] = await api('GET', `/workspaces/${ws}/creators/${creatorId}/briefs`);
    await page.goto(`${server.url}/w/${ws}/campaigns/${campaign.id}/briefs/${brief.id}`);
    await page.getByTestId('brief-send').click();
    await page.getByTestId('brief-accept').click();
    await page.getByTestId('brief-accept-name').fill('Maya Chen');
    await page.getByTestId('brief-accept-submit').click();
    await see.text(page.getByTestId('brief-status'), /Accepted/);

    // After acceptance an edit cannot move the goalposts: it becomes a change request.
    await page.getByTestId('brief-edit').click();
    await page
      .getByTestId('brief-body')
      .fill(
        'Show the fluid in your real morning routine.\nMention no white cast.\nAdd a second take outdoors.',
      );
    await page.getByTestId('brief-change-note').fill('We would love an outdoor take too');
    await page.getByTestId('brief-submit').click();
    await see.visible(page.getByTestId('brief-change-request'));
    await see.text(page.getByTestId('brief-status'), /Change requested/);
    await see.containsText(page.getByTestId('brief-change-request'), 'Add a second take outdoors.');

    const detail = await api('GET', `/workspaces/${ws}/campaigns/${campaign.id}/briefs/${brief.id}`);
    expect(detail.status).toBe('change_requested');
    expect(detail.acceptedVersion).toBe(1);
    expect(detail.versions.at(-1)).toMatchObject({
      kind: 'change_request',
      changeStatus: 'pending',
      changeNote: 'We would love an outdoor take too',
    });
  });
});
