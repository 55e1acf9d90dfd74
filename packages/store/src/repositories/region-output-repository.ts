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
