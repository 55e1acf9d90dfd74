// Firm-level ESRI of a random sample of firms, one thread, with both methods ('auto': walk sums and
// multi-firm sweeps, 'cascade': one cascade per firm), alternating to even out machine noise.
// Reports time per firm and the largest difference between the two methods.
// Usage: node --import tsx bench/src/firm-methods.ts [firms] [sample] [rounds]
import { firmEsri } from '@chainbrain/engine';
import { buildGeneratedNetwork, generateNetwork, mulberry32 } from './generate.js';

const n = Number(process.argv[2] ?? 100_000);
const sample = Number(process.argv[3] ?? 1000);
const rounds = Number(process.argv[4] ?? 2);
const net = buildGeneratedNetwork(generateNetwork({ firms: n, links: 10 * n, industries: 200 }));
const r = mulberry32(11);
const firms = Int32Array.from({ length: sample }, () => Math.floor(r() * n));
const options = { eps: 1e-2, substitution: true };
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
for (let k = 0; k < sample; k++) {
  maxDiff = Math.max(
    maxDiff,
    Math.abs(auto!.esri[k]! - cascade!.esri[k]!),
    Math.abs(auto!.esriDown[k]! - cascade!.esriDown[k]!),
    Math.abs(auto!.esriUp[k]! - cascade!.esriUp[k]!),
  );
  if (auto!.iterations[k] === cascade!.iterations[k]) sameSteps++;
}
console.log(
  JSON.stringify({
    firms: n,
    links: net.m,
    sample,
    msPerFirmAuto: times.auto,
    msPerFirmCascade: times.cascade,
    maxDifference: maxDiff,
    sameStopStep: `${sameSteps}/${sample}`,
  }),
);
