import { readFileSync } from 'node:fs';
import { Page } from 'playwright-core';

/** axe-core's own bundle, injected into each page as it is (no network needed). */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The WCAG 2.1 A and AA rules, which Danish law asks of public bodies' web sites. */
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export interface Violation {
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

/** The serious and critical WCAG 2.1 AA violations that axe-core finds on the page as it is. */
export async function seriousViolations(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) {
    // Evaluated over the devtools protocol: the app's Content-Security-Policy (script-src
    // 'self') rightly refuses an inline script tag.
    await page.evaluate(AXE_SOURCE);
  }
  const found = (await page.evaluate(
    `window.axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_21_AA)} } })
       .then((result) => result.violations.map((v) => ({
         rule: v.id, impact: v.impact, help: v.help,
         targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
       })))`,
  )) as Violation[];
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * How wide the page is (its scroll width) against the window's width, and the first elements
 * that reach past the window's right edge (outside any region that scrolls on its own), to
 * say what to fix.
 */
export async function pageWidth(
  page: Page,
): Promise<{ scroll: number; window: number; tooWide: string[] }> {
  return (await page.evaluate(`(() => {
    const scrolls = (e) => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX);
    const inScroller = (e) => { for (let p = e.parentElement; p; p = p.parentElement) if (scrolls(p)) return true; return false; };
    const name = (e) => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : '');
    const tooWide = [...document.body.querySelectorAll('*')]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5 && !inScroller(e))
      .slice(-3).map((e) => name(e) + ' ' + Math.round(e.getBoundingClientRect().right));
    return { scroll: document.documentElement.scrollWidth, window: window.innerWidth, tooWide };
  })()`)) as { scroll: number; window: number; tooWide: string[] };
}
