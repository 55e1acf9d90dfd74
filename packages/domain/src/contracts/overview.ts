import { z } from 'zod';
import { monthSchema } from '../plan/plan-pack.schema.js';

export const overviewQuerySchema = z.object({ month: monthSchema });

export const chainOverviewSchema = z.object({
  chain_id: z.string(),
  name_zh: z.string(),
  name_en: z.string(),
  /** Output of the month, 亿元. Null, like every figure but the target, when `suppressed`. */
  month_output: z.number().nullable(),
  /** Output from January to the month, 亿元. */
  ytd_output: z.number().nullable(),
  /** Output of the same months a year earlier, 亿元 (null when no data). */
  ytd_output_prev: z.number().nullable(),
  /** (ytd / ytd_prev − 1) × 100, in percent; null when the earlier year has no output. */
  ytd_yoy_pct: z.number().nullable(),
  /** The plan's 2025 target for the province, 亿元. */
  target_2025: z.number(),
  /** Output of the 12 months ending at the month, 亿元; null when those months reach before the data. */
  trailing_12m_output: z.number().nullable(),
  /**
   * trailing_12m_output ÷ target_2025 × 100, in percent; null when the 12 months are not all in the data,
   * and for a region (the targets are the province's, not divided among regions).
   */
  completion_pct: z.number().nullable(),
  /** Hidden: the figures rest on one or two firms outside the caller's scope (access/disclosure.ts). */
  suppressed: z.boolean(),
});

export const overviewResponseSchema = z.object({
  plan_id: z.string(),
  month: monthSchema,
  unit: z.literal('亿元'),
  chains: z.array(chainOverviewSchema),
  totals: z.object({
    month_output: z.number().nullable(),
    ytd_output: z.number().nullable(),
    ytd_output_prev: z.number().nullable(),
    ytd_yoy_pct: z.number().nullable(),
    trailing_12m_output: z.number().nullable(),
    target_2025: z.number(),
    /**
     * Where the total's target comes from: the plan's own target for all chains together
     * (`plan_headline`, 60,000 亿元 for the Zhejiang plan) or, when the plan states none, the sum of the
     * chains' targets (`sum_of_chains`).
     */
    target_basis: z.enum(['plan_headline', 'sum_of_chains']),
    completion_pct: z.number().nullable(),
    suppressed: z.boolean(),
  }),
});

export type ChainOverview = z.infer<typeof chainOverviewSchema>;
export type OverviewResponse = z.infer<typeof overviewResponseSchema>;
