import type { Page } from 'playwright-core';
import { see } from '../support/expect.ts';

/** Today: the manager's queue of check-ins, payments, deliverables and decisions. */
export class TodayScreen {
  constructor(private page: Page) {}

  checkIn(creatorId: string) {
    return this.page.getByTestId(`today-item-${creatorId}`);
  }

  nudge(creatorId: string) {
    return this.page.getByTestId(`today-nudge-${creatorId}`);
  }

  payment(paymentId: string) {
    return this.page.getByTestId(`today-payment-${paymentId}`);
  }

  /** "Log touchpoint" on a check-in card: the dialog, a summary, saved. */
  async logCheckIn(creatorId: string, summary: string) {
    await this.page.getByTestId(`today-log-${creatorId}`).click();
    await this.page.getByTestId('touchpoint-summary').fill(summary);
    await this.page.getByTestId('touchpoint-submit').click();
    await see.count(this.page.getByTestId('touchpoint-summary'), 0);
  }

  /** "Mark paid" on a payment card: opens Payments with that payment's form. */
  async markPaid(paymentId: string) {
    await this.page.getByTestId(`today-payment-pay-${paymentId}`).click();
  }
}
