import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from './support/browser.js';
import { signInThroughPage } from './support/login.js';

/** Clicks the node of the chain graph with this id, where ECharts drew it. */
async function clickGraphNode(page: Page, nodeId: string) {
  const graph = page.getByTestId('chain-graph');
  type GraphChart = {
    getOption(): { series: Array<{ data: Array<{ id: string; x: number; y: number }> }> };
    convertToPixel(finder: unknown, value: number[]): number[];
  };
  const point = await graph.evaluate((element, id) => {
    // The chart instance the EChart component leaves on its element.
    const chart = (element as unknown as { __chart: GraphChart }).__chart;
    const node = chart.getOption().series[0]?.data.find((d) => d.id === id);
    if (!node) throw new Error(`no node ${id}`);
    return chart.convertToPixel({ seriesIndex: 0 }, [node.x, node.y]);
  }, nodeId);
  const box = await graph.boundingBox();
  if (!box || !point) throw new Error('graph not visible');
  await page.mouse.click(box.x + (point[0] as number), box.y + (point[1] as number));
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
      nodes: Array<{ id: string; external: boolean; name_zh: string; flags: string[]; hs_codes: string[] }>;
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
    await page.screenshot({ path: 'test-results/chain-node.png' });
  });

  it('shows output against the target for the chain', async () => {
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('chain-trend').locator('canvas').count()).toBeGreaterThan(0);
  });

  it('shows the Zhejiang map by city and drills down to counties', async () => {
    await page.goto(`${server.baseUrl}/regions`);
    await page.getByTestId('zhejiang-map').locator('canvas').waitFor();
    const cityRows = page.getByTestId('city-table').locator('tbody tr');
    await expect.poll(() => cityRows.count()).toBe(11);
    // Hangzhou is selected first: its 13 districts and counties are tiles.
    await expect.poll(() => page.getByTestId('county-tiles').locator(':scope > div').count()).toBe(13);
    await cityRows.filter({ hasText: '宁波市' }).click();
    await expect.poll(() => page.getByTestId('county-tiles').locator(':scope > div').count()).toBe(10);
    expect(await page.getByTestId('county-tiles').textContent()).toContain('鄞州区');
    await page.screenshot({ path: 'test-results/regions.png', fullPage: true });
  });
});
