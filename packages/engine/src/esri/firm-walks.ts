/**
 * Firm-level ESRI by walk sums (the fast path of `--all-firms`)
 * ============================================================
 *
 * For a firm-level shock ψd = ψu = e_f the upstream channel is linear. Write x = 1 − hu (loss) and
 * A_f = Λu with row f set to zero. When every row of Λu sums to at most 1 (the upstream channel
 * normalised by s_out), the clamps of the upstream update never bind and
 *
 *     x_t = Σ_{s=0..t} v_s,   v_s = A_f^s e_f  (≥ 0),   and the step-t upstream drop is max_i v_t(i).
 *
 * So ESRI_up after T steps is Σ_{s≤T} b_s with b_s = w·A_f^s e_f. Walks that never come back to f are
 * all walks minus those that do, split at their first return:
 *
 *     b_s = a_s − Σ_{k=2..s} F_k · a_{s−k},   a_s = w·Λu^s e_f = g_s(f),   g_s = (Λuᵀ)^s w,
 *
 * where F_k is the weight of walks leaving f and first returning at step k. The vectors g_s serve
 * every firm and cost one pass over the links each. F_k needs only short walks: splitting a closed
 * walk in the middle, F_k = ⟨v_q, η_{k−q}⟩ with v_q (q steps from f towards its suppliers, avoiding f)
 * and η_p (the weight with which a firm reaches f for the first time in exactly p steps, spread from f
 * towards its customers). With q ≤ ⌈T/2⌉ and p ≤ ⌊T/2⌋ both stay within a few links of f, where the
 * full cascade of T steps would reach most of a network with a giant component.
 *
 * The combined ESRI needs the upstream loss only where the downstream one is positive (the firms D the
 * downstream cascade reached, usually a handful): ESRI = ESRI_up + Σ_{i∈D} w_i max(0, xd_i − xu_i),
 * with xu_i = Σ_{s≤⌈T/2⌉} v_s(i) + Σ_p ⟨v_⌈T/2⌉, ζ^i_p⟩ (ζ^i_p: walks of p steps ending at i).
 *
 * The stop step T is the reference's: the downstream channel runs exactly (cascade.ts, alone), and the
 * upstream drops max_i v_t(i) are bounded by a copy of v_t propagated without its entries below a floor
 * θ: dropping entries of at most θ can raise no later entry by more than θ (rows of A_f sum to at most
 * 1), so the true drop lies in [max ṽ_t, max ṽ_t + μ_t] with μ_t the sum of the dropped maxima. A step
 * is decided only when the whole interval lies on one side of eps; otherwise θ is lowered, and as a
 * last resort the firm goes to the exact cascade. Nothing else is approximated: the results equal the
 * exact dense computation up to floating-point rounding (tests compare both on networks with hubs).
 *
 * Not used (the caller runs the exact cascade) when Λu has a row summing above 1 (upstream normalised
 * by revenue), or when a firm's walks or its downstream set would cost more than `linkBudget` links.
 */

import type { SupplyNetwork } from '../network.js';
import {
  CASCADE_DEFAULTS,
  type CascadeOptions,
  CascadeWorkspace,
  STEP_ABORT,
  STEP_CONTINUE,
  STEP_STOP,
} from './cascade.js';
import { combinedEsri, readDownstream } from './downstream-state.js';
import { pushLevel, SparseLevel } from './sparse-level.js';
import { ROW_SUM_SLACK, upstreamExpands } from './upstream-rows.js';

export const FIRM_WALK_DEFAULTS = {
  /** Most links one firm's walks may visit before it is left to the exact cascade. */
  linkBudget: 2_000_000,
  /**
   * Floors θ of the stop-step bound, as shares of eps, tried in turn (0: the exact walk). On 2,000
   * firms of the benchmark network 3% left 99 undecided; 0.3% decided 88 of them in a third of the time
   * 0.001% took for all 99, and 0.01% the rest (bench/RESULTS.md).
   */
  floorShares: [3e-2, 3e-3, 1e-4, 0] as readonly number[],
  /**
   * Longest run handled here. Walks of more steps reach most of a network with a giant component from
   * both ends; longer runs are cheaper in the sweeps of firm-lanes.ts (bench/RESULTS.md: 6 beat 5 and 8
   * once the sweeps ran in WebAssembly).
   */
  maxSteps: 6,
  /**
   * Longest run handled here when the lanes sweep natively (ADR 0023): a lane step is cheaper there,
   * so runs go to the lanes a step sooner. On the benchmark network, paired chunks of 512 firms took
   * 0.928 of the time with 5 against 6 (12 of 12 pairs faster) and 1.075 with 4 against 5.
   */
  maxStepsWithNativeSweep: 5,
  /**
   * Floors (shares of eps) of the cheap walks that recognise a run longer than maxSteps, tried in turn;
   * see FirmWalkSolver.surelyLong.
   */
  surelyLongFloors: [4, 1, 1 / 4] as readonly number[],
};

/**
 * Margin around eps within which a stop decision is left to a finer floor, and in the end to the
 * cascade: it covers rounding in the drops (values of order 1, a few hundred operations).
 */
export const DECISION_MARGIN = 1e-13;

/**
 * How far apart two evaluations of a row of Λu (the same products summed in different orders, or
 * exactly) can be, as a factor: each sum of K terms is within K·2⁻⁵³ of the exact one (relative, for
 * terms ≥ 0), and the factor allows for two such sums and the products. With K the longest out-row.
 * Bounds built from walks pushed in another order than the reference's rows, and bounds that use the
 * floating-point row sums (checked against ROW_SUM_SLACK) for the exact ones, are widened by it: a
 * review (seventh session) built a hub of 2²⁰ links whose row summed to exactly 1 in floating point
 * but to 1 + 5.7e-11 exactly, which turned a bound of the lane look-ahead below the true drop.
 */
export function rowRounding(net: SupplyNetwork): number {
  let longest = 0;
  for (let i = 0; i < net.n; i++) longest = Math.max(longest, net.uOutPtr[i + 1]! - net.uOutPtr[i]!);
  return 1 + 3 * longest * 2 ** -53;
}

/**
 * The margin around eps for a network: DECISION_MARGIN, or rowRounding(net) − 1 when that is larger.
 * The reference's drop is a difference of two values near 1, each a row sum of up to K terms that
 * adds as much as 2·K·2⁻⁵³ of rounding (the review's point: a hub of 10⁶ links needs more than 1e-13).
 */
export function decisionMargin(net: SupplyNetwork): number {
  return Math.max(DECISION_MARGIN, rowRounding(net) - 1);
}

export type FirmWalkResult = { esri: number; esriDown: number; esriUp: number; iterations: number };

export class FirmWalkSolver {
  private readonly net: SupplyNetwork;
  private readonly w: Float64Array;
  private readonly options: CascadeOptions;
  private readonly ws: CascadeWorkspace;
  /** g[s] = (Λuᵀ)^s w, computed when first needed. */
  private readonly g: Float64Array[] = [];
  /** Whether every row of Λu sums to at most 1 (so the upstream channel is linear for unit shocks). */
  readonly applicable: boolean;
  /** rowRounding(net): how far the walks' values may be from the reference's rows by rounding alone. */
  private readonly rounding: number;
  /** decisionMargin(net): drops within this of eps are left to a finer floor, then to the cascade. */
  private readonly margin: number;
  private readonly bound: [SparseLevel, SparseLevel];
  private readonly walk: [SparseLevel, SparseLevel];
  private readonly dist: Int32Array;
  private readonly distMark: Int32Array;
  private readonly queue: Int32Array;
  private distStamp = 0;
  private readonly linkBudget: number;
  private readonly maxSteps: number;
  /** Firms solved here and firms left to the exact cascade (for the benchmark notes). */
  solved = 0;
  declined = 0;
  /** Diagnostics of the last solve (benchmarks). */
  last = { boundLinks: 0, walkLinks: 0, reached: 0, steps: 0, reason: '' };

  constructor(
    net: SupplyNetwork,
    w: Float64Array,
    options: CascadeOptions,
    ws?: CascadeWorkspace,
    limits: Partial<Pick<typeof FIRM_WALK_DEFAULTS, 'linkBudget' | 'maxSteps'>> = {},
  ) {
    this.net = net;
    this.w = w;
    this.options = options;
    this.ws = ws ?? new CascadeWorkspace(net);
    this.linkBudget = limits.linkBudget ?? FIRM_WALK_DEFAULTS.linkBudget;
    this.maxSteps = limits.maxSteps ?? FIRM_WALK_DEFAULTS.maxSteps;
    const n = net.n;
    this.bound = [new SparseLevel(n), new SparseLevel(n)];
    this.walk = [new SparseLevel(n), new SparseLevel(n)];
    this.dist = new Int32Array(n);
    this.distMark = new Int32Array(n);
    this.queue = new Int32Array(n);
    this.applicable = !upstreamExpands(net);
    this.rounding = rowRounding(net);
    this.margin = decisionMargin(net);
    this.g.push(w);
  }

  private gLevel(s: number): Float64Array {
    const { uInPtr, uInSrc, uInCoef, n } = this.net;
    while (this.g.length <= s) {
      const prev = this.g[this.g.length - 1]!;
      const next = new Float64Array(n);
      for (let j = 0; j < n; j++) {
        let acc = 0;
        for (let e = uInPtr[j]!, end = uInPtr[j + 1]!; e < end; e++) acc += uInCoef[e]! * prev[uInSrc[e]!]!;
        next[j] = acc;
      }
      this.g.push(next);
    }
    return this.g[s]!;
  }

  /** Firm f's ESRI values, or undefined when f must go to the exact cascade. */
  solve(f: number): FirmWalkResult | undefined {
    if (!this.applicable) return undefined;
    const eps = this.options.eps ?? CASCADE_DEFAULTS.eps;
    if (this.surelyLong(f, eps)) {
      this.declined++;
      return undefined;
    }
    for (const share of FIRM_WALK_DEFAULTS.floorShares) {
      const steps = this.stopStep(f, eps, share * eps);
      if (steps === 'declined') break;
      if (steps === 'undecided') continue;
      const result = this.walkSums(f, steps);
      this.ws.reset();
      if (result) {
        this.solved++;
        return result;
      }
      break;
    }
    this.ws.reset();
    this.declined++;
    return undefined;
  }

  /**
   * Whether f's run surely lasts more than maxSteps steps: the walk kept only where it is at least a floor
   * is a lower bound of the true one (everything it leaves out is ≥ 0), so if it still has an entry above
   * eps after every step up to maxSteps, the upstream drop never fell to eps. A higher floor keeps fewer
   * entries (so fewer hub rows to push) and gives a lower bound of the walk with a lower floor, so the
   * floors are tried from the highest: the last, eps/4, decides as the single floor did before, and the
   * higher ones only make the long runs cheaper to recognise (on 3,000 firms of the benchmark network
   * 4·eps and eps found 1,129 of 1,129 for a fifth of the links; bench/RESULTS.md, seventeenth session).
   */
  private surelyLong(f: number, eps: number): boolean {
    for (const share of FIRM_WALK_DEFAULTS.surelyLongFloors)
      if (this.staysAbove(f, eps, share * eps)) return true;
    return false;
  }

  /** Whether the walk from f kept only where it is at least `floor` has an entry above eps after every step. */
  private staysAbove(f: number, eps: number, floor: number): boolean {
    const { uInPtr, uInSrc, uInCoef } = this.net;
    let [cur, next] = this.bound;
    cur.clear();
    next.clear();
    cur.add(f, 1);
    let long = true;
    for (let t = 1; t <= this.maxSteps && long; t++) {
      pushLevel(cur, next, uInPtr, uInSrc, uInCoef, -1, f, floor);
      cur.clear();
      [cur, next] = [next, cur];
      long = cur.max() > eps;
    }
    cur.clear();
    return long;
  }

  /**
   * Runs the downstream channel exactly, deciding each step's stop from the bound on the upstream drop.
   * Leaves the downstream state in the workspace; returns the stop step, or why there is none.
   */
  private stopStep(
    f: number,
    eps: number,
    floor: number,
    options: CascadeOptions = this.options,
  ): number | 'undecided' | 'declined' {
    const { uInPtr, uInSrc, uInCoef } = this.net;
    let [cur, next] = this.bound;
    cur.clear();
    next.clear();
    cur.add(f, 1);
    let heldBack = 0;
    let links = 0;
    let outcome: 'undecided' | 'declined' | undefined;
    const one = { firms: [f], values: [1] };
    const none = { firms: [], values: [] };
    this.ws.reset();
    const run = this.ws.run(one, none, options, (t, downDrop, _changed, downError) => {
      const pushed = pushLevel(cur, next, uInPtr, uInSrc, uInCoef, -1, f, floor);
      links += pushed.links;
      heldBack = (heldBack + pushed.heldBack) * ROW_SUM_SLACK;
      cur.clear();
      [cur, next] = [next, cur];
      // The downstream drop is off by at most downError (what its budget left out).
      const low = Math.max(downDrop - downError, cur.max() / this.rounding);
      const high = Math.max(downDrop + downError, cur.max() * ROW_SUM_SLACK * this.rounding + heldBack);
      if (high <= eps - this.margin) return STEP_STOP;
      if (low > eps + this.margin) {
        if (t >= this.maxSteps || links > this.linkBudget) {
          outcome = 'declined';
          return STEP_ABORT;
        }
        return STEP_CONTINUE;
      }
      outcome = 'undecided';
      return STEP_ABORT;
    });
    cur.clear();
    next.clear();
    // Substitution could amplify what the budget leaves out (cascade.ts): again, leaving out less.
    if (run.amplified) return this.stopStep(f, eps, floor, { ...options, errorBudgetDown: run.retryBudget });
    this.last.boundLinks = links;
    this.last.steps = run.iterations;
    this.last.reason = run.capped ? 'capped' : run.aborted ? (outcome ?? 'aborted') : '';
    if (run.capped) return 'declined';
    if (run.aborted) return outcome ?? 'declined';
    return run.iterations;
  }

  /** ESRI values from the walk sums, with the downstream state of T steps in the workspace. */
  private walkSums(f: number, T: number): FirmWalkResult | undefined {
    const { uInPtr, uInSrc, uInCoef, uOutPtr, uOutDst, uOutCoef } = this.net;
    const { ws, w, dist } = this;
    const down = readDownstream(ws, w, f);
    const { reached } = down;
    // Meet in the middle. The walks v_s = A_f^s e_f go from f towards suppliers; a breadth-first search
    // from S = D ∪ {f} towards customers gives each nearby firm its hops to S. Whichever side is cheaper
    // grows by one step until the walk's unpruned steps plus the search's depth reach T; later steps keep
    // a walk only where it can still reach S. F_s is what lands on f at step s; xu_i sums v_s(i).
    const stamp = ++this.distStamp;
    const { distMark, queue } = this;
    let tail = 0;
    let levelStart = 0;
    let depth = 0;
    let links = 0;
    const enqueue = (i: number, h: number) => {
      if (distMark[i] !== stamp) {
        distMark[i] = stamp;
        dist[i] = h;
        queue[tail++] = i;
      }
    };
    enqueue(f, 0);
    for (const i of reached) enqueue(i, 0);
    const xuReached = new Float64Array(reached.length);
    const firstReturn = new Float64Array(T + 1);
    let [v, vNext] = this.walk;
    v.clear();
    vNext.clear();
    v.add(f, 1);
    let step = 0;
    // Nodes at search depth ≤ k are queue[0..levelEnd[k]).
    const levelEnd = [tail];
    const walkStep = (prune: boolean) => {
      step++;
      const left = T - step;
      let landed = 0;
      let pushCost = 0;
      for (let t = 0; t < v.len; t++) pushCost += uInPtr[v.idx[t]! + 1]! - uInPtr[v.idx[t]!]!;
      let pullCost = Number.POSITIVE_INFINITY;
      if (prune) {
        pullCost = 0;
        for (let t = 0, end = levelEnd[left]!; t < end; t++)
          pullCost += uOutPtr[queue[t]! + 1]! - uOutPtr[queue[t]!]!;
      }
      if (pullCost < pushCost) {
        // Pull: each firm that can still reach S sums what its customers hold.
        links += pullCost;
        const { val } = v;
        for (let t = 0, end = levelEnd[left]!; t < end; t++) {
          const i = queue[t]!;
          let acc = 0;
          for (let e = uOutPtr[i]!, stop = uOutPtr[i + 1]!; e < stop; e++)
            acc += uOutCoef[e]! * val[uOutDst[e]!]!;
          if (i === f) landed = acc;
          else if (acc > 0) vNext.add(i, acc);
        }
      } else {
        links += pushCost;
        for (let t = 0; t < v.len; t++) {
          const j = v.idx[t]!;
          const x = v.val[j]!;
          for (let e = uInPtr[j]!, end = uInPtr[j + 1]!; e < end; e++) {
            const i = uInSrc[e]!;
            const y = x * uInCoef[e]!;
            if (i === f) landed += y;
            else if (y > 0 && (!prune || (distMark[i] === stamp && dist[i]! <= left))) vNext.add(i, y);
          }
        }
      }
      firstReturn[step] = landed;
      v.clear();
      [v, vNext] = [vNext, v];
      for (let r = 0; r < reached.length; r++) xuReached[r]! += v.val[reached[r]!]!;
    };
    while (step + depth < T && links <= this.linkBudget) {
      let walkCost = 0;
      for (let t = 0; t < v.len; t++) walkCost += uInPtr[v.idx[t]! + 1]! - uInPtr[v.idx[t]!]!;
      const levelStop = tail;
      let searchCost = 0;
      for (let t = levelStart; t < levelStop; t++)
        searchCost += uOutPtr[queue[t]! + 1]! - uOutPtr[queue[t]!]!;
      if (walkCost <= searchCost) {
        walkStep(false);
      } else {
        for (let t = levelStart; t < levelStop; t++) {
          const y = queue[t]!;
          for (let e = uOutPtr[y]!, end = uOutPtr[y + 1]!; e < end; e++) enqueue(uOutDst[e]!, depth + 1);
        }
        links += searchCost;
        levelStart = levelStop;
        depth++;
        levelEnd.push(tail);
      }
    }
    while (step < T && links <= this.linkBudget) walkStep(true);
    v.clear();
    this.last.walkLinks = links;
    this.last.reached = reached.length;
    if (links > this.linkBudget) {
      this.last.reason = 'walk budget';
      return undefined;
    }
    // b_s = a_s − Σ_{k=2..s} F_k a_{s−k}; ESRI_up = Σ_{s≤T} b_s.
    const a = new Float64Array(T + 1);
    for (let s = 0; s <= T; s++) a[s] = this.gLevel(s)[f]!;
    let esriUp = 0;
    for (let s = 0; s <= T; s++) {
      let b = a[s]!;
      for (let k = 2; k <= s; k++) b -= firstReturn[k]! * a[s - k]!;
      esriUp += b;
    }
    const esri = combinedEsri(esriUp, down, w, (_i, r) => xuReached[r]!);
    return { esri, esriDown: down.esriDown, esriUp, iterations: T };
  }
}
