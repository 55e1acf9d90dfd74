import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { signInThroughPage } from './login.js';

/** Debian's Chromium, or CHROMIUM_PATH. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM_PATH);

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-quic',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

/**
 * One browser for the enclosing describe block: launched before its tests, closed after them. Read
 * `.browser` inside the tests.
 */
export function useBrowser(): { readonly browser: Browser } {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    get browser() {
      if (!browser) throw new Error('the browser was not launched');
      return browser;
    },
  };
}

/**
 * One browser and one page signed in as `username` (through the login page) for the enclosing describe
 * block. Read `.page` inside the tests.
 */
export function useSignedInPage(
  baseUrl: string,
  username: string,
  viewport = { width: 1400, height: 1000 },
): { readonly page: Page } {
  const chromium = useBrowser();
  let page: Page | undefined;
  beforeAll(async () => {
    page = await chromium.browser.newPage({ viewport });
    await signInThroughPage(page, baseUrl, username);
  });
  return {
    get page() {
      if (!page) throw new Error('the page was not opened');
      return page;
    },
  };
}
