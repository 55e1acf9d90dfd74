import { addMonths, cellsToSuppress, EMPTY_SCOPE, type FirmScope, scopeCoversCell } from '@chainbrain/domain';
import { type Database, listChains, listRegions, sumRegionOutputWindows } from '@chainbrain/store';
import { notFound } from '../errors.js';

const YI = 100_000_000;

export type RegionSummaryRow = {
  code: string;
  level: 'city' | 'county';
  parent: string | null;
  nameZh: string;
  nameEn: string;
  /** Null, like the two figures after it, when the cell is hidden (`suppressed`). */
  monthOutput: number | null;
  ytdOutput: number | null;
  ytdYoyPct: number | null;
  /** Hidden from this caller: it rests on one or two firms the caller may not see (disclosure.ts). */
  suppressed: boolean;
};

export type RegionSummary = {
  month: string;
  chainId: string | null;
  cities: RegionSummaryRow[];
  counties: RegionSummaryRow[];
};

/**
 * Output of each city and county (one chain or the ten together): month, year to date and year-on-year
 * growth of the year to date, 亿元. Every city and county appears, with zero where nothing is produced.
 * Cells resting on one or two firms outside the caller's scope are hidden, the counties of each city and
 * the cities of the province each being a group whose total is shown (disclosure.ts).
 */
export async function getRegionSummary(
  database: Database,
  planId: string,
  month: string,
  chainId?: string,
  scope: FirmScope = EMPTY_SCOPE,
): Promise<RegionSummary> {
  if (chainId && !(await listChains(database.query, planId)).some((c) => c.id === chainId)) {
    throw notFound(`产业链 ${chainId}`, `chain ${chainId}`);
  }
  const year = month.slice(0, 4);
  const windows = {
    month,
    ytdFrom: `${year}-01`,
    prevFrom: `${Number(year) - 1}-01`,
    prevTo: addMonths(month, -12),
  };
  const [regions, cityRows, countyRows] = await Promise.all([
    listRegions(database.query),
    sumRegionOutputWindows(database.query, planId, 'city', windows, chainId),
    sumRegionOutputWindows(database.query, planId, 'county', windows, chainId),
  ]);
  const sums = new Map([...cityRows, ...countyRows].map((r) => [r.regionCode, r]));
  const rows = (level: 'city' | 'county') =>
    regions
      .filter((r) => r.level === level)
      .map((r): RegionSummaryRow & { minFirms: number; covered: boolean } => {
        const s = sums.get(r.code);
        const ytd = (s?.ytdYuan ?? 0) / YI;
        const prev = s && s.prevMonthsReported > 0 ? s.ytdPrevYuan / YI : 0;
        return {
          code: r.code,
          level,
          parent: r.parent,
          nameZh: r.name_zh,
          nameEn: r.name_en,
          monthOutput: (s?.monthYuan ?? 0) / YI,
          ytdOutput: ytd,
          ytdYoyPct: prev > 0 ? (ytd / prev - 1) * 100 : null,
          suppressed: false,
          minFirms: s?.minFirms ?? 0,
          covered: scopeCoversCell(scope, {
            regionCode: r.code,
            cityCode: level === 'county' ? r.parent : null,
            chainId: chainId ?? null,
          }),
        };
      });
  const cities = rows('city');
  const counties = rows('county');
  // Counties first: a city whose counties would give a hidden one away is hidden, then the cities.
  for (const city of cities) {
    if (hideSmallCells(counties.filter((c) => c.parent === city.code))) hide(city);
  }
  hideSmallCells(cities);
  const publish = ({
    minFirms: _m,
    covered: _c,
    ...row
  }: RegionSummaryRow & { minFirms: number; covered: boolean }) => row;
  return { month, chainId: chainId ?? null, cities: cities.map(publish), counties: counties.map(publish) };
}

type Cell = RegionSummaryRow & { minFirms: number; covered: boolean };

/**
 * Hides, within one group of regions whose total is shown, the cells disclosure control requires; true
 * when the total must be hidden as well.
 */
function hideSmallCells(group: Cell[]): boolean {
  const { hidden, totalHidden } = cellsToSuppress(
    group.map((r) => ({
      firms: r.minFirms,
      value: r.ytdOutput ?? 0,
      covered: r.covered,
      hidden: r.suppressed,
    })),
  );
  for (const [k, row] of group.entries()) if (hidden[k]) hide(row);
  return totalHidden;
}

function hide(row: Cell): void {
  row.suppressed = true;
  row.monthOutput = null;
  row.ytdOutput = null;
  row.ytdYoyPct = null;
}
