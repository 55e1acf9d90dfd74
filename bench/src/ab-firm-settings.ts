// One firm-level setting at two values, A against B, in one process, on the lanes the esri command
// would use (the native sweep where this machine has one): which value is faster depends on what a
// lane step costs, which the native sweep changed (ADR 0023). Both sides solve the same chunks of
// random firms, one right after the other, the order swapping every chunk; prints each side's total,
// the median ratio B/A over the chunk pairs, how many B won, and the largest difference in any firm's
// ESRI or ESRI_up between the sides (a setting may move a firm between methods, never its value by
// more than rounding).
//
// Settings: walk (FIRM_WALK_DEFAULTS.maxStepsWithNativeSweep, or maxSteps without a native sweep),
// wide (FIRM_LANE_DEFAULTS.wideShare), batch (FIRM_LANE_DEFAULTS.startBatch), chunk (firms per call,
// as the pool's chunkSize), native (0: WebAssembly lanes, 1: the native sweep, each with its defaults),
// joint (FIRM_LANE_DEFAULTS.jointShare, which a downstream run reads at every step: set before each side
// runs), and the cascade's own options for the downstream runs: pull (pullShare), dense (denseShare),
// pullDense (pullDenseShare).
//
// Usage: node --import tsx bench/src/ab-firm-settings.ts <setting> <A> <B> [firms] [seed]
// Two copies run at once show the two-thread case, where both sweep the memory together.
import {
  allocFirmEsriResult,
  CascadeWorkspace,
  firmEsriInto,
  firmSolvers,
  loadNativeSweep,
  normalizeWeights,
} from '@chainbrain/engine';
import { buildNativeSweep } from '@chainbrain/native-sweep';
import { FIRM_LANE_DEFAULTS } from '../../packages/engine/src/esri/firm-lanes.js';
import { FIRM_WALK_DEFAULTS } from '../../packages/engine/src/esri/firm-walks.js';
import { buildGeneratedNetwork, generateNetwork, mulberry32 } from './generate.js';

const [setting, a, b] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
const sample = Number(process.argv[5] ?? 6144);
const seed = Number(process.argv[6] ?? 7);
const cascadeSettings = { pull: 'pullShare', dense: 'denseShare', pullDense: 'pullDenseShare' } as const;
const settings = ['walk', 'wide', 'batch', 'chunk', 'native', 'joint', ...Object.keys(cascadeSettings)];
if (!setting || !settings.includes(setting) || !Number.isFinite(a) || !Number.isFinite(b)) {
  throw new Error(`usage: ab-firm-settings.ts <${settings.join('|')}> <A> <B> [firms] [seed]`);
}
const n = 100_000;
const net = buildGeneratedNetwork(generateNetwork({ firms: n, links: 10 * n, industries: 200 }));
const w = normalizeWeights(net.sOut, n);
const build = buildNativeSweep();
const native = build.available ? loadNativeSweep(build.path) : undefined;
const options = { eps: 1e-2, substitution: true };

// The solvers read these defaults when they are made, so each side is made under its own value.
const apply = (value: number) => {
  if (setting === 'walk') {
    if (native) FIRM_WALK_DEFAULTS.maxStepsWithNativeSweep = value;
    else FIRM_WALK_DEFAULTS.maxSteps = value;
  } else if (setting === 'wide') FIRM_LANE_DEFAULTS.wideShare = value;
  else if (setting === 'batch') FIRM_LANE_DEFAULTS.startBatch = value;
};
const sides = [a, b].map((value) => {
  apply(value);
  const ws = new CascadeWorkspace(net);
  const sweep = setting === 'native' && value === 0 ? undefined : native;
  const option = cascadeSettings[setting as keyof typeof cascadeSettings];
  const own = option ? { ...options, [option]: value } : options;
  const solvers = firmSolvers(ws, w, own, 'auto', { native: sweep });
  if (!solvers) throw new Error('no fast-path solvers');
  return { ws, solvers, options: own, unit: setting === 'chunk' ? value : 512 };
});
const pair = setting === 'chunk' ? Math.max(a, b) : 512;
const r = mulberry32(seed);
const firms = Int32Array.from({ length: sample }, () => Math.floor(r() * n));
const outs = sides.map(() => allocFirmEsriResult(firms));
const totals = [0, 0];
const ratios: number[] = [];
for (let from = 0, p = 0; from < sample; from += pair, p++) {
  const to = Math.min(from + pair, sample);
  const took = [0, 0];
  for (const s of p % 2 ? [1, 0] : [0, 1]) {
    const side = sides[s]!;
    if (setting === 'joint') FIRM_LANE_DEFAULTS.jointShare = [a, b][s]!;
    const started = performance.now();
    for (let u = from; u < to; u += side.unit) {
      const end = Math.min(u + side.unit, to);
      firmEsriInto(side.ws, w, firms.subarray(u, end), side.options, outs[s]!, u, side.solvers);
    }
    took[s] = performance.now() - started;
    totals[s]! += took[s]!;
  }
  ratios.push(took[1]! / took[0]!);
}
let largest = 0;
for (let k = 0; k < sample; k++) {
  largest = Math.max(
    largest,
    Math.abs(outs[0]!.esri[k]! - outs[1]!.esri[k]!),
    Math.abs(outs[0]!.esriUp[k]! - outs[1]!.esriUp[k]!),
  );
}
const sorted = [...ratios].sort((x, y) => x - y);
console.log(
  JSON.stringify({
    setting,
    sweep: native ? 'native' : `WebAssembly (${build.available ? '' : build.reason})`,
    a,
    b,
    msA: Math.round(totals[0]!),
    msB: Math.round(totals[1]!),
    medianRatioBA: Number(sorted[sorted.length >> 1]!.toFixed(3)),
    bWon: ratios.filter((x) => x < 1).length,
    pairs: ratios.length,
    largestDifference: largest,
  }),
);
