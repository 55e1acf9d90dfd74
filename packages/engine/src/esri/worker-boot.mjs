// Entry of the ESRI worker threads. The engine is TypeScript run through tsx (no build step), and a
// worker thread does not inherit the loader of its parent, so the worker registers tsx itself and then
// loads the TypeScript worker. Works the same under the CLI and under Vitest.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
