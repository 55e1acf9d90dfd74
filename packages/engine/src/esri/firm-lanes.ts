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
import { combinedEsri, type DownstreamState, readDownstream } from './downstream-state.js';
import { DECISION_MARGIN, type FirmWalkResult } from './firm-walks.js';
import { pushLevel, SparseLevel } from './sparse-level.js';

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

export class FirmLaneSolver {
  private readonly net: SupplyNetwork;
  private readonly w: Float64Array;
  private readonly options: CascadeOptions;
  private readonly ws: CascadeWorkspace;
  private cur: Float64Array;
  private next: Float64Array;
  private readonly walk: [SparseLevel, SparseLevel];
  /** Bit l of pinned[i] is set while firm i is the shocked firm of lane l (its walk value stays 0). */
  private readonly pinned: Uint8Array;
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
    // The run's own step cap binds too: a firm that reaches it goes to the cascade, which reports it.
    this.maxSteps = Math.min(maxSteps, options.maxSteps ?? CASCADE_DEFAULTS.maxSteps);
    this.eps = options.eps ?? CASCADE_DEFAULTS.eps;
    this.cur = new Float64Array(net.n * LANES);
    this.next = new Float64Array(net.n * LANES);
    this.walk = [new SparseLevel(net.n), new SparseLevel(net.n)];
    this.pinned = new Uint8Array(net.n);
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
          const sparse = lane ? this.sparseSteps(lane) : 'undecided';
          if (sparse === 'stop') emit(k, this.finish(lane!));
          else if (sparse === 'undecided' || lane!.step >= this.maxSteps) emit(k, undefined);
          else this.enter(lane!, l, slots);
        }
      }
    };
    fill();
    while (slots.some((lane) => lane)) {
      sweep(n, uOutPtr, uOutDst, uOutCoef, this.cur, this.next, this.w, this.pinned, max, mass);
      [this.cur, this.next] = [this.next, this.cur];
      const cur = this.cur;
      for (let l = 0; l < LANES; l++) {
        const lane = slots[l];
        if (!lane) continue;
        lane.step++;
        lane.esriUp += mass[l]!;
        for (let r = 0; r < lane.reached.length; r++) lane.xu[r]! += cur[lane.reached[r]! * LANES + l]!;
        const decision = this.stops(lane, max[l]!);
        if (decision !== 'go' || lane.step >= this.maxSteps) {
          for (let i = 0; i < n; i++) cur[i * LANES + l] = 0;
          this.pinned[lane.firm]! &= ~(1 << l);
          slots[l] = undefined;
          emit(lane.k, decision === 'stop' ? this.finish(lane) : undefined);
        }
      }
      fill();
    }
  }

  /**
   * The reference's stop rule after the lane's latest step, given that step's largest upstream drop:
   * 'stop', 'go' on, or 'undecided' when the drop is within rounding of eps (the reference computes it
   * as a difference of values near 1, so its side of eps is not certain; the cascade decides those).
   */
  private stops(lane: Lane, upDrop: number): 'stop' | 'go' | 'undecided' {
    const drop = Math.max(lane.deltas[lane.step - 1] ?? 0, upDrop);
    if (Math.abs(drop - this.eps) <= DECISION_MARGIN) return 'undecided';
    return drop <= this.eps ? 'stop' : 'go';
  }

  /**
   * Sparse steps while the walk is narrow: 'stop' when the firm's run stopped during them, 'undecided'
   * when a step fell within rounding of eps, 'go' when the walk is wide (it then sits in this.walk[0]).
   */
  private sparseSteps(lane: Lane): 'stop' | 'go' | 'undecided' {
    const { uInPtr, uInSrc, uInCoef } = this.net;
    const { w } = this;
    const f = lane.firm;
    let [v, vNext] = this.walk;
    v.clear();
    vNext.clear();
    v.add(f, 1);
    let decision: 'stop' | 'go' | 'undecided' = 'go';
    while (lane.step < this.maxSteps) {
      let cost = 0;
      for (let t = 0; t < v.len; t++) cost += uInPtr[v.idx[t]! + 1]! - uInPtr[v.idx[t]!]!;
      if (cost > this.wide) break;
      pushLevel(v, vNext, uInPtr, uInSrc, uInCoef, -1, f, 0);
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
      decision = this.stops(lane, upDrop);
      if (decision !== 'go') break;
    }
    this.walk[0] = v;
    this.walk[1] = vNext;
    if (decision !== 'go') v.clear();
    return decision;
  }

  /** Moves a wide walk (held in this.walk[0]) into the empty column of lane l. */
  private enter(lane: Lane, l: number, slots: Array<Lane | undefined>): void {
    const v = this.walk[0];
    const cur = this.cur;
    for (let t = 0; t < v.len; t++) cur[v.idx[t]! * LANES + l] = v.val[v.idx[t]!]!;
    v.clear();
    this.pinned[lane.firm]! |= 1 << l;
    slots[l] = lane;
  }

  private finish(lane: Lane): FirmWalkResult {
    const w = this.w;
    // The settled downstream state holds from step settledAt − 1 on; a run that stopped earlier
    // needs the state of its own stop step. Losses only grow, so its firms are among `reached`.
    const state = lane.step >= lane.settledAt - 1 ? lane : this.downstreamAt(lane.firm, lane.step);
    const xuOf = new Map<number, number>();
    for (let r = 0; r < lane.reached.length; r++) xuOf.set(lane.reached[r]!, lane.xu[r]!);
    const esri = combinedEsri(lane.esriUp, state, w, (i) => xuOf.get(i) ?? 0);
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
    const state = readDownstream(this.ws, this.w, f);
    this.ws.reset();
    return state;
  }
}

/**
 * next = A_f cur in each of the eight lanes (every firm pulls from its customers; a lane's shocked firm
 * stays 0), and per lane the largest new entry (the step's upstream drop) and the weighted sum (the loss
 * the step adds). One pass over the links.
 */
function sweep(
  n: number,
  ptr: Int32Array,
  dst: Int32Array,
  coef: Float64Array,
  cur: Float64Array,
  next: Float64Array,
  w: Float64Array,
  pinned: Uint8Array,
  max: Float64Array,
  mass: Float64Array,
): void {
  max.fill(0);
  mass.fill(0);
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
    const pin = pinned[i]!;
    if (pin !== 0) {
      if (pin & 1) a0 = 0;
      if (pin & 2) a1 = 0;
      if (pin & 4) a2 = 0;
      if (pin & 8) a3 = 0;
      if (pin & 16) a4 = 0;
      if (pin & 32) a5 = 0;
      if (pin & 64) a6 = 0;
      if (pin & 128) a7 = 0;
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
    if (a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 === 0) continue;
    const wi = w[i]!;
    mass[0]! += wi * a0;
    mass[1]! += wi * a1;
    mass[2]! += wi * a2;
    mass[3]! += wi * a3;
    mass[4]! += wi * a4;
    mass[5]! += wi * a5;
    mass[6]! += wi * a6;
    mass[7]! += wi * a7;
    if (a0 > max[0]!) max[0] = a0;
    if (a1 > max[1]!) max[1] = a1;
    if (a2 > max[2]!) max[2] = a2;
    if (a3 > max[3]!) max[3] = a3;
    if (a4 > max[4]!) max[4] = a4;
    if (a5 > max[5]!) max[5] = a5;
    if (a6 > max[6]!) max[6] = a6;
    if (a7 > max[7]!) max[7] = a7;
  }
}
