/**
 * Taking a lane's last step without sweeping it
 * =============================================
 *
 * A lane of firm-lanes.ts holds firm f's upstream walk v_s = A_f^s e_f after a sweep. On the benchmark
 * network a run ends when the walk's largest entry falls to eps, and one step before that only 1–5
 * entries exceed eps. The sweep of the last step reads every link to learn three things that need
 * far less:
 *
 * - **The upstream drop** max_i v_{s+1}(i). A row is a sum of at most ROW_SUM_SLACK of its customers'
 *   largest value (the rows of Λu sum to at most that in floating point), widened by rowRounding for
 *   the exact sums and the row's own rounding, which grow with the row's length. So only the rows of
 *   firms that sell to a firm above `threshold` (listed by the kernel) can exceed eps − 2·margin
 *   (decisionMargin). Those rows are computed exactly as the sweep would (same operations in the same
 *   order, so the same bits). All other rows stay out of the band in which the stop decision is left
 *   to the cascade, so the decision is the sweep's.
 * - **The step's weighted sum** Σ_{i≠f} w_i v_{s+1}(i) = ⟨g, v_s⟩ − w_f ⟨Λu[f,·], v_s⟩ with g = Λuᵀw
 *   (A_f is Λu without row f). The kernel sums ⟨g, v_s⟩ during the sweep that made v_s. This is the
 *   sweep's sum in another order: it differs by rounding only (under 1e-16 on the benchmark network).
 * - **The reached firms' upstream losses** xu_i: their rows, exactly as the sweep would compute them.
 *
 * Every read here is scattered (13–25 ns a link on the benchmark machine, against about 0.5 ns for a
 * lane's share of a sweep link), so an attempt is made only when the run is likely to end and gives up
 * beyond LOOK_AHEAD_DEFAULTS.links links. A second step ahead was tried and not kept: its rows need
 * their customers' rows too (40,000–70,000 links an attempt on the benchmark network, more than the
 * sweep step it saves).
 */

import type { SupplyNetwork } from '../network.js';
import type { SweepKernel } from './sweep-kernel/kernel.js';
import { ROW_SUM_SLACK } from './upstream-rows.js';

export const LOOK_AHEAD_DEFAULTS = {
  /**
   * A lane tries only when its latest upstream drop is at most this many times eps. On 1,000 firms of
   * the benchmark network, attempts from drops up to 2·eps found 330 of the 382 last steps for 4 M
   * scattered link reads; those from 2–4·eps found 49 more for 6.5 M, more than the sweeps they saved.
   */
  ratio: 2,
  /**
   * Links an attempt may read (about what a lane's share of a sweep costs), counting the rows of the
   * firms the downstream channel reached.
   */
  links: 20_000,
};

/** The stop rule after the next step, given that step's upstream drop. */
export type StopRule = (upDrop: number) => 'stop' | 'go' | 'undecided';

export class LaneLookAhead {
  private readonly net: SupplyNetwork;
  private readonly w: Float64Array;
  private readonly kernel: SweepKernel;
  private readonly eps: number;
  /** Rows whose customers all hold at most this stay below eps − 2·margin a step later. */
  readonly threshold: number;
  /** Rows already gathered (the attempt's number) and the gathered rows. */
  private readonly seen: Int32Array;
  private readonly rows: Int32Array;
  private attempt = 0;

  /** `rounding` and `margin` are rowRounding(net) and decisionMargin(net) (firm-walks.ts). */
  constructor(
    net: SupplyNetwork,
    w: Float64Array,
    kernel: SweepKernel,
    eps: number,
    rounding: number,
    margin: number,
  ) {
    this.net = net;
    this.w = w;
    this.kernel = kernel;
    this.eps = eps;
    this.threshold = (eps - 2 * margin) / (ROW_SUM_SLACK * ROW_SUM_SLACK * rounding);
    this.seen = new Int32Array(net.n);
    this.rows = new Int32Array(net.n);
  }

  /**
   * Takes lane l's next step (firm f) if the stop rule ends the run there: returns that step's
   * weighted sum, having added its values to `xu` for the `reached` firms; otherwise returns undefined
   * and changes nothing. The kernel's last sweep must have listed the firms above `threshold`.
   */
  finish(l: number, f: number, stops: StopRule, reached: Int32Array, xu: Float64Array): number | undefined {
    const { kernel } = this;
    if (kernel.max[l]! > this.eps * LOOK_AHEAD_DEFAULTS.ratio) return undefined;
    const { uInPtr, uInSrc, uOutPtr } = this.net;
    const { cur, lanes, list, firmAt } = kernel;
    const { seen, rows } = this;
    const attempt = ++this.attempt;
    let count = 0;
    // A finish also reads the rows of the reached firms and of f: count them first.
    let links = uOutPtr[f + 1]! - uOutPtr[f]!;
    for (let r = 0; r < reached.length && links <= LOOK_AHEAD_DEFAULTS.links; r++)
      links += uOutPtr[reached[r]! + 1]! - uOutPtr[reached[r]!]!;
    if (links > LOOK_AHEAD_DEFAULTS.links) return undefined;
    for (let t = 1, listed = list[0]!; t <= listed; t++) {
      const slot = list[t]!;
      if (!(cur[slot * lanes + l]! > this.threshold)) continue;
      const j = firmAt[slot]!;
      for (let e = uInPtr[j]!, end = uInPtr[j + 1]!; e < end; e++) {
        const i = uInSrc[e]!;
        if (seen[i] === attempt) continue;
        seen[i] = attempt;
        rows[count++] = i;
        links += uOutPtr[i + 1]! - uOutPtr[i]!;
        if (links > LOOK_AHEAD_DEFAULTS.links) return undefined;
      }
    }
    let upDrop = 0;
    for (let r = 0; r < count; r++) {
      const i = rows[r]!;
      if (i !== f) upDrop = Math.max(upDrop, this.row(i, l));
    }
    if (stops(upDrop) !== 'stop') return undefined;
    for (let r = 0; r < reached.length; r++) {
      const i = reached[r]!;
      if (i !== f) xu[r]! += this.row(i, l);
    }
    // ⟨Λu[f,·], v_s⟩: the lane's firm's own row, which its walk leaves out.
    return kernel.ahead[l]! - this.w[f]! * this.row(f, l);
  }

  /** Σ_j Λu[i,j] v_s(j) over row i in lane l, from the kernel's copy of the row (so the kernel's bits). */
  private row(i: number, l: number): number {
    const { cur, lanes, rowPtr, rowDst, rowCoef, slotOf } = this.kernel;
    const k = slotOf[i]!;
    let acc = 0;
    for (let e = rowPtr[k]!, end = rowPtr[k + 1]!; e < end; e++)
      acc += rowCoef[e]! * cur[rowDst[e]! * lanes + l]!;
    return acc;
  }
}
