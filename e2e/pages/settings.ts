import { createHmac } from 'node:crypto';
import type { Page } from 'playwright-core';
import { see } from '../support/expect.ts';

/** Settings › Workspace: the time zone and the store receivers. */
export class WorkspaceSettings {
  constructor(
    private page: Page,
    private base: string,
  ) {}

  async open(ws: string) {
    await this.page.goto(`${this.base}/w/${ws}/settings/workspace`);
  }

  timeZone() {
    return this.page.getByTestId('workspace-time-zone');
  }

  /** Types a zone into the time zone picker and picks it from the options (not saved yet). */
  async chooseTimeZone(zone: string) {
    await this.timeZone().click();
    await this.timeZone().fill(zone);
    await this.page.getByRole('option', { name: zone, exact: true }).click();
  }

  /**
   * Saves and waits for the server's answer (a reload any sooner could cancel the request in
   * flight); an answer other than 2xx fails here, with the server's reason.
   */
  async save() {
    const answered = this.page.waitForResponse(
      (r) => r.request().method() === 'PATCH' && new URL(r.url()).pathname.startsWith('/api/v1/workspaces/'),
    );
    await this.page.getByTestId('workspace-save').click();
    const res = await answered;
    if (!res.ok()) throw new Error(`Saving the workspace answered ${res.status()}: ${await res.text()}`);
  }

  /** A store receiver's card (`receiver-<kind>-<part>`, or the card itself without a part). */
  receiver(kind: 'shopify' | 'woocommerce', part?: string) {
    return this.page.getByTestId(part ? `receiver-${kind}-${part}` : `receiver-${kind}`);
  }

  /** Pastes the secret and saves; the receiver then says it is receiving. */
  async saveReceiverSecret(kind: 'shopify' | 'woocommerce', secret: string) {
    await this.receiver(kind, 'secret').fill(secret);
    await this.receiver(kind, 'save').click();
  }

  /** Turns the receiver off, confirming. */
  async turnReceiverOff(kind: 'shopify' | 'woocommerce') {
    await this.receiver(kind, 'off').click();
    await this.receiver(kind, 'off-confirm').click();
    await see.text(this.receiver(kind, 'status'), 'Not set up');
  }
}

/** An order delivery signed the Shopify way (HMAC-SHA256 of the body, base64), posted from outside. */
export function deliverShopify(base: string, ws: string, secret: string, body: string, webhookId: string) {
  return fetch(`${base}/api/v1/hooks/shopify/${ws}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-shopify-topic': 'orders/create',
      'x-shopify-webhook-id': webhookId,
      'x-shopify-hmac-sha256': createHmac('sha256', secret).update(body).digest('base64'),
    },
    body,
  });
}
