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
