import type { FirmScope } from '@chainbrain/domain';
import type { RawQuery } from '../connection/open-database.js';
import { firmScopeCondition } from './firm-scope-sql.js';

/** How many firms reported in each month, and the output summed over all months. */
export type FirmCountHistory = { periods: string[]; firms: number[]; valueYuan: number };

/** A county's history in one chain (firms counted in their primary chain). */
export type CountyChainHistory = FirmCountHistory & { countyCode: string; cityCode: string; chainId: string };

/** A node's history (firms counted in their primary node). */
export type NodeHistory = FirmCountHistory & { nodeId: string; chainId: string };

/** Every county × chain cell's monthly firm counts over the whole stored history, from the rollups. */
export function countyChainHistories(query: RawQuery, planId: string): Promise<CountyChainHistory[]> {
  // One row per cell with its months as arrays: a row per cell and month took 0.7–1.1 s on PGlite for
  // the full demo's 79,000 rollup rows, the arrays 0.2 s.
  return query<CountyChainHistory>(
    `select county_code as "countyCode", city_code as "cityCode", chain_id as "chainId",
       array_agg(period order by period) as periods, array_agg(firm_count order by period) as firms,
       sum(value_yuan)::float8 as "valueYuan"
     from chain_output_rollups where plan_id = $1
     group by county_code, city_code, chain_id`,
    [planId],
  );
}

/** Every node's monthly firm counts over the whole stored history, from the node rollups. */
export function nodeHistories(query: RawQuery, planId: string): Promise<NodeHistory[]> {
  return query<NodeHistory>(
    `select n.id as "nodeId", n.chain_id as "chainId",
       coalesce(array_agg(r.period order by r.period) filter (where r.period is not null), '{}') as periods,
       coalesce(array_agg(r.firm_count order by r.period) filter (where r.period is not null), '{}') as firms,
       coalesce(sum(r.value_yuan), 0)::float8 as "valueYuan"
     from chain_nodes n left join node_output_rollups r on r.plan_id = n.plan_id and r.node_id = n.id
     where n.plan_id = $1
     group by n.id, n.chain_id`,
    [planId],
  );
}

/** A firm the caller may read, with the cells it counts in. */
export type ReadableFirm = {
  id: number;
  countyCode: string;
  cityCode: string;
  chainId: string;
  nodeId: string;
};

/** The firms of a plan inside the caller's scope (firm-scope-sql.ts), without their figures. */
export function readableFirms(query: RawQuery, planId: string, scope: FirmScope): Promise<ReadableFirm[]> {
  const params: unknown[] = [planId];
  const condition = firmScopeCondition(scope, 'f', params);
  return query<ReadableFirm>(
    `select f.id, f.county_code as "countyCode", f.city_code as "cityCode",
       f.primary_chain_id as "chainId", f.primary_node_id as "nodeId"
     from firms f where f.plan_id = $1 and ${condition}`,
    params,
  );
}

/** How many of the given firms reported in each month, per county, primary chain and primary node. */
export function firmMonthCounts(
  query: RawQuery,
  firmIds: readonly number[],
): Promise<Array<{ countyCode: string; chainId: string; nodeId: string; period: string; firms: number }>> {
  if (firmIds.length === 0) return Promise.resolve([]);
  return query(
    `select f.county_code as "countyCode", f.primary_chain_id as "chainId", f.primary_node_id as "nodeId",
       o.period, count(*)::int as firms
     from firms f join firm_output_monthly o on o.firm_id = f.id
     where f.id = any($1::int[])
     group by f.county_code, f.primary_chain_id, f.primary_node_id, o.period`,
    [firmIds],
  );
}
