// A sweep alone (the firm-level lanes' upstream pass, sweep-kernel/wat.ts) with its lane values stored
// in other ways, on the 100k-firm benchmark network; timing only, the values are random.
//
// Why: a sweep gathers each link's customer values (lanes × 8 bytes) from an array of n × lanes × 8
// bytes, and on the benchmark network that gather is about half of it. Two questions:
// - Would f32 storage (sums still in f64, each stored value rounded once) make it cheaper? Its error
//   is relative (about s·2⁻²⁴ after s steps), so a per-firm bound with a fallback could keep the 1e-9
//   contract for most firms; that is only worth designing if the gathers of half the bytes are faster.
// - How small must the gathered array be to stay in the cache while the links stream past? The
//   customer indices are folded (index mod K) into the first K slots, which changes the values but
//   not the work.
// Variants alternate round by round in one process; the median per-lane ratio to the kept kernel
// (f64, 4 lanes) over the rounds is printed last.
//
// Usage: node --import tsx bench/src/sweep-storage.ts [rounds]
import { CascadeWorkspace, firmSolvers, normalizeWeights } from '@chainbrain/engine';
import { instantiateKernel, wasmMemory } from '../../packages/engine/src/esri/sweep-kernel/kernel.js';
import { sweepWat } from '../../packages/engine/src/esri/sweep-kernel/wat.js';
import { buildGeneratedNetwork, generateNetwork, mulberry32 } from './generate.js';

const n = 100_000;
const net = buildGeneratedNetwork(generateNetwork({ firms: n, links: 10 * n, industries: 200 }));
const w = normalizeWeights(net.sOut, n);
const solvers = firmSolvers(new CascadeWorkspace(net), w, { eps: 1e-2, substitution: true });
if (!solvers) throw new Error('no solvers');
const k0 = solvers.lanes.kernel;
const { rowPtr, rowDst, rowCoef } = k0;
const m = rowDst.length;

/** The kept kernel's two passes with f32 lane values: each gather promoted to f64, each row's sums demoted
 * once when stored. No pinned lanes and no list (timing only). The loop skeleton repeats wat.ts's on
 * purpose: the variant must differ from it only in how values are loaded and stored. */
function f32Wat(lanes: number): string {
  const pairs = Array.from({ length: lanes / 2 }, (_, p) => p);
  const quads = Array.from({ length: lanes / 4 }, (_, q) => q);
  const shift = Math.log2(lanes * 4);
  const each = (f: (p: number) => string) => pairs.map(f).join('\n');
  const eachQ = (f: (q: number) => string) => quads.map(f).join('\n');
  const hi = (v: string) => `(i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 ${v} ${v})`;
  return `(module
  (import "env" "memory" (memory 1 65536))
  (func (export "sweep")
    (param $n i32) (param $ptr i32) (param $dst i32) (param $coef i32) (param $cur i32) (param $next i32)
    (param $w i32) (param $out i32) (param $g i32)
    (local $k i32) (local $e i32) (local $b i32) (local $o i32) (local $c v128) (local $wi v128) (local $gi v128)
    (local $pd i32) (local $pc i32) (local $endd i32)
${eachQ((q) => `    (local $v${q} v128)`)}
${each((p) => `    (local $acc${p} v128) (local $max${p} v128) (local $sum${p} v128) (local $ahead${p} v128)`)}
    (local.set $e (i32.load (local.get $ptr)))
    (local.set $pd (i32.add (local.get $dst) (i32.shl (local.get $e) (i32.const 2))))
    (local.set $pc (i32.add (local.get $coef) (i32.shl (local.get $e) (i32.const 3))))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $k) (local.get $n)))
${each((p) => `        (local.set $acc${p} (v128.const i64x2 0 0))`)}
        (local.set $endd (i32.add (local.get $dst)
          (i32.shl (i32.load offset=4 (i32.add (local.get $ptr) (i32.shl (local.get $k) (i32.const 2)))) (i32.const 2))))
        (block $linksDone
          (loop $links
            (br_if $linksDone (i32.ge_u (local.get $pd) (local.get $endd)))
            (local.set $b (i32.add (local.get $cur) (i32.shl (i32.load (local.get $pd)) (i32.const ${shift}))))
            (local.set $c (v128.load64_splat (local.get $pc)))
${eachQ((q) => `            (local.set $v${q} (v128.load offset=${16 * q} (local.get $b)))`)}
${each((p) => `            (local.set $acc${p} (f64x2.add (local.get $acc${p}) (f64x2.mul (local.get $c) (f64x2.promote_low_f32x4 ${p % 2 === 0 ? `(local.get $v${p >> 1})` : hi(`(local.get $v${p >> 1})`)}))))`)}
            (local.set $pd (i32.add (local.get $pd) (i32.const 4)))
            (local.set $pc (i32.add (local.get $pc) (i32.const 8)))
            (br $links)))
        (local.set $o (i32.add (local.get $next) (i32.shl (local.get $k) (i32.const ${shift}))))
${eachQ((q) => `        (v128.store offset=${16 * q} (local.get $o) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (f32x4.demote_f64x2_zero (local.get $acc${2 * q})) (f32x4.demote_f64x2_zero (local.get $acc${2 * q + 1}))))`)}
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $rows)))
    (local.set $k (i32.const 0))
    (block $slotsDone
      (loop $slots
        (br_if $slotsDone (i32.ge_u (local.get $k) (local.get $n)))
        (local.set $o (i32.add (local.get $next) (i32.shl (local.get $k) (i32.const ${shift}))))
${eachQ((q) => `        (local.set $v${q} (v128.load offset=${16 * q} (local.get $o)))`)}
${each((p) => `        (local.set $acc${p} (f64x2.promote_low_f32x4 ${p % 2 === 0 ? `(local.get $v${p >> 1})` : hi(`(local.get $v${p >> 1})`)}))`)}
        (local.set $wi (v128.load64_splat (i32.add (local.get $w) (i32.shl (local.get $k) (i32.const 3)))))
        (local.set $gi (v128.load64_splat (i32.add (local.get $g) (i32.shl (local.get $k) (i32.const 3)))))
${each(
  (
    p,
  ) => `        (local.set $sum${p} (f64x2.add (local.get $sum${p}) (f64x2.mul (local.get $wi) (local.get $acc${p}))))
        (local.set $max${p} (f64x2.pmax (local.get $max${p}) (local.get $acc${p})))
        (local.set $ahead${p} (f64x2.add (local.get $ahead${p}) (f64x2.mul (local.get $gi) (local.get $acc${p}))))`,
)}
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $slots)))
${each((p) => `    (v128.store offset=${16 * p} (local.get $out) (local.get $max${p}))`)}
${each((p) => `    (v128.store offset=${lanes * 8 + 16 * p} (local.get $out) (local.get $sum${p}))`)}
${each((p) => `    (v128.store offset=${lanes * 16 + 16 * p} (local.get $out) (local.get $ahead${p}))`)}))
`;
}

async function assemble(text: string): Promise<string> {
  const { default: initWabt } = await import('wabt');
  const wabt = await initWabt();
  const mod = wabt.parseWat('sweep.wat', text, { simd: true });
  try {
    mod.validate();
    return Buffer.from(mod.toBinary({}).buffer).toString('base64');
  } finally {
    mod.destroy();
  }
}

/** `check`: whether the f32 kernel's rows equal a plain loop's (f64 sums of the promoted values, each
 * demoted once) for every slot. */
type Variant = { name: string; lanes: number; run: () => void; check?: () => boolean };
async function variant(name: string, lanes: number, bytes: 4 | 8, fold = n): Promise<Variant> {
  const mem = wasmMemory({
    ptr: 4 * (n + 1),
    dst: 4 * m,
    coef: 8 * m,
    cur: bytes * n * lanes,
    next: bytes * n * lanes,
    w: 8 * n,
    g: 8 * n,
    pinned: 4 * n,
    out: 24 * lanes,
    list: 4 * (n + 1),
  });
  if (!mem) throw new Error('no WebAssembly memory');
  const { at, buffer: buf } = mem;
  new Int32Array(buf, at.ptr, n + 1).set(rowPtr);
  new Int32Array(buf, at.dst, m).set(rowDst.map((d) => d % fold));
  new Float64Array(buf, at.coef, m).set(rowCoef);
  const r = mulberry32(5);
  const values = Float64Array.from({ length: n * lanes }, () => 10 ** -(3 + 9 * r()));
  if (bytes === 8) new Float64Array(buf, at.cur, n * lanes).set(values);
  else new Float32Array(buf, at.cur, n * lanes).set(values);
  new Float64Array(buf, at.w, n).fill(1 / n);
  new Float64Array(buf, at.g, n).fill(1 / n);
  const code = await assemble(bytes === 8 ? sweepWat(lanes) : f32Wat(lanes));
  const exports = instantiateKernel(new Map(), lanes, code, mem.memory);
  if (!exports) throw new Error('no WebAssembly SIMD');
  const sweep = exports.sweep as (...args: number[]) => void;
  const run =
    bytes === 8
      ? () => sweep(n, at.ptr, at.dst, at.coef, at.cur, at.next, at.w, at.pinned, at.out, at.g, 1e9, at.list)
      : () => sweep(n, at.ptr, at.dst, at.coef, at.cur, at.next, at.w, at.out, at.g);
  const check = () => {
    const cur = new Float32Array(buf, at.cur, n * lanes);
    const next = new Float32Array(buf, at.next, n * lanes);
    const dst = new Int32Array(buf, at.dst, m);
    for (let k = 0; k < n; k++) {
      for (let l = 0; l < lanes; l++) {
        let sum = 0;
        for (let e = rowPtr[k]!; e < rowPtr[k + 1]!; e++) sum += rowCoef[e]! * cur[dst[e]! * lanes + l]!;
        if (Math.fround(sum) !== next[k * lanes + l]) return false;
      }
    }
    return true;
  };
  return { name, lanes, run, ...(bytes === 4 ? { check } : {}) };
}

const variants = [
  await variant('f64x4', 4, 8),
  await variant('f32x4', 4, 4),
  await variant('f32x8', 8, 4),
  await variant('f64x8', 8, 8),
  await variant('f64x4 in 4096', 4, 8, 4096),
  await variant('f64x4 in 50000', 4, 8, 50000),
  await variant('f64x4 in 25000', 4, 8, 25000),
  await variant('f64x4 in 12500', 4, 8, 12500),
  await variant('f32x4 in 25000', 4, 4, 25000),
];
for (const v of variants) for (let i = 0; i < 5; i++) v.run();
const rounds = Number(process.argv[2] ?? 30);
const times: Record<string, number[]> = Object.fromEntries(variants.map((v) => [v.name, []]));
for (let rd = 0; rd < rounds; rd++) {
  for (const v of rd % 2 ? [...variants].reverse() : variants) {
    const t = performance.now();
    for (let i = 0; i < 5; i++) v.run();
    times[v.name]!.push((performance.now() - t) / 5);
  }
}
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
for (const v of variants) {
  const t = med(times[v.name]!);
  console.log(v.name, 'ms/sweep', t.toFixed(3), 'ns/lane-link', ((t * 1e6) / m / v.lanes).toFixed(3));
}
for (const v of variants) if (v.check) console.log(v.name, 'rows as a plain loop gives them:', v.check());
const base = times.f64x4!;
for (const v of variants.slice(1)) {
  const ratios = times[v.name]!.map((t, i) => t / v.lanes / (base[i]! / 4));
  console.log(v.name, 'per-lane ratio to f64x4 (median of rounds)', med(ratios).toFixed(3));
}
