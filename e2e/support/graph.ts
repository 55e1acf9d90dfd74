import type { Page } from 'playwright-core';

/** Clicks the node of the chain graph with this id, where ECharts drew it. */
export async function clickGraphNode(page: Page, nodeId: string) {
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
