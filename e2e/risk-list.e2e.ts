import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { useBrowser, useSignedInPage } from './support/browser.js';
import { signInThroughPage } from './support/login.js';

type Case = {
  id: number;
  kind: string;
  firm_id: number | null;
  county_code: string | null;
  status: string;
  level: string;
  actions: string[];
};
type CasePage = { total: number; items: Case[] };

const XIHU = '330106';

async function api<T>(page: Page, baseUrl: string, path: string): Promise<T> {
  const response = await page.request.get(`${baseUrl}${path}`);
  expect(response.status(), path).toBe(200);
  return (await response.json()) as T;
}

/** A change through the API with the page's session, as the app sends it (the CSRF cookie echoed). */
async function post(page: Page, baseUrl: string, path: string, body: unknown) {
  const csrf = (await page.context().cookies()).find((c) => c.name === 'cb_csrf')?.value ?? '';
  return page.request.post(`${baseUrl}${path}`, {
    data: body,
    headers: { 'x-csrf-token': decodeURIComponent(csrf) },
  });
}

/** The open county case a county office can acknowledge now: the first in the list's order, by its id. */
async function firstOpenCase(page: Page, baseUrl: string, skip: number[] = []): Promise<Case> {
  const open = await api<CasePage>(page, baseUrl, '/api/v1/risks?status=open&kind=firm_input&page_size=200');
  const c = open.items.find((x) => x.actions.includes('acknowledge') && !skip.includes(x.id));
  expect(c, 'an open case in 西湖区').toBeDefined();
  return c!;
}

const drawer = (page: Page) => page.locator('.ant-drawer');
const step = (page: Page) => page.getByTestId('risk-case-step').textContent();

/**
 * A case's whole closed loop on the demo server, as the offices do it: the county responds and resolves
 * (a resolution without a note is refused), the city confirms it (销号), and the history shows every step.
 * The case is the first open one in 西湖区 when the test runs, so that other tests' changes do not matter.
 */
describe('the risk list’s closed loop in Chromium', () => {
  const server = { baseUrl: inject('baseUrl') };
  const county = useSignedInPage(server.baseUrl, 'demo-county-xihu');
  const chromium = useBrowser();
  let caseId = 0;
  let firmId = 0;

  it('shows a county office only its county’s cases', async () => {
    const { page } = county;
    const all = await api<CasePage>(page, server.baseUrl, '/api/v1/risks?page_size=200');
    expect(all.total).toBeGreaterThan(0);
    expect(new Set(all.items.map((c) => c.county_code))).toEqual(new Set([XIHU]));
    await page.goto(`${server.baseUrl}/risks?size=100`);
    const rows = page.getByTestId('risk-table').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(Math.min(all.total, 100));
    const places = await rows.locator('td:nth-child(5)').allTextContents();
    expect(new Set(places)).toEqual(new Set(['杭州市 西湖区']));
    await expect.poll(() => page.getByText(`共 ${all.total} 项`).count()).toBe(1);
    // The head counts the same cases: 待响应 clicked lists them, and the address keeps the filter.
    const open = await api<CasePage>(page, server.baseUrl, '/api/v1/risks?status=open&page_size=1');
    await page.getByTestId('risk-count-open').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('status')).toBe('open');
    await expect.poll(() => page.getByText(`共 ${open.total} 项`).count()).toBe(1);
  });

  it('opens a case, acknowledges it, refuses a resolution without a note, then resolves it', async () => {
    const { page } = county;
    const c = await firstOpenCase(page, server.baseUrl);
    caseId = c.id;
    firmId = c.firm_id!;
    await page.goto(`${server.baseUrl}/risks?status=open&size=100`);
    await page.getByRole('link', { name: `打开风险事项 ${caseId}`, exact: true }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('case')).toBe(String(caseId));
    await expect
      .poll(() => page.getByTestId('risk-case-title').textContent())
      .toContain(`风险事项 ${caseId}`);
    expect(await step(page)).toBe('县级 · 待响应');
    // Why it is listed: the rules with their values, the fired ones marked.
    await expect
      .poll(() => page.getByTestId('risk-rules').getByText('触发', { exact: true }).count())
      .toBeGreaterThan(0);

    await drawer(page).getByTestId('risk-action-acknowledge').click();
    await expect.poll(() => step(page)).toBe('县级 · 处置中');

    await drawer(page).getByTestId('risk-action-resolve').click();
    await expect.poll(() => drawer(page).getByText('化解须填写说明（至少 2 个字）').count()).toBe(1);
    expect(await step(page), 'refused: still being handled').toBe('县级 · 处置中');

    await page.getByTestId('risk-note').fill('已与同准备份供应商签订供货协议（e2e）');
    await drawer(page).getByTestId('risk-action-resolve').click();
    await expect.poll(() => drawer(page).getByText('化解须选择化解措施').count()).toBe(1);
    await page.locator('#risk-measure').click();
    await page.locator('.ant-select-item-option', { hasText: '启用同准备份供应商' }).click();
    await drawer(page).getByTestId('risk-action-resolve').click();
    await expect.poll(() => step(page)).toBe('县级 · 已化解待销号');
    // The county may not close its own resolution: 销号 belongs to the city.
    expect(await drawer(page).getByTestId('risk-action-confirm').count()).toBe(0);
    // The list behind the drawer has moved on too.
    await page.keyboard.press('Escape');
    await expect
      .poll(() => page.getByRole('link', { name: `打开风险事项 ${caseId}`, exact: true }).count())
      .toBe(0);
  });

  it('says the server’s refusal when the case moved on meanwhile', async () => {
    const { page } = county;
    const other = await firstOpenCase(page, server.baseUrl, [caseId]);
    await page.goto(`${server.baseUrl}/risks?case=${other.id}`);
    await drawer(page).getByTestId('risk-action-acknowledge').waitFor();
    // Someone else in the office responds first.
    const response = await post(page, server.baseUrl, `/api/v1/risks/${other.id}/actions`, {
      action: 'acknowledge',
    });
    expect(response.status()).toBe(200);
    await drawer(page).getByTestId('risk-action-acknowledge').click();
    await expect
      .poll(() => page.getByTestId('risk-action-error').textContent())
      .toContain('此事项当前为县级处置中，您不能响应');
  });

  it('links the firm’s input to its case on the firm page', async () => {
    const { page } = county;
    await page.goto(`${server.baseUrl}/firms/${firmId}`);
    const link = page.locator(`[data-testid="firm-risk-case"][href="/risks?case=${caseId}"]`);
    await expect.poll(() => link.textContent()).toBe(`第 ${caseId} 号 已化解待销号`);
  });

  it('lets the city confirm it (销号), and the history shows the four steps', async () => {
    const page = await chromium.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    try {
      await signInThroughPage(page, server.baseUrl, 'demo-city-hz');
      await page.goto(`${server.baseUrl}/risks`);
      await page.getByTestId('risk-count-resolved').click();
      await page.getByRole('link', { name: `打开风险事项 ${caseId}`, exact: true }).click();
      await expect.poll(() => step(page)).toBe('县级 · 已化解待销号');
      await drawer(page).getByTestId('risk-action-confirm').click();
      await expect.poll(() => step(page)).toBe('县级 · 已销号');
      const events = page.getByTestId('risk-event');
      await expect
        .poll(() => events.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-kind'))))
        .toEqual(['detected', 'acknowledge', 'resolve', 'confirm']);
      const history = await page.getByTestId('risk-history').textContent();
      expect(history).toContain('扫描发现');
      expect(history).toContain('demo-county-xihu');
      expect(history).toContain('状态：待响应 → 处置中');
      expect(history).toContain('化解措施：启用同准备份供应商');
      expect(history).toContain('说明：已与同准备份供应商签订供货协议（e2e）');
      expect(history).toContain('demo-city-hz');
      expect(history).toContain('状态：已化解待销号 → 已销号');
    } finally {
      await page.close();
    }
  });

  it('gives a viewer no menu entry and a forbidden page', async () => {
    const page = await chromium.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    try {
      await signInThroughPage(page, server.baseUrl, 'demo-viewer');
      await page.getByRole('menuitem', { name: '总览' }).waitFor();
      expect(await page.getByRole('menuitem', { name: '风险清单' }).count()).toBe(0);
      await page.goto(`${server.baseUrl}/risks`);
      await page.getByTestId('forbidden').waitFor();
      expect(await page.getByTestId('forbidden').textContent()).toContain('查看企业名单');
    } finally {
      await page.close();
    }
  });
});
