/**
 * The secondary step of the small-cell rule (ADR 0015, second and fourth amendments), for any table of
 * cells and equations: the chain and region output of the dashboards (suppression-table.ts) and the
 * chain services' investment sums (services-suppression.ts) are decided by the same loop.
 */
export type SecondaryInput = {
  /** Equations as lists of cell indices: the last is the total, shown unless hidden. */
  groups: ReadonlyArray<readonly number[]>;
  /** The cells hidden so far (primary, floor); this step adds to it. */
  hidden: Uint8Array;
  /** Per reader, the cells it knows whole (all their firms are its). */
  knownBy: readonly Uint8Array[];
  /** Whether a reader reads anything of a cell; one that reads nothing of an equation meets it as a viewer. */
  readsSome(reader: number, cell: number): boolean;
  /**
   * Whether the sum of these hidden cells, which a reader can take from an equation (its total less the
   * cells shown), gives firms away to that reader (`sumGivesFirmsAway` on what it cannot read of them).
   */
  sumGivesAway(reader: number, unknown: readonly number[]): boolean;
  /** Whether a cell ever rests on a firm (a cell of none reveals nothing and is not hidden for others). */
  everFirms(cell: number): boolean;
  /** A cell's size: the smallest is hidden next. */
  value(cell: number): number;
};

/**
 * Secondary suppression, for every reader at once, until no equation gives any reader a sum of hidden
 * parts that gives firms away: while for some reader an equation has exactly one part it does not know
 * hidden, or several whose sum gives firms away, another part that reader does not know is hidden (the
 * smallest), else the total.
 */
export function hideSecondaryCells(input: SecondaryInput): void {
  const { groups, hidden, knownBy } = input;
  const readers = knownBy.length;
  // A reader that reads nothing of an equation's cells meets it as a viewer does: of those readers only
  // the first weighs it (the others would find what it finds, at the fixed point at the latest).
  const stands = groups.map((group) => {
    const own = new Uint8Array(readers);
    let viewerLike = false;
    for (let r = 0; r < readers; r++) {
      if (group.some((c) => input.readsSome(r, c))) own[r] = 1;
      else if (!viewerLike) {
        own[r] = 1;
        viewerLike = true;
      }
    }
    return own;
  });
  const judgedSums = new Map<string, boolean>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const [r, known] of knownBy.entries()) {
      for (const [g, group] of groups.entries()) {
        if (!stands[g]![r]) continue;
        const total = group.at(-1)!;
        const unknown = group.filter((c) => hidden[c] && !known[c]);
        if (unknown.length === 0) continue;
        if (unknown.length > 1) {
          // With the total unknown too the equation tells this reader nothing.
          if (unknown.includes(total)) continue;
          // A pass re-reads every equation: the sums already judged are remembered (hidden cells only
          // grow, so a set of unknowns met again is the same sum).
          const memoKey = `${r}:${unknown.join(',')}`;
          let givesAway = judgedSums.get(memoKey);
          if (givesAway === undefined) {
            givesAway = input.sumGivesAway(r, unknown);
            judgedSums.set(memoKey, givesAway);
          }
          if (!givesAway) continue;
        }
        let next = -1;
        for (const c of group.slice(0, -1)) {
          if (hidden[c] || known[c] || !input.everFirms(c)) continue;
          if (next < 0 || input.value(c) < input.value(next)) next = c;
        }
        if (next < 0 && !hidden[total] && !known[total]) next = total;
        if (next < 0) continue;
        hidden[next] = 1;
        changed = true;
      }
    }
  }
}
