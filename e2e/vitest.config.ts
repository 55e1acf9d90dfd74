import { defineConfig } from 'vitest/config';

// Browser tier: the real server (chainbrain serve on a fresh PGlite folder) and Debian's Chromium.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    globalSetup: ['e2e/global-setup.ts'],
  },
});
