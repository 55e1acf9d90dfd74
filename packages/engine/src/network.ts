/**
 * Supply network in compressed sparse row (CSR) form
 * ==================================================
 *
 * Builds the flat typed arrays every cascade runs on from an edge list W[j,i] (firm j sold to firm i),
 * the firms' industries, their substitution markets and an essentiality table E[k,l].
 *
 * [Reference]:
 * Diem, C., Borsos, A., Reisch, T., Kertész, J., Thurner, S. Quantifying firm-level economic systemic
 * risk from nation-wide supply networks. Scientific Reports 12, 7719 (2022). Notation as in
 * shared/specs/esri.md: Λd (downstream operator), Λu (upstream operator), Π⁰(i,k), s_in, s_out.
 *
 * Four views of the same links are kept, each sorted so that the hot loops read memory in order:
 * - downstream in-rows (per buyer i, only links with rating > 0): rating-2 links grouped by supplier
 *   industry, then rating-1 links; `dInMid[i]` separates the two parts; `dInCoef` holds Λd[j,i].
 * - downstream out-rows (per supplier, rating > 0): whom to recompute when a supplier changes, and where
 *   its damage lands: `dOutCoef` holds Λd[j,i] and `dOutGroup` the input group of i the link feeds.
 *   Firm i's input groups are dGroupPtr[i]..dGroupPtr[i+1]: one per rating-2 supplier industry, in
 *   the order of its in-row, then one for all rating-1 links (present even when empty).
 * - upstream out-rows (per supplier i, all links): `uOutCoef` holds Λu[i,j].
 * - upstream in-rows (per buyer, all links): whom to recompute when a customer changes.
 *
 * Repeated supplier–buyer pairs are summed; links of value 0 are dropped (they carry no flow and would
 * make Π⁰ vanish). Self-loops are rejected by default (`selfLoops: 'ignore'` drops them instead).
 */

import { availabilityScratch, sumAvailability } from './esri/substitution.js';

export type Production = 'linear' | 'leontief' | 'table';

export type NetworkInput = {
  /** Number of firms; firms are 0..n-1. */
  n: number;
  /** Supplier index of each link. */
  supplier: Int32Array;
  /** Buyer index of each link. */
  buyer: Int32Array;
  /** Value of each link (≥ 0, finite). */
  value: Float64Array;
  /** Industry p(i) of each firm, 0..nIndustries-1. */
  industry: Int32Array;
  /** Number of industries (default: max industry + 1). */
  nIndustries?: number;
  /** Substitution market of each firm (default: its industry). */
  market?: Int32Array;
  /** 'linear' (E ≡ 1), 'leontief' (E ≡ 2) or 'table' (generalized Leontief, needs `essentiality`). */
  production: Production;
  /** Ratings E[k,l] in {0,1,2} for supplier industry k and buyer industry l, at index k * nIndustries + l. */
  essentiality?: Uint8Array;
  /** Optional revenue per firm (> 0), used when `upstreamBy` is 'revenue'. */
  revenue?: Float64Array;
  /** Denominator of the upstream operator: out-strength (default) or revenue. */
  upstreamBy?: 'out_strength' | 'revenue';
  /** What to do with links j → j: 'reject' (default, throws) or 'ignore' (dropped before anything else). */
  selfLoops?: 'reject' | 'ignore';
  /** Allocate the arrays on SharedArrayBuffer so worker threads can read them without copying. */
  shared?: boolean;
};

export type SupplyNetwork = {
  n: number;
  /** Number of distinct links after merging duplicates and dropping zero values and self-loops. */
  m: number;
  nIndustries: number;
  nMarkets: number;
  industry: Int32Array;
  market: Int32Array;
  sIn: Float64Array;
  sOut: Float64Array;
  /** Σ s_out over the firms of each market (avail at full production). */
  marketCapacity: Float64Array;
  /** The firms of market k are marketFirms[marketPtr[k]..marketPtr[k+1]), in index order. */
  marketPtr: Int32Array;
  marketFirms: Int32Array;
  dInPtr: Int32Array;
  dInMid: Int32Array;
  dInSrc: Int32Array;
  dInInd: Int32Array;
  dInCoef: Float64Array;
  dOutPtr: Int32Array;
  dOutDst: Int32Array;
  /** Λd[j,i] of the downstream out-row entry (supplier j, buyer i). */
  dOutCoef: Float64Array;
  /** Input group of buyer i that the downstream out-row entry feeds (see the header). */
  dOutGroup: Int32Array;
  /** Firm i's input groups are dGroupPtr[i]..dGroupPtr[i + 1]; the last one holds its rating-1 links. */
  dGroupPtr: Int32Array;
  uOutPtr: Int32Array;
  uOutDst: Int32Array;
  uOutCoef: Float64Array;
  uInPtr: Int32Array;
  uInSrc: Int32Array;
  /** Λu[j,i] of the upstream in-row entry (supplier j, buyer i): what the sparse cascade pushes. */
  uInCoef: Float64Array;
};

export class NetworkError extends Error {
  /** Index of the offending link in the input arrays, when the error is about one link. */
  readonly link: number | undefined;
  /** The offending firm, when the error is about one firm's totals. */
  readonly firm: number | undefined;
  constructor(message: string, link?: number, firm?: number) {
    super(message);
    this.name = 'NetworkError';
    this.link = link;
    this.firm = firm;
  }
}

export const NETWORK_DEFAULTS = {
  upstreamBy: 'out_strength' as 'out_strength' | 'revenue',
  selfLoops: 'reject' as 'reject' | 'ignore',
  shared: false,
};

type Alloc = {
  f64: (len: number) => Float64Array;
  i32: (len: number) => Int32Array;
};

function allocator(shared: boolean): Alloc {
  if (!shared) return { f64: (len) => new Float64Array(len), i32: (len) => new Int32Array(len) };
  return {
    f64: (len) => new Float64Array(new SharedArrayBuffer(len * 8)),
    i32: (len) => new Int32Array(new SharedArrayBuffer(len * 4)),
  };
}

/** Stable counting sort of `order` by integer keys in 0..nKeys-1; returns the row pointer array too. */
export function countingSort(
  order: Int32Array,
  key: (e: number) => number,
  nKeys: number,
): { sorted: Int32Array; ptr: Int32Array } {
  const ptr = new Int32Array(nKeys + 1);
  for (let t = 0; t < order.length; t++) ptr[key(order[t]!) + 1]!++;
  for (let k = 0; k < nKeys; k++) ptr[k + 1]! += ptr[k]!;
  const next = ptr.slice(0, nKeys);
  const sorted = new Int32Array(order.length);
  for (let t = 0; t < order.length; t++) {
    const e = order[t]!;
    sorted[next[key(e)]!++] = e;
  }
  return { sorted, ptr };
}

/** The rating E[p(j), p(i)] that production mode assigns to a link between industries k → l. */
export function ratingOf(production: Production, essentiality: Uint8Array | undefined, nInd: number) {
  if (production === 'linear') return (_k: number, _l: number) => 1;
  if (production === 'leontief') return (_k: number, _l: number) => 2;
  if (!essentiality) throw new NetworkError("production 'table' needs an essentiality table");
  if (essentiality.length !== nInd * nInd) {
    throw new NetworkError(`essentiality table has ${essentiality.length} entries, expected ${nInd * nInd}`);
  }
  return (k: number, l: number) => essentiality[k * nInd + l]!;
}

/** Builds the CSR network. Throws NetworkError on invalid input. */
export function buildNetwork(input: NetworkInput): SupplyNetwork {
  const { n, supplier, buyer, value, industry, production } = input;
  const upstreamBy = input.upstreamBy ?? NETWORK_DEFAULTS.upstreamBy;
  const selfLoops = input.selfLoops ?? NETWORK_DEFAULTS.selfLoops;
  const alloc = allocator(input.shared ?? NETWORK_DEFAULTS.shared);
  if (!Number.isInteger(n) || n < 0) throw new NetworkError(`invalid number of firms ${n}`);
  if (supplier.length !== buyer.length || buyer.length !== value.length) {
    throw new NetworkError('supplier, buyer and value arrays differ in length');
  }
  if (industry.length !== n) throw new NetworkError(`industry has ${industry.length} entries, expected ${n}`);
  let maxInd = -1;
  for (let i = 0; i < n; i++) {
    const k = industry[i]!;
    if (!(k >= 0)) throw new NetworkError(`firm ${i} has invalid industry ${k}`);
    if (k > maxInd) maxInd = k;
  }
  const nInd = input.nIndustries ?? maxInd + 1;
  if (maxInd >= nInd) throw new NetworkError(`industry ${maxInd} out of range (nIndustries = ${nInd})`);
  const market = input.market ?? industry;
  if (market.length !== n) throw new NetworkError(`market has ${market.length} entries, expected ${n}`);
  let nMarkets = 0;
  for (let i = 0; i < n; i++) {
    const mk = market[i]!;
    if (!(mk >= 0)) throw new NetworkError(`firm ${i} has invalid market ${mk}`);
    if (mk + 1 > nMarkets) nMarkets = mk + 1;
  }
  const rating = ratingOf(production, input.essentiality, nInd);
  if (input.essentiality && production === 'table') {
    for (let t = 0; t < input.essentiality.length; t++) {
      const r = input.essentiality[t]!;
      if (r > 2) throw new NetworkError(`essentiality rating ${r} outside 0–2`);
    }
  }
  const revenue = input.revenue;
  if (revenue) {
    if (revenue.length !== n) throw new NetworkError(`revenue has ${revenue.length} entries, expected ${n}`);
  }
  if (upstreamBy === 'revenue') {
    if (!revenue) throw new NetworkError("upstreamBy 'revenue' needs revenue");
    for (let i = 0; i < n; i++) {
      const r = revenue[i]!;
      if (!(r > 0) || !Number.isFinite(r))
        throw new NetworkError(`firm ${i} has revenue ${r}; it must be > 0`);
    }
  }

  // 1. Validate links and keep the usable ones (value > 0, no self-loops).
  const m0 = supplier.length;
  let kept = 0;
  const keep = new Int32Array(m0);
  for (let e = 0; e < m0; e++) {
    const j = supplier[e]!;
    const i = buyer[e]!;
    const w = value[e]!;
    if (!(j >= 0 && j < n)) throw new NetworkError(`link ${e}: supplier ${j} is not a firm`, e);
    if (!(i >= 0 && i < n)) throw new NetworkError(`link ${e}: buyer ${i} is not a firm`, e);
    if (!(w >= 0) || !Number.isFinite(w))
      throw new NetworkError(`link ${e}: value ${w} must be finite and ≥ 0`, e);
    if (i === j) {
      if (selfLoops === 'reject') throw new NetworkError(`link ${e}: self-loop on firm ${i}`, e);
      continue;
    }
    if (w === 0) continue;
    keep[kept++] = e;
  }
  // 2. Sort by (buyer, supplier) with two stable counting sorts, then merge repeated pairs.
  const bySup = countingSort(keep.subarray(0, kept), (e) => supplier[e]!, n).sorted;
  const byBuyer = countingSort(bySup, (e) => buyer[e]!, n).sorted;
  const src = new Int32Array(kept);
  const dst = new Int32Array(kept);
  const w = new Float64Array(kept);
  let m = 0;
  for (let t = 0; t < kept; t++) {
    const e = byBuyer[t]!;
    const j = supplier[e]!;
    const i = buyer[e]!;
    if (m > 0 && src[m - 1] === j && dst[m - 1] === i) {
      w[m - 1]! += value[e]!;
    } else {
      src[m] = j;
      dst[m] = i;
      w[m] = value[e]!;
      m++;
    }
  }
  // 3. Strengths.
  const sIn = alloc.f64(n);
  const sOut = alloc.f64(n);
  for (let e = 0; e < m; e++) {
    sIn[dst[e]!]! += w[e]!;
    sOut[src[e]!]! += w[e]!;
  }
  // Finite values can add up to Infinity; the operators would then hold NaN (∞/∞), which no step
  // could compare with eps.
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(sIn[i]!) || !Number.isFinite(sOut[i]!))
      throw new NetworkError(
        `firm ${i}: its purchases or sales add up to more than a float can hold`,
        undefined,
        i,
      );
    if (upstreamBy === 'revenue' && sOut[i]! / revenue![i]! === Number.POSITIVE_INFINITY)
      throw new NetworkError(
        `firm ${i} has revenue ${revenue![i]}; its sales over it overflow`,
        undefined,
        i,
      );
  }
  // Each market's availability with every firm intact, summed in the cascade's order (substitution.ts).
  const marketCapacity = alloc.f64(nMarkets);
  sumAvailability(marketCapacity, market, sOut, new Float64Array(n).fill(1), availabilityScratch(nMarkets));
  const marketPtr = alloc.i32(nMarkets + 1);
  for (let i = 0; i < n; i++) marketPtr[market[i]! + 1]!++;
  for (let k = 0; k < nMarkets; k++) marketPtr[k + 1]! += marketPtr[k]!;
  const marketFirms = alloc.i32(n);
  const marketFill = marketPtr.slice(0, nMarkets);
  for (let i = 0; i < n; i++) marketFirms[marketFill[market[i]!]!++] = i;

  // 4. Upstream rows: in-rows are the canonical order; out-rows by a stable sort on the supplier.
  const canon = new Int32Array(m);
  for (let e = 0; e < m; e++) canon[e] = e;
  const uInPtr = alloc.i32(n + 1);
  const uInSrc = alloc.i32(m);
  const uInCoef = alloc.f64(m);
  for (let e = 0; e < m; e++) {
    uInPtr[dst[e]! + 1]!++;
    uInSrc[e] = src[e]!;
    uInCoef[e] = w[e]! / (upstreamBy === 'revenue' ? revenue![src[e]!]! : sOut[src[e]!]!);
  }
  for (let i = 0; i < n; i++) uInPtr[i + 1]! += uInPtr[i]!;
  const uOut = countingSort(canon, (e) => src[e]!, n);
  const uOutPtr = alloc.i32(n + 1);
  uOutPtr.set(uOut.ptr);
  const uOutDst = alloc.i32(m);
  const uOutCoef = alloc.f64(m);
  for (let t = 0; t < m; t++) {
    const e = uOut.sorted[t]!;
    const j = src[e]!;
    uOutDst[t] = dst[e]!;
    const denom = upstreamBy === 'revenue' ? revenue![j]! : sOut[j]!;
    uOutCoef[t] = w[e]! / denom;
  }

  // 5. Downstream rows: keep rating > 0; per buyer, rating-2 links grouped by supplier industry, then rating 1.
  const rate = new Uint8Array(m);
  let md = 0;
  for (let e = 0; e < m; e++) {
    const r = rating(industry[src[e]!]!, industry[dst[e]!]!);
    rate[e] = r;
    if (r > 0) md++;
  }
  const dEdges = new Int32Array(md);
  for (let e = 0, t = 0; e < m; e++) if (rate[e]! > 0) dEdges[t++] = e;
  const byGroup = countingSort(dEdges, (e) => (rate[e] === 2 ? industry[src[e]!]! : nInd), nInd + 1).sorted;
  const dIn = countingSort(byGroup, (e) => dst[e]!, n);
  const dInPtr = alloc.i32(n + 1);
  dInPtr.set(dIn.ptr);
  const dInMid = alloc.i32(n);
  const dInSrc = alloc.i32(md);
  const dInInd = alloc.i32(md);
  const dInCoef = alloc.f64(md);
  // Group and Λd of each link, by its input index, for the out-rows below.
  const groupOfLink = new Int32Array(m);
  const coefOfLink = new Float64Array(m);
  const dGroupPtr = alloc.i32(n + 1);
  let groups = 0;
  for (let i = 0; i < n; i++) {
    const start = dInPtr[i]!;
    const end = dInPtr[i + 1]!;
    dGroupPtr[i] = groups;
    let t = start;
    // Rating-2 groups: Λd = W / Π⁰(i, k).
    while (t < end && rate[dIn.sorted[t]!] === 2) {
      const k = industry[src[dIn.sorted[t]!]!]!;
      let g = t;
      let pi0 = 0;
      while (g < end && rate[dIn.sorted[g]!] === 2 && industry[src[dIn.sorted[g]!]!] === k) {
        pi0 += w[dIn.sorted[g]!]!;
        g++;
      }
      for (; t < g; t++) {
        const e = dIn.sorted[t]!;
        dInSrc[t] = src[e]!;
        dInInd[t] = k;
        dInCoef[t] = w[e]! / pi0;
        groupOfLink[e] = groups;
        coefOfLink[e] = dInCoef[t]!;
      }
      groups++;
    }
    dInMid[i] = t;
    // Rating-1 links: Λd = W / s_in(i).
    for (; t < end; t++) {
      const e = dIn.sorted[t]!;
      dInSrc[t] = src[e]!;
      dInInd[t] = industry[src[e]!]!;
      dInCoef[t] = w[e]! / sIn[i]!;
      groupOfLink[e] = groups;
      coefOfLink[e] = dInCoef[t]!;
    }
    groups++;
  }
  dGroupPtr[n] = groups;
  const dOut = countingSort(dEdges, (e) => src[e]!, n);
  const dOutPtr = alloc.i32(n + 1);
  dOutPtr.set(dOut.ptr);
  const dOutDst = alloc.i32(md);
  const dOutCoef = alloc.f64(md);
  const dOutGroup = alloc.i32(md);
  for (let t = 0; t < md; t++) {
    const e = dOut.sorted[t]!;
    dOutDst[t] = dst[e]!;
    dOutCoef[t] = coefOfLink[e]!;
    dOutGroup[t] = groupOfLink[e]!;
  }

  const industryOut = alloc.i32(n);
  industryOut.set(industry);
  const marketOut = alloc.i32(n);
  marketOut.set(market);
  return {
    n,
    m,
    nIndustries: nInd,
    nMarkets,
    industry: industryOut,
    market: marketOut,
    sIn,
    sOut,
    marketCapacity,
    marketPtr,
    marketFirms,
    dInPtr,
    dInMid,
    dInSrc,
    dInInd,
    dInCoef,
    dOutPtr,
    dOutDst,
    dOutCoef,
    dOutGroup,
    dGroupPtr,
    uOutPtr,
    uOutDst,
    uOutCoef,
    uInPtr,
    uInSrc,
    uInCoef,
  };
}
