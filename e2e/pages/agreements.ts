import type { Page } from 'playwright-core';
import { see } from '../support/expect.ts';

/** "Review rates" on an agreement: the allowed range, a ±% helper, and the next term it makes. */
export class RateReview {
  constructor(private page: Page) {}

  form() {
    return this.page.getByTestId('renew-form');
  }

  async open() {
    await this.page.getByTestId('agreement-review-rates').click();
    await see.visible(this.form());
  }

  async applyPercent(pct: string) {
    await this.page.getByTestId('review-pct').fill(pct);
    await this.page.getByTestId('review-pct-apply').click();
  }

  rate(i: number) {
    return this.page.getByTestId(`renew-rate-${i}`);
  }

  async submit() {
    await this.page.getByTestId('renew-submit').click();
    await this.form().waitFor({ state: 'hidden' });
  }
}

/** An agreement from the creator's Agreements tab to accepted: the form, sending it, the typed acceptance. */
export class AgreementFlow {
  constructor(private page: Page) {}

  /** On the creator's Agreements tab: a new annual agreement, saved. */
  async createAnnual(a: {
    startsOn: string;
    termMonths: number;
    collaborations: number;
    autoRenew: boolean;
  }) {
    await this.page.getByTestId('agreement-new').click();
    await this.page.getByTestId('agreement-type-annual').click();
    await this.page.getByTestId('agreement-start').fill(a.startsOn);
    await this.page.getByTestId('agreement-term').fill(String(a.termMonths));
    await this.page.getByTestId('agreement-collabs').fill(String(a.collaborations));
    if (a.autoRenew) await this.page.getByTestId('agreement-auto-renew').check();
    await this.page.getByTestId('agreement-submit').click();
  }

  /** "Send": the email with the agreement is shown first. */
  async send() {
    await this.page.getByTestId('agreement-send').click();
  }

  preview() {
    return this.page.getByTestId('agreement-send-preview');
  }

  previewBody() {
    return this.page.getByTestId('agreement-send-preview-body');
  }

  /** Sends the email shown, waits for what happened to it, and closes the dialog. */
  async confirmSend(creatorId: string) {
    await this.page.getByTestId('agreement-send-confirm').click();
    await see.visible(this.page.getByTestId(`message-outcome-${creatorId}`));
    await this.page.getByTestId('agreement-send-close').click();
  }

  /** Accepted by typing the name. */
  async accept(name: string) {
    await this.page.getByTestId('agreement-accept').click();
    await this.page.getByTestId('accept-name').fill(name);
    await this.page.getByTestId('accept-submit').click();
  }

  status() {
    return this.page.getByTestId('agreement-status');
  }
}
