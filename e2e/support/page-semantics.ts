import type { Page } from 'playwright-core';

export type PageSemantics = {
  /** <html lang>. */
  lang: string;
  title: string;
  /** How many main landmarks the page has. */
  mains: number;
  /** How many navigation landmarks are named (a page with one nav needs no name, but ours say which). */
  unnamedNavs: number;
  /** Charts (ECharts canvases) without an accessible name on the image that holds them. */
  unnamedCharts: number;
};

/**
 * What axe's WCAG rules do not ask but our pages promise (docs/accessibility.md): the language and a title
 * of the page's own, one main landmark, and a name on every chart.
 */
export async function pageSemantics(page: Page): Promise<PageSemantics> {
  return page.evaluate(() => {
    // In the page (this project's type checks know no DOM, hence the shapes spelt out).
    type Element = { getAttribute(name: string): string | null; closest(selector: string): Element | null };
    const { document } = globalThis as unknown as {
      document: {
        documentElement: Element & { lang: string };
        title: string;
        querySelectorAll(selector: string): Iterable<Element>;
      };
    };
    const charts = [...document.querySelectorAll('canvas')].map((canvas) => canvas.closest('[role="img"]'));
    return {
      lang: document.documentElement.lang,
      title: document.title,
      mains: [...document.querySelectorAll('main, [role="main"]')].length,
      unnamedNavs: [...document.querySelectorAll('nav')].filter((nav) => !nav.getAttribute('aria-label'))
        .length,
      unnamedCharts: charts.filter((chart) => !chart?.getAttribute('aria-label')?.trim()).length,
    };
  });
}
