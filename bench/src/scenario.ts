// One scenario on a large generated network (engine API, after loading): time and memory, on the
// calling thread (runScenario) and on a pool of `threads` workers that split its dense steps, first
// alternating with the calling thread's runs, then three pool runs in a row.
// Usage: node --import tsx bench/src/scenario.ts [firms] [links] [threads] [cold]
import { EsriPool, runScenario } from '@chainbrain/engine';
import { buildGeneratedNetwork, generateNetwork } from './generate.js';

const n = Number(process.argv[2] ?? 1_000_000);
const links = Number(process.argv[3] ?? 10 * n);
const threads = Number(process.argv[4] ?? 2);
const cold = process.argv[5] === 'cold';
const mb = (x: number) => (x / 2 ** 20).toFixed(0);
let t = performance.now();
const g = generateNetwork({ firms: n, links, industries: 200 });
const tGen = performance.now() - t;
t = performance.now();
// On SharedArrayBuffer, so that the pool's workers read it without a copy.
const net = buildGeneratedNetwork(g, true);
const tBuild = performance.now() - t;
// Scenarios: the 10 firms with the largest sales stop; the largest seller alone; a firm of median sales.
const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => net.sOut[b]! - net.sOut[a]!);
const scenarios = [
  { name: 'top-10 sellers stop', firms: order.slice(0, 10) },
  { name: 'largest seller stops', firms: order.slice(0, 1) },
  { name: 'median seller stops', firms: [order[n >> 1]!] },
];
const options = { eps: 1e-2, substitution: true };
const pool = await EsriPool.create(net, { threads });
// Loading a service's network includes its warm-up (EsriPool.warmUp, a throw-away scenario run twice);
// `cold` skips it, to show what the first scenario costs without it.
t = performance.now();
if (!cold) await pool.warmUp();
const warmUpMs = cold ? undefined : Math.round(performance.now() - t);
const results = [];
for (const { name, firms } of scenarios) {
  const down = { firms: Int32Array.from(firms), values: new Float64Array(firms.length).fill(1) };
  const times: number[] = [];
  const cpus: number[] = [];
  const pooled: number[] = [];
  let last: ReturnType<typeof runScenario> | undefined;
  let same = true;
  // Alternating, so that both paths see the same machine.
  for (let rep = 0; rep < 3; rep++) {
    const c0 = process.cpuUsage();
    t = performance.now();
    last = runScenario(net, { down }, options);
    times.push(Math.round(performance.now() - t));
    const c = process.cpuUsage(c0);
    cpus.push(Math.round((c.user + c.system) / 1000));
    t = performance.now();
    const [split] = await pool.scenarios([{ down }], options);
    pooled.push(Math.round(performance.now() - t));
    same &&= split!.esri === last.esri && split!.iterations === last.iterations;
  }
  // A service runs scenarios in its pool one after another, with no calling-thread run between them
  // to evict the pool's arrays from the caches: three more pool runs in a row (twenty-second session:
  // the 10-seller shock took 742–1,034 ms that way while the alternating runs above took 1,150–1,322).
  const inARow: number[] = [];
  for (let rep = 0; rep < 3; rep++) {
    t = performance.now();
    const [again] = await pool.scenarios([{ down }], options);
    inARow.push(Math.round(performance.now() - t));
    same &&= again!.esri === last!.esri && again!.iterations === last!.iterations;
  }
  results.push({
    name,
    wallMs: times,
    cpuMs: cpus,
    [`pool${threads}Ms`]: pooled,
    [`pool${threads}InARowMs`]: inARow,
    samePoolResult: same,
    iterations: last!.iterations,
    esri: last!.esri,
  });
}
await pool.close();
const mem = process.memoryUsage();
const maxRss = process.resourceUsage().maxRSS * 1024;
console.log(
  JSON.stringify({
    firms: n,
    links: net.m,
    generateMs: Math.round(tGen),
    buildMs: Math.round(tBuild),
    warmUpMs,
    scenarios: results,
    rssMB: mb(mem.rss),
    maxRssMB: mb(maxRss),
    heapUsedMB: mb(mem.heapUsed),
    arrayBuffersMB: mb(mem.arrayBuffers),
  }),
);
