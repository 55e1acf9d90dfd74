// Firm-level ESRI of an older engine against the current one, in one process, on the same network and
// firms. The machines here change speed by a third within an hour, and by more within a minute, so two
// processes run one after the other cannot show a gain of a few per cent; pairs taken close together in
// one process can. The firms are cut into chunks as the pool cuts them (512); both sides solve each chunk
// (walk sums, then the lanes for the firms the walk sums declined), one right after the other, the order
// swapping every chunk, and each chunk gives one paired ratio per phase (bench/RESULTS.md, seventeenth and
// eighteenth sessions). Also checks that both give the same bits.
//
// Usage: bash bench/src/ab-worktree.sh <commit>   (prints a directory)
//        node --import tsx bench/src/ab-firms.ts <that directory> [firms sampled] [rounds] [seed] [chunk]
// Prints, per phase, each side's total time, the median ratio new/old over all chunk pairs and how many
// of them the new side won.
import { isAbsolute, resolve } from 'node:path';
import * as current from '@chainbrain/engine';
import { buildGeneratedNetwork, generateNetwork, mulberry32 } from './generate.js';

type Engine = typeof current;
const oldRoot = process.argv[2];
if (!oldRoot) throw new Error('usage: ab-firms.ts <old checkout> [sample] [rounds] [seed] [chunk]');
const sample = Number(process.argv[3] ?? 3000);
const rounds = Number(process.argv[4] ?? 4);
const seed = Number(process.argv[5] ?? 11);
const chunk = Number(process.argv[6] ?? 512);
const oldEntry = resolve(
  isAbsolute(oldRoot) ? oldRoot : resolve(process.cwd(), oldRoot),
  'packages/engine/src/index.ts',
);
const old = (await import(oldEntry)) as Engine;

const n = 100_000;
const net = buildGeneratedNetwork(generateNetwork({ firms: n, links: 10 * n, industries: 200 }));
const r = mulberry32(seed);
const firms = Int32Array.from({ length: sample }, () => Math.floor(r() * n));
const options = { eps: 1e-2, substitution: true };
const w = current.normalizeWeights(net.sOut, n);

type Side = { name: string; solvers: NonNullable<ReturnType<Engine['firmSolvers']>> };
const side = (name: string, engine: Engine): Side => {
  const solvers = engine.firmSolvers(new engine.CascadeWorkspace(net), w, options);
  if (!solvers) throw new Error(`${name}: no fast-path solvers`);
  return { name, solvers };
};
const sides = [side('old', old), side('new', current)];
const walk = sides.map(() => [] as number[]);
const lane = sides.map(() => [] as number[]);
const results = sides.map(() => new Float64Array(3 * sample));

const solveChunk = (s: number, from: number, to: number) => {
  const { solvers } = sides[s]!;
  const out = results[s]!;
  const declined: number[] = [];
  const keep = (p: number, x: { esri: number; esriDown: number; esriUp: number } | undefined) => {
    out[3 * p] = x?.esri ?? Number.NaN;
    out[3 * p + 1] = x?.esriDown ?? Number.NaN;
    out[3 * p + 2] = x?.esriUp ?? Number.NaN;
  };
  const t0 = performance.now();
  for (let p = from; p < to; p++) {
    const x = solvers.walks.solve(firms[p]!);
    if (x) keep(p, x);
    else declined.push(p);
  }
  const t1 = performance.now();
  solvers.lanes.solveAll(
    declined.map((p) => firms[p]!),
    (k, x) => keep(declined[k]!, x),
  );
  return [t1 - t0, performance.now() - t1] as const;
};

// Round −1 warms up both sides' compiled code and is not counted.
let pair = 0;
for (let round = -1; round < rounds; round++) {
  for (let from = 0; from < sample; from += chunk, pair++) {
    const to = Math.min(sample, from + chunk);
    // Each chunk swaps which side goes first.
    for (const s of pair % 2 === 0 ? [0, 1] : [1, 0]) {
      const [w, l] = solveChunk(s, from, to);
      if (round < 0) continue;
      walk[s]!.push(w);
      lane[s]!.push(l);
    }
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const total = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0));
const phase = (times: number[][]) => ({
  oldMs: total(times[0]!),
  newMs: total(times[1]!),
  pairs: times[0]!.length,
  ratio: +median(times[1]!.map((t, k) => t / times[0]![k]!)).toFixed(3),
  newFaster: times[1]!.filter((t, k) => t < times[0]![k]!).length,
});
// Firms the lanes hand to the cascade are NaN on both sides (NaN !== NaN, so compare them as such).
const same = results[0]!.every(
  (x, k) => x === results[1]![k] || (Number.isNaN(x) && Number.isNaN(results[1]![k]!)),
);
// The largest difference between the two sides (0 with the same bits; a change of summation order
// moves the last bits, and the contract is 1e-9 against the reference).
let maxDiff = 0;
for (let k = 0; k < results[0]!.length; k++) {
  const d = Math.abs(results[0]![k]! - results[1]![k]!);
  if (d > maxDiff) maxDiff = d;
}
console.log(
  JSON.stringify({
    sample,
    rounds,
    seed,
    chunk,
    sameBits: same,
    maxDiff,
    walkSums: phase(walk),
    lanes: phase(lane),
  }),
);
