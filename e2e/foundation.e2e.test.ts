import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMail, startSmtpServer } from '../apps/server/src/testing/smtp.ts';
import { AuthPages, Shell, TeamPage } from './pages/app.ts';
import { browserAvailable, launchBrowser } from './support/browser.ts';
import { see } from './support/expect.ts';
import { type RunningServer, startEvergreen } from './support/server.ts';
import { stopAll } from './support/session.ts';

const run = browserAvailable();

describe.runIf(run)('foundation in a real browser', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let server: RunningServer;
  let browser: Browser;
  const owner = {
    name: 'Olga Owner',
    email: `olga-${randomBytes(3).toString('hex')}@example.test`,
    password: 'a long password 1',
  };
  const teammate = {
    name: 'Ivan Teammate',
    email: `ivan-${randomBytes(3).toString('hex')}@example.test`,
    password: 'another long pw 2',
  };

  beforeAll(async () => {
    smtp = await startSmtpServer();
    // A first start of its own: the test reads what the first start prints.
    server = await startEvergreen(
      { SMTP_URL: smtp.url, MAIL_FROM: 'Evergreen <team@evergreen.test>' },
      { fresh: true },
    );
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await stopAll(browser, server);
    await smtp?.close();
  });

  it('signs up, creates a workspace, signs out and in, switches language, invites a teammate who accepts', async () => {
    const ownerCtx = await browser.newContext();
    const page = await ownerCtx.newPage();
    const auth = new AuthPages(page, server.url);
    const shell = new Shell(page);

    // The first account on the installation; no workspace yet.
    await auth.signUp(owner.name, owner.email, owner.password);
    await see.visible(page.getByTestId('first-workspace'));
    await page.getByTestId('create-workspace-name').fill('Northwind Skincare');
    await page.getByTestId('create-workspace-submit').click();
    // Owners and managers land on Today; a new workspace has nobody on it yet.
    await see.visible(page.getByTestId('today-no-creators'));
    await see.text(page.getByTestId('workspace-switcher'), 'Northwind Skincare');

    await auth.signOut();
    await auth.signIn(owner.email, 'not the password');
    await see.visible(page.getByTestId('signin-error'));
    await auth.signIn(owner.email, owner.password);
    await see.visible(page.getByTestId('today'));
    await see.text(page.getByTestId('workspace-switcher'), 'Northwind Skincare');

    // Russian and back.
    await shell.chooseLanguage('ru');
    await see.text(shell.nav('settings-team'), 'Команда');
    await see.attribute(page.locator('html'), 'lang', 'ru');
    await shell.chooseLanguage('en');
    await see.text(shell.nav('settings-team'), 'Team');

    // Invite a teammate; the email arrives at the SMTP server.
    await shell.nav('settings-team').click();
    const team = new TeamPage(page);
    await team.invite(teammate.email, 'Manager');
    await expect
      .poll(() => smtp.received.find((m) => m.to.includes(teammate.email)), { timeout: 15_000 })
      .toBeTruthy();
    const mail = readMail(smtp.received.find((m) => m.to.includes(teammate.email))!.raw);
    expect(mail.subject).toBe('Olga Owner invited you to Northwind Skincare on Evergreen');
    const link = mail.text.match(/http:\/\/127\.0\.0\.1:\d+\/invite\/[A-Za-z0-9_-]+/)?.[0];
    expect(link).toBeTruthy();

    // The teammate, in a browser of their own, opens the link, signs up and joins.
    const mateCtx = await browser.newContext();
    const matePage = await mateCtx.newPage();
    await matePage.goto(link!);
    await see.text(matePage.getByTestId('invite-workspace'), 'Northwind Skincare');
    await matePage.getByTestId('invite-signup').click();
    await see.value(matePage.getByTestId('signup-email'), teammate.email);
    await matePage.getByTestId('signup-name').fill(teammate.name);
    await matePage.getByTestId('signup-password').fill(teammate.password);
    await matePage.getByTestId('signup-submit').click();
    await see.text(matePage.getByTestId('workspace-switcher'), 'Northwind Skincare');
    await see.visible(matePage.getByTestId('today'));
    // A manager sees no owner-only settings.
    await see.count(new Shell(matePage).nav('settings-tokens'), 0);

    // The owner sees the new member, makes them an analyst; the audit log shows who did it.
    await page.reload();
    const me = await (await page.request.get(`${server.url}/api/v1/auth/me`)).json();
    const members = await (
      await page.request.get(`${server.url}/api/v1/workspaces/${me.workspaces[0].id}/members`)
    ).json();
    const mate = members.find((m: { email: string }) => m.email === teammate.email);
    await see.containsText(page.getByTestId(`member-row-${mate.userId}`), teammate.name);
    await see.value(page.getByTestId(`member-role-${mate.userId}`), 'Manager');
    await new TeamPage(page).setRole(mate.userId, 'Analyst');
    await see.value(page.getByTestId(`member-role-${mate.userId}`), 'Analyst');
    await expect
      .poll(async () => {
        const list = await (
          await page.request.get(`${server.url}/api/v1/workspaces/${me.workspaces[0].id}/members`)
        ).json();
        return list.find((m: { email: string }) => m.email === teammate.email).role;
      })
      .toBe('analyst');
    await shell.nav('settings-audit').click();
    await see.containsText(page.getByTestId('audit-table'), owner.name);

    await mateCtx.close();
    await ownerCtx.close();
  });

  it('lets a newcomer into the demo workspace with the printed sign-in', async () => {
    expect(server.output()).toContain('Sign in with demo@evergreen.local / evergreen-demo');
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(server.url);
    await see.text(page.getByTestId('signin-demo-email'), 'demo@evergreen.local');
    await new AuthPages(page, server.url).signIn('demo@evergreen.local', 'evergreen-demo');
    await see.text(page.getByTestId('workspace-switcher'), 'Northwind Skincare (demo)');
    await see.visible(page.getByTestId('today-section-overdue'));
    await new Shell(page).nav('overview').click();
    await see.text(page.getByTestId('overview-name'), 'Northwind Skincare (demo)');
    await ctx.close();
  });
});
