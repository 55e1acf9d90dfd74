import type { RawQuery } from '../connection/open-database.js';

/**
 * Rebuilds the chain × county × month rollup of a plan from firm-level output, and the node × month one.
 * A firm's output counts in the chain of its primary node only, so chain totals never double count.
 */
export async function rebuildChainOutputRollups(query: RawQuery, planId: string): Promise<number> {
  await query('delete from chain_output_rollups where plan_id = $1', [planId]);
  const rows = await query<{ n: number }>(
    `with inserted as (
       insert into chain_output_rollups (plan_id, chain_id, county_code, city_code, period, value_yuan, firm_count)
       select f.plan_id, f.primary_chain_id, f.county_code, f.city_code, o.period, sum(o.value_yuan)::bigint, count(*)::int
       from firm_output_monthly o join firms f on f.id = o.firm_id
       where f.plan_id = $1
       group by f.plan_id, f.primary_chain_id, f.county_code, f.city_code, o.period
       returning 1)
     select count(*)::int as n from inserted`,
    [planId],
  );
  await query('delete from node_output_rollups where plan_id = $1', [planId]);
  await query(
    `insert into node_output_rollups (plan_id, node_id, chain_id, period, value_yuan, firm_count)
     select f.plan_id, f.primary_node_id, f.primary_chain_id, o.period, sum(o.value_yuan)::bigint, count(*)::int
     from firm_output_monthly o join firms f on f.id = o.firm_id
     where f.plan_id = $1
     group by f.plan_id, f.primary_node_id, f.primary_chain_id, o.period`,
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
  /** Fewest firms behind any month shown (month, year to date, a year earlier, 12 months); 0 when none. */
  minFirms: number;
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
    `with per_period as (
       select r.chain_id, r.period, sum(r.value_yuan) as value_yuan, sum(r.firm_count) as firms
       from chain_output_rollups r
       where r.plan_id = $1 and r.period between least($4, $6) and $2 ${regionFilter}
       group by r.chain_id, r.period)
     select c.id as "chainId",
       coalesce(sum(p.value_yuan) filter (where p.period = $2), 0)::float8 as "monthYuan",
       coalesce(sum(p.value_yuan) filter (where p.period between $3 and $2), 0)::float8 as "ytdYuan",
       coalesce(sum(p.value_yuan) filter (where p.period between $4 and $5), 0)::float8 as "ytdPrevYuan",
       count(distinct p.period) filter (where p.period between $4 and $5)::int as "prevMonthsReported",
       coalesce(sum(p.value_yuan) filter (where p.period between $6 and $2), 0)::float8 as "trailing12Yuan",
       coalesce(min(p.firms) filter (where p.firms > 0 and (p.period between $3 and $2
         or p.period between $4 and $5 or p.period between $6 and $2)), 0)::int as "minFirms"
     from chains c
     left join per_period p on p.chain_id = c.id
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
