/**
 * Firm-level ESRI for long runs: several firms per sweep
 * =====================================================
 *
 * A firm whose cascade runs for many steps reaches most of a network with a giant component, so its
 * upstream walks v_s = A_f^s e_f (see firm-walks.ts for the notation) are best computed as dense
 * sweeps over all links. One sweep serves L firms (4 by default): the walk values are stored
 * interleaved (value of firm i in lane l at i·L + l), so every link read from memory updates L walks
 * at once. The sweep itself is a WebAssembly SIMD kernel (sweep-kernel/), two lanes per instruction.
 * Lanes are independent (each holds its own firm at its own step): a walk starts sparse and joins the
 * sweeps only once it is wide, and a lane whose firm has stopped takes the next firm at once.
 *
 * Per lane the upstream drop max_i v_s(i) is known exactly at every step, so the stop step is the
 * reference's: the first s with max(downstream drop, upstream drop) ≤ eps. The downstream channel runs
 * first, alone and exactly (cascade.ts), until it stops changing; its state at the stop step is that
 * settled state, or, for a run that stops before it settles, the state rebuilt from the run's log of
 * changes (DownstreamLog). Then, as in firm-walks.ts,
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
import { combinedEsri, DownstreamLog, type DownstreamState, readDownstream } from './downstream-state.js';
import { DownstreamLanes } from './downstream-lanes.js';
import { decisionMargin, type FirmWalkResult, rowRounding } from './firm-walks.js';
import { LaneLookAhead } from './lane-look-ahead.js';
import { pushLevel, SparseLevel } from './sparse-level.js';
import { SweepKernel } from './sweep-kernel/kernel.js';
import { NATIVE_SWEEP_DEFAULT_LANES, type NativeSweepModule } from './sweep-kernel/native.js';
import type { KernelLanes } from './sweep-kernel/wat.js';

export const FIRM_LANE_DEFAULTS = {
  /**
   * Longest run handled here; longer ones go to the cascade (which then reports the run's step cap).
   * The run's own cap (CascadeOptions.maxSteps) binds too.
   */
  maxSteps: Number.POSITIVE_INFINITY,
  /**
   * Firms per sweep (a kernel of sweep-kernel/wat.ts). Four lanes keep the lane array of a 100k-firm
   * network at 3.2 MB; at eight (6.4 MB) a sweep cost 3.6 times as much on the benchmark machine, not 2.
   * With a native sweep (AVX-512) the default is NATIVE_SWEEP_DEFAULT_LANES instead.
   */
  lanes: 4 as KernelLanes,
  /** A walk joins the sweeps once its next sparse step would visit more than this share of the links. */
  wideShare: 1 / 100,
  /**
   * Firms started at a time (downstream run and sparse steps), then held until a lane is free. Starts
   * read the network's rows all over the memory, sweeps stream the links and the lane arrays; done in
   * turns, each finds more of its own data still in the caches (bench/RESULTS.md, fifteenth session).
   * Each change of turn starts cold, so fewer are better while the parked walks stay small: the pool
   * hands a thread 512 firms at a time, of which about 190 go to the lanes on the benchmark network,
   * so at 256 a chunk's starts all come first; against 32, its lane time was 0.947–0.973 (medians of
   * 24 alternating chunks, four seeds; eighteenth session). A parked walk is a level whose push stayed
   * under 1% of the links: 3,650 firms on the mean at 100k firms, so 256 of them take about 11 MB.
   */
  startBatch: 256,
  /**
   * A downstream run that changes at least this share of the firms in a step, from step jointFrom
   * on, sends its firm to the lanes with both channels (downstream-lanes.ts), where it starts again
   * from its shock. Such a run has gone dense, and without substitution it stays so: on the 100k-firm
   * benchmark network without substitution, most runs change 70–85% of the firms per step from step
   * 8 or so to well past 14, and go on for 40–60 steps, long after the firm's stop step (34 on the
   * mean); a lane step costs about one dense step of one run and serves four. Substitution damps the
   * runs: on that network with it, the widest runs changed 10–30% at steps 3–5 and settled by step 9–19.
   * Shares of 10–25% from step 4 measured alike there and on a 12,000-firm network at eps 1e-4, and
   * 1.2–1.5 times faster than sending runs still going at step 12, whatever their width. Once such
   * lanes took their first steps before entering and their rows longest first, 10% gave 0.955 of the
   * time of 20% without substitution and 0.99–1.015 on the benchmark (twentieth session).
   */
  jointShare: 0.1,
  jointFrom: 4,
  /**
   * Step at which a downstream run still going, narrow, gives up: its firm goes to the cascade, which
   * stops at the firm's stop step (a narrow run is cheap there, and alone it could go on long past it).
   */
  giveUpAt: 48,
};

/**
 * How a solver sweeps: lanes per sweep, firms started at a time (`startBatch`), a native sweep to use
 * (ADR 0023; it sets the default lane count to 8), and, for tests, the JavaScript kernel instead of
 * WebAssembly. None of them changes a result.
 */
export type LaneKernelOptions = {
  lanes?: KernelLanes;
  javascript?: boolean;
  startBatch?: number;
  native?: NativeSweepModule;
};

type Lane = {
  /** Position of the firm in the list being solved. */
  k: number;
  firm: number;
  /** Downstream drop of steps 1..deltas.length; 0 afterwards (when the run settled). */
  deltas: number[];
  /** How far each of those drops may be from the dense reference's (what the budget left out). */
  deltaErrors: number[];
  /** The downstream state held at the end of the run is the state of steps finalFrom, finalFrom + 1, …. */
  finalFrom: number;
  /** Every change of the downstream run, to rebuild its state after an earlier step. */
  log: DownstreamLog;
  reached: Int32Array;
  lossDown: Float64Array;
  esriDown: number;
  esriUp: number;
  xu: Float64Array;
  /** Steps taken so far. */
  step: number;
  /** The wide walk waiting to enter a lane (its firms' kernel slots and values), set between start and enter. */
  waiting?: { slots: Int32Array; val: Float64Array };
  /** Both channels run in the lanes, from the shock on (deltas grow with the lane's steps). */
  joint: boolean;
  /**
   * Of a lane with both channels that took its first steps before entering (jointSteps): its
   * downstream state (the firms with hd < 1) and its walk's running sums (by kernel slot).
   */
  waitingDown?: { firms: Int32Array; hd: Float64Array };
  waitingSums?: { slots: Int32Array; val: Float64Array };
};

export class FirmLaneSolver {
  private readonly net: SupplyNetwork;
  private readonly w: Float64Array;
  private readonly options: CascadeOptions;
  private readonly ws: CascadeWorkspace;
  /**
   * The lane arrays and the sweep over them, both by slot (kernel.slotOf[i] is firm i's); bit l of
   * kernel.pinned[slotOf[f]] marks firm f as lane l's firm.
   */
  readonly kernel: SweepKernel;
  private readonly lanes: number;
  private readonly walk: [SparseLevel, SparseLevel];
  /** A walk's running sums Σ_s v_s (jointSteps). */
  private readonly walkSums: SparseLevel;
  private readonly maxSteps: number;
  private readonly eps: number;
  /**
   * Firms whose run stopped before the step whose state their downstream run ended with (that state
   * rebuilt from the log), lanes finished a step ahead (finishAhead), firms run with both channels in
   * the lanes (jointLane), the steps such firms took before entering and those that stopped there
   * (jointSteps), and firms whose narrow downstream run gave up (start()).
   */
  readonly stats = {
    replayedStates: 0,
    finishedAhead: 0,
    joint: 0,
    jointEarlySteps: 0,
    jointEarlyStops: 0,
    gaveUp: 0,
  };
  /** The downstream lanes (made when first needed); each lane's Σ_s v_s is in kernel.sums. */
  private down?: DownstreamLanes;

  /** A walk joins the sweeps once its next sparse step would visit more links than this. */
  private readonly wide: number;
  /** Takes a lane's last step without a sweep when it can (lane-look-ahead.ts). */
  private readonly lookAhead: LaneLookAhead;
  /** rowRounding(net): how far a pushed walk's values may be from the reference's rows by rounding. */
  private readonly rounding: number;
  /** decisionMargin(net): a drop within this of eps is left to the cascade. */
  private readonly margin: number;
  /** Firms started at a time (FIRM_LANE_DEFAULTS.startBatch). */
  private readonly startBatch: number;
  /**
   * The park: the slots and values of the wide walks of one batch of starts waiting for a lane, one
   * after the other (bySlot), and how much of it they use. Two typed arrays per waiting walk (about
   * 3,650 entries each on the benchmark network) made young-generation garbage of 65 MB per 3,000 firms.
   * It starts small and doubles, so that the tests' small networks grow it too (41 times in the lane
   * and ESRI tests); on the benchmark network it grows to a batch's walks, about 1M entries, once.
   */
  private parkSlots = new Int32Array(1024);
  private parkVal = new Float64Array(1024);
  private parked = 0;
  /** The native kernels the lanes sweep in, if any; the downstream lanes step in them too. */
  private readonly native?: NativeSweepModule;

  constructor(
    net: SupplyNetwork,
    w: Float64Array,
    options: CascadeOptions,
    ws: CascadeWorkspace,
    maxSteps = FIRM_LANE_DEFAULTS.maxSteps,
    kernel: LaneKernelOptions = {},
  ) {
    this.net = net;
    this.w = w;
    this.options = options;
    this.ws = ws;
    // The run's own step cap binds too: a firm that reaches it goes to the cascade, which reports it.
    this.maxSteps = Math.min(maxSteps, options.maxSteps ?? CASCADE_DEFAULTS.maxSteps);
    this.eps = options.eps ?? CASCADE_DEFAULTS.eps;
    const native = kernel.javascript ? undefined : kernel.native;
    const lanes =
      kernel.lanes ?? (native ? (NATIVE_SWEEP_DEFAULT_LANES as KernelLanes) : FIRM_LANE_DEFAULTS.lanes);
    this.kernel = new SweepKernel(net, w, lanes, { javascript: kernel.javascript, native });
    this.lanes = this.kernel.lanes;
    this.native = this.kernel.engine === 'native' ? native : undefined;
    this.startBatch = Math.max(1, kernel.startBatch ?? FIRM_LANE_DEFAULTS.startBatch);
    this.walk = [new SparseLevel(net.n), new SparseLevel(net.n)];
    this.walkSums = new SparseLevel(net.n);
    // A sweep costs about 1/10 of a sparse step per lane and link it visits (bench/RESULTS.md), so a
    // walk is cheaper in a lane once a step would visit about 1% of the links.
    this.wide = net.m * FIRM_LANE_DEFAULTS.wideShare;
    this.rounding = rowRounding(net);
    this.margin = decisionMargin(net);
    this.lookAhead = new LaneLookAhead(net, w, this.kernel, this.eps, this.rounding, this.margin);
    this.kernel.threshold = this.lookAhead.threshold;
  }

  /**
   * ESRI values of `firms`, reported through `emit(k, result)` in completion order; the result is
   * undefined for a firm that must go to the cascade. The caller must have checked that the upstream
   * channel is linear (FirmWalkSolver.applicable).
   */
  solveAll(firms: ArrayLike<number>, emit: (k: number, result: FirmWalkResult | undefined) => void): void {
    const { kernel, lanes } = this;
    const slots: Array<Lane | undefined> = new Array(lanes).fill(undefined);
    let queued = 0;
    // Started firms whose walks are wide, in the order of `firms`, waiting for a lane.
    const ready: Lane[] = [];
    let next = 0;
    const startBatch = () => {
      ready.length = 0;
      next = 0;
      // Every walk parked for the last batch has entered its lane: the park is free again.
      this.parked = 0;
      while (ready.length < this.startBatch && queued < firms.length) {
        const k = queued++;
        const lane = this.start(k, firms[k]!);
        if (lane?.joint) {
          const early = this.jointSteps(lane);
          if (early === 'go') ready.push(lane);
          else emit(k, early);
          continue;
        }
        const sparse = lane ? this.sparseSteps(lane) : 'undecided';
        if (sparse === 'stop') emit(k, this.finish(lane!));
        else if (sparse === 'undecided' || lane!.step >= this.maxSteps) emit(k, undefined);
        else ready.push(this.park(lane!));
      }
    };
    const fill = () => {
      for (let l = 0; l < lanes; l++) {
        if (slots[l]) continue;
        if (next === ready.length) startBatch();
        if (next === ready.length) return;
        this.enter(ready[next++]!, l, slots);
      }
    };
    fill();
    // Lanes whose firms left at the last step, zeroed together before new firms enter them.
    const left: number[] = [];
    while (slots.some((lane) => lane)) {
      const down = slots.some((lane) => lane?.joint) ? this.down : undefined;
      // Lanes with both channels need every firm's upstream loss: the sweep adds to the running sums.
      kernel.sweep(down !== undefined);
      const { cur, max, mass, pinned, slotOf } = kernel;
      down?.step();
      for (let l = 0; l < lanes; l++) {
        const lane = slots[l];
        if (!lane) continue;
        lane.step++;
        lane.esriUp += mass[l]!;
        let decision: 'stop' | 'go' | 'undecided';
        if (lane.joint) {
          lane.deltas.push(down!.drop[l]!);
          lane.deltaErrors.push(0);
          decision = this.stops(lane, max[l]!);
        } else {
          for (let r = 0; r < lane.reached.length; r++)
            lane.xu[r]! += cur[slotOf[lane.reached[r]!]! * lanes + l]!;
          decision = this.stops(lane, max[l]!);
          if (decision === 'go' && this.finishAhead(lane, l)) decision = 'stop';
        }
        if (decision !== 'go' || lane.step >= this.maxSteps) {
          left.push(l);
          pinned[slotOf[lane.firm]!]! &= ~(1 << l);
          slots[l] = undefined;
          const result =
            decision === 'stop' ? (lane.joint ? this.finishJoint(lane, l) : this.finish(lane)) : undefined;
          if (lane.joint) this.down!.end(l, lane.firm);
          emit(lane.k, result);
        }
      }
      if (left.length > 0) {
        this.clearLanes(left);
        left.length = 0;
      }
      fill();
    }
  }

  /**
   * Zeroes the values of lanes `which`, for the next firms to enter. It touches every cache line of the
   * lane array (3.2 MB at 100k firms and 4 lanes, 6.4 MB at 8): 0.23 ms against 3.4 ms for a sweep,
   * 3.4% of the firm work on the twenty-third session's machine, and twice that at 8 lanes
   * (bench/RESULTS.md). So the lanes that leave after one sweep are zeroed two at a time: with eight
   * lanes about two leave per sweep on the benchmark network.
   */
  private clearLanes(which: number[]): void {
    const { cur, lanes } = this.kernel;
    const end = this.net.n * lanes;
    // Two lanes per pass: the loop, not the memory, bounds a pass (0.16 ms for one lane or two, 0.28
    // for two passes, 0.33 for one pass over a list of two; eight lanes of 100k firms).
    let t = 0;
    for (; t + 1 < which.length; t += 2) {
      const a = which[t]!;
      const b = which[t + 1]!;
      for (let k = 0; k < end; k += lanes) {
        cur[k + a] = 0;
        cur[k + b] = 0;
      }
    }
    if (t < which.length) for (let k = which[t]!; k < end; k += lanes) cur[k] = 0;
  }

  /**
   * The reference's stop rule after the lane's latest step, given that step's largest upstream drop:
   * 'stop', 'go' on, or 'undecided' when the drop is within rounding of eps (the reference computes it
   * as a difference of values near 1, so its side of eps is not certain; the cascade decides those).
   */
  private stops(lane: Lane, upDrop: number): 'stop' | 'go' | 'undecided' {
    const down = lane.deltas[lane.step - 1] ?? 0;
    // After the run settled its drops are taken as 0, off by at most its last error (errors only grow).
    const errors = lane.deltaErrors;
    const downError = errors[Math.min(lane.step, errors.length) - 1] ?? 0;
    const low = Math.max(down - downError, upDrop);
    const high = Math.max(down + downError, upDrop);
    if (high < this.eps - this.margin) return 'stop';
    return low > this.eps + this.margin ? 'go' : 'undecided';
  }

  /**
   * Takes lane l's next step without a sweep when it is the run's last (lane-look-ahead.ts), and
   * returns whether it did: on the benchmark network, 330 of 382 long runs end this way, a sixth of
   * the lane steps.
   */
  private finishAhead(lane: Lane, l: number): boolean {
    if (lane.step >= this.maxSteps) return false;
    const stops = (upDrop: number) => {
      lane.step++;
      const decision = this.stops(lane, upDrop);
      lane.step--;
      return decision;
    };
    const mass = this.lookAhead.finish(l, lane.firm, stops, lane.reached, lane.xu);
    if (mass === undefined) return false;
    lane.esriUp += mass;
    lane.step++;
    this.stats.finishedAhead++;
    return true;
  }

  /**
   * Sparse steps while the walk is narrow: 'stop' when the firm's run stopped during them, 'undecided'
   * when a step fell within rounding of eps, 'go' when the walk is wide (it then sits in this.walk[0],
   * for park()).
   */
  private sparseSteps(lane: Lane): 'stop' | 'go' | 'undecided' {
    this.startWalk(lane.firm);
    let decision: 'stop' | 'go' | 'undecided' = 'go';
    while (lane.step < this.maxSteps && this.nextStepLinks() <= this.wide) {
      const upDrop = this.walkStep(lane);
      lane.step++;
      const v = this.walk[0];
      for (let r = 0; r < lane.reached.length; r++) lane.xu[r]! += v.val[lane.reached[r]!]!;
      decision = this.stops(lane, upDrop);
      if (decision !== 'go') break;
    }
    if (decision !== 'go') this.walk[0].clear();
    return decision;
  }

  /** this.walk[0] = e_f, this.walk[1] empty. */
  private startWalk(f: number): void {
    this.walk[0].clear();
    this.walk[1].clear();
    this.walk[0].add(f, 1);
  }

  /** The links the next sparse step of the walk in this.walk[0] would visit. */
  private nextStepLinks(): number {
    const { uInPtr } = this.net;
    const v = this.walk[0];
    let links = 0;
    for (let t = 0; t < v.len; t++) links += uInPtr[v.idx[t]! + 1]! - uInPtr[v.idx[t]!]!;
    return links;
  }

  /**
   * One exact sparse step of lane's walk, this.walk[0] ← A_f · this.walk[0]: adds its weighted sum to
   * lane.esriUp and returns its largest entry (the step's upstream drop).
   */
  private walkStep(lane: Lane): number {
    const { uInPtr, uInSrc, uInCoef } = this.net;
    const { w } = this;
    const [v, vNext] = this.walk;
    pushLevel(v, vNext, uInPtr, uInSrc, uInCoef, -1, lane.firm, 0);
    v.clear();
    this.walk[0] = vNext;
    this.walk[1] = v;
    let upDrop = 0;
    for (let t = 0; t < vNext.len; t++) {
      const i = vNext.idx[t]!;
      const x = vNext.val[i]!;
      lane.esriUp += w[i]! * x;
      if (x > upDrop) upDrop = x;
    }
    return upDrop;
  }

  /**
   * A level's entries as kernel slots and values, in views of the park (see `park`), valid until the
   * next batch of starts.
   */
  private bySlot(level: SparseLevel): { slots: Int32Array; val: Float64Array } {
    const { slotOf } = this.kernel;
    const len = level.len;
    const from = this.parked;
    if (from + len > this.parkSlots.length) {
      // Grown, not reused: the views given out so far keep the old arrays until their lanes enter.
      const size = Math.max(2 * this.parkSlots.length, from + len);
      const slots = new Int32Array(size);
      const val = new Float64Array(size);
      slots.set(this.parkSlots.subarray(0, from));
      val.set(this.parkVal.subarray(0, from));
      this.parkSlots = slots;
      this.parkVal = val;
    }
    const slots = this.parkSlots.subarray(from, from + len);
    const val = this.parkVal.subarray(from, from + len);
    this.parked = from + len;
    for (let t = 0; t < len; t++) {
      const i = level.idx[t]!;
      slots[t] = slotOf[i]!;
      val[t] = level.val[i]!;
    }
    return { slots, val };
  }

  /** Keeps a wide walk (held in this.walk[0]) with its lane until a lane column is free. */
  private park(lane: Lane): Lane {
    lane.waiting = this.bySlot(this.walk[0]);
    this.walk[0].clear();
    return lane;
  }

  /** Moves a parked walk into the empty column of lane l. */
  private enter(lane: Lane, l: number, slots: Array<Lane | undefined>): void {
    const { slots: at, val } = lane.waiting!;
    const { cur, pinned, slotOf } = this.kernel;
    for (let t = 0; t < at.length; t++) cur[at[t]! * this.lanes + l] = val[t]!;
    lane.waiting = undefined;
    pinned[slotOf[lane.firm]!]! |= 1 << l;
    slots[l] = lane;
    if (lane.joint) {
      const { lanes } = this;
      this.down!.begin(l, lane.firm);
      if (lane.waitingDown) this.down!.set(l, lane.waitingDown.firms, lane.waitingDown.hd);
      const { sums } = this.kernel;
      for (let k = l; k < sums.length; k += lanes) sums[k] = 0;
      if (lane.waitingSums) {
        const { slots: at, val: x } = lane.waitingSums;
        for (let t = 0; t < at.length; t++) sums[at[t]! * lanes + l] = x[t]!;
      }
      lane.waitingDown = undefined;
      lane.waitingSums = undefined;
    }
  }

  /**
   * The result of a lane that ran both channels: its downstream state is the lane's hd, its upstream
   * losses the lane's sums of the walk (Σ_{s≥1} v_s; v_0 = e_f is left out with f itself).
   */
  private finishJoint(lane: Lane, l: number): FirmWalkResult {
    const { w, lanes } = this;
    const { slotOf, sums: xu } = this.kernel;
    const { hd, slotOf: downSlotOf } = this.down!;
    const f = lane.firm;
    let esriDown = 0;
    let esri = lane.esriUp;
    for (let i = 0; i < this.net.n; i++) {
      const h = hd[downSlotOf[i]! * lanes + l]!;
      if (!(h < 1)) continue;
      const loss = 1 - h;
      esriDown += w[i]! * loss;
      if (i === f) continue;
      const extra = loss - xu[slotOf[i]! * lanes + l]!;
      if (extra > 0) esri += w[i]! * extra;
    }
    return { esri, esriDown, esriUp: lane.esriUp, iterations: lane.step };
  }

  /**
   * The first steps of a lane with both channels, taken before it enters: the downstream run again,
   * leaving nothing out (errorBudget 0, so its states are the dense reference's, as in the lanes),
   * beside the exact sparse walk, step by step, until the walk turns wide (its next step would visit
   * more than `wide` links), the downstream run settles, or the firm's run stops. Those steps reach
   * few firms, and in a lane each would cost a dense step of both channels (about 3 of the 34 steps of
   * a run without substitution on the benchmark network). Returns the firm's result when its run
   * stopped here, 'go' when the lane waits with both states to enter at lane.step, undefined when the
   * firm goes to the cascade.
   */
  private jointSteps(lane: Lane): FirmWalkResult | 'go' | undefined {
    const { w, ws, walkSums: sums } = this;
    const f = lane.firm;
    this.startWalk(f);
    sums.clear();
    let outcome = 'go' as 'stop' | 'go' | 'undecided';
    const ran = this.nextStepLinks() <= this.wide;
    if (ran) {
      const one = { firms: [f], values: [1] };
      const none = { firms: [], values: [] };
      const exact = { ...this.options, errorBudget: 0, errorBudgetDown: 0 };
      const run = ws.run(one, none, exact, (t, delta, changed, deltaError) => {
        const upDrop = this.walkStep(lane);
        lane.step = t;
        this.stats.jointEarlySteps++;
        const v = this.walk[0];
        for (let q = 0; q < v.len; q++) sums.add(v.idx[q]!, v.val[v.idx[q]!]!);
        lane.deltas.push(delta);
        lane.deltaErrors.push(deltaError);
        outcome = this.stops(lane, upDrop);
        if (outcome !== 'go' || t >= this.maxSteps) return STEP_STOP;
        return changed === 0 || this.nextStepLinks() > this.wide ? STEP_STOP : STEP_CONTINUE;
      });
      if (run.aborted || run.capped || run.amplified) outcome = 'undecided';
      if (outcome === 'go' && lane.step >= this.maxSteps) outcome = 'undecided';
    }
    let result: FirmWalkResult | 'go' | undefined;
    if (outcome === 'stop') {
      this.stats.jointEarlyStops++;
      const state = readDownstream(ws, w, f);
      const esri = combinedEsri(lane.esriUp, state, w, (i) => sums.val[i]!);
      result = { esri, esriDown: state.esriDown, esriUp: lane.esriUp, iterations: lane.step };
    } else if (outcome === 'go') {
      result = 'go';
      if (lane.step > 0) {
        lane.waiting = this.bySlot(this.walk[0]);
        lane.waitingSums = this.bySlot(sums);
        const { touched, touchedCount, hd } = ws;
        const firms: number[] = [];
        const values: number[] = [];
        for (let t = 0; t < touchedCount; t++) {
          const i = touched[t]!;
          if (hd[i]! < 1) {
            firms.push(i);
            values.push(hd[i]!);
          }
        }
        lane.waitingDown = { firms: Int32Array.from(firms), hd: Float64Array.from(values) };
      }
    }
    if (ran) ws.reset();
    this.walk[0].clear();
    this.walk[1].clear();
    sums.clear();
    return result;
  }

  /** A lane for firm f with both channels from its shock (downstream-lanes.ts). */
  private jointLane(k: number, f: number): Lane {
    this.stats.joint++;
    this.down ??= new DownstreamLanes(
      this.net,
      this.lanes,
      this.options.substitution ?? CASCADE_DEFAULTS.substitution,
      this.kernel.engine === 'js',
      this.native,
    );
    return {
      k,
      firm: f,
      deltas: [],
      deltaErrors: [],
      finalFrom: 0,
      log: new DownstreamLog(),
      reached: new Int32Array(0),
      lossDown: new Float64Array(0),
      esriDown: 0,
      esriUp: this.w[f]!,
      xu: new Float64Array(0),
      step: 0,
      waiting: { slots: Int32Array.of(this.kernel.slotOf[f]!), val: Float64Array.of(1) },
      joint: true,
    };
  }

  private finish(lane: Lane): FirmWalkResult {
    const w = this.w;
    // The state the downstream run ended with holds from step finalFrom on; a run that stopped
    // earlier needs the state of its own stop step, rebuilt from the log. Losses only grow, so its firms are among
    // `reached`.
    if (lane.step >= lane.finalFrom) {
      // The state is the lane's own, so its r-th reached firm's upstream loss is xu[r].
      const esri = combinedEsri(lane.esriUp, lane, w, (_i, r) => lane.xu[r]!);
      return { esri, esriDown: lane.esriDown, esriUp: lane.esriUp, iterations: lane.step };
    }
    this.stats.replayedStates++;
    const state: DownstreamState = lane.log.stateAt(lane.step, w, lane.firm);
    const xuOf = new Map<number, number>();
    for (let r = 0; r < lane.reached.length; r++) xuOf.set(lane.reached[r]!, lane.xu[r]!);
    const esri = combinedEsri(lane.esriUp, state, w, (i) => xuOf.get(i) ?? 0);
    return { esri, esriDown: state.esriDown, esriUp: lane.esriUp, iterations: lane.step };
  }

  /**
   * Runs firm f's downstream channel alone until it settles; a run that goes dense (jointShare) is
   * dropped, and the firm gets a lane with both channels instead (jointLane). Undefined when the run
   * hit the step cap or gave up (giveUpAt): the firm goes to the cascade. Logs every change, so that a
   * firm whose run stops before its downstream run settled needs no second downstream run.
   *
   * Why not go on alone: a dense run reaches much of the network and can keep changing, by ever
   * smaller amounts, long after the firm's stop step, which only the upstream walk reveals. Earlier
   * sessions cut it at a cheap bound on the upstream stop step; on a review's 12,000-firm network at
   * eps 1e-4 that bound mostly failed, and the method took 1.4 times as long as one cascade per firm
   * (bench/RESULTS.md, twentieth session).
   */
  private start(k: number, f: number, options: CascadeOptions = this.options): Lane | undefined {
    const { ws } = this;
    const deltas: number[] = [];
    const deltaErrors: number[] = [];
    const log = new DownstreamLog();
    const one = { firms: [f], values: [1] };
    const none = { firms: [], values: [] };
    let joint = false;
    let gaveUp = false;
    const run = ws.run(one, none, options, (t, delta, changed, deltaError) => {
      deltas.push(delta);
      deltaErrors.push(deltaError);
      if (changed === 0) return STEP_STOP;
      if (t >= FIRM_LANE_DEFAULTS.jointFrom && changed >= FIRM_LANE_DEFAULTS.jointShare * this.net.n) {
        joint = true;
        return STEP_ABORT;
      }
      if (t >= FIRM_LANE_DEFAULTS.giveUpAt) {
        gaveUp = true;
        return STEP_ABORT;
      }
      log.record(ws);
      return t >= this.maxSteps ? STEP_ABORT : STEP_CONTINUE;
    });
    if (joint) {
      ws.reset();
      return this.jointLane(k, f);
    }
    if (gaveUp) {
      this.stats.gaveUp++;
      ws.reset();
      return undefined;
    }
    // Substitution could amplify what the budget leaves out (cascade.ts): again, leaving out less.
    if (run.amplified) return this.start(k, f, { ...options, errorBudgetDown: run.retryBudget });
    if (run.aborted || run.capped) {
      ws.reset();
      return undefined;
    }
    const state = this.collect(f);
    return {
      k,
      firm: f,
      deltas,
      deltaErrors,
      // A settled run's last step changed nothing: its state is that of the step before, onwards.
      finalFrom: run.iterations - 1,
      log,
      ...state,
      esriUp: this.w[f]!,
      xu: new Float64Array(state.reached.length),
      step: 0,
      joint: false,
    };
  }

  /** The downstream losses held in the workspace (then reset). */
  private collect(f: number): DownstreamState {
    const state = readDownstream(this.ws, this.w, f);
    this.ws.reset();
    return state;
  }
}
