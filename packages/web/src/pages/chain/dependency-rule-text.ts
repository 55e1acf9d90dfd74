/** How the import-dependency screen's rules print their values and thresholds (its drawer, the risk list). */
import type { DependencyRule } from '../../api/chains.js';

/**
 * A rule's value or threshold as the drawer prints it: HHI and ratios with `digits` decimals (a threshold's
 * ratio without trailing zeros), shares in per cent with one decimal unless asked for more.
 */
export function ruleText(rule: DependencyRule['rule'], value: number, digits?: number): string {
  if (rule === 'hhi') return value.toFixed(digits ?? 2);
  if (rule === 'import_dependence' || rule === 'top_origin_share')
    return `${(value * 100).toFixed(digits ?? 1)}%`;
  return value.toLocaleString('zh-CN', {
    minimumFractionDigits: digits ?? 0,
    maximumFractionDigits: digits ?? 2,
  });
}

/**
 * A measured value next to its threshold: two decimals (one in per cent), and more where fewer would print
 * the threshold itself, so that an HHI of 0.4029 that fired reads "0.403 > 0.40", not "0.40 > 0.40".
 */
export function ruleValue(rule: DependencyRule['rule'], value: number, threshold: number): string {
  const base = rule === 'import_dependence' || rule === 'top_origin_share' ? 1 : 2;
  let digits = base;
  while (
    digits < base + 4 &&
    value !== threshold &&
    ruleText(rule, value, digits) === ruleText(rule, threshold, digits)
  )
    digits += 1;
  return ruleText(rule, value, digits);
}
