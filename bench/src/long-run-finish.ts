// Could a long run (a firm whose upstream walk lasts 7 steps or more) be finished from the state at
// which it enters the lanes, without sweeping its remaining steps? A measurement for a later design,
// not the engine: it computes every walk densely in plain JavaScript and ignores rounding.
//
// Finishing needs three things the sweeps now provide:
//
// 1. **Every remaining stop decision.** The upstream drop of step t is max_i v_t(i), v_t = A_f^t e_f,
//    and rows of A_f sum to at most 1. Two brackets from the exact state v_{t0}:
//    - *additive* (the kind the walk sums use): a walk kept only where it is at least a floor; the
//      entries held back can raise a later entry by at most the sum of the largest held back at each
//      step;
//    - *sup-norm*: every entry outside the kept set L is at most M, so a supplier i next step is at most
//      M + Σ_{j∈L} A_ij (ub_j − M) (its row sums to at most 1), and every other firm at most M. Only the
//      excesses ub_j − M are pushed; a firm whose excess falls below δ leaves L and raises M by at most δ.
//      The bound grows by what leaves, not by every step's floor.
//    A step is decided when the lower bound (the kept walk) is ≥ eps, or the upper bound < eps.
// 2. **The mass that lands on f** at each remaining step, c_j = ⟨η_j, v_{t0}⟩ with η_j the walk from f
//    towards its customers (A_f kills what reaches f, so ESRI_up's remaining steps are
//    Σ_k ⟨g_k, v_{t0}⟩ − Σ_j g_{k−j}(f) c_j, g_k = (Λuᵀ)^k w). An error δc_j moves ESRI_up by
//    G_j δc_j, G_j = Σ_{k≥j} g_{k−j}(f). η is truncated at a floor; what it drops bounds δc_j by the
//    dropped mass times the largest entry of v_{t0}. The cheapest floor whose bound stays ≤ tol is
//    reported in links read.
// 3. **The upstream losses of the firms D the downstream channel reached** (for ESRI's combined term
//    Σ_{i∈D} w_i max(0, xd_i − xu_i)): xu_i's remaining steps are the walk from i towards customers
//    dotted with v_{t0}; an error δ moves ESRI by at most w_i δ. Reported the same way (D from a
//    downstream-only cascade run to the stop step). A reached firm adds at most w_i·xd_i, so the
//    smallest of those, up to 1e-12 in all, are left out without a walk.
//
// The twelfth session tried such a finish with the additive bracket (bench/RESULTS.md); this script
// measures what a tighter bracket and a sound treatment of the reached firms would leave of it.
//
// A lane step costs about a quarter of a sweep (0.5–0.9 ms on the machines so far), the time of
// 15,000–40,000 scattered link reads (13–33 ns each inside the solver), so a finish must read fewer
// than that many links per lane step it saves. The estimate printed last takes each of those rates.
//
// Usage: node --import tsx bench/src/long-run-finish.ts [firms sampled] [seed]
import { CascadeWorkspace, normalizeWeights } from '@chainbrain/engine';
import { buildGeneratedNetwork, generateNetwork, mulberry32 } from './generate.js';

const n = 100_000;
const sample = Number(process.argv[2] ?? 300);
const seed = Number(process.argv[3] ?? 11);
const eps = 1e-2;
const entryShare = 0.01; // a walk enters the lanes once a step would visit 1% of the links
const net = buildGeneratedNetwork(generateNetwork({ firms: n, links: 10 * n, industries: 200 }));
const { uOutPtr, uOutDst, uOutCoef, uInPtr, uInSrc, uInCoef } = net;
const links = uOutPtr[n]!;
const r = mulberry32(seed);
const firms = Int32Array.from({ length: sample }, () => Math.floor(r() * n));

/** out = A_f v (row f left out: the shocked firm's production is pinned). */
function denseStep(v: Float64Array, out: Float64Array, f: number): void {
  for (let i = 0; i < n; i++) {
    let acc = 0;
    for (let e = uOutPtr[i]!, end = uOutPtr[i + 1]!; e < end; e++) acc += uOutCoef[e]! * v[uOutDst[e]!]!;
    out[i] = acc;
  }
  out[f] = 0;
}

const pushedUp = new Float64Array(n);
const pushedLow = new Float64Array(n);
const mark = new Int32Array(n);
let stamp = 0;

type Bracket = 'additive' | 'sup-norm';
type Outcome = { stopAt: number; links: number };

/** Brackets the drops after step t0 from the exact v (= v_{t0}); stopAt 0 when a step is undecided. */
function bracket(
  v: Float64Array,
  t0: number,
  f: number,
  kind: Bracket,
  floor: number,
  delta: number,
): Outcome {
  let kept: number[] = [];
  let upper: number[] = [];
  let lower: number[] = [];
  let rest = 0; // sup-norm: the bound M on every entry outside `kept`; additive: the held-back sum
  for (let i = 0; i < n; i++) {
    const x = v[i]!;
    if (x >= floor) {
      kept.push(i);
      upper.push(x);
      lower.push(x);
    } else if (x > rest) rest = x;
  }
  let read = 0;
  for (let k = 1; k <= 100; k++) {
    const s = ++stamp;
    const touched: number[] = [];
    for (let q = 0; q < kept.length; q++) {
      const j = kept[q]!;
      const up = kind === 'sup-norm' ? upper[q]! - rest : upper[q]!;
      const low = lower[q]!;
      read += uInPtr[j + 1]! - uInPtr[j]!;
      for (let e = uInPtr[j]!, end = uInPtr[j + 1]!; e < end; e++) {
        const i = uInSrc[e]!;
        if (i === f) continue;
        if (mark[i] !== s) {
          mark[i] = s;
          pushedUp[i] = 0;
          pushedLow[i] = 0;
          touched.push(i);
        }
        pushedUp[i]! += uInCoef[e]! * up;
        pushedLow[i]! += uInCoef[e]! * low;
      }
    }
    const nextKept: number[] = [];
    const nextUpper: number[] = [];
    const nextLower: number[] = [];
    let high = 0;
    let low = 0;
    let leaving = 0;
    for (const i of touched) {
      const u = kind === 'sup-norm' ? rest + pushedUp[i]! : pushedUp[i]!;
      high = Math.max(high, u);
      low = Math.max(low, pushedLow[i]!);
      const stays = kind === 'sup-norm' ? u - rest >= delta : u >= floor;
      if (stays) {
        nextKept.push(i);
        nextUpper.push(u);
        nextLower.push(pushedLow[i]!);
      } else leaving = Math.max(leaving, u);
    }
    if (kind === 'sup-norm') {
      rest = Math.max(rest, leaving);
      high = Math.max(high, rest);
    } else {
      high += rest;
      rest += leaving;
    }
    if (high < eps) return { stopAt: t0 + k, links: read };
    if (low < eps) return { stopAt: 0, links: read };
    kept = nextKept;
    upper = nextUpper;
    lower = nextLower;
  }
  return { stopAt: 0, links: read };
}

// g_k = (Λuᵀ)^k w, the weighted sums' levels (as firm-walks.ts computes them).
const w = normalizeWeights(net.sOut, n);
const g: Float64Array[] = [w];
const gLevel = (k: number): Float64Array => {
  while (g.length <= k) {
    const prev = g[g.length - 1]!;
    const next = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      let acc = 0;
      for (let e = uInPtr[j]!, end = uInPtr[j + 1]!; e < end; e++) acc += uInCoef[e]! * prev[uInSrc[e]!]!;
      next[j] = acc;
    }
    g.push(next);
  }
  return g[k]!;
};

const etaA = new Float64Array(n);
const etaB = new Float64Array(n);
/** Links read by f's walk towards customers over r steps at `floor`, and the ESRI_up error it bounds. */
function landingCost(
  f: number,
  r: number,
  largest: number,
  floor: number,
  reached = -1,
): { links: number; bound: number } {
  let y = etaA;
  let z = etaB;
  let list: number[] = [];
  let read = 0;
  if (reached >= 0) {
    // xu_i's step j is e_iᵀ A_f^j v_{t0}: the walk starts at i itself.
    list.push(reached);
    y[reached] = 1;
  } else {
    for (let e = uOutPtr[f]!; e < uOutPtr[f + 1]!; e++) {
      const i = uOutDst[e]!;
      if (y[i] === 0) list.push(i);
      y[i]! += uOutCoef[e]!;
    }
    read = uOutPtr[f + 1]! - uOutPtr[f]!;
  }
  let dropped = 0;
  let bound = 0;
  for (let j = 1; j <= r; j++) {
    let G = 0;
    if (reached >= 0) G = w[reached]!;
    else for (let k = j; k <= r; k++) G += gLevel(k - j)[f]!;
    bound += G * dropped * largest;
    if (j === r) break;
    const next: number[] = [];
    for (const i of list) {
      const x = y[i]!;
      y[i] = 0;
      if (i === f) continue;
      if (x < floor) {
        dropped += x;
        continue;
      }
      read += uOutPtr[i + 1]! - uOutPtr[i]!;
      for (let e = uOutPtr[i]!; e < uOutPtr[i + 1]!; e++) {
        const k = uOutDst[e]!;
        if (z[k] === 0) next.push(k);
        z[k]! += x * uOutCoef[e]!;
      }
    }
    list = next;
    [y, z] = [z, y];
  }
  for (const i of list) y[i] = 0;
  return { links: read, bound };
}

const settings: { kind: Bracket; floor: number; delta: number }[] = [
  { kind: 'additive', floor: 0.1 * eps, delta: 0 },
  { kind: 'additive', floor: 0.03 * eps, delta: 0 },
  { kind: 'sup-norm', floor: 0.1 * eps, delta: 0.03 * eps },
  { kind: 'sup-norm', floor: 0.03 * eps, delta: 0.03 * eps },
  { kind: 'sup-norm', floor: 0.03 * eps, delta: 0.01 * eps },
];
/** The bracket the finish estimate uses: the cheapest that decides most runs. */
const finishSetting = 2;
const tally = settings.map(() => ({ decided: 0, wrong: 0, links: 0, laneSteps: 0 }));
const landing = [1e-11, 1e-12].map((tol) => ({ tol, links: [] as number[], reachedLinks: [] as number[] }));
const ws = new CascadeWorkspace(net);
// Hub sellers reach thousands of firms whose walks would outcost the sweeps: such runs are not finished.
const maxReached = 100;
const reachedCounts: number[] = [];
/** Links a walk needs for its bound to be at most tol, trying floors from the highest. */
const cheapest = (f: number, r: number, largest: number, tol: number, reached = -1) => {
  for (const floor of [1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 0]) {
    const o = landingCost(f, r, largest, floor, reached);
    if (o.bound <= tol) return o.links;
  }
  return Number.NaN;
};
/** Per long run: lane steps from entry, and the links a finish from entry would read (∞: undecided). */
const runs: { laneSteps: number; finishLinks: number }[] = [];
let longRuns = 0;
let laneStepsAll = 0;
let v = new Float64Array(n);
let next = new Float64Array(n);
for (const f of firms) {
  v.fill(0);
  v[f] = 1;
  let entry = 0;
  let stop = 0;
  let entryState: Float64Array | undefined;
  for (let t = 1; t <= 200 && !stop; t++) {
    denseStep(v, next, f);
    [v, next] = [next, v];
    let largest = 0;
    let visits = 0;
    for (let i = 0; i < n; i++) {
      const x = v[i]!;
      if (x > largest) largest = x;
      if (x > 0) visits += uInPtr[i + 1]! - uInPtr[i]!;
    }
    if (!entry && visits >= entryShare * links) {
      entry = t;
      entryState = Float64Array.from(v);
    }
    if (largest < eps) stop = t;
  }
  if (stop < 7 || !entryState || entry >= stop) continue;
  longRuns++;
  laneStepsAll += stop - entry;
  let finishLinks = Number.POSITIVE_INFINITY;
  settings.forEach((s, q) => {
    const o = bracket(entryState!, entry, f, s.kind, s.floor, s.delta);
    if (q === finishSetting && o.stopAt) finishLinks = o.links;
    tally[q]!.links += o.links;
    if (o.stopAt) {
      tally[q]!.decided++;
      tally[q]!.laneSteps += stop - entry;
      if (o.stopAt !== stop) tally[q]!.wrong++;
    }
  });
  let largest = 0;
  for (let i = 0; i < n; i++) largest = Math.max(largest, entryState[i]!);
  ws.reset();
  // The downstream channel alone up to the stop step, with the engine's error budget.
  ws.run(
    { firms: [f], values: [1] },
    { firms: [], values: [] },
    {
      eps: 1e-12,
      errorBudget: 1e-10,
      substitution: true,
      maxSteps: stop,
    },
  );
  // A reached firm adds at most w_i·xd_i to ESRI; the smallest of those, up to 1e-12 in all, need no xu.
  const candidates: { i: number; most: number }[] = [];
  for (let t = 0; t < ws.touchedCount; t++) {
    const i = ws.touched[t]!;
    if (i !== f && ws.hd[i]! < 1) candidates.push({ i, most: w[i]! * (1 - ws.hd[i]!) });
  }
  ws.reset();
  candidates.sort((a, b) => a.most - b.most);
  let leftOut = 0;
  const reached: number[] = [];
  for (const c of candidates)
    if (leftOut + c.most <= 1e-12) leftOut += c.most;
    else reached.push(c.i);
  reachedCounts.push(reached.length);
  for (const l of landing) {
    l.links.push(cheapest(f, stop - entry, largest, l.tol));
    if (l.tol === 1e-11) finishLinks += l.links[l.links.length - 1]!;
    if (reached.length > maxReached) {
      l.reachedLinks.push(Number.POSITIVE_INFINITY);
      if (l.tol === 1e-11) finishLinks = Number.POSITIVE_INFINITY;
      continue;
    }
    let sum = 0; // each reached firm gets an equal share of the tolerance
    for (const i of reached) sum += cheapest(f, stop - entry, largest, l.tol / reached.length, i);
    l.reachedLinks.push(sum);
    if (l.tol === 1e-11) finishLinks += sum;
  }
  runs.push({ laneSteps: stop - entry, finishLinks });
}
// Finish a run from entry only where that reads fewer links than the lane steps it saves cost (the
// look-ahead already saves the last one): an oracle choice, so an upper bound on the gain.
const laneStepsPaid = runs.reduce((a, run) => a + run.laneSteps - 1, 0);
const finishEstimate = (laneStepLinks: number) => {
  let saved = 0;
  let finished = 0;
  for (const run of runs) {
    const worth = (run.laneSteps - 1) * laneStepLinks;
    if (run.finishLinks < worth) {
      saved += (worth - run.finishLinks) / laneStepLinks;
      finished++;
    }
  }
  return { laneStepLinks, finished, of: runs.length, netLaneStepsSaved: Math.round(saved), laneStepsPaid };
};
const median = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1] ?? 0;
console.log(JSON.stringify({ sample, longRuns, laneStepsFromEntry: laneStepsAll }));
settings.forEach((s, q) => {
  const t = tally[q]!;
  console.log(
    JSON.stringify({
      bracket: s.kind,
      floor: s.floor,
      delta: s.delta,
      decided: t.decided,
      wrongStop: t.wrong,
      linksPerRun: Math.round(t.links / longRuns),
      laneStepsOfDecided: t.laneSteps,
    }),
  );
});
for (const l of landing)
  console.log(
    JSON.stringify({
      landingTolerance: l.tol,
      runs: l.links.length,
      linksMean: Math.round(l.links.reduce((a, b) => a + b, 0) / Math.max(1, l.links.length)),
      linksMedian: median(l.links),
      reachedOverMax: l.reachedLinks.filter((x) => x === Number.POSITIVE_INFINITY).length,
      reachedLinksMedian: median(l.reachedLinks),
      reachedMedian: median(reachedCounts),
    }),
  );
for (const rate of [15_000, 25_000, 35_000, 50_000]) console.log(JSON.stringify(finishEstimate(rate)));
