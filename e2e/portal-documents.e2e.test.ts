import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMail } from '../apps/server/src/testing/smtp.ts';
import { CampaignScreens } from './pages/campaigns.ts';
import type { ApiCall } from './support/api.ts';
import { browserAvailable } from './support/browser.ts';
import { see } from './support/expect.ts';
import { checkPortalPage, PortalWorld, portalLink } from './support/portal.ts';

/**
 * The portal's documents end to end (docs/portal.md): a brief emailed (real SMTP) with a link
 * that opens exactly that brief on the creator's phone, where they decline it with a reason the
 * manager then sees; an invoice the creator uploads on a payment, which the manager sees and
 * downloads. 390 px and axe-core on each portal view.
 */
describe.runIf(browserAvailable())('the creator portal: documents by email, declines, invoices', () => {
  let world: PortalWorld;
  let api: ApiCall;
  let manager: Page;
  let ws: string;
  let creatorPage: Page;
  let creatorId: string;
  const creatorEmail = `fay-${randomBytes(3).toString('hex')}@example.test`;

  const mailsTo = (subject: string) => world.mailsTo(creatorEmail, subject);

  beforeAll(async () => {
    world = await PortalWorld.start({ name: 'Olga Owner', handle: 'olga', brand: 'Glow Lab' });
    ({ api, manager, ws } = world);
    const c = await api('POST', '/creators', {
      displayName: 'Fay Decline',
      email: creatorEmail,
      status: 'active',
    });
    creatorId = c.id;
    await api('POST', `/creators/${creatorId}/portal/invite`, {});
  }, 180_000);
  afterAll(async () => {
    await world?.close();
  });

  let brief: { campaign: string; id: string };

  it('the brief’s email opens exactly that brief in a fresh phone browser; the creator declines it with a reason', async () => {
    const k = await api('POST', '/campaigns', {
      name: 'Autumn glow',
      startsOn: '2027-09-01',
      endsOn: '2027-09-30',
    });
    // Another brief first, so that the link has to pick the right one.
    const k2 = await api('POST', '/campaigns', {
      name: 'Winter glow',
      startsOn: '2027-12-01',
      endsOn: '2027-12-31',
    });
    const other = await api('POST', `/campaigns/${k2.id}/briefs`, { creatorId, title: 'Winter serum' });
    await api('POST', `/campaigns/${k2.id}/briefs/${other.id}/send`, {});
    const b = await api('POST', `/campaigns/${k.id}/briefs`, {
      creatorId,
      title: 'Autumn routine',
      body: 'Three looks for rainy mornings.',
    });
    brief = { campaign: k.id, id: b.id };
    // The manager's Send dialog: what really happened, and that the email carries the portal link.
    await manager.goto(`${world.url}/w/${ws}/campaigns/${k.id}/briefs/${b.id}`);
    const campaigns = new CampaignScreens(manager);
    await campaigns.sendBrief();
    const outcome = await campaigns.confirmSend(creatorId);
    await see.attribute(outcome, 'data-status', 'sent');
    await see.attribute(outcome.getByTestId('message-outcome-portal'), 'data-portal', 'included');

    await expect.poll(() => mailsTo('Autumn routine').length, { timeout: 15_000 }).toBe(1);
    const mail = readMail(mailsTo('Autumn routine')[0]!.raw);
    const link = portalLink(mail.text);
    expect(link).toBeTruthy();

    creatorPage = await world.signInOnPhone(link!);
    const focused = creatorPage.locator('[data-testid="portal-brief"][data-focused="true"]');
    await see.containsText(focused, 'Autumn routine');
    await see.attribute(focused, 'data-brief-id', b.id);
    // Opened, with its accept-or-decline form.
    await see.visible(focused.getByTestId('portal-brief-accept'));
    await checkPortalPage(creatorPage);

    await focused.getByTestId('portal-brief-toggle').click();
    await focused.getByTestId('portal-brief-reason').fill('I am shooting abroad all of September');
    await checkPortalPage(creatorPage);
    await focused.getByTestId('portal-brief-decline').click();
    await see.containsText(
      focused.getByTestId('portal-brief-declined'),
      'I am shooting abroad all of September',
    );
    await checkPortalPage(creatorPage);

    // The same link again: used up.
    const again = await world.signInOnPhone(link!);
    await see.visible(again.getByTestId('portal-link-invalid'));
  });

  it('the manager sees the decline and its reason on the brief and on the timeline', async () => {
    await manager.goto(`${world.url}/w/${ws}/campaigns/${brief.campaign}/briefs/${brief.id}`);
    await see.attribute(manager.getByTestId('brief-status'), 'data-status', 'declined');
    await see.text(manager.getByTestId('brief-decline-reason'), 'I am shooting abroad all of September');
    await manager.goto(`${world.url}/w/${ws}/creators/${creatorId}?tab=timeline`);
    await see.visible(manager.getByText('Brief declined by the creator'));
    await see.visible(manager.getByText('I am shooting abroad all of September'));
  });

  it('the creator uploads an invoice on a payment; the manager sees it as the creator’s and downloads it', async () => {
    await api('POST', '/deliverables', {
      creatorId,
      type: 'reel',
      status: 'approved',
      dueOn: '2027-09-20',
      costMinor: 90_000,
      costCurrency: 'USD',
    });
    const generated = await api('POST', '/payments/generate', {});
    const payment = generated.payments.find((p: { creatorId: string }) => p.creatorId === creatorId);
    await creatorPage.getByTestId('portal-nav-payments').click();
    const card = creatorPage.getByTestId('portal-payment');
    await see.visible(card);
    await checkPortalPage(creatorPage);
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n');
    await card.getByTestId('portal-invoice-file').setInputFiles({
      name: 'invoice-september.pdf',
      mimeType: 'application/pdf',
      buffer: pdf,
    });
    await see.containsText(card.getByTestId('portal-invoice'), 'invoice-september.pdf');
    await checkPortalPage(creatorPage);

    await manager.goto(`${world.url}/w/${ws}/payments`);
    await manager.getByTestId(`payment-invoices-${payment.id}`).click();
    const table = manager.getByTestId('invoices-table');
    await see.containsText(table, 'invoice-september.pdf');
    await see.containsText(table, 'by the creator in the portal');
    const list = await api('GET', `/payments/${payment.id}/invoices`);
    const file = await manager.request.get(
      `${world.url}/api/v1/workspaces/${ws}/payments/${payment.id}/invoices/${list.invoices[0].id}`,
    );
    expect(file.headers()['content-type']).toBe('application/pdf');
    expect(file.headers()['content-disposition']).toMatch(/^attachment; filename="invoice-september.pdf"/);
    expect(Buffer.compare(await file.body(), pdf)).toBe(0);
  });
});
