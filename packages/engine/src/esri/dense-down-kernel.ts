/**
 * Dense downstream rows in WebAssembly
 * ====================================
 *
 * The rows of a dense downstream step (dense-rows.ts, DENSE_DOWN and DENSE_DOWN_WRITE) computed by the
 * kernel of sweep-kernel/dense-down-wat.ts instead of the JavaScript loop: the same bits (its header
 * says why), in about 0.63 of the time on the 1M-firm benchmark network (bench/RESULTS.md,
 * twenty-first session). A WebAssembly function reads only its own memory, so that memory holds a copy
 * of the network's downstream input rows (with the group ends as a bit of each link's supplier index,
 * 12 bytes a rated link: 83 MB at 1M firms) and the step's arrays the rows read and write: dmgSeen and
 * capD, newD (the new values) and sumD (the group sums). Those four are DenseShared's own arrays, views
 * of this memory, so a step copies nothing.
 *
 * The memory is shared (its buffer a SharedArrayBuffer), so the pool's helper threads, which receive
 * DenseShared with it, run their parts of the rows on the same arrays, each with its own instance.
 * Only the pool's DenseShared has one (ADR 0014): one copy of the rows per pool, made when the pool
 * first splits a scenario. Undefined where the runtime cannot have it; the rows then run in
 * JavaScript, with the same results.
 */

import type { SupplyNetwork } from '../network.js';
import { DENSE_DOWN_WASM_BASE64 } from './sweep-kernel/binary.generated.js';
import { instantiateKernel, type WasmMemory, wasmMemory } from './sweep-kernel/kernel.js';

/** Byte offsets of the kernel's arrays in its memory (dense-down-wat.ts). */
type Offsets = Record<'ptr' | 'mid' | 'src' | 'coef' | 'gptr' | 'dmg' | 'cap' | 'sums' | 'out', number>;

/** The kernel's memory and where its arrays are; sent to the helper threads with DenseShared. */
export type DenseDownKernel = { memory: WasmMemory; at: Offsets };

/** Bit of a rated link's supplier index that marks the last link of its input group. */
const GROUP_END = 0x80000000;

/**
 * The kernel's memory for `net`, with the network's rows copied in, and the four arrays DenseShared
 * takes from it; undefined when this runtime has no WebAssembly or not that much memory.
 */
export function allocDenseDownKernel(net: SupplyNetwork):
  | {
      kernel: DenseDownKernel;
      dmgSeen: Float64Array;
      capD: Float64Array;
      newD: Float64Array;
      sumD: Float64Array;
    }
  | undefined {
  const { n, dInPtr, dInMid, dInSrc, dInInd, dInCoef, dGroupPtr } = net;
  const md = dInSrc.length;
  const groups = dGroupPtr[n]!;
  const mem = wasmMemory(
    {
      ptr: 4 * (n + 1),
      mid: 4 * n,
      src: 4 * md,
      coef: 8 * md,
      gptr: 4 * (n + 1),
      dmg: 8 * n,
      cap: 8 * n,
      sums: 8 * groups,
      out: 8 * n,
    },
    true,
  );
  if (!mem || !denseDownRowsOn(mem.memory, mem.at)) return undefined;
  const { buffer: buf, at } = mem;
  new Int32Array(buf, at.ptr, n + 1).set(dInPtr);
  new Int32Array(buf, at.mid, n).set(dInMid);
  new Float64Array(buf, at.coef, md).set(dInCoef);
  new Int32Array(buf, at.gptr, n + 1).set(dGroupPtr);
  const src = new Int32Array(buf, at.src, md);
  src.set(dInSrc);
  for (let i = 0; i < n; i++) {
    const mid = dInMid[i]!;
    for (let e = dInPtr[i]!; e < mid; e++)
      if (e + 1 === mid || dInInd[e + 1] !== dInInd[e]) src[e]! |= GROUP_END;
  }
  return {
    kernel: { memory: mem.memory, at },
    dmgSeen: new Float64Array(buf, at.dmg, n),
    capD: new Float64Array(buf, at.cap, n),
    newD: new Float64Array(buf, at.out, n),
    sumD: new Float64Array(buf, at.sums, groups),
  };
}

const modules = new Map<number, object | null>();

type RowsFn = (...args: number[]) => void;

function denseDownRowsOn(memory: WasmMemory, at: Offsets): ((from: number, to: number) => void) | undefined {
  const exports = instantiateKernel(modules, 1, DENSE_DOWN_WASM_BASE64, memory);
  const rows = exports?.rows as RowsFn | undefined;
  if (!rows) return undefined;
  const { ptr, mid, src, coef, gptr, dmg, cap, sums, out } = at;
  return (from, to) => rows(from, to, ptr, mid, src, coef, gptr, dmg, cap, sums, out);
}

/**
 * The rows from..to of a dense downstream step on this thread: newD[i] and firm i's group sums in sumD
 * from dmgSeen and capD, the dense reference's bits (dense-rows.ts, downstreamValue).
 */
export function denseDownRows(kernel: DenseDownKernel): ((from: number, to: number) => void) | undefined {
  return denseDownRowsOn(kernel.memory, kernel.at);
}
