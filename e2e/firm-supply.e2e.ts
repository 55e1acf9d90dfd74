import { describe, expect, inject, it } from 'vitest';
import { useSignedInPage } from './support/browser.js';

type Supply = {
  year: string | null;
  inputs: Array<{ name_zh: string; suppliers: number; at_risk: boolean; largest_share: number }>;
};

/** A firm's own page shows its supply risk by input as the API gives it. */
describe('supply risk of a firm in Chromium', () => {
  const server = { baseUrl: inject('baseUrl') };
  const signedIn = useSignedInPage(server.baseUrl, 'demo-firm');

  it('lists each input with its sources, its largest source’s share and whether it is at risk', async () => {
    const { page } = signedIn;
    const firms = (await page.request.get(`${server.baseUrl}/api/v1/firms`).then((r) => r.json())) as {
      items: Array<{ id: number }>;
    };
    const api = (await page.request
      .get(`${server.baseUrl}/api/v1/firms/${firms.items[0]!.id}/supply`)
      .then((r) => r.json())) as Supply;
    expect(api.inputs.length, 'the demo firm buys inputs').toBeGreaterThan(0);
    await page.goto(`${server.baseUrl}/`);
    const panel = page.getByTestId('firm-supply');
    await expect
      .poll(() => panel.getByRole('heading').textContent())
      .toBe(`供应风险（${api.year}年采购，按投入环节）`);
    const rows = panel.locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(api.inputs.length);
    for (const [k, input] of api.inputs.entries()) {
      const cells = await rows.nth(k).locator('td').allTextContents();
      expect(cells[0]).toBe(input.name_zh);
      expect(cells[3]).toBe(String(input.suppliers));
      expect(cells[4]).toContain(`${(input.largest_share * 100).toFixed(1)}%`);
      // cells[7] is the restricted-origin column (restricted-origins.e2e.ts checks it).
      expect(cells[8]).toBe(input.at_risk ? '有风险' : '—');
    }
  });
});

/** An official reaches a firm of a list (a chain's key firms) and sees the same card, supply risk included. */
describe('a firm page for an official in Chromium', () => {
  const server = { baseUrl: inject('baseUrl') };
  const signedIn = useSignedInPage(server.baseUrl, 'demo-chain-ic');

  it('opens a key firm from the chain page with its output and supply risk', async () => {
    const { page } = signedIn;
    await page.goto(`${server.baseUrl}/chains/integrated-circuits`);
    const link = page.getByTestId('key-firms').locator('tbody tr.ant-table-row').first().getByRole('link');
    const name = (await link.textContent()) ?? '';
    await link.click();
    await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/firms\/\d+$/);
    const id = Number(new URL(page.url()).pathname.split('/').pop());
    await expect.poll(() => page.getByTestId('firm-name').textContent()).toBe(name);
    const api = (await page.request
      .get(`${server.baseUrl}/api/v1/firms/${id}/supply`)
      .then((r) => r.json())) as Supply;
    const rows = page.getByTestId('firm-supply').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(api.inputs.length);
    // A firm outside the leader's chain is the API's 404, said on the page, not an empty card.
    await page.goto(`${server.baseUrl}/firms/999999999`);
    // (after the client's one retry)
    await expect
      .poll(() => page.getByText('未找到企业 999999999').count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
  });
});
