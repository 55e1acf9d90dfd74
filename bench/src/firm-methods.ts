// Firm-level ESRI of a random sample of firms, one thread, with both methods ('auto': walk sums and
// multi-firm sweeps, 'cascade': one cascade per firm), alternating to even out machine noise.
// Reports time per firm and the largest difference between the two methods.
// Usage: node --import tsx bench/src/firm-methods.ts [firms] [sample] [rounds]
//          [--links L (10 × firms)] [--industries K (200)] [--seed S] [--eps E (1e-2)]
//          [--no-substitution] [--revenue-weights]
// e.g. the twentieth session's cases (bench/RESULTS.md, section 4):
//   … firm-methods.ts 100000 100 2 --no-substitution --seed 7 --revenue-weights
//   … firm-methods.ts 12000 200 2 --links 136000 --industries 60 --seed 7 --eps 1e-4 --no-substitution --revenue-weights
import { parseArgs } from 'node:util';
import { firmEsri } from '@chainbrain/engine';
import { buildGeneratedNetwork, GENERATOR_DEFAULTS, generateNetwork, mulberry32 } from './generate.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    links: { type: 'string' },
    industries: { type: 'string', default: '200' },
    seed: { type: 'string', default: String(GENERATOR_DEFAULTS.seed) },
    eps: { type: 'string', default: '1e-2' },
    'no-substitution': { type: 'boolean', default: false },
    'revenue-weights': { type: 'boolean', default: false },
  },
});
const n = Number(positionals[0] ?? 100_000);
const sample = Number(positionals[1] ?? 1000);
const rounds = Number(positionals[2] ?? 2);
const g = generateNetwork({
  firms: n,
  links: Number(values.links ?? 10 * n),
  industries: Number(values.industries),
  seed: Number(values.seed),
});
const net = buildGeneratedNetwork(g);
const r = mulberry32(11);
const firms = Int32Array.from({ length: sample }, () => Math.floor(r() * n));
const options = {
  eps: Number(values.eps),
  substitution: !values['no-substitution'],
  weights: values['revenue-weights'] ? g.revenue : undefined,
};
// Warm up both paths (JIT) on a few firms.
firmEsri(net, { ...options, firms: firms.subarray(0, 16), method: 'auto' });
firmEsri(net, { ...options, firms: firms.subarray(0, 16), method: 'cascade' });
const times: Record<string, number[]> = { auto: [], cascade: [] };
let auto: ReturnType<typeof firmEsri> | undefined;
let cascade: ReturnType<typeof firmEsri> | undefined;
for (let round = 0; round < rounds; round++) {
  for (const method of ['auto', 'cascade'] as const) {
    const t = performance.now();
    const result = firmEsri(net, { ...options, firms, method });
    times[method]!.push(+((performance.now() - t) / sample).toFixed(2));
    if (method === 'auto') auto = result;
    else cascade = result;
  }
}
let maxDiff = 0;
let sameSteps = 0;
let steps = 0;
for (let k = 0; k < sample; k++) {
  maxDiff = Math.max(
    maxDiff,
    Math.abs(auto!.esri[k]! - cascade!.esri[k]!),
    Math.abs(auto!.esriDown[k]! - cascade!.esriDown[k]!),
    Math.abs(auto!.esriUp[k]! - cascade!.esriUp[k]!),
  );
  if (auto!.iterations[k] === cascade!.iterations[k]) sameSteps++;
  steps += cascade!.iterations[k]!;
}
console.log(
  JSON.stringify({
    firms: n,
    links: net.m,
    sample,
    options: { eps: options.eps, substitution: options.substitution, revenueWeights: !!options.weights },
    meanSteps: +(steps / sample).toFixed(1),
    msPerFirmAuto: times.auto,
    msPerFirmCascade: times.cascade,
    maxDifference: maxDiff,
    sameStopStep: `${sameSteps}/${sample}`,
  }),
);
