import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  char,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  varchar,
} from 'drizzle-orm/pg-core';
import { regions } from './reference.js';

/**
 * A firm. `primaryNodeId` is its industry (the engine's p(i)) and the chain its output counts in,
 * so chain totals never double count; other memberships live in firm_nodes.
 */
export const firms = pgTable(
  'firms',
  {
    id: integer('id').primaryKey(),
    /** Unified social credit code (GB 32100-2015), 18 characters. */
    uscc: char('uscc', { length: 18 }).notNull().unique(),
    name: text('name').notNull(),
    countyCode: varchar('county_code', { length: 6 })
      .notNull()
      .references(() => regions.code),
    cityCode: varchar('city_code', { length: 6 }).notNull(),
    planId: text('plan_id').notNull(),
    primaryNodeId: text('primary_node_id').notNull(),
    primaryChainId: text('primary_chain_id').notNull(),
    sizeClass: text('size_class', { enum: ['large', 'medium', 'small', 'micro'] }).notNull(),
    tags: jsonb('tags').$type<string[]>().notNull().default([]),
  },
  (t) => [
    index('firms_county_idx').on(t.countyCode),
    index('firms_city_idx').on(t.cityCode),
    index('firms_chain_idx').on(t.planId, t.primaryChainId),
    index('firms_node_idx').on(t.planId, t.primaryNodeId),
  ],
);

/** Secondary memberships: the firm is listed under these nodes too, without counting its output again. */
export const firmNodes = pgTable(
  'firm_nodes',
  {
    firmId: integer('firm_id')
      .notNull()
      .references(() => firms.id, { onDelete: 'cascade' }),
    planId: text('plan_id').notNull(),
    nodeId: text('node_id').notNull(),
    isPrimary: boolean('is_primary').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.planId, t.nodeId] }),
    index('firm_nodes_node_idx').on(t.planId, t.nodeId),
  ],
);

/** Monthly industrial output of a firm, in yuan. */
export const firmOutputMonthly = pgTable(
  'firm_output_monthly',
  {
    firmId: integer('firm_id')
      .notNull()
      .references(() => firms.id, { onDelete: 'cascade' }),
    period: varchar('period', { length: 7 }).notNull(),
    valueYuan: bigint('value_yuan', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.period] }),
    check('firm_output_nonnegative', sql`${t.valueYuan} >= 0`),
  ],
);

/**
 * A supply link (tax invoices, surveys): supplier sold `valueYuan` to buyer in the period (YYYY or YYYY-MM).
 * The supplier is a firm, or a source node (out-of-province or foreign origin, e.g. `ext:JP:ic.wafer`).
 */
export const supplyLinks = pgTable(
  'supply_links',
  {
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity().primaryKey(),
    supplierFirmId: integer('supplier_firm_id').references(() => firms.id, { onDelete: 'cascade' }),
    supplierSource: text('supplier_source'),
    buyerFirmId: integer('buyer_firm_id')
      .notNull()
      .references(() => firms.id, { onDelete: 'cascade' }),
    period: varchar('period', { length: 7 }).notNull(),
    valueYuan: bigint('value_yuan', { mode: 'number' }).notNull(),
    source: text('source').notNull(),
  },
  (t) => [
    index('supply_links_buyer_idx').on(t.buyerFirmId),
    index('supply_links_supplier_idx').on(t.supplierFirmId),
    check('supply_links_one_supplier', sql`(${t.supplierFirmId} is null) <> (${t.supplierSource} is null)`),
    check('supply_links_value_nonnegative', sql`${t.valueYuan} >= 0`),
  ],
);

/** Customs declarations aggregated per firm × HS6 × partner country × direction × month, in yuan. */
export const customsRecords = pgTable(
  'customs_records',
  {
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity().primaryKey(),
    firmId: integer('firm_id')
      .notNull()
      .references(() => firms.id, { onDelete: 'cascade' }),
    hsCode: char('hs_code', { length: 6 }).notNull(),
    country: char('country', { length: 2 }).notNull(),
    direction: text('direction', { enum: ['import', 'export'] }).notNull(),
    period: varchar('period', { length: 7 }).notNull(),
    valueYuan: bigint('value_yuan', { mode: 'number' }).notNull(),
  },
  (t) => [
    index('customs_firm_idx').on(t.firmId),
    index('customs_hs_idx').on(t.hsCode, t.period),
    check('customs_value_nonnegative', sql`${t.valueYuan} >= 0`),
  ],
);
