/**
 * Dense steps of one cascade shared among threads
 * ===============================================
 *
 * A cascade through most of a network (on the 1M-firm benchmark, the ten largest sellers stopping)
 * spends its time in dense steps: every firm's new hd or hu computed from its whole input row. Rows are
 * independent (each writes only its own value and its own group sums), so the rows can be split among
 * threads: the thread that runs the cascade (the leader) takes the first part, helper threads the
 * others, and the step goes on when all parts are done. Every row is computed by the same function as
 * on one thread, so the results are the same bits with any number of helpers.
 *
 * The arrays the rows read and write live on SharedArrayBuffer (DenseShared); the network must be
 * shared too (pool.ts, shareNetwork). Leader and helpers meet through Atomics on a small control array:
 * the leader bumps a job counter and wakes the helpers; each helper answers in its own slot.
 *
 * The row loops run as a copy compiled for each set of arrays (bindRowJobs, ADR 0010): V8 then treats
 * the arrays as constants, and a dense step on 1M firms takes about two thirds of the time.
 */

import type { SupplyNetwork } from '../network.js';
import { allocDenseKernels, type DenseKernel, denseKernelArrays, denseKernelRows } from './dense-kernel.js';
import { AVAIL_BLOCK, blockAvailability, supplierDamage } from './substitution.js';

/**
 * Jobs: a dense upstream step, a dense downstream step, upstream sums from the state, and the listed
 * candidates of a sparse downstream step, from their rows (pull) or from their pushed group sums (push),
 * a dense downstream step that also writes every changed hd in place (DENSE_DOWN_WRITE, for steps that
 * leave nothing out; it also sums its slices' share of each market's availability), the damage of
 * every damaged firm at the start of a big step (DENSE_DAMAGE), the new hu of a dense upstream step
 * written in place (APPLY_UP), then stop. The last three list per slice what the leader needs
 * (DenseShared), so that its own loops over all firms are few.
 */
export const DENSE_UP = 1;
export const DENSE_DOWN = 2;
export const DENSE_SUMS = 3;
export const CANDIDATES_PULL = 4;
export const CANDIDATES_PUSH = 5;
export const DENSE_DOWN_WRITE = 6;
export const DENSE_DAMAGE = 7;
export const APPLY_UP = 8;
const DENSE_EXIT = -1;

/** Control slots: job counter, job kind, then per helper its last finished job (−1: it failed). */
const JOB = 0;
const KIND = 1;
const FIRST_HELPER = 2;

/** Slots of the parameters of a candidates job (DenseShared.params). */
const P_COUNT = 0;
const P_EPS = 1;
const P_TOL = 2;
const P_ALLOWANCE = 3;
/** Of DENSE_DOWN_WRITE: whether to list the markets of the changed firms (1 with substitution). */
const P_MARKETS = 4;
/** Of APPLY_UP: the upstream drop threshold. */
const P_TOL_U = 5;
/** Of DENSE_DAMAGE: the step's deferral threshold of dmg changes (cascade.ts). */
const P_DEFER = 6;

/**
 * Bound on the rounding one addition (or one product) adds to a sum of terms in [0, 1] whose total is
 * at most 1: 2^-52, twice the unit roundoff, to be safe.
 */
export const ROUNDING_PER_ADD = 2 ** -52;

/**
 * Rows per call of a job's loop (rowJobs), so that a fresh compiled copy is called often enough to be
 * optimized within its first job: the default slice size (DenseShared.sliceSize). The parts of the
 * jobs that list firms per slice (DENSE_DAMAGE, DENSE_DOWN_WRITE, APPLY_UP) start at multiples of the
 * slice size, so that slice k is always firms k·sliceSize onwards, whatever the number of threads.
 * It is the block of the markets' availability sums (substitution.ts), so that a dense step's slices
 * can add up their own blocks.
 */
export const ROW_SLICE = AVAIL_BLOCK;

/** Longest wait for a helper's part before the leader gives up (a helper that died never answers). */
const HELPER_TIMEOUT_MS = 60_000;

/** The arrays a dense step reads and writes, shared between the leader and its helpers. */
export type DenseShared = {
  /** Firms per slice (ROW_SLICE; tests use small ones to check the per-slice lists). */
  sliceSize: number;
  hd: Float64Array;
  hu: Float64Array;
  capU: Float64Array;
  newU: Float64Array;
  sumU: Float64Array;
  dmgSeen: Float64Array;
  capD: Float64Array;
  newD: Float64Array;
  sumD: Float64Array;
  pushesD: Int32Array;
  /** The candidates of a sparse downstream step. */
  candD: Int32Array;
  /** dmg(j) = σ(j)(1 − hd(j)) of the suppliers, as the cascade last computed it. */
  dmg: Float64Array;
  /** Per market: its availability Σ s_out·hd. */
  avail: Float64Array;
  /**
   * After DENSE_DAMAGE: for slice k (firms k·sliceSize onwards), sliceCount[k] damaged firms whose dmg
   * moved since their customers last saw it (dmgSeen), listed in index order in damagedList from
   * k·sliceSize on.
   */
  damagedList: Int32Array;
  sliceCount: Int32Array;
  /**
   * What a step that writes its changes in place (DENSE_DOWN_WRITE, APPLY_UP) leaves for the leader,
   * per slice k, in index order from position k·sliceSize on (counts in `counts`, slot k of each):
   * the firms whose value changed; those whose value changed from 1 (newly damaged or newly touched);
   * downstream, the markets of the changed firms, each where one of its firms first changed;
   * upstream, the firms whose change was left out (below the drop threshold) and not yet listed as
   * such (leftUFlag, set here). `drop` holds each slice's largest drop.
   */
  changedList: Int32Array;
  newlyList: Int32Array;
  marketList: Int32Array;
  leftList: Int32Array;
  /**
   * DENSE_DOWN_WRITE with markets listed and slices of AVAIL_BLOCK firms: each slice's share of the
   * markets' availability after the step (blockAvailability), as pairs from position k·sliceSize on.
   */
  availMarkets: Int32Array;
  availSums: Float64Array;
  counts: SliceCounts;
  drop: Float64Array;
  /** Per firm: 1 while its upstream change is listed as left out (the cascade clears it). */
  leftUFlag: Uint8Array;
  /** Parameters of a candidates job: count, eps, drop threshold, rounding allowance. */
  params: Float64Array;
  ctrl: Int32Array;
  /**
   * Where the rows of dense steps run in WebAssembly (dense-kernel.ts): its memory, of which dmgSeen,
   * capD, newD, sumD, hu, capU and newU are views.
   */
  kernel?: DenseKernel;
};

/** Per slice, the lengths of the lists of DenseShared (changedList, newlyList, marketList, leftList). */
export type SliceCounts = {
  changed: Int32Array;
  newly: Int32Array;
  markets: Int32Array;
  left: Int32Array;
  /** APPLY_UP: the links a push of the slice's changes would visit (their input rows of Λu). */
  pushLinks: Int32Array;
  /** DENSE_DOWN_WRITE: pairs in availMarkets/availSums (−1: none computed). */
  avail: Int32Array;
  /** DENSE_DAMAGE: the links of the listed firms whose dmg moved by more than the deferral threshold. */
  moverLinks: Int32Array;
};

/**
 * Fresh arrays for a workspace on `net`: on SharedArrayBuffer for a leader with up to `helpers` helper
 * threads, on ordinary memory for a workspace without helpers (helpers 0, shared false). With a kernel
 * (`withKernel`: true for a memory of its own, or a region of one made by allocDenseKernels), the
 * arrays the dense rows read and write are views of its memory, and the rows run in WebAssembly
 * (dense-kernel.ts).
 */
export function allocDense(
  net: SupplyNetwork,
  helpers: number,
  shared: boolean,
  sliceSize = ROW_SLICE,
  withKernel: boolean | DenseKernel = shared,
): DenseShared {
  const bytes = (len: number, size: number) =>
    shared ? new SharedArrayBuffer(size * len) : new ArrayBuffer(size * len);
  const f64 = (len: number) => new Float64Array(bytes(len, 8));
  const i32 = (len: number) => new Int32Array(bytes(len, 4));
  const { n } = net;
  const slices = Math.ceil(n / sliceSize);
  // A region of a kernel memory made elsewhere (the pool's), or a memory of its own.
  const kernel = withKernel === true ? allocDenseKernels(net, 1)?.[0] : withKernel || undefined;
  const k = kernel && denseKernelArrays(kernel, net);
  return {
    sliceSize,
    hd: f64(n),
    hu: k?.hu ?? f64(n),
    capU: k?.capU ?? f64(n),
    newU: k?.newU ?? f64(n),
    sumU: f64(n),
    dmgSeen: k?.dmgSeen ?? f64(n),
    capD: k?.capD ?? f64(n),
    newD: k?.newD ?? f64(n),
    sumD: k?.sumD ?? f64(net.dGroupPtr[n]!),
    pushesD: i32(n),
    candD: i32(n),
    dmg: f64(n),
    avail: f64(net.nMarkets),
    damagedList: i32(n),
    sliceCount: i32(slices),
    changedList: i32(n),
    newlyList: i32(n),
    marketList: i32(n),
    leftList: i32(n),
    availMarkets: i32(n),
    availSums: f64(n),
    counts: {
      changed: i32(slices),
      newly: i32(slices),
      markets: i32(slices),
      left: i32(slices),
      pushLinks: i32(slices),
      avail: i32(slices),
      moverLinks: i32(slices),
    },
    drop: f64(slices),
    leftUFlag: new Uint8Array(bytes(n, 1)),
    params: f64(7),
    ctrl: i32(FIRST_HELPER + helpers),
    kernel,
  };
}

/**
 * Bounds of `parts` row ranges with about the same number of links each: part p is rows
 * bounds[p]..bounds[p+1]. ptr is a CSR row pointer.
 */
export function rowParts(ptr: Int32Array, parts: number): Int32Array {
  const n = ptr.length - 1;
  const total = ptr[n]! - ptr[0]!;
  const bounds = new Int32Array(parts + 1);
  let i = 0;
  for (let p = 1; p < parts; p++) {
    const target = ptr[0]! + (total * p) / parts;
    while (i < n && ptr[i]! < target) i++;
    bounds[p] = i;
  }
  bounds[parts] = n;
  return bounds;
}

/** Bounds of `parts` ranges of about equal numbers of firms, each starting at a multiple of `size`. */
function sliceParts(n: number, parts: number, size: number): Int32Array {
  const bounds = new Int32Array(parts + 1);
  const slices = Math.ceil(n / size);
  for (let p = 1; p < parts; p++) bounds[p] = Math.min(n, Math.round((slices * p) / parts) * size);
  bounds[parts] = n;
  return bounds;
}

/** rowParts with each bound moved to the nearest multiple of `size` (the last stays n). */
function slicedRowParts(ptr: Int32Array, parts: number, size: number): Int32Array {
  const bounds = rowParts(ptr, parts);
  const n = ptr.length - 1;
  for (let p = 1; p < parts; p++) bounds[p] = Math.min(n, Math.round(bounds[p]! / size) * size);
  return bounds;
}

/** How the rows of each kind of dense job are split among `parts` threads. */
type JobParts = { up: Int32Array; down: Int32Array; downSliced: Int32Array; firms: Int32Array };

function jobParts(net: SupplyNetwork, parts: number, sliceSize: number): JobParts {
  return {
    up: rowParts(net.uOutPtr, parts),
    down: rowParts(net.dInPtr, parts),
    downSliced: slicedRowParts(net.dInPtr, parts, sliceSize),
    firms: sliceParts(net.n, parts, sliceSize),
  };
}

/** The bounds of a dense job (not a candidates job: those are split by their count). */
function partsOf(kind: number, parts: JobParts): Int32Array {
  if (kind === DENSE_DAMAGE || kind === APPLY_UP) return parts.firms;
  if (kind === DENSE_DOWN_WRITE) return parts.downSliced;
  return kind === DENSE_DOWN ? parts.down : parts.up;
}

/** Bounds of `parts` equal ranges of `count` candidates. */
function candidateParts(count: number, parts: number): Int32Array {
  const bounds = new Int32Array(parts + 1);
  for (let p = 1; p <= parts; p++) bounds[p] = Math.floor((count * p) / parts);
  return bounds;
}

/** Rows from..to of a dense job (DENSE_UP, …, CANDIDATES_PUSH), on the calling thread. */
export type RowJobs = (kind: number, from: number, to: number) => void;

/** What rowJobs uses from this module; passed in, since its compiled copies have no module scope. */
const ROW_JOB_DEPS = {
  downstreamValue,
  denseKernelRows,
  upstreamValue,
  supplierDamage,
  blockAvailability,
  ROUNDING_PER_ADD,
  AVAIL_BLOCK,
  // The probe (probeRowJobs) runs them in this order: DENSE_DOWN_WRITE and APPLY_UP last, as they
  // write hd and hu.
  kinds: {
    DENSE_UP,
    DENSE_DOWN,
    DENSE_SUMS,
    CANDIDATES_PULL,
    CANDIDATES_PUSH,
    DENSE_DAMAGE,
    DENSE_DOWN_WRITE,
    APPLY_UP,
  },
  params: { P_EPS, P_TOL, P_ALLOWANCE, P_MARKETS, P_TOL_U, P_DEFER },
};

/**
 * The row loops of the dense jobs over one network and one set of arrays, as a closure over them.
 *
 * Why a closure, compiled anew for each binding (bindRowJobs): V8's optimizing compiler treats the
 * constants of a closure's context as constants when that closure is the only one ever made from its
 * code, and then reads typed arrays it knows without loading their base and length. On the 1M-firm
 * benchmark network a dense downstream step took 68–70 ms that way against 100–110 ms with the arrays
 * passed as arguments or read from fields, an upstream step 59–62 against 71–80 ms (bench/RESULTS.md,
 * ninth session). A second closure made from the same code loses that for both (123 ms), so
 * bindRowJobs compiles this function's source anew per binding; it falls back to this function itself
 * if that fails. Both give the same bits: the same code on the same arrays.
 */
function rowJobs(net: SupplyNetwork, s: DenseShared, deps: typeof ROW_JOB_DEPS): RowJobs {
  const { downstreamValue, upstreamValue, supplierDamage, blockAvailability, ROUNDING_PER_ADD } = deps;
  const { sliceSize } = s;
  const kinds = deps.kinds;
  const { P_EPS, P_TOL, P_ALLOWANCE, P_MARKETS, P_TOL_U, P_DEFER } = deps.params;
  const { uOutPtr, uOutDst, uOutCoef, uInPtr, dInPtr, dInMid, dInSrc, dInInd, dInCoef, dGroupPtr } = net;
  const { dOutPtr } = net;
  const { market, sOut } = net;
  const { hd, hu, capU, newU, sumU, dmgSeen, capD, newD, sumD, pushesD, candD, params } = s;
  const { dmg, avail, damagedList, sliceCount } = s;
  const { changedList, newlyList, marketList, leftList, counts, drop, leftUFlag } = s;
  const { availMarkets, availSums } = s;
  // This thread's marks of the markets a slice has listed (DENSE_DOWN_WRITE): a slice's stamp; and
  // the slots of the slice's availability sums.
  const marketSeen = new Int32Array(net.nMarkets);
  const availSeen = new Int32Array(net.nMarkets);
  const availSlot = new Int32Array(net.nMarkets);
  let marketStamp = 0;
  // A slice is a block of the availability sums (substitution.ts) only at that size.
  const sumsAvail = sliceSize === deps.AVAIL_BLOCK;
  // The rows of dense steps in WebAssembly, where DenseShared has the kernel (the same bits).
  const kernelRows = s.kernel ? deps.denseKernelRows(s.kernel) : undefined;
  // Each job is a closure of its own: one closure for all of them was optimized for the first kind it
  // ran and dropped its optimized code whenever another kind came (a dense downstream step after an
  // upstream one took 120 ms instead of 72 on the 1M-firm network).
  const up = (from: number, to: number) => {
    if (kernelRows) kernelRows.up(from, to);
    else for (let i = from; i < to; i++) newU[i] = upstreamValue(i, hu, capU, uOutPtr, uOutDst, uOutCoef);
  };
  // Firm i's new hd from its whole input row (the dense reference's arithmetic), writing the row's group
  // sums in place of the pushed ones (so no push is pending on them).
  const rowValue = (i: number) => {
    pushesD[i] = 0;
    return downstreamValue(i, dmgSeen, capD, dInPtr, dInMid, dInSrc, dInInd, dInCoef, sumD, dGroupPtr[i]!);
  };
  // newD and the group sums of rows from..to by the kernel; as rowValue, nothing is pending on them.
  const kernelDown = (from: number, to: number) => {
    kernelRows!.down(from, to);
    pushesD.fill(0, from, to);
  };
  const down = (from: number, to: number) => {
    if (kernelRows) kernelDown(from, to);
    else for (let i = from; i < to; i++) newD[i] = rowValue(i);
  };
  // The rows read dmgSeen and capD, never hd, so a step that writes every change (nothing is left
  // out) can write hd as it goes, on every thread, and list per slice what the leader must know: the
  // changed firms, the newly damaged ones and, with substitution, the markets to settle.
  const downWrite = (from: number, to: number) => {
    const k = from / sliceSize;
    const listMarkets = params[P_MARKETS] === 1;
    if (++marketStamp === 0x7fffffff) {
      marketSeen.fill(0);
      availSeen.fill(0);
      marketStamp = 1;
    }
    let changed = 0;
    let newly = 0;
    let markets = 0;
    let largest = 0;
    if (kernelRows) kernelDown(from, to);
    for (let i = from; i < to; i++) {
      const v = kernelRows ? newD[i]! : rowValue(i);
      const old = hd[i]!;
      const d = old - v;
      if (d === 0) continue;
      hd[i] = v;
      if (d > largest) largest = d;
      changedList[from + changed++] = i;
      if (old === 1) newlyList[from + newly++] = i;
      if (listMarkets) {
        const mk = market[i]!;
        if (marketSeen[mk] !== marketStamp) {
          marketSeen[mk] = marketStamp;
          marketList[from + markets++] = mk;
        }
      }
    }
    counts.changed[k] = changed;
    counts.newly[k] = newly;
    counts.markets[k] = markets;
    drop[k] = largest;
    // The slice's hd are final for this step and still in this thread's cache.
    counts.avail[k] =
      listMarkets && sumsAvail
        ? blockAvailability(
            from,
            to,
            market,
            sOut,
            hd,
            marketStamp,
            availSeen,
            availSlot,
            availMarkets,
            availSums,
            from,
          )
        : -1;
  };
  // After DENSE_UP (newU holds every firm's new hu): writes the changes above the drop threshold in
  // place and lists them per slice, with the links a push of them would visit (the next step is dense
  // or rebuilds the sums, so their drops are not needed), the firms that changed from 1, and the
  // changes left out.
  const applyUp = (from: number, to: number) => {
    const k = from / sliceSize;
    const tolU = params[P_TOL_U]!;
    let changed = 0;
    let newly = 0;
    let left = 0;
    let links = 0;
    let largest = 0;
    for (let i = from; i < to; i++) {
      const old = hu[i]!;
      const v = newU[i]!;
      const d = old - v;
      if (d > largest) largest = d;
      if (d !== 0 && d <= tolU && -d <= tolU && leftUFlag[i] === 0) {
        leftUFlag[i] = 1;
        leftList[from + left++] = i;
      }
      if (d > tolU || -d > tolU) {
        hu[i] = v;
        if (old === 1) newlyList[from + newly++] = i;
        changedList[from + changed++] = i;
        links += uInPtr[i + 1]! - uInPtr[i]!;
      }
    }
    counts.changed[k] = changed;
    counts.newly[k] = newly;
    counts.left[k] = left;
    counts.pushLinks[k] = links;
    drop[k] = largest;
  };
  const pull = (from: number, to: number) => {
    for (let c = from; c < to; c++) newD[c] = rowValue(candD[c]!);
  };
  // New hd of the candidates from the step-t state: the smallest 1 − (pushed group sum), at most the
  // cap. The pushed sums and the row's sums (the reference's) differ by rounding: at most r, from both
  // ways of adding up the largest group sum 1 − least, plus one rounding of 1 − s. The pushed value
  // rules a change out (surely within tol: not written); a drop that may lie on either side of eps comes
  // from the whole row. A value that may be written comes from the row too, unless r fits in the step's
  // rounding allowance (a share of the error budget; none when it is 0). So with errorBudget 0 every
  // stored hd is the row's value, as in the dense reference, and rounding in the sums never accumulates
  // in the state (it did, by about 1e-12 over 10⁴ steps, when pushed values were always written);
  // otherwise what a pushed value may differ by is budgeted like a dropped change: the allowance shrinks
  // with the step, while r grows with every push until the row is read again.
  const push = (from: number, to: number) => {
    const eps = params[P_EPS]!;
    const tol = params[P_TOL]!;
    const allowance = params[P_ALLOWANCE]!;
    for (let c = from; c < to; c++) {
      const i = candD[c]!;
      let least = 1;
      for (let g = dGroupPtr[i]!, end = dGroupPtr[i + 1]!; g < end; g++) {
        const p = 1 - sumD[g]!;
        if (p < least) least = p;
      }
      const v = Math.max(Math.min(least, capD[i]!), 0);
      const drop = hd[i]! - v;
      const size = drop < 0 ? -drop : drop;
      const adds = pushesD[i]! + dInPtr[i + 1]! - dInPtr[i]!;
      const r = ROUNDING_PER_ADD * (adds * Math.max(1 - least, 0) + 1);
      newD[c] = Math.abs(drop - eps) <= r || (size + r > tol && r > allowance) ? rowValue(i) : v;
    }
  };
  const sums = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      let sum = 0;
      // Undamaged customers add exactly +0 (see upstreamValue).
      for (let e = uOutPtr[i]!, end = uOutPtr[i + 1]!; e < end; e++)
        sum += uOutCoef[e]! * (1 - hu[uOutDst[e]!]!);
      sumU[i] = sum;
    }
  };
  // The damage of every damaged firm (hd < 1), from its hd and its market's availability: anew where
  // either changed, the same bits where neither did (and 0 for a firm back at hd 1). Listed per slice (from is a multiple of
  // sliceSize: the slices of the loop below, within parts from sliceParts) where it moved since its
  // customers last saw it, with the links that pushing the moves above the step's deferral threshold
  // would visit (the leader then knows whether the step is dense without listing its movers).
  const damage = (from: number, to: number) => {
    const defer = params[P_DEFER]!;
    const k = from / sliceSize;
    let count = 0;
    let links = 0;
    for (let j = from; j < to; j++) {
      const h = hd[j]!;
      let x = 0;
      if (h < 1) x = supplierDamage(h, true, avail[market[j]!]!, sOut[j]!);
      else if (dmg[j] === 0) continue;
      dmg[j] = x;
      const diff = x - dmgSeen[j]!;
      if (diff === 0) continue;
      damagedList[from + count++] = j;
      if (diff > defer || -diff > defer) links += dOutPtr[j + 1]! - dOutPtr[j]!;
    }
    sliceCount[k] = count;
    counts.moverLinks[k] = links;
  };
  const jobs: ((from: number, to: number) => void)[] = [];
  jobs[kinds.DENSE_UP] = up;
  jobs[kinds.DENSE_DOWN] = down;
  jobs[kinds.DENSE_SUMS] = sums;
  jobs[kinds.CANDIDATES_PULL] = pull;
  jobs[kinds.CANDIDATES_PUSH] = push;
  jobs[kinds.DENSE_DOWN_WRITE] = downWrite;
  jobs[kinds.DENSE_DAMAGE] = damage;
  jobs[kinds.APPLY_UP] = applyUp;
  // In slices, so that a fresh copy is called often enough to be optimized within its first job.
  return (kind, from, to) => {
    const job = jobs[kind]!;
    for (let a = from; a < to; a += sliceSize) job(a, Math.min(a + sliceSize, to));
  };
}

/** rowJobs' source, compiled anew by each bindRowJobs; undefined where it cannot be. */
let rowJobsSource: string | undefined = rowJobs.toString();
let rowJobBindings = 0;
/** Whether a compiled copy has run every job once on a small probe (first binding of the thread). */
let rowJobsProbed = false;

/** Whether bindRowJobs still compiles copies (false: it fell back to the shared code, which is slower). */
export function rowJobsCompiled(): boolean {
  return rowJobsSource !== undefined;
}

/** A copy of rowJobs' code of its own, bound to net and s (strict, as module code is). */
function compiledRowJobs(net: SupplyNetwork, s: DenseShared): RowJobs {
  // A distinct source per binding: V8 would otherwise share the compiled code of equal sources. The
  // transpiler that runs this TypeScript may wrap nested functions in a naming helper (__name).
  const make = new Function(
    '__name',
    `"use strict"; return (${rowJobsSource})\n// binding ${++rowJobBindings}`,
  );
  return (make((f: unknown) => f) as typeof rowJobs)(net, s, ROW_JOB_DEPS);
}

/**
 * Runs every job of a compiled copy on two firms and one rated link: a name the copy cannot see (a
 * helper a transpiler or a coverage tool added) fails here, where it can still fall back, and not in
 * the middle of a cascade.
 */
function probeRowJobs(): void {
  const i32 = (...v: number[]) => Int32Array.from(v);
  const f64 = (...v: number[]) => Float64Array.from(v);
  const probe = {
    n: 2,
    uOutPtr: i32(0, 1, 1),
    uInPtr: i32(0, 0, 1),
    dOutPtr: i32(0, 1, 1),
    uOutDst: i32(1),
    uOutCoef: f64(1),
    dInPtr: i32(0, 0, 1),
    dInMid: i32(0, 1),
    dInSrc: i32(0),
    dInInd: i32(0),
    dInCoef: f64(1),
    dGroupPtr: i32(0, 1, 3),
    market: i32(0, 0),
    sOut: f64(1, 1),
    nMarkets: 1,
  } as unknown as SupplyNetwork;
  const s = allocDense(probe, 0, false);
  s.hd.set([0.5, 1]);
  s.dmgSeen.set([0.5, 0]);
  s.hu.set([1, 0.5]);
  s.capD.fill(1);
  s.capU.fill(1);
  s.candD.set([1, 0]);
  s.params.set([2, 1e-2, 0, 0, 1, 0]);
  s.avail.set([2]);
  const rows = compiledRowJobs(probe, s);
  for (const kind of Object.values(ROW_JOB_DEPS.kinds)) rows(kind, 0, 2);
  const wrote =
    s.hu[0] === 0.5 &&
    s.counts.changed[0] === 2 &&
    s.counts.pushLinks[0] === 1 &&
    s.counts.moverLinks[0] === 1 &&
    s.counts.markets[0] === 1 &&
    s.availSums[0] === 1.5;
  if (s.newU[0] !== 0.5 || s.sumU[0] !== 0.5 || s.dmg[0] !== 0.25 || s.sliceCount[0] !== 1 || !wrote)
    throw new Error('the compiled row jobs computed a wrong probe');
}

/** The row loops of the dense jobs bound to net and s, in a copy of their code of their own (rowJobs). */
export function bindRowJobs(net: SupplyNetwork, s: DenseShared): RowJobs {
  if (rowJobsSource !== undefined) {
    try {
      if (!rowJobsProbed) {
        probeRowJobs();
        rowJobsProbed = true;
      }
      return compiledRowJobs(net, s);
    } catch {
      rowJobsSource = undefined;
    }
  }
  return rowJobs(net, s, ROW_JOB_DEPS);
}

/** The leader's side: runs a dense job over all rows, its own part here and the rest on the helpers. */
export class DenseRows {
  private readonly net: SupplyNetwork;
  private readonly shared: DenseShared;
  private readonly helpers: number;
  /** Row bounds per job kind (partsOf). */
  private readonly parts: JobParts;
  /** The row loops on these arrays, compiled when first needed (most workspaces never run a dense job). */
  private bound?: RowJobs;

  constructor(net: SupplyNetwork, shared: DenseShared, helpers: number) {
    this.net = net;
    this.shared = shared;
    this.helpers = helpers;
    this.parts = jobParts(net, helpers + 1, shared.sliceSize);
  }

  run(kind: number): void {
    if (this.helpers === 0) {
      this.rows(kind, 0, this.net.n);
      return;
    }
    const parts = partsOf(kind, this.parts);
    this.split(kind, parts[0]!, parts[1]!);
  }

  /**
   * A dense downstream step that writes its changes in place (DENSE_DOWN_WRITE, for a step that leaves
   * nothing out), listing them per slice; with listMarkets, also the markets of the changed firms.
   */
  writeDown(listMarkets: boolean): void {
    this.shared.params[P_MARKETS] = listMarkets ? 1 : 0;
    this.run(DENSE_DOWN_WRITE);
  }

  /** The damage pass of a big step (DENSE_DAMAGE), with the step's deferral threshold. */
  damage(defer: number): void {
    this.shared.params[P_DEFER] = defer;
    this.run(DENSE_DAMAGE);
  }

  /** After DENSE_UP: writes the changes above tolU in place and lists them per slice (APPLY_UP). */
  applyUp(tolU: number): void {
    this.shared.params[P_TOL_U] = tolU;
    this.run(APPLY_UP);
  }

  /**
   * The first `count` candidates of a sparse downstream step (in DenseShared.candD) from their rows
   * (CANDIDATES_PULL) or their pushed sums (CANDIDATES_PUSH), with the step's eps, drop threshold and
   * rounding allowance; split among the threads when there are at least splitMin.
   */
  candidates(
    kind: number,
    count: number,
    eps: number,
    tol: number,
    allowance: number,
    splitMin: number,
  ): void {
    const { params } = this.shared;
    params[P_COUNT] = count;
    params[P_EPS] = eps;
    params[P_TOL] = tol;
    params[P_ALLOWANCE] = allowance;
    if (this.helpers === 0 || count < splitMin) {
      this.rows(kind, 0, count);
      return;
    }
    const parts = candidateParts(count, this.helpers + 1);
    this.split(kind, parts[0]!, parts[1]!);
  }

  private rows(kind: number, from: number, to: number): void {
    this.bound ??= bindRowJobs(this.net, this.shared);
    this.bound(kind, from, to);
  }

  /** Posts job `kind` to the helpers, does rows from..to here, and waits for the helpers' parts. */
  private split(kind: number, from: number, to: number): void {
    const { ctrl } = this.shared;
    const job = nextJob(ctrl);
    Atomics.store(ctrl, KIND, kind);
    Atomics.store(ctrl, JOB, job);
    Atomics.notify(ctrl, JOB);
    this.rows(kind, from, to);
    for (let h = 0; h < this.helpers; h++) {
      const slot = FIRST_HELPER + h;
      for (;;) {
        const seen = Atomics.load(ctrl, slot);
        if (seen === job) break;
        if (seen === -1) throw new Error(`dense-step helper ${h + 1} failed`);
        if (Atomics.wait(ctrl, slot, seen, HELPER_TIMEOUT_MS) === 'timed-out') {
          throw new Error(`dense-step helper ${h + 1} did not answer within ${HELPER_TIMEOUT_MS / 1000} s`);
        }
      }
    }
  }
}

/** The next job number: it stays a positive Int32 (−1 in a helper's slot means "failed"). */
function nextJob(ctrl: Int32Array): number {
  return (ctrl[JOB]! + 1) & 0x3fffffff;
}

/**
 * Lets the helpers on these arrays return from helpDenseRows. The leader calls it when its scenario
 * ends; the pool calls it again once the leader has answered, for a leader that failed before it could.
 * A helper that already returned is not affected.
 */
export function releaseDenseHelpers(shared: DenseShared): void {
  const { ctrl } = shared;
  Atomics.store(ctrl, KIND, DENSE_EXIT);
  Atomics.store(ctrl, JOB, nextJob(ctrl));
  Atomics.notify(ctrl, JOB);
}

/**
 * Readies the shared arrays for a new leader and its helpers (call while none of them runs): clears
 * what a failed helper left in its slot and returns the job counter, from which the helpers start
 * (helpDenseRows), so that a job posted before a helper got there is not missed.
 */
export function prepareDenseJobs(shared: DenseShared): number {
  const { ctrl } = shared;
  const job = Atomics.load(ctrl, JOB);
  for (let slot = FIRST_HELPER; slot < ctrl.length; slot++) Atomics.store(ctrl, slot, job);
  return job;
}

/**
 * A helper's side: does part `part` (1..helpers) of every job after job `from` until the leader
 * releases it. Blocks the calling thread (a worker) meanwhile. `from` comes from prepareDenseJobs.
 * `rows`: the row loops bound to net and shared; a worker keeps them from one scenario to the next, so
 * that their compiled code is not made anew each time (bindRowJobs).
 */
export function helpDenseRows(
  net: SupplyNetwork,
  shared: DenseShared,
  part: number,
  helpers: number,
  from: number,
  rows: RowJobs = bindRowJobs(net, shared),
): void {
  const { ctrl } = shared;
  const split = jobParts(net, helpers + 1, shared.sliceSize);
  const slot = FIRST_HELPER + part - 1;
  let done = from;
  for (;;) {
    Atomics.wait(ctrl, JOB, done);
    const job = Atomics.load(ctrl, JOB);
    if (job === done) continue;
    const kind = Atomics.load(ctrl, KIND);
    if (kind === DENSE_EXIT) return;
    const candidates = kind === CANDIDATES_PULL || kind === CANDIDATES_PUSH;
    const parts = candidates ? candidateParts(shared.params[P_COUNT]!, helpers + 1) : partsOf(kind, split);
    try {
      rows(kind, parts[part]!, parts[part + 1]!);
    } catch (err) {
      Atomics.store(ctrl, slot, -1);
      Atomics.notify(ctrl, slot);
      throw err;
    }
    done = job;
    Atomics.store(ctrl, slot, job);
    Atomics.notify(ctrl, slot);
  }
}

/**
 * hd_{t+1}(i) = max(0, min( min_{k: E=2} π(i,k), 1 − Σ_{k: E=1} (1 − π(i,k)), 1 − ψd(i) )), where
 * 1 − π(i,k) = Σ_{j: p(j)=k} Λd[j,i] · dmg(j) and dmg(j) = σ(j) · (1 − hd(j)). Undamaged suppliers add
 * exactly +0, so the sums test no branch: one on dmg > 0 mispredicted wherever damaged and undamaged
 * suppliers mix, and the 1M-firm scenarios took about 1.4 times as long (bench/RESULTS.md). With
 * `sums`, also writes the input-group sums Σ Λd · dmg of firm i from position firstGroup on (its
 * rating-2 groups in row order, then the rating-1 group; see network.ts).
 */
export function downstreamValue(
  i: number,
  dmg: Float64Array,
  capD: Float64Array,
  dInPtr: Int32Array,
  dInMid: Int32Array,
  dInSrc: Int32Array,
  dInInd: Int32Array,
  dInCoef: Float64Array,
  sums?: Float64Array,
  firstGroup = 0,
): number {
  let e = dInPtr[i]!;
  const mid = dInMid[i]!;
  const end = dInPtr[i + 1]!;
  let g = firstGroup;
  let v = capD[i]!;
  while (e < mid) {
    const k = dInInd[e]!;
    let s = 0;
    do {
      s += dInCoef[e]! * dmg[dInSrc[e]!]!;
      e++;
    } while (e < mid && dInInd[e] === k);
    if (sums) sums[g++] = s;
    const p = 1 - s;
    if (p < v) v = p;
  }
  let s1 = 0;
  for (; e < end; e++) s1 += dInCoef[e]! * dmg[dInSrc[e]!]!;
  if (sums) sums[g] = s1;
  const p1 = 1 - s1;
  if (p1 < v) v = p1;
  return Math.max(v, 0);
}

/**
 * hu_{t+1}(i) = max(0, min(1 − ψu(i), 1 − Σ_j Λu[i,j] (1 − hu_t(j)))). Undamaged customers (hu = 1) add
 * exactly +0, so the sum is the same bits as one that skips them; skipping them by a branch cost more
 * (see downstreamValue).
 */
export function upstreamValue(
  i: number,
  hu: Float64Array,
  capU: Float64Array,
  uOutPtr: Int32Array,
  uOutDst: Int32Array,
  uOutCoef: Float64Array,
): number {
  let s = 0;
  for (let e = uOutPtr[i]!, end = uOutPtr[i + 1]!; e < end; e++) s += uOutCoef[e]! * (1 - hu[uOutDst[e]!]!);
  let v = 1 - s;
  const c = capU[i]!;
  if (c < v) v = c;
  return Math.max(v, 0);
}
