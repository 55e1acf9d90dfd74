import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from './support/browser.js';
import { signInThroughPage } from './support/login.js';

const PLAN = 'zj-chain-2020-2025';
const HEADINGS = { external: '外链供给', upstream: '上游', midstream: '中游', downstream: '下游' } as const;
type Lane = keyof typeof HEADINGS;
type MapNode = { id: string; external: boolean; segment: Exclude<Lane, 'external'> };

/**
 * Where the chart drew each heading (the centre of the text ECharts drew, whatever kind of element carries
 * it) and each node, in pixels from the chart's left edge.
 */
function drawnPositions(element: unknown, headings: string[]) {
  type Rect = { x: number; width: number; clone(): Rect; applyTransform(m: unknown): void };
  type Displayable = { style?: { text?: unknown }; getBoundingRect(): Rect; getComputedTransform(): unknown };
  type Chart = {
    getZr(): { storage: { getDisplayList(update: boolean): Displayable[] } };
    getOption(): { series: Array<{ data: Array<{ id: string; x: number; y: number }> }> };
    convertToPixel(finder: unknown, value: number[]): number[];
  };
  const chart = (element as { __chart: Chart }).__chart;
  const centres: Record<string, number> = {};
  for (const shape of chart.getZr().storage.getDisplayList(true)) {
    const text = shape.style?.text;
    if (typeof text !== 'string' || !headings.includes(text)) continue;
    const rect = shape.getBoundingRect().clone();
    rect.applyTransform(shape.getComputedTransform());
    centres[text] = rect.x + rect.width / 2;
  }
  const nodes: Record<string, number> = {};
  for (const d of chart.getOption().series[0]?.data ?? []) {
    nodes[d.id] = chart.convertToPixel({ seriesIndex: 0 }, [d.x, d.y])[0] as number;
  }
  return { centres, nodes };
}

describe('chain map lane headings in Chromium', () => {
  const server = { baseUrl: inject('baseUrl') };
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signInThroughPage(page, server.baseUrl, 'demo-analyst');
  });
  afterAll(async () => {
    await browser?.close();
  });

  // Integrated circuits has nodes fed from other chains; petrochemicals has none, and its upstream column
  // sat under "外链供给" with the headings at fixed percentages (下游 drifted about 115 px as well).
  for (const chain of ['integrated-circuits', 'petrochemical-new-materials']) {
    it(`puts each heading over its own column: ${chain}`, async () => {
      const map = (await page.request
        .get(`${server.baseUrl}/api/v1/plans/${PLAN}/chains/${chain}/map`)
        .then((r) => r.json())) as { nodes: MapNode[] };
      const lanes = new Map<Lane, string[]>();
      for (const node of map.nodes) {
        const lane: Lane = node.external ? 'external' : node.segment;
        lanes.set(lane, [...(lanes.get(lane) ?? []), node.id]);
      }
      await page.goto(`${server.baseUrl}/chains/${chain}`);
      const graph = page.getByTestId('chain-graph');
      await graph.locator('canvas').waitFor();
      await page.waitForTimeout(800);
      const drawn = await graph.evaluate(drawnPositions, Object.values(HEADINGS));
      for (const [lane, heading] of Object.entries(HEADINGS) as Array<[Lane, string]>) {
        const ids = lanes.get(lane) ?? [];
        if (ids.length === 0) {
          expect(
            drawn.centres[heading],
            `${chain}: a heading over an empty lane (${heading})`,
          ).toBeUndefined();
          continue;
        }
        const xs = ids.map((id) => drawn.nodes[id] as number);
        const column = xs.reduce((a, b) => a + b, 0) / xs.length;
        const centre = drawn.centres[heading];
        expect(centre, `${chain}: no heading ${heading}`).toBeDefined();
        expect(
          Math.abs((centre as number) - column),
          `${chain}: ${heading} off its column`,
        ).toBeLessThanOrEqual(40);
      }
    });
  }
});
