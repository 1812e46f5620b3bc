import type { Page } from 'playwright-core';

/** The Roster: the CSV import, the tier cards, the rows. */
export class RosterPage {
  constructor(private page: Page) {}

  /** Opens the import, chooses a CSV (given as its text), and waits for the preview's counts. */
  async previewImport(csv: string, fileName = 'creators.csv') {
    await this.page.getByTestId('roster-import').click();
    await this.page
      .locator('input[type=file]')
      .setInputFiles({ name: fileName, mimeType: 'text/csv', buffer: Buffer.from(csv) });
  }

  /** The preview's count of rows to create, update, … or in error. */
  previewCount(name: 'create' | 'error') {
    return this.page.getByTestId(`csv-count-${name}`);
  }

  async confirmImport() {
    await this.page.getByTestId('csv-import-submit').click();
  }

  count() {
    return this.page.getByTestId('roster-count');
  }

  tierCard(tier: 1 | 2 | 3) {
    return this.page.getByTestId(`tier-card-${tier}`);
  }

  tierCount(tier: 1 | 2 | 3) {
    return this.page.getByTestId(`tier-card-${tier}-count`);
  }

  rows() {
    return this.page.locator('[data-testid^="roster-row-"]');
  }

  /** The display names in the rows shown, trimmed, sorted. */
  async names() {
    const names = await this.page.locator('[data-testid^="roster-name-"]').allTextContents();
    return names.map((n) => n.trim()).sort();
  }
}
