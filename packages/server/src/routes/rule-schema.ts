import { z } from 'zod';

/**
 * A rule as every indicator route sends it: its id, the measured value, the comparison, the threshold and
 * whether it fired, so that each flag says which rule fired with which values. A value nobody knows (a
 * backup's unregistered lead time, NaN in the engine) is null.
 */
export const ruleSchema = z.object({
  /** e.g. single_source, foreign_share, no_qualified_backup, hhi, import_dependence, persistence. */
  rule: z.string(),
  value: z.number().nullable(),
  comparison: z.enum(['>', '>=', '<', '<=']),
  threshold: z.number(),
  fired: z.boolean(),
});

/** A rule's value for JSON: NaN and infinities as null (JSON has no such numbers). */
export const ruleValue = (value: number): number | null => (Number.isFinite(value) ? value : null);
