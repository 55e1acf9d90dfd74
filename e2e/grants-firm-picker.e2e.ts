import { describe, expect, inject, it } from 'vitest';
import { useBrowser } from './support/browser.js';
import { signInThroughPage } from './support/login.js';

describe('firm grants chosen by name in Chromium', () => {
  const server = { baseUrl: inject('baseUrl') };
  const chromium = useBrowser();

  // The grant stores a firm id, which no administrator knows: the editor searches firms by name or code.
  it('finds a firm by part of its name and grants it, showing the firm by name', async () => {
    const page = await chromium.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signInThroughPage(page, server.baseUrl, 'demo-admin');
    const firms = (await page.request
      .get(`${server.baseUrl}/api/v1/firms?page_size=1&county=330106`)
      .then((r) => r.json())) as { items: Array<{ id: number; name: string; uscc: string }> };
    const firm = firms.items[0];
    expect(firm).toBeDefined();
    await page.goto(`${server.baseUrl}/admin/users`);
    await page.getByTestId('user-new').click();
    await page.getByTestId('user-username').fill('e2e-firm-user');
    await page.getByTestId('user-display-name').fill('测试企业用户');
    await page.getByTestId('user-password').fill('Strong-password-2026');
    await page.getByLabel('角色').click();
    await page.locator('.ant-select-item-option', { hasText: '企业' }).first().click();
    const picker = page.getByTestId('grant-firm');
    await picker.click();
    await page.keyboard.type(firm!.name.slice(0, 4));
    const option = page.locator('.ant-select-item-option', { hasText: firm!.uscc });
    await option.waitFor();
    await option.click();
    await page.getByRole('button', { name: /保\s*存/ }).click();
    const row = page.getByTestId('users-table').locator('tr', { hasText: 'e2e-firm-user' });
    await expect.poll(() => row.textContent()).toContain(firm!.name);
    const users = (await page.request.get(`${server.baseUrl}/api/v1/users`).then((r) => r.json())) as Array<{
      username: string;
      grants: Array<{ role: string; firm_id: number | null }>;
    }>;
    expect(users.find((u) => u.username === 'e2e-firm-user')?.grants).toEqual([
      expect.objectContaining({ role: 'firm', firm_id: firm!.id }),
    ]);
    await page.close();
  });
});
