import type { FirmScope } from '@chainbrain/domain';
import type { RawQuery } from '../connection/open-database.js';
import { firmScopeCondition } from './firm-scope-sql.js';

/** A firm's purchases from one supplier (a firm, or a source id such as `ext:JP:<node>`) in one year. */
export type PurchaseRow = {
  supplierFirmId: number | null;
  supplierSource: string | null;
  /** The supplying firm's primary node; null for a source, whose id names its node. */
  supplierNodeId: string | null;
  supplierName: string | null;
  valueYuan: number;
};

/**
 * The buyer's purchases in its latest calendar year of supply links (links are yearly or monthly; a
 * year's are summed per supplier), and that year; no year when it has none.
 */
export async function latestYearPurchases(
  query: RawQuery,
  buyerFirmId: number,
): Promise<{ year: string | null; rows: PurchaseRow[] }> {
  const [latest] = await query<{ year: string | null }>(
    'select max(substr(period, 1, 4)) as year from supply_links where buyer_firm_id = $1',
    [buyerFirmId],
  );
  const year = latest?.year ?? null;
  if (!year) return { year: null, rows: [] };
  const rows = await query<PurchaseRow>(
    `select l.supplier_firm_id as "supplierFirmId", l.supplier_source as "supplierSource",
            s.primary_node_id as "supplierNodeId", s.name as "supplierName",
            sum(l.value_yuan)::float8 as "valueYuan"
     from supply_links l left join firms s on s.id = l.supplier_firm_id
     where l.buyer_firm_id = $1 and substr(l.period, 1, 4) = $2
     group by 1, 2, 3, 4 order by 5 desc, 1, 2`,
    [buyerFirmId, year],
  );
  return { year, rows };
}

/** A registered backup supplier of the buyer for one input node (同准 same / 降准 lower standard). */
export type BackupRow = {
  id: number;
  inputNodeId: string;
  backupFirmId: number | null;
  backupSource: string | null;
  backupName: string | null;
  standard: 'same' | 'lower';
  state: 'registered' | 'qualifying' | 'qualified';
  leadTimeWeeks: number;
};

export async function firmBackups(query: RawQuery, buyerFirmId: number): Promise<BackupRow[]> {
  return query<BackupRow>(
    `select b.id::int as id, b.input_node_id as "inputNodeId", b.backup_firm_id as "backupFirmId",
            b.backup_source as "backupSource", s.name as "backupName", b.standard, b.state,
            b.lead_time_weeks as "leadTimeWeeks"
     from backup_suppliers b left join firms s on s.id = b.backup_firm_id
     where b.buyer_firm_id = $1 order by b.input_node_id, b.id`,
    [buyerFirmId],
  );
}

/** Names of nodes, and how essential each is as an input of `toNode` (0–2; null when no edge says). */
export async function inputNodes(
  query: RawQuery,
  planId: string,
  nodeIds: readonly string[],
  toNode: string,
): Promise<
  Array<{ id: string; nameZh: string; nameEn: string; essentiality: number | null; hsCodes: string[] }>
> {
  if (nodeIds.length === 0) return [];
  return query(
    `select n.id, n.name_zh as "nameZh", n.name_en as "nameEn", e.essentiality::int as essentiality,
            n.hs_codes as "hsCodes"
     from chain_nodes n
     left join node_edges e on e.plan_id = n.plan_id and e.from_node = n.id and e.to_node = $3
     where n.plan_id = $1 and n.id = any($2::text[])`,
    [planId, [...nodeIds], toNode],
  );
}

/** Which of the given firms the scope reads (to name a supplier only to those who may see it). */
export async function firmIdsInScope(
  query: RawQuery,
  scope: FirmScope,
  planId: string,
  ids: readonly number[],
): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const params: unknown[] = [planId, [...ids]];
  const scopeSql = firmScopeCondition(scope, 'f', params);
  const rows = await query<{ id: number }>(
    `select f.id from firms f where f.plan_id = $1 and f.id = any($2::int[]) and ${scopeSql}`,
    params,
  );
  return new Set(rows.map((r) => r.id));
}
