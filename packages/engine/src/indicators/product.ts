/**
 * Product-level dependency indicators (per product — HS code or chain node — and region)
 * ======================================================================================
 *
 *     HHI                = Σ_c s_c²,  s_c = imports from origin c / total imports        (flag: > 0.4)
 *     top-origin share   = max_c s_c                                                     (flag: > 0.5)
 *     import dependence  = imports / (imports + local production)                        (flag: > 0.5)
 *     imports / exports  = imports / exports, capped at 9999; 9999 when exports are 0    (flag: > 1)
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

import { amount, finiteTotal, sharesOf } from './amounts.js';
import { countryCode } from './codes.js';
import { calendarWindow } from './periods.js';
import { check, compare, IndicatorError, oneOf, type RuleResult, withDefaults } from './rules.js';

export { IndicatorError };

export const PRODUCT_DEFAULTS = {
  hhiThreshold: 0.4,
  topShareThreshold: 0.5,
  dependenceThreshold: 0.5,
  importExportThreshold: 1,
  /**
   * The value imports/exports takes when exports are 0 (as CEPII), and its cap: a larger ratio (huge
   * imports over tiny exports) is reported as this, so that it stays finite. Must exceed the threshold.
   */
  noExportsRatio: 9999,
  persistenceK: 2,
  persistenceN: 3,
  /** Criteria that must all fire for a period to be flagged. */
  criteria: ['hhi', 'import_dependence', 'imports_exports'] as ProductCriterion[],
};

/** The rules a period's flag can require (each is the id of a rule the screen evaluates). */
export const PRODUCT_CRITERIA = ['hhi', 'top_origin_share', 'import_dependence', 'imports_exports'] as const;

export type ProductCriterion = (typeof PRODUCT_CRITERIA)[number];

export type OriginValue = { origin: string; value: number };

/** Herfindahl–Hirschman index of a vector of non-negative values (0 when the total is 0). */
export function hhi(values: ArrayLike<number>): number {
  const checked = Array.from(values, (v) => amount('value', v));
  let h = 0;
  for (const s of sharesOf(checked)) h += s * s;
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
  const o = withDefaults(PRODUCT_DEFAULTS, options);
  const sums = new Map<string, number>();
  for (const { origin: raw, value } of byOrigin) {
    // "KR" and "kr " are one origin; counted apart they would halve its share and its HHI.
    const origin = countryCode('import origin', raw);
    sums.set(origin, (sums.get(origin) ?? 0) + amount(`imports from ${origin}`, value));
  }
  const values = [...sums.values()];
  // The total is reported and divides local production, so it must be finite, not only the shares.
  const total = finiteTotal('imports', values);
  const byShare = sharesOf(values);
  const shares = [...sums.keys()]
    .map((origin, i) => ({ origin, value: byShare[i]! }))
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
      check('hhi', 'HHI of imports by origin', h, '>', o.hhiThreshold, {
        total,
        origins: shares.length,
        topOrigin: top && total > 0 ? top.origin : null,
        topShare,
      }),
      check('top_origin_share', 'share of the largest origin', topShare, '>', o.topShareThreshold, {
        origin: top && total > 0 ? top.origin : null,
        total,
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
  const t = withDefaults(PRODUCT_DEFAULTS, options).dependenceThreshold;
  const m = amount('imports', imports);
  const p = amount('local production', localProduction);
  const value = sharesOf([m, p])[0]!; // m / (m + p), without overflow in m + p
  return {
    value,
    rule: check('import_dependence', 'imports / (imports + local production)', value, '>', t, {
      imports: m,
      localProduction: p,
    }),
  };
}

/**
 * noExportsRatio, checked against the threshold: a cap at or under it would hide the most dependent
 * periods, since no exports (and any ratio over the cap) would never fire.
 */
function ratioCap(o: Pick<typeof PRODUCT_DEFAULTS, 'importExportThreshold' | 'noExportsRatio'>): number {
  const t = o.importExportThreshold;
  const cap = o.noExportsRatio;
  // A cap of 0 or less would also stand in for ratios of 0 and report them below zero.
  if (cap > 0 && compare(cap, '>', t)) return cap;
  throw new IndicatorError(
    `noExportsRatio (${cap}), the value for no exports and the cap of imports / exports, must be positive and above importExportThreshold (${t})`,
    `noExportsRatio（${cap}）即无出口时的取值和进出口比上限，应为正数且大于 importExportThreshold（${t}）`,
  );
}

/**
 * imports / exports, at most noExportsRatio (9999): that value when exports are 0 and imports positive
 * (CEPII), and when the ratio is larger, since huge imports over tiny exports (1e300 / 1e-10) overflow to
 * Infinity, which JSON cannot carry. 0 when there are no imports. The quotient of two finite doubles is
 * already correctly rounded, and overflows only past the cap, so no scaling is needed here.
 */
export function importExportRatio(
  imports: number,
  exports: number,
  options: Partial<Pick<typeof PRODUCT_DEFAULTS, 'importExportThreshold' | 'noExportsRatio'>> = {},
): { value: number; rule: RuleResult } {
  const o = withDefaults(PRODUCT_DEFAULTS, options);
  const cap = ratioCap(o);
  const m = amount('imports', imports);
  const x = amount('exports', exports);
  const ratio = m === 0 ? 0 : x === 0 ? Number.POSITIVE_INFINITY : m / x;
  const capped = ratio > cap;
  const value = capped ? cap : ratio;
  return {
    value,
    rule: check(
      'imports_exports',
      `imports / exports (at most ${cap}, also when exports are 0)`,
      value,
      '>',
      o.importExportThreshold,
      { imports: m, exports: x, capped },
    ),
  };
}

/**
 * Whether a flag held in at least k of the last n periods (`flags` oldest first). With `labels` (one
 * per flag), the rule's inputs name the periods in which it held.
 */
export function persistence(
  flags: readonly boolean[],
  options: { k?: number; n?: number; labels?: readonly string[] } = {},
): { held: number; of: number; k: number; flagged: boolean; rule: RuleResult } {
  const k = options.k ?? PRODUCT_DEFAULTS.persistenceK;
  const n = options.n ?? PRODUCT_DEFAULTS.persistenceN;
  if (!(Number.isInteger(k) && Number.isInteger(n) && k >= 1 && n >= k)) {
    throw new IndicatorError(`persistence needs whole numbers 1 ≤ k ≤ n, got k=${k}, n=${n}`);
  }
  if (options.labels && options.labels.length !== flags.length)
    throw new IndicatorError(`persistence: ${options.labels.length} labels for ${flags.length} flags`);
  const last = flags.slice(-n);
  const labels = options.labels?.slice(-n);
  const held = last.filter(Boolean).length;
  const inputs: RuleResult['inputs'] = { periods: last.length };
  if (labels) {
    inputs.window = labels.length ? `${labels[0]}–${labels.at(-1)}` : '';
    inputs.heldIn = labels.filter((_, t) => last[t]).join(', ');
  }
  const rule = check(
    'persistence',
    `flag held in at least ${k} of the last ${n} periods`,
    held,
    '>=',
    k,
    inputs,
  );
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
  /**
   * The rules behind the flag: the criteria of the latest flagged period within the persistence window
   * (all of them fired there), then the persistence rule naming the periods in which the flag held.
   * Empty when the product is not flagged; every period's rules are in `periods`.
   */
  fired: RuleResult[];
};

/**
 * The dependency screen of one product in one region over periods, oldest first. Periods are counted
 * by the calendar (all years, all quarters or all months, in the forms periods.ts reads: "2024年",
 * "2024Q3", "2024/07", …): the last N periods end at the latest one given, and a period without data
 * counts as not flagged. Labels it cannot read, mixed granularities, repeats and periods out of order
 * are errors.
 */
export function productDependencyScreen(
  periods: readonly ProductPeriod[],
  options: Partial<typeof PRODUCT_DEFAULTS> = {},
): ProductScreen {
  const o = withDefaults(PRODUCT_DEFAULTS, options);
  if (!Array.isArray(o.criteria) || o.criteria.length === 0)
    throw new IndicatorError('criteria must list at least one rule', 'criteria 至少应列出一条规则');
  // A name no rule carries would never be found fired, and the screen would silently flag nothing.
  for (const c of o.criteria) oneOf('criteria', c, PRODUCT_CRITERIA);
  ratioCap(o); // before any period, so that a screen of none is refused as one of many would be
  const results = periods.map((p): ProductPeriodResult => {
    const conc = importConcentration(p.importsByOrigin, o);
    const dep = importDependence(conc.total, p.localProduction, o);
    const ratio = importExportRatio(conc.total, p.exports, o);
    const rules = [...conc.rules, dep.rule, ratio.rule];
    const flagged = o.criteria.every((c) => rules.find((r) => r.rule === c)?.fired === true);
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
  const window = calendarWindow(results, o.persistenceN);
  const pers = persistence(window.flags, { k: o.persistenceK, n: o.persistenceN, labels: window.labels });
  // By the calendar, not by label: "2024年" is in the window 2022–2024.
  const latestFlagged = results.filter((r, t) => r.flagged && window.inWindow(window.calendar[t]!)).at(-1);
  return {
    periods: results,
    persistence: pers,
    flagged: pers.flagged,
    fired:
      pers.flagged && latestFlagged
        ? [...latestFlagged.rules.filter((r) => o.criteria.includes(r.rule as ProductCriterion)), pers.rule]
        : [],
  };
}
