import { EMPTY_SCOPE, type FirmScope } from '@chainbrain/domain';
import {
  PRODUCT_DEFAULTS,
  type ProductPeriod,
  productDependencyScreen,
  type RuleResult,
} from '@chainbrain/engine';
import { customsByYear, type Database, nodeMonthlyOutput } from '@chainbrain/store';
import { requireDataMonth } from '../plans/data-months.js';
import { nodeOutputHidden } from './get-chain-stats.js';

const YI = 100_000_000;

/** A rule as the screen evaluated it: its id, the measured value, the comparison and whether it fired. */
export type DependencyRule = Pick<RuleResult, 'rule' | 'value' | 'comparison' | 'threshold' | 'fired'>;

/** One calendar year of a node's import-dependency screen; amounts in 亿元. */
export type DependencyYear = {
  year: string;
  imports: number;
  exports: number;
  /** Output of the province's firms whose primary node it is; null when hidden from the caller. */
  localProduction: number | null;
  hhi: number;
  topOrigin: string | null;
  topShare: number;
  importDependence: number | null;
  /** Imports ÷ exports, 9999 when there are no exports (or the ratio is larger: `importExportCapped`). */
  importExportRatio: number;
  importExportCapped: boolean;
  /** Every criterion fired in this year; null when the caller may not see the dependence it needs. */
  flagged: boolean | null;
  rules: DependencyRule[];
};

/**
 * Why a node has no verdict: no customs code maps to it; no complete calendar year of data up to the
 * month; or its local output, which the dependence needs, is hidden from the caller (ADR 0015).
 */
export type DependencyUndecided = 'no_hs_codes' | 'no_full_year' | 'withheld';

export type NodeDependency = {
  nodeId: string;
  month: string;
  /** The calendar years the persistence rule looks at, oldest first (complete years up to `month`). */
  window: string[];
  /** The years of the window with a full year of data, oldest first. */
  years: DependencyYear[];
  /** The years of the window in which every criterion fired. */
  heldIn: string[];
  /** Dependent: the criteria fired in at least k of the window's n years; null when undecided. */
  flagged: boolean | null;
  undecided: DependencyUndecided | null;
  /** The rules behind a flag (the latest flagged year's criteria, then persistence); empty otherwise. */
  fired: DependencyRule[];
  criteria: string[];
  persistence: { k: number; n: number };
  /** The thresholds the rules compare with (the engine's defaults). */
  thresholds: { hhi: number; topShare: number; dependence: number; importExport: number };
};

const ruleView = (r: RuleResult): DependencyRule => ({
  rule: r.rule,
  value: r.value,
  comparison: r.comparison,
  threshold: r.threshold,
  fired: r.fired,
});

/**
 * The import-dependency screen of one node, province-wide, over the last complete calendar years up to
 * `month` (the engine's productDependencyScreen with its default thresholds: HHI of imports by origin,
 * import dependence and imports ÷ exports all over their thresholds, in 2 of 3 years). Imports and
 * exports are the customs records of the node's HS codes; local production is the output of the firms
 * whose primary node it is. Years are whole calendar years because the persistence rule counts years
 * (CEPII, EU SWD(2021) 352), and a part year would understate both imports and output.
 */
export async function getNodeDependency(
  database: Database,
  planId: string,
  node: { id: string; chainId: string; hsCodes: string[] },
  month: string,
  scope: FirmScope = EMPTY_SCOPE,
): Promise<NodeDependency> {
  const dataMonths = await requireDataMonth(database, planId, month);
  const d = PRODUCT_DEFAULTS;
  const { persistenceK: k, persistenceN: n, criteria } = d;
  const year = Number(month.slice(0, 4));
  const lastYear = month.endsWith('-12') ? year : year - 1;
  const window = Array.from({ length: n }, (_, i) => String(lastYear - n + 1 + i));
  const years = window.filter((y) => `${y}-01` >= dataMonths.first);
  const base = {
    nodeId: node.id,
    month,
    window,
    criteria: [...criteria],
    persistence: { k, n },
    thresholds: {
      hhi: d.hhiThreshold,
      topShare: d.topShareThreshold,
      dependence: d.dependenceThreshold,
      importExport: d.importExportThreshold,
    },
  };
  const undecided = (reason: DependencyUndecided): NodeDependency => ({
    ...base,
    years: [],
    heldIn: [],
    flagged: null,
    undecided: reason,
    fired: [],
  });
  if (node.hsCodes.length === 0) return undecided('no_hs_codes');
  if (years.length === 0) return undecided('no_full_year');

  const from = `${years[0]}-01`;
  const to = `${years.at(-1)}-12`;
  const [customs, output, hidden] = await Promise.all([
    customsByYear(database.query, node.hsCodes, from, to),
    nodeMonthlyOutput(database.query, planId, node.id, from, to),
    nodeOutputHidden(database, planId, node, scope),
  ]);
  const periods: ProductPeriod[] = years.map((y) => ({
    period: y,
    importsByOrigin: customs
      .filter((c) => c.year === y && c.direction === 'import')
      .map((c) => ({ origin: c.country, value: c.valueYuan })),
    exports: customs
      .filter((c) => c.year === y && c.direction === 'export')
      .reduce((s, c) => s + c.valueYuan, 0),
    localProduction: output.filter((o) => o.period.startsWith(y)).reduce((s, o) => s + o.valueYuan, 0),
  }));
  const screen = productDependencyScreen(periods);
  // The dependence and every verdict resting on it would give the hidden output back: both go.
  const shown = (r: RuleResult) => !(hidden && r.rule === 'import_dependence');
  return {
    ...base,
    years: screen.periods.map((p, i) => {
      const ratio = p.rules.find((r) => r.rule === 'imports_exports');
      return {
        year: p.period,
        imports: p.imports / YI,
        exports: periods[i]!.exports / YI,
        localProduction: hidden ? null : periods[i]!.localProduction / YI,
        hhi: p.hhi,
        topOrigin: p.topOrigin,
        topShare: p.topShare,
        importDependence: hidden ? null : p.importDependence,
        importExportRatio: p.importExportRatio,
        importExportCapped: ratio?.inputs.capped === true,
        flagged: hidden ? null : p.flagged,
        rules: p.rules.filter(shown).map(ruleView),
      };
    }),
    heldIn: hidden ? [] : screen.periods.filter((p) => p.flagged).map((p) => p.period),
    flagged: hidden ? null : screen.flagged,
    undecided: hidden ? 'withheld' : null,
    fired: hidden ? [] : screen.fired.map(ruleView),
  };
}
