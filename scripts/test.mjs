#!/usr/bin/env node
// `npm test`: every test tier, with a loud line for each tier that cannot run here.
//   unit + store/app/server on PGlite        always
//   the same store/app/server tests on PostgreSQL   when TEST_DATABASE_URL is set
//   e2e in Chromium                          when /usr/bin/chromium (or CHROMIUM_PATH) exists
// CHAINBRAIN_REQUIRE_ALL_TIERS=1 (set by .ci/run) turns a skipped tier into a failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const tmp = join(root, '.tmp');
mkdirSync(tmp, { recursive: true });
const requireAll = process.env.CHAINBRAIN_REQUIRE_ALL_TIERS === '1';
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const tiers = [];
const totals = { passed: 0, failed: 0, skipped: 0 };
let failedRun = false;

function run(command, args, extraEnv = {}) {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...extraEnv },
  });
  return result.status ?? 1;
}

function vitest(name, args, reportFile) {
  const status = run('npx', [
    'vitest',
    'run',
    ...args,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${reportFile}`,
  ]);
  if (existsSync(reportFile)) {
    const report = JSON.parse(readFileSync(reportFile, 'utf8'));
    totals.passed += report.numPassedTests;
    totals.failed += report.numFailedTests;
    totals.skipped += report.numPendingTests + report.numTodoTests;
    if (report.numTotalTests === 0) {
      console.error(`!!! ${name}: no test ran`);
      failedRun = true;
    }
  }
  if (status !== 0) failedRun = true;
  return status;
}

const pgUrl = process.env.TEST_DATABASE_URL;
tiers.push({ name: 'unit + PGlite', ran: true });
tiers.push({ name: 'PostgreSQL', ran: Boolean(pgUrl), why: 'TEST_DATABASE_URL is not set' });
vitest('unit/store/app/server', [], join(tmp, 'vitest-main.json'));

const hasChromium = existsSync(chromium);
tiers.push({ name: 'e2e (Chromium)', ran: hasChromium, why: `${chromium} not found` });
if (hasChromium) {
  if (run('npm', ['run', 'build:web']) !== 0) failedRun = true;
  else vitest('e2e', ['--config', 'e2e/vitest.config.ts'], join(tmp, 'vitest-e2e.json'));
}

console.log('\n=== ChainBrain test tiers ===');
for (const tier of tiers) {
  console.log(tier.ran ? `  ran      ${tier.name}` : `  SKIPPED  ${tier.name}: ${tier.why}  <<<<<<<<<<`);
}
const skippedTiers = tiers.filter((t) => !t.ran);
if (skippedTiers.length > 0) {
  console.log(
    `\n*** ${skippedTiers.length} tier(s) SKIPPED${requireAll ? ' and CHAINBRAIN_REQUIRE_ALL_TIERS=1: failing' : ''} ***`,
  );
  if (requireAll) failedRun = true;
}
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedRun || totals.failed > 0 ? 1 : 0);
