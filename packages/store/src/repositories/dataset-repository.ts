import { cityCodeOf, type Dataset } from '@chainbrain/domain';
import type { RawQuery } from '../connection/open-database.js';
import { bulkInsert } from './bulk-insert.js';
import { rebuildChainOutputRollups } from './output-repository.js';

export type DatasetCounts = {
  firms: number;
  memberships: number;
  output: number;
  supplyLinks: number;
  customs: number;
  regionOutput: number;
  rollups: number;
};

/**
 * Replaces all firm-level facts of a plan with the dataset and rebuilds the rollups. Callers run it inside
 * a transaction so a failure leaves the previous data in place.
 */
export async function replaceDataset(query: RawQuery, dataset: Dataset): Promise<DatasetCounts> {
  const planId = dataset.planId;
  // Child rows go with their firms (on delete cascade).
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
  const output = await bulkInsert(
    query,
    'firm_output_monthly',
    [
      { name: 'firm_id', type: 'int' },
      { name: 'period', type: 'text' },
      { name: 'value_yuan', type: 'bigint' },
    ],
    dataset.output.map((o) => [o.firmId, o.period, o.valueYuan]),
  );
  const supplyLinks = await bulkInsert(
    query,
    'supply_links',
    [
      { name: 'supplier_firm_id', type: 'int' },
      { name: 'supplier_source', type: 'text' },
      { name: 'buyer_firm_id', type: 'int' },
      { name: 'period', type: 'text' },
      { name: 'value_yuan', type: 'bigint' },
      { name: 'source', type: 'text' },
    ],
    dataset.supplyLinks.map((l) => [
      l.supplierFirmId,
      l.supplierSource,
      l.buyerFirmId,
      l.period,
      l.valueYuan,
      l.source,
    ]),
  );
  const customs = await bulkInsert(
    query,
    'customs_records',
    [
      { name: 'firm_id', type: 'int' },
      { name: 'hs_code', type: 'text' },
      { name: 'country', type: 'text' },
      { name: 'direction', type: 'text' },
      { name: 'period', type: 'text' },
      { name: 'value_yuan', type: 'bigint' },
    ],
    dataset.customs.map((c) => [c.firmId, c.hsCode, c.country, c.direction, c.period, c.valueYuan]),
  );
  const regionOutput = await bulkInsert(
    query,
    'region_industry_output',
    [
      { name: 'region_code', type: 'text' },
      { name: 'period', type: 'text' },
      { name: 'value_yuan', type: 'bigint' },
    ],
    dataset.regionOutput.map((r) => [r.regionCode, r.period, r.valueYuan]),
  );
  const rollups = await rebuildChainOutputRollups(query, planId);
  return { firms, memberships, output, supplyLinks, customs, regionOutput, rollups };
}
