/**
 * The lane sweep in plain JavaScript: the fallback where WebAssembly SIMD is missing, and the reference
 * the WebAssembly kernel is tested against (same operations in the same order, so the same bits).
 * Semantics as in wat.ts: every per-firm array is in slot order, and dst holds slots.
 */
export function referenceSweep(
  lanes: number,
  n: number,
  ptr: Int32Array,
  dst: Int32Array,
  coef: Float64Array,
  cur: Float64Array,
  next: Float64Array,
  w: Float64Array,
  pinned: Uint32Array,
  max: Float64Array,
  mass: Float64Array,
  g: Float64Array,
  ahead: Float64Array,
  thr: number,
  list: Int32Array,
): void {
  max.fill(0);
  mass.fill(0);
  ahead.fill(0);
  let count = 0;
  const acc = new Float64Array(lanes);
  for (let k = 0; k < n; k++) {
    acc.fill(0);
    for (let e = ptr[k]!, end = ptr[k + 1]!; e < end; e++) {
      const c = coef[e]!;
      const b = dst[e]! * lanes;
      for (let l = 0; l < lanes; l++) acc[l]! += c * cur[b + l]!;
    }
    const pin = pinned[k]!;
    const o = k * lanes;
    const wk = w[k]!;
    const gk = g[k]!;
    let listed = false;
    for (let l = 0; l < lanes; l++) {
      const a = pin & (2 ** l) ? 0 : acc[l]!;
      next[o + l] = a;
      mass[l]! += wk * a;
      if (a > max[l]!) max[l] = a;
      ahead[l]! += gk * a;
      if (a > thr) listed = true;
    }
    if (listed) list[++count] = k;
  }
  list[0] = count;
}
