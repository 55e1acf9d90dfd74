import type { GrantView } from '../../api/auth.js';
import type { RegionSummaryRow } from '../../api/chains.js';

/**
 * The city to open the county tiles on: the reader's own (a city grant, or the city of a county grant),
 * else the city with the largest output this year. It was Hangzhou for everyone.
 */
export function defaultCity(
  grants: readonly GrantView[],
  cities: readonly RegionSummaryRow[],
  counties: readonly RegionSummaryRow[],
): string | null {
  for (const grant of grants) {
    if (!grant.region_code) continue;
    if (grant.role === 'city' && cities.some((c) => c.code === grant.region_code)) return grant.region_code;
    if (grant.role === 'county') {
      const parent = counties.find((c) => c.code === grant.region_code)?.parent;
      if (parent) return parent;
    }
  }
  let largest: RegionSummaryRow | undefined;
  for (const city of cities) {
    if ((city.ytd_output ?? -1) > (largest?.ytd_output ?? -1)) largest = city;
  }
  return largest?.code ?? null;
}
