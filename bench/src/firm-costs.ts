// What one firm's ESRI costs under the default method, firm by firm (one thread): the issue asks for a
// per-firm median, and the mean alone hides that most firms are cheap and a few are dear.
//
// The default method does not run firms one by one: walk sums solve short runs alone, but long runs
// share sweeps, four firms at a time in WebAssembly or eight in the native sweep (docs/engine.md). So a firm's cost here is:
// its own walk-sum attempt; its own downstream run, sparse start, look-ahead and finish in the lanes,
// and the zeroing of its lane when it leaves; and for each sweep, the sweep's time divided among the
// firms then in a lane. What is left (the lanes' bookkeeping between sweeps) is reported as
// unattributed, so the costs add up to the measured total.
//
// The hooks wrap the lane solver's methods by name (TypeScript `private` is not private at run time);
// they do not change what the solver computes. Usage:
//   node --import tsx bench/src/firm-costs.ts [firms] [sample] [seed]
import { CascadeWorkspace, firmSolvers, loadNativeSweep, normalizeWeights } from '@chainbrain/engine';
import { buildNativeSweep } from '@chainbrain/native-sweep';
import { buildGeneratedNetwork, generateNetwork, mulberry32 } from './generate.js';

const n = Number(process.argv[2] ?? 100_000);
const sample = Number(process.argv[3] ?? 3000);
const seed = Number(process.argv[4] ?? 11);
const net = buildGeneratedNetwork(generateNetwork({ firms: n, links: 10 * n, industries: 200 }));
const r = mulberry32(seed);
const firms = Int32Array.from({ length: sample }, () => Math.floor(r() * n));
const options = { eps: 1e-2, substitution: true };
const w = normalizeWeights(net.sOut, n);
const ws = new CascadeWorkspace(net);
// The native sweep when this machine has one, as the esri command takes it (CHAINBRAIN_NATIVE=0: off).
const build = buildNativeSweep();
const native = build.available ? loadNativeSweep(build.path) : undefined;
const solvers = firmSolvers(ws, w, options, 'auto', { native });
if (!solvers) throw new Error('no fast-path solvers');
// Warm the JIT on other firms, as a long job would be.
for (let t = 0; t < 64; t++) solvers.walks.solve(Math.floor(r() * n));

type Lane = { k: number };
type Hooked = Record<string, (...args: unknown[]) => unknown>;
const cost = new Float64Array(sample);
const viaLanes = new Uint8Array(sample);
let sweepMs = 0;
let sweeps = 0;
// Position in `firms` of the lane solver's k-th firm (the lanes see only the declined firms).
let laneFirm: number[] = [];
const occupants = new Set<number>();
const lanes = solvers.lanes as unknown as Hooked;
// Each hooked method's total time, besides what it adds to its firm's cost.
const methodMs: Record<string, number> = {};
const timed = (name: string, who: (args: unknown[]) => number | number[]) => {
  const original = lanes[name]!.bind(lanes);
  let depth = 0; // start() calls itself again when substitution could amplify: count the time once
  methodMs[name] = 0;
  lanes[name] = (...args: unknown[]) => {
    const t = performance.now();
    depth++;
    try {
      return original(...args);
    } finally {
      if (--depth === 0) {
        const dt = performance.now() - t;
        // A call for several firms (clearLanes) is charged to them in equal shares.
        const firms = [who(args)].flat();
        for (const k of firms) cost[laneFirm[k]!]! += dt / firms.length;
        methodMs[name]! += dt;
      }
    }
  };
};
timed('start', (a) => a[0] as number);
timed('sparseSteps', (a) => (a[0] as Lane).k);
timed('finishAhead', (a) => (a[0] as Lane).k);
timed('finish', (a) => (a[0] as Lane).k);
// Which firm holds each lane, to charge it the zeroing of its lane when it leaves (clearLanes).
const laneHolder: number[] = [];
const enter = lanes.enter!.bind(lanes);
lanes.enter = (...args: unknown[]) => {
  occupants.add((args[0] as Lane).k);
  laneHolder[args[1] as number] = (args[0] as Lane).k;
  return enter(...args);
};
timed('clearLanes', (a) => (a[0] as number[]).map((l) => laneHolder[l]!));
let laneSteps = 0;
const kernel = solvers.lanes.kernel;
const sweep = kernel.sweep.bind(kernel);
kernel.sweep = () => {
  const t = performance.now();
  sweep();
  const dt = performance.now() - t;
  sweepMs += dt;
  sweeps++;
  laneSteps += occupants.size;
  for (const k of occupants) cost[laneFirm[k]!]! += dt / occupants.size;
};

const started = performance.now();
const declined: number[] = [];
for (let p = 0; p < sample; p++) {
  const t = performance.now();
  const result = solvers.walks.solve(firms[p]!);
  cost[p] = performance.now() - t;
  if (!result) declined.push(p);
}
const walksDone = performance.now();
laneFirm = declined;
const toCascade: number[] = [];
solvers.lanes.solveAll(
  declined.map((p) => firms[p]!),
  (k, result) => {
    occupants.delete(k);
    viaLanes[declined[k]!] = 1;
    if (!result) toCascade.push(declined[k]!);
  },
);
// What neither fast path takes runs one cascade, as in firmEsriInto.
for (const p of toCascade) {
  const t = performance.now();
  const shock = { firms: [firms[p]!], values: [1] };
  ws.run(shock, shock, options);
  ws.reset();
  cost[p]! += performance.now() - t;
}
const total = performance.now() - started;
const sorted = Array.from(cost).sort((a, b) => a - b);
const quantile = (q: number) => +sorted[Math.min(sample - 1, Math.floor(q * sample))]!.toFixed(3);
const attributed = cost.reduce((s, c) => s + c, 0);
const laneCosts = Array.from(cost.filter((_, p) => viaLanes[p] === 1)).sort((a, b) => a - b);
const walkCosts = Array.from(cost.filter((_, p) => viaLanes[p] === 0)).sort((a, b) => a - b);
const median = (xs: number[]) => +(xs[Math.floor(xs.length / 2)] ?? 0).toFixed(3);
console.log(
  JSON.stringify({
    firms: n,
    sweep: native
      ? `native, ${solvers.lanes.kernel.lanes} lanes`
      : `WebAssembly, ${solvers.lanes.kernel.lanes} lanes`,
    sample,
    msPerFirmMean: +(total / sample).toFixed(3),
    msPerFirm: { median: quantile(0.5), p90: quantile(0.9), p99: quantile(0.99), max: quantile(1) },
    walkSums: {
      firms: walkCosts.length,
      medianMs: median(walkCosts),
      totalMs: Math.round(walksDone - started),
    },
    lanes: {
      firms: laneCosts.length,
      medianMs: median(laneCosts),
      sweeps,
      sweepMs: Math.round(sweepMs),
      // Firms in a lane per sweep, on the mean (the lanes are 4 unless the engine's default changes).
      occupancy: +(laneSteps / Math.max(1, sweeps)).toFixed(2),
      // Zeroing the lanes of firms that leave (FirmLaneSolver.clearLanes).
      clearLaneMs: Math.round(methodMs.clearLanes!),
      // Each hooked lane method's total, so that the lanes' work outside the sweeps is visible
      // (start: a firm's downstream run alone, or the setup of a lane with both channels; sparseSteps:
      // its walk's steps before it enters a lane; finishAhead: a last step from local rows, ADR 0008;
      // finish: its result, a stop step's downstream state rebuilt from the log when needed).
      methodMs: Object.fromEntries(Object.entries(methodMs).map(([name, ms]) => [name, Math.round(ms)])),
      toCascade: toCascade.length,
    },
    // How much of the work the dearest firms take (hub sellers: long downstream runs).
    shareOfDearest: {
      '1%': +(sorted.slice(Math.floor(0.99 * sample)).reduce((a, c) => a + c, 0) / attributed).toFixed(3),
      '5%': +(sorted.slice(Math.floor(0.95 * sample)).reduce((a, c) => a + c, 0) / attributed).toFixed(3),
    },
    totalMs: Math.round(total),
    unattributedShare: +(1 - attributed / total).toFixed(3),
  }),
);
