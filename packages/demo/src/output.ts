import type { OutputRecord, RegionOutputRecord, SizeClass } from '@chainbrain/domain';
import {
  COMPLETION_2025,
  GROWTH_2019_2025,
  GROWTH_AFTER_2025,
  MONTH_SEASONALITY,
  SHOCK_2020,
  SIZE_THRESHOLDS_YI,
  TAGS,
  TEN_CHAIN_SHARE,
} from './calibration.js';
import type { DemoFirm } from './firms.js';
import type { GenContext } from './model.js';
import type { Random } from './random.js';

export const YUAN_PER_YI = 100_000_000;

function trendAndSeason(chainId: string, year: number, month: number): number {
  const g = GROWTH_2019_2025[chainId] ?? 0.08;
  const t = year + (month - 0.5) / 12 - 2025.5;
  const trend = t <= 0 ? (1 + g) ** t : (1 + GROWTH_AFTER_2025) ** t;
  return trend * (MONTH_SEASONALITY[month - 1] ?? 1);
}

/**
 * Output of a chain in a month, 亿元: exponential trend, seasonality and the early-2020 dip, scaled so that
 * the chain's 2025 total is exactly its target × its calibrated 2025 position.
 */
export function chainMonthOutputYi(chainId: string, target: number, period: string): number {
  const year = Number(period.slice(0, 4));
  const month = Number(period.slice(5, 7));
  let norm2025 = 0;
  for (let m = 1; m <= 12; m++) norm2025 += trendAndSeason(chainId, 2025, m);
  const annual2025 = target * (COMPLETION_2025[chainId] ?? 1);
  return (annual2025 * trendAndSeason(chainId, year, month) * (SHOCK_2020[period] ?? 1)) / norm2025;
}

export type FirmOutput = {
  rows: OutputRecord[];
  /** Annual output per firm and full year: annual[firm * years.length + y], yuan. */
  annual: Float64Array;
  /** Output per firm in the months after the last full year (the partial year), yuan. */
  partial: Float64Array;
  /** Output per firm and month: monthly[firm * months.length + m], yuan. */
  monthly: Float64Array;
  /** Ten-chain output per month, yuan. */
  chainMonthTotals: Float64Array;
};

/**
 * Monthly output per firm: each chain's monthly total follows the calibration exactly; within a chain it is
 * split by firm size with a firm-specific trend and month-to-month noise. Late entrants start at their
 * first month.
 */
export function generateOutput(ctx: GenContext, firms: DemoFirm[], random: Random): FirmOutput {
  const M = ctx.months.length;
  const Y = ctx.years.length;
  const yearIndex = new Map(ctx.years.map((y, i) => [y, i]));
  const monthYear = ctx.months.map((m) => yearIndex.get(Number(m.slice(0, 4))) ?? -1);
  const refMonth = ctx.months.indexOf(`${ctx.refYear ?? 2025}-06`);
  const annual = new Float64Array(firms.length * Y);
  const partial = new Float64Array(firms.length);
  const chainMonthTotals = new Float64Array(M);
  const monthly = new Float64Array(firms.length * M);
  const rows: OutputRecord[] = [];
  const byChain = ctx.pack.chains.map(() => [] as DemoFirm[]);
  for (const f of firms) byChain[f.chainIndex]?.push(f);
  ctx.pack.chains.forEach((chain, c) => {
    const chainFirms = byChain[c] ?? [];
    const n = chainFirms.length;
    const raw = new Float64Array(n * M);
    const drift = chainFirms.map(() => 0.045 * random.normal());
    for (let i = 0; i < n; i++) {
      const firm = chainFirms[i] as DemoFirm;
      const step = Math.exp((drift[i] as number) / 12);
      let trend =
        firm.weight *
        Math.exp(((drift[i] as number) * (firm.birthMonth - (refMonth < 0 ? M - 1 : refMonth))) / 12);
      for (let m = firm.birthMonth; m < M; m++) {
        raw[i * M + m] = trend * (1 + 0.035 * random.bell());
        trend *= step;
      }
    }
    for (let m = 0; m < M; m++) {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += raw[i * M + m] as number;
      const total = chainMonthOutputYi(chain.id, chain.target_2025, ctx.months[m] as string) * YUAN_PER_YI;
      const scale = sum > 0 ? total / sum : 0;
      for (let i = 0; i < n; i++)
        raw[i * M + m] = Math.max(0, Math.round((raw[i * M + m] as number) * scale));
    }
    for (let i = 0; i < n; i++) {
      const firm = chainFirms[i] as DemoFirm;
      for (let m = firm.birthMonth; m < M; m++) {
        const value = raw[i * M + m] as number;
        rows.push({ firmId: firm.id, period: ctx.months[m] as string, valueYuan: value });
        chainMonthTotals[m] = (chainMonthTotals[m] as number) + value;
        monthly[firm.index * M + m] = value;
        const y = monthYear[m] as number;
        if (y >= 0) annual[firm.index * Y + y] = (annual[firm.index * Y + y] as number) + value;
        else if (ctx.refYear !== undefined && Number(ctx.months[m]?.slice(0, 4)) > ctx.refYear)
          partial[firm.index] = (partial[firm.index] as number) + value;
      }
    }
  });
  // Rows come out ordered by firm id (firms are numbered chain by chain) and month.
  return { rows, annual, partial, monthly, chainMonthTotals };
}

/** Size class by annual output (see SIZE_THRESHOLDS_YI). */
export function sizeClassOf(annualYuan: number): SizeClass {
  const yi = annualYuan / YUAN_PER_YI;
  if (yi >= SIZE_THRESHOLDS_YI.large) return 'large';
  if (yi >= SIZE_THRESHOLDS_YI.medium) return 'medium';
  if (yi >= SIZE_THRESHOLDS_YI.small) return 'small';
  return 'micro';
}

/** Sets size classes and tags (链主, 龙头, 单项冠军, 专精特新) from the latest full year's output. */
export function assignSizesAndTags(ctx: GenContext, firms: DemoFirm[], output: FirmOutput, random: Random) {
  const Y = ctx.years.length;
  const latest = (f: DemoFirm) => (Y > 0 ? (output.annual[f.index * Y + Y - 1] as number) : f.weight);
  const byChain = ctx.pack.chains.map(() => [] as DemoFirm[]);
  for (const f of firms) byChain[f.chainIndex]?.push(f);
  for (const chainFirms of byChain) {
    const ranked = [...chainFirms].sort((a, b) => latest(b) - latest(a) || a.index - b.index);
    const leaders = Math.max(1, Math.round(ranked.length * TAGS.leaderShare));
    ranked.forEach((firm, rank) => {
      firm.sizeClass = Y > 0 ? sizeClassOf(latest(firm)) : 'small';
      firm.tags = [];
      if (rank < Math.min(TAGS.chainLeadersPerChain, ranked.length)) firm.tags.push('链主');
      if (rank < leaders) firm.tags.push('龙头');
      const pct = rank / Math.max(1, ranked.length);
      const node = ctx.nodes[firm.nodeIndex];
      const niche = node && node.profile !== 'ordinary' ? 2 : 1;
      // Single-item champions: upper ranks, more often in core components and key materials.
      if (rank >= leaders && pct < 0.12 && random.chance(((TAGS.championShare / 0.12) * niche) / 1.4))
        firm.tags.push('单项冠军');
      // Specialised SMEs: small and medium firms, more often upstream and in flagged nodes.
      if (
        !firm.tags.includes('单项冠军') &&
        pct >= 0.05 &&
        pct < 0.7 &&
        random.chance(
          ((TAGS.specialisedShare / 0.65) * niche * (node?.segment === 'upstream' ? 1.3 : 1)) / 1.5,
        )
      )
        firm.tags.push('专精特新');
    });
  }
}

/** Province total industrial output (region 330000): the ten chains' share moves from its 2019 to its 2025 level. */
export function provinceOutput(ctx: GenContext, output: FirmOutput): RegionOutputRecord[] {
  return ctx.months.map((period, m) => {
    const year = Number(period.slice(0, 4)) + (Number(period.slice(5, 7)) - 0.5) / 12;
    const share = Math.min(
      TEN_CHAIN_SHARE[2025] + 0.005,
      TEN_CHAIN_SHARE[2019] + ((TEN_CHAIN_SHARE[2025] - TEN_CHAIN_SHARE[2019]) * (year - 2019.5)) / 6,
    );
    return {
      regionCode: '330000',
      period,
      valueYuan: Math.round((output.chainMonthTotals[m] as number) / share),
    };
  });
}
