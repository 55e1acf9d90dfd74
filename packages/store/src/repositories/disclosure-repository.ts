import type { FirmScope } from '@chainbrain/domain';
import type { RawQuery } from '../connection/open-database.js';
import { firmScopeCondition } from './firm-scope-sql.js';

/** How many firms reported in each month, and the output summed over all months. */
export type FirmCountHistory = { periods: string[]; firms: number[]; valueYuan: number };

/**
 * A cell's output in each month with its two largest firms' (0 where there are fewer), for the dominance
 * rule (ADR 0015, fourth amendment). Parallel to `periods`.
 */
export type MonthlyTop = { values: number[]; top1: number[]; top2: number[] };

/** A county's history in one chain (firms counted in their primary chain). */
export type CountyChainHistory = FirmCountHistory &
  MonthlyTop & { countyCode: string; cityCode: string; chainId: string };

/** A node's history (firms counted in their primary node). */
export type NodeHistory = FirmCountHistory & MonthlyTop & { nodeId: string; chainId: string };

/** Every county × chain cell's monthly firm counts over the whole stored history, from the rollups. */
export function countyChainHistories(query: RawQuery, planId: string): Promise<CountyChainHistory[]> {
  // One row per cell with its months as arrays: a row per cell and month took 0.7–1.1 s on PGlite for
  // the full demo's 79,000 rollup rows, the arrays 0.2 s.
  return query<CountyChainHistory>(
    `select county_code as "countyCode", city_code as "cityCode", chain_id as "chainId",
       array_agg(period order by period) as periods, array_agg(firm_count order by period) as firms,
       sum(value_yuan)::float8 as "valueYuan", array_agg(value_yuan::float8 order by period) as values,
       array_agg(top1_yuan::float8 order by period) as top1, array_agg(top2_yuan::float8 order by period) as top2
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
       coalesce(sum(r.value_yuan), 0)::float8 as "valueYuan",
       coalesce(array_agg(r.value_yuan::float8 order by r.period) filter (where r.period is not null), '{}')
         as values,
       coalesce(array_agg(r.top1_yuan::float8 order by r.period) filter (where r.period is not null), '{}')
         as top1,
       coalesce(array_agg(r.top2_yuan::float8 order by r.period) filter (where r.period is not null), '{}')
         as top2
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

/** How many of the given firms reported in each month, and their output, per county, primary chain and node. */
export function firmMonthCounts(
  query: RawQuery,
  firmIds: readonly number[],
): Promise<
  Array<{ countyCode: string; chainId: string; nodeId: string; period: string; firms: number; value: number }>
> {
  if (firmIds.length === 0) return Promise.resolve([]);
  return query(
    `select f.county_code as "countyCode", f.primary_chain_id as "chainId", f.primary_node_id as "nodeId",
       o.period, count(*)::int as firms, sum(o.value_yuan)::float8 as value
     from firms f join firm_output_monthly o on o.firm_id = f.id
     where f.id = any($1::int[])
     group by f.county_code, f.primary_chain_id, f.primary_node_id, o.period`,
    [firmIds],
  );
}

/**
 * Every node × county pair's months (primary node): firms, output and the two largest firms' output, from
 * the histories kept with the rollups. An official reads the firms of their county or city inside every
 * node, so what they cannot read of a node is the other counties' firms (ADR 0015, fourth amendment).
 */
export function nodeCountyHistories(
  query: RawQuery,
  planId: string,
): Promise<Array<{ nodeId: string; countyCode: string } & Omit<FirmCountHistory, 'valueYuan'> & MonthlyTop>> {
  return query(
    `select node_id as "nodeId", county_code as "countyCode", periods, firms,
       values_yuan::float8[] as values, top1_yuan::float8[] as top1, top2_yuan::float8[] as top2
     from node_county_histories where plan_id = $1`,
    [planId],
  );
}

/**
 * Firms listed under a node of another chain than their own (a chain leader of that chain reads them),
 * as monthly counts per listing chain and the cell they count in (county, primary chain, primary node).
 */
export function listedFirmMonths(
  query: RawQuery,
  planId: string,
): Promise<
  Array<{
    listingChainId: string;
    countyCode: string;
    chainId: string;
    nodeId: string;
    periods: string[];
    firms: number[];
    /** Their output in each month. */
    values: number[];
  }>
> {
  return query(
    `with listed as (
       select distinct fn.firm_id, cn.chain_id as listing_chain_id
       from firm_nodes fn join chain_nodes cn on cn.plan_id = fn.plan_id and cn.id = fn.node_id
       where fn.plan_id = $1 and not fn.is_primary),
     monthly as (
       select l.listing_chain_id, f.county_code, f.primary_chain_id, f.primary_node_id, o.period,
         count(*)::int as firms, sum(o.value_yuan)::float8 as value
       from listed l join firms f on f.id = l.firm_id and f.primary_chain_id <> l.listing_chain_id
       join firm_output_monthly o on o.firm_id = f.id
       group by l.listing_chain_id, f.county_code, f.primary_chain_id, f.primary_node_id, o.period)
     select listing_chain_id as "listingChainId", county_code as "countyCode", primary_chain_id as "chainId",
       primary_node_id as "nodeId", array_agg(period order by period) as periods,
       array_agg(firms order by period) as firms, array_agg(value order by period) as values
     from monthly group by listing_chain_id, county_code, primary_chain_id, primary_node_id`,
    [planId],
  );
}

/** The grants of every active user, to know whose knowledge the shown figures must withstand. */
export async function activeUserGrants(
  query: RawQuery,
): Promise<
  Map<
    number,
    Array<{ role: string; regionCode: string | null; chainId: string | null; firmId: number | null }>
  >
> {
  const rows = await query<{
    userId: number;
    role: string;
    regionCode: string | null;
    chainId: string | null;
    firmId: number | null;
  }>(
    `select g.user_id as "userId", g.role, g.region_code as "regionCode", g.chain_id as "chainId",
       g.firm_id as "firmId"
     from grants g join users u on u.id = g.user_id where u.is_active = 1 order by g.user_id, g.id`,
  );
  const byUser = new Map<number, Array<Omit<(typeof rows)[number], 'userId'>>>();
  for (const { userId, ...grant } of rows) byUser.set(userId, [...(byUser.get(userId) ?? []), grant]);
  return byUser;
}

/** The cells hidden so far for a plan's current dataset (schema: disclosureFloor). */
export async function disclosureFloor(query: RawQuery, planId: string): Promise<string[]> {
  const rows = await query<{ cellKey: string }>(
    'select cell_key as "cellKey" from disclosure_floor where plan_id = $1 order by cell_key',
    [planId],
  );
  return rows.map((r) => r.cellKey);
}

/** How many cells a plan's floor holds: it only grows while a dataset stands, so the size tells its state. */
export async function disclosureFloorSize(query: RawQuery, planId: string): Promise<number> {
  const rows = await query<{ n: number }>(
    'select count(*)::int as n from disclosure_floor where plan_id = $1',
    [planId],
  );
  return rows[0]?.n ?? 0;
}

/** Adds cells to a plan's floor; cells already there stay as they are. */
export async function extendDisclosureFloor(
  query: RawQuery,
  planId: string,
  cellKeys: readonly string[],
): Promise<void> {
  if (cellKeys.length === 0) return;
  await query(
    `insert into disclosure_floor (plan_id, cell_key) select $1, unnest($2::text[])
     on conflict do nothing`,
    [planId, [...cellKeys]],
  );
}
