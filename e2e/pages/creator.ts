import type { Page } from 'playwright-core';

/** A creator's page (`/w/:ws/creators/:id`), its tabs and what the tests do on them. */
export class CreatorPage {
  constructor(
    private page: Page,
    private base: string,
  ) {}

  /** Opens the creator's page, on `tab` when given (`?tab=`). */
  async open(ws: string, creatorId: string, tab?: 'tracking' | 'agreements' | 'results') {
    await this.page.goto(`${this.base}/w/${ws}/creators/${creatorId}${tab ? `?tab=${tab}` : ''}`);
  }

  lastTouchpoint() {
    return this.page.getByTestId('creator-last-touchpoint');
  }

  nextCheckIn() {
    return this.page.getByTestId('creator-next-check-in');
  }

  /** The Tracking tab: a promo code typed and added. */
  async addCode(code: string) {
    await this.page.getByTestId('code-input').fill(code);
    await this.page.getByTestId('code-submit').click();
  }

  /** The Tracking tab's link builder: the link as it will be saved. */
  linkPreview() {
    return this.page.getByTestId('link-preview');
  }
}
