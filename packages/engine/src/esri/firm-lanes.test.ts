import { describe, expect, it } from 'vitest';
import { buildNetwork, type Production, type SupplyNetwork } from '../network.js';
import { denseFirmEsri, esriDifference } from '../testing/dense-firm.js';
import { edgeFirmsNetwork, randomNetwork, rng } from '../testing/random.js';
import { nativeSweep } from '../testing/native-sweep.js';
import { CASCADE_DEFAULTS, CascadeWorkspace } from './cascade.js';
import { runDenseCascade } from './dense.js';
import { esriOfState, firmEsri, normalizeWeights } from './esri.js';
import { FIRM_LANE_DEFAULTS, FirmLaneSolver, type LaneKernelOptions } from './firm-lanes.js';
import { DECISION_MARGIN, type FirmWalkResult } from './firm-walks.js';
import { ROW_SUM_SLACK } from './upstream-rows.js';

const ROUNDING = 1e-12;
const BUDGET = CASCADE_DEFAULTS.errorBudget;

/** Solves every firm in sweeps of `batch` firms and compares each with the dense reference. */
function compareWithDense(
  net: SupplyNetwork,
  eps: number,
  substitution: boolean,
  weights?: Float64Array,
  batch = Number.POSITIVE_INFINITY,
  errorBudget = 0,
) {
  const w = normalizeWeights(weights ?? net.sOut, net.n);
  const options = { eps, substitution, errorBudget };
  // No step limit, so that long runs are checked too.
  const solver = new FirmLaneSolver(net, w, options, new CascadeWorkspace(net), 100_000);
  let worst = 0;
  let solved = 0;
  for (let start = 0; start < net.n; start += batch) {
    const firms = Array.from({ length: Math.min(batch, net.n - start) }, (_, k) => start + k);
    const results: Array<FirmWalkResult | undefined> = [];
    solver.solveAll(firms, (k, r) => {
      expect(results[k], `firm ${firms[k]} reported twice`).toBeUndefined();
      results[k] = r;
    });
    for (const [k, f] of firms.entries()) {
      const r = results[k];
      if (!r) continue;
      solved++;
      const exact = denseFirmEsri(net, f, options, w);
      expect(r.iterations, `firm ${f}: stop step`).toBe(exact.iterations);
      worst = Math.max(worst, esriDifference(r, exact));
    }
  }
  return { worst, solved, stats: solver.stats };
}

describe('firm-level ESRI in sweeps of several firms', () => {
  const productions: Production[] = ['table', 'linear', 'leontief'];

  it.each(productions)('equals the dense reference on a network with hubs (%s)', (production) => {
    const net = randomNetwork({ n: 200, links: 1200, industries: 8, hubs: 5, production, seed: 44 });
    let replayedStates = 0;
    let finishedAhead = 0;
    let joint = 0;
    let jointEarlySteps = 0;
    let jointEarlyStops = 0;
    let gaveUp = 0;
    const defaultShare = FIRM_LANE_DEFAULTS.jointShare;
    // Also with no firm in the lanes with both channels, so that downstream runs that outlast the
    // firm's stop step (rebuilt from their log) occur on this small network.
    const configs: Array<[boolean, number]> = [
      [false, defaultShare],
      [true, defaultShare],
      [false, Number.POSITIVE_INFINITY],
      [true, Number.POSITIVE_INFINITY],
    ];
    for (const [substitution, jointShare] of configs) {
      FIRM_LANE_DEFAULTS.jointShare = jointShare;
      for (const eps of [1e-2, 1e-4]) {
        const r = compareWithDense(net, eps, substitution);
        expect(r.worst, `${production} subst=${substitution} eps=${eps}`).toBeLessThan(ROUNDING);
        // Every firm but those whose narrow downstream run was still going at giveUpAt.
        expect(r.solved + r.stats.gaveUp).toBe(net.n);
        gaveUp += r.stats.gaveUp;
        // With the default error budget the downstream runs drop and defer tiny changes: the results
        // stay within the budget (and the stop steps, checked inside, the same).
        const dropped = compareWithDense(net, eps, substitution, undefined, Infinity, BUDGET);
        expect(dropped.worst, `${production} subst=${substitution} eps=${eps}, dropping`).toBeLessThan(
          BUDGET,
        );
        // Runs that stop before their downstream run ended rebuild that state from the log.
        replayedStates += r.stats.replayedStates;
        finishedAhead += r.stats.finishedAhead;
        joint += r.stats.joint;
        jointEarlySteps += r.stats.jointEarlySteps;
        jointEarlyStops += r.stats.jointEarlyStops;
      }
    }
    FIRM_LANE_DEFAULTS.jointShare = defaultShare;
    // Lanes whose last step is taken from the rows near their large entries, without a sweep.
    expect(finishedAhead, 'finishing a step ahead is exercised').toBeGreaterThan(0);
    expect(replayedStates, 'the case is exercised').toBeGreaterThan(0);
    // Firms whose downstream run went dense (jointShare), run with both channels in the lanes.
    expect(joint, 'both channels in the lanes are exercised').toBeGreaterThan(0);
    // Their first steps, taken before they enter a lane, and runs that stop there.
    expect(jointEarlySteps, 'early steps').toBeGreaterThan(0);
    expect(jointEarlyStops, 'stops in the early steps').toBeGreaterThan(0);
    expect(gaveUp, 'giving up is exercised').toBeGreaterThan(0);
  });

  it('equals the dense reference with markets, custom weights and fewer firms than lanes', () => {
    const net = randomNetwork({ n: 150, links: 900, industries: 7, markets: 4, hubs: 3, seed: 8 });
    const r0 = rng(12);
    const weights = Float64Array.from({ length: net.n }, () => r0());
    for (const batch of [1, 3, 8, 50]) {
      const r = compareWithDense(net, 1e-2, true, weights, batch);
      expect(r.worst).toBeLessThan(ROUNDING);
      expect(r.solved).toBe(net.n);
    }
  });

  it('gives the same firm the same numbers in every lane and every order', () => {
    const net = randomNetwork({ n: 120, links: 700, industries: 6, hubs: 3, seed: 2 });
    const w = normalizeWeights(net.sOut, net.n);
    const solver = new FirmLaneSolver(net, w, { eps: 1e-3, substitution: true }, new CascadeWorkspace(net));
    const firms = [5, 5, 7, 5, 9, 5, 5, 5, 11, 5, 5];
    const results: Array<FirmWalkResult | undefined> = [];
    solver.solveAll(firms, (k, r) => {
      results[k] = r;
    });
    expect(results[0]).toBeDefined();
    for (const [k, f] of firms.entries()) if (f === 5) expect(results[k]).toEqual(results[0]);
  });

  it('gives the same bits with any lane count, the JavaScript kernel, the native sweep and any start batch', () => {
    // Lanes never mix (each sums its own firm's walk in the same order), so neither the number of
    // lanes nor WebAssembly against JavaScript may change a single bit. Nor may starting firms in
    // batches (startBatch): a parked walk kept by reference instead of copied would.
    const net = randomNetwork({ n: 160, links: 1100, industries: 6, hubs: 4, seed: 21 });
    const w = normalizeWeights(net.sOut, net.n);
    const firms = Array.from({ length: net.n }, (_, f) => f);
    // Without substitution most firms here run both channels in the lanes (downstream-lanes.ts).
    for (const substitution of [true, false]) {
      const options = { eps: 1e-3, substitution };
      const solve = (kernel: LaneKernelOptions) => {
        const solver = new FirmLaneSolver(net, w, options, new CascadeWorkspace(net), 100_000, kernel);
        const results: Array<FirmWalkResult | undefined> = [];
        solver.solveAll(firms, (k, r) => {
          results[k] = r;
        });
        return { results, engine: solver.kernel.engine, joint: solver.stats.joint };
      };
      const four = solve({ lanes: 4 });
      expect(four.engine).toBe('wasm');
      expect(four.results.filter((r) => r && r.iterations > 1).length).toBeGreaterThan(net.n / 2);
      const variants: LaneKernelOptions[] = [
        { lanes: 2 },
        { lanes: 16 },
        { lanes: 8, javascript: true },
        { startBatch: 1 },
        { startBatch: 3 },
        { startBatch: 1000 },
        // The native sweep (ADR 0023), where this machine has one: 8 lanes by default, and 16.
        ...(nativeSweep ? [{ native: nativeSweep }, { native: nativeSweep, lanes: 16 as const }] : []),
      ];
      for (const kernel of variants) {
        const other = solve(kernel);
        expect(other.engine).toBe(kernel.javascript ? 'js' : kernel.native ? 'native' : 'wasm');
        expect(other.results, JSON.stringify(kernel)).toEqual(four.results);
        expect(other.joint).toBe(four.joint);
      }
      if (!substitution) expect(four.joint, 'both channels in the lanes').toBeGreaterThan(net.n / 4);
    }
  });

  it('handles firms without suppliers, without customers and isolated ones', () => {
    const net = edgeFirmsNetwork('leontief');
    const r = compareWithDense(net, 1e-9, true, Float64Array.from([1, 1, 1, 1, 1, 1]));
    expect(r.worst).toBeLessThan(ROUNDING);
    expect(r.solved).toBe(net.n);
  });

  it('stops no lane beyond its step cap, in a sweep or a step ahead (review)', () => {
    const net = randomNetwork({ n: 200, links: 1200, industries: 8, hubs: 5, production: 'table', seed: 44 });
    const w = normalizeWeights(net.sOut, net.n);
    const options = { eps: 1e-2, substitution: true, errorBudget: 0 };
    const firms = Array.from({ length: net.n }, (_, f) => f);
    const solve = (cap: number) => {
      const solver = new FirmLaneSolver(net, w, options, new CascadeWorkspace(net), cap);
      const results: Array<FirmWalkResult | undefined> = [];
      solver.solveAll(firms, (k, r) => {
        results[k] = r;
      });
      return { results, stats: solver.stats };
    };
    const free = solve(100_000);
    expect(free.stats.finishedAhead).toBeGreaterThan(0);
    const steps = free.results.map((r) => r!.iterations).sort((a, b) => a - b);
    for (const cap of [steps[net.n >> 1]!, steps[Math.floor(net.n * 0.9)]!]) {
      const capped = solve(cap);
      let declined = 0;
      for (const f of firms) {
        const r = free.results[f]!;
        if (r.iterations > cap) {
          expect(capped.results[f], `firm ${f} runs ${r.iterations} steps, cap ${cap}`).toBeUndefined();
          declined++;
          // A run within the cap may still be declined (its downstream channel can outlast the cap).
        } else if (capped.results[f]) expect(capped.results[f]).toEqual(r);
      }
      expect(declined).toBeGreaterThan(0);
    }
  });

  // Found in review: a chain 5 → 4 → … → 0 runs more steps than a cap of 3 allows.
  it("respects the run's step cap: capped firms go to the cascade, which reports them", () => {
    const n = 64;
    const net = buildNetwork({
      n,
      supplier: Int32Array.from([1, 2, 3, 4, 5]),
      buyer: Int32Array.from([0, 1, 2, 3, 4]),
      value: new Float64Array(5).fill(1),
      industry: new Int32Array(n),
      production: 'linear',
    });
    const options = { eps: 1e-2, maxSteps: 3 };
    const w = normalizeWeights(net.sOut, n);
    const lanes = new FirmLaneSolver(net, w, options, new CascadeWorkspace(net), 100_000);
    const results: Array<FirmWalkResult | undefined> = [];
    lanes.solveAll([0, 1], (k, r) => {
      results[k] = r;
    });
    expect(results[0]).toBeUndefined();
    const auto = firmEsri(net, options);
    for (const f of [0, 1, 2, 6]) {
      const shock = { firms: [f], values: [1] };
      const ref = runDenseCascade(net, shock, shock, options);
      expect(auto.iterations[f], `firm ${f}`).toBe(ref.iterations);
      expect(auto.capped[f], `firm ${f}`).toBe(ref.capped ? 1 : 0);
      expect(Math.abs(auto.esri[f]! - esriOfState(ref.hd, ref.hu, w).esri)).toBeLessThan(ROUNDING);
    }
  });

  // Found in review: the reference's drop at step 1 is 1 − 0.99 = 0.010000000000000009 > eps = 0.01,
  // while the walk's exact drop equals eps; such a step must be left to the cascade.
  it('leaves a drop within rounding of eps to the cascade', () => {
    const n = 64;
    const net = buildNetwork({
      n,
      supplier: Int32Array.from([1, 1, 3, 3]),
      buyer: Int32Array.from([0, 2, 1, 4]),
      value: Float64Array.from([1, 99, 1, 9]),
      industry: new Int32Array(n),
      production: 'linear',
    });
    const options = { eps: 0.01 };
    const w = normalizeWeights(net.sOut, n);
    const lanes = new FirmLaneSolver(net, w, options, new CascadeWorkspace(net), 100_000);
    let result: FirmWalkResult | undefined;
    lanes.solveAll([0], (_k, r) => {
      result = r;
    });
    expect(result).toBeUndefined();
    const shock = { firms: [0], values: [1] };
    const ref = runDenseCascade(net, shock, shock, options);
    const auto = firmEsri(net, options);
    expect(auto.iterations[0]).toBe(ref.iterations);
    expect(Math.abs(auto.esri[0]! - esriOfState(ref.hd, ref.hu, w).esri)).toBeLessThan(ROUNDING);
  });

  it("does not mistake a long row's rounding for a drop below eps (the seventh session's review)", () => {
    // Firm f buys from K + 1 firms j, each selling a share v to f, just under the look-ahead threshold
    // as it was before rowRounding, and the rest to a sink Z. Firm P sells 1.5·eps of its output to f,
    // so the first step's drop lies between eps and 2·eps and the look-ahead is tried. Hub H sells to
    // every j with link values whose running sum rounds down at each of its 2^17 additions: its row
    // sums to exactly 1 in floating point but to 1 + 7.1e-12 exactly, so H's next value lies above
    // eps although none of its customers is listed. Q sells only to H and weighs a lot.
    const eps = 0.1;
    const kExp = 17;
    const K = 2 ** kExp;
    const oldThreshold = (eps - 2 * DECISION_MARGIN) / (ROW_SUM_SLACK * ROW_SUM_SLACK);
    let v = oldThreshold;
    while (v / (v + (1 - v)) > oldThreshold) v -= Number.EPSILON * v;
    const [f, Z, P, H, Q, J0] = [0, 1, 2, 3, 4, 5];
    const n = J0 + K + 1;
    const supplier: number[] = [];
    const buyer: number[] = [];
    const value: number[] = [];
    const link = (a: number, b: number, x: number) => {
      supplier.push(a);
      buyer.push(b);
      value.push(x);
    };
    link(H, J0, 0.5);
    for (let t = 1; t <= K; t++) link(H, J0 + t, (2 ** (52 - kExp) + 0.49) * 2 ** -53);
    for (let t = 0; t <= K; t++) {
      link(J0 + t, f, v);
      link(J0 + t, Z, 1 - v);
    }
    link(P, f, 1.5 * eps);
    link(P, Z, 1 - 1.5 * eps);
    link(Q, H, 1e6);
    const net = buildNetwork({
      n,
      supplier: Int32Array.from(supplier),
      buyer: Int32Array.from(buyer),
      value: Float64Array.from(value),
      industry: new Int32Array(n),
      production: 'linear',
    });
    const w = normalizeWeights(net.sOut, n);
    const options = { eps };
    const lanes = new FirmLaneSolver(net, w, options, new CascadeWorkspace(net), 200);
    let result: FirmWalkResult | undefined;
    lanes.solveAll([f], (_k, r) => {
      result = r;
    });
    const exact = denseFirmEsri(net, f, options, w);
    expect(exact.iterations).toBe(4);
    // H's value lies within rounding of eps for a row this long (decisionMargin), so the lanes may
    // leave f to the cascade; what they must not do is stop it early.
    if (result) {
      expect(result.iterations).toBe(exact.iterations);
      expect(esriDifference(result, exact)).toBeLessThan(ROUNDING);
    }
    const auto = firmEsri(net, { eps, firms: Int32Array.from({ length: 64 }, (_, i) => i) });
    expect(auto.iterations[f]).toBe(exact.iterations);
    expect(Math.abs(auto.esri[f]! - exact.esri)).toBeLessThan(ROUNDING);
  });
});
