// Test helper: a firm's ESRI by the dense reference, and how far another result is from it.
import type { CascadeOptions } from '../esri/cascade.js';
import { runDenseCascade } from '../esri/dense.js';
import { esriOfState } from '../esri/esri.js';
import type { SupplyNetwork } from '../network.js';

type FirmValues = { esri: number; esriDown: number; esriUp: number; iterations: number };

/** Firm f's unit shock through the dense reference, with normalised weights w. */
export function denseFirmEsri(net: SupplyNetwork, f: number, options: CascadeOptions, w: Float64Array) {
  const shock = { firms: [f], values: [1] };
  const ref = runDenseCascade(net, shock, shock, options);
  return { ...esriOfState(ref.hd, ref.hu, w), iterations: ref.iterations, capped: ref.capped };
}

/** Largest difference of ESRI, ESRI_down and ESRI_up between two results. */
export function esriDifference(a: FirmValues, b: FirmValues): number {
  return Math.max(
    Math.abs(a.esri - b.esri),
    Math.abs(a.esriDown - b.esriDown),
    Math.abs(a.esriUp - b.esriUp),
  );
}
