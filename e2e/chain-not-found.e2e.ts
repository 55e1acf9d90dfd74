import { describe, expect, inject, it } from 'vitest';
import { useBrowser } from './support/browser.js';
import { signInThroughPage } from './support/login.js';

describe('an unknown chain in Chromium', () => {
  const server = { baseUrl: inject('baseUrl') };
  const chromium = useBrowser();

  for (const [lang, title] of [
    ['zh', '没有这条产业链'],
    ['en', 'No such chain'],
  ] as const) {
    it(`answers /chains/not-a-chain with one "not found" (${lang}), no zeros, no errors`, async () => {
      const page = await chromium.browser.newPage({ viewport: { width: 1280, height: 900 } });
      await signInThroughPage(page, server.baseUrl, 'demo-analyst');
      await page.evaluate(`localStorage.setItem('chainbrain.lang', '${lang}')`);
      const asked: string[] = [];
      page.on('request', (request) => {
        if (request.url().includes('not-a-chain')) asked.push(request.url());
      });
      await page.goto(`${server.baseUrl}/chains/not-a-chain`);
      await page.getByTestId('chain-not-found').waitFor();
      expect(await page.getByTestId('chain-not-found').textContent()).toContain(title);
      // It used to show a target of 0.00 亿元, a target line at 0 and two error boxes.
      expect(await page.locator('.ant-alert-error').count()).toBe(0);
      expect(await page.locator('.ant-statistic').count()).toBe(0);
      expect(await page.locator('body').textContent()).not.toContain('0.00');
      expect(
        asked.filter((url) => url.includes('/api/')),
        'the API is not asked about it',
      ).toEqual([]);
      await page.close();
    });
  }
});
