import type { Page } from 'playwright-core';
import { see } from '../support/expect.ts';

/** Posts: record a post from the Posts page, then its metrics on the post's page. */
export class PostsScreen {
  constructor(private page: Page) {}

  private async choose(testId: string, label: string) {
    await this.page.getByTestId(testId).click();
    await this.page.getByRole('option', { name: label, exact: true }).click();
  }

  /** A post that is live: saving opens it. */
  async recordLive(p: { creator: string; type: string; title: string; postedAt: string }) {
    await this.page.getByTestId('post-new').click();
    await see.visible(this.page.getByTestId('post-form'));
    await this.choose('post-creator', p.creator);
    await this.page.getByTestId('post-type').fill(p.type);
    await this.page.getByTestId('post-title').fill(p.title);
    await this.page.getByTestId('post-posted').fill(p.postedAt);
    await this.choose('post-status', 'Live');
    await this.page.getByTestId('post-submit').click();
    await see.count(this.page.getByTestId('post-form'), 0);
    await see.visible(this.page.getByTestId('post-detail'));
  }

  /** On the open post: one metrics reading. */
  async addSnapshot(m: { reach: number; likes: number; comments: number; shares: number; saves: number }) {
    await this.page.getByTestId('snapshot-add').click();
    for (const [k, v] of Object.entries(m)) await this.page.getByTestId(`snapshot-${k}`).fill(String(v));
    await this.page.getByTestId('snapshot-submit').click();
  }

  detailRate() {
    return this.page.getByTestId('post-detail-rate');
  }

  rowRate(id: string) {
    return this.page.getByTestId(`post-rate-${id}`);
  }
}
