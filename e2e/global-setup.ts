import type { TestProject } from 'vitest/node';
import { type RunningServer, startServer } from './support/server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

let server: RunningServer | undefined;

/**
 * One real server for all browser tests: `chainbrain serve` on a fresh PGlite folder, first start with
 * the demo data (a smaller firm count keeps start-up short; the dataset's shape is the same).
 */
export async function setup(project: TestProject) {
  server = await startServer({ CHAINBRAIN_DEMO_FIRMS: process.env.CHAINBRAIN_DEMO_FIRMS ?? '3000' });
  project.provide('baseUrl', server.baseUrl);
}

export async function teardown() {
  await server?.stop();
}
