// Lanes per sweep, A against B, in one process: which count is faster depends on the machine's caches
// (a sweep gathers every link's customer values, lanes × 8 bytes each, from an array of n × lanes × 8
// bytes), and the machines here change speed within minutes, so only pairs taken close together show
// it. The walk sums run once; the firms they decline are cut into chunks of the pool's size, and each
// chunk is solved by both lane solvers, one right after the other, the order swapping every chunk.
// Prints each side's total and sweeps, the median ratio B/A over the chunk pairs, how many B won, and
// whether both gave the same bits for every firm (the lane count must not change a result).
//
// Usage: node --import tsx bench/src/ab-lanes.ts [A,B] [firms sampled] [rounds] [chunk] [seed]
import { CascadeWorkspace, firmSolvers, type LaneKernelOptions, normalizeWeights } from '@chainbrain/engine';
import { buildGeneratedNetwork, generateNetwork, mulberry32 } from './generate.js';

const counts = (process.argv[2] ?? '4,8').split(',').map(Number) as NonNullable<LaneKernelOptions['lanes']>[];
const sample = Number(process.argv[3] ?? 3000);
const rounds = Number(process.argv[4] ?? 3);
const chunk = Number(process.argv[5] ?? 512);
const seed = Number(process.argv[6] ?? 11);
if (counts.length !== 2) throw new Error('usage: ab-lanes.ts A,B [sample] [rounds] [chunk] [seed]');

const n = 100_000;
const net = buildGeneratedNetwork(generateNetwork({ firms: n, links: 10 * n, industries: 200 }));
const r = mulberry32(seed);
const firms = Int32Array.from({ length: sample }, () => Math.floor(r() * n));
const options = { eps: 1e-2, substitution: true };
const w = normalizeWeights(net.sOut, n);
const sides = counts.map((lanes) => {
  const solvers = firmSolvers(new CascadeWorkspace(net), w, options, 'auto', { lanes });
  if (!solvers) throw new Error('no fast-path solvers');
  const side = {
    lanes,
    solvers,
    ms: [] as number[],
    sweeps: 0,
    esri: new Float64Array(sample).fill(Number.NaN),
  };
  const sweep = solvers.lanes.kernel.sweep.bind(solvers.lanes.kernel);
  solvers.lanes.kernel.sweep = () => {
    side.sweeps++;
    sweep();
  };
  return side;
});

// The chunks' long runs (positions in `firms`), as the walk sums of the first side leave them.
const chunks: number[][] = [];
for (let from = 0; from < sample; from += chunk) {
  const long: number[] = [];
  for (let p = from; p < Math.min(sample, from + chunk); p++)
    if (!sides[0]!.solvers.walks.solve(firms[p]!)) long.push(p);
  chunks.push(long);
}

for (let round = 0; round < rounds; round++) {
  for (const [c, long] of chunks.entries()) {
    const order = (c + round) % 2 === 0 ? sides : [...sides].reverse();
    for (const side of order) {
      const t = performance.now();
      side.solvers.lanes.solveAll(
        long.map((p) => firms[p]!),
        (k, x) => {
          side.esri[long[k]!] = x?.esri ?? Number.NaN;
        },
      );
      side.ms.push(performance.now() - t);
    }
  }
}

const [a, b] = sides as [(typeof sides)[0], (typeof sides)[0]];
const ratios = b.ms.map((t, i) => t / a.ms[i]!).sort((x, y) => x - y);
const total = (xs: number[]) => Math.round(xs.reduce((s, x) => s + x, 0));
console.log(
  JSON.stringify({
    longRuns: chunks.reduce((s, c) => s + c.length, 0),
    pairs: ratios.length,
    [`lanes${a.lanes}`]: { ms: total(a.ms), sweeps: a.sweeps },
    [`lanes${b.lanes}`]: { ms: total(b.ms), sweeps: b.sweeps },
    medianRatio: +ratios[Math.floor(ratios.length / 2)]!.toFixed(3),
    won: ratios.filter((x) => x < 1).length,
    sameBits: a.esri.every((x, p) => Object.is(x, b.esri[p])),
  }),
);
