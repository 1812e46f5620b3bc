import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgreementFlow } from './pages/agreements.ts';
import { AuthPages, Shell } from './pages/app.ts';
import { CampaignScreens } from './pages/campaigns.ts';
import { CreatorPage } from './pages/creator.ts';
import { type ApiCall, addActiveCreator, sessionApi } from './support/api.ts';
import { browserAvailable } from './support/browser.ts';
import { see } from './support/expect.ts';
import type { RunningServer } from './support/server.ts';
import { startWithPage, stopAll } from './support/session.ts';

const run = browserAvailable();
const shots = process.env.E2E_SCREENSHOTS ?? '';

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

  const api: ApiCall = (...a) => sessionApi(page.request, server.url)(...a);
  /** A screenshot of the page, or of one part of it (a dialog), when E2E_SCREENSHOTS names a folder. */
  const shot = async (name: string, part?: Locator) => {
    if (!shots) return;
    const path = join(shots, `${name}.png`);
    if (!part) return void (await page.screenshot({ path, fullPage: true }));
    // A tall dialog is cut at the window's edge: a taller window shows all of it.
    const size = page.viewportSize();
    await page.setViewportSize({ width: 1280, height: 1400 });
    await part.screenshot({ path });
    if (size) await page.setViewportSize(size);
  };
  const dayShown = (day: string) =>
    new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(
      new Date(`${day}T00:00:00Z`),
    );
  /** Picks an option of a Mantine Select or Autocomplete by its label. */
  const choose = async (testId: string, label: string) => {
    await page.getByTestId(testId).click();
    await page.getByRole('option', { name: label, exact: true }).click();
  };
  let retainerId: string;

  beforeAll(async () => {
    ({ server, browser, page } = await startWithPage({ EVERGREEN_DEMO: 'false' }, { locale: 'en-US' }));
    ws = await new AuthPages(page, server.url).signUpWithWorkspace('Olga Owner', 'olga', 'Glow Lab');
    today = (await api('GET', `/workspaces/${ws}/today`)).date;
    creatorId = await addActiveCreator(api, ws, 'Maya Chen', 'maya@example.test', 1, ['US']);
    // Contacted today, so the only Today item will be the agreement's decision.
    await api('POST', `/workspaces/${ws}/creators/${creatorId}/touchpoints`, {
      channel: 'call',
      kind: 'check_in',
    });
  });
  afterAll(() => stopAll(browser, server));

  it('creates an evergreen agreement and shows its notice deadline on Renewals and on Today', async () => {
    // A 12-month term ending 40 days from now: the 30-day notice deadline is 10 days away.
    const startsOn = minusYear(addDays(today, 41));
    await new CreatorPage(page, server.url).open(ws, creatorId, 'agreements');
    const flow = new AgreementFlow(page);
    await flow.createAnnual({ startsOn, termMonths: 12, collaborations: 6, autoRenew: true });

    await expect
      .poll(async () => (await api('GET', `/workspaces/${ws}/agreements`)).agreements.length)
      .toBe(1);
    const [agreement] = (await api('GET', `/workspaces/${ws}/agreements`)).agreements;
    await page.goto(`${server.url}/w/${ws}/agreements/${agreement.id}`);
    // Sending shows the email with the agreement first, then what happened to it.
    await flow.send();
    await see.containsText(flow.preview(), 'maya@example.test');
    await expect.poll(() => flow.previewBody().inputValue()).toContain('1. Parties');
    await flow.confirmSend(creatorId);
    await flow.accept('maya chen');
    await see.text(flow.status(), /Active/);

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
    const campaigns = new CampaignScreens(page);
    await campaigns.create({
      name: 'SPF 50 fluid launch',
      product: 'SPF 50 fluid',
      market: 'US',
      startsOn: addDays(today, 20),
      endsOn: addDays(today, 50),
    });

    await expect
      .poll(async () => (await api('GET', `/workspaces/${ws}/campaigns`)).campaigns?.length ?? 0)
      .toBe(1);
    const [campaign] = (await api('GET', `/workspaces/${ws}/campaigns`)).campaigns;
    expect(campaign).toMatchObject({ products: ['SPF 50 fluid'], markets: ['US'] });
    await page.goto(`${server.url}/w/${ws}/campaigns/${campaign.id}`);
    await campaigns.brief(creatorId, {
      title: 'A morning routine reel',
      body: 'Show the fluid in your real morning routine.\nMention no white cast.',
      dueOn: addDays(today, 30),
    });

    await expect
      .poll(async () => (await api('GET', `/workspaces/${ws}/creators/${creatorId}/briefs`)).length)
      .toBe(1);
    const [brief] = await api('GET', `/workspaces/${ws}/creators/${creatorId}/briefs`);
    await page.goto(`${server.url}/w/${ws}/campaigns/${campaign.id}/briefs/${brief.id}`);
    // "Send to creator" shows the email first, lets the manager edit it, then says what happened:
    // this server has no SMTP, so the email waits in the outbox and the dialog says so.
    await campaigns.sendBrief();
    await see.containsText(page.getByTestId('brief-send-preview'), 'maya@example.test');
    const body = campaigns.previewBody();
    await expect.poll(() => body.inputValue()).toContain('Show the fluid in your real morning routine.');
    await body.fill(`${await body.inputValue()}\n\nP.S. Loved your last reel.`);
    const outcome = await campaigns.confirmSend(creatorId);
    expect(await outcome.getAttribute('data-status')).toBe('queued');
    expect(await outcome.getAttribute('data-reason')).toBe('smtp_not_configured');
    await see.containsText(outcome, 'not set up on this server');
    const queued = await api('GET', `/workspaces/${ws}/creators/${creatorId}/messages`);
    expect(queued.messages[0]).toMatchObject({ status: 'queued', templateKey: 'brief_sent' });
    expect(queued.messages[0].bodyText).toContain('P.S. Loved your last reel.');
    await campaigns.closeSend();
    await campaigns.acceptBrief('Maya Chen');
    await see.text(campaigns.status(), /Accepted/);

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

  it('records a deliverable from the agreement page with the post form: the row shows the exact cost and the ledger counts it', async () => {
    // A retainer in euros for another creator, started 10 days ago: two sponsored posts a month.
    const ivyId = await addActiveCreator(api, ws, 'Ivy Novak', 'ivy@example.test', 2, ['DE']);
    const startsOn = addDays(today, -10);
    const retainer = await api('POST', `/workspaces/${ws}/agreements`, {
      creatorId: ivyId,
      type: 'retainer',
      title: 'Ivy monthly retainer',
      startsOn,
      termMonths: 6,
      monthlyFeeMinor: 300_000,
      currency: 'EUR',
      inclusions: [{ item: 'sponsored_post', quantity: 2 }],
      rates: [{ deliverableType: 'tiktok_video', amountMinor: 90_000 }],
    });
    retainerId = retainer.id;
    await api('POST', `/workspaces/${ws}/agreements/${retainerId}/send`, {});
    await api('POST', `/workspaces/${ws}/agreements/${retainerId}/accept`, { acceptedName: 'Ivy Novak' });

    await page.goto(`${server.url}/w/${ws}/agreements/${retainerId}`);
    const ledgerCell = page.getByTestId(`ledger-cell-${startsOn.slice(0, 7)}-sponsored_post`);
    await see.containsText(ledgerCell, '0 of 2 delivered');
    await see.visible(page.getByTestId('agreement-deliverables'));
    await page.getByTestId('deliverable-add').click();
    const form = page.getByTestId('post-form');
    await see.visible(form);

    // Creator and agreement are the agreement's, and fixed; the cost is in its currency.
    await see.value(page.getByTestId('post-creator'), 'Ivy Novak');
    await see.value(page.getByTestId('post-agreement'), 'Ivy monthly retainer');
    expect(await page.getByTestId('post-creator').isDisabled()).toBe(true);
    expect(await page.getByTestId('post-agreement').isDisabled()).toBe(true);
    await see.value(page.getByTestId('post-currency'), 'EUR');
    // The type defaults to the first inclusion; the agreement's items come first among the types.
    await see.value(page.getByTestId('post-type'), 'sponsored_post');
    await page.getByTestId('post-type').fill('');
    await expect
      .poll(() => page.getByRole('option').allTextContents())
      .toEqual([
        'Sponsored post',
        'tiktok_video',
        'Reel',
        'Story',
        'Post',
        'Short',
        'YouTube integration',
        'Stream',
        'UGC video',
      ]);
    await page.getByRole('option', { name: 'Sponsored post', exact: true }).click();
    await see.value(page.getByTestId('post-type'), 'sponsored_post');

    const postedDay = addDays(today, -1);
    await choose('post-platform', 'Instagram');
    await page.getByTestId('post-title').fill('Serum morning routine');
    await page.getByTestId('post-posted').fill(`${postedDay}T12:00`);
    await choose('post-status', 'Live');
    await page.getByTestId('post-cost').fill('1234.5');
    await see.containsText(form, '€1,234.50');
    await see.containsText(form, 'ledger counts live and approved deliverables');
    await shot('agreement-deliverable-form-en', page.getByRole('dialog'));
    await page.getByTestId('post-submit').click();
    await see.count(form, 0);

    const { deliverables } = await api('GET', `/workspaces/${ws}/deliverables?agreementId=${retainerId}`);
    expect(deliverables).toHaveLength(1);
    const [saved] = deliverables;
    expect(saved).toMatchObject({
      creatorId: ivyId,
      agreementId: retainerId,
      type: 'sponsored_post',
      platform: 'instagram',
      sponsored: true,
      title: 'Serum morning routine',
      status: 'live',
      costMinor: 123_450,
      costCurrency: 'EUR',
    });
    expect(saved.postedAt.slice(0, 10)).toBe(postedDay);

    // The list and the ledger refresh without a reload.
    const row = page.getByTestId(`deliverable-row-${saved.id}`);
    await see.visible(row);
    const cells = row.locator('td');
    await see.text(cells.nth(0), 'Sponsored postInstagram');
    await see.text(cells.nth(1), 'Serum morning routine');
    await see.text(cells.nth(2), '—');
    await see.text(cells.nth(3), dayShown(postedDay));
    await see.value(page.getByTestId(`deliverable-status-${saved.id}`), 'Live');
    await see.text(cells.nth(5), '€1,234.50');
    await see.containsText(ledgerCell, '1 of 2 delivered');
    await shot('agreement-deliverables-en');
  });

  it('creates a post on the Posts page with the same form for a creator without an agreement', async () => {
    const leoId = await addActiveCreator(api, ws, 'Leo Park', 'leo@example.test', 3, ['US']);
    const workspace = await api('GET', `/workspaces/${ws}`);
    expect(workspace.reportingCurrency).toBe('USD');
    await page.goto(`${server.url}/w/${ws}/posts`);
    await page.getByTestId('post-new').click();
    const form = page.getByTestId('post-form');
    await see.visible(form);
    // The Posts page's form: any creator, the reporting currency, "post" as the type.
    expect(await page.getByTestId('post-creator').isDisabled()).toBe(false);
    await see.value(page.getByTestId('post-type'), 'post');
    await see.value(page.getByTestId('post-currency'), 'USD');
    await choose('post-creator', 'Leo Park');
    await see.attribute(page.getByTestId('post-agreement'), 'placeholder', 'No agreements');
    await page.getByTestId('post-type').fill('reel');
    await choose('post-platform', 'TikTok');
    await page.getByTestId('post-title').fill('Unboxing the SPF fluid');
    const dueDay = addDays(today, 5);
    await page.getByTestId('post-due').fill(dueDay);
    await page.getByTestId('post-cost').fill('80');
    await see.containsText(form, '$80.00');
    await page.getByTestId('post-submit').click();
    await see.count(form, 0);

    const { deliverables } = await api('GET', `/workspaces/${ws}/deliverables?creatorId=${leoId}`);
    expect(deliverables).toHaveLength(1);
    const [saved] = deliverables;
    expect(saved).toMatchObject({
      agreementId: null,
      type: 'reel',
      platform: 'tiktok',
      sponsored: true,
      title: 'Unboxing the SPF fluid',
      dueOn: dueDay,
      postedAt: null,
      status: 'planned',
      costMinor: 8_000,
      costCurrency: 'USD',
    });
    // Saving opens the post; the list behind it has the new row.
    await see.visible(page.getByTestId('post-detail'));
    await page.keyboard.press('Escape');
    const cells = page.getByTestId(`post-row-${saved.id}`).locator('td');
    await see.text(cells.nth(0), 'Leo ParkUnboxing the SPF fluid');
    // The type in words, not its key.
    await see.text(cells.nth(1), 'ReelTikTok');
    await see.text(cells.nth(3), 'Planned');
    await see.text(cells.nth(4), dayShown(dueDay));
    await see.text(cells.nth(5), '—');
    await see.text(cells.nth(6), '$80.00');
  });

  it('shows the deliverable form in Russian', async () => {
    await new Shell(page).chooseLanguage('ru');
    await page.goto(`${server.url}/w/${ws}/agreements/${retainerId}`);
    await see.text(page.getByTestId('deliverable-add'), 'Добавить материал');
    await page.getByTestId('deliverable-add').click();
    const dialog = page.getByRole('dialog');
    await see.text(dialog.locator('.mantine-Modal-title'), 'Новый материал');
    const form = page.getByTestId('post-form');
    for (const label of [
      'Автор',
      'Договор',
      'Тип',
      'Площадка',
      'Статус',
      'Опубликован',
      'Стоимость',
      'Валюта',
    ]) {
      await see.visible(form.locator('label', { hasText: label }));
    }
    await see.text(page.getByTestId('post-submit'), 'Сохранить изменения');
    await see.containsText(form, 'Учёт ретейнера считает опубликованные');
    await shot('agreement-deliverable-form-ru', dialog);
  });
});
