import type { RawQuery } from '../connection/open-database.js';
import type { PeriodWindows } from './output-repository.js';

export type RegionOutputRow = {
  regionCode: string;
  monthYuan: number;
  ytdYuan: number;
  ytdPrevYuan: number;
  prevMonthsReported: number;
  /** Firms reporting in the month. */
  firmCount: number;
  /** Fewest firms behind any month shown (the month, the year to date, a year earlier); 0 when none. */
  minFirms: number;
};

/**
 * Output of every city or every county over the dashboard windows, from the rollups; one chain or all.
 * Regions with no output are included by the caller from the region table.
 */
export async function sumRegionOutputWindows(
  query: RawQuery,
  planId: string,
  level: 'city' | 'county',
  windows: Omit<PeriodWindows, 'trailingFrom'>,
  chainId?: string,
): Promise<RegionOutputRow[]> {
  const column = level === 'city' ? 'city_code' : 'county_code';
  const params: unknown[] = [planId, windows.month, windows.ytdFrom, windows.prevFrom, windows.prevTo];
  let chainFilter = '';
  if (chainId) {
    params.push(chainId);
    chainFilter = `and chain_id = $${params.length}`;
  }
  return query<RegionOutputRow>(
    `with per_period as (
       select ${column} as region, period, sum(value_yuan) as value_yuan, sum(firm_count) as firms
       from chain_output_rollups
       where plan_id = $1 and period between $4 and $2 ${chainFilter}
       group by ${column}, period)
     select region as "regionCode",
       coalesce(sum(value_yuan) filter (where period = $2), 0)::float8 as "monthYuan",
       coalesce(sum(value_yuan) filter (where period between $3 and $2), 0)::float8 as "ytdYuan",
       coalesce(sum(value_yuan) filter (where period between $4 and $5), 0)::float8 as "ytdPrevYuan",
       count(distinct period) filter (where period between $4 and $5)::int as "prevMonthsReported",
       coalesce(max(firms) filter (where period = $2), 0)::int as "firmCount",
       coalesce(min(firms) filter (where firms > 0 and (period between $3 and $2 or period between $4 and $5)), 0)::int
         as "minFirms"
     from per_period
     group by region`,
    params,
  );
}

/** One county's output in one chain and month, with the firms behind it (from the rollups). */
export type CountyChainMonth = {
  countyCode: string;
  cityCode: string;
  chainId: string;
  period: string;
  valueYuan: number;
  firms: number;
};

/** Every county × chain × month of a plan in a period: the cells disclosure control works on. */
export function countyChainMonths(
  query: RawQuery,
  planId: string,
  fromPeriod: string,
  toPeriod: string,
): Promise<CountyChainMonth[]> {
  return query<CountyChainMonth>(
    `select county_code as "countyCode", city_code as "cityCode", chain_id as "chainId", period,
       value_yuan::float8 as "valueYuan", firm_count as firms
     from chain_output_rollups where plan_id = $1 and period between $2 and $3`,
    [planId, fromPeriod, toPeriod],
  );
}
