import { isDominated, MIN_FIRMS_PER_CELL } from '@chainbrain/domain';
import type { Reads } from './scope-knowledge.js';

/**
 * A cell's months on the common month axis: the firms that reported, their output, and the output of the
 * two largest of them (0 where there are fewer). Enough to apply the threshold and dominance rules to the
 * cell and to any sum of disjoint cells, whose two largest firms are among the parts' two largest.
 */
export type CellMonths = {
  firms: Int32Array;
  values: Float64Array;
  top1: Float64Array;
  top2: Float64Array;
};

/** The months of a sum of disjoint cells. */
export function sumMonths(parts: readonly CellMonths[], months: number): CellMonths {
  const sum: CellMonths = {
    firms: new Int32Array(months),
    values: new Float64Array(months),
    top1: new Float64Array(months),
    top2: new Float64Array(months),
  };
  for (const part of parts) {
    for (let m = 0; m < months; m++) {
      sum.firms[m]! += part.firms[m]!;
      sum.values[m]! += part.values[m]!;
      keepTopTwo(sum, m, part.top1[m]!);
      keepTopTwo(sum, m, part.top2[m]!);
    }
  }
  return sum;
}

function keepTopTwo(sum: CellMonths, m: number, value: number): void {
  if (value > sum.top1[m]!) {
    sum.top2[m] = sum.top1[m]!;
    sum.top1[m] = value;
  } else if (value > sum.top2[m]!) sum.top2[m] = value;
}

/** Whether the largest firm dominates the cell in some month (the p% rule, ADR 0015, fourth amendment). */
export function dominatedInSomeMonth(cell: CellMonths): boolean {
  for (let m = 0; m < cell.firms.length; m++)
    if (isDominated(cell.values[m]!, cell.firms[m]!, cell.top1[m]!, cell.top2[m]!)) return true;
  return false;
}

/**
 * Whether the sum of some hidden cells, which a reader can take from an equation (its total less the
 * cells it sees), gives firms away: in some month it rests on 1–2 firms the reader cannot read, or its
 * largest firm dominates it. Each part comes as what the reader cannot read of it where that is known
 * (then without reads), else as the whole cell with the reader's counts.
 */
export function sumGivesFirmsAway(
  parts: ReadonlyArray<{ months: CellMonths; reads: Reads | undefined }>,
  months: number,
): boolean {
  // Month by month without building the sum: this runs for every reader and equation until the fixed
  // point, about 30,000 times a pass on the full demo.
  for (let m = 0; m < months; m++) {
    let firms = 0;
    let unread = 0;
    let total = 0;
    let top1 = 0;
    let top2 = 0;
    for (const { months: cell, reads } of parts) {
      const n = cell.firms[m]!;
      if (n === 0) continue;
      firms += n;
      unread += reads === 'all' ? 0 : n - (reads?.[m] ?? 0);
      total += cell.values[m]!;
      // A part's own two largest (a ≥ b) into the sum's: b matters only when a takes the lead.
      const a = cell.top1[m]!;
      const b = cell.top2[m]!;
      if (a > top1) {
        top2 = Math.max(top1, b);
        top1 = a;
      } else if (a > top2) top2 = a;
    }
    if (unread > 0 && unread < MIN_FIRMS_PER_CELL) return true;
    if (isDominated(total, firms, top1, top2)) return true;
  }
  return false;
}
