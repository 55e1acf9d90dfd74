/**
 * Economic Systemic Risk Index (ESRI) and shock scenarios
 * ======================================================
 *
 *     ESRI      = Σ_i w(i) · (1 − min(hd(i), hu(i)))
 *     ESRI_down = Σ_i w(i) · (1 − hd(i))
 *     ESRI_up   = Σ_i w(i) · (1 − hu(i))
 *
 * with weights w normalised to sum 1 (default s_out). A firm's ESRI is the scenario ψd = ψu = e_f.
 *
 * [Reference]:
 * Diem, C., Borsos, A., Reisch, T., Kertész, J., Thurner, S. Quantifying firm-level economic systemic
 * risk from nation-wide supply networks. Scientific Reports 12, 7719 (2022).
 */

import type { SupplyNetwork } from '../network.js';
import { CASCADE_DEFAULTS, type CascadeOptions, CascadeWorkspace, type Shock } from './cascade.js';
import { FirmLaneSolver, type LaneKernelOptions } from './firm-lanes.js';
import { decisionMargin, FIRM_WALK_DEFAULTS, FirmWalkSolver } from './firm-walks.js';

export const ESRI_DEFAULTS = { ...CASCADE_DEFAULTS };

export type EsriOptions = CascadeOptions & {
  /** Weights w(i) ≥ 0 (any scale; normalised here). Default: out-strength s_out. */
  weights?: Float64Array;
};

/**
 * How firm-level ESRI is computed: 'auto' tries the walk sums (firm-walks.ts), sweeps the firms with
 * long runs several at a time (firm-lanes.ts) and runs the cascade for any firm both decline; 'cascade'
 * runs the cascade for every firm. Both give the same numbers up to rounding.
 */
export type FirmEsriMethod = 'auto' | 'cascade';

export type Scenario = { down: Shock; up?: Shock };

export type EsriValues = { esri: number; esriDown: number; esriUp: number };

export type ScenarioResult = EsriValues & {
  hd: Float64Array;
  hu: Float64Array;
  iterations: number;
  capped: boolean;
};

export type FirmEsriResult = {
  firms: Int32Array;
  esri: Float64Array;
  esriDown: Float64Array;
  esriUp: Float64Array;
  iterations: Int32Array;
  capped: Uint8Array;
};

export class WeightError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WeightError';
  }
}

/** Divides weights by their sum. Throws on a negative or non-finite entry or an all-zero vector. */
export function normalizeWeights(weights: Float64Array, n: number): Float64Array {
  if (weights.length !== n) throw new WeightError(`weights have ${weights.length} entries, expected ${n}`);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    if (!(w >= 0) || !Number.isFinite(w))
      throw new WeightError(`weight of firm ${i} is ${w}; it must be ≥ 0`);
    sum += w;
  }
  // ESRI is a weighted share, so with no weight at all it is undefined; say which case it is.
  if (n === 0) throw new WeightError('the network has no firms, so there is no ESRI to compute');
  if (!(sum > 0)) {
    throw new WeightError(
      'all weights are zero (with the default weights, out-strength, no firm sells anything: pass weights such as revenue)',
    );
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = weights[i]! / sum;
  return out;
}

/** ESRI values of the state held in a workspace after `run` (sums over the touched firms only). */
export function workspaceEsri(ws: CascadeWorkspace, w: Float64Array): EsriValues {
  const { hd, hu, touched } = ws;
  let esri = 0;
  let esriDown = 0;
  let esriUp = 0;
  for (let t = 0; t < ws.touchedCount; t++) {
    const i = touched[t]!;
    const d = hd[i]!;
    const u = hu[i]!;
    const wi = w[i]!;
    esri += wi * (1 - Math.min(d, u));
    esriDown += wi * (1 - d);
    esriUp += wi * (1 - u);
  }
  return { esri, esriDown, esriUp };
}

/** ESRI values of full h vectors (dense; used for dense results and checks). */
export function esriOfState(hd: Float64Array, hu: Float64Array, w: Float64Array): EsriValues {
  let esri = 0;
  let esriDown = 0;
  let esriUp = 0;
  for (let i = 0; i < hd.length; i++) {
    const d = hd[i]!;
    const u = hu[i]!;
    esri += w[i]! * (1 - Math.min(d, u));
    esriDown += w[i]! * (1 - d);
    esriUp += w[i]! * (1 - u);
  }
  return { esri, esriDown, esriUp };
}

/** Runs scenarios one after another on one workspace (the worker pool runs the same code per thread). */
export function runScenarios(net: SupplyNetwork, scenarios: readonly Scenario[], options: EsriOptions = {}) {
  const w = normalizeWeights(options.weights ?? net.sOut, net.n);
  const ws = new CascadeWorkspace(net);
  return scenarios.map((s) => runScenarioOn(ws, w, s, options));
}

/** One scenario: final h vectors, iterations, whether the step cap ended it, and the ESRI values. */
export function runScenario(
  net: SupplyNetwork,
  scenario: Scenario,
  options: EsriOptions = {},
): ScenarioResult {
  return runScenarios(net, [scenario], options)[0]!;
}

export function runScenarioOn(
  ws: CascadeWorkspace,
  w: Float64Array,
  scenario: Scenario,
  options: CascadeOptions,
): ScenarioResult {
  const run = ws.run(scenario.down, scenario.up, options);
  const values = workspaceEsri(ws, w);
  const result = {
    ...values,
    hd: ws.hd.slice(),
    hu: ws.hu.slice(),
    iterations: run.iterations,
    capped: run.capped,
  };
  ws.reset();
  return result;
}

/**
 * Jobs of fewer firms run one cascade per firm under 'auto': a sweep costs as much for one firm as for
 * a full set of lanes, and a small job has too few long runs to fill them (bench/RESULTS.md). Decided per job,
 * so that results never depend on how a job is split among threads.
 */
export const FIRM_WALKS_MIN_JOB = 64;

/** The per-thread solvers of the fast paths (firm-walks.ts, firm-lanes.ts); see `firmSolvers`. */
export type FirmSolvers = { walks: FirmWalkSolver; lanes: FirmLaneSolver };
export type { LaneKernelOptions };

/** Firm-level ESRI of `firms` (default all), on one thread; writes into `out` at positions offset.. */
export function firmEsriInto(
  ws: CascadeWorkspace,
  w: Float64Array,
  firms: ArrayLike<number>,
  options: CascadeOptions,
  out: FirmEsriResult,
  offset: number,
  solvers?: FirmSolvers,
): void {
  const one = new Float64Array([1]);
  const idx = new Int32Array(1);
  const shock = { firms: idx, values: one };
  const write = (o: number, v: EsriValues, iterations: number, capped: boolean) => {
    out.esri[o] = v.esri;
    out.esriDown[o] = v.esriDown;
    out.esriUp[o] = v.esriUp;
    out.iterations[o] = iterations;
    out.capped[o] = capped ? 1 : 0;
  };
  const cascade = (o: number) => {
    idx[0] = firms[o - offset]!;
    const run = ws.run(shock, shock, options);
    write(o, workspaceEsri(ws, w), run.iterations, run.capped);
    ws.reset();
  };
  // Positions of the firms the walks decline: they go to the sweeps, and from there to the cascade.
  const long: number[] = [];
  for (let t = 0; t < firms.length; t++) {
    const o = offset + t;
    const fast = solvers?.walks.applicable ? solvers.walks.solve(firms[t]!) : undefined;
    if (fast) write(o, fast, fast.iterations, false);
    else if (solvers?.walks.applicable) long.push(o);
    else cascade(o);
  }
  const rest: number[] = [];
  solvers?.lanes.solveAll(
    long.map((o) => firms[o - offset]!),
    (k, r) => {
      if (r) write(long[k]!, r, r.iterations, false);
      else rest.push(long[k]!);
    },
  );
  for (const o of rest) cascade(o);
}

/**
 * The fast-path solvers for a thread's workspace, or undefined when `method` is 'cascade' or when they
 * could not take a single stop decision: when rounding alone could put any drop on either side of eps
 * (decisionMargin(net) ≥ eps), both hand every firm to the cascade, after trying: at eps 1e-12 on a
 * network whose longest out-row has 3,857 links, 4.4 s for 200 firms against 2.8 s for the cascade
 * alone (fifteenth session's review). Decided per network and options, so the results never depend on
 * how a job is split among threads. `kernel` chooses how the lanes sweep: no choice changes a
 * result beyond rounding, but a native sweep also sends runs to the lanes a step sooner
 * (FIRM_WALK_DEFAULTS.maxStepsWithNativeSweep), which moves some firms' sums from walk sums to
 * lanes: on the benchmark network their values moved by up to 5e-14 (ADR 0023).
 */
export function firmSolvers(
  ws: CascadeWorkspace,
  w: Float64Array,
  options: CascadeOptions,
  method: FirmEsriMethod = 'auto',
  kernel: LaneKernelOptions = {},
): FirmSolvers | undefined {
  if (method !== 'auto') return undefined;
  if (decisionMargin(ws.net) >= (options.eps ?? CASCADE_DEFAULTS.eps)) return undefined;
  const nativeSweep = kernel.native !== undefined && !kernel.javascript;
  return {
    walks: new FirmWalkSolver(
      ws.net,
      w,
      options,
      ws,
      nativeSweep ? { maxSteps: FIRM_WALK_DEFAULTS.maxStepsWithNativeSweep } : {},
    ),
    lanes: new FirmLaneSolver(ws.net, w, options, ws, undefined, kernel),
  };
}

export function allocFirmEsriResult(firms: Int32Array, shared = false): FirmEsriResult {
  const k = firms.length;
  const f64 = () => (shared ? new Float64Array(new SharedArrayBuffer(8 * k)) : new Float64Array(k));
  return {
    firms,
    esri: f64(),
    esriDown: f64(),
    esriUp: f64(),
    iterations: shared ? new Int32Array(new SharedArrayBuffer(4 * k)) : new Int32Array(k),
    capped: shared ? new Uint8Array(new SharedArrayBuffer(k)) : new Uint8Array(k),
  };
}

export function allFirms(n: number): Int32Array {
  const firms = new Int32Array(n);
  for (let i = 0; i < n; i++) firms[i] = i;
  return firms;
}

/** Firm-level ESRI on the calling thread. For many firms use the worker pool (pool.ts). */
export function firmEsri(
  net: SupplyNetwork,
  options: EsriOptions & { firms?: Int32Array; method?: FirmEsriMethod } = {},
): FirmEsriResult {
  const w = normalizeWeights(options.weights ?? net.sOut, net.n);
  const firms = options.firms ?? allFirms(net.n);
  const out = allocFirmEsriResult(firms);
  const ws = new CascadeWorkspace(net);
  const method = firms.length < FIRM_WALKS_MIN_JOB ? 'cascade' : options.method;
  firmEsriInto(ws, w, firms, options, out, 0, firmSolvers(ws, w, options, method));
  return out;
}
