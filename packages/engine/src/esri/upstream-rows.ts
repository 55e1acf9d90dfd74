/**
 * Row sums of the upstream operator Λu (customers' losses → a supplier's loss).
 *
 * Normalised by out-strength, every row sums to 1 (or 0), up to rounding: the upstream update is then
 * non-expansive, which the cascade's drop threshold and the firm-level walk sums rely on. Normalised by
 * revenue, a firm that sells more than its revenue has a row above 1: its loss is a multiple of its
 * customers', so a change left out anywhere upstream of it can grow a thousandfold per hop (an
 * independent transcription of the spec found a 6-firm network where a dropped 1e-11 cost 1e-2).
 */

import type { SupplyNetwork } from '../network.js';

/** Allowance for row sums of Λu a rounding error above 1. */
export const ROW_SUM_SLACK = 1 + 1e-12;

/** The largest row sum of Λu, in floating point. */
export function maxUpstreamRowSum(net: SupplyNetwork): number {
  const { uOutPtr, uOutCoef, n } = net;
  let max = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let e = uOutPtr[i]!, end = uOutPtr[i + 1]!; e < end; e++) s += uOutCoef[e]!;
    if (s > max) max = s;
  }
  return max;
}

/** Whether some row of Λu sums above 1 beyond rounding, so that the upstream update can amplify. */
export function upstreamExpands(net: SupplyNetwork): boolean {
  return maxUpstreamRowSum(net) > ROW_SUM_SLACK;
}
