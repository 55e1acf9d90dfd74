import {
  addMonths,
  type ChainOverview,
  EMPTY_SCOPE,
  type FirmScope,
  type OverviewResponse,
} from '@chainbrain/domain';
import { type Database, findPlan, listChains, listRegions, sumChainOutputWindows } from '@chainbrain/store';
import { suppressionFor } from '../disclosure/suppression-for.js';
import { ALL_CHAINS, PROVINCE } from '../disclosure/suppression-table.js';
import { notFound } from '../errors.js';
import { hasFullYearTo, requireDataMonth } from '../plans/data-months.js';
import { headlineOutputTarget } from '../plans/headline-target.js';

const YUAN_PER_YI = 100_000_000;

export type GetPlanOverviewOptions = {
  database: Database;
  planId: string;
  month: string;
  regionCode?: string;
  /** The caller's firm scope: figures resting on one or two firms outside it are hidden. */
  scope?: FirmScope;
};

/** Growth in percent, or null when the base is zero (a new chain has no year-on-year). */
function growthPct(current: number, previous: number): number | null {
  return previous > 0 ? (current / previous - 1) * 100 : null;
}

/**
 * The ten-chain dashboard for one month: output of the month and year to date (亿元), year-on-year growth
 * of the year to date against the same months a year earlier, and completion of the 2025 target measured
 * by the output of the 12 months ending at the month. Figures resting on one or two firms outside the
 * caller's scope are hidden, with those that would give them back (disclosure/suppression-table.ts).
 */
export async function getPlanOverview({
  database,
  planId,
  month,
  regionCode,
  scope = EMPTY_SCOPE,
}: GetPlanOverviewOptions): Promise<OverviewResponse> {
  const dataMonths = await requireDataMonth(database, planId, month);
  const plan = await findPlan(database.query, planId);
  if (!plan) throw notFound(`方案 ${planId}`, `plan ${planId}`);
  // A 12-month sum that reaches before the first stored month is partial: no completion from it.
  const fullYear = hasFullYearTo(dataMonths, month);
  // The plan's targets are the province's; a region's output against them is no completion.
  const provinceWide = !regionCode || regionCode.endsWith('0000');
  // An unknown region is a mistake to report, not a region without output.
  if (!provinceWide && !(await listRegions(database.query)).some((r) => r.code === regionCode)) {
    throw notFound(`地区 ${regionCode}`, `region ${regionCode}`);
  }
  const year = month.slice(0, 4);
  const windows = {
    month,
    ytdFrom: `${year}-01`,
    prevFrom: `${Number(year) - 1}-01`,
    prevTo: addMonths(month, -12),
    trailingFrom: addMonths(month, -11),
  };
  const [chainRows, sums] = await Promise.all([
    listChains(database.query, planId),
    sumChainOutputWindows(database.query, planId, windows, regionCode),
  ]);
  const byChain = new Map(sums.map((s) => [s.chainId, s]));
  const chains: ChainOverview[] = chainRows.map((chain) => {
    const s = byChain.get(chain.id);
    const ytd = (s?.ytdYuan ?? 0) / YUAN_PER_YI;
    const prev = s && s.prevMonthsReported > 0 ? s.ytdPrevYuan / YUAN_PER_YI : null;
    const trailing = (s?.trailing12Yuan ?? 0) / YUAN_PER_YI;
    return {
      chain_id: chain.id,
      name_zh: chain.nameZh,
      name_en: chain.nameEn,
      month_output: (s?.monthYuan ?? 0) / YUAN_PER_YI,
      ytd_output: ytd,
      ytd_output_prev: prev,
      ytd_yoy_pct: prev === null ? null : growthPct(ytd, prev),
      target_2025: chain.target2025,
      trailing_12m_output: fullYear ? trailing : null,
      completion_pct: fullYear && provinceWide ? (trailing / chain.target2025) * 100 : null,
      suppressed: false,
    };
  });
  const suppression = await suppressionFor(database, planId, scope);
  const region = regionCode && !regionCode.endsWith('0000') ? regionCode : PROVINCE;
  const hide = chains.map((c) => suppression.regionHidden(region, c.chain_id));
  const totalHidden = suppression.regionHidden(region, ALL_CHAINS);
  const sum = (pick: (c: ChainOverview) => number | null) =>
    chains.reduce((acc, c) => acc + (pick(c) ?? 0), 0);
  const prevKnown = chains.some((c) => c.ytd_output_prev !== null);
  const totalPrev = prevKnown ? sum((c) => c.ytd_output_prev) : null;
  const totalYtd = sum((c) => c.ytd_output);
  const totalTrailing = sum((c) => c.trailing_12m_output);
  // The plan's own target for the chains' total output when it states one (60,000 亿元 for the ten
  // chains, while their own targets add up to 64,500: the plan counts a firm in more than one chain).
  const headline = await headlineOutputTarget(database, planId);
  const totalTarget = headline ?? sum((c) => c.target_2025);
  return {
    plan_id: planId,
    month,
    unit: '亿元',
    chains: chains.map((c, k) => (hide[k] ? hidden(c) : c)),
    totals: totalHidden
      ? {
          month_output: null,
          ytd_output: null,
          ytd_output_prev: null,
          ytd_yoy_pct: null,
          trailing_12m_output: null,
          target_2025: totalTarget,
          target_basis: headline === undefined ? 'sum_of_chains' : 'plan_headline',
          completion_pct: null,
          suppressed: true,
        }
      : {
          month_output: sum((c) => c.month_output),
          ytd_output: totalYtd,
          ytd_output_prev: totalPrev,
          ytd_yoy_pct: totalPrev === null ? null : growthPct(totalYtd, totalPrev),
          trailing_12m_output: fullYear ? totalTrailing : null,
          target_2025: totalTarget,
          target_basis: headline === undefined ? 'sum_of_chains' : 'plan_headline',
          completion_pct: fullYear && provinceWide ? (totalTrailing / totalTarget) * 100 : null,
          suppressed: false,
        },
  };
}

/** A chain's row with every figure but its target taken out. */
function hidden(c: ChainOverview): ChainOverview {
  return {
    ...c,
    month_output: null,
    ytd_output: null,
    ytd_output_prev: null,
    ytd_yoy_pct: null,
    trailing_12m_output: null,
    completion_pct: null,
    suppressed: true,
  };
}
