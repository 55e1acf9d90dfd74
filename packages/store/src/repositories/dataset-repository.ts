import { cityCodeOf, type Dataset } from '@chainbrain/domain';
import type { RawQuery } from '../connection/open-database.js';
import { bulkInsert, insertColumns } from './bulk-insert.js';
import { rebuildChainOutputRollups } from './output-repository.js';

export type DatasetCounts = {
  firms: number;
  memberships: number;
  output: number;
  supplyLinks: number;
  customs: number;
  regionOutput: number;
  rollups: number;
  backups: number;
  communities: number;
  communityMembers: number;
  projects: number;
  firstOfKind: number;
};

/** True when every firm id the rows reference is one of the dataset's firms (so foreign keys hold). */
function referencesOnly(firmIds: Set<number>, ids: Iterable<number | null>): boolean {
  for (const id of ids) if (id !== null && !firmIds.has(id)) return false;
  return true;
}

function* pluck<T>(rows: readonly T[] | undefined, ...getters: Array<(row: T) => number | null>) {
  for (const row of rows ?? []) for (const get of getters) yield get(row);
}

/**
 * Replaces all firm-level facts of a plan with the dataset and rebuilds the rollups. Callers run it inside
 * a transaction so a failure leaves the previous data in place.
 *
 * Speed: on PGlite (one connection, no concurrent writers) per-row foreign-key triggers dominate a large
 * load. When every firm the output, supply-link and customs rows reference is one of the dataset's own
 * firms (checked here), those three tables are filled with triggers off (session_replication_role =
 * replica, local to the transaction); checks, primary keys and unique constraints still apply. Anything
 * else, all small tables and PostgreSQL always take the normal, checked path.
 */
export async function replaceDataset(query: RawQuery, dataset: Dataset): Promise<DatasetCounts> {
  const planId = dataset.planId;
  // Children first, set-based: cascading row by row from firms is slow for millions of rows.
  const ofPlan = 'select id from firms where plan_id = $1';
  // New data, new decisions: the cells hidden for the old dataset no longer bind (schema: disclosureFloor).
  await query('delete from disclosure_floor where plan_id = $1', [planId]);
  await query(`delete from first_of_kind_products where plan_id = $1`, [planId]);
  await query(`delete from chain_projects where plan_id = $1`, [planId]);
  await query(`delete from enterprise_communities where plan_id = $1`, [planId]);
  await query(`delete from backup_suppliers where buyer_firm_id in (${ofPlan})`, [planId]);
  await query(`delete from customs_records where firm_id in (${ofPlan})`, [planId]);
  await query(`delete from supply_links where buyer_firm_id in (${ofPlan})`, [planId]);
  await query(`delete from firm_output_monthly where firm_id in (${ofPlan})`, [planId]);
  await query('delete from firms where plan_id = $1', [planId]);
  await query('delete from region_industry_output');
  const firms = await bulkInsert(
    query,
    'firms',
    [
      { name: 'id', type: 'int' },
      { name: 'uscc', type: 'text' },
      { name: 'name', type: 'text' },
      { name: 'county_code', type: 'text' },
      { name: 'city_code', type: 'text' },
      { name: 'plan_id', type: 'text' },
      { name: 'primary_node_id', type: 'text' },
      { name: 'primary_chain_id', type: 'text' },
      { name: 'size_class', type: 'text' },
      { name: 'tags', type: 'jsonb' },
    ],
    dataset.firms.map((f) => [
      f.id,
      f.uscc,
      f.name,
      f.countyCode,
      cityCodeOf(f.countyCode),
      planId,
      f.primaryNodeId,
      f.primaryChainId,
      f.sizeClass,
      f.tags,
    ]),
  );
  const membershipRows: unknown[][] = [];
  for (const f of dataset.firms) {
    membershipRows.push([f.id, planId, f.primaryNodeId, true]);
    for (const nodeId of f.secondaryNodeIds) membershipRows.push([f.id, planId, nodeId, false]);
  }
  const memberships = await bulkInsert(
    query,
    'firm_nodes',
    [
      { name: 'firm_id', type: 'int' },
      { name: 'plan_id', type: 'text' },
      { name: 'node_id', type: 'text' },
      { name: 'is_primary', type: 'boolean' },
    ],
    membershipRows,
  );
  const firmIds = new Set(dataset.firms.map((f) => f.id));
  const selfContained =
    referencesOnly(
      firmIds,
      pluck(dataset.output, (o) => o.firmId),
    ) &&
    referencesOnly(
      firmIds,
      pluck(
        dataset.supplyLinks,
        (l) => l.supplierFirmId,
        (l) => l.buyerFirmId,
      ),
    ) &&
    referencesOnly(
      firmIds,
      pluck(dataset.customs, (c) => c.firmId),
    );
  const fast = selfContained && (await isPglite(query));
  if (fast) await query('set local session_replication_role = replica');
  const output = await insertColumns(
    query,
    'firm_output_monthly',
    [
      { name: 'firm_id', type: 'int', get: (o) => o.firmId },
      { name: 'period', type: 'text', get: (o) => o.period },
      { name: 'value_yuan', type: 'bigint', get: (o) => o.valueYuan },
    ],
    dataset.output,
  );
  const supplyLinks = await insertColumns(
    query,
    'supply_links',
    [
      { name: 'supplier_firm_id', type: 'int', get: (l) => l.supplierFirmId },
      { name: 'supplier_source', type: 'text', get: (l) => l.supplierSource },
      { name: 'buyer_firm_id', type: 'int', get: (l) => l.buyerFirmId },
      { name: 'period', type: 'text', get: (l) => l.period },
      { name: 'value_yuan', type: 'bigint', get: (l) => l.valueYuan },
      { name: 'source', type: 'text', get: (l) => l.source },
    ],
    dataset.supplyLinks,
    { identityFrom: fast ? await nextIdentity(query, 'supply_links') : undefined },
  );
  const customs = await insertColumns(
    query,
    'customs_records',
    [
      { name: 'firm_id', type: 'int', get: (c) => c.firmId },
      { name: 'hs_code', type: 'text', get: (c) => c.hsCode },
      { name: 'country', type: 'text', get: (c) => c.country },
      { name: 'direction', type: 'text', get: (c) => c.direction },
      { name: 'period', type: 'text', get: (c) => c.period },
      { name: 'value_yuan', type: 'bigint', get: (c) => c.valueYuan },
    ],
    dataset.customs,
    { identityFrom: fast ? await nextIdentity(query, 'customs_records') : undefined },
  );
  const regionOutput = await insertColumns(
    query,
    'region_industry_output',
    [
      { name: 'region_code', type: 'text', get: (r) => r.regionCode },
      { name: 'period', type: 'text', get: (r) => r.period },
      { name: 'value_yuan', type: 'bigint', get: (r) => r.valueYuan },
    ],
    dataset.regionOutput,
  );
  // The small tables take the checked path in any case.
  if (fast) {
    await query('set local session_replication_role = origin');
    await syncIdentity(query, 'supply_links');
    await syncIdentity(query, 'customs_records');
  }
  const backups = await insertColumns(
    query,
    'backup_suppliers',
    [
      { name: 'buyer_firm_id', type: 'int', get: (b) => b.buyerFirmId },
      { name: 'input_node_id', type: 'text', get: (b) => b.inputNodeId },
      { name: 'current_supplier_firm_id', type: 'int', get: (b) => b.currentSupplierFirmId },
      { name: 'current_supplier_source', type: 'text', get: (b) => b.currentSupplierSource },
      { name: 'backup_firm_id', type: 'int', get: (b) => b.backupFirmId },
      { name: 'backup_source', type: 'text', get: (b) => b.backupSource },
      { name: 'standard', type: 'text', get: (b) => b.standard },
      { name: 'state', type: 'text', get: (b) => b.state },
      { name: 'lead_time_weeks', type: 'int', get: (b) => b.leadTimeWeeks },
      { name: 'registered_period', type: 'text', get: (b) => b.registeredPeriod },
    ],
    dataset.backups ?? [],
  );
  const communities = await insertColumns(
    query,
    'enterprise_communities',
    [
      { name: 'id', type: 'int', get: (c) => c.id },
      { name: 'plan_id', type: 'text', get: () => planId },
      { name: 'chain_id', type: 'text', get: (c) => c.chainId },
      { name: 'name', type: 'text', get: (c) => c.name },
      { name: 'leader_firm_id', type: 'int', get: (c) => c.leaderFirmId },
      { name: 'founded_year', type: 'int', get: (c) => c.foundedYear },
    ],
    dataset.communities ?? [],
  );
  const communityMembers = await insertColumns(
    query,
    'community_members',
    [
      { name: 'community_id', type: 'int', get: (m) => m.communityId },
      { name: 'firm_id', type: 'int', get: (m) => m.firmId },
      { name: 'role', type: 'text', get: (m) => m.role },
    ],
    dataset.communityMembers ?? [],
  );
  const projects = await insertColumns(
    query,
    'chain_projects',
    [
      { name: 'id', type: 'int', get: (p) => p.id },
      { name: 'plan_id', type: 'text', get: () => planId },
      { name: 'name', type: 'text', get: (p) => p.name },
      { name: 'chain_id', type: 'text', get: (p) => p.chainId },
      { name: 'node_id', type: 'text', get: (p) => p.nodeId },
      { name: 'county_code', type: 'text', get: (p) => p.countyCode },
      { name: 'investment_yi', type: 'float8', get: (p) => p.investmentYi },
      { name: 'stage', type: 'text', get: (p) => p.stage },
      { name: 'start_year', type: 'int', get: (p) => p.startYear },
      { name: 'firm_id', type: 'int', get: (p) => p.firmId },
    ],
    dataset.projects ?? [],
  );
  const firstOfKind = await insertColumns(
    query,
    'first_of_kind_products',
    [
      { name: 'id', type: 'int', get: (p) => p.id },
      { name: 'plan_id', type: 'text', get: () => planId },
      { name: 'product', type: 'text', get: (p) => p.product },
      { name: 'firm_id', type: 'int', get: (p) => p.firmId },
      { name: 'node_id', type: 'text', get: (p) => p.nodeId },
      { name: 'chain_id', type: 'text', get: (p) => p.chainId },
      { name: 'year', type: 'int', get: (p) => p.year },
      { name: 'kind', type: 'text', get: (p) => p.kind },
      { name: 'level', type: 'text', get: (p) => p.level },
    ],
    dataset.firstOfKind ?? [],
  );
  const rollups = await rebuildChainOutputRollups(query, planId);
  return {
    firms,
    memberships,
    output,
    supplyLinks,
    customs,
    regionOutput,
    rollups,
    backups,
    communities,
    communityMembers,
    projects,
    firstOfKind,
  };
}

async function nextIdentity(query: RawQuery, table: string): Promise<number> {
  const rows = await query<{ n: number }>(`select coalesce(max(id), 0)::float8 + 1 as n from ${table}`);
  return rows[0]?.n ?? 1;
}

/** Moves the identity sequence past the ids assigned by the load. */
async function syncIdentity(query: RawQuery, table: string): Promise<void> {
  await query(
    `select setval(pg_get_serial_sequence('${table}', 'id'), greatest(coalesce((select max(id) from ${table}), 0), 1), (select count(*) > 0 from ${table}))`,
  );
}

/** PGlite reports itself in version(). */
async function isPglite(query: RawQuery): Promise<boolean> {
  const rows = await query<{ v: string }>('select version() as v');
  return /PGlite/i.test(rows[0]?.v ?? '');
}
