/**
 * ESRI cascade, dense reference
 * =============================
 *
 * The plain reading of shared/specs/esri.md: every step recomputes every firm from the previous state and
 * recomputes each market's availability from scratch. O(steps × links). Kept for tests: the sparse
 * cascade (cascade.ts) must give the same results.
 *
 * [Reference]:
 * Diem, C., Borsos, A., Reisch, T., Kertész, J., Thurner, S. Quantifying firm-level economic systemic
 * risk from nation-wide supply networks. Scientific Reports 12, 7719 (2022).
 */

import type { SupplyNetwork } from '../network.js';
import {
  CASCADE_DEFAULTS,
  type CascadeOptions,
  downstreamValue,
  type Shock,
  supplierDamage,
  upstreamValue,
} from './cascade.js';
import { availabilityScratch, sumAvailability } from './substitution.js';

export type DenseResult = { hd: Float64Array; hu: Float64Array; iterations: number; capped: boolean };

function shockVector(n: number, shock: Shock): Float64Array {
  const psi = new Float64Array(n);
  for (let t = 0; t < shock.firms.length; t++) {
    const i = shock.firms[t]!;
    psi[i] = Math.max(psi[i]!, shock.values[t]!);
  }
  return psi;
}

export function runDenseCascade(
  net: SupplyNetwork,
  down: Shock,
  up: Shock | undefined,
  options: CascadeOptions = {},
): DenseResult {
  const eps = options.eps ?? CASCADE_DEFAULTS.eps;
  const maxSteps = options.maxSteps ?? CASCADE_DEFAULTS.maxSteps;
  const subst = options.substitution ?? CASCADE_DEFAULTS.substitution;
  const { n, market, sOut } = net;
  const psiD = shockVector(n, down);
  const psiU = shockVector(n, up ?? down);
  const capD = new Float64Array(n);
  const capU = new Float64Array(n);
  let hd = new Float64Array(n);
  let hu = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    capD[i] = 1 - psiD[i]!;
    capU[i] = 1 - psiU[i]!;
    hd[i] = capD[i]!;
    hu[i] = capU[i]!;
  }
  let nd = new Float64Array(n);
  let nu = new Float64Array(n);
  const avail = new Float64Array(net.nMarkets);
  const scratch = availabilityScratch(net.nMarkets);
  const dmg = new Float64Array(n);
  let iterations = 0;
  let capped = false;
  for (;;) {
    // Each market's Σ s_out·hd, block by block (substitution.ts: the spec fixes no order).
    if (subst) sumAvailability(avail, market, sOut, hd, scratch);
    for (let j = 0; j < n; j++) dmg[j] = supplierDamage(hd[j]!, subst, avail[market[j]!]!, sOut[j]!);
    let delta = 0;
    for (let i = 0; i < n; i++) {
      nd[i] = downstreamValue(i, dmg, capD, net.dInPtr, net.dInMid, net.dInSrc, net.dInInd, net.dInCoef);
      nu[i] = upstreamValue(i, hu, capU, net.uOutPtr, net.uOutDst, net.uOutCoef);
      delta = Math.max(delta, hd[i]! - nd[i]!, hu[i]! - nu[i]!);
    }
    [hd, nd] = [nd, hd];
    [hu, nu] = [nu, hu];
    iterations++;
    if (delta <= eps) break;
    if (iterations >= maxSteps) {
      capped = true;
      break;
    }
  }
  return { hd, hu, iterations, capped };
}
