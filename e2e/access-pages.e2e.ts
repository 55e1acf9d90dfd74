import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { useBrowser } from './support/browser.js';
import { signInThroughPage } from './support/login.js';

/** Pages a role may not use: a 403 page in the reader's language, and no menu entry leading there. */
describe('role-restricted pages in Chromium', () => {
  const server = { baseUrl: inject('baseUrl') };
  const chromium = useBrowser();

  async function pageAs(username: string, lang: 'zh' | 'en' = 'zh'): Promise<Page> {
    const page = await chromium.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signInThroughPage(page, server.baseUrl, username);
    await page.evaluate(`localStorage.setItem('chainbrain.lang', '${lang}')`);
    return page;
  }

  it('shows a firm user a 403 page on the dashboards, not errors, skeletons and zeros', async () => {
    const page = await pageAs('demo-firm');
    for (const path of ['/regions', '/chains/integrated-circuits']) {
      await page.goto(`${server.baseUrl}${path}`);
      const forbidden = page.getByTestId('forbidden');
      await forbidden.waitFor();
      expect(await forbidden.textContent()).toContain('无权访问此页面');
      expect(await forbidden.textContent()).toContain('查看汇总数据');
      expect(await page.locator('.ant-alert-error').count(), path).toBe(0);
      expect(await page.locator('.ant-skeleton').count(), path).toBe(0);
      expect(await page.locator('canvas').count(), path).toBe(0);
    }
    // The way home leads to the firm's own page.
    await page.getByTestId('forbidden-home').click();
    await page.getByTestId('firm-name').waitFor();
    // Its menu offers only that page, its inputs' cases on the risk list and the restricted-origin list
    // its supply page is measured against (firms:read).
    const menu = await page.locator('.ant-menu').first().textContent();
    expect(menu).toBe('我的企业风险清单限制来源清单');
    await page.close();
  });

  it('shows a viewer a 403 page on user management in English, without a permission code', async () => {
    const page = await pageAs('demo-viewer', 'en');
    await page.goto(`${server.baseUrl}/admin/users`);
    const forbidden = page.getByTestId('forbidden');
    await forbidden.waitFor();
    const text = (await forbidden.textContent()) ?? '';
    expect(text).toContain('You may not open this page');
    expect(text).toContain('manage users and grants');
    expect(text).not.toContain('users:manage');
    expect(await page.getByTestId('users-table').count()).toBe(0);
    // Nor does the user menu offer it.
    await page.getByTestId('user-menu').click();
    const dropdown = page.locator('.ant-dropdown-menu');
    await dropdown.waitFor();
    expect(await dropdown.textContent()).not.toContain('Users');
    expect(await dropdown.textContent()).not.toContain('Audit log');
    await page.close();
  });
});
