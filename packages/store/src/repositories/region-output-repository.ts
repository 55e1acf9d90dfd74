import type { RawQuery } from '../connection/open-database.js';
import type { PeriodWindows } from './output-repository.js';

export type RegionOutputRow = {
  regionCode: string;
  monthYuan: number;
  ytdYuan: number;
  ytdPrevYuan: number;
  prevMonthsReported: number;
  firmCount: number;
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
    `select ${column} as "regionCode",
       coalesce(sum(value_yuan) filter (where period = $2), 0)::float8 as "monthYuan",
       coalesce(sum(value_yuan) filter (where period between $3 and $2), 0)::float8 as "ytdYuan",
       coalesce(sum(value_yuan) filter (where period between $4 and $5), 0)::float8 as "ytdPrevYuan",
       count(distinct period) filter (where period between $4 and $5)::int as "prevMonthsReported",
       coalesce(max(firm_count) filter (where period = $2), 0)::int as "firmCount"
     from chain_output_rollups
     where plan_id = $1 and period between $4 and $2 ${chainFilter}
     group by ${column}`,
    params,
  );
}

/**
 * A cell of the dashboards for disclosure control: a county (cityCode set too), a city (countyCode null)
 * or the province (both null), in one chain or all (chainId null); the fewest firms that reported in any
 * month of the period (months without any left out), and the output over it.
 */
export type OutputCell = {
  countyCode: string | null;
  cityCode: string | null;
  chainId: string | null;
  firms: number;
  valueYuan: number;
};

/** Every county, city and province cell in every chain and all chains over a period, from the rollups. */
export function outputCells(
  query: RawQuery,
  planId: string,
  fromPeriod: string,
  toPeriod: string,
): Promise<OutputCell[]> {
  return query<OutputCell>(
    `with monthly as (
       select county_code, city_code, chain_id, period, sum(value_yuan) as value_yuan, sum(firm_count) as firms,
         grouping(county_code, city_code, chain_id) as level
       from chain_output_rollups
       where plan_id = $1 and period between $2 and $3
       group by grouping sets ((county_code, city_code, chain_id, period), (county_code, city_code, period),
         (city_code, chain_id, period), (city_code, period), (chain_id, period), (period)))
     select county_code as "countyCode", city_code as "cityCode", chain_id as "chainId",
       coalesce(min(firms) filter (where firms > 0), 0)::int as firms, sum(value_yuan)::float8 as "valueYuan"
     from monthly
     group by level, county_code, city_code, chain_id`,
    [planId, fromPeriod, toPeriod],
  );
}
