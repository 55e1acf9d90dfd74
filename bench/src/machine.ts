// A fingerprint of the machine, to put beside benchmark figures: the sessions' machines differ by up
// to four times for the same code (RESULTS.md, "Machine"), and these four numbers tell which of the
// engine's costs moved. Each is the best of five rounds (the least disturbed by other work).
// Usage: node --import tsx bench/src/machine.ts
import { mulberry32 } from './generate.js';

const rounds = 5;
const best = (f: () => number) => Math.min(...Array.from({ length: rounds }, f));
const time = (f: () => void) => {
  const t = performance.now();
  f();
  return performance.now() - t;
};
let sink = 0;

// 1. Arithmetic: a chain of dependent multiply-adds (latency, no memory).
const chainOps = 20_000_000;
const arithmeticNs =
  best(() =>
    time(() => {
      let x = 0.5;
      for (let k = 0; k < chainOps; k++) x = x * 0.999999 + 1e-7;
      sink += x;
    }),
  ) *
  (1e6 / chainOps);

// 2. Streaming read of 256 MB (what the dense rows and sweeps do to their link arrays).
const big = new Float64Array(32 * 1024 * 1024).fill(1);
const streamGBs =
  big.byteLength /
  1e6 /
  best(() =>
    time(() => {
      // Four sums, so that the adds' latency does not bound the loop.
      let [a, b, c, d] = [0, 0, 0, 0];
      for (let k = 0; k < big.length; k += 4) {
        a += big[k]!;
        b += big[k + 1]!;
        c += big[k + 2]!;
        d += big[k + 3]!;
      }
      sink += a + b + c + d;
    }),
  );

// 3 and 4. Scattered reads, independent of each other, in a window that fits in L2 (256 KB) and in
// one that does not (256 MB): what a sparse walk pays per link.
const r = mulberry32(7);
const picks = Int32Array.from({ length: 4_000_000 }, () => Math.floor(r() * big.length));
const gather = (mask: number) =>
  best(() =>
    time(() => {
      let [a, b] = [0, 0];
      for (let k = 0; k < picks.length; k += 2) {
        a += big[picks[k]! & mask]!;
        b += big[picks[k + 1]! & mask]!;
      }
      sink += a + b;
    }),
  ) *
  (1e6 / picks.length);
const scatteredCacheNs = gather(32 * 1024 - 1);
const scatteredMemoryNs = gather(big.length - 1);

console.log(
  JSON.stringify({
    date: new Date().toISOString(),
    arithmeticNsPerOp: +arithmeticNs.toFixed(3),
    streamGBs: +streamGBs.toFixed(1),
    scatteredCacheNs: +scatteredCacheNs.toFixed(2),
    scatteredMemoryNs: +scatteredMemoryNs.toFixed(2),
    check: sink > 0,
  }),
);
