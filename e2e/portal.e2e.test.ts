import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMail } from '../apps/server/src/testing/smtp.ts';
import type { ApiCall } from './support/api.ts';
import { browserAvailable } from './support/browser.ts';
import { see } from './support/expect.ts';
import { checkPortalPage, PortalWorld, portalLink } from './support/portal.ts';

/**
 * The creator portal end to end (docs/portal.md): a manager invites a creator from their profile,
 * the emailed link (from a real SMTP server) opens in the creator's own browser on a phone, the
 * creator answers there themselves, and the manager's side shows it. Every portal page is checked
 * at 390 px and with axe-core.
 */
describe.runIf(browserAvailable())('the creator portal', () => {
  let world: PortalWorld;
  let api: ApiCall;
  let manager: Page;
  let ws: string;
  let creatorPage: Page;
  const creatorEmail = `dana-${randomBytes(3).toString('hex')}@example.test`;

  beforeAll(async () => {
    world = await PortalWorld.start({ name: 'Olga Owner', handle: 'olga', brand: 'Glow Lab' });
    ({ api, manager, ws } = world);
  }, 180_000);
  afterAll(async () => {
    await world?.close();
  });

  let creatorId: string;
  let brief: { campaign: string; id: string };

  it('a manager invites the creator from their profile; the emailed link signs them in on a phone', async () => {
    const c = await api('POST', '/creators', {
      displayName: 'Dana Reel',
      email: creatorEmail,
      status: 'active',
    });
    creatorId = c.id;
    // A brief the creator accepted (entered by the manager), then a change request waiting for them.
    const k = await api('POST', '/campaigns', {
      name: 'Spring glow',
      startsOn: '2027-03-01',
      endsOn: '2027-03-31',
    });
    const b = await api('POST', `/campaigns/${k.id}/briefs`, { creatorId, title: 'Morning routine' });
    brief = { campaign: k.id, id: b.id };
    await api('POST', `/campaigns/${k.id}/briefs/${b.id}/send`, {});
    await api('POST', `/campaigns/${k.id}/briefs/${b.id}/accept`, { version: 1, name: 'Dana Reel' });
    await api('PATCH', `/campaigns/${k.id}/briefs/${b.id}`, {
      title: 'Evening routine',
      changeNote: 'The launch moved to the evening slot',
    });

    await manager.goto(`${world.url}/w/${ws}/creators/${creatorId}?tab=profile`);
    await manager.getByTestId('portal-invite').click();
    await see.containsText(manager.getByTestId('portal-access-status'), 'Invited');
    await expect.poll(() => world.mailsTo(creatorEmail, 'portal').length, { timeout: 15_000 }).toBe(1);
    const mail = readMail(world.mailsTo(creatorEmail, 'portal')[0]!.raw);
    expect(mail.subject).toBe('Glow Lab invited you to their creator portal');
    const link = portalLink(mail.text);
    expect(link).toBeTruthy();

    // The creator's own browser: a fresh context, a phone.
    creatorPage = await world.openOnPhone(link!);
    await see.visible(creatorPage.getByTestId('portal-continue'));
    await checkPortalPage(creatorPage);
    await creatorPage.getByTestId('portal-continue').click();
    await see.text(creatorPage.getByTestId('portal-brand'), 'Glow Lab');
    // No team session here: the team's pages are closed to this browser.
    const team = await creatorPage.request.get(`${world.url}/api/v1/workspaces/${ws}/creators`);
    expect(team.status()).toBe(401);
  });

  it('the creator accepts the change request by typed name; the manager sees it as the creator’s own', async () => {
    const card = creatorPage.getByTestId('portal-brief');
    await see.containsText(card, 'Morning routine');
    await card.getByTestId('portal-brief-open').click();
    await see.containsText(
      creatorPage.getByTestId('portal-change-request'),
      'The launch moved to the evening slot',
    );
    await see.visible(creatorPage.getByTestId('portal-version-1'));
    await checkPortalPage(creatorPage);
    await creatorPage.getByTestId('portal-change-name').fill('Dana Reel');
    await creatorPage.getByTestId('portal-change-submit').click();
    await see.containsText(card, 'Evening routine');
    await see.count(creatorPage.getByTestId('portal-change-request'), 0);

    await manager.goto(`${world.url}/w/${ws}/campaigns/${brief.campaign}/briefs/${brief.id}`);
    await see.text(manager.getByTestId('brief-title-view'), 'Evening routine');
    await see.containsText(manager.getByTestId('brief-acceptances'), 'Version 2 accepted as “Dana Reel”');
    await see.count(manager.getByTestId('brief-acceptance-by-creator'), 1);
  });

  it('the creator reads the agreement and accepts it by typed name; the manager sees it', async () => {
    const a = await api('POST', '/agreements', {
      creatorId,
      type: 'annual',
      startsOn: '2027-01-01',
      termMonths: 12,
      noticeDays: 30,
      currency: 'USD',
      feeMinor: 1_200_000,
    });
    await api('POST', `/agreements/${a.id}/send`, {});
    await creatorPage.getByTestId('portal-nav-agreements').click();
    const card = creatorPage.getByTestId('portal-agreement');
    await see.visible(card);
    // Term 2027-01-01 + 12 months ends 2027-12-31; notice 30 days before.
    await see.text(card.getByTestId('portal-date-notice_deadline'), 'Dec 1, 2027');
    await checkPortalPage(creatorPage);
    const doc = await creatorPage.request.get(`${world.url}/api/v1/portal/agreements/${a.id}/document.pdf`);
    expect(doc.headers()['content-type']).toBe('application/pdf');
    await creatorPage.getByTestId('portal-agreement-name').fill('Dana Reel');
    await creatorPage.getByTestId('portal-agreement-accept').click();
    await see.attribute(card.getByTestId('portal-agreement-status'), 'data-status', 'accepted');

    await manager.goto(`${world.url}/w/${ws}/agreements/${a.id}`);
    await see.containsText(manager.getByTestId('agreement-fact-accepted'), 'Dana Reel');
    await see.containsText(
      manager.getByTestId('agreement-fact-accepted'),
      'by the creator, in the creator portal',
    );
  });

  it('the creator submits a post URL with numbers and enters payment details; the manager sees both', async () => {
    const d = await api('POST', '/deliverables', {
      creatorId,
      type: 'reel',
      dueOn: '2027-03-10',
      title: 'Evening routine reel',
      costMinor: 90_000,
      costCurrency: 'USD',
    });
    await creatorPage.getByTestId('portal-nav-deliverables').click();
    const post = creatorPage.getByTestId('portal-post');
    await see.containsText(post, 'Evening routine reel');
    await checkPortalPage(creatorPage);
    await post.getByTestId('portal-post-open').click();
    await post.getByTestId('portal-post-url-input').fill('https://instagram.com/p/evening-routine');
    await post.getByTestId('portal-post-reach').fill('12000');
    await post.getByTestId('portal-post-likes').fill('900');
    await post.getByTestId('portal-post-comments').fill('60');
    await checkPortalPage(creatorPage);
    await post.getByTestId('portal-post-submit').click();
    await see.attribute(post.getByTestId('portal-post-status'), 'data-status', 'submitted');
    // 900 likes + 60 comments = 960 engagements.
    await see.text(post.getByTestId('portal-post-numbers'), 'Reach 12,000 · engagements 960');
    const seen = await api('GET', `/deliverables/${d.id}`);
    expect(seen).toMatchObject({
      status: 'submitted',
      url: 'https://instagram.com/p/evening-routine',
      latestReach: 12000,
      latestEngagements: 960,
    });

    await creatorPage.getByTestId('portal-nav-payments').click();
    await see.visible(creatorPage.getByTestId('portal-payment-details'));
    await checkPortalPage(creatorPage);
    await creatorPage.getByTestId('portal-payment-edit').click();
    await creatorPage.getByTestId('payment-account').fill('DE89 3704 0044 0532 0130 00');
    await creatorPage.getByTestId('payment-submit').click();
    await see.text(creatorPage.getByTestId('portal-payment-mask'), '•••• 3000');
    await checkPortalPage(creatorPage);

    await manager.goto(`${world.url}/w/${ws}/creators/${creatorId}?tab=payment`);
    await see.text(manager.getByTestId('payment-mask'), '•••• 3000');
    await manager.getByTestId('payment-reveal').click();
    await see.text(manager.getByTestId('payment-account-value'), 'DE89 3704 0044 0532 0130 00');
  });

  it('the creator opts out of the monthly summary on a phone; each side sees who decided', async () => {
    await creatorPage.getByTestId('portal-nav-payments').click();
    const toggle = creatorPage.getByTestId('portal-monthly-summary-switch');
    await see.visible(creatorPage.getByTestId('portal-monthly-summary'));
    await see.containsText(
      creatorPage.getByTestId('portal-monthly-summary'),
      'Email me a monthly summary of my results',
    );
    expect(await toggle.isChecked()).toBe(true);
    await toggle.click();
    await expect.poll(() => toggle.isChecked()).toBe(false);
    await see.containsText(creatorPage.locator('body'), 'Saved');
    await checkPortalPage(creatorPage);

    await manager.goto(`${world.url}/w/${ws}/creators/${creatorId}?tab=profile`);
    await see.containsText(
      manager.getByTestId('monthly-summary-creator-opted-out'),
      'The creator opted out in the portal',
    );
    await see.containsText(
      manager.getByTestId('monthly-summary-next'),
      'It will not be sent: the creator opted out in the portal.',
    );
    await manager.getByTestId('monthly-summary-enabled').click();
    await see.containsText(manager.getByTestId('monthly-summary-next'), 'switched off by the team');

    await creatorPage.reload();
    await see.containsText(
      creatorPage.getByTestId('portal-monthly-summary-team-off'),
      'Your brand has switched these off',
    );
    await checkPortalPage(creatorPage);
  });
});
