// Test helper: a dense downstream step computed row by row with the plain row function, the values
// the compiled row jobs (esri/dense-rows.ts) must reproduce bit for bit.
import { type DenseShared, downstreamValue } from '../esri/dense-rows.js';
import type { SupplyNetwork } from '../network.js';

/** Every firm's new hd from its row, and the group sums the rows give. */
export function plainDownstreamStep(net: SupplyNetwork, s: Pick<DenseShared, 'dmgSeen' | 'capD'>) {
  const { n, dInPtr, dInMid, dInSrc, dInInd, dInCoef, dGroupPtr } = net;
  const sums = new Float64Array(dGroupPtr[n]!);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    values[i] = downstreamValue(
      i,
      s.dmgSeen,
      s.capD,
      dInPtr,
      dInMid,
      dInSrc,
      dInInd,
      dInCoef,
      sums,
      dGroupPtr[i]!,
    );
  }
  return { values, sums };
}
