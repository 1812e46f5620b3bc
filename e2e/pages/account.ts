import type { Page } from 'playwright-core';
import { see } from '../support/expect.ts';

/** "Forgot password", the emailed reset page and Account and security, as a person uses them. */
export class AccountPages {
  constructor(
    private page: Page,
    private base: string,
  ) {}

  async askForResetLink(email: string) {
    await this.page.goto(`${this.base}/signin`);
    await this.page.getByTestId('signin-forgot').click();
    await this.page.getByTestId('forgot-email').fill(email);
    await this.page.getByTestId('forgot-submit').click();
    await see.visible(this.page.getByTestId('forgot-sent'));
  }

  async setNewPassword(link: string, password: string) {
    await this.page.goto(link);
    await this.page.getByTestId('reset-password').fill(password);
    await this.page.getByTestId('reset-confirm').fill(password);
    await this.page.getByTestId('reset-submit').click();
  }

  async open() {
    await this.page.getByTestId('user-menu').click();
    await this.page.getByTestId('user-menu-account').click();
    await see.visible(this.page.getByTestId('account-sessions'));
  }

  async changePassword(current: string, next: string) {
    await this.page.getByTestId('account-current-password').fill(current);
    await this.page.getByTestId('account-new-password').fill(next);
    await this.page.getByTestId('account-confirm-password').fill(next);
    await this.page.getByTestId('account-change-password').click();
  }

  sessions() {
    return this.page.getByTestId('account-sessions').locator('tbody tr');
  }
}
