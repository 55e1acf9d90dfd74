import { describe, expect, inject, it } from 'vitest';
import { useSignedInPage } from './support/browser.js';

type Entry = { id: number; country: string; hs: string; source: string };
type Case = {
  firm_id: number | null;
  node_name_zh: string;
  findings: { kind: string; entered_by?: string[]; restricted?: { share: number } | null };
};

/** The restricted-origin list (ADR 0024) as a province administrator keeps it. */
describe('the restricted-origin list for a province administrator in Chromium', () => {
  const server = { baseUrl: inject('baseUrl') };
  const signedIn = useSignedInPage(server.baseUrl, 'demo-admin');
  const rows = () => signedIn.page.getByTestId('restricted-table').locator('tbody tr.ant-table-row');

  it('lists the demo’s entries with their sources, adds one, refuses a bad code and removes it', async () => {
    const { page } = signedIn;
    const listed = (await page.request
      .get(`${server.baseUrl}/api/v1/restricted-origins`)
      .then((r) => r.json())) as { items: Entry[] };
    expect(listed.items.length, 'the demo seeds a list').toBeGreaterThanOrEqual(5);
    await page.goto(`${server.baseUrl}/restricted-origins`);
    await expect.poll(() => rows().count()).toBe(listed.items.length);
    await expect
      .poll(() => page.getByTestId('restricted-table').textContent())
      .toContain('US EAR ECCN 3A090, 2022-10');
    await expect.poll(() => page.getByTestId('restricted-next-scan').textContent()).toContain('下一次扫描');

    // A code that is no HS code: the server's message names it, in Chinese.
    await page.getByTestId('restricted-country').fill('DE');
    await page.getByTestId('restricted-hs').fill('ECCN 3B001');
    await page.getByTestId('restricted-source').fill('e2e: a made-up source');
    await page.getByTestId('restricted-add').click();
    await expect.poll(() => page.getByTestId('restricted-add-error').textContent()).toContain('"ECCN 3B001"');
    await expect.poll(() => page.getByTestId('restricted-add-error').textContent()).toContain('HS 编码');

    await page.getByTestId('restricted-hs').fill('9027.50');
    await page.getByTestId('restricted-add').click();
    await expect.poll(() => rows().count()).toBe(listed.items.length + 1);
    const row = rows().filter({ hasText: 'e2e: a made-up source' });
    await expect.poll(() => row.textContent()).toContain('902750');
    await expect.poll(() => row.textContent()).toContain('demo-admin');

    // Removing asks first.
    await row.getByRole('button').click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '删除' }).click();
    await expect.poll(() => rows().count()).toBe(listed.items.length);
  });

  it('shows a firm’s input bought from a restricted origin, and the risk case the demo’s scan made of it', async () => {
    const { page } = signedIn;
    const cases = (await page.request
      .get(`${server.baseUrl}/api/v1/risks?kind=firm_input&page_size=200`)
      .then((r) => r.json())) as { total: number; items: Case[] };
    const restricted = cases.items.filter((c) => c.findings.entered_by?.includes('restricted_origin'));
    expect(restricted.length, 'the demo’s list brings cases onto the risk list').toBeGreaterThan(0);
    const c = restricted[0]!;
    await page.goto(`${server.baseUrl}/firms/${c.firm_id}`);
    const row = page
      .getByTestId('firm-supply')
      .locator('tbody tr.ant-table-row')
      .filter({ hasText: c.node_name_zh });
    await expect
      .poll(() => row.getByTestId('restricted-cell').textContent())
      .toContain(`限制来源占比 ${((c.findings.restricted?.share ?? 0) * 100).toFixed(1)}%`);
  });
});

/** A county official reads the list, and is offered no way to change it. */
describe('the restricted-origin list for a county official in Chromium', () => {
  const server = { baseUrl: inject('baseUrl') };
  const signedIn = useSignedInPage(server.baseUrl, 'demo-county-xihu');

  it('lists the entries without a form or a remove button', async () => {
    const { page } = signedIn;
    await page.goto(`${server.baseUrl}/restricted-origins`);
    const rows = page.getByTestId('restricted-table').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(5);
    await expect.poll(() => page.locator('.ant-menu').first().textContent()).toContain('限制来源清单');
    expect(await page.getByTestId('restricted-add-form').count()).toBe(0);
    expect(await page.getByTestId('restricted-table').getByRole('button').count()).toBe(0);
  });
});
