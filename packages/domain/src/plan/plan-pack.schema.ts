import { z } from 'zod';

/** A GB/T 2260 six-digit region code. */
export const regionCodeSchema = z
  .string()
  .regex(/^\d{6}$/, 'a 6-digit GB/T 2260 code / 应为 6 位行政区划代码');

/** Year-month "YYYY-MM", 1980–2099 (a year such as 0001 made period labels such as "-2--10"). */
export const monthSchema = z
  .string()
  .regex(
    /^(19[89]\d|20\d\d)-(0[1-9]|1[0-2])$/,
    'a month as YYYY-MM, 1980–2099 / 月份格式应为 YYYY-MM（1980—2099 年）',
  );

const zhList = z.array(z.string().min(1)).optional();

export const targetKindSchema = z.enum(['reach', 'exceed', 'at-least', 'about', 'all']);

export const planChainSchema = z.looseObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'a lower-case id with dashes / 应为小写字母、数字和连字符'),
  zh: z.string().min(1),
  en: z.string().min(1),
  /** 2025 output target in 亿元. */
  target_2025: z.number().positive(),
  target_kind: targetKindSchema,
  core: z.array(regionCodeSchema),
  collaborating: z.array(regionCodeSchema),
  breakthroughs_zh: zhList,
  gaps_zh: zhList,
  fusion_zh: zhList,
  forward_zh: zhList,
  strengthen_zh: zhList,
  focus_zh: zhList,
  platform_zh: zhList,
  /** Chain map: a path relative to the pack file, or the map inline. Validated by the chain-map schema. */
  map: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
});

export const headlineTargetSchema = z.looseObject({
  id: z.string().min(1),
  zh: z.string().min(1),
  target: z.number(),
  unit: z.string().min(1),
  kind: targetKindSchema,
  /**
   * What the dashboards measure against it: `chains_total_output`, the output of all the plan's chains
   * together (亿元). It need not be the sum of the chains' own targets: a plan may count a firm in more
   * than one chain, and the dashboards count it in one.
   */
  measures: z.enum(['chains_total_output']).optional(),
});

export const planPackSchema = z.looseObject({
  about: z.string().optional(),
  plan: z.object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a lower-case id with dashes / 应为小写字母、数字和连字符'),
    title_zh: z.string().min(1),
    title_en: z.string().min(1),
    start: monthSchema,
    end: monthSchema,
  }),
  cities: z.array(z.object({ code: regionCodeSchema, zh: z.string().min(1), en: z.string().min(1) })).min(1),
  chains: z.array(planChainSchema).min(1),
  headline_targets_2025: z.array(headlineTargetSchema).default([]),
  work_items: z.array(z.looseObject({ no: z.number().int(), zh: z.string() })).default([]),
  mechanisms: z.array(z.looseObject({ no: z.number().int(), zh: z.string() })).default([]),
});

export type PlanPack = z.infer<typeof planPackSchema>;
export type PlanChain = z.infer<typeof planChainSchema>;
