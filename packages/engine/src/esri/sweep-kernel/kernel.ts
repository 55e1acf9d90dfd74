/**
 * The lane sweep kernel: WebAssembly memory holding one network's upstream out-rows and the two lane
 * arrays, and the sweep over them (wat.ts). Each FirmLaneSolver owns one (one per thread): the network's
 * links are copied in once (12 MB for 1M links), after which a sweep touches only this memory.
 * Falls back to the JavaScript loop (reference.ts) when the runtime cannot compile the module.
 */
import type { SupplyNetwork } from '../../network.js';
import { SWEEP_WASM_BASE64 } from './binary.generated.js';
import { referenceSweep } from './reference.js';
import { KERNEL_LANES, type KernelLanes } from './wat.js';

type SweepFn = (
  n: number,
  ptr: number,
  dst: number,
  coef: number,
  cur: number,
  next: number,
  w: number,
  pinned: number,
  out: number,
) => void;

/**
 * The part of the WebAssembly JavaScript API used here. Node has it globally, but the project's type
 * libraries (ES + @types/node 20, no DOM) declare only its types, not the global object.
 */
type WasmModule = object;
type WasmMemory = { readonly buffer: ArrayBuffer };
type WasmApi = {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: object) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number; maximum: number }) => WasmMemory;
};
const wasm = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

const modules = new Map<KernelLanes, WasmModule | null>();

/** The compiled kernel for `lanes`, or null when this runtime cannot run it (no WebAssembly SIMD). */
function kernelModule(lanes: KernelLanes): WasmModule | null {
  let module = modules.get(lanes);
  if (module === undefined) {
    const bytes = Buffer.from(SWEEP_WASM_BASE64[lanes], 'base64');
    module = wasm?.validate(bytes) ? new wasm.Module(bytes) : null;
    modules.set(lanes, module);
  }
  return module;
}

const PAGE = 65536;
const align = (x: number) => Math.ceil(x / 64) * 64;

export class SweepKernel {
  readonly lanes: KernelLanes;
  /** Lane values before the sweep (firm i, lane l at i·lanes + l). */
  cur: Float64Array;
  /** Lane values after the sweep. */
  next: Float64Array;
  /** Bit l of pinned[i]: firm i is lane l's shocked firm (its walk value stays 0). */
  readonly pinned: Uint32Array;
  /** After a sweep: each lane's largest new entry. */
  readonly max: Float64Array;
  /** After a sweep: each lane's Σ_i w_i next[i]. */
  readonly mass: Float64Array;
  /** 'wasm' or 'js' (the fallback). */
  readonly engine: 'wasm' | 'js';
  private readonly run: () => void;
  private readonly swapOffsets: () => void;

  constructor(net: SupplyNetwork, w: Float64Array, lanes: KernelLanes, forceJs = false) {
    if (!KERNEL_LANES.includes(lanes)) throw new Error(`no sweep kernel for ${lanes} lanes`);
    this.lanes = lanes;
    const { n, m, uOutPtr, uOutDst, uOutCoef } = net;
    const module = forceJs ? null : kernelModule(lanes);
    if (!module || !wasm) {
      this.engine = 'js';
      this.cur = new Float64Array(n * lanes);
      this.next = new Float64Array(n * lanes);
      this.pinned = new Uint32Array(n);
      this.max = new Float64Array(lanes);
      this.mass = new Float64Array(lanes);
      this.run = () =>
        referenceSweep(
          lanes,
          n,
          uOutPtr,
          uOutDst,
          uOutCoef,
          this.cur,
          this.next,
          w,
          this.pinned,
          this.max,
          this.mass,
        );
      this.swapOffsets = () => {};
      return;
    }
    this.engine = 'wasm';
    const layout = { ptr: 0, dst: 0, coef: 0, a: 0, b: 0, w: 0, pinned: 0, out: 0 };
    let end = 0;
    const sizes: Record<keyof typeof layout, number> = {
      ptr: 4 * (n + 1),
      dst: 4 * m,
      coef: 8 * m,
      a: 8 * n * lanes,
      b: 8 * n * lanes,
      w: 8 * n,
      pinned: 4 * n,
      out: 16 * lanes,
    };
    for (const key of Object.keys(layout) as Array<keyof typeof layout>) {
      layout[key] = end;
      end = align(end + sizes[key]);
    }
    if (end > 2 ** 32) throw new Error(`network too large for the sweep kernel (${end} bytes)`);
    const memory = new wasm.Memory({ initial: Math.ceil(end / PAGE), maximum: 65536 });
    const sweep = new wasm.Instance(module, { env: { memory } }).exports.sweep as SweepFn;
    const buf = memory.buffer;
    new Int32Array(buf, layout.ptr, n + 1).set(uOutPtr);
    new Int32Array(buf, layout.dst, m).set(uOutDst);
    new Float64Array(buf, layout.coef, m).set(uOutCoef);
    new Float64Array(buf, layout.w, n).set(w);
    this.pinned = new Uint32Array(buf, layout.pinned, n);
    this.max = new Float64Array(buf, layout.out, lanes);
    this.mass = new Float64Array(buf, layout.out + 8 * lanes, lanes);
    let cur = layout.a;
    let next = layout.b;
    this.cur = new Float64Array(buf, cur, n * lanes);
    this.next = new Float64Array(buf, next, n * lanes);
    this.run = () =>
      sweep(n, layout.ptr, layout.dst, layout.coef, cur, next, layout.w, layout.pinned, layout.out);
    this.swapOffsets = () => {
      [cur, next] = [next, cur];
    };
  }

  /** next = one sweep of cur (with max and mass), then cur and next trade places. */
  sweep(): void {
    this.run();
    this.swapOffsets();
    [this.cur, this.next] = [this.next, this.cur];
  }
}
