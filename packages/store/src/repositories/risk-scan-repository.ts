import type { RawQuery } from '../connection/open-database.js';
import type { BackupRow, PurchaseRow } from './supply-repository.js';

/**
 * What the risk scan reads: every firm's purchases of its latest year, every registered backup, the
 * chain maps' input edges. Read whole, once per scan, instead of firm by firm (ADR 0021).
 */

export type ScanFirm = {
  id: number;
  name: string;
  countyCode: string;
  cityCode: string;
  primaryNodeId: string;
  primaryChainId: string;
  sizeClass: string;
  tags: string[];
};

export async function scanFirms(query: RawQuery, planId: string): Promise<ScanFirm[]> {
  return query<ScanFirm>(
    `select id, name, county_code as "countyCode", city_code as "cityCode",
            primary_node_id as "primaryNodeId", primary_chain_id as "primaryChainId",
            size_class as "sizeClass", tags
     from firms where plan_id = $1 order by id`,
    [planId],
  );
}

/** The buyers' purchases in each one's latest calendar year, summed per supplier (as latestYearPurchases). */
export async function scanPurchases(
  query: RawQuery,
  buyerFirmIds: readonly number[],
): Promise<Array<PurchaseRow & { buyerFirmId: number; year: string }>> {
  if (buyerFirmIds.length === 0) return [];
  return query(
    `with latest as (
       select l.buyer_firm_id, max(substr(l.period, 1, 4)) as year
       from supply_links l where l.buyer_firm_id = any($1::int[]) group by 1)
     select l.buyer_firm_id as "buyerFirmId", latest.year,
            l.supplier_firm_id as "supplierFirmId", l.supplier_source as "supplierSource",
            s.primary_node_id as "supplierNodeId", null::text as "supplierName",
            sum(l.value_yuan)::float8 as "valueYuan"
     from supply_links l
     join latest on latest.buyer_firm_id = l.buyer_firm_id and substr(l.period, 1, 4) = latest.year
     left join firms s on s.id = l.supplier_firm_id
     group by 1, 2, 3, 4, 5 order by 1, 7 desc, 3, 4`,
    [[...buyerFirmIds]],
  );
}

export async function scanBackups(
  query: RawQuery,
  buyerFirmIds: readonly number[],
): Promise<Array<BackupRow & { buyerFirmId: number }>> {
  if (buyerFirmIds.length === 0) return [];
  return query(
    `select b.buyer_firm_id as "buyerFirmId", b.id::int as id, b.input_node_id as "inputNodeId",
            b.backup_firm_id as "backupFirmId", b.backup_source as "backupSource",
            null::text as "backupName", b.standard, b.state, b.lead_time_weeks as "leadTimeWeeks"
     from backup_suppliers b
     where b.buyer_firm_id = any($1::int[]) order by b.buyer_firm_id, b.input_node_id, b.id`,
    [[...buyerFirmIds]],
  );
}

/** The plan's nodes with their names and chain, and every input edge's essentiality. */
export async function scanNodes(
  query: RawQuery,
  planId: string,
): Promise<{
  nodes: Array<{ id: string; chainId: string; nameZh: string; nameEn: string; hsCodes: string[] }>;
  edges: Array<{ fromNode: string; toNode: string; essentiality: number }>;
}> {
  const [nodes, edges] = await Promise.all([
    query<{ id: string; chainId: string; nameZh: string; nameEn: string; hsCodes: string[] }>(
      `select id, chain_id as "chainId", name_zh as "nameZh", name_en as "nameEn", hs_codes as "hsCodes"
       from chain_nodes where plan_id = $1`,
      [planId],
    ),
    query<{ fromNode: string; toNode: string; essentiality: number }>(
      `select from_node as "fromNode", to_node as "toNode", essentiality::int as essentiality
       from node_edges where plan_id = $1`,
      [planId],
    ),
  ]);
  return { nodes, edges };
}
