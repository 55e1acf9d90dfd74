import { describe, expect, it } from 'vitest';
import type { SupplyNetwork } from '../../network.js';
import { nativeBuild, nativeSweep, nativeSweepExpected } from '../../testing/native-sweep.js';
import { randomNetwork, rng } from '../../testing/random.js';
import { normalizeWeights } from '../esri.js';
import { assembleDenseKernel, assembleDownKernels, assembleKernels } from './assemble.js';
import { DENSE_WASM_BASE64, DOWN_WASM_BASE64, SWEEP_WASM_BASE64 } from './binary.generated.js';
import { SweepKernel } from './kernel.js';
import { NATIVE_SWEEP_LANES } from './native.js';
import { KERNEL_LANES, type KernelLanes, sweepWat } from './wat.js';

/** Every kernel this machine can run against the JavaScript loop: WebAssembly, and native if built. */
const KERNELS: Array<[KernelLanes, 'wasm' | 'native']> = [
  ...KERNEL_LANES.map((lanes): [KernelLanes, 'wasm'] => [lanes, 'wasm']),
  ...(nativeSweep ? NATIVE_SWEEP_LANES.map((lanes): [KernelLanes, 'native'] => [lanes, 'native']) : []),
];

/** A kernel's lane values in firm order (firm i, lane l at i·lanes + l). */
function byFirm(k: SweepKernel, values: Float64Array = k.cur): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < k.slotOf.length; i++)
    out.set(values.subarray(k.slotOf[i]! * k.lanes, (k.slotOf[i]! + 1) * k.lanes), i * k.lanes);
  return out;
}

/** One sweep written plainly: next[i] = Σ_j Λu[i,j] cur[j] in row order, rows in index order (by firm). */
function rowsInIndexOrder(net: SupplyNetwork, cur: Float64Array, pinned: Uint32Array, lanes: number) {
  const next = new Float64Array(cur.length);
  const mass = new Float64Array(lanes);
  const w = normalizeWeights(net.sOut, net.n);
  for (let i = 0; i < net.n; i++) {
    for (let l = 0; l < lanes; l++) {
      let acc = 0;
      for (let e = net.uOutPtr[i]!; e < net.uOutPtr[i + 1]!; e++)
        acc += net.uOutCoef[e]! * cur[net.uOutDst[e]! * lanes + l]!;
      next[i * lanes + l] = pinned[i]! & (1 << l) ? 0 : acc;
      mass[l]! += w[i]! * next[i * lanes + l]!;
    }
  }
  return { next, mass };
}

describe('lane sweep kernel', () => {
  it('ships the binary that wat.ts assembles to (run `npm run build:kernel -w @chainbrain/engine`)', async () => {
    const assembled = await assembleKernels();
    for (const lanes of KERNEL_LANES)
      expect(SWEEP_WASM_BASE64[lanes], `${lanes} lanes`).toBe(assembled[lanes]);
    // The downstream lane step (down-wat.ts; downstream-lanes.test.ts checks its bits).
    const down = await assembleDownKernels();
    for (const lanes of KERNEL_LANES)
      expect(DOWN_WASM_BASE64[lanes], `${lanes} lanes, downstream`).toBe(down[lanes]);
    // The dense rows (dense-wat.ts; dense-rows.test.ts checks their bits).
    expect(DENSE_WASM_BASE64).toBe(await assembleDenseKernel());
  });

  it('runs as WebAssembly on this runtime', () => {
    const net = randomNetwork({ n: 10, links: 30, industries: 2, production: 'linear', seed: 1 });
    expect(new SweepKernel(net, normalizeWeights(net.sOut, net.n), 16).engine).toBe('wasm');
  });

  it('sweeps natively on a machine with AVX-512 and a C++ compiler (ADR 0023)', () => {
    if (!nativeSweepExpected()) {
      expect(nativeBuild.available ? '' : nativeBuild.reason).not.toBe('');
      return;
    }
    expect(nativeBuild).toMatchObject({ available: true, vectorBits: 512 });
    const net = randomNetwork({ n: 10, links: 30, industries: 2, production: 'linear', seed: 1 });
    const w = normalizeWeights(net.sOut, net.n);
    expect(new SweepKernel(net, w, 8, { native: nativeSweep }).engine).toBe('native');
    // A lane count the native sweep has no kernel for stays in WebAssembly.
    expect(new SweepKernel(net, w, 4, { native: nativeSweep }).engine).toBe('wasm');
    expect(new SweepKernel(net, w, 8, { native: nativeSweep, javascript: true }).engine).toBe('js');
  });

  it.each(KERNELS)('gives the same bits as the JavaScript loop (%i lanes, %s)', (lanes, kind) => {
    // Hubs, firms without customers, pinned lanes and zeros: every branch of the kernel.
    const net = randomNetwork({ n: 300, links: 2500, industries: 5, hubs: 4, production: 'table', seed: 7 });
    const w = normalizeWeights(net.sOut, net.n);
    const fast = new SweepKernel(net, w, lanes, { native: kind === 'native' ? nativeSweep : undefined });
    expect(fast.engine).toBe(kind);
    const slow = new SweepKernel(net, w, lanes, { javascript: true });
    expect(slow.engine).toBe('js');
    const r = rng(3);
    for (let x = 0; x < net.n * lanes; x++) {
      const v = r() < 0.3 ? 0 : r() ** 4;
      fast.cur[x] = v;
      slow.cur[x] = v;
    }
    // Pinned by firm, for the plain sweep.
    const pinnedByFirm = new Uint32Array(net.n);
    for (let l = 0; l < lanes; l++) {
      const f = Math.floor(r() * net.n);
      pinnedByFirm[f]! |= 1 << l;
      fast.pinned[fast.slotOf[f]!]! |= 1 << l;
      slow.pinned[slow.slotOf[f]!]! |= 1 << l;
    }
    let nonzero = 0;
    let partlyListed = 0;
    for (let step = 0; step < 4; step++) {
      // A threshold that lists some firms and not others.
      fast.threshold = slow.threshold = 0.5 / 4 ** step;
      const rows = rowsInIndexOrder(net, byFirm(fast), pinnedByFirm, lanes);
      // Every other sweep also adds its new values to the running sums (lanes with both channels).
      fast.sweep(step % 2 === 1);
      slow.sweep(step % 2 === 1);
      expect(Array.from(fast.cur)).toEqual(Array.from(slow.cur));
      expect(Array.from(fast.sums)).toEqual(Array.from(slow.sums));
      // The sweep takes the rows in its own order, by slot; each row's sum is still the same bits.
      const next = byFirm(fast);
      expect(Array.from(next)).toEqual(Array.from(rows.next));
      for (let l = 0; l < lanes; l++) expect(fast.mass[l]).toBeCloseTo(rows.mass[l]!, 14);
      expect(Array.from(fast.max)).toEqual(Array.from(slow.max));
      expect(Array.from(fast.mass)).toEqual(Array.from(slow.mass));
      expect(Array.from(fast.ahead)).toEqual(Array.from(slow.ahead));
      const count = fast.list[0]!;
      expect(Array.from(fast.list.subarray(0, count + 1))).toEqual(
        Array.from(slow.list.subarray(0, count + 1)),
      );
      // Listed: the slots of exactly the firms above the threshold in some lane, in the sweep's order
      // (longest out-rows first, ties in index order).
      const above = [];
      for (let i = 0; i < net.n; i++) {
        if (next.subarray(i * lanes, (i + 1) * lanes).some((v) => v > fast.threshold)) above.push(i);
      }
      const listed = Array.from(fast.list.subarray(1, count + 1), (k) => fast.firmAt[k]!);
      const length = (i: number) => net.uOutPtr[i + 1]! - net.uOutPtr[i]!;
      expect(listed).toEqual([...above].sort((a, b) => length(b) - length(a) || a - b));
      if (count > 0 && count < net.n) partlyListed++;
      for (let i = 0; i < net.n; i++) {
        for (let l = 0; l < lanes; l++) {
          if (pinnedByFirm[i]! & (1 << l)) expect(next[i * lanes + l]).toBe(0);
          else if (next[i * lanes + l]! > 0) nonzero++;
        }
      }
    }
    // The test is only worth something if the sweeps carried values, and the sums are those of the
    // sweeps that were told to add.
    expect(nonzero).toBeGreaterThan(net.n * lanes);
    expect(fast.sums.some((v) => v > 0)).toBe(true);
    expect(partlyListed).toBeGreaterThan(0);
    expect(Math.min(...fast.max)).toBeGreaterThan(0);
  });

  it.each(KERNELS.filter(([lanes]) => lanes === 8))(
    'computes a hand-checked sweep (%i lanes, %s)',
    (_, kind) => {
      // Firm 0 sells 3 to firm 1 and 1 to firm 2 (Λu[0,1] = 0.75, Λu[0,2] = 0.25); firm 1 sells to 2.
      const net = randomNetwork({ n: 3, links: 0, industries: 1, production: 'linear', seed: 1 });
      const links = { ...net, m: 3 };
      links.uOutPtr = Int32Array.from([0, 2, 3, 3]);
      links.uOutDst = Int32Array.from([1, 2, 2]);
      links.uOutCoef = Float64Array.from([0.75, 0.25, 1]);
      const k = new SweepKernel(links, Float64Array.from([0.5, 0.25, 0.25]), 8, {
        native: kind === 'native' ? nativeSweep : undefined,
      });
      expect(k.engine).toBe(kind);
      // Slots: the longest out-row first (firm 0, 2 links), then firm 1 (1 link), then firm 2 (none).
      expect(Array.from(k.firmAt)).toEqual([0, 1, 2]);
      const at = (i: number, l: number) => k.slotOf[i]! * 8 + l;
      // Lane 0: firm 2 lost 1. Lane 1: firm 1 lost 0.4, firm 2 lost 0.2; firm 0 is lane 1's firm.
      k.cur[at(2, 0)] = 1;
      k.cur[at(1, 1)] = 0.4;
      k.cur[at(2, 1)] = 0.2;
      k.pinned[k.slotOf[0]!] = 0b10;
      k.threshold = 0.3;
      k.sweep();
      expect([k.cur[at(0, 0)], k.cur[at(1, 0)], k.cur[at(2, 0)]]).toEqual([0.25, 1, 0]);
      expect([k.cur[at(0, 1)], k.cur[at(1, 1)], k.cur[at(2, 1)]]).toEqual([0, 0.2, 0]);
      expect(k.max[0]).toBe(1);
      expect(k.mass[0]).toBeCloseTo(0.5 * 0.25 + 0.25 * 1, 15);
      expect(k.max[1]).toBeCloseTo(0.2, 15);
      expect(k.mass[1]).toBeCloseTo(0.25 * 0.2, 15);
      // g = Λuᵀw = [0, 0.5·0.75, 0.5·0.25 + 0.25·1]; the look-ahead sum is Σ_j g_j next_j.
      expect(Array.from(k.g)).toEqual([0, 0.375, 0.375]);
      expect(k.ahead[0]).toBeCloseTo(0.375 * 1, 15);
      expect(k.ahead[1]).toBeCloseTo(0.375 * 0.2, 15);
      // Above 0.3 in some lane: firm 1 (1 in lane 0); firm 0 holds 0.25 at most.
      expect(Array.from(k.list.subarray(0, 2))).toEqual([1, k.slotOf[1]]);
    },
  );

  it('native sweep: refuses arguments that would reach outside its memory or network', () => {
    const native = nativeSweep;
    if (!native) return;
    const buffer = new ArrayBuffer(768);
    const ints = new Int32Array(buffer);
    // n = 2 firms: ptr at 0 = [0, 1, 2] (2 links), dst at 64 = [1, 0], coef at 128, then cur, next,
    // w, pinned, out (24 · lanes bytes), g and list.
    ints.set([0, 1, 2]);
    ints.set([1, 0], 16);
    const ok = [buffer, 8, 2, 0, 64, 128, 256, 384, 512, 528, 544, 736, 0.5, 752, -1] as const;
    const call = (...args: unknown[]) => (native.sweep as (...a: unknown[]) => void)(...args);
    expect(() => call(...ok)).not.toThrow();
    expect(() => call(...ok.slice(0, 14))).toThrow(/15 arguments/);
    // Running sums of 2 firms × 8 lanes (128 bytes) from 704 would end past the buffer's 768 bytes.
    expect(() => call(...ok.slice(0, 14), 704)).toThrow(/outside the memory/);
    expect(() => call(new Float64Array(4), ...ok.slice(1))).toThrow(/ArrayBuffer/);
    expect(() => call(buffer, 4, ...ok.slice(2))).toThrow(/8 or 16/);
    // With 16 lanes the outputs (24 · 16 bytes from 544) would end past the buffer's 768 bytes.
    expect(() => call(buffer, 16, ...ok.slice(2))).toThrow(/outside the memory/);
    expect(() => call(buffer, 8, 2, 1000, ...ok.slice(4))).toThrow(/ptr outside/);
    ints.set([2, 1, 0]);
    expect(() => call(...ok)).toThrow(/not a row pointer/);
    // A row that runs past the links, and a link to a firm that is not there.
    ints.set([0, 5, 2]);
    expect(() => call(...ok)).toThrow(/outside the network/);
    ints.set([0, 1, 2]);
    ints.set([1, 7], 16);
    expect(() => call(...ok)).toThrow(/outside the network/);
    ints.set([1, 0], 16);
    expect(() => call(...ok)).not.toThrow();
  });

  it('refuses lane counts it has no kernel for', () => {
    expect(() => sweepWat(6)).toThrow(/power of two/);
    const net = randomNetwork({ n: 3, links: 3, industries: 1, production: 'linear', seed: 1 });
    expect(() => new SweepKernel(net, net.sOut, 32 as 8)).toThrow(/no sweep kernel/);
  });
});
