import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkAccessibility, describeViolations, settle } from './support/axe.js';
import { launchBrowser } from './support/browser.js';
import { signInThroughPage } from './support/login.js';
import { pageSemantics } from './support/page-semantics.js';

type Lang = 'zh' | 'en';
type User = 'anonymous' | 'demo-admin' | 'demo-chain-ic' | 'demo-firm' | 'demo-viewer';

/** A page as a user reaches it: whose it is, where, what shows it is ready, and what to do on it first. */
type Visit = {
  name: string;
  user: User;
  path: string;
  /** Viewport width; the default is a desktop's. */
  width?: number;
  ready(page: Page): Promise<void>;
  /** Elements left out of the check, each with the reason beside it. */
  exclude?: string[];
};

const canvasIn = (page: Page, testId: string) => page.getByTestId(testId).locator('canvas').first().waitFor();
const firstRow = (page: Page, testId: string) =>
  page.getByTestId(testId).locator('tbody tr.ant-table-row').first().waitFor();

/**
 * Unfolds the charts' tables from the keyboard (focus, Enter), so that axe checks them too: it skips what
 * a closed <details> hides. `within` narrows it to a part of the page (the drawer).
 */
async function unfoldChartTables(page: Page, within = 'body') {
  const summaries = page.locator(`${within} details.chart-table > summary`);
  for (const summary of await summaries.all()) {
    await summary.focus();
    await page.keyboard.press('Enter');
  }
  await expect.poll(() => page.locator(`${within} details.chart-table:not([open])`).count()).toBe(0);
}

/** Every page a user can reach, as the roles that see it (the demo accounts of docs/security.md). */
const VISITS: Visit[] = [
  {
    name: 'login',
    user: 'anonymous',
    path: '/login',
    ready: (page) => page.getByTestId('demo-accounts').locator('li').first().waitFor(),
  },
  {
    name: 'overview',
    user: 'demo-admin',
    path: '/',
    ready: async (page) => {
      await firstRow(page, 'overview-table');
      await canvasIn(page, 'overview-chart');
      await firstRow(page, 'dependency-list');
    },
  },
  {
    name: 'overview with the user menu open',
    user: 'demo-admin',
    path: '/',
    ready: async (page) => {
      await firstRow(page, 'overview-table');
      await page.getByTestId('user-menu').click();
      await page.locator('.ant-dropdown-menu').waitFor();
    },
  },
  {
    // Below 768 px the menu folds into an icon button and the user menu shows an icon only.
    name: 'overview on a phone',
    user: 'demo-admin',
    path: '/',
    width: 390,
    ready: async (page) => {
      await firstRow(page, 'overview-table');
      await canvasIn(page, 'overview-chart');
      await page.getByTestId('nav-toggle').waitFor();
    },
  },
  {
    name: 'regions',
    user: 'demo-admin',
    path: '/regions',
    ready: async (page) => {
      await canvasIn(page, 'zhejiang-map');
      await firstRow(page, 'city-table');
      await page.getByTestId('county-tiles').locator('> div').first().waitFor();
    },
  },
  {
    name: 'chain',
    user: 'demo-admin',
    path: '/chains/integrated-circuits',
    ready: async (page) => {
      await canvasIn(page, 'chain-graph');
      await canvasIn(page, 'chain-trend');
      await firstRow(page, 'key-firms');
      await unfoldChartTables(page);
    },
  },
  {
    name: 'chain coloured by import dependency',
    user: 'demo-admin',
    path: '/chains/integrated-circuits',
    ready: async (page) => {
      await canvasIn(page, 'chain-graph');
      await page.getByTestId('chain-color-by').locator('.ant-segmented-item').nth(1).click();
      await page.getByTestId('export-dependency').waitFor();
    },
  },
  {
    // The other way a keyboard reaches a node: its name in the chain map's table, then Enter. The first row
    // is a node of another chain, whose drawer is of its own kind (imports only; EDA above has no imports).
    name: 'chain with a node opened from the node table',
    user: 'demo-admin',
    path: '/chains/integrated-circuits',
    ready: async (page) => {
      await canvasIn(page, 'chain-graph');
      await unfoldChartTables(page);
      await page.locator('details.chart-table').first().getByRole('button').first().focus();
      await page.keyboard.press('Enter');
      await page.getByTestId('node-drawer').waitFor();
      await page.getByTestId('node-dependency').waitFor();
      await unfoldChartTables(page, '.ant-drawer');
    },
  },
  {
    // Opened as a keyboard user would: Tab to the node finder, type a name, Enter.
    name: 'chain with a node drawer open',
    user: 'demo-admin',
    path: '/chains/integrated-circuits',
    ready: async (page) => {
      await canvasIn(page, 'chain-graph');
      await page.getByTestId('node-select').locator('input').focus();
      await page.keyboard.type('EDA');
      await page.locator('.ant-select-item-option-active').waitFor();
      await page.keyboard.press('Enter');
      await page.getByTestId('node-drawer').waitFor();
      await firstRow(page, 'node-firms');
      await page.getByTestId('node-dependency').waitFor();
      await unfoldChartTables(page, '.ant-drawer');
    },
  },
  {
    // The chain services (ADR 0022) as a chain leader reads them: the gap view and the project library,
    // then each of the other two tabs.
    name: 'chain services: projects and gaps',
    user: 'demo-chain-ic',
    path: '/chains/integrated-circuits',
    ready: async (page) => {
      await firstRow(page, 'chain-gaps');
      await firstRow(page, 'chain-projects');
    },
  },
  {
    name: 'chain services: first-of-a-kind products',
    user: 'demo-chain-ic',
    path: '/chains/integrated-circuits',
    ready: async (page) => {
      await page.getByTestId('chain-services').getByRole('tab').nth(1).click();
      await firstRow(page, 'chain-first-of-kind');
    },
  },
  {
    name: 'chain services: communities',
    user: 'demo-chain-ic',
    path: '/chains/integrated-circuits',
    ready: async (page) => {
      await page.getByTestId('chain-services').getByRole('tab').nth(2).click();
      await page.getByTestId('community').first().waitFor();
    },
  },
  {
    // A viewer's figures, with the node drawer's own figures open too.
    name: 'chain services as a viewer, with a node drawer',
    user: 'demo-viewer',
    path: '/chains/integrated-circuits',
    ready: async (page) => {
      await firstRow(page, 'chain-gaps');
      await firstRow(page, 'project-summary');
      await page.getByTestId('chain-gaps').getByRole('button').first().click();
      await page.getByTestId('node-services').waitFor();
      await page.getByTestId('node-project-figures').waitFor();
    },
  },
  {
    name: 'chain not found',
    user: 'demo-admin',
    path: '/chains/no-such-chain',
    ready: (page) => page.getByTestId('chain-not-found').waitFor(),
  },
  {
    name: 'my firm',
    user: 'demo-firm',
    path: '/',
    ready: async (page) => {
      await page.getByTestId('firm-name').waitFor();
      await page.locator('canvas').first().waitFor();
      await firstRow(page, 'firm-supply');
      await unfoldChartTables(page);
    },
  },
  {
    // An official's way to a firm: a name in a chain's key firms.
    name: 'firm page',
    user: 'demo-chain-ic',
    path: '/chains/integrated-circuits',
    ready: async (page) => {
      await firstRow(page, 'key-firms');
      await page.getByTestId('key-firms').locator('tbody tr.ant-table-row').first().getByRole('link').click();
      await page.getByTestId('firm-name').waitFor();
      await firstRow(page, 'firm-supply');
      await unfoldChartTables(page);
    },
  },
  {
    name: 'risk list',
    user: 'demo-admin',
    path: '/risks',
    ready: async (page) => {
      await firstRow(page, 'risk-table');
      await page.getByTestId('risk-counts').waitFor();
      await page.getByTestId('risk-scan-line').waitFor();
    },
  },
  {
    // A firm's input, opened as a keyboard user would: its number is a link.
    name: 'risk case of a firm input',
    user: 'demo-admin',
    path: '/risks?kind=firm_input',
    ready: async (page) => {
      await firstRow(page, 'risk-table');
      await page.getByTestId('risk-open').first().focus();
      await page.keyboard.press('Enter');
      await page.getByTestId('risk-history').waitFor();
      await page.getByTestId('risk-actions').waitFor();
    },
  },
  {
    // A node's import dependency, with its years' table; the form shows a refusal (a note is missing).
    name: 'risk case of a node, with a note missing',
    user: 'demo-admin',
    path: '/risks?kind=node_import',
    ready: async (page) => {
      await firstRow(page, 'risk-table');
      await page.getByTestId('risk-open').first().click();
      await page.getByTestId('risk-figures').locator('tbody tr').first().waitFor();
      await page.getByTestId('risk-action-comment').click();
      await page.locator('.ant-drawer .ant-form-item-explain-error').waitFor();
    },
  },
  {
    // A province administrator's view: the list with its remove buttons, and the form to add.
    name: 'restricted-origin list',
    user: 'demo-admin',
    path: '/restricted-origins',
    ready: async (page) => {
      await firstRow(page, 'restricted-table');
      await page.getByTestId('restricted-add-form').waitFor();
    },
  },
  {
    // Read only: no form, no buttons.
    name: 'restricted-origin list, read only',
    user: 'demo-chain-ic',
    path: '/restricted-origins',
    ready: (page) => firstRow(page, 'restricted-table'),
  },
  {
    name: 'forbidden',
    user: 'demo-firm',
    path: '/regions',
    ready: (page) => page.getByTestId('forbidden').waitFor(),
  },
  {
    name: 'users',
    user: 'demo-admin',
    path: '/admin/users',
    ready: (page) => firstRow(page, 'users-table'),
  },
  {
    // The firm user's grant shows every kind of field the grants editor has: role, firm picker, remove.
    name: 'grants editor',
    user: 'demo-admin',
    path: '/admin/users',
    ready: async (page) => {
      await firstRow(page, 'users-table');
      const row = page.getByTestId('users-table').locator('tr', { hasText: 'demo-firm' });
      await row.getByRole('button').click();
      await page.getByTestId('grant-firm').waitFor();
      // The granted firm shown by its name (demo firms' names end in （演示）), not yet by its id.
      await page.locator('.ant-modal').getByText('（演示）').first().waitFor();
    },
  },
  {
    name: 'audit log',
    user: 'demo-admin',
    path: '/admin/audit',
    ready: async (page) => {
      await page.getByTestId('audit-count').waitFor();
      await page.getByTestId('audit-verify').click();
      await page.getByTestId('audit-result').waitFor();
    },
  },
  {
    name: 'tokens',
    user: 'demo-admin',
    path: '/account/tokens',
    ready: (page) => page.getByTestId('token-limit').waitFor(),
  },
  {
    name: 'new token form',
    user: 'demo-admin',
    path: '/account/tokens',
    ready: async (page) => {
      await page.getByTestId('token-new').click();
      await page.getByTestId('token-name').waitFor();
    },
  },
  {
    // With the rules' messages showing, as while a user types.
    name: 'password',
    user: 'demo-admin',
    path: '/account/password',
    ready: async (page) => {
      await page.getByTestId('password-new').fill('short');
      await page.getByTestId('password-again').fill('other');
      await page.locator('.ant-form-item-explain-error').nth(1).waitFor();
    },
  },
  {
    name: 'not found',
    user: 'demo-admin',
    path: '/no-such-page',
    ready: (page) => page.getByTestId('not-found-home').waitFor(),
  },
];

/**
 * Every page in both languages through axe-core at WCAG 2.1 AA (GB/T 37668-2019 follows WCAG 2.x). Any
 * violation fails, with the rule, its impact and where; docs/accessibility.md says what is left out and why.
 */
describe.each(['zh', 'en'] as const)('accessibility (WCAG 2.1 AA) in Chromium, %s', (lang: Lang) => {
  const server = { baseUrl: inject('baseUrl') };
  let browser: Browser;
  const contexts = new Map<User, BrowserContext>();

  /** One signed-in context per user, reading the app in `lang` from its first page on. */
  async function contextFor(user: User): Promise<BrowserContext> {
    const existing = contexts.get(user);
    if (existing) return existing;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript(`localStorage.setItem('chainbrain.lang', '${lang}')`);
    if (user !== 'anonymous') {
      const page = await context.newPage();
      await signInThroughPage(page, server.baseUrl, user);
      await page.close();
    }
    contexts.set(user, context);
    return context;
  }

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const visit of VISITS) {
    it(`${visit.name} (${visit.user})`, async () => {
      const context = await contextFor(visit.user);
      const page = await context.newPage();
      try {
        if (visit.width) await page.setViewportSize({ width: visit.width, height: 844 });
        await page.goto(`${server.baseUrl}${visit.path}`);
        await visit.ready(page);
        await settle(page);
        const where = `${visit.name} [${lang}] ${visit.path}`;
        const violations = await checkAccessibility(page, visit.exclude);
        expect(violations.length, `\n${describeViolations(where, violations)}\n`).toBe(0);
        const semantics = await pageSemantics(page);
        expect(semantics, where).toEqual({
          lang: lang === 'zh' ? 'zh-CN' : 'en',
          // The page's own name before the app's.
          title: expect.stringMatching(lang === 'zh' ? /^.+ - 产业链大脑$/ : /^.+ - ChainBrain$/),
          mains: 1,
          unnamedNavs: 0,
          unnamedCharts: 0,
        });
      } finally {
        await page.close();
      }
    });
  }
});
