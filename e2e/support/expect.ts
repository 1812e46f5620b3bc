import type { Locator } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Web-first assertions on top of Vitest's expect.poll: they retry until the page settles,
 * like Playwright Test's, without its runner (playwright-core ships none).
 */
const text = (l: Locator) => l.textContent().then((s) => (s ?? '').trim());
const poll = <T>(fn: () => Promise<T>, timeout = 10_000) => expect.poll(fn, { timeout, interval: 100 });

export const see = {
  visible: (l: Locator, timeout = 15_000) => l.first().waitFor({ state: 'visible', timeout }),
  text: (l: Locator, t: string | RegExp) =>
    typeof t === 'string' ? poll(() => text(l)).toBe(t) : poll(() => text(l)).toMatch(t),
  containsText: (l: Locator, t: string) => poll(() => text(l)).toContain(t),
  value: (l: Locator, value: string) => poll(() => l.inputValue()).toBe(value),
  count: (l: Locator, n: number) => poll(() => l.count()).toBe(n),
  attribute: (l: Locator, name: string, value: string) => poll(() => l.getAttribute(name)).toBe(value),
};
