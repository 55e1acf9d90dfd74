/**
 * One level of a walk: a sparse positive vector kept as a dense value array plus the list of its
 * entries, so that adding to it, reading one entry and clearing it all cost what the level holds, not n.
 * Only positive amounts are added, so a zero value means "not listed" (no separate membership array:
 * one memory access less per added link).
 */
export class SparseLevel {
  readonly val: Float64Array;
  readonly idx: Int32Array;
  len = 0;

  constructor(n: number) {
    this.val = new Float64Array(n);
    this.idx = new Int32Array(n);
  }

  /** Adds x > 0 to entry i (callers skip zero amounts, e.g. an underflowed product). */
  add(i: number, x: number): void {
    const val = this.val;
    if (val[i] === 0) this.idx[this.len++] = i;
    val[i]! += x;
  }

  clear(): void {
    const { val, idx } = this;
    for (let t = 0; t < this.len; t++) val[idx[t]!] = 0;
    this.len = 0;
  }

  max(): number {
    let m = 0;
    for (let t = 0; t < this.len; t++) {
      const x = this.val[this.idx[t]!]!;
      if (x > m) m = x;
    }
    return m;
  }

  /** Σ_i this(i) · other(i), iterating over the shorter list. */
  dot(other: SparseLevel): number {
    const [a, b] = this.len <= other.len ? [this, other] : [other, this];
    let s = 0;
    for (let t = 0; t < a.len; t++) {
      const i = a.idx[t]!;
      s += a.val[i]! * b.val[i]!;
    }
    return s;
  }
}

/**
 * to += M · from over one CSR view: every entry j of `from` sends from(j) · coef[e] to nbr[e] for the
 * links e of row j. Entries below `floor` are not sent; returns the largest one held back (0 if none).
 * `skipSource` / `skipTarget` (a firm index or −1) leave one firm's row or column out (the shocked
 * firm's production is pinned, so walks neither leave nor re-enter it).
 */
export function pushLevel(
  from: SparseLevel,
  to: SparseLevel,
  ptr: Int32Array,
  nbr: Int32Array,
  coef: Float64Array,
  skipSource: number,
  skipTarget: number,
  floor: number,
): { heldBack: number; links: number } {
  const { val, idx } = from;
  let heldBack = 0;
  let links = 0;
  for (let t = 0; t < from.len; t++) {
    const j = idx[t]!;
    if (j === skipSource) continue;
    const x = val[j]!;
    if (x < floor) {
      if (x > heldBack) heldBack = x;
      continue;
    }
    const end = ptr[j + 1]!;
    links += end - ptr[j]!;
    for (let e = ptr[j]!; e < end; e++) {
      const i = nbr[e]!;
      const y = x * coef[e]!;
      if (i !== skipTarget && y > 0) to.add(i, y);
    }
  }
  return { heldBack, links };
}
