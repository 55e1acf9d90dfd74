import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/** WCAG 2.0 and 2.1, levels A and AA: what GB/T 37668-2019 asks of a web system, as axe tags them. */
export const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// axe-core's own browser bundle, read once. It is evaluated through the DevTools protocol rather than added
// as a <script>: the server's Content-Security-Policy refuses inline scripts, as it should.
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export type Violation = {
  id: string;
  impact: string | null;
  help: string;
  /** Each offending element's selector (within a shadow root or frame, the path to it joined by " >>> "). */
  targets: string[];
};

/**
 * Runs axe on the page as it is now, against WCAG 2.1 AA. `exclude` names elements (CSS selectors) that
 * are left out for a stated reason; each caller says why next to the selector.
 */
export async function checkAccessibility(page: Page, exclude: string[] = []): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(axeSource);
  return page.evaluate(
    async ({ tags, exclude }) => {
      // In the page (this project's type checks know no DOM, hence the shapes spelt out).
      type AxeNode = { target: Array<string | string[]> };
      type AxeResult = { id: string; impact: string | null; help: string; nodes: AxeNode[] };
      const { axe, document } = globalThis as unknown as {
        axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeResult[] }> };
        document: unknown;
      };
      const context = exclude.length > 0 ? { include: [document], exclude } : document;
      const results = await axe.run(context, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      });
      return results.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.map((n) =>
          n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(' >>> '),
        ),
      }));
    },
    { tags: WCAG_21_AA, exclude },
  );
}

/** One line per broken rule: the page, the rule, its impact, how many elements and the first few of them. */
export function describeViolations(where: string, violations: Violation[], shown = 3): string {
  return violations
    .map((v) => {
      const more = v.targets.length > shown ? ` … and ${v.targets.length - shown} more` : '';
      return `${where}: ${v.id} (${v.impact ?? 'no impact given'}, ${v.targets.length}×) ${v.help} — ${v.targets.slice(0, shown).join(' | ')}${more}`;
    })
    .join('\n');
}

// A button's loading icon is left out: after a click its leave animation can wait for a transitionend that
// never comes (an icon already at width 0), while it is invisible all the same.
const UNSETTLED = [
  '.ant-skeleton',
  '.ant-spin-spinning',
  ...['-enter', '-leave', '-appear'].map((phase) => `[class*="${phase}"]:not(.ant-btn-loading-icon)`),
].join(', ');

/**
 * Waits until the page has stopped changing: no skeleton or spinner, no antd enter/leave animation (a
 * modal fading in has its text at part opacity, which axe would measure as low contrast). On a timeout the
 * error names what was still moving.
 */
export async function settle(page: Page, timeout = 30_000) {
  // Functions run in the page, each whole (Playwright sends their source, not their closures), and not
  // strings: the page's Content-Security-Policy forbids eval, which a polled string would need.
  const stillMoving = (selector: string) => {
    type Element = { tagName: string; getAttribute(name: string): string | null };
    const { document } = globalThis as unknown as {
      document: { querySelectorAll(s: string): Iterable<Element> };
    };
    return [...document.querySelectorAll(selector)].map(
      (e) => `<${e.tagName.toLowerCase()} class="${e.getAttribute('class')}">`,
    );
  };
  try {
    await page.waitForFunction(
      (selector) =>
        !(
          globalThis as unknown as { document: { querySelector(s: string): unknown } }
        ).document.querySelector(selector),
      UNSETTLED,
      { polling: 100, timeout },
    );
  } catch (error) {
    const moving = await page.evaluate(stillMoving, UNSETTLED);
    throw new Error(`the page did not settle: ${moving.join(', ')}`, { cause: error });
  }
  // Two frames for the last styles to apply.
  await page.evaluate(
    () =>
      new Promise((resolve) => {
        const { requestAnimationFrame } = globalThis as unknown as {
          requestAnimationFrame(callback: () => void): void;
        };
        requestAnimationFrame(() => requestAnimationFrame(() => resolve(null)));
      }),
  );
}
