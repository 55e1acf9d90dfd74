import {
  PRODUCT_DEFAULTS,
  type ProductPeriod,
  productDependencyScreen,
  type RuleResult,
} from '@chainbrain/engine';
import { type RuleView, ruleView } from '../indicators/rule-view.js';
import type { DataMonths } from '../plans/data-months.js';

const YI = 100_000_000;

/** A rule as the screen evaluated it: its id, the measured value, the comparison and whether it fired. */
export type DependencyRule = RuleView;

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
  /**
   * The node's HS codes that other nodes of the plan list too, with those nodes. Each of them counts the
   * code's imports whole, while its local production is its own firms' alone: its dependence can be
   * overstated, and the nodes' imports must not be added up.
   */
  sharedHsCodes: Array<{ code: string; nodeIds: string[] }>;
};

/** Customs totals of one calendar year, HS code, direction and country, as the store sums them. */
export type CustomsYearRow = {
  year: string;
  hsCode: string;
  direction: 'import' | 'export';
  country: string;
  valueYuan: number;
};

/**
 * The persistence window for `month`: the last n calendar years ending at the latest December on or
 * before it, and those of them that lie wholly within the data (a year before the data starts has no
 * figures and counts as not fired, so a short history cannot be flagged by one year).
 */
export function dependencyWindow(
  month: string,
  dataMonths: DataMonths,
): { window: string[]; years: string[] } {
  const n = PRODUCT_DEFAULTS.persistenceN;
  const year = Number(month.slice(0, 4));
  const lastYear = month.endsWith('-12') ? year : year - 1;
  const window = Array.from({ length: n }, (_, i) => String(lastYear - n + 1 + i));
  return { window, years: window.filter((y) => `${y}-01` >= dataMonths.first) };
}

/**
 * One node's screen from its customs rows and yearly output (the engine's productDependencyScreen with
 * its default thresholds). `customs` may hold other codes' rows: only the node's own count. Where the
 * node's output is `hidden` from the caller, the dependence and every verdict resting on it are left out,
 * since the dependence gives the output back from the customs totals that everyone reads.
 */
export function screenNode(input: {
  node: { id: string; hsCodes: string[] };
  month: string;
  window: string[];
  years: string[];
  customs: readonly CustomsYearRow[];
  outputByYear: ReadonlyMap<string, number>;
  hidden: boolean;
  /** Every node of the plan listing each HS code (the node itself among them). */
  nodesByHsCode?: ReadonlyMap<string, readonly string[]>;
}): NodeDependency {
  const d = PRODUCT_DEFAULTS;
  const sharedHsCodes = [...new Set(input.node.hsCodes)].flatMap((code) => {
    const nodeIds = (input.nodesByHsCode?.get(code) ?? []).filter((id) => id !== input.node.id);
    return nodeIds.length ? [{ code, nodeIds: [...nodeIds] }] : [];
  });
  const base = {
    nodeId: input.node.id,
    month: input.month,
    window: input.window,
    criteria: [...d.criteria],
    persistence: { k: d.persistenceK, n: d.persistenceN },
    thresholds: {
      hhi: d.hhiThreshold,
      topShare: d.topShareThreshold,
      dependence: d.dependenceThreshold,
      importExport: d.importExportThreshold,
    },
    sharedHsCodes,
  };
  const undecided = (reason: DependencyUndecided): NodeDependency => ({
    ...base,
    years: [],
    heldIn: [],
    flagged: null,
    undecided: reason,
    fired: [],
  });
  if (input.node.hsCodes.length === 0) return undecided('no_hs_codes');
  if (input.years.length === 0) return undecided('no_full_year');

  const codes = new Set(input.node.hsCodes);
  const own = input.customs.filter((c) => codes.has(c.hsCode));
  const periods: ProductPeriod[] = input.years.map((y) => ({
    period: y,
    importsByOrigin: own
      .filter((c) => c.year === y && c.direction === 'import')
      .map((c) => ({ origin: c.country, value: c.valueYuan })),
    exports: own.filter((c) => c.year === y && c.direction === 'export').reduce((s, c) => s + c.valueYuan, 0),
    localProduction: input.outputByYear.get(y) ?? 0,
  }));
  const screen = productDependencyScreen(periods);
  const hidden = input.hidden;
  const shown = (r: RuleResult) => !(hidden && r.rule === 'import_dependence');
  // A year in which a criterion other than the dependence did not fire cannot fire, whatever the hidden
  // output: saying so gives nothing away. When every year of the window is such a year (or has no data),
  // the node is not dependent for any output, and the caller is told so instead of "withheld".
  const customsSayNo = screen.periods.map((p) =>
    p.rules.some(
      (r) => r.rule !== 'import_dependence' && (d.criteria as readonly string[]).includes(r.rule) && !r.fired,
    ),
  );
  const decidedWithoutOutput = customsSayNo.every(Boolean);
  return {
    ...base,
    years: screen.periods.map((p, i) => ({
      year: p.period,
      imports: p.imports / YI,
      exports: periods[i]!.exports / YI,
      localProduction: hidden ? null : periods[i]!.localProduction / YI,
      hhi: p.hhi,
      topOrigin: p.topOrigin,
      topShare: p.topShare,
      importDependence: hidden ? null : p.importDependence,
      importExportRatio: p.importExportRatio,
      importExportCapped: p.rules.find((r) => r.rule === 'imports_exports')?.inputs.capped === true,
      flagged: hidden ? (customsSayNo[i] ? false : null) : p.flagged,
      rules: p.rules.filter(shown).map(ruleView),
    })),
    heldIn: hidden ? [] : screen.periods.filter((p) => p.flagged).map((p) => p.period),
    flagged: hidden ? (decidedWithoutOutput ? false : null) : screen.flagged,
    undecided: hidden && !decidedWithoutOutput ? 'withheld' : null,
    fired: hidden ? [] : screen.fired.map(ruleView),
  };
}
