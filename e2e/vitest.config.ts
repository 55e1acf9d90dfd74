import { defineConfig } from 'vitest/config';

// Browser tier: the real server (chainbrain serve on a fresh PGlite folder) and Debian's Chromium.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    globalSetup: ['e2e/global-setup.ts'],
    // A step that goes to the real server (a case's action, a scan) can take over the default 1 s under
    // load (a helper saw risk-list's 化解 still 处置中 after 1 s beside a type check); a poll that holds
    // returns at once, so only a failing one waits the 5 s.
    expect: { poll: { timeout: 5_000 } },
  },
});
