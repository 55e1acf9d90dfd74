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
