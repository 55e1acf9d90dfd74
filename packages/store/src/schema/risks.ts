import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';

/**
 * The supply-disruption risk list (断供风险清单) and its cases (ADR 0021). Neither refers to the firm
 * tables: a dataset load replaces the firms, and the list must keep every case and its history through
 * that, so a case holds what it is about (firm, region, chain, node) as it was when found.
 */

/** One run of the risk rules over the plan's data: the list's versions. */
export const riskScans = pgTable('risk_scans', {
  id: serial('id').primaryKey(),
  planId: text('plan_id').notNull(),
  ranAt: timestamp('ran_at', { withTimezone: true }).notNull(),
  actorName: text('actor_name').notNull(),
  /** The data month the rules looked at (YYYY-MM). */
  dataMonth: varchar('data_month', { length: 7 }),
  /** When the data it read was loaded: a closed case recurs only on data loaded after it was closed. */
  datasetLoadedAt: timestamp('dataset_loaded_at', { withTimezone: true }),
  /** Risks found, of them new, cases whose condition cleared, cases whose condition came back. */
  found: integer('found').notNull(),
  added: integer('added').notNull(),
  cleared: integer('cleared').notNull(),
  recurred: integer('recurred').notNull(),
  millis: integer('millis').notNull(),
  /** Backup coverage of the watched firms' critical inputs, per chain and county (counts of inputs). */
  coverage: jsonb('coverage').notNull().default([]),
});

export const riskCases = pgTable(
  'risk_cases',
  {
    id: serial('id').primaryKey(),
    planId: text('plan_id').notNull(),
    /** firm_input: a firm's essential input; node_import: a chain node's import dependency. */
    kind: text('kind', { enum: ['firm_input', 'node_import'] }).notNull(),
    /** What makes two scans' findings the same risk: `<firm id>:<node>` or `<node>`. */
    riskKey: text('risk_key').notNull(),
    firmId: integer('firm_id'),
    firmName: text('firm_name'),
    countyCode: varchar('county_code', { length: 6 }),
    cityCode: varchar('city_code', { length: 6 }),
    chainId: text('chain_id').notNull(),
    /** The input node (firm_input) or the screened node (node_import). */
    nodeId: text('node_id').notNull(),
    nodeNameZh: text('node_name_zh').notNull(),
    nodeNameEn: text('node_name_en').notNull(),
    severity: text('severity', { enum: ['high', 'medium'] }).notNull(),
    /** The latest finding: the rules that fired with their values (the list says why, in figures). */
    findings: jsonb('findings').notNull(),
    status: text('status', { enum: ['open', 'responding', 'resolved', 'closed'] }).notNull(),
    level: text('level', { enum: ['county', 'city', 'province'] }).notNull(),
    /** When the case entered its current step, and when that step is due. */
    stepSince: timestamp('step_since', { withTimezone: true }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }),
    resolvedBy: integer('resolved_by'),
    /** Whether the latest scan still found the risk. */
    conditionHolds: boolean('condition_holds').notNull(),
    firstScanId: integer('first_scan_id')
      .notNull()
      .references(() => riskScans.id),
    lastSeenScanId: integer('last_seen_scan_id')
      .notNull()
      .references(() => riskScans.id),
    detectedAt: timestamp('detected_at', { withTimezone: true }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('risk_cases_key_idx').on(t.planId, t.riskKey),
    index('risk_cases_status_idx').on(t.planId, t.status, t.level),
    index('risk_cases_county_idx').on(t.countyCode),
    index('risk_cases_city_idx').on(t.cityCode),
    index('risk_cases_chain_idx').on(t.chainId),
    index('risk_cases_due_idx').on(t.dueAt),
    check(
      'risk_cases_firm_has_region',
      sql`${t.kind} <> 'firm_input' or (${t.firmId} is not null and ${t.countyCode} is not null and ${t.cityCode} is not null)`,
    ),
  ],
);

/** Everything that happened to a case, by people and by the system. Append-only (migration 0010). */
export const riskCaseEvents = pgTable(
  'risk_case_events',
  {
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity().primaryKey(),
    caseId: integer('case_id')
      .notNull()
      .references(() => riskCases.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorUserId: integer('actor_user_id'),
    actorName: text('actor_name').notNull(),
    kind: text('kind').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    fromLevel: text('from_level'),
    toLevel: text('to_level').notNull(),
    note: text('note'),
    /**
     * An internal note (内部备注, only on a comment): read by the offices, left out of the firm's view of
     * its case. Migration 0013 added it; the events before it were all visible to the firm.
     */
    internal: boolean('internal').notNull().default(false),
    measure: text('measure'),
    scanId: integer('scan_id').references(() => riskScans.id),
  },
  (t) => [index('risk_case_events_case_idx').on(t.caseId, t.id)],
);
