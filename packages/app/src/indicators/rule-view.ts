import type { RuleResult } from '@chainbrain/engine';

/**
 * A rule as a page shows it: its id, the measured value, the comparison, the threshold and whether it
 * fired. The engine's inputs behind the value stay out: they may hold figures the caller cannot read.
 */
export type RuleView = Pick<RuleResult, 'rule' | 'value' | 'comparison' | 'threshold' | 'fired'>;

export function ruleView(r: RuleResult): RuleView {
  return { rule: r.rule, value: r.value, comparison: r.comparison, threshold: r.threshold, fired: r.fired };
}
