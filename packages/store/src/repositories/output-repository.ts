import type { RawQuery } from '../connection/open-database.js';
import { bumpDataVersion } from './reference-repository.js';

/**
 * The two largest firms' output of a group, for the dominance rule of disclosure control (ADR 0015, fourth
 * amendment). Sorting each group's values cost about as much as `max` alone on the full demo.
 */
const TOP_TWO = '(array_agg(o.value_yuan order by o.value_yuan desc))[1:2] as top';

/**
 * Rebuilds the chain × county × month rollup of a plan from firm-level output, the node × month one and
 * the node × county histories.
 * A firm's output counts in the chain of its primary node only, so chain totals never double count.
 */
export async function rebuildChainOutputRollups(query: RawQuery, planId: string): Promise<number> {
  await bumpDataVersion(query);
  await query('delete from chain_output_rollups where plan_id = $1', [planId]);
  const rows = await query<{ n: number }>(
    `with inserted as (
       insert into chain_output_rollups
         (plan_id, chain_id, county_code, city_code, period, value_yuan, firm_count, top1_yuan, top2_yuan)
       select plan_id, primary_chain_id, county_code, city_code, period, value_yuan, firm_count,
         top[1], coalesce(top[2], 0)
       from (
         select f.plan_id, f.primary_chain_id, f.county_code, f.city_code, o.period,
           sum(o.value_yuan)::bigint as value_yuan, count(*)::int as firm_count, ${TOP_TWO}
         from firm_output_monthly o join firms f on f.id = o.firm_id
         where f.plan_id = $1
         group by f.plan_id, f.primary_chain_id, f.county_code, f.city_code, o.period) cells
       returning 1)
     select count(*)::int as n from inserted`,
    [planId],
  );
  await query('delete from node_output_rollups where plan_id = $1', [planId]);
  await query(
    `insert into node_output_rollups
       (plan_id, node_id, chain_id, period, value_yuan, firm_count, top1_yuan, top2_yuan)
     select plan_id, primary_node_id, primary_chain_id, period, value_yuan, firm_count, top[1], coalesce(top[2], 0)
     from (
       select f.plan_id, f.primary_node_id, f.primary_chain_id, o.period,
         sum(o.value_yuan)::bigint as value_yuan, count(*)::int as firm_count, ${TOP_TWO}
       from firm_output_monthly o join firms f on f.id = o.firm_id
       where f.plan_id = $1
       group by f.plan_id, f.primary_node_id, f.primary_chain_id, o.period) cells`,
    [planId],
  );
  await query('delete from node_county_histories where plan_id = $1', [planId]);
  await query(
    `insert into node_county_histories
       (plan_id, node_id, county_code, periods, firms, values_yuan, top1_yuan, top2_yuan)
     select plan_id, node_id, county_code, array_agg(period order by period), array_agg(firms order by period),
       array_agg(value order by period), array_agg(top[1] order by period),
       array_agg(coalesce(top[2], 0) order by period)
     from (
       select f.plan_id, f.primary_node_id as node_id, f.county_code, o.period, count(*)::int as firms,
         sum(o.value_yuan)::bigint as value, ${TOP_TWO}
       from firm_output_monthly o join firms f on f.id = o.firm_id
       where f.plan_id = $1
       group by f.plan_id, f.primary_node_id, f.county_code, o.period) monthly
     group by plan_id, node_id, county_code`,
    [planId],
  );
  return rows[0]?.n ?? 0;
}

export type ChainPeriodSums = {
  chainId: string;
  monthYuan: number;
  ytdYuan: number;
  ytdPrevYuan: number;
  prevMonthsReported: number;
  trailing12Yuan: number;
};

export type PeriodWindows = {
  month: string;
  ytdFrom: string;
  prevFrom: string;
  prevTo: string;
  trailingFrom: string;
};

/**
 * Sums chain output over the windows of one dashboard month, from the rollups.
 * `regionCode` restricts to a city (xxxx00) or a county; absent means the whole province.
 */
export async function sumChainOutputWindows(
  query: RawQuery,
  planId: string,
  windows: PeriodWindows,
  regionCode?: string,
): Promise<ChainPeriodSums[]> {
  const params: unknown[] = [
    planId,
    windows.month,
    windows.ytdFrom,
    windows.prevFrom,
    windows.prevTo,
    windows.trailingFrom,
  ];
  let regionFilter = '';
  if (regionCode && !regionCode.endsWith('0000')) {
    params.push(regionCode);
    regionFilter = regionCode.endsWith('00')
      ? `and r.city_code = $${params.length}`
      : `and r.county_code = $${params.length}`;
  }
  return query<ChainPeriodSums>(
    `select c.id as "chainId",
       coalesce(sum(r.value_yuan) filter (where r.period = $2), 0)::float8 as "monthYuan",
       coalesce(sum(r.value_yuan) filter (where r.period between $3 and $2), 0)::float8 as "ytdYuan",
       coalesce(sum(r.value_yuan) filter (where r.period between $4 and $5), 0)::float8 as "ytdPrevYuan",
       count(distinct r.period) filter (where r.period between $4 and $5)::int as "prevMonthsReported",
       coalesce(sum(r.value_yuan) filter (where r.period between $6 and $2), 0)::float8 as "trailing12Yuan"
     from chains c
     left join chain_output_rollups r on r.plan_id = c.plan_id and r.chain_id = c.id
       and r.period between least($4, $6) and $2 ${regionFilter}
     where c.plan_id = $1
     group by c.id, c.sort_order
     order by c.sort_order`,
    params,
  );
}

/** The latest month with any output of the plan, or undefined when there is none. */
export async function latestOutputPeriod(query: RawQuery, planId: string): Promise<string | undefined> {
  const rows = await query<{ period: string | null }>(
    'select max(period) as period from chain_output_rollups where plan_id = $1',
    [planId],
  );
  return rows[0]?.period ?? undefined;
}

/** The earliest month with any output of the plan, or undefined when there is none. */
export async function firstOutputPeriod(query: RawQuery, planId: string): Promise<string | undefined> {
  const rows = await query<{ period: string | null }>(
    'select min(period) as period from chain_output_rollups where plan_id = $1',
    [planId],
  );
  return rows[0]?.period ?? undefined;
}
