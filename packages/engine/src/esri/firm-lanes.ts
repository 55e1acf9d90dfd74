/**
 * Firm-level ESRI for long runs: eight firms per sweep
 * ===================================================
 *
 * A firm whose cascade runs for many steps reaches most of a network with a giant component, so its
 * upstream walks v_s = A_f^s e_f (see firm-walks.ts for the notation) are best computed as dense
 * sweeps over all links. One sweep serves eight firms: the walk values are stored interleaved
 * (value of firm i in lane l at i·8 + l), so every link read from memory updates eight walks at once.
 * Lanes are independent (each holds its own firm at its own step): a walk starts sparse and joins the
 * sweeps only once it is wide, and a lane whose firm has stopped takes the next firm at once.
 *
 * Per lane the upstream drop max_i v_s(i) is known exactly at every step, so the stop step is the
 * reference's: the first s with max(downstream drop, upstream drop) ≤ eps. The downstream channel runs
 * first, alone and exactly (cascade.ts), until it stops changing; its state at the stop step is that
 * settled state, or, for a run that stops before it settles, the state of a second downstream run of
 * exactly that many steps. Then, as in firm-walks.ts,
 *
 *     ESRI_up = Σ_{s≤T} w·v_s,   ESRI = ESRI_up + Σ_{i∈D} w_i max(0, xd_i − xu_i),   xu_i = Σ_{s≤T} v_s(i).
 *
 * Used only when every row of Λu sums to at most 1 (the upstream channel is then linear).
 */

import type { SupplyNetwork } from '../network.js';
import {
  CASCADE_DEFAULTS,
  type CascadeOptions,
  type CascadeWorkspace,
  STEP_ABORT,
  STEP_CONTINUE,
  STEP_STOP,
} from './cascade.js';
import type { FirmWalkResult } from './firm-walks.js';
import { SparseLevel } from './sparse-level.js';

/** Number of firms per sweep (the kernel below is written out for eight). */
export const LANES = 8;

export const FIRM_LANE_DEFAULTS = {
  /** Longest run handled here; longer ones go to the cascade. */
  maxSteps: 200,
};

type Lane = {
  /** Position of the firm in the list being solved. */
  k: number;
  firm: number;
  /** Downstream drop of steps 1..deltas.length; 0 afterwards. */
  deltas: number[];
  /** The downstream state is final from step settledAt − 1 on. */
  settledAt: number;
  reached: Int32Array;
  lossDown: Float64Array;
  esriDown: number;
  esriUp: number;
  xu: Float64Array;
  /** Steps taken so far. */
  step: number;
};

type DownstreamState = Pick<Lane, 'reached' | 'lossDown' | 'esriDown'>;

export class FirmLaneSolver {
  private readonly net: SupplyNetwork;
  private readonly w: Float64Array;
  private readonly options: CascadeOptions;
  private readonly ws: CascadeWorkspace;
  private cur: Float64Array;
  private next: Float64Array;
  private readonly walk: [SparseLevel, SparseLevel];
  private readonly maxSteps: number;
  private readonly eps: number;
  /** A walk joins the sweeps once its next sparse step would visit more links than this. */
  private readonly wide: number;

  constructor(
    net: SupplyNetwork,
    w: Float64Array,
    options: CascadeOptions,
    ws: CascadeWorkspace,
    maxSteps = FIRM_LANE_DEFAULTS.maxSteps,
  ) {
    this.net = net;
    this.w = w;
    this.options = options;
    this.ws = ws;
    this.maxSteps = maxSteps;
    this.eps = options.eps ?? CASCADE_DEFAULTS.eps;
    this.cur = new Float64Array(net.n * LANES);
    this.next = new Float64Array(net.n * LANES);
    this.walk = [new SparseLevel(net.n), new SparseLevel(net.n)];
    // A sweep costs about 1 ns per lane and link; a sparse step 20–30 ns per link it visits
    // (bench/RESULTS.md), so a walk is cheaper in a lane once a step would visit about m/25 links.
    this.wide = net.m / 32;
  }

  /**
   * ESRI values of `firms`, reported through `emit(k, result)` in completion order; the result is
   * undefined for a firm that must go to the cascade. The caller must have checked that the upstream
   * channel is linear (FirmWalkSolver.applicable).
   */
  solveAll(firms: ArrayLike<number>, emit: (k: number, result: FirmWalkResult | undefined) => void): void {
    const { n, uOutPtr, uOutDst, uOutCoef } = this.net;
    const slots: Array<Lane | undefined> = new Array(LANES).fill(undefined);
    const max = new Float64Array(LANES);
    const mass = new Float64Array(LANES);
    let queued = 0;
    const fill = () => {
      for (let l = 0; l < LANES; l++) {
        while (!slots[l] && queued < firms.length) {
          const k = queued++;
          const lane = this.start(k, firms[k]!);
          if (!lane) emit(k, undefined);
          else if (this.sparseSteps(lane)) emit(k, this.finish(lane));
          else if (lane.step >= this.maxSteps) emit(k, undefined);
          else this.enter(lane, l, slots);
        }
      }
    };
    fill();
    while (slots.some((lane) => lane)) {
      sweep(n, uOutPtr, uOutDst, uOutCoef, this.cur, this.next);
      [this.cur, this.next] = [this.next, this.cur];
      const cur = this.cur;
      for (let l = 0; l < LANES; l++) {
        const lane = slots[l];
        if (lane) cur[lane.firm * LANES + l] = 0;
      }
      laneTotals(n, this.w, cur, max, mass);
      for (let l = 0; l < LANES; l++) {
        const lane = slots[l];
        if (!lane) continue;
        lane.step++;
        lane.esriUp += mass[l]!;
        for (let r = 0; r < lane.reached.length; r++) lane.xu[r]! += cur[lane.reached[r]! * LANES + l]!;
        const stopped = this.stops(lane, max[l]!);
        if (stopped || lane.step >= this.maxSteps) {
          for (let i = 0; i < n; i++) cur[i * LANES + l] = 0;
          slots[l] = undefined;
          emit(lane.k, stopped ? this.finish(lane) : undefined);
        }
      }
      fill();
    }
  }

  /** The reference's stop rule after the lane's latest step, given that step's largest upstream drop. */
  private stops(lane: Lane, upDrop: number): boolean {
    const down = lane.deltas[lane.step - 1] ?? 0;
    return Math.max(down, upDrop) <= this.eps;
  }

  /** Sparse steps while the walk is narrow; true when the firm's run stopped during them. */
  private sparseSteps(lane: Lane): boolean {
    const { uInPtr, uInSrc, uInCoef } = this.net;
    const { w } = this;
    const f = lane.firm;
    let [v, vNext] = this.walk;
    v.clear();
    vNext.clear();
    v.add(f, 1);
    let stopped = false;
    while (lane.step < this.maxSteps) {
      let cost = 0;
      for (let t = 0; t < v.len; t++) cost += uInPtr[v.idx[t]! + 1]! - uInPtr[v.idx[t]!]!;
      if (cost > this.wide) break;
      for (let t = 0; t < v.len; t++) {
        const j = v.idx[t]!;
        const x = v.val[j]!;
        for (let e = uInPtr[j]!, end = uInPtr[j + 1]!; e < end; e++) {
          const i = uInSrc[e]!;
          const y = x * uInCoef[e]!;
          if (i !== f && y > 0) vNext.add(i, y);
        }
      }
      v.clear();
      [v, vNext] = [vNext, v];
      lane.step++;
      let upDrop = 0;
      for (let t = 0; t < v.len; t++) {
        const i = v.idx[t]!;
        const x = v.val[i]!;
        lane.esriUp += w[i]! * x;
        if (x > upDrop) upDrop = x;
      }
      for (let r = 0; r < lane.reached.length; r++) lane.xu[r]! += v.val[lane.reached[r]!]!;
      if (this.stops(lane, upDrop)) {
        stopped = true;
        break;
      }
    }
    this.walk[0] = v;
    this.walk[1] = vNext;
    if (stopped) v.clear();
    return stopped;
  }

  /** Moves a wide walk (held in this.walk[0]) into the empty column of lane l. */
  private enter(lane: Lane, l: number, slots: Array<Lane | undefined>): void {
    const v = this.walk[0];
    const cur = this.cur;
    for (let t = 0; t < v.len; t++) cur[v.idx[t]! * LANES + l] = v.val[v.idx[t]!]!;
    v.clear();
    slots[l] = lane;
  }

  private finish(lane: Lane): FirmWalkResult {
    const w = this.w;
    // The settled downstream state holds from step settledAt − 1 on; a run that stopped earlier
    // needs the state of its own stop step. Losses only grow, so its firms are among `reached`.
    const state = lane.step >= lane.settledAt - 1 ? lane : this.downstreamAt(lane.firm, lane.step);
    const xuOf = new Map<number, number>();
    for (let r = 0; r < lane.reached.length; r++) xuOf.set(lane.reached[r]!, lane.xu[r]!);
    let esri = lane.esriUp;
    for (let r = 0; r < state.reached.length; r++) {
      const i = state.reached[r]!;
      const extra = state.lossDown[r]! - (xuOf.get(i) ?? 0);
      if (extra > 0) esri += w[i]! * extra;
    }
    return { esri, esriDown: state.esriDown, esriUp: lane.esriUp, iterations: lane.step };
  }

  /** Runs firm f's downstream channel alone until it settles; undefined if it does not in time. */
  private start(k: number, f: number): Lane | undefined {
    const { ws } = this;
    const deltas: number[] = [];
    const one = { firms: [f], values: [1] };
    const none = { firms: [], values: [] };
    const run = ws.run(one, none, this.options, (t, delta, changed) => {
      deltas.push(delta);
      if (changed === 0) return STEP_STOP;
      return t >= this.maxSteps ? STEP_ABORT : STEP_CONTINUE;
    });
    if (run.aborted || run.capped) {
      ws.reset();
      return undefined;
    }
    const state = this.collect(f);
    return {
      k,
      firm: f,
      deltas,
      settledAt: run.iterations,
      ...state,
      esriUp: this.w[f]!,
      xu: new Float64Array(state.reached.length),
      step: 0,
    };
  }

  /** Firm f's downstream state after exactly `steps` steps. */
  private downstreamAt(f: number, steps: number): DownstreamState {
    const one = { firms: [f], values: [1] };
    const none = { firms: [], values: [] };
    this.ws.run(one, none, this.options, (t) => (t >= steps ? STEP_STOP : STEP_CONTINUE));
    return this.collect(f);
  }

  /** The downstream losses held in the workspace (then reset). */
  private collect(f: number): DownstreamState {
    const { ws, w } = this;
    const reached: number[] = [];
    const lossDown: number[] = [];
    let esriDown = 0;
    for (let t = 0; t < ws.touchedCount; t++) {
      const i = ws.touched[t]!;
      const loss = 1 - ws.hd[i]!;
      esriDown += w[i]! * loss;
      if (i !== f && loss > 0) {
        reached.push(i);
        lossDown.push(loss);
      }
    }
    ws.reset();
    return { reached: Int32Array.from(reached), lossDown: Float64Array.from(lossDown), esriDown };
  }
}

/** next = A cur in each of the eight lanes: every firm pulls from its customers (one pass over links). */
function sweep(
  n: number,
  ptr: Int32Array,
  dst: Int32Array,
  coef: Float64Array,
  cur: Float64Array,
  next: Float64Array,
): void {
  for (let i = 0; i < n; i++) {
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    let a4 = 0;
    let a5 = 0;
    let a6 = 0;
    let a7 = 0;
    for (let e = ptr[i]!, end = ptr[i + 1]!; e < end; e++) {
      const c = coef[e]!;
      const b = dst[e]! * LANES;
      a0 += c * cur[b]!;
      a1 += c * cur[b + 1]!;
      a2 += c * cur[b + 2]!;
      a3 += c * cur[b + 3]!;
      a4 += c * cur[b + 4]!;
      a5 += c * cur[b + 5]!;
      a6 += c * cur[b + 6]!;
      a7 += c * cur[b + 7]!;
    }
    const o = i * LANES;
    next[o] = a0;
    next[o + 1] = a1;
    next[o + 2] = a2;
    next[o + 3] = a3;
    next[o + 4] = a4;
    next[o + 5] = a5;
    next[o + 6] = a6;
    next[o + 7] = a7;
  }
}

/** Per lane: the largest entry (the step's upstream drop) and the weighted sum (the loss it adds). */
function laneTotals(
  n: number,
  w: Float64Array,
  x: Float64Array,
  max: Float64Array,
  mass: Float64Array,
): void {
  let m0 = 0;
  let m1 = 0;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  let m5 = 0;
  let m6 = 0;
  let m7 = 0;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  let s5 = 0;
  let s6 = 0;
  let s7 = 0;
  for (let i = 0; i < n; i++) {
    const wi = w[i]!;
    const o = i * LANES;
    const x0 = x[o]!;
    const x1 = x[o + 1]!;
    const x2 = x[o + 2]!;
    const x3 = x[o + 3]!;
    const x4 = x[o + 4]!;
    const x5 = x[o + 5]!;
    const x6 = x[o + 6]!;
    const x7 = x[o + 7]!;
    s0 += wi * x0;
    s1 += wi * x1;
    s2 += wi * x2;
    s3 += wi * x3;
    s4 += wi * x4;
    s5 += wi * x5;
    s6 += wi * x6;
    s7 += wi * x7;
    if (x0 > m0) m0 = x0;
    if (x1 > m1) m1 = x1;
    if (x2 > m2) m2 = x2;
    if (x3 > m3) m3 = x3;
    if (x4 > m4) m4 = x4;
    if (x5 > m5) m5 = x5;
    if (x6 > m6) m6 = x6;
    if (x7 > m7) m7 = x7;
  }
  max.set([m0, m1, m2, m3, m4, m5, m6, m7]);
  mass.set([s0, s1, s2, s3, s4, s5, s6, s7]);
}
