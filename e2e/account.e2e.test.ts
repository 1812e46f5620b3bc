import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeQuotedPrintable, startSmtpServer } from '../apps/server/src/testing/smtp.ts';
import { AccountPages } from './pages/account.ts';
import { AuthPages } from './pages/app.ts';
import { seriousViolations } from './support/axe.ts';
import { browserAvailable, launchBrowser } from './support/browser.ts';
import { see } from './support/expect.ts';
import { horizontalOverflow } from './support/layout.ts';
import { type RunningServer, startEvergreen } from './support/server.ts';

const run = browserAvailable();

describe.runIf(run)('account and security in a real browser', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let server: RunningServer;
  let browser: Browser;
  const email = `paula-${randomBytes(3).toString('hex')}@example.test`;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    server = await startEvergreen({ SMTP_URL: smtp.url, MAIL_FROM: 'Evergreen <team@evergreen.test>' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.close();
  });

  it('forgot password by emailed link, then sessions and a password change on Account and security', async () => {
    // A first browser signs up; a second one (a phone) signs in to the same account.
    const laptop = await (await browser.newContext()).newPage();
    const auth = new AuthPages(laptop, server.url);
    await auth.signUp('Paula Password', email, 'a long password 1');
    await laptop.getByTestId('create-workspace-name').fill('Forgetful Skincare');
    await laptop.getByTestId('create-workspace-submit').click();
    await see.visible(laptop.getByTestId('today'));

    const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    const phoneAccount = new AccountPages(phone, server.url);
    // Forgot the password on the phone: the link arrives by email, and every other session ends.
    await phoneAccount.askForResetLink(email);
    await expect
      .poll(() => smtp.received.find((m) => m.to.includes(email)), { timeout: 15_000 })
      .toBeTruthy();
    const raw = decodeQuotedPrintable(smtp.received.find((m) => m.to.includes(email))!.raw);
    const link = raw.match(/http:\/\/[^\s"]+\/reset-password\/[A-Za-z0-9_-]+/)![0];
    await phoneAccount.setNewPassword(link.replace(/^http:\/\/[^/]+/, server.url), 'a new long password 2');
    await see.visible(phone.getByTestId('today'));

    // The laptop's session ended with the reset.
    await laptop.reload();
    await see.visible(laptop.getByTestId('signin-submit'));
    // The link works once.
    await phoneAccount.setNewPassword(link.replace(/^http:\/\/[^/]+/, server.url), 'a third long password');
    await see.visible(phone.getByTestId('reset-invalid'));

    // The laptop signs in with the new password; the phone sees two sessions and ends the laptop's.
    await laptop.goto(`${server.url}/signin`);
    await auth.signIn(email, 'a new long password 2');
    await see.visible(laptop.getByTestId('today'));
    await phone.goto(`${server.url}/`);
    await see.visible(phone.getByTestId('today'));
    await phoneAccount.open();
    await expect.poll(() => phoneAccount.sessions().count()).toBe(2);
    await see.visible(phone.getByTestId('account-session-current'));
    expect((await horizontalOverflow(phone)).past).toEqual([]);
    expect(await seriousViolations(phone)).toEqual([]);
    await phone.getByTestId('account-session-end').click();
    await expect.poll(() => phoneAccount.sessions().count()).toBe(1);
    await laptop.reload();
    await see.visible(laptop.getByTestId('signin-submit'));

    // A wrong current password is named on its field; the right one changes it.
    await phoneAccount.changePassword('not my password', 'the final long password');
    await see.visible(phone.getByText('is not your current password'));
    await phoneAccount.changePassword('a new long password 2', 'the final long password');
    await see.visible(phone.getByText('Password changed'));
    await laptop.goto(`${server.url}/signin`);
    await auth.signIn(email, 'a new long password 2');
    await see.visible(laptop.getByTestId('signin-error'));
    await auth.signIn(email, 'the final long password');
    await see.visible(laptop.getByTestId('today'));
  });
});
