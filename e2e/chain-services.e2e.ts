import { describe, expect, inject, it } from 'vitest';
import { useSignedInPage } from './support/browser.js';

const PLAN = 'zj-chain-2020-2025';
const CHAIN = 'integrated-circuits';
const API = `/api/v1/plans/${PLAN}/chains/${CHAIN}`;

type Project = { id: number; name: string; node_id: string; firm: { id: number; name: string } | null };
type GapNode = { node_id: string; projects: number; listed: Project[] | null };
type Gaps = { month: string; with_projects: number; without_projects: number; nodes: GapNode[] };

/** The chain services section (ADR 0022) as the chain leader of integrated circuits and a viewer see it. */
describe('chain services in Chromium', () => {
  const baseUrl = inject('baseUrl');

  describe('as the chain leader of integrated circuits', () => {
    const ctx = useSignedInPage(baseUrl, 'demo-chain-ic');
    const api = async <T>(path: string) => {
      const response = await ctx.page.request.get(`${baseUrl}${path}`);
      expect(response.status(), path).toBe(200);
      return (await response.json()) as T;
    };

    it('lists the projects of the scope, with firms, and marks the gaps without a project in red', async () => {
      const page = ctx.page;
      await page.goto(`${baseUrl}/chains/${CHAIN}`);
      const gapsTable = page.getByTestId('chain-gaps');
      await gapsTable.locator('tbody tr.ant-table-row').first().waitFor();
      const month = new URL(page.url()).searchParams.get('month');
      const gaps = await api<Gaps>(`${API}/gaps?month=${month ?? (await latestMonth())}`);
      expect(gaps.nodes.length).toBeGreaterThan(0);
      expect(await gapsTable.locator('tbody tr.ant-table-row').count()).toBe(gaps.nodes.length);
      // Exactly the nodes without a project carry the red tag.
      expect(await gapsTable.getByTestId('gap-no-project').count()).toBe(gaps.without_projects);
      const counts = await page.getByTestId('gap-counts').textContent();
      expect(counts).toContain(String(gaps.with_projects));
      expect(counts).toContain(String(gaps.without_projects));
      // The library: the caller's projects, the firms named and linked.
      const { items } = await api<{ items: Project[] }>(`${API}/projects`);
      expect(items.length).toBeGreaterThan(0);
      const rows = page.getByTestId('chain-projects').locator('tbody tr.ant-table-row');
      await rows.first().waitFor();
      expect(await rows.count()).toBe(Math.min(20, items.length));
      const withFirm = items.slice(0, 20).find((p) => p.firm !== null);
      if (withFirm)
        expect(
          await page.getByTestId('chain-projects').getByRole('link', { name: withFirm.firm!.name }).count(),
        ).toBeGreaterThan(0);
      // Amounts in 亿元 with two decimals.
      expect(await rows.first().textContent()).toMatch(/\d+\.\d{2}/);
    });

    it("shows a node's projects in its drawer", async () => {
      const page = ctx.page;
      const { items } = await api<{ items: Project[] }>(`${API}/projects`);
      const nodeId = items[0]!.node_id;
      const atNode = items.filter((p) => p.node_id === nodeId);
      await page.goto(`${baseUrl}/chains/${CHAIN}?node=${nodeId}`);
      const table = page.getByTestId('node-projects');
      await table.locator('tbody tr.ant-table-row').first().waitFor();
      expect(await table.locator('tbody tr.ant-table-row').count()).toBe(Math.min(20, atNode.length));
      for (const p of atNode.slice(0, 20)) expect(await table.textContent()).toContain(p.name);
    });

    it('lists the communities its chain leaders lead', async () => {
      const page = ctx.page;
      const { items } = await api<{ items: Array<{ name: string; members: number }> }>(`${API}/communities`);
      await page.goto(`${baseUrl}/chains/${CHAIN}`);
      await page.getByTestId('chain-services').getByRole('tab').nth(2).click();
      await page.getByTestId('community').first().waitFor();
      expect(await page.getByTestId('community').count()).toBe(items.length);
      expect(await page.getByTestId('chain-communities').textContent()).toContain(items[0]!.name);
    });

    async function latestMonth(): Promise<string> {
      const plan = await api<{ latest_month: string | null }>(`/api/v1/plans/${PLAN}`);
      expect(plan.latest_month).not.toBeNull();
      return plan.latest_month!;
    }
  });

  describe('as a viewer', () => {
    const ctx = useSignedInPage(baseUrl, 'demo-viewer');

    it('shows figures per node and stage and no project or firm name', async () => {
      const page = ctx.page;
      expect((await page.request.get(`${baseUrl}${API}/projects`)).status()).toBe(403);
      const summary = (await (await page.request.get(`${baseUrl}${API}/services/summary`)).json()) as {
        projects: Array<{ investment: number | null; suppressed: boolean }>;
      };
      await page.goto(`${baseUrl}/chains/${CHAIN}`);
      const section = page.getByTestId('chain-services');
      await page.getByTestId('project-summary').locator('tbody tr.ant-table-row').first().waitFor();
      expect(await page.getByTestId('project-summary').locator('tbody tr.ant-table-row').count()).toBe(
        summary.projects.length,
      );
      expect(await page.getByTestId('chain-projects').count()).toBe(0);
      // No firm link and no demo project or firm name (they all end in （演示）) anywhere in the section.
      expect(await section.locator('a[href^="/firms/"]').count()).toBe(0);
      expect(await section.textContent()).not.toContain('演示');
      await page.getByTestId('chain-gaps').locator('tbody tr.ant-table-row').first().waitFor();
      expect(await page.getByTestId('chain-gaps').textContent()).not.toContain('演示');
      // Sums on one or two firms (most of the demo's cells) are withheld: a dash that says why.
      const withheld = summary.projects.filter((p) => p.suppressed);
      expect(withheld.length).toBeGreaterThan(0);
      for (const p of withheld) expect(p.investment).toBeNull();
      const dashes = page.getByTestId('project-summary').getByTestId('suppressed');
      expect(await dashes.count()).toBe(withheld.length);
      // The rule in its own terms: contributors to an investment sum, not months of output.
      expect(await dashes.first().getAttribute('title')).toContain('统计保密');
      expect(await dashes.first().getAttribute('title')).toContain('投资合计');
      expect(await section.getByTestId('suppressed-note').first().textContent()).toContain('统计保密');
      // In English the same dashes explain themselves in English.
      await page.evaluate(`localStorage.setItem('chainbrain.lang', 'en')`);
      await page.reload();
      await page.getByTestId('project-summary').locator('tbody tr.ant-table-row').first().waitFor();
      expect(await dashes.count()).toBe(withheld.length);
      expect(await dashes.first().getAttribute('title')).toMatch(/withheld|confidential/i);
      expect(await dashes.first().getAttribute('title')).toContain('investment sum');
      expect(await section.getByTestId('suppressed-note').first().textContent()).toContain('withheld');
      await page.evaluate(`localStorage.setItem('chainbrain.lang', 'zh')`);
    });
  });
});
