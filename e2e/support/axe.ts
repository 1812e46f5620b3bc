import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  nodes: string[];
}

/**
 * Runs axe-core with its default rules (WCAG 2.x A and AA plus best practices) on the page as it is
 * now and returns the serious and critical violations, each with the failing nodes' selectors, markup
 * and axe's summary. axe's source is evaluated through the DevTools protocol: the app's CSP rightly
 * refuses an inline script tag.
 */
export async function seriousViolations(page: Page): Promise<AxeFinding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  // A dialog still fading in or out has text at part of its opacity, which axe reads as low
  // contrast: wait for the transitions that end (not a spinner's, which runs for ever).
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getComputedTiming().endTime !== Number.POSITIVE_INFINITY)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
  return page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected as a script, without types on window
    const axe = (window as any).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return (
      result.violations as {
        id: string;
        impact: string;
        help: string;
        nodes: { target: string[]; html: string; failureSummary: string }[];
      }[]
    )
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes
          .slice(0, 6)
          .map(
            (n) => `${n.target.join(' ')} ${n.html.slice(0, 120)} — ${n.failureSummary.replace(/\s+/g, ' ')}`,
          ),
      }));
  });
}
