import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMail } from '../apps/server/src/testing/smtp.ts';
import type { ApiCall } from './support/api.ts';
import { browserAvailable } from './support/browser.ts';
import { see } from './support/expect.ts';
import { checkPortalPage, PortalWorld, portalLink } from './support/portal.ts';

const DAY = 86_400_000;
/** The UTC day `n` days from now, and the instant `n` days ago at noon UTC. */
const dayFromNow = (n: number) => new Date(Date.now() + n * DAY).toISOString().slice(0, 10);
const noonDaysAgo = (n: number) => `${dayFromNow(-n)}T12:00:00Z`;

/**
 * The creator's read side and voice in the portal (docs/portal.md): results against their own
 * earlier work, what the brand learned, feedback that the team sees in its insights log, and the
 * overlap calendar without other creators' names. Every page at 390 px and with axe-core.
 */
describe.runIf(browserAvailable())('portal results, feedback and calendar', () => {
  let world: PortalWorld;
  let api: ApiCall;
  let manager: Page;
  let ws: string;
  let creatorPage: Page;
  let creatorId: string;
  const creatorEmail = `mila-${randomBytes(3).toString('hex')}@example.test`;

  beforeAll(async () => {
    world = await PortalWorld.start({ name: 'Rita Results', handle: 'rita', brand: 'Glow Lab' });
    ({ api, manager, ws } = world);
    creatorId = (
      await api('POST', '/creators', {
        displayName: 'Mila Posts',
        email: creatorEmail,
        status: 'active',
        markets: ['DE'],
      })
    ).id;
    // Two live posts: #1 40 days ago, 50 engagements on 1,000 reach (5%); #2 20 days ago,
    // 200 on 2,000 (10%). Her average is 7.5%: #1 is 2.5% below it, #2 2.5% above.
    for (const [ago, m] of [
      [40, { reach: 1000, likes: 40, comments: 10 }],
      [20, { reach: 2000, likes: 150, comments: 30, shares: 10, saves: 10 }],
    ] as const) {
      const d = await api('POST', '/deliverables', {
        creatorId,
        type: 'reel',
        status: 'live',
        postedAt: noonDaysAgo(ago),
        url: `https://instagram.com/p/mila-${ago}`,
      });
      await api('POST', `/deliverables/${d.id}/snapshots`, {
        capturedAt: noonDaysAgo(ago).replace('12:00', '18:00'),
        ...m,
      });
    }
    // A campaign ahead in Germany on the serum; Mila posts on day +15, another creator on +16 and +17.
    const other = await api('POST', '/creators', {
      displayName: 'Oskar Hidden',
      status: 'active',
      markets: ['DE'],
    });
    const k = await api('POST', '/campaigns', {
      name: 'Serum launch',
      products: ['Glow serum'],
      markets: ['DE'],
      startsOn: dayFromNow(10),
      endsOn: dayFromNow(40),
    });
    await api('POST', '/deliverables', { creatorId, campaignId: k.id, type: 'reel', dueOn: dayFromNow(15) });
    for (const n of [16, 17])
      await api('POST', '/deliverables', {
        creatorId: other.id,
        campaignId: k.id,
        type: 'reel',
        dueOn: dayFromNow(n),
      });
  }, 240_000);
  afterAll(async () => {
    await world?.close();
  });

  it('the creator signs in from the emailed link on a phone', async () => {
    await api('POST', `/creators/${creatorId}/portal/invite`, {});
    await expect.poll(() => world.mailsTo(creatorEmail).length, { timeout: 15_000 }).toBe(1);
    const mail = readMail(world.mailsTo(creatorEmail)[0]!.raw);
    const link = portalLink(mail.text);
    creatorPage = await world.signInOnPhone(link!);
    await see.text(creatorPage.getByTestId('portal-brand'), 'Glow Lab');
  });

  it('the manager shares an insight; the creator sees her posts by number against her own average, and it', async () => {
    const insight = await api('POST', `/creators/${creatorId}/insights`, {
      kind: 'resonates',
      market: 'DE',
      body: 'Morning routines convert best',
    });
    await api('POST', `/creators/${creatorId}/insights`, { kind: 'trend', body: 'Team-only note' });
    await manager.goto(`${world.url}/w/${ws}/insights`);
    await see.visible(manager.getByTestId(`insight-${insight.id}`));
    // A controlled switch: it turns on once the server has answered and the list is read again.
    await manager.getByTestId(`insight-share-${insight.id}`).click({ force: true });
    await see.attribute(manager.getByTestId(`insight-share-${insight.id}`), 'data-checked', 'true');
    await expect
      .poll(async () => (await api('GET', '/insights?kind=resonates')).insights[0].sharedWithCreator)
      .toBe(true);

    await creatorPage.getByTestId('portal-nav-results').click();
    const posts = creatorPage.getByTestId('portal-results-post');
    await see.count(posts, 2);
    await see.containsText(posts.nth(0), 'Post 1');
    await see.containsText(posts.nth(0), 'engagement rate 5%');
    await see.text(posts.nth(0).getByTestId('portal-results-vs'), '2.5% below your average');
    await see.containsText(posts.nth(1), 'engagement rate 10%');
    await see.text(posts.nth(1).getByTestId('portal-results-vs'), '2.5% above your average');
    await see.text(creatorPage.getByTestId('portal-results-average'), 'Your average engagement rate: 7.5%');
    // Both posts are in the last 90 days: 2 posts, 3,000 reach; nothing in the 90 before.
    await see.text(creatorPage.getByTestId('portal-results-recent-posts'), '2');
    await see.text(creatorPage.getByTestId('portal-results-recent-reach'), '3,000');
    await see.text(creatorPage.getByTestId('portal-results-earlier-posts'), '0');
    const learned = creatorPage.getByTestId('portal-learned');
    await see.count(learned, 1);
    await see.containsText(learned, 'Morning routines convert best');
    await checkPortalPage(creatorPage);
  });

  it('the creator sends product feedback; the manager sees it in the insights log, from the portal', async () => {
    await creatorPage.getByTestId('portal-nav-feedback').click();
    await see.visible(creatorPage.getByTestId('portal-feedback-form'));
    await checkPortalPage(creatorPage);
    await creatorPage.getByTestId('portal-feedback-kind').selectOption('product_feedback');
    await creatorPage.getByTestId('portal-feedback-market').fill('de');
    await creatorPage.getByTestId('portal-feedback-product').fill('Glow serum');
    await creatorPage.getByTestId('portal-feedback-body').fill('Too sticky for summer in Berlin');
    await creatorPage.getByTestId('portal-feedback-send').click();
    await see.containsText(creatorPage.getByTestId('portal-insight'), 'Too sticky for summer in Berlin');
    await checkPortalPage(creatorPage);

    await manager.goto(`${world.url}/w/${ws}/insights`);
    const card = manager.locator('[data-testid^="insight-"]', { hasText: 'Too sticky for summer in Berlin' });
    await see.containsText(card, 'Mila Posts');
    await see.containsText(card, 'Glow serum');
    await see.text(card.getByTestId('insight-from-portal'), 'From the creator portal');
  });

  it('the overlap calendar shows when others post on her product in her market, never who', async () => {
    await creatorPage.getByTestId('portal-nav-calendar').click();
    const window = creatorPage.getByTestId('portal-window');
    await see.containsText(window, 'Serum launch');
    await see.containsText(creatorPage.getByTestId('portal-busy'), 'Glow serum in DE, 2 other posts');
    expect(await creatorPage.locator('main').textContent()).not.toContain('Oskar');
    await checkPortalPage(creatorPage);
  });
});
