import { describe, expect, inject, it } from 'vitest';
import { useSignedInPage } from './support/browser.js';

type Summary = {
  by_status: Record<string, number>;
  backup_coverage: {
    total: { inputs: number; same_standard_ready: number; lower_standard_ready: number };
  } | null;
};

/** The risk list on the overview: its counts for an official who reads firms, nothing for a viewer. */
describe('the risk list on the overview in Chromium', () => {
  const baseUrl = inject('baseUrl');

  describe('as the Hangzhou city office', () => {
    const signedIn = useSignedInPage(baseUrl, 'demo-city-hz');

    it('shows the city’s counts and backup coverage, and a count opens the list with its cases', async () => {
      const { page } = signedIn;
      await page.goto(baseUrl);
      const digest = page.getByTestId('risk-digest');
      await digest.waitFor();
      const summary = (await page.request
        .get(`${baseUrl}/api/v1/risks/summary`)
        .then((r) => r.json())) as Summary;
      const open = digest.getByTestId('risk-count-open');
      await expect.poll(() => open.textContent()).toContain(summary.by_status.open!.toLocaleString('zh-CN'));
      const coverage = summary.backup_coverage!.total;
      await expect
        .poll(() => digest.getByTestId('backup-coverage').textContent())
        .toContain(`重点企业关键投入 ${coverage.inputs.toLocaleString('zh-CN')} 项`);
      await open.click();
      await page.waitForURL(/\/risks\?status=open$/);
      // The list's total is the number clicked: the city's open cases.
      const total = await page.request
        .get(`${baseUrl}/api/v1/risks?status=open`)
        .then((r) => r.json() as Promise<{ total: number }>);
      expect(total.total).toBe(summary.by_status.open);
      await page.getByTestId('risk-counts').waitFor();
    });
  });

  describe('the rules on the risk list', () => {
    const signedIn = useSignedInPage(baseUrl, 'demo-county-xihu');

    it('states the entry rules and deadlines in the server’s figures', async () => {
      const { page } = signedIn;
      await page.goto(`${baseUrl}/risks`);
      const panel = page.getByTestId('risk-rules');
      await panel.getByText('列入规则与处置时限').click();
      await expect.poll(() => panel.textContent()).toContain('最大来源占比 ≥ 80.0% 或境外采购占比 > 50.0%');
      expect(await panel.textContent()).toContain('县级 3 个、市级 3 个、省级 5 个工作日内响应');
      expect(await panel.textContent()).toContain('2025、2026 年节假日安排');
      expect(await panel.textContent()).toContain('HHI > 0.40');
    });
  });

  describe('as a viewer', () => {
    const signedIn = useSignedInPage(baseUrl, 'demo-viewer');

    it('shows no risk list on the overview (a viewer reads no firm)', async () => {
      const { page } = signedIn;
      await page.goto(baseUrl);
      await page.getByTestId('overview-table').waitFor();
      expect(await page.getByTestId('risk-digest').count()).toBe(0);
    });
  });
});
