import type { Locator } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Web-first assertions on top of Vitest's expect.poll: they retry until the page settles,
 * like Playwright Test's, without its runner (playwright-core ships none).
 */
const poll = <T>(fn: () => Promise<T>, timeout = 10_000) => expect.poll(fn, { timeout, interval: 100 });

export const see = {
  visible: (l: Locator, timeout = 15_000) => l.first().waitFor({ state: 'visible', timeout }),
  text: (l: Locator, text: string | RegExp) =>
    typeof text === 'string'
      ? poll(() => l.innerText().then((s) => s.trim())).toBe(text)
      : poll(() => l.innerText()).toMatch(text),
  containsText: (l: Locator, text: string) => poll(() => l.innerText()).toContain(text),
  value: (l: Locator, value: string) => poll(() => l.inputValue()).toBe(value),
  count: (l: Locator, n: number) => poll(() => l.count()).toBe(n),
  attribute: (l: Locator, name: string, value: string) => poll(() => l.getAttribute(name)).toBe(value),
};
