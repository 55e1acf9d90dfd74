import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { useBrowser } from './support/browser.js';
import { DEMO_PASSWORD, signInThroughPage } from './support/login.js';

describe('sign-in and administration in Chromium', () => {
  const server = { baseUrl: inject('baseUrl') };
  const chromium = useBrowser();
  let page: Page;

  it('sends a signed-out visitor to the login page, which lists the demo accounts', async () => {
    page = await chromium.browser.newPage({ viewport: { width: 1300, height: 900 } });
    await page.goto(`${server.baseUrl}/`);
    await page.waitForURL(/\/login\?next=/);
    const accounts = page.getByTestId('demo-accounts');
    await accounts.waitFor();
    for (const name of [
      'demo-admin',
      'demo-analyst',
      'demo-chain-ic',
      'demo-city-hz',
      'demo-county-xihu',
      'demo-firm',
      'demo-viewer',
    ]) {
      expect(await accounts.textContent()).toContain(name);
    }
    await page.screenshot({ path: 'test-results/login.png' });
  });

  it('explains a wrong password in Chinese', async () => {
    await page.getByTestId('login-username').fill('demo-city-hz');
    await page.getByTestId('login-password').fill('wrong-password');
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('login-error').textContent()).toContain('用户名或密码错误');
  });

  it('signs a city official in and shows role and scope in the user menu', async () => {
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('user-menu').waitFor();
    await expect.poll(() => page.getByTestId('user-role').textContent()).toBe('市级 · 杭州市');
    // The city official sees firms of Hangzhou only.
    const firms = (await page.request
      .get(`${server.baseUrl}/api/v1/firms?page_size=200`)
      .then((r) => r.json())) as {
      items: Array<{ city_code: string }>;
    };
    expect(firms.items.length).toBeGreaterThan(0);
    expect(new Set(firms.items.map((f) => f.city_code))).toEqual(new Set(['330100']));
    await page.getByTestId('user-menu').click();
    await page.getByTestId('logout').click();
    await page.waitForURL(/\/login/);
    expect((await page.request.get(`${server.baseUrl}/api/v1/auth/me`)).status()).toBe(401);
  });

  it('lets the administrator create a user, who must replace the password before anything else', async () => {
    await signInThroughPage(page, server.baseUrl, 'demo-admin');
    await page.getByTestId('user-menu').click();
    await page.getByText('用户管理').click();
    await page.getByTestId('users-table').waitFor();
    await page.getByTestId('user-new').click();
    await page.getByTestId('user-username').fill('e2e-official');
    await page.getByTestId('user-display-name').fill('测试县级用户');
    // The server's rules are checked as the administrator types.
    await page.getByTestId('user-password').fill('e2e-official-Pw1');
    await page.getByText('密码不能包含用户名').waitFor();
    await page.getByTestId('user-password').fill('Strong-password-2026');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => page.getByTestId('users-table').textContent()).toContain('e2e-official');
    const newRow = page.getByTestId('users-table').locator('tr', { hasText: 'e2e-official' });
    expect(await newRow.getByTestId('user-must-change').count()).toBe(1);
    await page.getByTestId('user-menu').click();
    await page.getByTestId('logout').click();
    await page.waitForURL(/\/login/);

    // The page asks for nothing the API would refuse while the change is due.
    const refusedByPage: string[] = [];
    const onResponse = (response: { status(): number; url(): string }) => {
      if (response.status() === 403) refusedByPage.push(response.url());
    };
    page.on('response', onResponse);
    await signInThroughPage(page, server.baseUrl, 'e2e-official', 'Strong-password-2026');
    // Sent to the password page, and kept there: the dashboards' data is refused until the change.
    await page.waitForURL(/\/account\/password/);
    await page.getByTestId('password-due').waitFor();
    await page.waitForTimeout(500);
    expect(refusedByPage).toEqual([]);
    page.off('response', onResponse);
    await page.goto(`${server.baseUrl}/regions`);
    await page.waitForURL(/\/account\/password/);
    const refused = await page.request.get(`${server.baseUrl}/api/v1/auth/tokens`);
    expect(refused.status()).toBe(403);
    await page.getByTestId('password-current').fill('Strong-password-2026');
    await page.getByTestId('password-new').fill('Strong-password-2026');
    await page.getByText('新密码不能与当前密码相同').waitFor();
    await page.getByTestId('password-new').fill('short');
    await page.getByText('密码至少 12 个字符').waitFor();
    await page.getByTestId('password-new').fill('Only-I-know-this-2026');
    await page.getByTestId('password-again').fill('Only-I-know-this-2027');
    await page.getByText('两次输入的新密码不一致').waitFor();
    await page.getByTestId('password-again').fill('Only-I-know-this-2026');
    await page.getByTestId('password-submit').click();
    await page.waitForURL((url) => url.pathname === '/');
    await expect.poll(() => page.getByTestId('user-role').textContent()).toContain('只读');
    await page.getByTestId('overview-table').locator('tbody tr.ant-table-row').first().waitFor();
    expect((await page.request.get(`${server.baseUrl}/api/v1/auth/tokens`)).status()).toBe(200);
    await page.screenshot({ path: 'test-results/after-admin.png' });

    // A wrong current password is the server's refusal, shown in the form.
    await page.getByTestId('user-menu').click();
    await page.getByText('修改密码').click();
    await page.getByTestId('password-current').fill('not-my-password');
    await page.getByTestId('password-new').fill('Another-secret-2026');
    await page.getByTestId('password-again').fill('Another-secret-2026');
    await page.getByTestId('password-submit').click();
    await expect.poll(() => page.getByTestId('password-error').textContent()).toContain('当前密码不正确');
  });

  it('lands a firm user on their own firm, and only that firm', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByTestId('logout').click();
    await page.waitForURL(/\/login/);
    await signInThroughPage(page, server.baseUrl, 'demo-firm');
    await expect.poll(() => page.getByTestId('firm-name').textContent()).toContain('（演示）');
    // The user menu names the firm, not its internal id.
    const firmName = await page.getByTestId('firm-name').textContent();
    await page.getByTestId('user-menu').click();
    await expect.poll(() => page.locator('.ant-dropdown').textContent()).toContain(firmName!);
    await page.keyboard.press('Escape');
    const firms = (await page.request.get(`${server.baseUrl}/api/v1/firms`).then((r) => r.json())) as {
      total: number;
    };
    expect(firms.total).toBe(1);
    expect(
      (
        await page.request.get(`${server.baseUrl}/api/v1/plans/zj-chain-2020-2025/overview?month=2025-12`)
      ).status(),
    ).toBe(403);
  });
});
