// One scenario on a large generated network (engine API, after loading): time and memory.
// Usage: node --import tsx bench/src/scenario.ts [firms] [links]
import { buildNetwork, runScenario } from '@chainbrain/engine';
import { generateNetwork } from './generate.js';

const n = Number(process.argv[2] ?? 1_000_000);
const links = Number(process.argv[3] ?? 10 * n);
const mb = (x: number) => (x / 2 ** 20).toFixed(0);
let t = performance.now();
const g = generateNetwork({ firms: n, links, industries: 200 });
const tGen = performance.now() - t;
t = performance.now();
const net = buildNetwork({
  n,
  supplier: g.supplier,
  buyer: g.buyer,
  value: g.value,
  industry: g.industry,
  nIndustries: 200,
  production: 'table',
  essentiality: g.essentiality,
});
const tBuild = performance.now() - t;
// The scenario: the 10 firms with the largest sales stop (ψd = ψu = 1).
const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => net.sOut[b]! - net.sOut[a]!);
const firms = Int32Array.from(order.slice(0, 10));
const down = { firms, values: new Float64Array(10).fill(1) };
const times: number[] = [];
let last: ReturnType<typeof runScenario> | undefined;
for (let rep = 0; rep < 3; rep++) {
  t = performance.now();
  last = runScenario(net, { down }, { eps: 1e-2, substitution: true });
  times.push(performance.now() - t);
}
const mem = process.memoryUsage();
const maxRss = process.resourceUsage().maxRSS * 1024;
console.log(
  JSON.stringify({
    firms: n,
    links: net.m,
    generateMs: Math.round(tGen),
    buildMs: Math.round(tBuild),
    scenarioMs: times.map((x) => Math.round(x)),
    iterations: last!.iterations,
    esri: last!.esri,
    rssMB: mb(mem.rss),
    maxRssMB: mb(maxRss),
    heapUsedMB: mb(mem.heapUsed),
    arrayBuffersMB: mb(mem.arrayBuffers),
  }),
);
