/**
 * The dense rows of one scenario as WebAssembly text
 * ==================================================
 *
 * Two functions over the firms from..to, each the dense reference's row (dense-rows.ts):
 *
 * - `down(from, to, ptr, src, coef, gptr, dmg, cap, sums, out)`: downstreamValue, the least of
 *   cap[i] and 1 − Σ Λd·dmg over each of firm i's rating-2 input groups and over its rating-1 links,
 *   clamped at 0, into out[i], and every group's sum into sums (firm i's groups from gptr[i] on, the
 *   rating-1 one last);
 * - `up(from, to, ptr, dst, coef, hu, cap, out)`: upstreamValue, max(0, min(cap[i], 1 − Σ Λu·(1 − hu)))
 *   over firm i's upstream out-row, into out[i].
 *
 * Why: dense steps are most of a large scenario's time (on the 1M-firm benchmark network a dense
 * downstream step took 106 ms and an upstream one 61 ms in JavaScript, these 67 and 43 ms with the
 * first version of `down`, and `down` now a median 0.70 of that). The JavaScript downstream loop
 * mispredicts the end of almost every group (1.9 rating-2 links a group on average). Here a row's
 * rated links are one loop: bit 31 of a rating-2 link's supplier index marks its group's last link,
 * and there, with masks instead of branches, the least value takes 1 − the sum and the sum starts
 * again from +0. Rating-1 links carry no mark, so after the loop the sum is the rating-1 group's (+0
 * without such links), and the row ends as the reference's does.
 *
 * Why masks in v128 values: the first version did the same with scalar `select` on f64 values, which
 * ran like the branch it was meant to avoid (V8 has no conditional move for floating-point registers
 * on x64; the same rows took 1.5 times as long as with masks, bench/RESULTS.md, twenty-second
 * session). The sum and the least value live in both lanes of a v128; the mask is all ones on a
 * group's last link (the sign of the supplier index, spread); `f64x2.pmin(v, p)` is exactly
 * `p < v ? p : v`, and other links compare with +∞, which never wins.
 *
 * Same arithmetic in the same order as the JavaScript loops (IEEE products and sums, `p < v ? p : v`,
 * `Math.max(v, 0)`, no fused multiply-add), so the same bits; the tests compare them. (Only a NaN's
 * sign bit may differ, as it did with the first version: a valid network makes no NaN, and the values
 * are equal under Object.is.) One firm's links at a time, as in the reference.
 *
 * Pointers are byte offsets in the imported (shared) memory. down: ptr i32[n+1], src i32[md]
 * (supplier index, bit 31 on a rating-2 group's last link), coef f64[md] (the network's dIn rows),
 * gptr i32[n+1] (dGroupPtr), dmg, cap and out f64[n], sums f64[groups]. up: ptr i32[n+1], dst
 * i32[m], coef f64[m] (the network's uOut rows), hu, cap and out f64[n].
 */
export function denseWat(): string {
  const at = (base: string, index: string, shift: number) =>
    `(i32.add (local.get ${base}) (i32.shl ${index} (i32.const ${shift})))`;
  const link = (src: string) =>
    `(f64.mul (f64.load ${at('$coef', '(local.get $e)', 3)}) (f64.load ${at('$dmg', src, 3)}))`;
  return `(module
  (import "env" "memory" (memory 1 65536 shared))
  (func (export "down")
    (param $from i32) (param $to i32) (param $ptr i32) (param $src i32) (param $coef i32)
    (param $gptr i32) (param $dmg i32) (param $cap i32) (param $sums i32) (param $out i32)
    (local $i i32) (local $e i32) (local $end i32) (local $x i32) (local $g i32)
    (local $v f64) (local $sum v128) (local $least v128) (local $last v128)
    (local.set $i (local.get $from))
    (block $firmsDone
      (loop $firms
        (br_if $firmsDone (i32.ge_u (local.get $i) (local.get $to)))
        (local.set $e (i32.load ${at('$ptr', '(local.get $i)', 2)}))
        (local.set $end (i32.load offset=4 ${at('$ptr', '(local.get $i)', 2)}))
        ;; $g: the byte address of the group the links below add to.
        (local.set $g (i32.add (local.get $sums) (i32.shl (i32.load ${at('$gptr', '(local.get $i)', 2)}) (i32.const 3))))
        (local.set $least (v128.load64_splat ${at('$cap', '(local.get $i)', 3)}))
        (local.set $sum (v128.const i64x2 0 0))
        ;; The running sum is stored at its group's slot on every link (the last store leaves the
        ;; group's sum); on a group's last link ($last all ones) the least value takes 1 − sum and the
        ;; sum starts again from +0.
        (block $linksDone
          (loop $links
            (br_if $linksDone (i32.ge_u (local.get $e) (local.get $end)))
            (local.set $x (i32.load ${at('$src', '(local.get $e)', 2)}))
            (local.set $sum (f64x2.add (local.get $sum) (f64x2.splat ${link('(i32.and (local.get $x) (i32.const 0x7fffffff))')})))
            (v128.store64_lane 0 (local.get $g) (local.get $sum))
            (local.set $g (i32.add (local.get $g) (i32.shl (i32.shr_u (local.get $x) (i32.const 31)) (i32.const 3))))
            (local.set $last (i32x4.splat (i32.shr_s (local.get $x) (i32.const 31))))
            (local.set $least (f64x2.pmin (local.get $least)
              (v128.bitselect (f64x2.sub (v128.const f64x2 1 1) (local.get $sum)) (v128.const f64x2 inf inf)
                (local.get $last))))
            (local.set $sum (v128.andnot (local.get $sum) (local.get $last)))
            (local.set $e (i32.add (local.get $e) (i32.const 1)))
            (br $links)))
        ;; The rating-1 group: the row's last.
        (v128.store64_lane 0 (local.get $g) (local.get $sum))
        (local.set $v (f64x2.extract_lane 0 (f64x2.pmin (local.get $least)
          (f64x2.sub (v128.const f64x2 1 1) (local.get $sum)))))
        ;; Math.max(v, 0): +0 for v ≤ 0 (−0 too), v itself otherwise, NaN included (rarely taken, so
        ;; a scalar select, unlike the group ends, costs nothing here).
        (f64.store ${at('$out', '(local.get $i)', 3)}
          (select (f64.const 0) (local.get $v) (f64.le (local.get $v) (f64.const 0))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $firms))))
  (func (export "up")
    (param $from i32) (param $to i32) (param $ptr i32) (param $dst i32) (param $coef i32) (param $hu i32)
    (param $cap i32) (param $out i32)
    (local $i i32) (local $e i32) (local $end i32) (local $s f64) (local $v f64) (local $c f64)
    (local.set $i (local.get $from))
    (local.set $e (i32.load ${at('$ptr', '(local.get $i)', 2)}))
    (block $firmsDone
      (loop $firms
        (br_if $firmsDone (i32.ge_u (local.get $i) (local.get $to)))
        (local.set $end (i32.load offset=4 ${at('$ptr', '(local.get $i)', 2)}))
        (local.set $s (f64.const 0))
        (block $linksDone
          (loop $links
            (br_if $linksDone (i32.ge_u (local.get $e) (local.get $end)))
            (local.set $s (f64.add (local.get $s) (f64.mul (f64.load ${at('$coef', '(local.get $e)', 3)})
              (f64.sub (f64.const 1) (f64.load ${at('$hu', `(i32.load ${at('$dst', '(local.get $e)', 2)})`, 3)})))))
            (local.set $e (i32.add (local.get $e) (i32.const 1)))
            (br $links)))
        (local.set $v (f64.sub (f64.const 1) (local.get $s)))
        (local.set $c (f64.load ${at('$cap', '(local.get $i)', 3)}))
        (local.set $v (select (local.get $c) (local.get $v) (f64.lt (local.get $c) (local.get $v))))
        (f64.store ${at('$out', '(local.get $i)', 3)}
          (select (f64.const 0) (local.get $v) (f64.le (local.get $v) (f64.const 0))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $firms)))))
`;
}
