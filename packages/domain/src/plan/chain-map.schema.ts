import { z } from 'zod';

/**
 * A chain map (产业链图谱): the industry model of one chain of a plan pack.
 * Nodes are industries (product classes); input edges carry the ESRI essentiality rating
 * (2 essential / Leontief, 1 non-essential / proportional, 0 no short-term effect).
 * Cross-map rules (unique ids, endpoints, acyclicity, …) live in validate-chain-maps.ts.
 */

export const CHAIN_SEGMENTS = ['upstream', 'midstream', 'downstream'] as const;
export const chainSegmentSchema = z.enum(CHAIN_SEGMENTS);

/**
 * Flags for the plan's key fields and named items:
 * core_component 核心基础零部件, electronic_component 电子元器件, basic_software 基础软件,
 * key_material 关键材料, gap 卡脖子/短板, breakthrough 突破, forward 前瞻布局, strengthen 做强/提升.
 */
export const CHAIN_NODE_FLAGS = [
  'core_component',
  'electronic_component',
  'basic_software',
  'key_material',
  'gap',
  'breakthrough',
  'forward',
  'strengthen',
] as const;
export const chainNodeFlagSchema = z.enum(CHAIN_NODE_FLAGS);

/** A stable node id: chain prefix, a dot, a slug (ic.eda, nev.power-battery). */
export const chainNodeIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9]*\.[a-z0-9]+(-[a-z0-9]+)*$/, 'a node id as <chain prefix>.<slug>, e.g. ic.eda');

const text = z.string().trim().min(1);

export const hsMappingSchema = z.strictObject({
  /** A 6-digit HS 2017 subheading (must be a level-6 row of reference/hs-codes.csv). */
  code: z.string().regex(/^\d{6}$/, 'a 6-digit HS code'),
  /** One line on why the node's goods fall under this subheading. */
  rationale: text,
  /** The same line in Chinese, in customs terms (品目 heading, 子目 subheading). */
  rationale_zh: text,
});

export const chainNodeSchema = z.strictObject({
  id: chainNodeIdSchema,
  name_zh: text,
  name_en: text,
  segment: chainSegmentSchema,
  description_zh: text,
  /** An English translation of description_zh. */
  description_en: text,
  /** Where the node is a traded good: its HS subheadings; empty for services and software. */
  hs_codes: z.array(hsMappingSchema).default([]),
  /** GB/T 4754-2017 4-digit industry classes, only where certain. */
  industry_codes: z.array(z.string().regex(/^\d{4}$/, 'a 4-digit GB/T 4754-2017 class')).optional(),
  flags: z.array(chainNodeFlagSchema).default([]),
  /** The plan's named items this node covers, verbatim from the pack (e.g. 动力电池). */
  plan_items_zh: z.array(text).default([]),
  /**
   * A source node is a root of the model: its own inputs are outside the map (mined or grown raw
   * materials, crude oil, and knowledge inputs such as design software or algorithms whose inputs are
   * labour and capital). Source nodes have no input edges; every other node must have one.
   */
  source: z.boolean().optional(),
});

export const essentialitySchema = z.union([z.literal(0), z.literal(1), z.literal(2)]);

export const chainEdgeSchema = z.strictObject({
  /** Supplying node: a node of this map or of another chain's map (cross-chain input). */
  from: chainNodeIdSchema,
  /** Buying node: always a node of this map. */
  to: chainNodeIdSchema,
  /** ESRI essentiality of input industry `from` for production in `to`: 2 / 1 / 0. */
  essentiality: essentialitySchema,
  /** Required when essentiality is 2 or feedback is true. */
  rationale: text.optional(),
  /** A real feedback loop (e.g. recycled material); exempt from the acyclicity rule; needs a rationale. */
  feedback: z.boolean().optional(),
});

export const chainSegmentInfoSchema = z.strictObject({
  id: chainSegmentSchema,
  name_zh: text,
  name_en: text,
  description_zh: text.optional(),
  /** An English translation of description_zh. */
  description_en: text.optional(),
});

export const chainMapSchema = z.strictObject({
  /** The chain id in the plan pack this map belongs to. */
  chain: z.string().regex(/^[a-z][a-z0-9-]*$/, 'a lower-case chain id with dashes'),
  /** The prefix every node id of this map starts with (ic for ic.eda); unique across maps. */
  id_prefix: z
    .string()
    .regex(/^[a-z][a-z0-9]*$/, 'a lower-case prefix')
    .optional(),
  about: z.string().optional(),
  segments: z.array(chainSegmentInfoSchema).optional(),
  nodes: z.array(chainNodeSchema).min(1),
  edges: z.array(chainEdgeSchema),
});

export type ChainSegment = z.infer<typeof chainSegmentSchema>;
export type ChainNodeFlag = z.infer<typeof chainNodeFlagSchema>;
export type HsMapping = z.infer<typeof hsMappingSchema>;
export type ChainNode = z.infer<typeof chainNodeSchema>;
export type ChainEdge = z.infer<typeof chainEdgeSchema>;
export type Essentiality = z.infer<typeof essentialitySchema>;
export type ChainMap = z.infer<typeof chainMapSchema>;
/** Chain maps of a plan pack keyed by chain id. */
export type ChainMaps = Record<string, ChainMap>;

/** The prefix of a node id (ic for ic.eda). */
export function nodeIdPrefix(id: string): string {
  const dot = id.indexOf('.');
  return dot < 0 ? id : id.slice(0, dot);
}
