import type { RawQuery } from '../connection/open-database.js';

export type NodeStatsRow = { nodeId: string; firmCount: number; outputYuan: number };

/**
 * Firms and output per node of a chain over a period: each firm counts in its primary node. Includes
 * nodes without any firm (count 0), which is how a gap in local coverage shows.
 */
export async function nodeStatsOfChain(
  query: RawQuery,
  planId: string,
  chainId: string,
  fromPeriod: string,
  toPeriod: string,
): Promise<NodeStatsRow[]> {
  return query<NodeStatsRow>(
    `select n.id as "nodeId", count(distinct f.id)::int as "firmCount", coalesce(sum(o.value_yuan), 0)::float8 as "outputYuan"
     from chain_nodes n
     left join firms f on f.plan_id = n.plan_id and f.primary_node_id = n.id
     left join firm_output_monthly o on o.firm_id = f.id and o.period between $3 and $4
     where n.plan_id = $1 and n.chain_id = $2
     group by n.id`,
    [planId, chainId, fromPeriod, toPeriod],
  );
}

/** Monthly output of one chain (whole province or one city/county), from the rollups. */
export async function chainMonthlyOutput(
  query: RawQuery,
  planId: string,
  chainId: string,
  fromPeriod: string,
  toPeriod: string,
): Promise<Array<{ period: string; valueYuan: number; firms: number }>> {
  return query(
    `select period, sum(value_yuan)::float8 as "valueYuan", sum(firm_count)::int as firms from chain_output_rollups
     where plan_id = $1 and chain_id = $2 and period between $3 and $4 group by period order by period`,
    [planId, chainId, fromPeriod, toPeriod],
  );
}

/** Monthly output of the firms whose primary node is `nodeId`. */
export async function nodeMonthlyOutput(
  query: RawQuery,
  planId: string,
  nodeId: string,
  fromPeriod: string,
  toPeriod: string,
): Promise<Array<{ period: string; valueYuan: number; firms: number }>> {
  return query(
    `select o.period, sum(o.value_yuan)::float8 as "valueYuan", count(distinct o.firm_id)::int as firms
     from firms f join firm_output_monthly o on o.firm_id = f.id
     where f.plan_id = $1 and f.primary_node_id = $2 and o.period between $3 and $4
     group by o.period order by o.period`,
    [planId, nodeId, fromPeriod, toPeriod],
  );
}

/** Imports of the given HS codes by origin country over a period (province-wide). */
export async function importsByOrigin(
  query: RawQuery,
  hsCodes: string[],
  fromPeriod: string,
  toPeriod: string,
): Promise<Array<{ country: string; valueYuan: number }>> {
  if (hsCodes.length === 0) return [];
  return query(
    `select country, sum(value_yuan)::float8 as "valueYuan" from customs_records
     where direction = 'import' and hs_code = any($1::char(6)[]) and period between $2 and $3
     group by country order by 2 desc`,
    [hsCodes, fromPeriod, toPeriod],
  );
}

/**
 * Customs totals of the given HS codes per calendar year, code, direction and country (province-wide),
 * for the import-dependency screens of one node or of every node of a chain map at once.
 */
export async function customsByYearAndCode(
  query: RawQuery,
  hsCodes: string[],
  fromPeriod: string,
  toPeriod: string,
): Promise<
  Array<{ year: string; hsCode: string; direction: 'import' | 'export'; country: string; valueYuan: number }>
> {
  if (hsCodes.length === 0) return [];
  return query(
    `select substr(period, 1, 4) as year, hs_code as "hsCode", direction, country,
            sum(value_yuan)::float8 as "valueYuan"
     from customs_records
     where hs_code = any($1::char(6)[]) and period between $2 and $3
     group by 1, 2, 3, 4 order by 1, 2, 3, 4`,
    [hsCodes, fromPeriod, toPeriod],
  );
}

/** Output per calendar year of the firms whose primary node is one of `nodeIds`, from the node rollups. */
export async function nodeOutputByYear(
  query: RawQuery,
  planId: string,
  nodeIds: string[],
  fromPeriod: string,
  toPeriod: string,
): Promise<Array<{ nodeId: string; year: string; valueYuan: number }>> {
  if (nodeIds.length === 0) return [];
  return query(
    `select node_id as "nodeId", substr(period, 1, 4) as year, sum(value_yuan)::float8 as "valueYuan"
     from node_output_rollups
     where plan_id = $1 and node_id = any($2::text[]) and period between $3 and $4
     group by 1, 2 order by 1, 2`,
    [planId, nodeIds, fromPeriod, toPeriod],
  );
}

/** The stored plan pack JSON (with chain maps), as it was loaded. */
export async function findPlanPackJson(
  query: RawQuery,
  planId: string,
): Promise<Record<string, unknown> | undefined> {
  const rows = await query<{ pack: Record<string, unknown> }>('select pack from plans where id = $1', [
    planId,
  ]);
  return rows[0]?.pack;
}
