import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  smallint,
  text,
  timestamp,
  varchar,
} from 'drizzle-orm/pg-core';

/** GB/T 2260 administrative divisions: province, city, county. */
export const regions = pgTable(
  'regions',
  {
    code: varchar('code', { length: 6 }).primaryKey(),
    level: text('level', { enum: ['province', 'city', 'county'] }).notNull(),
    parentCode: varchar('parent_code', { length: 6 }),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    kind: text('kind').notNull(),
  },
  (t) => [index('regions_parent_idx').on(t.parentCode)],
);

/** A loaded plan pack; the pack JSON is kept whole so that nothing in it is lost. */
export const plans = pgTable('plans', {
  id: text('id').primaryKey(),
  titleZh: text('title_zh').notNull(),
  titleEn: text('title_en').notNull(),
  startMonth: varchar('start_month', { length: 7 }).notNull(),
  endMonth: varchar('end_month', { length: 7 }).notNull(),
  pack: jsonb('pack').notNull(),
  loadedAt: timestamp('loaded_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The plan's flagship chains with their 2025 targets (亿元). */
export const chains = pgTable(
  'chains',
  {
    planId: text('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    id: text('id').notNull(),
    sortOrder: integer('sort_order').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    target2025: real('target_2025').notNull(),
    targetKind: text('target_kind').notNull(),
    coreCities: jsonb('core_cities').$type<string[]>().notNull(),
    collaboratingCities: jsonb('collaborating_cities').$type<string[]>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.planId, t.id] })],
);

/** A node of a chain map: an industry. Each node belongs to exactly one chain. */
export const chainNodes = pgTable(
  'chain_nodes',
  {
    planId: text('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    id: text('id').notNull(),
    chainId: text('chain_id').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    segment: text('segment', { enum: ['upstream', 'midstream', 'downstream'] }).notNull(),
    hsCodes: jsonb('hs_codes').$type<string[]>().notNull().default([]),
    flags: jsonb('flags').$type<string[]>().notNull().default([]),
    description: text('description'),
  },
  (t) => [primaryKey({ columns: [t.planId, t.id] }), index('chain_nodes_chain_idx').on(t.planId, t.chainId)],
);

/** Input edge of the chain map: `fromNode` supplies `toNode`, with ESRI essentiality 0/1/2. */
export const nodeEdges = pgTable(
  'node_edges',
  {
    planId: text('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    fromNode: text('from_node').notNull(),
    toNode: text('to_node').notNull(),
    essentiality: smallint('essentiality').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.planId, t.fromNode, t.toNode] }),
    check('node_edges_essentiality_check', sql`${t.essentiality} between 0 and 2`),
  ],
);

/** Small key/value facts about the database itself (e.g. which dataset was loaded). */
export const meta = pgTable('meta', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
});
