import { describe, expect, inject, it } from 'vitest';
import { useBrowser } from './support/browser.js';
import { signInThroughPage } from './support/login.js';

const PLAN = 'zj-chain-2020-2025';

type Box = { text: string; x: number; y: number; width: number; height: number };

/** Every piece of text the chart drew, with its box in pixels from the chart's top left corner. */
function drawnTexts(element: unknown): Box[] {
  type Rect = {
    x: number;
    y: number;
    width: number;
    height: number;
    clone(): Rect;
    applyTransform(m: unknown): void;
  };
  type Displayable = { style?: { text?: unknown }; getBoundingRect(): Rect; getComputedTransform(): unknown };
  type Chart = { getZr(): { storage: { getDisplayList(update: boolean): Displayable[] } } };
  const chart = (element as { __chart: Chart }).__chart;
  const boxes: Box[] = [];
  for (const shape of chart.getZr().storage.getDisplayList(true)) {
    const text = shape.style?.text;
    if (typeof text !== 'string' || text === '') continue;
    const rect = shape.getBoundingRect().clone();
    rect.applyTransform(shape.getComputedTransform());
    boxes.push({ text, x: rect.x, y: rect.y, width: rect.width, height: rect.height });
  }
  return boxes;
}

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('overview chart on a phone in Chromium', () => {
  const server = { baseUrl: inject('baseUrl') };
  const chromium = useBrowser();

  // At 390 px the ten rotated chain names under the columns ran into each other.
  for (const language of ['zh', 'en'] as const) {
    it(`draws the ten chain names apart and inside the chart (${language})`, async () => {
      const page = await chromium.browser.newPage({ viewport: { width: 390, height: 844 } });
      await signInThroughPage(page, server.baseUrl, 'demo-viewer');
      await page.goto(server.baseUrl);
      if (language === 'en') {
        await page.getByTestId('lang-switch').click();
        await page.getByText('Ten flagship chains: monitoring').waitFor();
      }
      const plan = (await page.request
        .get(`${server.baseUrl}/api/v1/plans/${PLAN}`)
        .then((r) => r.json())) as { latest_month: string };
      const overview = (await page.request
        .get(`${server.baseUrl}/api/v1/plans/${PLAN}/overview?month=${plan.latest_month}`)
        .then((r) => r.json())) as { chains: Array<{ name_zh: string; name_en: string }> };
      const chart = page.getByTestId('overview-chart');
      await chart.locator('canvas').waitFor();
      await page.waitForTimeout(600);
      const width = (await chart.boundingBox())?.width ?? 0;
      const boxes = await chart.evaluate(drawnTexts);
      // A name may be cut with an ellipsis, so match on its beginning.
      const names = overview.chains.map((c) => (language === 'zh' ? c.name_zh : c.name_en));
      const labels = names.map((name) => {
        const found = boxes.find(
          (b) => name.startsWith(b.text.replace(/(…|\.\.\.)$/, '')) && b.text.length >= 2,
        );
        expect(found, `no label for ${name}`).toBeDefined();
        return found as Box;
      });
      for (const [i, a] of labels.entries()) {
        for (const b of labels.slice(i + 1)) expect(overlaps(a, b), `${a.text} over ${b.text}`).toBe(false);
      }
      // Nothing drawn (title, names, axis names, legend) runs past the chart's edges.
      for (const box of boxes) {
        expect(box.x, `${box.text} starts left of the chart`).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width, `${box.text} ends right of the chart`).toBeLessThanOrEqual(width);
      }
      await page.screenshot({ path: `test-results/overview-phone-${language}.png`, fullPage: true });
      await page.close();
    });
  }
});
