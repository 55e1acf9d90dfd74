import type { Page } from 'playwright-core';

export const DEMO_PASSWORD = 'chainbrain-demo';

/** Signs in through the login page, as a person would. */
export async function signInThroughPage(
  page: Page,
  baseUrl: string,
  username: string,
  password = DEMO_PASSWORD,
) {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-menu').waitFor();
}
