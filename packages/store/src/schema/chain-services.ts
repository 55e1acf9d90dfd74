import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  varchar,
} from 'drizzle-orm/pg-core';
import { firms } from './firms.js';
import { regions } from './reference.js';

/**
 * Chain services: registered backup suppliers, enterprise communities around chain leaders, the 补链
 * project library and first-of-a-kind products. Loaded with the firm-level dataset and replaced with it.
 */

/**
 * A registered backup supplier for one input node of a buyer (同准 same-standard / 降准 lower-standard),
 * with its qualification state and switch-over lead time. Suppliers are firms or source ids
 * (`ext:JP:<node>`, `dom:out-of-province:<node>`), exactly one of each pair.
 */
export const backupSuppliers = pgTable(
  'backup_suppliers',
  {
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity().primaryKey(),
    buyerFirmId: integer('buyer_firm_id')
      .notNull()
      .references(() => firms.id, { onDelete: 'cascade' }),
    inputNodeId: text('input_node_id').notNull(),
    currentSupplierFirmId: integer('current_supplier_firm_id').references(() => firms.id, {
      onDelete: 'cascade',
    }),
    currentSupplierSource: text('current_supplier_source'),
    backupFirmId: integer('backup_firm_id').references(() => firms.id, { onDelete: 'cascade' }),
    backupSource: text('backup_source'),
    standard: text('standard', { enum: ['same', 'lower'] }).notNull(),
    state: text('state', { enum: ['registered', 'qualifying', 'qualified'] }).notNull(),
    leadTimeWeeks: integer('lead_time_weeks').notNull(),
    registeredPeriod: varchar('registered_period', { length: 7 }).notNull(),
  },
  (t) => [
    index('backup_suppliers_buyer_idx').on(t.buyerFirmId),
    index('backup_suppliers_node_idx').on(t.inputNodeId),
    check(
      'backup_suppliers_one_current',
      sql`(${t.currentSupplierFirmId} is null) <> (${t.currentSupplierSource} is null)`,
    ),
    check('backup_suppliers_one_backup', sql`(${t.backupFirmId} is null) <> (${t.backupSource} is null)`),
    check('backup_suppliers_lead_time', sql`${t.leadTimeWeeks} >= 0`),
  ],
);

/** An enterprise community (产业链上下游企业共同体) led by a chain leader (链主). */
export const enterpriseCommunities = pgTable(
  'enterprise_communities',
  {
    id: integer('id').primaryKey(),
    planId: text('plan_id').notNull(),
    chainId: text('chain_id').notNull(),
    name: text('name').notNull(),
    leaderFirmId: integer('leader_firm_id')
      .notNull()
      .references(() => firms.id, { onDelete: 'cascade' }),
    foundedYear: integer('founded_year').notNull(),
  },
  (t) => [index('communities_chain_idx').on(t.planId, t.chainId)],
);

export const communityMembers = pgTable(
  'community_members',
  {
    communityId: integer('community_id')
      .notNull()
      .references(() => enterpriseCommunities.id, { onDelete: 'cascade' }),
    firmId: integer('firm_id')
      .notNull()
      .references(() => firms.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['leader', 'supplier', 'customer', 'partner'] }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.communityId, t.firmId] }),
    index('community_members_firm_idx').on(t.firmId),
  ],
);

/** The 补链 project library: projects that add capacity at a chain node in a county. */
export const chainProjects = pgTable(
  'chain_projects',
  {
    id: integer('id').primaryKey(),
    planId: text('plan_id').notNull(),
    name: text('name').notNull(),
    chainId: text('chain_id').notNull(),
    nodeId: text('node_id').notNull(),
    countyCode: varchar('county_code', { length: 6 })
      .notNull()
      .references(() => regions.code),
    investmentYi: doublePrecision('investment_yi').notNull(),
    stage: text('stage', { enum: ['planned', 'signed', 'under_construction', 'in_operation'] }).notNull(),
    startYear: integer('start_year').notNull(),
    firmId: integer('firm_id').references(() => firms.id, { onDelete: 'set null' }),
  },
  (t) => [
    index('chain_projects_chain_idx').on(t.planId, t.chainId),
    index('chain_projects_node_idx').on(t.planId, t.nodeId),
    check('chain_projects_investment_nonnegative', sql`${t.investmentYi} >= 0`),
  ],
);

/** First-of-a-kind products: 首台套 (equipment), 首批次 (material), 首版次 (software). */
export const firstOfKindProducts = pgTable(
  'first_of_kind_products',
  {
    id: integer('id').primaryKey(),
    planId: text('plan_id').notNull(),
    product: text('product').notNull(),
    firmId: integer('firm_id')
      .notNull()
      .references(() => firms.id, { onDelete: 'cascade' }),
    nodeId: text('node_id').notNull(),
    chainId: text('chain_id').notNull(),
    year: integer('year').notNull(),
    kind: text('kind', { enum: ['equipment', 'material', 'software'] }).notNull(),
    level: text('level', { enum: ['international', 'national', 'provincial'] }).notNull(),
  },
  (t) => [
    index('first_of_kind_chain_idx').on(t.planId, t.chainId),
    index('first_of_kind_firm_idx').on(t.firmId),
  ],
);
