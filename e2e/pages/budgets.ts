import type { Page } from 'playwright-core';

/** The Budgets page: the year's total and the tiers' allocations, commitments and forecast. */
export class BudgetsPage {
  constructor(private page: Page) {}

  /** Edits the year's total budget (in whole currency units, as typed) and saves it. */
  async setTotal(amount: string) {
    await this.page.getByTestId('budget-edit').click();
    await this.page.getByTestId('budget-total').fill(amount);
    await this.page.getByTestId('budget-save').click();
  }

  tierCommitted(tier: 1 | 2 | 3) {
    return this.page.getByTestId(`budget-tier-${tier}-committed`);
  }

  forecastChart() {
    return this.page.getByTestId('budget-forecast-chart');
  }
}
