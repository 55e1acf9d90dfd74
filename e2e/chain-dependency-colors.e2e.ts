import { describe, expect, inject, it } from 'vitest';
import { useSignedInPage } from './support/browser.js';

const PLAN = 'zj-chain-2020-2025';
type Screen = { node_id: string; flagged: boolean | null; held_in: string[] };

/** The chain map coloured by each node's import-dependency screen, as the API gives the screens. */
describe('chain map coloured by import dependency in Chromium', () => {
  const server = { baseUrl: inject('baseUrl') };
  const signedIn = useSignedInPage(server.baseUrl, 'demo-analyst');

  /** Each node's fill (or, for a hollow node whose output is withheld, its border) as ECharts drew it. */
  const nodeColors = () =>
    signedIn.page.getByTestId('chain-graph').evaluate((element) => {
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

  it('lists the import-dependent nodes of all chains on the overview, each linking to its screen', async () => {
    const { page } = signedIn;
    const api = (await page.request
      .get(`${server.baseUrl}/api/v1/plans/${PLAN}/dependency?month=2026-10`)
      .then((r) => r.json())) as {
      counts: { dependent: number; some_years: number; clear: number; undecided: number };
      nodes: Array<{ node_id: string; chain_id: string; name_zh: string; flagged: boolean }>;
    };
    expect(api.counts.dependent).toBeGreaterThan(0);
    await page.goto(`${server.baseUrl}/?month=2026-10`);
    const list = page.getByTestId('dependency-list');
    await expect
      .poll(() => list.getByTestId('dependency-counts').textContent())
      .toBe(
        `持续依赖进口 ${api.counts.dependent} 个 · 个别年份触发 ${api.counts.some_years} 个 · 未触发 ${api.counts.clear} 个 · 无法判定 ${api.counts.undecided} 个`,
      );
    // Persistent ones first: the first row is one the API flags.
    const first = list.locator('tbody tr.ant-table-row').first();
    const name = (await first.getByRole('link').textContent()) ?? '';
    const node = api.nodes.find((n) => n.name_zh === name);
    expect(node?.flagged).toBe(true);
    await first.getByRole('link').click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/chains/${node!.chain_id}`);
    await expect.poll(() => page.getByTestId('node-dependency-verdict').textContent()).toBe('持续依赖进口');
    expect(await page.locator('.ant-drawer-title').textContent()).toBe(name);
  });

  it('colours every node by its screen when asked, and by coverage again after', async () => {
    const { page } = signedIn;
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
