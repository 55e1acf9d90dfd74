/**
 * The downstream lane step as WebAssembly text
 * ============================================
 *
 * One dense downstream step of L firms at once (downstream-lanes.ts), in two functions over firm
 * indices (not slots: the step's input rows are the network's dIn rows in index order):
 *
 * - `damage(n, hd, dmg, market, sOut, avail, subst)`: dmg[j·L+l] = 0 where hd = 1, else
 *   σ·(1 − hd) with σ = 1 without substitution, else min(s_out(j) / avail, 1), or 1 when the
 *   availability is at most AVAIL_FLOOR (substitution.ts, supplierDamage);
 * - `rows(n, ptr, mid, src, coef, dmg, hd, next, pinned, drop)`: for every firm i, in each lane,
 *   min over its rating-2 input groups and its rating-1 group of 1 − Σ Λd·dmg, clamped at 0
 *   (dense-rows.ts, downstreamValue), 0 for the lane's shocked firm (pinned), into next; and per lane
 *   the largest hd − next (the step's drop) into drop. A group's end is bit 31 of its last link's
 *   supplier index, and updates the lanes' least values without a branch (as in dense-wat.ts: the
 *   branch per group cost the JavaScript-shaped loop a misprediction about every group).
 *
 * Every operation is the JavaScript loop's (downstream-lanes.ts) in the same order: IEEE products and
 * sums, f64x2.pmin and pmax for its comparisons (`p < v ? p : v`), no fused multiply-add. So both give
 * the dense reference's bits; the tests compare them.
 *
 * Pointers are byte offsets in the imported memory: ptr i32[n+1], mid i32[n], src i32[md] (bit 31
 * on a rating-2 group's last link), coef f64[md] (the network's dIn rows), market i32[n], sOut f64[n], avail f64[markets·L],
 * hd, next and dmg f64[n·L] (firm i, lane l at i·L + l), pinned u32[n], drop f64[L].
 */

import { AVAIL_FLOOR } from '../substitution.js';

export function downWat(lanes: number): string {
  if (!Number.isInteger(Math.log2(lanes)) || lanes < 2 || lanes > 32) {
    throw new Error(`lanes must be a power of two from 2 to 32, got ${lanes}`);
  }
  const pairs = Array.from({ length: lanes / 2 }, (_, p) => p);
  const shift = Math.log2(lanes * 8);
  const each = (f: (p: number) => string) => pairs.map(f).join('\n');
  const load = (base: string, p: number) => `(v128.load offset=${16 * p} (local.get ${base}))`;
  return `(module
  (import "env" "memory" (memory 1 65536))
  (func (export "damage")
    (param $n i32) (param $hd i32) (param $dmg i32) (param $market i32) (param $sOut i32) (param $avail i32)
    (param $subst i32)
    (local $j i32) (local $o i32) (local $a i32) (local $h v128) (local $s v128) (local $av v128)
    (local $one v128) (local $floor v128) (local $so v128)
    (local.set $one (f64x2.splat (f64.const 1)))
    (local.set $floor (f64x2.splat (f64.const ${AVAIL_FLOOR})))
    (local.set $s (local.get $one))
    (block $done
      (loop $firms
        (br_if $done (i32.ge_u (local.get $j) (local.get $n)))
        (local.set $o (i32.shl (local.get $j) (i32.const ${shift})))
        (if (local.get $subst)
          (then
            (local.set $a (i32.add (local.get $avail)
              (i32.shl (i32.load (i32.add (local.get $market) (i32.shl (local.get $j) (i32.const 2)))) (i32.const ${shift}))))
            (local.set $so (v128.load64_splat (i32.add (local.get $sOut) (i32.shl (local.get $j) (i32.const 3)))))))
${each(
  (p) => `        (local.set $h (v128.load offset=${16 * p} (i32.add (local.get $hd) (local.get $o))))
        (if (local.get $subst)
          (then
            (local.set $av (v128.load offset=${16 * p} (local.get $a)))
            (local.set $s (v128.bitselect (local.get $one)
              (f64x2.pmin (local.get $one) (f64x2.div (local.get $so) (local.get $av)))
              (f64x2.le (local.get $av) (local.get $floor))))))
        (v128.store offset=${16 * p} (i32.add (local.get $dmg) (local.get $o))
          (v128.and (f64x2.lt (local.get $h) (local.get $one))
            (f64x2.mul (local.get $s) (f64x2.sub (local.get $one) (local.get $h)))))`,
)}
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $firms))))
  (func (export "rows")
    (param $n i32) (param $ptr i32) (param $mid i32) (param $src i32) (param $coef i32)
    (param $dmg i32) (param $hd i32) (param $next i32) (param $pinned i32) (param $drop i32)
    (local $i i32) (local $e i32) (local $m i32) (local $end i32) (local $x i32) (local $b i32)
    (local $o i32) (local $pin i32) (local $c v128) (local $one v128) (local $zero v128) (local $last v128)
${each((p) => `    (local $v${p} v128) (local $acc${p} v128) (local $d${p} v128)`)}
    (local.set $one (f64x2.splat (f64.const 1)))
    (block $firmsDone
      (loop $firms
        (br_if $firmsDone (i32.ge_u (local.get $i) (local.get $n)))
        ;; e, m, end: byte offsets of the row's links in the i32 arrays (coef at twice them).
        (local.set $e (i32.shl (i32.load (i32.add (local.get $ptr) (i32.shl (local.get $i) (i32.const 2)))) (i32.const 2)))
        (local.set $end (i32.shl (i32.load offset=4 (i32.add (local.get $ptr) (i32.shl (local.get $i) (i32.const 2)))) (i32.const 2)))
        (local.set $m (i32.shl (i32.load (i32.add (local.get $mid) (i32.shl (local.get $i) (i32.const 2)))) (i32.const 2)))
${each(
  (p) => `        (local.set $v${p} (local.get $one))
        (local.set $acc${p} (local.get $zero))`,
)}
        ;; Rating-2 links, without a branch per group: bit 31 of the supplier slot marks a group's last
        ;; link, where each lane's least value takes 1 − its sum (pmin, as p < v ? p : v) and the sum
        ;; starts again from +0.
        (block $groupsDone
          (loop $groups
            (br_if $groupsDone (i32.ge_u (local.get $e) (local.get $m)))
            (local.set $x (i32.load (i32.add (local.get $src) (local.get $e))))
            (local.set $c (v128.load64_splat (i32.add (local.get $coef) (i32.shl (local.get $e) (i32.const 1)))))
            (local.set $b (i32.add (local.get $dmg)
              (i32.shl (i32.and (local.get $x) (i32.const 0x7fffffff)) (i32.const ${shift}))))
${each((p) => `            (local.set $acc${p} (f64x2.add (local.get $acc${p}) (f64x2.mul (local.get $c) ${load('$b', p)})))`)}
            ;; All ones on a group's last link, else all zeros.
            (local.set $last (i64x2.splat (i64.extend_i32_s (i32.shr_s (local.get $x) (i32.const 31)))))
${each(
  (p) => `            (local.set $v${p} (v128.bitselect
              (f64x2.pmin (local.get $v${p}) (f64x2.sub (local.get $one) (local.get $acc${p})))
              (local.get $v${p}) (local.get $last)))
            (local.set $acc${p} (v128.andnot (local.get $acc${p}) (local.get $last)))`,
)}
            (local.set $e (i32.add (local.get $e) (i32.const 4)))
            (br $groups)))
${each((p) => `        (local.set $acc${p} (local.get $zero))`)}
        (block $ratedDone
          (loop $rated
            (br_if $ratedDone (i32.ge_u (local.get $e) (local.get $end)))
            (local.set $c (v128.load64_splat (i32.add (local.get $coef) (i32.shl (local.get $e) (i32.const 1)))))
            (local.set $b (i32.add (local.get $dmg)
              (i32.shl (i32.load (i32.add (local.get $src) (local.get $e))) (i32.const ${shift}))))
${each((p) => `            (local.set $acc${p} (f64x2.add (local.get $acc${p}) (f64x2.mul (local.get $c) ${load('$b', p)})))`)}
            (local.set $e (i32.add (local.get $e) (i32.const 4)))
            (br $rated)))
${each(
  (p) =>
    `        (local.set $v${p} (f64x2.pmax (f64x2.pmin (local.get $v${p}) (f64x2.sub (local.get $one) (local.get $acc${p}))) (local.get $zero)))`,
)}
        (local.set $pin (i32.load (i32.add (local.get $pinned) (i32.shl (local.get $i) (i32.const 2)))))
        (if (local.get $pin)
          (then
${Array.from(
  { length: lanes },
  (_, l) =>
    `            (if (i32.and (local.get $pin) (i32.const ${2 ** l})) (then (local.set $v${l >> 1} (f64x2.replace_lane ${l & 1} (local.get $v${l >> 1}) (f64.const 0)))))`,
).join('\n')}))
        (local.set $o (i32.shl (local.get $i) (i32.const ${shift})))
${each(
  (p) => `        (local.set $d${p} (f64x2.pmax (local.get $d${p})
          (f64x2.sub (v128.load offset=${16 * p} (i32.add (local.get $hd) (local.get $o))) (local.get $v${p}))))
        (v128.store offset=${16 * p} (i32.add (local.get $next) (local.get $o)) (local.get $v${p}))`,
)}
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $firms)))
${each((p) => `    (v128.store offset=${16 * p} (local.get $drop) (local.get $d${p}))`)}))
`;
}
