import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from './support/browser.js';
import { clickGraphNode } from './support/graph.js';
import { signInThroughPage } from './support/login.js';

/** The graph's node labels (ECharts' own text boxes) that reach past the chart's edges. */
function labelsOutsideChart(element: unknown): { labels: number; outside: string[] } {
  type Rect = { x: number; y: number; width: number; height: number; applyTransform(m: unknown): void };
  type Text = { getBoundingRect(): { clone(): Rect }; getComputedTransform(): unknown };
  type Shape = { getTextContent?(): Text | undefined };
  type SeriesData = {
    count(): number;
    getName(i: number): string;
    getItemGraphicEl(i: number): { traverse(visit: (c: Shape) => void): void } | undefined;
  };
  type Chart = {
    getWidth(): number;
    getHeight(): number;
    getModel(): { getSeriesByIndex(i: number): { getData(): SeriesData } };
  };
  const chart = (element as unknown as { __chart: Chart }).__chart;
  const data = chart.getModel().getSeriesByIndex(0).getData();
  const outside: string[] = [];
  let labels = 0;
  for (let i = 0; i < data.count(); i++) {
    let text: Text | undefined;
    data.getItemGraphicEl(i)?.traverse((c) => {
      text ??= c.getTextContent?.();
    });
    if (!text) continue;
    labels++;
    const rect = text.getBoundingRect().clone();
    rect.applyTransform(text.getComputedTransform());
    const inside =
      rect.x >= 0 &&
      rect.y >= 0 &&
      rect.x + rect.width <= chart.getWidth() &&
      rect.y + rect.height <= chart.getHeight();
    if (!inside) outside.push(data.getName(i));
  }
  return { labels, outside };
}

describe('chain and region pages in Chromium', () => {
  const server = { baseUrl: inject('baseUrl') };
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await signInThroughPage(page, server.baseUrl, 'demo-chain-ic');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('draws the integrated-circuit chain map and opens a node with its firms and imports', async () => {
    const map = (await page.request
      .get(`${server.baseUrl}/api/v1/plans/zj-chain-2020-2025/chains/integrated-circuits/map`)
      .then((r) => r.json())) as {
      nodes: Array<{
        id: string;
        external: boolean;
        name_zh: string;
        description_zh: string;
        flags: string[];
        hs_codes: string[];
      }>;
    };
    expect(map.nodes.filter((n) => !n.external).length).toBeGreaterThanOrEqual(20);
    await page.goto(`${server.baseUrl}/chains/integrated-circuits`);
    await page.getByTestId('chain-graph').locator('canvas').waitFor();
    await expect.poll(() => page.getByTestId('chain-title').textContent()).toContain('集成电路');
    // A traded gap node: its imports by origin must show.
    const node =
      map.nodes.find((n) => !n.external && n.flags.includes('gap') && n.hs_codes.length > 0) ?? map.nodes[0]!;
    await page.waitForTimeout(500);
    await clickGraphNode(page, node.id);
    const drawer = page.getByTestId('node-drawer');
    await drawer.waitFor();
    expect(await page.locator('.ant-drawer-title').textContent()).toBe(node.name_zh);
    expect(await drawer.getByTestId('node-description').textContent()).toBe(node.description_zh);
    await page.screenshot({ path: 'test-results/chain-node.png' });
  });

  it('shows output against the target for the chain', async () => {
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('chain-trend').locator('canvas').count()).toBeGreaterThan(0);
  });

  it('opens a node from the keyboard through the node finder, and a city from the city table', async () => {
    await page.keyboard.press('Escape');
    await page.goto(`${server.baseUrl}/chains/integrated-circuits`);
    const finder = page.getByTestId('node-select');
    await finder.waitFor();
    await finder.locator('input').focus();
    await page.keyboard.type('光刻设备');
    await page.keyboard.press('Enter');
    await page.getByTestId('node-drawer').waitFor();
    expect(await page.locator('.ant-drawer-title').textContent()).toBe('光刻设备');
    await page.keyboard.press('Escape');
    await page.goto(`${server.baseUrl}/regions`);
    const rows = page.getByTestId('city-table').locator('tr.ant-table-row');
    await rows.nth(2).waitFor();
    await rows.nth(2).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => rows.nth(2).getAttribute('aria-selected')).toBe('true');
  });

  it('fits the chain map into a 1280-pixel window: its title whole, every label inside the chart', async () => {
    const narrow = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await signInThroughPage(narrow, server.baseUrl, 'demo-chain-ic');
    // The chain with the most nodes and the one with the longest downstream names.
    for (const chain of ['new-energy-vehicles', 'integrated-circuits']) {
      await narrow.goto(`${server.baseUrl}/chains/${chain}`);
      await narrow.getByTestId('chain-graph').locator('canvas').waitFor();
      await narrow.waitForTimeout(800);
      const title = narrow.locator('.ant-card-head-title', { hasText: /产业链图谱/ });
      const [scrollWidth, clientWidth] = await title.evaluate((e) => [e.scrollWidth, e.clientWidth]);
      expect(scrollWidth, `${chain}: the map's title is cut`).toBeLessThanOrEqual(clientWidth!);
      const fit = await narrow.getByTestId('chain-graph').evaluate(labelsOutsideChart);
      expect(fit.labels, chain).toBeGreaterThan(20);
      expect(fit.outside, `${chain}: labels cut at the chart's edge`).toEqual([]);
    }
    await narrow.close();
  });

  it('shows the Zhejiang map by city and drills down to counties', async () => {
    await page.goto(`${server.baseUrl}/regions`);
    await page.getByTestId('zhejiang-map').locator('canvas').waitFor();
    const cityRows = page.getByTestId('city-table').locator('tbody tr.ant-table-row');
    await expect.poll(() => cityRows.count()).toBe(11);
    // Hangzhou is selected first: its 13 districts and counties are tiles.
    await expect.poll(() => page.getByTestId('county-tiles').locator(':scope > div').count()).toBe(13);
    await cityRows.filter({ hasText: '宁波市' }).click();
    await expect.poll(() => page.getByTestId('county-tiles').locator(':scope > div').count()).toBe(10);
    expect(await page.getByTestId('county-tiles').textContent()).toContain('鄞州区');
    await page.screenshot({ path: 'test-results/regions.png', fullPage: true });
  });
});
