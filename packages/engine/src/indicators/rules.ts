/**
 * Explainable rule results
 * ========================
 *
 * Every indicator reports each rule it evaluated as a RuleResult: the rule's id, what it measures, the
 * measured value, the comparison and threshold, whether it fired, and the inputs that produced the value,
 * so that an official can check a flag and argue with it (shared/specs/risk-indicators.md).
 */

export type Comparison = '>' | '>=' | '<' | '<=';

export type RuleResult = {
  rule: string;
  description: string;
  value: number;
  comparison: Comparison;
  threshold: number;
  fired: boolean;
  /** Inputs behind the value (amounts, the origin or supplier concerned, …). */
  inputs: Record<string, number | string | boolean | null>;
};

export function compare(value: number, comparison: Comparison, threshold: number): boolean {
  switch (comparison) {
    case '>':
      return value > threshold;
    case '>=':
      return value >= threshold;
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
  }
}

export function check(
  rule: string,
  description: string,
  value: number,
  comparison: Comparison,
  threshold: number,
  inputs: RuleResult['inputs'] = {},
): RuleResult {
  return {
    rule,
    description,
    value,
    comparison,
    threshold,
    fired: compare(value, comparison, threshold),
    inputs,
  };
}

/** One line a person can read: "hhi: HHI of imports by origin = 0.52 > 0.4 (fired)". */
export function explain(r: RuleResult): string {
  const v = Number.isInteger(r.value) ? String(r.value) : r.value.toPrecision(4);
  return `${r.rule}: ${r.description} = ${v} ${r.comparison} ${r.threshold} (${r.fired ? 'fired' : 'not fired'})`;
}
