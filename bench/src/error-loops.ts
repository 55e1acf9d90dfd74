// A counterexample to "the error budget bounds the total error" when left-out changes are never
// looked at again (found by the fifth session's randomized review; docs/adr/0003, bench/RESULTS.md;
// fixed by re-checking them at steps 16, 32, 64, …, see cascade.ts). The damage of the shocked firm shrinks a
// thousandfold per hop along 0 → x1 → x2 → a, so a's first drop is below the drop threshold; a and b
// buy almost only from each other (a buys 1 from x2 and `gain` from b), so in the dense computation
// their loss keeps growing towards that of x2, while the sparse run never looks at a again. A second
// loop 0 → c ↔ d keeps the run going for thousands of steps; 55 more firms in an unshocked ring.
// Usage: node --import tsx bench/src/error-loops.ts [gain 999999] [eps 1e-9] [maxSteps 20000]
import {
  buildNetwork,
  esriOfState,
  firmEsri,
  normalizeWeights,
  runDenseCascade,
  runScenario,
} from '@chainbrain/engine';

const gain = Number(process.argv[2] ?? 999_999);
const eps = Number(process.argv[3] ?? 1e-9);
const maxSteps = Number(process.argv[4] ?? 20_000);
const n = 64;
// Firms: 0 shocked, x1 = 1, x2 = 2, a = 3, b = 4, c = 5, d = 6, other suppliers of x1 and x2: 7, 8.
const links: Array<[number, number, number]> = [
  [0, 1, 1],
  [7, 1, 999],
  [1, 2, 1],
  [8, 2, 999],
  [2, 3, 1],
  [4, 3, gain],
  [3, 4, 1],
  [0, 5, 1],
  [6, 5, 999],
  [5, 6, 1],
];
for (let i = 9; i < n; i++) {
  for (let k = 1; k <= 5; k++) {
    const j = 9 + ((i - 9 + k * 11) % (n - 9));
    if (j !== i) links.push([i, j, 1 + k]);
  }
}
const net = buildNetwork({
  n,
  supplier: Int32Array.from(links, (l) => l[0]),
  buyer: Int32Array.from(links, (l) => l[1]),
  value: Float64Array.from(links, (l) => l[2]),
  industry: new Int32Array(n),
  production: 'linear',
});
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
