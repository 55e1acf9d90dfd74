import { defineConfig } from 'vitest/config';

// Unit, store and app tests. Store/app tests run on PGlite and, when TEST_DATABASE_URL is set, on PostgreSQL.
// The browser tier lives in e2e/ with its own config.
export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'bench/**/*.test.ts'],
    // The web app's tests are of pure modules (colour contrast): they need no DOM.
    exclude: ['**/node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
