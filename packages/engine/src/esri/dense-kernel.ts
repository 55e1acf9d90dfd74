/**
 * Dense rows in WebAssembly
 * =========================
 *
 * The rows of a scenario's dense steps (dense-rows.ts: DENSE_DOWN, DENSE_DOWN_WRITE and DENSE_UP)
 * computed by the kernels of sweep-kernel/dense-wat.ts instead of the JavaScript loops: the same bits
 * (its header says why), in 0.61–0.72 (downstream) and 0.70 (upstream) of the time of a step on the
 * 1M-firm benchmark network (bench/RESULTS.md, twenty-first session).
 *
 * A WebAssembly function reads only its own memory, so that memory holds a copy of the network's rows
 * (downstream input rows with the group ends as a bit of each rating-2 link's supplier index, 12 bytes
 * a link of rating 1 or 2; upstream out-rows, 12 bytes a link: 207 MB at 1M firms and 10M links) and the step's arrays the
 * rows read and write: dmgSeen, capD, newD and sumD downstream, hu, capU and newU upstream. Those are
 * DenseShared's own arrays, views of this memory, so a step copies nothing.
 *
 * The memory is shared (its buffer a SharedArrayBuffer), so the pool's helper threads, which receive
 * DenseShared with it, run their parts of the rows on the same arrays, each with its own instance.
 * Only the pool's DenseShared has one (ADR 0014): one copy of the rows per pool, made when the pool
 * first splits a scenario. Undefined where the runtime cannot have it; the rows then run in
 * JavaScript, with the same results.
 */

import type { SupplyNetwork } from '../network.js';
import { DENSE_WASM_BASE64 } from './sweep-kernel/binary.generated.js';
import { instantiateKernel, type WasmMemory, wasmMemory } from './sweep-kernel/kernel.js';

/** The kernel's arrays (dense-wat.ts): the network's rows, then the step's arrays. */
type Offsets = Record<
  | 'dPtr'
  | 'dMid'
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

/**
 * The kernel's memory for `net`, with the network's rows copied in, and the arrays DenseShared takes
 * from it; undefined when this runtime has no WebAssembly or not that much memory.
 */
export function allocDenseKernel(
  net: SupplyNetwork,
): { kernel: DenseKernel; arrays: DenseKernelArrays } | undefined {
  const { n, dInPtr, dInMid, dInSrc, dInInd, dInCoef, dGroupPtr, uOutPtr, uOutDst, uOutCoef } = net;
  const md = dInSrc.length;
  const m = uOutDst.length;
  const groups = dGroupPtr[n]!;
  const mem = wasmMemory(
    {
      dPtr: 4 * (n + 1),
      dMid: 4 * n,
      dSrc: 4 * md,
      dCoef: 8 * md,
      dGroupPtr: 4 * (n + 1),
      uPtr: 4 * (n + 1),
      uDst: 4 * m,
      uCoef: 8 * m,
      dmgSeen: 8 * n,
      capD: 8 * n,
      newD: 8 * n,
      sumD: 8 * groups,
      hu: 8 * n,
      capU: 8 * n,
      newU: 8 * n,
    } satisfies Offsets,
    true,
  );
  if (!mem) return undefined;
  const kernel = { memory: mem.memory, at: mem.at };
  if (!denseKernelRows(kernel)) return undefined;
  const { buffer: buf, at } = mem;
  new Int32Array(buf, at.dPtr, n + 1).set(dInPtr);
  new Int32Array(buf, at.dMid, n).set(dInMid);
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
  const f64 = (offset: number, length: number) => new Float64Array(buf, offset, length);
  return {
    kernel,
    arrays: {
      dmgSeen: f64(at.dmgSeen, n),
      capD: f64(at.capD, n),
      newD: f64(at.newD, n),
      sumD: f64(at.sumD, groups),
      hu: f64(at.hu, n),
      capU: f64(at.capU, n),
      newU: f64(at.newU, n),
    },
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
      down(
        from,
        to,
        at.dPtr,
        at.dMid,
        at.dSrc,
        at.dCoef,
        at.dGroupPtr,
        at.dmgSeen,
        at.capD,
        at.sumD,
        at.newD,
      ),
    up: (from, to) => up(from, to, at.uPtr, at.uDst, at.uCoef, at.hu, at.capU, at.newU),
  };
}
