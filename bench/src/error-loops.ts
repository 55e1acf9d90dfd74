// A counterexample to "the error budget bounds the total error" when left-out changes are never
// looked at again (found by the fifth session's randomized review; docs/adr/0003, bench/RESULTS.md;
// fixed by re-checking them at steps 16, 32, 64, …, see cascade.ts). The network is
// feedbackLoopNetwork (engine testing helpers): a fading chain into a loop of two firms that buy
// almost only from each other, so the dense states keep moving for thousands of steps.
// Usage: node --import tsx bench/src/error-loops.ts [gain 999999] [eps 1e-9] [maxSteps 20000]
import { esriOfState, firmEsri, normalizeWeights, runDenseCascade, runScenario } from '@chainbrain/engine';
import { feedbackLoopNetwork } from '@chainbrain/engine/testing';

const gain = Number(process.argv[2] ?? 999_999);
const eps = Number(process.argv[3] ?? 1e-9);
const maxSteps = Number(process.argv[4] ?? 20_000);
const net = feedbackLoopNetwork(gain);
const n = net.n;
const shock = { firms: [0], values: [1] };
const w = normalizeWeights(net.sOut, n);
const dense = runDenseCascade(net, shock, shock, { eps, maxSteps });
const exact = esriOfState(dense.hd, dense.hu, w).esri;
const runs = [0, 1e-10, 1e-8].map((errorBudget) => {
  const r = runScenario(net, { down: shock }, { eps, maxSteps, errorBudget });
  let maxHDiff = 0;
  for (let i = 0; i < n; i++) {
    maxHDiff = Math.max(maxHDiff, Math.abs(r.hd[i]! - dense.hd[i]!), Math.abs(r.hu[i]! - dense.hu[i]!));
  }
  const f = firmEsri(net, { eps, maxSteps, errorBudget, method: 'auto' });
  return {
    errorBudget,
    iterations: r.iterations,
    maxHDiff,
    esriDiff: Math.abs(r.esri - exact),
    firmEsriDiff: Math.abs(f.esri[0]! - exact),
  };
});
console.log(JSON.stringify({ gain, eps, denseIterations: dense.iterations, esri: exact, runs }, null, 1));
