import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from './support/browser.js';
import { signInThroughPage } from './support/login.js';

const PLAN = 'zj-chain-2020-2025';
type Screen = { node_id: string; flagged: boolean | null; held_in: string[] };

/** The chain map coloured by each node's import-dependency screen, as the API gives the screens. */
describe('chain map coloured by import dependency in Chromium', () => {
  const server = { baseUrl: inject('baseUrl') };
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await signInThroughPage(page, server.baseUrl, 'demo-analyst');
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** Each node's fill (or, for a hollow node whose output is withheld, its border) as ECharts drew it. */
  const nodeColors = () =>
    page.getByTestId('chain-graph').evaluate((element) => {
      type Datum = { id: string; itemStyle?: { color?: string; borderColor?: string } };
      const chart = (element as unknown as { __chart: { getOption(): { series: Array<{ data: Datum[] }> } } })
        .__chart;
      return Object.fromEntries(
        (chart.getOption().series[0]?.data ?? []).map((d) => [
          d.id,
          d.itemStyle?.color === '#fff' ? d.itemStyle.borderColor : d.itemStyle?.color,
        ]),
      );
    });

  it('colours every node by its screen when asked, and by coverage again after', async () => {
    const screens = (
      (await page.request
        .get(`${server.baseUrl}/api/v1/plans/${PLAN}/chains/integrated-circuits/dependency?month=2026-10`)
        .then((r) => r.json())) as { nodes: Screen[] }
    ).nodes;
    const expected = (s: Screen) =>
      s.flagged === null ? '#bfbfbf' : s.flagged ? '#cf1322' : s.held_in.length ? '#fa8c16' : '#389e0d';
    expect(screens.some((s) => s.flagged === true)).toBe(true);
    await page.goto(`${server.baseUrl}/chains/integrated-circuits?month=2026-10`);
    await page.getByTestId('chain-graph').locator('canvas').waitFor();
    const coverage = await nodeColors();
    await page.getByTestId('chain-color-by').getByText('进口依赖').click();
    await expect
      .poll(async () => {
        const colors = await nodeColors();
        return screens.filter((s) => colors[s.node_id] !== expected(s)).map((s) => s.node_id);
      })
      .toEqual([]);
    expect(await page.getByTestId('chain-legend').textContent()).toContain('持续依赖进口');
    await page.getByTestId('chain-color-by').getByText('本地覆盖').click();
    await expect.poll(nodeColors).toEqual(coverage);
    expect(await page.getByTestId('chain-legend').textContent()).toContain('无本地企业');
  });
});
