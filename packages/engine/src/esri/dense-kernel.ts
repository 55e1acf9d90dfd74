/**
 * Dense rows in WebAssembly
 * =========================
 *
 * The rows of a scenario's dense steps (dense-rows.ts: DENSE_DOWN, DENSE_DOWN_WRITE and DENSE_UP)
 * computed by the kernels of sweep-kernel/dense-wat.ts instead of the JavaScript loops: the same bits
 * (its header says why). On the 1M-firm benchmark network the first kernels took 0.61–0.72
 * (downstream) and 0.70 (upstream) of the JavaScript loops' time for a step (bench/RESULTS.md,
 * twenty-first session); the downstream one now takes 0.70 of that (twenty-second session).
 *
 * A WebAssembly function reads only its own memory, so that memory holds a copy of the network's rows
 * (downstream input rows with the group ends as a bit of each rating-2 link's supplier index, 12 bytes
 * a link of rating 1 or 2; upstream out-rows, 12 bytes a link: 203 MB at 1M firms and 10M links) and,
 * in regions, the step's arrays the rows read and write: dmgSeen, capD, newD and sumD downstream, hu,
 * capU and newU upstream. Those are a DenseShared's own arrays, views of its region, so a step copies
 * nothing.
 *
 * The memory is shared (its buffer a SharedArrayBuffer): threads that receive it run rows on the same
 * arrays, each with its own instance. A pool (ADR 0014) makes one when its first scenario or job runs,
 * with a region for its split scenarios (leader and helpers share it) and one for each worker's own
 * workspace (batch scenarios and the cascades of firm-level jobs), so the rows are copied once per
 * pool. Undefined where the runtime cannot have it; the rows then run in JavaScript, with the same
 * results.
 */

import type { SupplyNetwork } from '../network.js';
import { DENSE_WASM_BASE64 } from './sweep-kernel/binary.generated.js';
import { instantiateKernel, type WasmMemory, wasmMemory } from './sweep-kernel/kernel.js';

/** The kernel's arrays (dense-wat.ts): the network's rows, then the step's arrays. */
type Offsets = Record<
  | 'dPtr'
  | 'dSrc'
  | 'dCoef'
  | 'dGroupPtr'
  | 'uPtr'
  | 'uDst'
  | 'uCoef'
  | 'dmgSeen'
  | 'capD'
  | 'newD'
  | 'sumD'
  | 'hu'
  | 'capU'
  | 'newU',
  number
>;

/** The kernel's memory and where its arrays are (byte offsets); sent to the helper threads with DenseShared. */
export type DenseKernel = { memory: WasmMemory; at: Offsets };

/** DenseShared's arrays that live in the kernel's memory. */
export type DenseKernelArrays = Record<
  'dmgSeen' | 'capD' | 'newD' | 'sumD' | 'hu' | 'capU' | 'newU',
  Float64Array
>;

/** A job's rows from..to on this thread. */
export type KernelRows = (from: number, to: number) => void;

/** Bit of a rating-2 link's supplier index that marks the last link of its input group. */
const GROUP_END = 0x80000000;

/** The state arrays of one region (one DenseShared), in order, and their lengths. */
const STATE = ['dmgSeen', 'capD', 'newD', 'sumD', 'hu', 'capU', 'newU'] as const;
const align = (x: number) => Math.ceil(x / 64) * 64;
const stateLength = (net: SupplyNetwork, key: (typeof STATE)[number]) =>
  key === 'sumD' ? net.dGroupPtr[net.n]! : net.n;

/**
 * One memory for `net` with the network's rows copied in once and `regions` sets of the step's arrays
 * (one per DenseShared: the pool's split scenarios and each worker's own workspace); the kernel of
 * each region, or undefined when this runtime has no WebAssembly or not that much memory. The regions'
 * pages cost nothing until a workspace writes them.
 */
export function allocDenseKernels(net: SupplyNetwork, regions: number): DenseKernel[] | undefined {
  const { n, dInPtr, dInMid, dInSrc, dInInd, dInCoef, dGroupPtr, uOutPtr, uOutDst, uOutCoef } = net;
  const md = dInSrc.length;
  const m = uOutDst.length;
  // Offsets of the state arrays within a region, and the region's size.
  const within: Record<(typeof STATE)[number], number> = {
    dmgSeen: 0,
    capD: 0,
    newD: 0,
    sumD: 0,
    hu: 0,
    capU: 0,
    newU: 0,
  };
  let regionBytes = 0;
  for (const key of STATE) {
    within[key] = regionBytes;
    regionBytes = align(regionBytes + 8 * stateLength(net, key));
  }
  const mem = wasmMemory(
    {
      dPtr: 4 * (n + 1),
      dSrc: 4 * md,
      dCoef: 8 * md,
      dGroupPtr: 4 * (n + 1),
      uPtr: 4 * (n + 1),
      uDst: 4 * m,
      uCoef: 8 * m,
      state: regionBytes * regions,
    },
    true,
  );
  if (!mem) return undefined;
  const { buffer: buf, at } = mem;
  const kernels = Array.from({ length: regions }, (_, r): DenseKernel => {
    const base = at.state + r * regionBytes;
    const { dPtr, dSrc, dCoef, dGroupPtr: dGroup, uPtr, uDst, uCoef } = at;
    const state = Object.fromEntries(STATE.map((key) => [key, base + within[key]])) as Record<
      (typeof STATE)[number],
      number
    >;
    return {
      memory: mem.memory,
      at: { dPtr, dSrc, dCoef, dGroupPtr: dGroup, uPtr, uDst, uCoef, ...state },
    };
  });
  if (!denseKernelRows(kernels[0]!)) return undefined;
  new Int32Array(buf, at.dPtr, n + 1).set(dInPtr);
  new Float64Array(buf, at.dCoef, md).set(dInCoef);
  new Int32Array(buf, at.dGroupPtr, n + 1).set(dGroupPtr);
  const src = new Int32Array(buf, at.dSrc, md);
  src.set(dInSrc);
  for (let i = 0; i < n; i++) {
    const mid = dInMid[i]!;
    for (let e = dInPtr[i]!; e < mid; e++)
      if (e + 1 === mid || dInInd[e + 1] !== dInInd[e]) src[e]! |= GROUP_END;
  }
  new Int32Array(buf, at.uPtr, n + 1).set(uOutPtr);
  new Int32Array(buf, at.uDst, m).set(uOutDst);
  new Float64Array(buf, at.uCoef, m).set(uOutCoef);
  return kernels;
}

/** The step's arrays of a kernel's region, as views of its memory (on any thread that has the memory). */
export function denseKernelArrays(kernel: DenseKernel, net: SupplyNetwork): DenseKernelArrays {
  const { buffer } = kernel.memory;
  const view = (key: (typeof STATE)[number]) =>
    new Float64Array(buffer, kernel.at[key], stateLength(net, key));
  return {
    dmgSeen: view('dmgSeen'),
    capD: view('capD'),
    newD: view('newD'),
    sumD: view('sumD'),
    hu: view('hu'),
    capU: view('capU'),
    newU: view('newU'),
  };
}

const modules = new Map<number, object | null>();

type RowsFn = (...args: number[]) => void;

/**
 * The kernel's jobs on this thread (an instance of its own on the shared memory): `down` writes newD[i]
 * and firm i's group sums in sumD from dmgSeen and capD (downstreamValue's bits), `up` writes newU[i]
 * from hu and capU (upstreamValue's bits). Undefined where this runtime cannot run the kernel.
 */
export function denseKernelRows(kernel: DenseKernel): { down: KernelRows; up: KernelRows } | undefined {
  let exports: Record<string, unknown> | undefined;
  try {
    exports = instantiateKernel(modules, 1, DENSE_WASM_BASE64, kernel.memory);
  } catch {
    // This thread runs its rows in JavaScript then, with the same bits as the others.
    return undefined;
  }
  const down = exports?.down as RowsFn | undefined;
  const up = exports?.up as RowsFn | undefined;
  if (!down || !up) return undefined;
  const { at } = kernel;
  return {
    down: (from, to) =>
      down(from, to, at.dPtr, at.dSrc, at.dCoef, at.dGroupPtr, at.dmgSeen, at.capD, at.sumD, at.newD),
    up: (from, to) => up(from, to, at.uPtr, at.uDst, at.uCoef, at.hu, at.capU, at.newU),
  };
}
