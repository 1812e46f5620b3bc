import type { Page } from 'playwright-core';
import { see } from '../support/expect.ts';

/** Campaigns and briefs: create a campaign, brief a suggested creator, send the brief. */
export class CampaignScreens {
  constructor(private page: Page) {}

  /** From the Campaigns list: the new campaign's page opens once it is saved. */
  async create(c: { name: string; product: string; market: string; startsOn: string; endsOn: string }) {
    await this.page.getByTestId('campaign-new').click();
    await this.page.getByTestId('campaign-name').fill(c.name);
    await this.page.getByTestId('campaign-products').fill(c.product);
    await this.page.getByTestId('campaign-products').press('Enter');
    await this.page.getByTestId('campaign-markets').fill(c.market);
    await this.page.getByTestId('campaign-markets').press('Enter');
    await this.page.getByTestId('campaign-start').fill(c.startsOn);
    await this.page.getByTestId('campaign-end').fill(c.endsOn);
    await this.page.getByTestId('campaign-submit').click();
  }

  /** On a campaign's page: brief a suggested creator; the brief's page opens once it is saved. */
  async brief(creatorId: string, b: { title: string; body: string; dueOn: string }) {
    await see.visible(this.page.getByTestId(`suggestion-row-${creatorId}`));
    await this.page.getByTestId(`suggestion-assign-${creatorId}`).click();
    await this.page.getByTestId('brief-title').fill(b.title);
    await this.page.getByTestId('brief-body').fill(b.body);
    await this.page.getByTestId('brief-due').fill(b.dueOn);
    await this.page.getByTestId('brief-submit').click();
    await see.visible(this.page.getByTestId('brief-status'));
  }

  /** "Send to creator": the email shown first, then sent. */
  async sendBrief() {
    await this.page.getByTestId('brief-send').click();
    await see.visible(this.page.getByTestId('brief-send-preview'));
  }

  previewBody() {
    return this.page.getByTestId('brief-send-preview-body');
  }

  async confirmSend(creatorId: string) {
    await this.page.getByTestId('brief-send-confirm').click();
    await see.visible(this.page.getByTestId(`message-outcome-${creatorId}`));
    return this.page.getByTestId(`message-outcome-${creatorId}`);
  }

  async closeSend() {
    await this.page.getByTestId('brief-send-close').click();
  }

  /** The brief accepted on the creator's behalf by typing their name. */
  async acceptBrief(name: string) {
    await this.page.getByTestId('brief-accept').click();
    await this.page.getByTestId('brief-accept-name').fill(name);
    await this.page.getByTestId('brief-accept-submit').click();
  }

  status() {
    return this.page.getByTestId('brief-status');
  }
}
