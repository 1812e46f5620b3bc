import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { launchBrowser } from './browser.ts';
import { type RunningServer, startEvergreen } from './server.ts';

/**
 * A file's setup: Evergreen started with `env` (see startEvergreen) and a browser with one page in
 * a context of `context` options. Stop both with `stopAll` after the file.
 */
export async function startWithPage(
  env: Record<string, string> = {},
  context: BrowserContextOptions = { locale: 'en-US' },
): Promise<{ server: RunningServer; browser: Browser; page: Page }> {
  const server = await startEvergreen(env);
  const browser = await launchBrowser();
  const page = await (await browser.newContext(context)).newPage();
  return { server, browser, page };
}

/** Closes the browser, then stops the server (either may be missing when the setup failed). */
export async function stopAll(browser: Browser | undefined, server: RunningServer | undefined) {
  await browser?.close();
  await server?.stop();
}
