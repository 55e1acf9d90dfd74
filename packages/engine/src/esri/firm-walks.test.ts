import { describe, expect, it } from 'vitest';
import { buildNetwork, type Production, type SupplyNetwork } from '../network.js';
import { denseFirmEsri, esriDifference } from '../testing/dense-firm.js';
import { edgeFirmsNetwork, randomNetwork, rng } from '../testing/random.js';
import { CASCADE_DEFAULTS, CascadeWorkspace } from './cascade.js';
import { firmEsri, firmSolvers, normalizeWeights } from './esri.js';
import { DECISION_MARGIN, FirmWalkSolver } from './firm-walks.js';

// The walk sums must give the dense reference's numbers (to rounding) and its stop step, and they must
// actually be used: each case also checks how many firms the solver took.
const ROUNDING = 1e-12;
const BUDGET = CASCADE_DEFAULTS.errorBudget;

// Without the limits that send long runs to the cascade, so that long walks are checked too.
const NO_LIMITS = { maxSteps: 100_000, linkBudget: Number.POSITIVE_INFINITY };

function compareWithDense(
  net: SupplyNetwork,
  eps: number,
  substitution: boolean,
  weights?: Float64Array,
  errorBudget = 0,
) {
  const w = normalizeWeights(weights ?? net.sOut, net.n);
  const options = { eps, substitution, errorBudget };
  const solver = new FirmWalkSolver(net, w, options, undefined, NO_LIMITS);
  let worst = 0;
  for (let f = 0; f < net.n; f++) {
    const fast = solver.solve(f);
    if (!fast) continue;
    const exact = denseFirmEsri(net, f, options, w);
    expect(fast.iterations, `firm ${f}: stop step`).toBe(exact.iterations);
    worst = Math.max(worst, esriDifference(fast, exact));
  }
  return { worst, solved: solver.solved, declined: solver.declined };
}

describe('firm-level ESRI by walk sums', () => {
  const productions: Production[] = ['table', 'linear', 'leontief'];

  it.each(productions)('equals the dense reference on a network with hubs (%s)', (production) => {
    const net = randomNetwork({ n: 250, links: 1500, industries: 9, hubs: 5, production, seed: 21 });
    for (const substitution of [false, true]) {
      for (const eps of [1e-2, 1e-3]) {
        const r = compareWithDense(net, eps, substitution);
        expect(r.worst, `${production} subst=${substitution} eps=${eps}`).toBeLessThan(ROUNDING);
        expect(r.solved).toBeGreaterThan(0.9 * net.n);
        // With the default error budget the downstream runs drop and defer tiny changes: the results
        // stay within the budget (and the stop steps, checked inside, the same).
        const dropped = compareWithDense(net, eps, substitution, undefined, BUDGET);
        expect(dropped.worst, `${production} subst=${substitution} eps=${eps}, dropping`).toBeLessThan(
          BUDGET,
        );
      }
    }
  });

  it('equals the dense reference with markets that differ from industries and custom weights', () => {
    const net = randomNetwork({ n: 250, links: 1400, industries: 8, markets: 5, hubs: 4, seed: 5 });
    const r0 = rng(3);
    const weights = Float64Array.from({ length: net.n }, () => r0());
    const r = compareWithDense(net, 1e-2, true, weights);
    expect(r.worst).toBeLessThan(ROUNDING);
    expect(r.solved).toBeGreaterThan(0.9 * net.n);
  });

  it('handles firms without suppliers, without customers and isolated ones', () => {
    const net = edgeFirmsNetwork('linear');
    const r = compareWithDense(net, 1e-9, false, Float64Array.from([1, 1, 1, 1, 1, 1]));
    expect(r.worst).toBeLessThan(ROUNDING);
    expect(r.solved).toBe(net.n);
  });

  it('leaves the upstream channel normalised by revenue to the cascade, with the same results', () => {
    const base = randomNetwork({ n: 120, links: 600, industries: 6, seed: 9 });
    // Revenue below out-strength makes some rows of Λu sum above 1: the clamps can bind.
    const supplier: number[] = [];
    const buyer: number[] = [];
    const value: number[] = [];
    for (let i = 0; i < base.n; i++) {
      for (let e = base.uOutPtr[i]!; e < base.uOutPtr[i + 1]!; e++) {
        supplier.push(i);
        buyer.push(base.uOutDst[e]!);
        value.push(base.uOutCoef[e]! * base.sOut[i]!);
      }
    }
    const r0 = rng(4);
    const net = buildNetwork({
      n: base.n,
      supplier: Int32Array.from(supplier),
      buyer: Int32Array.from(buyer),
      value: Float64Array.from(value),
      industry: base.industry,
      production: 'linear',
      revenue: Float64Array.from(base.sOut, (s) => Math.max(1, s * (0.5 + r0()))),
      upstreamBy: 'revenue',
    });
    const w = normalizeWeights(net.sOut, net.n);
    expect(new FirmWalkSolver(net, w, { eps: 1e-2 }).applicable).toBe(false);
    const auto = firmEsri(net, { eps: 1e-2 });
    const cascade = firmEsri(net, { eps: 1e-2, method: 'cascade' });
    expect(Array.from(auto.esri)).toEqual(Array.from(cascade.esri));
  });

  it('leaves every firm to the cascade when rounding could decide every stop (eps ≤ the margin)', () => {
    const net = randomNetwork({ n: 300, links: 2000, industries: 10, hubs: 6, seed: 33 });
    const w = normalizeWeights(net.sOut, net.n);
    const ws = new CascadeWorkspace(net);
    // DECISION_MARGIN is 1e-13, so no stop decision is possible outside the cascade at that eps.
    expect(firmSolvers(ws, w, { eps: DECISION_MARGIN })).toBeUndefined();
    expect(firmSolvers(ws, w, { eps: 1e-2 })).toBeDefined();
    const options = { eps: DECISION_MARGIN, substitution: true, maxSteps: 40 };
    const firms = Int32Array.from({ length: 80 }, (_, k) => k);
    const auto = firmEsri(net, { ...options, firms });
    const cascade = firmEsri(net, { ...options, firms, method: 'cascade' });
    expect(Array.from(auto.esri)).toEqual(Array.from(cascade.esri));
    expect(Array.from(auto.iterations)).toEqual(Array.from(cascade.iterations));
  });

  it('gives firmEsri the same numbers with either method', () => {
    const net = randomNetwork({ n: 300, links: 2000, industries: 10, hubs: 6, seed: 33 });
    const options = { eps: 1e-2, substitution: true };
    const auto = firmEsri(net, options);
    const cascade = firmEsri(net, { ...options, method: 'cascade', errorBudget: 0 });
    for (let f = 0; f < net.n; f++) {
      expect(Math.abs(auto.esri[f]! - cascade.esri[f]!)).toBeLessThan(ROUNDING);
      expect(Math.abs(auto.esriUp[f]! - cascade.esriUp[f]!)).toBeLessThan(ROUNDING);
      expect(Math.abs(auto.esriDown[f]! - cascade.esriDown[f]!)).toBeLessThan(ROUNDING);
      expect(auto.iterations[f]).toBe(cascade.iterations[f]);
    }
  });
});
