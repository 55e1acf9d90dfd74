/**
 * Substitution within a market (shared/specs/esri.md): a damaged supplier passes on only the part of
 * its damage that the rest of its market cannot replace. Here, apart from the cascade, because the
 * dense row jobs (dense-rows.ts) compute the same damage on every thread.
 */

/** Availability at or below this counts as "nothing left to substitute" (σ = 1). */
export const AVAIL_FLOOR = 1e-10;

/** σ(j) = min(1, s_out(j) / avail(market(j))), or 1 when nothing is left to substitute. */
export function substitutionFactor(avail: number, sOutJ: number): number {
  if (avail <= AVAIL_FLOOR) return 1;
  const s = sOutJ / avail;
  return Math.min(s, 1);
}

/** dmg(j) = σ(j) · (1 − hd(j)): what a supplier's damage passes on (before Λd). */
export function supplierDamage(hdJ: number, subst: boolean, avail: number, sOutJ: number): number {
  if (hdJ >= 1) return 0;
  return (subst ? substitutionFactor(avail, sOutJ) : 1) * (1 - hdJ);
}

/**
 * Firms per block of a market's availability sum. A market's availability Σ s_out·hd over its firms is
 * added up block by block: within each block of AVAIL_BLOCK consecutive firms in index order, then
 * the blocks' sums in block order. The spec fixes no order; this one lets the threads of a dense step
 * add up their own blocks while the values are in their caches (dense-rows.ts), and the dense
 * reference, the cascade's full pass and its per-market sums all give the same bits. It equals the
 * slices of the dense jobs (ROW_SLICE), which can then hand over each slice's sums.
 */
export const AVAIL_BLOCK = 16384;

/**
 * The sums Σ s_out·hd per market of the firms from..to (within one block), in index order, as pairs
 * (markets[at + t], sums[at + t]) in the order the markets first occur; returns how many. `mark` and
 * `slot` are scratch per market; `mark` must not hold `stamp` on entry.
 */
export function blockAvailability(
  from: number,
  to: number,
  market: Int32Array,
  sOut: Float64Array,
  hd: Float64Array,
  stamp: number,
  mark: Int32Array,
  slot: Int32Array,
  markets: Int32Array,
  sums: Float64Array,
  at: number,
): number {
  let count = 0;
  for (let l = from; l < to; l++) {
    const mk = market[l]!;
    const x = sOut[l]! * hd[l]!;
    if (mark[mk] !== stamp) {
      mark[mk] = stamp;
      slot[mk] = at + count;
      markets[at + count] = mk;
      // x itself: 0 + x, as a sum that starts at 0 adds it (x ≥ 0, never −0).
      sums[at + count++] = x;
    } else sums[slot[mk]!]! += x;
  }
  return count;
}

/** Scratch for sumAvailability on a network of n firms and nMarkets markets. */
export type AvailabilityScratch = {
  mark: Int32Array;
  slot: Int32Array;
  markets: Int32Array;
  sums: Float64Array;
};

export function availabilityScratch(nMarkets: number): AvailabilityScratch {
  const size = Math.min(nMarkets, AVAIL_BLOCK);
  return {
    mark: new Int32Array(nMarkets).fill(-1),
    slot: new Int32Array(nMarkets),
    markets: new Int32Array(size),
    sums: new Float64Array(size),
  };
}

/** avail[mk] = the availability of every market mk (AVAIL_BLOCK's order), in one pass over the firms. */
export function sumAvailability(
  avail: Float64Array,
  market: Int32Array,
  sOut: Float64Array,
  hd: Float64Array,
  scratch: AvailabilityScratch,
): void {
  const { mark, slot, markets, sums } = scratch;
  const n = hd.length;
  avail.fill(0);
  for (let from = 0, block = 0; from < n; from += AVAIL_BLOCK, block++) {
    const count = blockAvailability(
      from,
      Math.min(from + AVAIL_BLOCK, n),
      market,
      sOut,
      hd,
      block,
      mark,
      slot,
      markets,
      sums,
      0,
    );
    for (let t = 0; t < count; t++) avail[markets[t]!]! += sums[t]!;
  }
  mark.fill(-1);
}

/**
 * The availability of one market from its firms (ascending indices, as marketFirms lists them), with
 * the bits sumAvailability gives it.
 */
export function marketAvailability(
  firms: Int32Array,
  from: number,
  to: number,
  sOut: Float64Array,
  hd: Float64Array,
): number {
  let avail = 0;
  let part = 0;
  let block = -1;
  for (let k = from; k < to; k++) {
    const l = firms[k]!;
    const b = Math.floor(l / AVAIL_BLOCK);
    if (b !== block) {
      if (block >= 0) avail += part;
      part = 0;
      block = b;
    }
    part += sOut[l]! * hd[l]!;
  }
  return block >= 0 ? avail + part : 0;
}
