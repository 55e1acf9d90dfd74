import { describe, expect, inject, it } from 'vitest';
import { useBrowser } from './support/browser.js';
import { signInThroughPage } from './support/login.js';

/**
 * The audit log pages back through the whole log: "load more" asks for the entries older than the last
 * one shown (before=<id>). It stopped at 500 entries before. The log of the test server is short, so the
 * API's answers are made up here: 250 entries, ids 250 down to 1.
 */
describe('audit log paging in Chromium', () => {
  const server = { baseUrl: inject('baseUrl') };
  const chromium = useBrowser();

  it('loads older entries page by page until the first, then says it shows them all', async () => {
    const page = await chromium.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signInThroughPage(page, server.baseUrl, 'demo-admin');
    const asked: string[] = [];
    await page.route('**/api/v1/audit?*', (route) => {
      const url = new URL(route.request().url());
      asked.push(url.search);
      const limit = Number(url.searchParams.get('limit'));
      const before = Number(url.searchParams.get('before') ?? 251);
      const ids = Array.from({ length: Math.min(limit, before - 1) }, (_, i) => before - 1 - i);
      return route.fulfill({
        json: ids.map((id) => ({
          id,
          at: '2026-11-28T10:00:00.000Z',
          actor_name: 'system',
          action: 'plan.load',
          target_type: 'plan',
          target_id: 'zj-chain-2020-2025',
          details: {},
          ip: null,
        })),
      });
    });
    await page.goto(`${server.baseUrl}/admin/audit`);
    const count = page.getByTestId('audit-count');
    await count.waitFor();
    await expect.poll(() => count.textContent()).toContain('100');
    await page.getByTestId('audit-more').click();
    await expect.poll(() => count.textContent()).toContain('200');
    await page.getByTestId('audit-more').click();
    await expect.poll(() => count.textContent()).toContain('共 250 条');
    expect(await page.getByTestId('audit-more').count()).toBe(0);
    expect(asked).toEqual(['?limit=100', '?limit=100&before=151', '?limit=100&before=51']);
    await page.close();
  });
});
