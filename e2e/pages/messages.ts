import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { see } from '../support/expect.ts';

/** The "Send message" dialog: a template, its editable preview, then what really happened. */
export class MessageDialog {
  constructor(private page: Page) {}

  async open(buttonTestId: string) {
    await this.page.getByTestId(buttonTestId).click();
    await see.visible(this.page.getByTestId('message-template'));
  }

  async chooseTemplate(label: string) {
    await this.page.getByTestId('message-template').click();
    await this.page.getByRole('option', { name: label, exact: true }).click();
  }

  subject() {
    return this.page.getByTestId('message-preview-subject');
  }

  body() {
    return this.page.getByTestId('message-preview-body');
  }

  /** Waits for the preview to hold `text`, then adds a line of the manager's own at the end. */
  async addLine(waitFor: string, line: string) {
    await expect.poll(() => this.body().inputValue(), { timeout: 10_000 }).toContain(waitFor);
    await this.body().fill(`${await this.body().inputValue()}\n\n${line}`);
  }

  async send() {
    await this.page.getByTestId('message-send').click();
    await see.visible(this.page.getByTestId('message-result'));
  }

  outcome(creatorId: string) {
    return this.page.getByTestId(`message-outcome-${creatorId}`);
  }

  async close() {
    await this.page.getByTestId('message-close').click();
    await see.count(this.page.getByTestId('message-result'), 0);
  }
}
