import type { Page } from 'playwright-core';
import { see } from '../support/expect.ts';

/** The creator page's Partnership tab and Today's partnership suggestions. */
export class SelectionScreen {
  constructor(
    private readonly page: Page,
    private readonly url: string,
  ) {}

  async open(ws: string, creatorId: string) {
    await this.page.goto(`${this.url}/w/${ws}/creators/${creatorId}?tab=partnership`);
    await see.visible(this.page.getByTestId('selection-score-card'));
  }

  /** Rates the criteria given (1–5) and saves them in one go. */
  async rate(scores: Record<string, number>) {
    for (const [criterion, score] of Object.entries(scores))
      await this.page.getByTestId(`selection-rate-${criterion}`).selectOption(String(score));
    await this.page.getByTestId('selection-rate-save').click();
  }

  score() {
    return this.page.getByTestId('selection-score');
  }

  pillarScore(pillar: 'performance' | 'stability' | 'fit' | 'growth') {
    return this.page.getByTestId(`selection-pillar-${pillar}-score`);
  }

  async acceptOnToday(ws: string, kind: 'promote' | 'review' | 'alumni', creatorId: string) {
    await this.page.goto(`${this.url}/w/${ws}/today`);
    await see.visible(this.page.getByTestId(`today-suggestion-${kind}-${creatorId}`));
    await this.page.getByTestId(`today-suggestion-accept-${kind}-${creatorId}`).click();
  }
}
