import type { FirmScope } from './scope.js';

/**
 * Statistical disclosure control for aggregates
 * =============================================
 *
 * A figure that rests on one or two firms is those firms' own data. A cell is hidden from every reader
 * when, for any reader (a viewer, each county, city and chain, and each user's scope), in any stored
 * month 1 or 2 of its firms are firms that reader cannot read (primary suppression; firms a reader reads
 * do not protect the others, which it could subtract), and so is one more cell of the same group
 * whenever some reader would have exactly one unknown in it, since the group's total minus the other
 * cells would give it back (secondary suppression). Each reader also sees the hidden cells whose firms it
 * reads whole. A cell with no firm reveals nothing and stays. A cell whose largest firm dominates it in
 * some month (the others but the second-largest add up to less than DOMINANCE_SHARE of it) is hidden
 * too, as a primary cell. One decision holds for every month asked and every reader (ADR 0015,
 * amendments).
 *
 * Groups: the counties of one city, the cities of the province, the nodes of one chain, the chains of
 * one region (or of the province); a cell belongs to several, and all are decided together so that every
 * view agrees (app/disclosure/suppression-table.ts). Every figure of a hidden cell goes (month, year to
 * date, 同比, 12 months), since any one of them would give the others away across months.
 */

/** Fewest firms a figure may rest on when the caller may not see those firms. */
export const MIN_FIRMS_PER_CELL = 3;

/**
 * The p% dominance rule (ADR 0015, fourth amendment): a figure is hidden when the firms other than its
 * two largest add up to less than this share of the largest. The second-largest firm, which knows its own
 * output, could then read the largest one's from the total to within that share. 10% is the value
 * statistical offices commonly publish with (τ-Argus' p% rule).
 */
export const DOMINANCE_SHARE = 0.1;

/**
 * Whether one month of a figure is dominated: `total` of `firms` firms whose two largest are `top1` ≥
 * `top2`. A figure of fewer than three firms falls to the threshold rule instead.
 */
export function isDominated(total: number, firms: number, top1: number, top2: number): boolean {
  if (firms < MIN_FIRMS_PER_CELL || top1 <= 0) return false;
  return total - top1 - top2 < DOMINANCE_SHARE * top1;
}

/** What a cell is about, to decide whether the caller's firm scope covers it. */
export type CellOf = {
  /** City or county code of the cell, when it is a region's. */
  regionCode?: string | null;
  /** The city a county cell lies in. */
  cityCode?: string | null;
  /** The chain of the cell, when it is a chain's or a node's. */
  chainId?: string | null;
};

/** Whether the caller may read every firm behind the cell (then nothing of it is hidden from them). */
export function scopeCoversCell(scope: FirmScope, cell: CellOf): boolean {
  if (scope.all) return true;
  if (cell.chainId && scope.chainIds.includes(cell.chainId)) return true;
  const { regionCode, cityCode } = cell;
  if (regionCode && (scope.cityCodes.includes(regionCode) || scope.countyCodes.includes(regionCode)))
    return true;
  return Boolean(cityCode && scope.cityCodes.includes(cityCode));
}

export type DisclosureCell = {
  /** Fewest firms behind any figure of the cell (0: nothing reported). */
  firms: number;
  /** The cell's size, to choose the smallest cell for secondary suppression. */
  value: number;
  covered: boolean;
  /** Hidden already (primary, or as another group's second cell). */
  hidden?: boolean;
};

/**
 * The cell to hide next in a group where exactly one figure is unknown: the smallest one with a value
 * that the caller does not see anyway, or -1 when there is none (then the group's total must go).
 */
export function secondCellToHide(cells: readonly DisclosureCell[]): number {
  let second = -1;
  for (const [k, c] of cells.entries()) {
    if (c.hidden || c.covered || c.firms === 0) continue;
    if (second < 0 || c.value < cells[second]!.value) second = k;
  }
  return second;
}
