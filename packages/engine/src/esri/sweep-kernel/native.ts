/**
 * The optional native lane kernels (ADR 0023): an addon built from packages/native-sweep/ (sweep.cc, the
 * upstream sweep; down-step.cc, the downstream lane step) on the machine that runs it. The engine
 * never builds it; a caller that has one passes its path (EsriPool's `nativeSweep`) or the loaded
 * module (LaneKernelOptions.native). It computes the WebAssembly kernels' bits on the same memory,
 * eight or sixteen lanes at a time.
 */
import { createRequire } from 'node:module';
import type { SweepFn } from './kernel.js';

export type NativeSweepModule = {
  /** Width of the vectors it was compiled for: 512 with AVX-512. */
  readonly vectorBits: number;
  /**
   * wat.ts's `sweep`, on `memory`, with the lane count first; with `sums` (an offset, -1 for none) it
   * also adds the new values to the running sums there, as wat.ts's `accumulate` would after it.
   */
  sweep(memory: ArrayBuffer, lanes: number, ...args: [...Parameters<SweepFn>, sums: number]): void;
  /**
   * One downstream lane step (downstream-lanes.ts; down-step.cc): the availability sums, the damage and
   * the rows, on `memory`. `table` is the offset of the step's other array offsets (DOWN_STEP_TABLE's
   * order), `hd` and `next` those of the lane arrays, which trade places between steps.
   */
  down(
    memory: ArrayBuffer,
    lanes: number,
    n: number,
    markets: number,
    substitution: 0 | 1,
    floor: number,
    block: number,
    table: number,
    hd: number,
    next: number,
  ): void;
};

/** The arrays whose offsets the native downstream step reads from its table, in the table's order. */
export const DOWN_STEP_TABLE = [
  'dmg',
  'market',
  'sOut',
  'avail',
  'ptr',
  'mid',
  'src',
  'coef',
  'pinned',
  'drop',
  'slotOf',
  'firmMarket',
  'firmSOut',
  'stamp',
  'list',
  'partial',
] as const;

/** Lane counts the native sweep has (one or two 512-bit vectors per firm). */
export const NATIVE_SWEEP_LANES = [8, 16] as const;

/**
 * Eight lanes: on the benchmark network they took 0.878 of the lane time of four WebAssembly lanes
 * inside the solver (18 of 18 chunk pairs), and sixteen 1.30 times that of eight (bench/RESULTS.md).
 */
export const NATIVE_SWEEP_DEFAULT_LANES = 8;

export function loadNativeSweep(path: string): NativeSweepModule {
  const loaded = createRequire(import.meta.url)(path) as Partial<NativeSweepModule>;
  if (typeof loaded.sweep !== 'function' || typeof loaded.down !== 'function' || loaded.vectorBits !== 512) {
    throw new Error(`${path} is not a native sweep built for AVX-512 / 不是 AVX-512 原生扫描模块`);
  }
  return loaded as NativeSweepModule;
}
