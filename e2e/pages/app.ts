import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { see } from '../support/expect.ts';

/** Page objects: what a person does, by the names the web app gives its controls. */
export class AuthPages {
  constructor(
    private page: Page,
    private base: string,
  ) {}

  async signUp(name: string, email: string, password: string) {
    await this.page.goto(`${this.base}/signup`);
    await this.page.getByTestId('signup-name').fill(name);
    await this.page.getByTestId('signup-email').fill(email);
    await this.page.getByTestId('signup-password').fill(password);
    await this.page.getByTestId('signup-submit').click();
  }

  /**
   * A new account (a unique email from `emailPrefix`) that creates its first workspace and lands
   * on Today; answers the workspace's id.
   */
  async signUpWithWorkspace(name: string, emailPrefix: string, workspace: string): Promise<string> {
    await this.signUp(
      name,
      `${emailPrefix}-${randomBytes(3).toString('hex')}@example.test`,
      'a long password 1',
    );
    await this.page.getByTestId('create-workspace-name').fill(workspace);
    await this.page.getByTestId('create-workspace-submit').click();
    await see.visible(this.page.getByTestId('today'));
    const me = await (await this.page.request.get(`${this.base}/api/v1/auth/me`)).json();
    return me.workspaces[0].id as string;
  }

  /** Signs in to the demo workspace (a server started with the demo) from the front page; its id. */
  async signInDemo(): Promise<string> {
    await this.page.goto(this.base);
    await this.signIn('demo@evergreen.local', 'evergreen-demo');
    await see.visible(this.page.getByTestId('today'));
    const me = await (await this.page.request.get(`${this.base}/api/v1/auth/me`)).json();
    return me.workspaces[0].id as string;
  }

  async signIn(email: string, password: string) {
    await this.page.getByTestId('signin-email').fill(email);
    await this.page.getByTestId('signin-password').fill(password);
    await this.page.getByTestId('signin-submit').click();
  }

  async signOut() {
    await this.page.getByTestId('user-menu').click();
    await this.page.getByTestId('signout').click();
    await see.visible(this.page.getByTestId('signin-submit'));
  }
}

export class Shell {
  constructor(private page: Page) {}

  async chooseLanguage(lang: 'en' | 'ru') {
    await this.page.getByTestId('language-switcher').click();
    await this.page.getByTestId(`language-option-${lang}`).click();
  }

  nav(
    item:
      | 'today'
      | 'roster'
      | 'renewals'
      | 'campaigns'
      | 'overlaps'
      | 'overview'
      | 'settings-workspace'
      | 'settings-tiers'
      | 'settings-team'
      | 'settings-tokens'
      | 'settings-audit'
      | 'payments'
      | 'budgets',
  ) {
    return this.page.getByTestId(`nav-${item}`);
  }
}

export class TeamPage {
  constructor(private page: Page) {}

  async invite(email: string, roleLabel: string) {
    await this.page.getByTestId('invite-email').fill(email);
    await this.page.getByTestId('invite-role').click();
    await this.page.getByRole('option', { name: roleLabel, exact: true }).click();
    await this.page.getByTestId('invite-submit').click();
    await see.visible(this.page.getByTestId('invite-created'));
  }

  async setRole(userId: string, roleLabel: string) {
    await this.page.getByTestId(`member-role-${userId}`).click();
    await this.page.getByRole('option', { name: roleLabel, exact: true }).click();
  }
}

export class PaymentsScreen {
  constructor(private page: Page) {}

  /** Fills the open "Mark paid" form with a reference and pays what is owed. */
  async pay(reference: string) {
    await see.visible(this.page.getByTestId('pay-form'));
    await this.page.getByTestId('pay-reference').fill(reference);
    await this.page.getByTestId('pay-submit').click();
    await this.page.getByTestId('pay-form').waitFor({ state: 'hidden' });
  }

  /** Needs action, Overdue, Paid or All. */
  async show(view: 'action' | 'overdue' | 'paid' | 'all') {
    await this.page.getByTestId('payments-view').getByText(viewLabels[view], { exact: true }).click();
  }
}

const viewLabels = { action: 'Needs action', overdue: 'Overdue', paid: 'Paid', all: 'All' } as const;

export class AgreementScreens {
  constructor(private page: Page) {}

  /** Renews with the values as they are (within any review bound). */
  async renew() {
    await this.page.getByTestId('agreement-renew').click();
    await see.visible(this.page.getByTestId('renew-form'));
    await this.page.getByTestId('renew-submit').click();
    await this.page.getByTestId('renew-form').waitFor({ state: 'hidden' });
  }
}
