import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from './support/browser.js';
import { clickGraphNode } from './support/graph.js';
import { signInThroughPage } from './support/login.js';

const PLAN = 'zj-chain-2020-2025';
type MapNode = { id: string; external: boolean; hs_codes: string[] };
type FirmPage = { total: number; items: Array<{ name: string }> };

/** The node drawer and the chain's key firms say what they count, and how many there are in all. */
describe('node drawer and firm lists in Chromium', () => {
  const server = { baseUrl: inject('baseUrl') };
  let browser: Browser;
  let page: Page;
  let nodes: MapNode[];

  const firms = async (query: string) =>
    (await page.request.get(`${server.baseUrl}/api/v1/firms?${query}`).then((r) => r.json())) as FirmPage;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await signInThroughPage(page, server.baseUrl, 'demo-admin');
    nodes = (
      (await page.request
        .get(`${server.baseUrl}/api/v1/plans/${PLAN}/chains/integrated-circuits/map`)
        .then((r) => r.json())) as { nodes: MapNode[] }
    ).nodes;
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows a dash, and why, for the imports of a node no customs code maps to', async () => {
    // EDA: software, with no HS code. It showed 进口依存度 0.0% and 无进口记录, as if nothing were imported.
    const node = nodes.find((n) => !n.external && n.hs_codes.length === 0);
    expect(node, 'the IC chain has a node without HS codes').toBeDefined();
    await page.goto(`${server.baseUrl}/chains/integrated-circuits`);
    await page.getByTestId('chain-graph').locator('canvas').waitFor();
    await page.waitForTimeout(500);
    await clickGraphNode(page, node!.id);
    const drawer = page.getByTestId('node-drawer');
    await drawer.waitFor();
    await expect.poll(() => drawer.getByTestId('node-import-dependence').textContent()).toBe('—');
    expect(await drawer.getByTestId('node-hs-none').textContent()).toBe('—');
    expect(await drawer.textContent()).toContain('该节点无对应海关商品编码，无法统计进口');
    expect(await drawer.textContent()).not.toContain('0.0%');
    await page.keyboard.press('Escape');
  });

  it('labels the primary-node count apart from the firm list, which gives its total and pages on the server', async () => {
    // The node with the most firms listed under it, for a list longer than one page: modern textiles has
    // the busiest nodes in the demo data.
    const textile = (
      (await page.request
        .get(`${server.baseUrl}/api/v1/plans/${PLAN}/chains/modern-textile/map`)
        .then((r) => r.json())) as { nodes: MapNode[] }
    ).nodes;
    const counts = await Promise.all(
      textile
        .filter((n) => !n.external)
        .map(async (n) => ({ id: n.id, total: (await firms(`node=${n.id}&page_size=1`)).total })),
    );
    const busiest = counts.sort((a, b) => b.total - a.total)[0]!;
    expect(busiest.total, 'a node with more than one page of firms').toBeGreaterThan(20);
    await page.goto(`${server.baseUrl}/chains/modern-textile`);
    await page.getByTestId('chain-graph').locator('canvas').waitFor();
    await page.waitForTimeout(500);
    await clickGraphNode(page, busiest.id);
    const drawer = page.getByTestId('node-drawer');
    await drawer.waitFor();
    expect(await drawer.textContent()).toContain('主营企业数（全省）');
    const heading = drawer.getByTestId('node-firm-heading');
    await expect.poll(() => heading.textContent()).toContain(`共 ${busiest.total} 家`);
    expect(await heading.textContent()).toContain('含兼营此节点的企业');
    const list = drawer.getByTestId('node-firms');
    const rows = list.locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(20);
    // The second page comes from the server: its first firm is the API's 21st.
    const second = await firms(`node=${busiest.id}&page=2&page_size=20`);
    await list.locator('.ant-pagination-item-2').click();
    await expect.poll(() => rows.first().textContent()).toContain(second.items[0]!.name);
    await page.keyboard.press('Escape');
  });

  it('shows a dash, not 0, for the firm count while the chain’s figures are missing', async () => {
    await page.route('**/chains/integrated-circuits/stats**', (route) => route.abort());
    await page.goto(`${server.baseUrl}/chains/integrated-circuits`);
    await page.getByTestId('chain-graph').locator('canvas').waitFor();
    await page.waitForTimeout(500);
    const node = nodes.find((n) => !n.external)!;
    await clickGraphNode(page, node.id);
    await page.getByTestId('node-drawer').waitFor();
    expect(await page.getByTestId('node-firm-count').textContent()).toBe('—');
    await page.keyboard.press('Escape');
    await page.unroute('**/chains/integrated-circuits/stats**');
  });

  it('screens a node for import dependence and says which rules fired with which values', async () => {
    type Screen = {
      flagged: boolean | null;
      window: string[];
      held_in: string[];
      years: Array<{ year: string; hhi: number; flagged: boolean | null }>;
    };
    // The chain's screens in one request (one per node, thirty at once, timed out on a busy machine).
    const all = (
      (await page.request
        .get(`${server.baseUrl}/api/v1/plans/${PLAN}/chains/integrated-circuits/dependency?month=2026-10`)
        .then((r) => r.json())) as { nodes: Array<Screen & { node_id: string }> }
    ).nodes;
    // The demo makes the plan's named gaps import-dependent: some node of the chain is flagged, and
    // some ordinary one is not.
    const own = new Set(nodes.filter((n) => !n.external).map((n) => n.id));
    const screens = all.filter((s) => own.has(s.node_id)).map((s) => ({ id: s.node_id, s }));
    const flagged = screens.find((x) => x.s.flagged === true);
    const clear = screens.find((x) => x.s.flagged === false);
    expect(flagged, 'a flagged node in the IC chain').toBeDefined();
    expect(clear, 'a node that is not flagged').toBeDefined();

    await page.goto(`${server.baseUrl}/chains/integrated-circuits`);
    await page.getByTestId('chain-graph').locator('canvas').waitFor();
    await page.waitForTimeout(500);
    await clickGraphNode(page, flagged!.id);
    const box = page.getByTestId('node-dependency');
    await expect.poll(() => box.getByTestId('node-dependency-verdict').textContent()).toBe('持续依赖进口');
    const why = await box.getByTestId('node-dependency-fired').textContent();
    const last = flagged!.s.held_in.at(-1)!;
    expect(why).toContain(`触发依据（${last}年）`);
    const hhi = flagged!.s.years.find((y) => y.year === last)!.hhi;
    expect(why).toContain(`HHI ${hhi.toFixed(2)} > 0.40`);
    expect(why).toContain(`${flagged!.s.held_in.length} 年触发（${flagged!.s.held_in.join('、')}）`);
    // One row per year of the window, each year's HHI as the API gives it.
    const rows = box.locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(flagged!.s.window.length);
    for (const [i, y] of flagged!.s.years.entries()) {
      const text = await rows.nth(i).textContent();
      expect(text).toContain(y.year);
      expect(text).toContain(y.hhi.toFixed(2));
    }
    await page.keyboard.press('Escape');

    await clickGraphNode(page, clear!.id);
    await expect.poll(() => page.getByTestId('node-dependency-verdict').textContent()).toBe('未达持续依赖');
    await page.keyboard.press('Escape');
  });

  it('shows each year’s local production beside the dependence, and a short withheld mark where it is hidden', async () => {
    type Screen = {
      node_id: string;
      undecided: string | null;
      years: Array<{ year: string; local_production: number | null; import_dependence: number | null }>;
    };
    const yi = (v: number) =>
      v.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    const chainScreens = async (p: Page) =>
      (
        (await p.request
          .get(`${server.baseUrl}/api/v1/plans/${PLAN}/chains/integrated-circuits/dependency?month=2026-10`)
          .then((r) => r.json())) as { nodes: Screen[] }
      ).nodes;
    const ownIds = new Set(nodes.filter((n) => !n.external).map((n) => n.id));
    // The admin reads every node's output: the table gives it, so that the dependence can be checked.
    const shown = (await chainScreens(page)).find((s) => ownIds.has(s.node_id) && s.years.length === 3)!;
    await page.goto(`${server.baseUrl}/chains/integrated-circuits?month=2026-10`);
    await page.getByTestId('chain-graph').locator('canvas').waitFor();
    await page.waitForTimeout(500);
    await clickGraphNode(page, shown.node_id);
    const box = page.getByTestId('node-dependency');
    const rows = box.locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(3);
    expect(await box.locator('thead').textContent()).toContain('本地产值');
    for (const [i, y] of shown.years.entries()) {
      expect(await rows.nth(i).textContent()).toContain(yi(y.local_production!));
    }
    await page.keyboard.press('Escape');

    // A viewer: where the output is hidden, a short mark in its cell and the dependence's, not the
    // paragraph on confidentiality (said once above the table), which stretched the table far past the drawer.
    const viewer = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await signInThroughPage(viewer, server.baseUrl, 'demo-viewer');
    const hidden = (await chainScreens(viewer)).find(
      (s) => ownIds.has(s.node_id) && s.undecided === 'withheld' && s.years.length > 0,
    );
    expect(hidden, 'a node of the IC chain withheld from a viewer').toBeDefined();
    await viewer.goto(`${server.baseUrl}/chains/integrated-circuits?month=2026-10`);
    await viewer.getByTestId('chain-graph').locator('canvas').waitFor();
    await viewer.waitForTimeout(500);
    await clickGraphNode(viewer, hidden!.node_id);
    const vbox = viewer.getByTestId('node-dependency');
    await vbox.getByTestId('node-dependency-withheld').waitFor();
    const first = vbox.locator('tbody tr.ant-table-row').first();
    expect(((await first.textContent()) ?? '').split('—（保密）').length - 1).toBe(2);
    expect(await first.textContent()).not.toContain('统计保密');
    // The dependence's cell (year, imports, exports, local production, HHI, origin, dependence).
    const cell = await first.locator('td').nth(6).boundingBox();
    expect(cell!.width).toBeLessThan(150);
    await viewer.close();
  });

  it('never prints a value that fired as its own threshold, and gives every ratio two decimals', async () => {
    // Values just over the thresholds, as the API could give them: two decimals would print "0.40 > 0.40".
    const node = nodes.find((n) => !n.external && n.hs_codes.length > 0)!;
    const rule = (r: string, value: number, threshold: number) => ({
      rule: r,
      value,
      comparison: '>',
      threshold,
      fired: value > threshold,
    });
    const year = (y: string, ratio: number) => ({
      year: y,
      imports: 10,
      exports: 10 / ratio,
      local_production: 9.9984,
      hhi: 0.4029,
      top_origin: 'JP',
      top_origin_name_zh: '日本',
      top_origin_name_en: 'Japan',
      top_share: 0.6,
      import_dependence: 0.50004,
      import_export_ratio: ratio,
      import_export_capped: false,
      flagged: true,
      rules: [
        rule('hhi', 0.4029, 0.4),
        rule('top_origin_share', 0.6, 0.5),
        rule('import_dependence', 0.50004, 0.5),
        rule('imports_exports', ratio, 1),
      ],
    });
    const years = [year('2023', 5.8), year('2024', 4.8), year('2025', 1.001)];
    const screen = {
      node_id: node.id,
      month: '2026-10',
      window: ['2023', '2024', '2025'],
      years,
      held_in: ['2023', '2024', '2025'],
      flagged: true,
      undecided: null,
      fired: [
        ...years[2]!.rules.filter((r) => r.rule !== 'top_origin_share'),
        { rule: 'persistence', value: 3, comparison: '>=', threshold: 2, fired: true },
      ],
      criteria: ['hhi', 'import_dependence', 'imports_exports'],
      persistence: { k: 2, n: 3 },
      thresholds: { hhi: 0.4, top_share: 0.5, dependence: 0.5, import_export: 1 },
      shared_hs_codes: [],
    };
    await page.route(`**/nodes/${node.id}/dependency**`, (route) => route.fulfill({ json: screen }));
    await page.goto(`${server.baseUrl}/chains/integrated-circuits?month=2026-10`);
    await page.getByTestId('chain-graph').locator('canvas').waitFor();
    await page.waitForTimeout(500);
    await clickGraphNode(page, node.id);
    const box = page.getByTestId('node-dependency');
    const why = box.getByTestId('node-dependency-fired');
    await why.waitFor();
    const text = await why.textContent();
    expect(text).toContain('HHI 0.403 > 0.40');
    expect(text).toContain('进口依存度 50.004% > 50.0%');
    expect(text).toContain('进口 ÷ 出口 1.001 > 1');
    const rows = box.locator('tbody tr.ant-table-row');
    expect(await rows.nth(0).textContent()).toContain('5.80');
    expect(await rows.nth(1).textContent()).toContain('4.80');
    expect(await rows.nth(2).textContent()).toContain('1.001');
    await page.keyboard.press('Escape');
    await page.unroute(`**/nodes/${node.id}/dependency**`);
  });

  it('warns where other nodes list the same HS code, whose imports each node counts whole', async () => {
    type Screen = { node_id: string; shared_hs_codes: Array<{ code: string; node_ids: string[] }> };
    const screens = (
      (await page.request
        .get(`${server.baseUrl}/api/v1/plans/${PLAN}/chains/integrated-circuits/dependency?month=2026-10`)
        .then((r) => r.json())) as { nodes: Screen[] }
    ).nodes;
    // Microcontrollers share 854231 with the SoC, cloud-device, CPU, AI and other chips.
    const mcu = screens.find((s) => s.node_id === 'ic.mcu')!;
    expect(mcu.shared_hs_codes.map((c) => c.code)).toEqual(['854231']);
    expect(mcu.shared_hs_codes[0]!.node_ids).toContain('ic.app-soc');
    await page.goto(`${server.baseUrl}/chains/integrated-circuits?month=2026-10`);
    await page.getByTestId('chain-graph').locator('canvas').waitFor();
    await page.waitForTimeout(500);
    await clickGraphNode(page, 'ic.mcu');
    const note = page.getByTestId('node-dependency').getByTestId('node-dependency-shared');
    await note.waitFor();
    expect(await note.textContent()).toContain(
      `海关商品编码 854231 另对应其他 ${mcu.shared_hs_codes[0]!.node_ids.length} 个节点`,
    );
    // Readable: the words' colour against what is behind them at least 4.5:1 (antd's warning yellow on
    // white is about 2:1).
    const contrast = await note.evaluate((root) => {
      // No DOM types in the e2e project: the little of the DOM used here, by shape.
      type Node = { nodeType: number; textContent: string | null };
      type El = Node & {
        childNodes: ArrayLike<Node>;
        parentElement: El | null;
        querySelectorAll(s: string): ArrayLike<El>;
      };
      const style = (e: El) =>
        (
          globalThis as unknown as { getComputedStyle(e: El): { color: string; backgroundColor: string } }
        ).getComputedStyle(e);
      const element = root as unknown as El;
      const words = [element, ...Array.from(element.querySelectorAll('*'))].find((e) =>
        Array.from(e.childNodes).some((c) => c.nodeType === 3 && (c.textContent ?? '').includes('854231')),
      )!;
      const rgb = (css: string) => (css.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
      const background = (start: El): number[] => {
        for (let e: El | null = start; e; e = e.parentElement) {
          const c = style(e).backgroundColor;
          if (c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') return rgb(c);
        }
        return [255, 255, 255];
      };
      const luminance = (c: number[]) =>
        c
          .map((v) => v / 255)
          .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
          .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i]!, 0);
      const [a, b] = [luminance(rgb(style(words).color)), luminance(background(words))];
      return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    });
    expect(contrast).toBeGreaterThanOrEqual(4.5);
    await page.keyboard.press('Escape');
  });

  it('gives the total of the key firms and pages through them', async () => {
    const all = await firms(`chain=integrated-circuits&tag=${encodeURIComponent('链主,龙头')}&page_size=1`);
    await page.goto(`${server.baseUrl}/chains/integrated-circuits`);
    await expect.poll(() => page.getByTestId('key-firms-total').textContent()).toBe(`共 ${all.total} 家`);
    const rows = page.getByTestId('key-firms').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(Math.min(20, all.total));
  });
});
