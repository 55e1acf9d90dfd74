import type { OverviewResponse } from '@chainbrain/domain';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from './support/browser.js';
import { signInThroughPage } from './support/login.js';

const PLAN = 'zj-chain-2020-2025';
const TEN_CHAINS_ZH = [
  '数字安防',
  '集成电路',
  '网络通信',
  '智能计算',
  '生物医药',
  '炼化一体化与新材料',
  '节能与新能源汽车',
  '智能装备',
  '智能家居',
  '现代纺织',
];

const yi = (value: number) =>
  value.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

describe('overview page in Chromium', () => {
  const server = { baseUrl: inject('baseUrl') };
  let browser: Browser;
  let page: Page;
  let overview: OverviewResponse;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await signInThroughPage(page, server.baseUrl, 'demo-viewer');
    // The page's own session reads the API, as the browser does.
    const plan = (await page.request.get(`${server.baseUrl}/api/v1/plans/${PLAN}`).then((r) => r.json())) as {
      latest_month: string;
    };
    overview = (await page.request
      .get(`${server.baseUrl}/api/v1/plans/${PLAN}/overview?month=${plan.latest_month}`)
      .then((r) => r.json())) as OverviewResponse;
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the ten chains with their figures in Chinese by default', async () => {
    await page.goto(server.baseUrl);
    const table = page.getByTestId('overview-table');
    await table.waitFor();
    const rows = table.locator('tbody tr.ant-table-row');
    expect(await rows.count()).toBe(11);
    for (const [i, chain] of overview.chains.entries()) {
      const cells = rows.nth(i).locator('td');
      expect(await cells.nth(0).textContent()).toBe(TEN_CHAINS_ZH[i]);
      expect(await cells.nth(1).textContent()).toBe(yi(chain.month_output ?? Number.NaN));
      expect(await cells.nth(2).textContent()).toBe(yi(chain.ytd_output ?? Number.NaN));
      expect(await cells.nth(5).textContent()).toBe(yi(chain.target_2025));
      expect(await cells.nth(6).textContent()).toContain(`${chain.completion_pct?.toFixed(1)}%`);
    }
    expect(await page.getByTestId('overview-chart').locator('canvas').count()).toBeGreaterThan(0);
    await page.screenshot({ path: 'test-results/overview-zh.png', fullPage: true });
  });

  it('switches to English', async () => {
    await page.getByTestId('lang-switch').click();
    await page.getByText('Ten flagship chains: monitoring').waitFor();
    const firstCell = page
      .getByTestId('overview-table')
      .locator('tbody tr.ant-table-row')
      .first()
      .locator('td')
      .first();
    expect(await firstCell.textContent()).toBe('Digital security');
    await page.getByTestId('lang-switch').click();
  });

  it('changes month and shows that month’s figures', async () => {
    const march = (await page.request
      .get(`${server.baseUrl}/api/v1/plans/${PLAN}/overview?month=2024-03`)
      .then((r) => r.json())) as OverviewResponse;
    await page.getByTestId('month-picker').click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('2024-03');
    await page.keyboard.press('Enter');
    const firstRow = page.getByTestId('overview-table').locator('tbody tr.ant-table-row').first();
    await expect
      .poll(() => firstRow.locator('td').nth(2).textContent())
      .toBe(yi(march.chains[0]?.ytd_output ?? 0));
  });

  it('shows no completion, with the reason, when the API gives none (targets are province-wide)', async () => {
    // What the API answers for a region: completion null, the plan's headline target in the totals.
    const regional: OverviewResponse = {
      ...overview,
      chains: overview.chains.map((c) => ({ ...c, completion_pct: null })),
      totals: { ...overview.totals, completion_pct: null, target_2025: 60_000 },
    };
    await page.route('**/overview?**', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(regional) }),
    );
    await page.goto(server.baseUrl);
    const rows = page.getByTestId('overview-table').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(11);
    const none = page.getByTestId('completion-none');
    expect(await none.count()).toBe(11);
    expect(await none.first().textContent()).toBe('—');
    await none.first().hover();
    await page.getByText('目标为全省目标，未分解到地区').waitFor();
    // The totals row shows the API's target, not the sum of the chains' (64,500).
    expect(await rows.last().locator('td').nth(5).textContent()).toBe(yi(60_000));
    await page.unroute('**/overview?**');
  });
});
