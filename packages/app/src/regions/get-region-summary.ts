import { addMonths, EMPTY_SCOPE, type FirmScope } from '@chainbrain/domain';
import { type Database, listChains, listRegions, sumRegionOutputWindows } from '@chainbrain/store';
import { suppressionFor } from '../disclosure/suppression-for.js';
import { ALL_CHAINS } from '../disclosure/suppression-table.js';
import { notFound } from '../errors.js';
import { requireDataMonth } from '../plans/data-months.js';

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
 * Cells resting on one or two firms outside the caller's scope are hidden, with those that would give
 * them back (disclosure/suppression-table.ts).
 */
export async function getRegionSummary(
  database: Database,
  planId: string,
  month: string,
  chainId?: string,
  scope: FirmScope = EMPTY_SCOPE,
): Promise<RegionSummary> {
  await requireDataMonth(database, planId, month);
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
  const [regions, cityRows, countyRows, suppression] = await Promise.all([
    listRegions(database.query),
    sumRegionOutputWindows(database.query, planId, 'city', windows, chainId),
    sumRegionOutputWindows(database.query, planId, 'county', windows, chainId),
    suppressionFor(database, planId, scope),
  ]);
  const sums = new Map([...cityRows, ...countyRows].map((r) => [r.regionCode, r]));
  const rows = (level: 'city' | 'county') =>
    regions
      .filter((r) => r.level === level)
      .map((r): RegionSummaryRow => {
        const names = { code: r.code, level, parent: r.parent, nameZh: r.name_zh, nameEn: r.name_en };
        if (suppression.regionHidden(r.code, chainId ?? ALL_CHAINS)) {
          return { ...names, monthOutput: null, ytdOutput: null, ytdYoyPct: null, suppressed: true };
        }
        const s = sums.get(r.code);
        const ytd = (s?.ytdYuan ?? 0) / YI;
        const prev = s && s.prevMonthsReported > 0 ? s.ytdPrevYuan / YI : 0;
        return {
          ...names,
          monthOutput: (s?.monthYuan ?? 0) / YI,
          ytdOutput: ytd,
          ytdYoyPct: prev > 0 ? (ytd / prev - 1) * 100 : null,
          suppressed: false,
        };
      });
  return { month, chainId: chainId ?? null, cities: rows('city'), counties: rows('county') };
}
