/**
 * Product-level dependency indicators (per product — HS code or chain node — and region)
 * ======================================================================================
 *
 *     HHI                = Σ_c s_c²,  s_c = imports from origin c / total imports        (flag: > 0.4)
 *     top-origin share   = max_c s_c                                                     (flag: > 0.5)
 *     import dependence  = imports / (imports + local production)                        (flag: > 0.5)
 *     imports / exports  = imports / exports; 9999 when exports are 0 and imports > 0    (flag: > 1)
 *     persistence        = a period's flag held in at least k of the last N periods      (default 2 of 3)
 *
 * Local production of a node in a region is the output of the region's firms whose primary node it is.
 * A period is flagged when every enabled criterion fires (the EU / CEPII reading: concentrated, and
 * not covered by own production or exports); the screen is flagged when that holds persistently.
 *
 * [References]:
 * European Commission, Strategic dependencies and capacities, SWD(2021) 352 (HHI > 0.4, import
 * importance, imports/exports > 1). CEPII GeoDep (HHI > 0.4, imports/exports > 1 with 9999 where
 * exports are 0, criteria in at least 2 of 3 years). See shared/specs/risk-indicators.md.
 */

import { check, type RuleResult } from './rules.js';

export const PRODUCT_DEFAULTS = {
  hhiThreshold: 0.4,
  topShareThreshold: 0.5,
  dependenceThreshold: 0.5,
  importExportThreshold: 1,
  /** The value imports/exports takes when exports are 0 (as CEPII). */
  noExportsRatio: 9999,
  persistenceK: 2,
  persistenceN: 3,
  /** Criteria that must all fire for a period to be flagged. */
  criteria: ['hhi', 'import_dependence', 'imports_exports'] as ProductCriterion[],
};

export type ProductCriterion = 'hhi' | 'top_origin_share' | 'import_dependence' | 'imports_exports';

export type OriginValue = { origin: string; value: number };

export class IndicatorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IndicatorError';
  }
}

function nonNegative(name: string, v: number): number {
  if (!(v >= 0) || !Number.isFinite(v))
    throw new IndicatorError(`${name} must be a finite number ≥ 0, got ${v}`);
  return v;
}

/** Herfindahl–Hirschman index of a vector of non-negative values (0 when the total is 0). */
export function hhi(values: ArrayLike<number>): number {
  let total = 0;
  for (let k = 0; k < values.length; k++) total += nonNegative('value', values[k]!);
  if (total === 0) return 0;
  let h = 0;
  for (let k = 0; k < values.length; k++) {
    const s = values[k]! / total;
    h += s * s;
  }
  return h;
}

export type ImportConcentration = {
  total: number;
  hhi: number;
  topOrigin: string | null;
  topShare: number;
  /** Shares by origin, largest first. */
  shares: OriginValue[];
  rules: RuleResult[];
};

/** HHI and top-origin share of imports by origin (repeated origins are summed). */
export function importConcentration(
  byOrigin: readonly OriginValue[],
  options: Partial<Pick<typeof PRODUCT_DEFAULTS, 'hhiThreshold' | 'topShareThreshold'>> = {},
): ImportConcentration {
  const o = { ...PRODUCT_DEFAULTS, ...options };
  const sums = new Map<string, number>();
  for (const { origin, value } of byOrigin)
    sums.set(origin, (sums.get(origin) ?? 0) + nonNegative(`imports from ${origin}`, value));
  const values = [...sums.values()];
  const total = values.reduce((a, b) => a + b, 0);
  const shares = [...sums.entries()]
    .map(([origin, v]) => ({ origin, value: total > 0 ? v / total : 0 }))
    .sort((a, b) => b.value - a.value || a.origin.localeCompare(b.origin));
  const h = hhi(values);
  const top = shares[0];
  const topShare = top?.value ?? 0;
  return {
    total,
    hhi: h,
    topOrigin: top && total > 0 ? top.origin : null,
    topShare,
    shares,
    rules: [
      check('hhi', 'HHI of imports by origin', h, '>', o.hhiThreshold, { total }),
      check('top_origin_share', 'share of the largest origin', topShare, '>', o.topShareThreshold, {
        origin: top?.origin ?? null,
      }),
    ],
  };
}

/** imports / (imports + local production); 0 when both are 0. */
export function importDependence(
  imports: number,
  localProduction: number,
  options: Partial<Pick<typeof PRODUCT_DEFAULTS, 'dependenceThreshold'>> = {},
): { value: number; rule: RuleResult } {
  const t = options.dependenceThreshold ?? PRODUCT_DEFAULTS.dependenceThreshold;
  const m = nonNegative('imports', imports);
  const p = nonNegative('local production', localProduction);
  const value = m + p > 0 ? m / (m + p) : 0;
  return {
    value,
    rule: check('import_dependence', 'imports / (imports + local production)', value, '>', t, {
      imports: m,
      localProduction: p,
    }),
  };
}

/** imports / exports, 9999 when exports are 0 and imports positive (CEPII), 0 when there are no imports. */
export function importExportRatio(
  imports: number,
  exports: number,
  options: Partial<Pick<typeof PRODUCT_DEFAULTS, 'importExportThreshold' | 'noExportsRatio'>> = {},
): { value: number; rule: RuleResult } {
  const o = { ...PRODUCT_DEFAULTS, ...options };
  const m = nonNegative('imports', imports);
  const x = nonNegative('exports', exports);
  const value = m === 0 ? 0 : x === 0 ? o.noExportsRatio : m / x;
  return {
    value,
    rule: check(
      'imports_exports',
      'imports / exports (9999 when exports are 0)',
      value,
      '>',
      o.importExportThreshold,
      {
        imports: m,
        exports: x,
      },
    ),
  };
}

/** Whether a flag held in at least k of the last n periods (`flags` oldest first). */
export function persistence(
  flags: readonly boolean[],
  options: { k?: number; n?: number } = {},
): { held: number; of: number; k: number; flagged: boolean; rule: RuleResult } {
  const k = options.k ?? PRODUCT_DEFAULTS.persistenceK;
  const n = options.n ?? PRODUCT_DEFAULTS.persistenceN;
  if (!(Number.isInteger(k) && Number.isInteger(n) && k >= 1 && n >= k)) {
    throw new IndicatorError(`persistence needs whole numbers 1 ≤ k ≤ n, got k=${k}, n=${n}`);
  }
  const last = flags.slice(-n);
  const held = last.filter(Boolean).length;
  const rule = check('persistence', `flag held in at least ${k} of the last ${n} periods`, held, '>=', k, {
    periods: last.length,
  });
  return { held, of: last.length, k, flagged: rule.fired, rule };
}

export type ProductPeriod = {
  period: string;
  importsByOrigin: readonly OriginValue[];
  localProduction: number;
  exports: number;
};

export type ProductPeriodResult = {
  period: string;
  imports: number;
  hhi: number;
  topOrigin: string | null;
  topShare: number;
  importDependence: number;
  importExportRatio: number;
  /** Every rule evaluated, with its value and threshold. */
  rules: RuleResult[];
  /** All enabled criteria fired in this period. */
  flagged: boolean;
};

export type ProductScreen = {
  periods: ProductPeriodResult[];
  persistence: ReturnType<typeof persistence>;
  flagged: boolean;
  /** The rules that fired in the latest period, for the explanation of a flag. */
  fired: RuleResult[];
};

/** The dependency screen of one product in one region over periods (oldest first). */
export function productDependencyScreen(
  periods: readonly ProductPeriod[],
  options: Partial<typeof PRODUCT_DEFAULTS> = {},
): ProductScreen {
  const o = { ...PRODUCT_DEFAULTS, ...options };
  const results = periods.map((p): ProductPeriodResult => {
    const conc = importConcentration(p.importsByOrigin, o);
    const dep = importDependence(conc.total, p.localProduction, o);
    const ratio = importExportRatio(conc.total, p.exports, o);
    const rules = [...conc.rules, dep.rule, ratio.rule];
    const flagged =
      o.criteria.length > 0 && o.criteria.every((c) => rules.find((r) => r.rule === c)?.fired === true);
    return {
      period: p.period,
      imports: conc.total,
      hhi: conc.hhi,
      topOrigin: conc.topOrigin,
      topShare: conc.topShare,
      importDependence: dep.value,
      importExportRatio: ratio.value,
      rules,
      flagged,
    };
  });
  const pers = persistence(
    results.map((r) => r.flagged),
    { k: o.persistenceK, n: o.persistenceN },
  );
  const latest = results.at(-1);
  return {
    periods: results,
    persistence: pers,
    flagged: pers.flagged,
    fired: latest ? [...latest.rules.filter((r) => r.fired), pers.rule].filter((r) => r.fired) : [],
  };
}
