import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { useBrowser } from './support/browser.js';
import { signInThroughPage } from './support/login.js';

/**
 * Figures a reader can trust: nothing shown as 0 when it could not be loaded, 同比 with its sign and
 * coloured around zero, times in the reader's time zone, key firms complete, and a page for every address.
 */
const PLAN = 'zj-chain-2020-2025';

describe('figures and errors a reader can trust, in Chromium', () => {
  const server = { baseUrl: inject('baseUrl') };
  const chromium = useBrowser();

  /** A page in Zhejiang's time zone, signed in as the user. */
  async function pageAs(username: string): Promise<Page> {
    const context = await chromium.browser.newContext({
      viewport: { width: 1400, height: 1000 },
      timezoneId: 'Asia/Shanghai',
    });
    const page = await context.newPage();
    await signInThroughPage(page, server.baseUrl, username);
    return page;
  }

  it('shows a dash and the reason, not 0.00, when a chain’s figures cannot be loaded', async () => {
    // The statistics fail (a firm user, who used to be the example, now gets the 403 page instead).
    const page = await pageAs('demo-analyst');
    await page.route('**/chains/integrated-circuits/stats**', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({
          error: { code: 'unavailable', message_zh: '暂不可用', message_en: 'Unavailable' },
        }),
      }),
    );
    await page.goto(`${server.baseUrl}/chains/integrated-circuits`);
    await page.getByText('暂不可用').first().waitFor();
    const cards = page.locator('.ant-statistic');
    await expect.poll(() => cards.nth(1).textContent()).toContain('—');
    expect(await cards.nth(1).textContent()).not.toContain('0.00');
    expect(await cards.nth(2).textContent()).not.toContain('0.0%');
    await page.context().close();
  });

  it('lists chain-leading (链主) firms among the key firms, not only 龙头', async () => {
    const page = await pageAs('demo-chain-ic');
    const api = async (tag: string) =>
      (await page.request
        .get(
          `${server.baseUrl}/api/v1/firms?chain=integrated-circuits&tag=${encodeURIComponent(tag)}&page_size=200`,
        )
        .then((r) => r.json())) as { total: number; items: Array<{ name: string }> };
    const chainLeaders = await api('链主');
    const both = await api('链主,龙头');
    expect(chainLeaders.total).toBeGreaterThan(0);
    expect(both.total).toBeGreaterThanOrEqual(chainLeaders.total);
    await page.goto(`${server.baseUrl}/chains/integrated-circuits`);
    const table = page.locator('.ant-card').filter({ hasText: '重点企业' }).locator('table');
    // The table shows "no data" until the firms arrive: wait for the first name.
    await expect.poll(() => table.textContent()).toContain(chainLeaders.items[0]!.name);
    const text = await table.textContent();
    for (const firm of chainLeaders.items.slice(0, 20)) expect(text).toContain(firm.name);
    await page.context().close();
  });

  it('signs 同比 and colours the map around zero, red for growth', async () => {
    const page = await pageAs('demo-analyst');
    await page.goto(`${server.baseUrl}/regions`);
    await page.locator('.ant-radio-button-wrapper', { hasText: '累计同比' }).click();
    const cells = page.getByTestId('city-table').locator('tbody tr.ant-table-row td:nth-child(4)');
    await expect.poll(() => cells.count()).toBe(11);
    for (const text of await cells.allTextContents()) expect(text).toMatch(/^([+−]\d+\.\d%|0\.0%|—)$/);
    type MapChart = { getOption(): { visualMap: Array<{ min: number; max: number }> } };
    const range = await page.getByTestId('zhejiang-map').evaluate((element) => {
      const { visualMap } = (element as unknown as { __chart: MapChart }).__chart.getOption();
      return visualMap[0];
    });
    expect(range?.min).toBe(-(range?.max ?? 0));
    await page.context().close();
  });

  it('hides region figures resting on one or two firms from a viewer, with a dash', async () => {
    const page = await pageAs('demo-viewer');
    type Row = { code: string; name_zh: string; suppressed: boolean; ytd_output: number | null };
    const plan = (await page.request.get(`${server.baseUrl}/api/v1/plans/${PLAN}`).then((r) => r.json())) as {
      latest_month: string;
      chains: Array<{ id: string; name_zh: string }>;
    };
    // The chain whose city cells are smallest shows the most hiding.
    let chosen: { chain: { id: string; name_zh: string }; cities: Row[]; counties: Row[] } | undefined;
    for (const chain of plan.chains) {
      const summary = (await page.request
        .get(
          `${server.baseUrl}/api/v1/plans/${PLAN}/regions/summary?month=${plan.latest_month}&chain=${chain.id}`,
        )
        .then((r) => r.json())) as { cities: Row[]; counties: Row[] };
      if (summary.cities.some((c) => c.suppressed)) {
        chosen = { chain, ...summary };
        break;
      }
    }
    expect(chosen, 'some chain has a city of one or two firms in the demo data').toBeDefined();
    const hidden = chosen!.cities.filter((c) => c.suppressed);
    // Never exactly one: the total of the province would give it back.
    expect(hidden.length).toBeGreaterThanOrEqual(2);
    for (const c of hidden) expect(c.ytd_output).toBeNull();
    await page.goto(`${server.baseUrl}/regions`);
    await page.getByTestId('region-chain').click();
    await page.locator('.ant-select-item-option', { hasText: chosen!.chain.name_zh }).click();
    const table = page.getByTestId('city-table');
    for (const c of chosen!.cities) {
      const cell = table.locator('tbody tr.ant-table-row', { hasText: c.name_zh }).locator('td').nth(2);
      if (c.suppressed) await expect.poll(() => cell.textContent()).toBe('—');
      else await expect.poll(() => cell.textContent()).not.toBe('—');
    }
    await page.context().close();
  });

  it('shows audit times in the reader’s time zone', async () => {
    const page = await pageAs('demo-admin');
    const [entry] = (await page.request
      .get(`${server.baseUrl}/api/v1/audit?limit=1`)
      .then((r) => r.json())) as Array<{
      id: number;
      at: string;
    }>;
    await page.goto(`${server.baseUrl}/admin/audit`);
    const row = page.locator(`tr[data-row-key="${entry!.id}"]`);
    await row.waitFor();
    // Zhejiang is UTC+8 all year.
    const utc = new Date(entry!.at.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'));
    const local = new Date(utc.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
    expect(await row.locator('td').nth(1).textContent()).toBe(local);
    await page.context().close();
  });

  it('warns when the 12 months of a chosen month reach back before the data', async () => {
    const page = await pageAs('demo-viewer');
    const plan = (await page.request.get(`${server.baseUrl}/api/v1/plans/${PLAN}`).then((r) => r.json())) as {
      first_month: string;
    };
    await page.goto(server.baseUrl);
    await page.getByTestId('overview-table').waitFor();
    expect(await page.getByTestId('short-window').count()).toBe(0);
    await page.getByTestId('month-picker').click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(plan.first_month);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('short-window').textContent()).toContain('不足12个月（1 个月）');
    // The table's dashes say the same, not "targets are province-wide" (they did).
    await expect.poll(() => page.getByTestId('trailing-none').count()).toBe(11);
    await page.getByTestId('completion-none').first().hover();
    await expect.poll(() => page.locator('.ant-tooltip').last().textContent()).toContain('不足12个月数据');
    await page.context().close();
  });

  it('opens a chain leader’s own chain from the menu, with every chart named for screen readers', async () => {
    const page = await pageAs('demo-chain-ic');
    await page.getByRole('menuitem', { name: '产业链', exact: true }).click();
    await page.waitForURL(/\/chains\/integrated-circuits$/);
    await page.getByTestId('chain-graph').locator('canvas').waitFor();
    for (const testId of ['chain-graph', 'chain-trend']) {
      const chart = page.getByTestId(testId);
      expect(await chart.getAttribute('role')).toBe('img');
      expect(await chart.getAttribute('aria-label')).toBeTruthy();
    }
    await page.context().close();
  });

  it('answers an unknown address with a page that says so, in the page’s language', async () => {
    const page = await pageAs('demo-viewer');
    // Evaluated in the page, as text: this file is type-checked without the DOM's types.
    await page.evaluate("localStorage.setItem('chainbrain.lang', 'en')");
    await page.goto(`${server.baseUrl}/no-such-page`);
    await page.getByText('No such page').waitFor();
    expect(await page.evaluate('document.documentElement.lang')).toBe('en');
    await page.getByTestId('not-found-home').click();
    await page.getByTestId('overview-table').waitFor();
    await page.context().close();
  });
});
