import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { type ReceivedMail, readMail, startSmtpServer } from '../../apps/server/src/testing/smtp.ts';
import { AuthPages } from '../pages/app.ts';
import { type ApiCall, sessionApi } from './api.ts';
import { seriousViolations } from './axe.ts';
import { launchBrowser } from './browser.ts';
import { horizontalOverflow } from './layout.ts';
import { type RunningServer, startEvergreen } from './server.ts';

/** The phone every portal page is checked on. */
export const PHONE = { width: 390, height: 844 };

/** The portal sign-in link an email's text carries, if any. */
export function portalLink(text: string): string | undefined {
  return text.match(/http:\/\/127\.0\.0\.1:\d+\/portal\/sign-in\/[A-Za-z0-9_-]+/)?.[0];
}

/** Phone layout and axe-core on the portal page in view: one h1, nothing past the edge, no serious violation. */
export async function checkPortalPage(p: Page) {
  expect(await p.locator('h1').count()).toBe(1);
  expect((await horizontalOverflow(p)).past).toEqual([]);
  expect(await seriousViolations(p)).toEqual([]);
}

/**
 * What a creator-portal browser test starts from (docs/portal.md): a real SMTP server, Evergreen
 * mailing through it, a browser, and a manager who signed up with a workspace (the brand).
 * The creator's side opens in contexts of its own (`openOnPhone`): no team session there.
 */
export class PortalWorld {
  private constructor(
    readonly smtp: Awaited<ReturnType<typeof startSmtpServer>>,
    readonly server: RunningServer,
    readonly browser: Browser,
    /** The manager's page (en-US, desktop). */
    readonly manager: Page,
    /** The workspace id. */
    readonly ws: string,
  ) {}

  static async start(owner: { name: string; handle: string; brand: string }): Promise<PortalWorld> {
    const smtp = await startSmtpServer();
    const server = await startEvergreen({ SMTP_URL: smtp.url, MAIL_FROM: 'Evergreen <team@evergreen.test>' });
    const browser = await launchBrowser();
    const manager = await (await browser.newContext({ locale: 'en-US' })).newPage();
    const ws = await new AuthPages(manager, server.url).signUpWithWorkspace(
      owner.name,
      owner.handle,
      owner.brand,
    );
    return new PortalWorld(smtp, server, browser, manager, ws);
  }

  get url(): string {
    return this.server.url;
  }

  /** The workspace's API (`/api/v1/workspaces/:ws<path>`) as the manager; 200 expected. */
  readonly api: ApiCall = (method, path, data, headers) =>
    sessionApi(this.manager.request, this.url)(method, `/workspaces/${this.ws}${path}`, data, headers);

  /** The mails received for `email` whose subject contains `subject`. */
  mailsTo(email: string, subject = ''): ReceivedMail[] {
    return this.smtp.received.filter(
      (m) => m.to.includes(email) && readMail(m.raw).subject.includes(subject),
    );
  }

  /** A fresh browser context on a phone (the creator's own), at `link`. */
  async openOnPhone(link: string): Promise<Page> {
    const page = await (await this.browser.newContext({ locale: 'en-US', viewport: PHONE })).newPage();
    await page.goto(link);
    return page;
  }

  /** The creator's phone signed in through an emailed portal link. */
  async signInOnPhone(link: string): Promise<Page> {
    const page = await this.openOnPhone(link);
    await page.getByTestId('portal-continue').click();
    return page;
  }

  async close() {
    await this.browser.close();
    await this.server.stop();
    await this.smtp.close();
  }
}
