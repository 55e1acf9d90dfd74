/**
 * Scenario losses aggregated by a grouping of firms
 * ================================================
 *
 * For a final state (hd, hu) and firm outputs x(i) (s_out, revenue, or any money vector), and a grouping
 * g(i) ∈ {−1, 0..G−1} (node, chain, city, county; −1 = in no group), per group G:
 *
 *     output(G)   = Σ_{i∈G} x(i)
 *     down(G)     = Σ_{i∈G} x(i) · (1 − hd(i))              downstream loss, money
 *     up(G)       = Σ_{i∈G} x(i) · (1 − hu(i))              upstream loss, money
 *     combined(G) = Σ_{i∈G} x(i) · (1 − min(hd(i), hu(i)))  combined loss, money
 *
 * and each loss as a share of output(G) (0 for a group whose output is 0).
 *
 * [Reference]: the scenario outputs of Diem et al., Scientific Reports 12, 7719 (2022), restricted to groups.
 */

export type GroupLosses = {
  output: Float64Array;
  down: Float64Array;
  up: Float64Array;
  combined: Float64Array;
  downShare: Float64Array;
  upShare: Float64Array;
  combinedShare: Float64Array;
};

export class GroupingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GroupingError';
  }
}

export function aggregateLosses(
  state: { hd: Float64Array; hu: Float64Array },
  output: Float64Array,
  group: Int32Array,
  nGroups: number,
): GroupLosses {
  const { hd, hu } = state;
  const n = hd.length;
  if (hu.length !== n || output.length !== n || group.length !== n) {
    throw new GroupingError(`hd, hu, output and group must all have ${n} entries`);
  }
  // A typed array of 1.5 or NaN entries silently has 1 or 0, and writes past its end are dropped, so a
  // count or a group id that is not a whole number would lose firms without a word.
  if (!(Number.isInteger(nGroups) && nGroups >= 0)) {
    throw new GroupingError(`the number of groups must be a whole number ≥ 0, got ${nGroups}`);
  }
  const out: GroupLosses = {
    output: new Float64Array(nGroups),
    down: new Float64Array(nGroups),
    up: new Float64Array(nGroups),
    combined: new Float64Array(nGroups),
    downShare: new Float64Array(nGroups),
    upShare: new Float64Array(nGroups),
    combinedShare: new Float64Array(nGroups),
  };
  for (let i = 0; i < n; i++) {
    const g = group[i]!;
    if (!Number.isInteger(g)) throw new GroupingError(`firm ${i} is in group ${g}, not a whole number`);
    if (g < 0) continue;
    if (g >= nGroups) throw new GroupingError(`firm ${i} is in group ${g}, but there are ${nGroups} groups`);
    const x = output[i]!;
    if (!(x >= 0 && x < Infinity))
      throw new GroupingError(`output of firm ${i} is ${x}; it must be finite and ≥ 0`);
    const d = hd[i]!;
    const u = hu[i]!;
    out.output[g]! += x;
    out.down[g]! += x * (1 - d);
    out.up[g]! += x * (1 - u);
    out.combined[g]! += x * (1 - Math.min(d, u));
  }
  for (let g = 0; g < nGroups; g++) {
    const x = out.output[g]!;
    if (x > 0) {
      out.downShare[g] = out.down[g]! / x;
      out.upShare[g] = out.up[g]! / x;
      out.combinedShare[g] = out.combined[g]! / x;
    }
  }
  return out;
}
