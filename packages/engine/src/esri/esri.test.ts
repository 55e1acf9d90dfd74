import { describe, expect, it } from 'vitest';
import { buildNetwork, type Production, type SupplyNetwork } from '../network.js';
import { type FixtureScenario, independentFixtures, loadFixture } from '../testing/fixtures.js';
import { nativeSweep } from '../testing/native-sweep.js';
import { CascadeWorkspace } from './cascade.js';
import { runDenseCascade } from './dense.js';
import {
  type EsriOptions,
  esriOfState,
  firmEsri,
  normalizeWeights,
  runScenario,
  runScenarios,
} from './esri.js';
import { FirmLaneSolver } from './firm-lanes.js';
import { FirmWalkSolver } from './firm-walks.js';

const TOL = 1e-9;

// Firm-level ESRI of every firm by each method: the cascade, and the two fast paths without the limits
// that hand long runs on (so that these small cases exercise them; every firm must be solved); the
// lanes also with the native sweep where this machine has one (ADR 0023).
type PerFirm = { esri: Float64Array; esriDown: Float64Array; esriUp: Float64Array };
const METHODS = ['cascade', 'walks', 'lanes', ...(nativeSweep ? (['native lanes'] as const) : [])] as const;

function perFirmBy(method: (typeof METHODS)[number], net: SupplyNetwork, options: EsriOptions): PerFirm {
  if (method === 'cascade') return firmEsri(net, { ...options, method: 'cascade' });
  const w = normalizeWeights(options.weights ?? net.sOut, net.n);
  const out = {
    esri: new Float64Array(net.n),
    esriDown: new Float64Array(net.n),
    esriUp: new Float64Array(net.n),
  };
  const put = (f: number, r: { esri: number; esriDown: number; esriUp: number } | undefined) => {
    if (!r) throw new Error(`${method} declined firm ${f}`);
    out.esri[f] = r.esri;
    out.esriDown[f] = r.esriDown;
    out.esriUp[f] = r.esriUp;
  };
  const firms = Array.from({ length: net.n }, (_, f) => f);
  if (method === 'walks') {
    const solver = new FirmWalkSolver(net, w, options, undefined, {
      maxSteps: 100_000,
      linkBudget: Number.POSITIVE_INFINITY,
    });
    for (const f of firms) put(f, solver.solve(f));
  } else {
    const kernel = method === 'native lanes' ? { native: nativeSweep } : {};
    new FirmLaneSolver(net, w, options, new CascadeWorkspace(net), 100_000, kernel).solveAll(firms, put);
  }
  return out;
}

type Fixture = ReturnType<typeof loadFixture>;

/** A scenario's final h vectors equal the fixture's to TOL. */
function expectFinalStates(fx: Fixture, r: { hd: Float64Array; hu: Float64Array }, exp: FixtureScenario) {
  for (const [id, v] of Object.entries(exp.h_down)) {
    expect(Math.abs(r.hd[fx.index.get(id)!]! - v), `${exp.name} h_down ${id}`).toBeLessThan(TOL);
  }
  for (const [id, v] of Object.entries(exp.h_up)) {
    expect(Math.abs(r.hu[fx.index.get(id)!]! - v), `${exp.name} h_up ${id}`).toBeLessThan(TOL);
  }
}

/** Every firm's ESRI, ESRI_down and ESRI_up equal the fixture's to TOL. */
function expectEveryFirm(fx: Fixture, r: PerFirm) {
  const perFirm = fx.expected.per_firm!;
  expect(Object.keys(perFirm)).toHaveLength(fx.ids.length);
  for (const [id, exp] of Object.entries(perFirm)) {
    const i = fx.index.get(id)!;
    expect(Math.abs(r.esri[i]! - exp.esri), id).toBeLessThan(TOL);
    expect(Math.abs(r.esriDown[i]! - exp.esri_down), id).toBeLessThan(TOL);
    expect(Math.abs(r.esriUp[i]! - exp.esri_up), id).toBeLessThan(TOL);
  }
}

// Markets ≠ industries, eps 1e-2 and revenue, against an independent transcription of the spec
// (test-fixtures/independent/README.md).
describe.each(independentFixtures())('%s', (name) => {
  const fx = loadFixture(name);
  const net = fx.build();
  const opts: EsriOptions = {
    eps: fx.settings.eps,
    substitution: fx.settings.substitution,
    weights: fx.settings.weights === 'revenue' ? fx.revenue : undefined,
  };

  it('matches every scenario: ESRI values, iterations and final h vectors', () => {
    const results = runScenarios(net, fx.scenarios, opts);
    for (const [s, exp] of fx.expected.scenarios.entries()) {
      const r = results[s]!;
      expect(Math.abs(r.esri - exp.esri), exp.name).toBeLessThan(TOL);
      expect(Math.abs(r.esriDown - exp.esri_down), exp.name).toBeLessThan(TOL);
      expect(Math.abs(r.esriUp - exp.esri_up), exp.name).toBeLessThan(TOL);
      expect(r.iterations, exp.name).toBe(exp.iterations);
      expectFinalStates(fx, r, exp);
    }
  });

  it.each(['auto', 'cascade'] as const)('matches firm-level ESRI of every firm (%s)', (method) => {
    const r = firmEsri(net, { ...opts, method });
    expectEveryFirm(fx, r);
  });
});

describe.each(['case-01', 'case-04'])('reference fixture %s', (name) => {
  const fx = loadFixture(name);
  const net = fx.build();
  const opts = { eps: fx.settings.eps, substitution: fx.settings.substitution };

  it('matches every scenario: ESRI values and final h vectors', () => {
    const results = runScenarios(net, fx.scenarios, opts);
    expect(results).toHaveLength(fx.expected.scenarios.length);
    for (const [s, exp] of fx.expected.scenarios.entries()) {
      const r = results[s]!;
      expect(exp.name).toBe(fx.scenarios[s]!.name);
      expect(r.esri).toBeCloseTo(exp.esri, 9);
      expect(Math.abs(r.esri - exp.esri)).toBeLessThan(TOL);
      expect(Math.abs(r.esriDown - exp.esri_down)).toBeLessThan(TOL);
      expect(Math.abs(r.esriUp - exp.esri_up)).toBeLessThan(TOL);
      expect(r.capped).toBe(false);
      expectFinalStates(fx, r, exp);
    }
  });

  const perFirmCase = fx.expected.per_firm ? it : it.skip; // only case-01 lists every firm
  perFirmCase.each(METHODS)('matches firm-level ESRI of every firm (%s)', (method) => {
    const r = perFirmBy(method, net, opts);
    expectEveryFirm(fx, r);
  });

  it('gives the dense reference sequence: same iterations and states', () => {
    for (const s of fx.scenarios) {
      const sparse = runScenario(net, s, { ...opts, errorBudget: 0 });
      const dense = runDenseCascade(net, s.down, s.up, opts);
      expect(sparse.iterations).toBe(dense.iterations);
      for (let i = 0; i < net.n; i++) {
        expect(Math.abs(sparse.hd[i]! - dense.hd[i]!)).toBeLessThan(1e-12);
        expect(Math.abs(sparse.hu[i]! - dense.hu[i]!)).toBeLessThan(1e-12);
      }
    }
  });
});

describe('worked example (PNAS Nexus 2024, Fig. 1)', () => {
  const links = [
    [3, 6],
    [4, 6],
    [4, 7],
    [5, 7],
    [6, 1],
    [6, 2],
    [7, 10],
    [7, 11],
    [8, 1],
    [8, 2],
    [9, 11],
  ] as const;
  const industries = [1, 1, 2, 2, 2, 3, 3, 4, 4, 5, 5];
  const build = (production: Production) =>
    buildNetwork({
      n: 11,
      supplier: Int32Array.from(links, ([j]) => j - 1),
      buyer: Int32Array.from(links, ([, i]) => i - 1),
      value: new Float64Array(links.length).fill(1),
      industry: Int32Array.from(industries, (k) => k - 1),
      production,
    });
  const weightsOf = (net: ReturnType<typeof build>) => Float64Array.from(net.sIn, (s, i) => s + net.sOut[i]!);
  const linear = [
    0.272727, 0.272727, 0.181818, 0.363636, 0.181818, 0.363636, 0.363636, 0.181818, 0.090909, 0.181818,
    0.272727,
  ];
  const linearSubst = [...linear];
  linearSubst[2] = 0.084022;
  linearSubst[4] = 0.084022;
  linearSubst[8] = 0.068182;
  const leontief = [...linear];
  [0.227273, 0.431818, 0.204545, 0.454545, 0.409091, 0.272727, 0.136364].forEach((v, k) => {
    leontief[k + 2] = v;
  });
  const leontiefSubst = [...linear];
  for (const f of [4, 6, 7, 8]) leontiefSubst[f - 1] = leontief[f - 1]!;
  leontiefSubst[2] = 0.092287;
  leontiefSubst[4] = 0.088154;
  leontiefSubst[8] = 0.090909;
  const variants: Array<[Production, boolean, number[]]> = [
    ['linear', false, linear],
    ['linear', true, linearSubst],
    ['leontief', false, leontief],
    ['leontief', true, leontiefSubst],
  ];

  it.each(variants)('%s production, substitution %s', (production, substitution, expected) => {
    const net = build(production);
    for (const method of METHODS) {
      const r = perFirmBy(method, net, { eps: 1e-9, substitution, weights: weightsOf(net) });
      for (let f = 0; f < 11; f++)
        expect(Math.abs(r.esri[f]! - expected[f]!), `${method}: firm ${f + 1}`).toBeLessThan(1e-6);
    }
  });

  it('default of firm 4: downstream loss vectors, upstream hits only firm 4', () => {
    const shock = { firms: [3], values: [1] };
    const lin = runScenario(build('linear'), { down: shock }, { eps: 1e-9 });
    const leo = runScenario(build('leontief'), { down: shock }, { eps: 1e-9 });
    const expLin = [0.25, 0.25, 0, 1, 0, 0.5, 0.5, 0, 0, 0.5, 0.25];
    const expLeo = [0.5, 0.5, 0, 1, 0, 0.5, 0.5, 0, 0, 0.5, 0.5];
    for (let i = 0; i < 11; i++) {
      expect(Math.abs(1 - lin.hd[i]! - expLin[i]!)).toBeLessThan(1e-6);
      expect(Math.abs(1 - leo.hd[i]! - expLeo[i]!)).toBeLessThan(1e-6);
      expect(lin.hu[i]).toBe(i === 3 ? 0 : 1);
      expect(leo.hu[i]).toBe(i === 3 ? 0 : 1);
    }
  });
});

describe('ESRI outputs', () => {
  it('dense ESRI of the final state equals the sparse sums', () => {
    const fx = loadFixture('case-04');
    const net = fx.build();
    const w = normalizeWeights(net.sOut, net.n);
    for (const s of fx.scenarios) {
      const r = runScenario(net, s, { eps: 1e-9, substitution: true });
      const d = esriOfState(r.hd, r.hu, w);
      expect(Math.abs(d.esri - r.esri)).toBeLessThan(1e-12);
      expect(Math.abs(d.esriDown - r.esriDown)).toBeLessThan(1e-12);
      expect(Math.abs(d.esriUp - r.esriUp)).toBeLessThan(1e-12);
    }
  });

  it('rejects all-zero and negative weights', () => {
    expect(() => normalizeWeights(new Float64Array(3), 3)).toThrow(/all weights are zero \(with the default/);
    expect(() => normalizeWeights(new Float64Array(0), 0)).toThrow(/the network has no firms/);
    expect(() => normalizeWeights(Float64Array.from([1, -1, 0]), 3)).toThrow(/must be ≥ 0/);
    expect(() => normalizeWeights(new Float64Array(2), 3)).toThrow(/expected 3/);
  });

  it('reports the step cap', () => {
    const fx = loadFixture('case-01');
    const r = runScenario(fx.build(), fx.scenarios[0]!, { eps: 0, maxSteps: 3 });
    expect(r.iterations).toBe(3);
    expect(r.capped).toBe(true);
  });
});
