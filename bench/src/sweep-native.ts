// A sweep alone (sweep-kernel/wat.ts) in WebAssembly with four lanes against the native sweep (ADR
// 0023) with eight and sixteen, on the 100k-firm benchmark network's rows; per lane, since a sweep of
// L lanes serves L firms. Each native count is first checked against the WebAssembly kernel of the same
// count on the same values: next values, outputs and list must be the same bits. Timings alternate
// round by round in one process; prints the medians and the median per-lane ratio native/WebAssembly.
//
// Usage: node --import tsx bench/src/sweep-native.ts [rounds]
import { CascadeWorkspace, firmSolvers, loadNativeSweep, normalizeWeights } from '@chainbrain/engine';
import { buildNativeSweep } from '@chainbrain/native-sweep';
import { SWEEP_WASM_BASE64 } from '../../packages/engine/src/esri/sweep-kernel/binary.generated.js';
import { instantiateKernel, wasmMemory } from '../../packages/engine/src/esri/sweep-kernel/kernel.js';
import type { KernelLanes } from '../../packages/engine/src/esri/sweep-kernel/wat.js';
import { buildGeneratedNetwork, generateNetwork, mulberry32 } from './generate.js';

const build = buildNativeSweep();
if (!build.available) throw new Error(`no native sweep on this machine: ${build.reason}`);
const native = loadNativeSweep(build.path);
const rounds = Number(process.argv[2] ?? 40);
const n = 100_000;
const net = buildGeneratedNetwork(generateNetwork({ firms: n, links: 10 * n, industries: 200 }));
const w = normalizeWeights(net.sOut, n);
const solvers = firmSolvers(new CascadeWorkspace(net), w, { eps: 1e-2, substitution: true });
if (!solvers) throw new Error('no fast-path solvers');
// The rows in the sweep's own order (longest first, customers as slots), as the solver holds them.
const { rowPtr, rowDst, rowCoef } = solvers.lanes.kernel;
const m = rowDst.length;

/** One memory with random lane values, some pinned lanes and a threshold that lists some firms. */
function sweeper(lanes: KernelLanes) {
  const mem = wasmMemory({
    ptr: 4 * (n + 1),
    dst: 4 * m,
    coef: 8 * m,
    cur: 8 * n * lanes,
    next: 8 * n * lanes,
    w: 8 * n,
    g: 8 * n,
    pinned: 4 * n,
    out: 24 * lanes,
    list: 4 * (n + 1),
  });
  if (!mem) throw new Error('no WebAssembly memory');
  const { at, buffer } = mem;
  new Int32Array(buffer, at.ptr, n + 1).set(rowPtr);
  new Int32Array(buffer, at.dst, m).set(rowDst);
  new Float64Array(buffer, at.coef, m).set(rowCoef);
  const r = mulberry32(5);
  new Float64Array(buffer, at.cur, n * lanes).set(
    Float64Array.from({ length: n * lanes }, () => 10 ** -(3 + 9 * r())),
  );
  new Float64Array(buffer, at.w, n).set(Float64Array.from({ length: n }, () => r()));
  new Float64Array(buffer, at.g, n).set(Float64Array.from({ length: n }, () => r()));
  const pinned = new Uint32Array(buffer, at.pinned, n);
  for (let i = 0; i < n; i += 997) pinned[i] = (i % 255) + 1;
  const exports = instantiateKernel(new Map(), lanes, SWEEP_WASM_BASE64[lanes], mem.memory);
  if (!exports) throw new Error('no WebAssembly SIMD');
  const sweep = exports.sweep as (...args: number[]) => void;
  const thr = 1e-4;
  const args = [
    at.ptr,
    at.dst,
    at.coef,
    at.cur,
    at.next,
    at.w,
    at.pinned,
    at.out,
    at.g,
    thr,
    at.list,
  ] as const;
  return {
    lanes,
    wasm: () => sweep(n, ...args),
    native: () => native.sweep(buffer, lanes, n, ...args, -1),
    outputs: () => [
      new Float64Array(buffer, at.next, n * lanes).slice(),
      new Float64Array(buffer, at.out, 3 * lanes).slice(),
      Float64Array.from(new Int32Array(buffer, at.list, n + 1)),
    ],
  };
}

const sameBits = (x: Float64Array[], y: Float64Array[]) =>
  x.every((a, k) => a.length === y[k]!.length && a.every((v, i) => Object.is(v, y[k]![i])));
const base = sweeper(4);
const natives = ([8, 16] as const).map((lanes) => {
  const s = sweeper(lanes);
  s.wasm();
  const wasmBits = s.outputs();
  s.native();
  return { ...s, sameBits: sameBits(wasmBits, s.outputs()), times: [] as number[], ratios: [] as number[] };
});
const baseTimes: number[] = [];
for (let round = 0; round < rounds; round++) {
  let t = performance.now();
  for (let i = 0; i < 5; i++) base.wasm();
  const perLane = (performance.now() - t) / 5 / 4;
  baseTimes.push(perLane);
  for (const s of natives) {
    t = performance.now();
    for (let i = 0; i < 5; i++) s.native();
    const own = (performance.now() - t) / 5 / s.lanes;
    s.times.push(own);
    s.ratios.push(own / perLane);
  }
}
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[xs.length >> 1]!;
console.log(
  JSON.stringify({
    date: new Date().toISOString(),
    links: m,
    wasm4MsPerLaneSweep: Number(median(baseTimes).toFixed(3)),
    native: natives.map((s) => ({
      lanes: s.lanes,
      sameBitsAsWasm: s.sameBits,
      msPerLaneSweep: Number(median(s.times).toFixed(3)),
      perLaneRatioToWasm4: Number(median(s.ratios).toFixed(3)),
    })),
  }),
);
