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

/**
 * Bad input to an indicator (a negative amount, a threshold that is not a number, periods out of order).
 * Given a Chinese text too, the message reads "English / 中文", as the project's other input errors do.
 */
export class IndicatorError extends RangeError {
  constructor(english: string, chinese?: string) {
    super(chinese ? `${english} / ${chinese}` : english);
    this.name = 'IndicatorError';
  }
}

/**
 * The value if it is one of the allowed ones, else an IndicatorError naming the field, the value and the
 * allowed values. Inputs arrive from files and forms, so a type annotation does not keep out "SAME" or
 * "hhhi", which would otherwise fall through to some other branch.
 */
export function oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  const list = allowed.join(', ');
  throw new IndicatorError(
    `${field} must be one of ${list}, got ${JSON.stringify(value)}`,
    `${field} 应为 ${list} 之一，实为 ${JSON.stringify(value)}`,
  );
}

/**
 * Values within this fraction of a nonzero threshold count as equal to it. Shares are sums of amounts
 * divided by sums, whose rounding would otherwise decide a tie: 0.1 + 0.7 bought from one supplier out
 * of 1.0 is 0.7999999999999999, which must meet "≥ 0.8" as 0.8 does. Rounding errs in proportion to the
 * numbers compared, so the tolerance is relative to the threshold, and a threshold of 0 gets none: a
 * positive amount over a finite total gives a positive share (unless it is under 10⁻³⁰⁸ of the total and
 * underflows), so any positive value is a real amount: one restricted purchase of 1 among 10¹³ is still
 * exposure and must fire "> 0".
 */
export const COMPARISON_TOLERANCE = 1e-12;

export function compare(value: number, comparison: Comparison, threshold: number): boolean {
  const tol = COMPARISON_TOLERANCE * Math.abs(threshold);
  switch (comparison) {
    case '>':
      return value > threshold + tol;
    case '>=':
      return value >= threshold - tol;
    case '<':
      return value < threshold - tol;
    case '<=':
      return value <= threshold + tol;
  }
}

/**
 * The defaults with the options given laid over them. An option passed as undefined keeps its default
 * (a spread would put undefined in its place and silently switch the rule off), and every numeric
 * setting must be a finite number.
 */
export function withDefaults<T extends object>(defaults: T, options: Partial<T>): T {
  const out: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
  for (const [key, v] of Object.entries(options)) if (v !== undefined) out[key] = v;
  for (const [key, v] of Object.entries(defaults)) {
    if (typeof v === 'number' && !Number.isFinite(out[key])) {
      throw new IndicatorError(`option ${key} must be a finite number, got ${String(out[key])}`);
    }
  }
  return out as T;
}

export function check(
  rule: string,
  description: string,
  value: number,
  comparison: Comparison,
  threshold: number,
  inputs: RuleResult['inputs'] = {},
): RuleResult {
  if (!Number.isFinite(threshold))
    throw new IndicatorError(`rule ${rule}: threshold must be a finite number, got ${threshold}`);
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
