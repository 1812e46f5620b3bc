import type { Page } from 'playwright-core';

export interface Overflow {
  /** document.scrollingElement.scrollWidth and the viewport's width. */
  scrollWidth: number;
  innerWidth: number;
  /** Visible elements whose right edge is past the viewport, described for a failure message. */
  past: string[];
}

/**
 * What sticks out of the viewport on the right. An element counts when it is visible: it has a size,
 * is not hidden, and no ancestor that clips its overflow (a scrollable table container, a truncated
 * label) keeps it inside the viewport. Only the outermost offender of a subtree is listed.
 */
export function horizontalOverflow(page: Page): Promise<Overflow> {
  return page.evaluate(() => {
    const vw = window.innerWidth;
    const describe = (el: Element) => {
      const id = el.getAttribute('data-testid');
      const cls = [...el.classList]
        .filter((c) => c.startsWith('mantine-'))
        .slice(0, 2)
        .join('.');
      const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
      const r = el.getBoundingClientRect();
      return `${el.tagName.toLowerCase()}${id ? `[data-testid=${id}]` : ''}${cls ? `.${cls}` : ''} right=${Math.round(r.right)} "${text}"`;
    };
    const clippedInside = (el: Element) => {
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (s.overflowX !== 'visible' || s.clipPath !== 'none') {
          if (a.getBoundingClientRect().right <= vw + 1) return true;
        }
      }
      return false;
    };
    const past: string[] = [];
    const flagged = new Set<Element>();
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || r.right <= vw + 1) continue;
      const s = getComputedStyle(el);
      if (s.visibility === 'hidden' || s.display === 'none' || Number(s.opacity) === 0) continue;
      // Off-screen on purpose (the collapsed mobile navbar slides out to the left).
      if (r.left >= vw || r.right <= 0) continue;
      if (clippedInside(el)) continue;
      let parent = el.parentElement;
      while (parent && !flagged.has(parent)) parent = parent.parentElement;
      flagged.add(el);
      if (!parent) past.push(describe(el));
    }
    const scroller = document.scrollingElement ?? document.documentElement;
    return { scrollWidth: scroller.scrollWidth, innerWidth: vw, past };
  });
}

/**
 * Words on the page that look like a key a program uses rather than words for a person:
 * `payment.paid`, `reach_share_pct`, `paidOn`. Text in code, pre and kbd (where the app shows an
 * identifier on purpose), e-mail addresses, handles, URLs and quoted literals are left out.
 */
export function rawKeys(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found = new Set<string>();
    // dotted (payment.paid), snake_case (reach_share_pct), camelCase (paidOn); ids with digits are data.
    const key = /^(?:[a-z][a-zA-Z_]+(?:\.[a-zA-Z_]{2,})+|[a-z]+(?:_[a-z]+)+|[a-z]+[A-Z][a-zA-Z]*)$/;
    // Names a person must type exactly as shown: URL parameters and CSV columns the help text names.
    const literal = new Set([
      'utm_source',
      'utm_medium',
      'utm_campaign',
      'utm_content',
      'utm_term',
      'external_id',
      'customer_id',
      'ordered_at',
    ]);
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest('code, pre, kbd, script, style, [aria-hidden="true"]')) continue;
      if (!el.checkVisibility()) continue;
      for (const raw of (n.textContent ?? '').split(/\s+/)) {
        // Addresses and links are not words; a quoted word is quoted on purpose ("timestamp.body").
        if (/[@/:=?#"«»“”]/.test(raw.replace(/:$/, ''))) continue;
        const word = raw.replace(/^[(']+|[)',.;:!?…]+$/g, '');
        if (key.test(word) && !literal.has(word)) found.add(word);
      }
    }
    return [...found];
  });
}
