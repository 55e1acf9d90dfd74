/**
 * The risk list on a loaded demo (ADR 0021): how long a scan takes (finding the risks, and the whole scan
 * when nothing changes), and how long the list, its summary and a case take for a province, a city and a
 * county caller. Usage: node --import tsx src/risk-list.ts <PGlite folder with the demo loaded> [rounds]
 * (a demo folder: `node packages/cli/bin/chainbrain.js demo --data DIR`). The scans it runs are recorded
 * in the folder's list like any other.
 */
import {
  buildActor,
  findRisks,
  getRiskCase,
  getRiskSummary,
  listRiskCases,
  SYSTEM_ACTOR,
  scanRisks,
} from '@chainbrain/app';
import { BUNDLED_PLAN_ID, type Grant } from '@chainbrain/domain';
import { openDatabase } from '@chainbrain/store';

const [dataDir, roundsArg] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: risk-list.ts <PGlite folder> [rounds]');
const rounds = Number(roundsArg ?? 3);
const database = await openDatabase({ dataDir, warn: () => {} });
const plan = BUNDLED_PLAN_ID;

const actor = (grant: Partial<Grant> & Pick<Grant, 'role'>) =>
  buildActor(
    { id: 1, username: 'bench', displayName: 'bench' },
    [{ regionCode: null, chainId: null, firmId: null, ...grant }],
    'session',
  );
const callers = {
  province: actor({ role: 'province_analyst' }),
  city: actor({ role: 'city', regionCode: '330100' }),
  county: actor({ role: 'county', regionCode: '330106' }),
};

async function time<T>(label: string, work: () => Promise<T>): Promise<T> {
  const times: number[] = [];
  let result: T | undefined;
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    result = await work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  console.log(`${label}: ${times.map((t) => t.toFixed(0)).join(' / ')} ms (sorted)`);
  return result!;
}

try {
  const found = await time('find risks', () => findRisks(database, plan));
  console.log(`  ${found.findings.length} findings`);
  const total = { inputs: 0, same: 0, lower: 0, qualifying: 0, none: 0, atRisk: 0 };
  for (const r of found.coverage) {
    total.inputs += r.inputs;
    total.same += r.sameStandardReady;
    total.lower += r.lowerStandardReady;
    total.qualifying += r.inQualification;
    total.none += r.none;
    total.atRisk += r.atRisk;
  }
  console.log(`  backup coverage of the watched critical inputs: ${JSON.stringify(total)}`);
  await time('scan (nothing new)', () => scanRisks(database, SYSTEM_ACTOR, plan));
  for (const [name, caller] of Object.entries(callers)) {
    const page = await time(`${name}: list, first page of 50`, () =>
      listRiskCases(database, caller, plan, {}, { offset: 0, limit: 50 }),
    );
    console.log(`  ${page.total} cases in scope`);
    await time(`${name}: list, overdue or high, open`, () =>
      listRiskCases(
        database,
        caller,
        plan,
        { statuses: ['open', 'responding'], severity: 'high' },
        { offset: 0, limit: 50 },
      ),
    );
    await time(`${name}: summary`, () => getRiskSummary(database, caller, plan));
    const first = page.cases[0];
    if (first)
      await time(`${name}: one case with history`, () => getRiskCase(database, caller, plan, first.id));
  }
} finally {
  await database.close();
}
