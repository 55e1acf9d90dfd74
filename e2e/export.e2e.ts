import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { useBrowser } from './support/browser.js';
import { signInThroughPage } from './support/login.js';

const PLAN = 'zj-chain-2020-2025';
type Row = Array<string | number | null>;

/** 导出 Excel: the file a reader saves holds the page's figures, withheld ones as a dash, under a Chinese name. */
describe('Excel exports in Chromium', () => {
  const server = { baseUrl: inject('baseUrl') };
  const chromium = useBrowser();

  async function pageAs(username: string): Promise<Page> {
    const context = await chromium.browser.newContext({
      viewport: { width: 1400, height: 1000 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    await signInThroughPage(page, server.baseUrl, username);
    return page;
  }

  const latestMonth = async (page: Page) =>
    (
      (await page.request.get(`${server.baseUrl}/api/v1/plans/${PLAN}`).then((r) => r.json())) as {
        latest_month: string;
      }
    ).latest_month;

  /** Clicks the button, saves what the browser downloads and reads its sheets back. */
  async function download(page: Page, testId: string) {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
    const workbook = new ExcelJS.Workbook();
    const chunks = (await (await file.createReadStream()).toArray()) as Buffer[];
    await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const sheets = workbook.worksheets.map((ws) => {
      const rows: Row[] = [];
      ws.eachRow((row) => rows.push((row.values as Row).slice(1)));
      return { name: ws.name, rows };
    });
    return { name: file.suggestedFilename(), sheets };
  }

  it('saves the region page of a viewer with the hidden counties as dashes', async () => {
    const page = await pageAs('demo-viewer');
    await page.goto(`${server.baseUrl}/regions`);
    await page.getByTestId('export-regions').waitFor();
    const month = await latestMonth(page);
    const api = (await page.request
      .get(`${server.baseUrl}/api/v1/plans/${PLAN}/regions/summary?month=${month}`)
      .then((r) => r.json())) as {
      counties: Array<{ code: string; suppressed: boolean; ytd_output: number | null }>;
    };
    const { name, sheets } = await download(page, 'export-regions');
    expect(name).toBe(`分地区产值_十大产业链合计_${month}.xlsx`);
    expect(sheets.map((s) => s.name)).toEqual(['城市', '县（市、区）', '说明']);
    const counties = sheets[1]!.rows;
    const hidden = api.counties.filter((c) => c.suppressed);
    for (const county of api.counties) {
      const row = counties.find((r) => r[0] === county.code);
      expect(row?.[4], county.code).toBe(county.suppressed ? '—（保密）' : county.ytd_output);
    }
    expect(hidden.length, 'the demo hides some county for a viewer').toBeGreaterThan(0);
    // The 说明 sheet says whose view it is and that the demo's figures are synthetic.
    const about = sheets[2]!.rows.map((r) => r.join(' ')).join('\n');
    expect(about).toContain('demo-viewer');
    expect(about).toContain('合成数据');
    await page.context().close();
  });

  it('saves the overview with the month’s figures, in English when the reader reads English', async () => {
    const page = await pageAs('demo-analyst');
    await page.goto(`${server.baseUrl}/`);
    await page.getByTestId('export-overview').waitFor();
    const month = await latestMonth(page);
    const api = (await page.request
      .get(`${server.baseUrl}/api/v1/plans/${PLAN}/overview?month=${month}`)
      .then((r) => r.json())) as { month: string; chains: Array<{ name_zh: string; ytd_output: number }> };
    const zh = await download(page, 'export-overview');
    expect(zh.name).toBe(`十大标志性产业链运行监测_全省_${api.month}.xlsx`);
    const rows = zh.sheets[0]!.rows;
    expect(rows.slice(1, 11).map((r) => [r[0], r[2]])).toEqual(
      api.chains.map((c) => [c.name_zh, c.ytd_output]),
    );
    await page.evaluate("localStorage.setItem('chainbrain.lang', 'en')");
    await page.reload();
    await page.getByTestId('export-overview').waitFor();
    const en = await download(page, 'export-overview');
    expect(en.sheets.map((s) => s.name)).toEqual(['Ten flagship chains monitoring', 'About']);
    await page.context().close();
  });

  it('saves a chain leader’s key firms: the same firms as the list, by credit code', async () => {
    const page = await pageAs('demo-chain-ic');
    const api = (await page.request
      .get(
        `${server.baseUrl}/api/v1/firms?chain=integrated-circuits&tag=${encodeURIComponent('链主,龙头')}&page_size=200`,
      )
      .then((r) => r.json())) as { total: number; items: Array<{ uscc: string }> };
    expect(api.total).toBeGreaterThan(0);
    await page.goto(`${server.baseUrl}/chains/integrated-circuits`);
    await page.getByTestId('export-key-firms').waitFor();
    const { name, sheets } = await download(page, 'export-key-firms');
    expect(name).toBe('企业名单_集成电路_链主与龙头企业.xlsx');
    const codes = sheets[0]!.rows.map((r) => String(r[0])).filter((v) => /^[0-9A-Z]{18}$/.test(v));
    expect(codes.sort()).toEqual(api.items.map((f) => f.uscc).sort());
    await page.context().close();
  });

  it('saves a chain map’s import-dependency screens with the verdicts the API gives', async () => {
    const page = await pageAs('demo-analyst');
    const month = await latestMonth(page);
    await page.goto(`${server.baseUrl}/chains/integrated-circuits?month=${month}`);
    await page.getByTestId('chain-color-by').getByText('进口依赖').click();
    await page.getByTestId('export-dependency').waitFor();
    const api = (await page.request
      .get(`${server.baseUrl}/api/v1/plans/${PLAN}/chains/integrated-circuits/dependency?month=${month}`)
      .then((r) => r.json())) as {
      nodes: Array<{ flagged: boolean | null; window: string[]; years: unknown[] }>;
    };
    const { name, sheets } = await download(page, 'export-dependency');
    expect(name).toBe(`进口依赖筛查_集成电路_${month}.xlsx`);
    expect(sheets.map((s) => s.name)).toEqual(['进口依赖筛查', '说明']);
    const rows = sheets[0]!.rows;
    // A row per year of the window (years before the data too), one for a node with no year screened.
    const expectedRows = api.nodes.reduce((n, s) => n + (s.years.length ? s.window.length : 1), 0);
    const body = rows.slice(1, 1 + expectedRows);
    // Each flagged node's rows carry the verdict; as many nodes as the API flags.
    const flaggedNodes = new Set(body.filter((r) => r[12] === '持续依赖进口').map((r) => r[0]));
    expect(flaggedNodes.size).toBe(api.nodes.filter((n) => n.flagged === true).length);
    expect(flaggedNodes.size).toBeGreaterThan(0);
    // Nodes sharing an HS code say so, and the notes say not to add up their imports.
    expect(rows[0]![14]).toBe('与其他节点共用的海关编码');
    const mcu = body.find((r) => r[0] === '微控制器（MCU）')!;
    expect(String(mcu[14])).toMatch(/^854231 \(.*应用处理器与主控SoC/);
    expect(rows.map((r) => String(r[0] ?? '')).join('\n')).toContain('各节点的进口不可相加');
    await page.context().close();
  });

  it('shows the server’s reason when an export is refused, and saves nothing', async () => {
    const page = await pageAs('demo-analyst');
    await page.route('**/overview.xlsx**', (route) =>
      route.fulfill({
        status: 400,
        contentType: 'application/json',
        body: JSON.stringify({
          error: { code: 'invalid_input', message_zh: '超过单次导出上限', message_en: 'Too many rows' },
        }),
      }),
    );
    await page.goto(`${server.baseUrl}/`);
    let downloads = 0;
    page.on('download', () => {
      downloads++;
    });
    await page.getByTestId('export-overview').click();
    await page.getByText('超过单次导出上限').waitFor();
    expect(downloads).toBe(0);
    await page.context().close();
  });

  it('saves a county official’s risk list as filtered on the page, each case with the rules that fired', async () => {
    const page = await pageAs('demo-county-xihu');
    await page.goto(`${server.baseUrl}/risks?severity=high`);
    await page.getByTestId('risk-export').waitFor();
    const api = (await page.request
      .get(`${server.baseUrl}/api/v1/risks?plan=${PLAN}&severity=high&page_size=200`)
      .then((r) => r.json())) as { total: number; items: Array<{ id: number; county_code: string | null }> };
    expect(api.total).toBeGreaterThan(0);
    const { name, sheets } = await download(page, 'risk-export');
    expect(name).toBe('断供风险清单.xlsx');
    expect(sheets.map((s) => s.name)).toEqual(['风险清单', '说明']);
    const [header, ...rows] = sheets[0]!.rows;
    expect(header?.slice(0, 5)).toEqual(['编号', '类型', '企业', '城市', '区县']);
    const cases = rows.filter((r) => typeof r[0] === 'number');
    // The page's cases, no more (the county's own, high only), each saying which rules fired.
    expect(cases.map((r) => r[0]).sort((a, b) => Number(a) - Number(b))).toEqual(
      api.items.map((c) => c.id).sort((a, b) => a - b),
    );
    for (const r of cases) {
      expect(r[4]).toBe('西湖区');
      expect(r[7]).toBe('高');
      expect(String(r[14])).toMatch(/(最大供应商占比|境外采购占比) \d+\.\d% (>=|>) \d+\.\d%/);
    }
  });
});
