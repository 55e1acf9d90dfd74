/**
 * The lane sweep kernel: WebAssembly memory holding one network's upstream out-rows and the two lane
 * arrays, and the sweep over them (wat.ts). Each FirmLaneSolver owns one (one per thread): the network's
 * links are copied in once (12 MB for 1M links), after which a sweep touches only this memory.
 * Falls back to the JavaScript loop (reference.ts) when the runtime cannot compile the module or the
 * memory cannot be had. Given a native sweep (native.ts, ADR 0023) of the solver's lane count, the
 * sweeps run in it instead, on the same memory and with the same bits.
 */
import { countingSort, type SupplyNetwork } from '../../network.js';
import { SWEEP_WASM_BASE64 } from './binary.generated.js';
import { NATIVE_SWEEP_LANES, type NativeSweepModule } from './native.js';
import { referenceSweep } from './reference.js';
import { KERNEL_LANES, type KernelLanes } from './wat.js';

/** wat.ts's `sweep`: every pointer a byte offset in the kernel's memory. */
export type SweepFn = (
  n: number,
  ptr: number,
  dst: number,
  coef: number,
  cur: number,
  next: number,
  w: number,
  pinned: number,
  out: number,
  g: number,
  thr: number,
  list: number,
) => void;

/**
 * The part of the WebAssembly JavaScript API used here. Node has it globally, but the project's type
 * libraries (ES + @types/node 20, no DOM) declare only its types, not the global object.
 */
type WasmModule = object;
export type WasmMemory = { readonly buffer: ArrayBuffer };
type WasmApi = {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: object) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number; maximum: number; shared?: boolean }) => WasmMemory;
};
const wasm = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

const modules = new Map<number, WasmModule | null>();

/**
 * An instance of a kernel (`base64`, compiled once per lane count into `cache`) on `memory`; undefined
 * when this runtime cannot run it (no WebAssembly SIMD).
 */
export function instantiateKernel(
  cache: Map<number, WasmModule | null>,
  lanes: number,
  base64: string,
  memory: WasmMemory,
): Record<string, unknown> | undefined {
  let module = cache.get(lanes);
  if (module === undefined) {
    const bytes = Buffer.from(base64, 'base64');
    module = wasm?.validate(bytes) ? new wasm.Module(bytes) : null;
    cache.set(lanes, module);
  }
  if (!module || !wasm) return undefined;
  return new wasm.Instance(module, { env: { memory } }).exports;
}

const PAGE = 65536;
const align = (x: number) => Math.ceil(x / 64) * 64;

/**
 * WebAssembly memory for arrays of the given byte sizes, each 64-byte aligned (`at`: their offsets);
 * undefined when the runtime has no WebAssembly or the memory cannot be had (over the 4 GB a 32-bit
 * memory can address, or refused by the system).
 */
export function wasmMemory<K extends string>(
  sizes: Record<K, number>,
  shared = false,
): { memory: WasmMemory; buffer: ArrayBuffer; at: Record<K, number> } | undefined {
  if (!wasm) return undefined;
  const at = { ...sizes };
  let end = 0;
  for (const key of Object.keys(sizes) as K[]) {
    at[key] = end;
    end = align(end + sizes[key]);
  }
  if (end > 2 ** 32 - PAGE) return undefined;
  try {
    // A shared memory (threads may share it: its buffer is a SharedArrayBuffer) never grows here, so
    // it reserves only its own size.
    const pages = Math.ceil(end / PAGE);
    const memory = new wasm.Memory({ initial: pages, maximum: shared ? pages : 65536, shared });
    return { memory, buffer: memory.buffer, at };
  } catch {
    return undefined;
  }
}

/** The arrays a sweep works on and the call that runs it (per-firm arrays in slot order, wat.ts). */
type Backing = {
  ptr: Int32Array;
  dst: Int32Array;
  coef: Float64Array;
  cur: Float64Array;
  next: Float64Array;
  pinned: Uint32Array;
  max: Float64Array;
  mass: Float64Array;
  ahead: Float64Array;
  list: Int32Array;
  /** The running sums of the lane values (slot k, lane l at k·lanes + l). */
  sums: Float64Array;
  /**
   * Runs a sweep that lists the firms above `thr` in some lane and, with `accumulate`, adds its new
   * values to `sums`.
   */
  run: (thr: number, accumulate: boolean) => void;
  /** Exchanges the roles of cur and next for the next run (the views are swapped by the caller). */
  swap: () => void;
};

/**
 * The kernel's memory: the upstream out-rows, both lane arrays, w, pinned and the outputs, each
 * 64-byte aligned. Null when the runtime lacks WebAssembly SIMD or the memory cannot be had (over the
 * 4 GB a 32-bit memory can address, or refused by the system): the caller then sweeps in JavaScript.
 */
function wasmBacking(layout: SweepLayout, lanes: KernelLanes, native?: NativeSweepModule): Backing | null {
  const { n, m } = layout;
  const mem = wasmMemory({
    ptr: 4 * (n + 1),
    dst: 4 * m,
    coef: 8 * m,
    a: 8 * n * lanes,
    b: 8 * n * lanes,
    w: 8 * n,
    pinned: 4 * n,
    out: 24 * lanes,
    g: 8 * n,
    list: 4 * (n + 1),
    sums: 8 * n * lanes,
  });
  if (!mem) return null;
  const exports = instantiateKernel(modules, lanes, SWEEP_WASM_BASE64[lanes], mem.memory);
  if (!exports) return null;
  const sweep = exports.sweep as SweepFn;
  const accumulate = exports.accumulate as (sums: number, cur: number, bytes: number) => void;
  const { at } = mem;
  const buf = mem.buffer;
  new Int32Array(buf, at.ptr, n + 1).set(layout.ptr);
  new Int32Array(buf, at.dst, m).set(layout.dst);
  new Float64Array(buf, at.coef, m).set(layout.coef);
  new Float64Array(buf, at.w, n).set(layout.w);
  new Float64Array(buf, at.g, n).set(layout.g);
  let cur = at.a;
  let next = at.b;
  return {
    ptr: new Int32Array(buf, at.ptr, n + 1),
    dst: new Int32Array(buf, at.dst, m),
    coef: new Float64Array(buf, at.coef, m),
    cur: new Float64Array(buf, cur, n * lanes),
    next: new Float64Array(buf, next, n * lanes),
    pinned: new Uint32Array(buf, at.pinned, n),
    max: new Float64Array(buf, at.out, lanes),
    mass: new Float64Array(buf, at.out + 8 * lanes, lanes),
    ahead: new Float64Array(buf, at.out + 16 * lanes, lanes),
    list: new Int32Array(buf, at.list, n + 1),
    sums: new Float64Array(buf, at.sums, n * lanes),
    // The native sweep adds to the sums in its second pass; the WebAssembly kernel in a pass of its own.
    run: native
      ? (thr, sums) =>
          native.sweep(
            buf,
            lanes,
            n,
            at.ptr,
            at.dst,
            at.coef,
            cur,
            next,
            at.w,
            at.pinned,
            at.out,
            at.g,
            thr,
            at.list,
            sums ? at.sums : -1,
          )
      : (thr, sums) => {
          sweep(n, at.ptr, at.dst, at.coef, cur, next, at.w, at.pinned, at.out, at.g, thr, at.list);
          if (sums) accumulate(at.sums, next, 8 * n * lanes);
        },
    swap: () => {
      [cur, next] = [next, cur];
    },
  };
}

function jsBacking(layout: SweepLayout, lanes: KernelLanes): Backing {
  const { n, ptr, dst, coef, w, g } = layout;
  const b: Backing = {
    ptr,
    dst,
    coef,
    cur: new Float64Array(n * lanes),
    next: new Float64Array(n * lanes),
    pinned: new Uint32Array(n),
    max: new Float64Array(lanes),
    mass: new Float64Array(lanes),
    ahead: new Float64Array(lanes),
    list: new Int32Array(n + 1),
    sums: new Float64Array(n * lanes),
    // The views trade places in SweepKernel.sweep; read them through b at call time.
    run: (thr, accumulate) => {
      referenceSweep(
        lanes,
        n,
        ptr,
        dst,
        coef,
        b.cur,
        b.next,
        w,
        b.pinned,
        b.max,
        b.mass,
        g,
        b.ahead,
        thr,
        b.list,
      );
      if (accumulate) {
        const { sums, next } = b;
        for (let k = 0; k < sums.length; k++) sums[k]! += next[k]!;
      }
    },
    swap: () => {
      [b.cur, b.next] = [b.next, b.cur];
    },
  };
  return b;
}

export class SweepKernel {
  readonly lanes: KernelLanes;
  /**
   * Firm i's slot: where its values are in cur, next and pinned (the sweep's order, wat.ts). Slots
   * sort the firms by upstream out-row length, longest first, ties in index order.
   */
  readonly slotOf: Int32Array;
  /** The firm in slot k. */
  readonly firmAt: Int32Array;
  /** Lane values before the sweep (slot k, lane l at k·lanes + l). */
  cur: Float64Array;
  /** Lane values after the sweep. */
  next: Float64Array;
  /** Bit l of pinned[k]: the firm in slot k is lane l's shocked firm (its walk value stays 0). */
  readonly pinned: Uint32Array;
  /**
   * The upstream out-rows as the sweep reads them, row k being slot k's firm's, its links in the
   * network's order but with customers as slots: sums over them in that order have the sweep's bits.
   */
  readonly rowPtr: Int32Array;
  readonly rowDst: Int32Array;
  readonly rowCoef: Float64Array;
  /** After a sweep: each lane's largest new entry. */
  readonly max: Float64Array;
  /** After a sweep: each lane's Σ_i w_i v(i) over the new values v (in slot order). */
  readonly mass: Float64Array;
  /**
   * After a sweep: each lane's Σ_j g[j] v(j) over the new values v, with g = Λuᵀw, so that the next
   * step's weighted sum is this minus w_f Σ_j Λu[f,j] v(j) (f the lane's firm, whose own row is left
   * out).
   */
  readonly ahead: Float64Array;
  /** g = Λuᵀw: g[j] = Σ_i w_i Λu[i,j] (by firm index). */
  readonly g: Float64Array;
  /**
   * After a sweep: list[0], then list[1..list[0]] the slots, in order, of the firms whose new value
   * exceeds `threshold` in at least one lane.
   */
  readonly list: Int32Array;
  /**
   * Running sums of the lane values, by slot like cur (a sweep told to accumulate adds its new values
   * to them); a lane that runs both channels needs every firm's upstream loss (firm-lanes.ts).
   */
  readonly sums: Float64Array;
  /** Firms above this value in some lane are listed by the next sweep (Infinity: none). */
  threshold = Number.POSITIVE_INFINITY;
  /** 'native' (native.ts), 'wasm', or 'js' (the fallback). */
  readonly engine: 'native' | 'wasm' | 'js';
  private readonly backing: Backing;

  /**
   * `javascript`: the reference loop (tests). `native`: sweep in it when it has `lanes` lanes.
   */
  constructor(
    net: SupplyNetwork,
    w: Float64Array,
    lanes: KernelLanes,
    choice: { javascript?: boolean; native?: NativeSweepModule } = {},
  ) {
    if (!KERNEL_LANES.includes(lanes)) throw new Error(`no sweep kernel for ${lanes} lanes`);
    this.lanes = lanes;
    this.g = weightedColumnSums(net, w);
    const layout = sweepLayout(net, w, this.g);
    this.firmAt = layout.order;
    this.slotOf = layout.slotOf;
    const native = (NATIVE_SWEEP_LANES as readonly number[]).includes(lanes) ? choice.native : undefined;
    const fast = choice.javascript ? null : wasmBacking(layout, lanes, native);
    this.engine = fast ? (native ? 'native' : 'wasm') : 'js';
    this.backing = fast ?? jsBacking(layout, lanes);
    ({
      cur: this.cur,
      next: this.next,
      pinned: this.pinned,
      max: this.max,
      mass: this.mass,
      ahead: this.ahead,
      list: this.list,
      sums: this.sums,
      ptr: this.rowPtr,
      dst: this.rowDst,
      coef: this.rowCoef,
    } = this.backing);
  }

  /**
   * next = one sweep of cur (with max and mass), then cur and next trade places; with `accumulate`,
   * sums += the new values (every lane).
   */
  sweep(accumulate = false): void {
    this.backing.run(this.threshold, accumulate);
    this.backing.swap();
    [this.cur, this.next] = [this.next, this.cur];
  }
}

/**
 * The upstream out-rows in the order a sweep takes them: row k, w[k] and g[k] are those of firm
 * order[k], the firm in slot k, and the rows' customers are slots (slotOf). Longest rows first (ties in index order), so that rows of one length follow each other. A sweep's
 * rows are mostly short (10 links on average on the benchmark network, most fewer), and the link
 * loop's exit mispredicts when the lengths jump about. Sweeping the 100k-firm benchmark network in
 * three runs of 15 alternating rounds, the first quartile was 4.13, 4.57 and 3.20 ms per sweep in index
 * order, against 3.18, 2.92 and 2.56 ms in this order (bench/RESULTS.md, tenth session). Inside the
 * solver the gain was within that machine's noise (3.5% per firm on the mean; ADR 0006, amendment).
 */
type SweepLayout = {
  n: number;
  m: number;
  order: Int32Array;
  slotOf: Int32Array;
  ptr: Int32Array;
  dst: Int32Array;
  coef: Float64Array;
  w: Float64Array;
  g: Float64Array;
};

/**
 * Slots of the rows of a CSR pointer, longest first (the sort is stable, so ties stay in index order):
 * order[k] is the row in slot k, slotOf[i] row i's slot. The lane kernels take their rows in this
 * order, so that rows of one length follow each other.
 */
export function longestRowsFirst(ptr: Int32Array): { order: Int32Array; slotOf: Int32Array } {
  const n = ptr.length - 1;
  const length = (i: number) => ptr[i + 1]! - ptr[i]!;
  let longest = 0;
  for (let i = 0; i < n; i++) longest = Math.max(longest, length(i));
  const rows = Int32Array.from({ length: n }, (_, i) => i);
  const order = countingSort(rows, (i) => longest - length(i), longest + 1).sorted;
  const slotOf = new Int32Array(n);
  for (let k = 0; k < n; k++) slotOf[order[k]!] = k;
  return { order, slotOf };
}

function sweepLayout(net: SupplyNetwork, w: Float64Array, g: Float64Array): SweepLayout {
  const { n, m, uOutPtr, uOutDst, uOutCoef } = net;
  const { order, slotOf } = longestRowsFirst(uOutPtr);
  const layout = {
    n,
    m,
    order,
    slotOf,
    ptr: new Int32Array(n + 1),
    dst: new Int32Array(m),
    coef: new Float64Array(m),
    w: new Float64Array(n),
    g: new Float64Array(n),
  };
  for (let k = 0, e = 0; k < n; k++) {
    const i = order[k]!;
    const from = uOutPtr[i]!;
    const to = uOutPtr[i + 1]!;
    for (let x = from; x < to; x++, e++) {
      layout.dst[e] = slotOf[uOutDst[x]!]!;
      layout.coef[e] = uOutCoef[x]!;
    }
    layout.ptr[k + 1] = e;
    layout.w[k] = w[i]!;
    layout.g[k] = g[i]!;
  }
  return layout;
}

/** g = Λuᵀw: g[j] = Σ_i w_i Λu[i,j], summed over the upstream out-rows in index order. */
function weightedColumnSums(net: SupplyNetwork, w: Float64Array): Float64Array {
  const { n, uOutPtr, uOutDst, uOutCoef } = net;
  const g = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const wi = w[i]!;
    for (let e = uOutPtr[i]!, end = uOutPtr[i + 1]!; e < end; e++) g[uOutDst[e]!]! += wi * uOutCoef[e]!;
  }
  return g;
}
