/**
 * The lane sweep as WebAssembly text
 * ==================================
 *
 * One sweep of the firm-level walks (firm-lanes.ts): for every firm i, next[i] = Σ_j Λu[i,j] cur[j] in
 * each of L lanes (j runs over i's customers, the upstream out-row), a lane whose shocked firm is i
 * set to 0, and per lane the largest new entry (the step's upstream drop) and Σ_i w_i next[i] (the loss
 * the step adds). The lane values of a firm are stored side by side (at its slot, below), so one
 * link reads L values from one place; 128-bit SIMD does two lanes per instruction.
 *
 * Why WebAssembly: the JavaScript loop (kept in reference.ts) cannot use SIMD and pays bounds checks on
 * every read. Inside the solver, the sweeps here (4 lanes) took 3.4–4.5 times less time than the
 * JavaScript sweeps of 8 lanes, on the same firms of the benchmark network (bench/RESULTS.md).
 * The arithmetic is the same as the JavaScript loop's, in the same order (IEEE products and sums per
 * lane, no fused multiply-add), so both give identical bits; the tests compare them.
 *
 * This text is the source; `npm run build:kernel -w @chainbrain/engine` assembles it (wabt) into
 * binary.generated.ts, and a test checks that the two agree.
 *
 * Two by-products let the solver finish a lane one step early without sweeping that step
 * (firm-lanes.ts): per lane Σ_i g[i] next[i] with g = Λuᵀw (the next step's weighted sum, up to the
 * shocked firm's own row), and the list of the slots of firms whose new value exceeds `thr` in some lane (with thr
 * just under eps, only their suppliers' rows can come near eps in the next step).
 *
 * Firms live in slots, not at their index: slot k holds the firm whose upstream out-row the sweep
 * takes k-th (kernel.ts sorts the rows longest first: the link loop's exit then mispredicts far less
 * often), so the rows, w, g, pinned and both lane arrays all run in slot order and dst holds slots.
 * The sweep makes two passes. The first sums each row and stores it at its slot; the second reads
 * the slots in order and zeroes pinned lanes, keeps the per-lane maxima and sums and lists the slots
 * above `thr`. With rows by slot, both passes read and write in order (only the gathers through dst
 * jump), and the link loop carries none of the second pass's 3·L/2 accumulators. On the benchmark
 * network, a sweep alone took about a ninth less time than the one-pass loop over firm-indexed lane
 * arrays, which neither change gave alone (bench/RESULTS.md, sixteenth session). Each row's sum and
 * the order of the per-lane sums are those of the one-pass loop, so the bits are too.
 *
 * Function `sweep(n, ptr, dst, coef, cur, next, w, pinned, out, g, thr, list)`; every pointer is a
 * byte offset in the imported memory, and every per-firm array is in slot order: ptr i32[n+1], dst
 * i32[m] (slots), coef f64[m] (the CSR upstream out-rows), cur and next f64[n·L] (slot k, lane l at
 * k·L + l), w f64[n], pinned u32[n] (bit l set: the slot's firm is the shocked firm of lane l),
 * out f64[3L] (receives the L maxima, the L weighted sums, then the L sums weighted by g), g f64[n],
 * thr an f64, list i32[n+1] (receives the number of listed slots, then the slots in order).
 *
 * Function `accumulate(sums, cur, bytes)` adds cur to sums value by value (f64[n·L] each): the running
 * sums Σ_s v_s of lanes that run both channels (downstream-lanes.ts), whose combined ESRI needs every
 * firm's upstream loss.
 */

/** Lane counts for which binary.generated.ts holds a kernel. */
export const KERNEL_LANES = [2, 4, 8, 16] as const;
export type KernelLanes = (typeof KERNEL_LANES)[number];

export function sweepWat(lanes: number): string {
  if (!Number.isInteger(Math.log2(lanes)) || lanes < 2 || lanes > 32) {
    throw new Error(`lanes must be a power of two from 2 to 32, got ${lanes}`);
  }
  const pairs = Array.from({ length: lanes / 2 }, (_, p) => p);
  const slotShift = Math.log2(lanes * 8);
  const each = (f: (p: number) => string, sep = '\n') => pairs.map(f).join(sep);
  const slotAddress = (base: string, shift: number) =>
    `(i32.add (local.get ${base}) (i32.shl (local.get $k) (i32.const ${shift})))`;
  return `(module
  (import "env" "memory" (memory 1 65536))
  (func (export "sweep")
    (param $n i32) (param $ptr i32) (param $dst i32) (param $coef i32) (param $cur i32) (param $next i32)
    (param $w i32) (param $pinned i32) (param $out i32) (param $g i32) (param $thr f64) (param $list i32)
    (local $k i32) (local $e i32) (local $b i32) (local $o i32) (local $pin i32)
    (local $count i32) (local $c v128) (local $wi v128) (local $gi v128) (local $thrs v128)
    (local $pd i32) (local $pc i32) (local $endd i32)
${each((p) => `    (local $acc${p} v128) (local $max${p} v128) (local $sum${p} v128) (local $ahead${p} v128)`)}
    ;; Pass 1: every row's sums, stored at its slot.
    (local.set $e (i32.load (local.get $ptr)))
    (local.set $pd (i32.add (local.get $dst) (i32.shl (local.get $e) (i32.const 2))))
    (local.set $pc (i32.add (local.get $coef) (i32.shl (local.get $e) (i32.const 3))))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $k) (local.get $n)))
${each((p) => `        (local.set $acc${p} (v128.const i64x2 0 0))`)}
        (local.set $endd (i32.add (local.get $dst)
          (i32.shl (i32.load offset=4 ${slotAddress('$ptr', 2)}) (i32.const 2))))
        (block $linksDone
          (loop $links
            (br_if $linksDone (i32.ge_u (local.get $pd) (local.get $endd)))
            (local.set $b (i32.add (local.get $cur) (i32.shl (i32.load (local.get $pd)) (i32.const ${slotShift}))))
            (local.set $c (v128.load64_splat (local.get $pc)))
${each((p) => `            (local.set $acc${p} (f64x2.add (local.get $acc${p}) (f64x2.mul (local.get $c) (v128.load offset=${16 * p} (local.get $b)))))`)}
            (local.set $pd (i32.add (local.get $pd) (i32.const 4)))
            (local.set $pc (i32.add (local.get $pc) (i32.const 8)))
            (br $links)))
        (local.set $o ${slotAddress('$next', slotShift)})
${each((p) => `        (v128.store offset=${16 * p} (local.get $o) (local.get $acc${p}))`)}
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $rows)))
    ;; Pass 2: pinned lanes to 0, then the per-lane maxima and sums and the list, slot by slot.
    (local.set $thrs (f64x2.splat (local.get $thr)))
    (local.set $k (i32.const 0))
    (block $slotsDone
      (loop $slots
        (br_if $slotsDone (i32.ge_u (local.get $k) (local.get $n)))
        (local.set $o ${slotAddress('$next', slotShift)})
${each((p) => `        (local.set $acc${p} (v128.load offset=${16 * p} (local.get $o)))`)}
        (local.set $pin (i32.load ${slotAddress('$pinned', 2)}))
        (if (local.get $pin)
          (then
${Array.from(
  { length: lanes },
  (_, l) =>
    `            (if (i32.and (local.get $pin) (i32.const ${2 ** l})) (then (local.set $acc${l >> 1} (f64x2.replace_lane ${l & 1} (local.get $acc${l >> 1}) (f64.const 0)))))`,
).join('\n')}
${each((p) => `            (v128.store offset=${16 * p} (local.get $o) (local.get $acc${p}))`)}))
        (local.set $wi (v128.load64_splat ${slotAddress('$w', 3)}))
${each(
  (
    p,
  ) => `        (local.set $sum${p} (f64x2.add (local.get $sum${p}) (f64x2.mul (local.get $wi) (local.get $acc${p}))))
        (local.set $max${p} (f64x2.pmax (local.get $max${p}) (local.get $acc${p})))`,
)}
        (local.set $gi (v128.load64_splat ${slotAddress('$g', 3)}))
${each((p) => `        (local.set $ahead${p} (f64x2.add (local.get $ahead${p}) (f64x2.mul (local.get $gi) (local.get $acc${p}))))`)}
        (if (v128.any_true ${pairs.reduce((e, p) => (p === 0 ? `(f64x2.gt (local.get $acc0) (local.get $thrs))` : `(v128.or ${e} (f64x2.gt (local.get $acc${p}) (local.get $thrs)))`), '')})
          (then
            (local.set $count (i32.add (local.get $count) (i32.const 1)))
            (i32.store (i32.add (local.get $list) (i32.shl (local.get $count) (i32.const 2))) (local.get $k))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $slots)))
${each((p) => `    (v128.store offset=${16 * p} (local.get $out) (local.get $max${p}))`)}
${each((p) => `    (v128.store offset=${lanes * 8 + 16 * p} (local.get $out) (local.get $sum${p}))`)}
${each((p) => `    (v128.store offset=${lanes * 16 + 16 * p} (local.get $out) (local.get $ahead${p}))`)}
    (i32.store (local.get $list) (local.get $count)))
  ;; sums[k] += cur[k] for the n·L values: the walks' running sums, for lanes with both channels.
  (func (export "accumulate") (param $sums i32) (param $cur i32) (param $bytes i32)
    (local $o i32)
    (block $done
      (loop $values
        (br_if $done (i32.ge_u (local.get $o) (local.get $bytes)))
        (v128.store (i32.add (local.get $sums) (local.get $o))
          (f64x2.add (v128.load (i32.add (local.get $sums) (local.get $o)))
            (v128.load (i32.add (local.get $cur) (local.get $o)))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $values)))))
`;
}
