import { bigint, index, integer, pgTable, primaryKey, text, varchar } from 'drizzle-orm/pg-core';

/**
 * Chain × county × month output, maintained when output is imported. Dashboards read this, never the
 * firm-level facts; city and province figures are sums of counties.
 */
export const chainOutputRollups = pgTable(
  'chain_output_rollups',
  {
    planId: text('plan_id').notNull(),
    chainId: text('chain_id').notNull(),
    countyCode: varchar('county_code', { length: 6 }).notNull(),
    cityCode: varchar('city_code', { length: 6 }).notNull(),
    period: varchar('period', { length: 7 }).notNull(),
    valueYuan: bigint('value_yuan', { mode: 'number' }).notNull(),
    firmCount: integer('firm_count').notNull(),
    /** The two largest firms' output in the month (0 when there are fewer), for the dominance rule (ADR 0015). */
    top1Yuan: bigint('top1_yuan', { mode: 'number' }).notNull().default(0),
    top2Yuan: bigint('top2_yuan', { mode: 'number' }).notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.planId, t.chainId, t.countyCode, t.period] }),
    index('rollups_period_idx').on(t.planId, t.period),
  ],
);

/**
 * Node × month output of each firm's primary node, with the firms that reported, maintained with the chain
 * rollups. Disclosure control reads it for every node at once (the firm-level table has no period index).
 */
export const nodeOutputRollups = pgTable(
  'node_output_rollups',
  {
    planId: text('plan_id').notNull(),
    nodeId: text('node_id').notNull(),
    chainId: text('chain_id').notNull(),
    period: varchar('period', { length: 7 }).notNull(),
    valueYuan: bigint('value_yuan', { mode: 'number' }).notNull(),
    firmCount: integer('firm_count').notNull(),
    /** The two largest firms' output in the month (0 when there are fewer), for the dominance rule (ADR 0015). */
    top1Yuan: bigint('top1_yuan', { mode: 'number' }).notNull().default(0),
    top2Yuan: bigint('top2_yuan', { mode: 'number' }).notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.planId, t.nodeId, t.period] }),
    index('node_rollups_period_idx').on(t.planId, t.period),
  ],
);

/**
 * Each node × county pair's months as arrays, maintained with the rollups: the firms (primary node), their
 * output and the two largest firms' output. An official reads the firms of their region inside every node,
 * so disclosure control tests what they cannot read of a node, the other counties' firms (ADR 0015, fourth
 * amendment). Arrays, one row per pair: 9,324 rows on the full demo against 855,000 as rows per month,
 * which took 9–10 s to build on PGlite when read at request time.
 */
export const nodeCountyHistories = pgTable(
  'node_county_histories',
  {
    planId: text('plan_id').notNull(),
    nodeId: text('node_id').notNull(),
    countyCode: varchar('county_code', { length: 6 }).notNull(),
    periods: varchar('periods', { length: 7 }).array().notNull(),
    firms: integer('firms').array().notNull(),
    valuesYuan: bigint('values_yuan', { mode: 'number' }).array().notNull(),
    top1Yuan: bigint('top1_yuan', { mode: 'number' }).array().notNull(),
    top2Yuan: bigint('top2_yuan', { mode: 'number' }).array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.planId, t.nodeId, t.countyCode] })],
);

/** Total industrial output of a region per month (all industries), for the plan's share-of-industry target. */
export const regionIndustryOutput = pgTable(
  'region_industry_output',
  {
    regionCode: varchar('region_code', { length: 6 }).notNull(),
    period: varchar('period', { length: 7 }).notNull(),
    valueYuan: bigint('value_yuan', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.period] })],
);

/**
 * Cells of the dashboards that disclosure control has hidden for a plan's current dataset (ADR 0015,
 * third amendment). A later decision starts from them, so a cell once hidden stays hidden while the
 * dataset stands: a change of users' grants can move the secondary picks, and a screen from before the
 * change beside one from after it would otherwise give a hidden cell back. Emptied when the dataset is
 * replaced.
 */
export const disclosureFloor = pgTable(
  'disclosure_floor',
  {
    planId: text('plan_id').notNull(),
    cellKey: text('cell_key').notNull(),
  },
  (t) => [primaryKey({ columns: [t.planId, t.cellKey] })],
);
