/**
 * The downstream half of a firm-level result, read from a workspace after a downstream-only run
 * (firm-walks.ts, firm-lanes.ts): ESRI_down and the firms D the shock reached with their losses. The
 * combined ESRI then needs the upstream losses on D only:
 *
 *     ESRI = ESRI_up + Σ_{i∈D} w_i max(0, xd_i − xu_i).
 */

import type { CascadeWorkspace } from './cascade.js';

export type DownstreamState = {
  /** Firms other than the shocked one with a downstream loss (D). */
  reached: Int32Array;
  /** Their losses xd = 1 − hd. */
  lossDown: Float64Array;
  esriDown: number;
};

/** Reads the downstream state of a run on shocked firm f; the caller resets the workspace. */
export function readDownstream(ws: CascadeWorkspace, w: Float64Array, f: number): DownstreamState {
  const { touched, touchedCount, hd } = ws;
  // Two passes over the touched firms (count, then fill) instead of growing lists: for a hub seller
  // they are tens of thousands. Written out rather than shared with stateOf (the rare replay): reading
  // hd through a function there made the walk sums 4% slower (bench/RESULTS.md, seventeenth session).
  let count = 0;
  for (let t = 0; t < touchedCount; t++) {
    const i = touched[t]!;
    if (i !== f && 1 - hd[i]! > 0) count++;
  }
  const reached = new Int32Array(count);
  const lossDown = new Float64Array(count);
  let esriDown = 0;
  for (let t = 0, r = 0; t < touchedCount; t++) {
    const i = touched[t]!;
    const loss = 1 - hd[i]!;
    esriDown += w[i]! * loss;
    if (i !== f && loss > 0) {
      reached[r] = i;
      lossDown[r++] = loss;
    }
  }
  return { reached, lossDown, esriDown };
}

/** The state given every firm whose hd differs from 1 (in order of touch) and its hd. */
function stateOf(
  firms: Iterable<number>,
  hdOf: (i: number) => number,
  w: Float64Array,
  f: number,
): DownstreamState {
  const reached: number[] = [];
  const lossDown: number[] = [];
  let esriDown = 0;
  for (const i of firms) {
    const loss = 1 - hdOf(i);
    esriDown += w[i]! * loss;
    if (i !== f && loss > 0) {
      reached.push(i);
      lossDown.push(loss);
    }
  }
  return { reached: Int32Array.from(reached), lossDown: Float64Array.from(lossDown), esriDown };
}

/** ESRI from ESRI_up and the upstream losses `xuOf(i)` of the reached firms. */
export function combinedEsri(
  esriUp: number,
  state: DownstreamState,
  w: Float64Array,
  xuOf: (i: number, r: number) => number,
): number {
  let esri = esriUp;
  for (let r = 0; r < state.reached.length; r++) {
    const i = state.reached[r]!;
    const extra = state.lossDown[r]! - xuOf(i, r);
    if (extra > 0) esri += w[i]! * extra;
  }
  return esri;
}

/**
 * Every change a downstream-only run made, step by step, so that the state after any earlier step can
 * be rebuilt when it turns out to be the stop step (firm-lanes.ts learns the stop step only after the
 * downstream run has settled). Costs what the run changed; a copy of the reached set after every
 * candidate step cost 20% of all-firm ESRI on the benchmark network (bench/RESULTS.md).
 */
export class DownstreamLog {
  private firms = new Int32Array(256);
  private values = new Float64Array(256);
  private length = 0;
  /** stepEnd[t − 1]: log length after step t. */
  private readonly stepEnd: number[] = [];

  /** Call from the run's StepControl after each step t = 1, 2, … (in order). */
  record(ws: CascadeWorkspace): void {
    const { stepChangedDown, stepChangedDownCount, hd } = ws;
    if (this.length + stepChangedDownCount > this.firms.length) this.grow(this.length + stepChangedDownCount);
    for (let c = 0; c < stepChangedDownCount; c++) {
      const i = stepChangedDown[c]!;
      this.firms[this.length] = i;
      this.values[this.length++] = hd[i]!;
    }
    this.stepEnd.push(this.length);
  }

  private grow(min: number): void {
    const size = Math.max(min, 2 * this.firms.length);
    const firms = new Int32Array(size);
    const values = new Float64Array(size);
    firms.set(this.firms.subarray(0, this.length));
    values.set(this.values.subarray(0, this.length));
    this.firms = firms;
    this.values = values;
  }

  /**
   * The downstream state after step `steps` of a run whose only shock took all of firm f's production
   * (so f's own loss is 1 throughout).
   */
  stateAt(steps: number, w: Float64Array, f: number): DownstreamState {
    const end = steps > 0 ? this.stepEnd[Math.min(steps, this.stepEnd.length) - 1]! : 0;
    // Later entries overwrite earlier ones; a Map keeps first-insertion order, which is the order of
    // touch, with f (shocked at step 0, hd 0 from then on) first.
    const hdOf = new Map<number, number>([[f, 0]]);
    for (let e = 0; e < end; e++) hdOf.set(this.firms[e]!, this.values[e]!);
    return stateOf(hdOf.keys(), (i) => hdOf.get(i)!, w, f);
  }
}
