/**
 * Amounts: checked one by one, added up without overflow going unnoticed
 * =====================================================================
 *
 * Every indicator is a ratio of amounts (imports by origin, purchases by supplier). An amount must be a
 * finite number ≥ 0. A total of finite amounts can still overflow to Infinity (two imports of 1e308),
 * and every share of Infinity is 0: HHI 0, no origin on top, no restricted share. Ratios that depend only
 * on the shares (HHI, import dependence) are therefore computed on amounts divided by the largest one,
 * which cannot overflow; a total that is itself reported, and divides other amounts, must be finite, and
 * one that is not is an error that asks for a larger unit.
 */

import { IndicatorError } from './rules.js';

/** The amount if it is a finite number ≥ 0, else an IndicatorError naming it. */
export function amount(what: string, v: number): number {
  if (!(v >= 0) || !Number.isFinite(v)) {
    throw new IndicatorError(
      `${what} must be a finite number ≥ 0, got ${v}`,
      `${what} 应为有限且不小于 0 的数，实为 ${v}`,
    );
  }
  return v;
}

/** The sum of amounts already checked, or an IndicatorError if it overflows. */
export function finiteTotal(what: string, values: Iterable<number>): number {
  let sum = 0;
  for (const v of values) sum += v;
  if (!Number.isFinite(sum)) {
    throw new IndicatorError(
      `${what} add up to more than ${Number.MAX_VALUE}; give the amounts in a larger unit`,
      `${what} 合计超出 ${Number.MAX_VALUE}，请改用更大的计量单位`,
    );
  }
  return sum;
}

/**
 * Each amount's share of their sum, computed on the amounts divided by the largest so that the sum
 * cannot overflow (all 0 when the amounts are). The amounts must have been checked.
 */
export function sharesOf(values: readonly number[]): number[] {
  let max = 0;
  for (const v of values) if (v > max) max = v;
  if (max === 0) return values.map(() => 0);
  const scaled = values.map((v) => v / max);
  let sum = 0;
  for (const s of scaled) sum += s;
  return scaled.map((s) => s / sum);
}
