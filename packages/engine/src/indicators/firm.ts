/**
 * Firm-level supply indicators (per firm and essential input industry)
 * ====================================================================
 *
 *     largest-supplier share   = max_s v_s / Σ_s v_s over the firm's purchases of the input   (flag: ≥ 0.8;
 *                                1.0 = single-sourced); domestic suppliers and foreign origins both count
 *                                as sources
 *     foreign share            = Σ_{foreign} v / Σ v                                          (flag: > 0.5)
 *     backup status            = best registered backup: a qualified same-standard backup (同准备份),
 *                                else a qualified lower-standard one (降准备份), else one in qualification,
 *                                else none; flag when none is qualified, or when the switch-over lead time
 *                                exceeds the limit (default 12 weeks)
 *
 * Restricted-origin exposure, on the same purchases, is in restricted.ts.
 *
 * These are the project's own definitions (no single standard exists); thresholds are options.
 *
 * [Reference]: shared/specs/risk-indicators.md, "Firm- and network-level signals".
 */

import { amount, finiteTotal } from './amounts.js';
import { normalizeCountry, normalizeHs } from './codes.js';
import { check, IndicatorError, oneOf, type RuleResult } from './rules.js';

export { normalizeCountry, normalizeHs };

export const FIRM_DEFAULTS = {
  singleSourceThreshold: 0.8,
  foreignShareThreshold: 0.5,
  restrictedShareThreshold: 0,
  maxSwitchWeeks: 12,
};

export type Purchase = {
  /** Supplier firm id, or the foreign origin id standing for imports. */
  supplier: string;
  value: number;
  /** Whether the source is abroad. */
  foreign?: boolean;
  /**
   * Origin country of a foreign purchase: ISO 3166 alpha-2 in any case ("kr " is KR). Absent or blank
   * when unknown (a CSV column left empty); such a purchase is unclear against the restriction list when
   * an entry of any country may match its HS code (restricted.ts), and a domestic one is not screened.
   */
  country?: string;
  /** HS code of the purchased product. */
  hs?: string;
};

/**
 * All purchases of the input: each a finite amount ≥ 0 with `foreign` true, false or absent (a string
 * "false" would count as foreign), and their sum finite (every share divides by it).
 */
export function purchaseTotal(purchases: readonly Purchase[]): number {
  for (const p of purchases) {
    if (p.foreign !== undefined && typeof p.foreign !== 'boolean')
      throw new IndicatorError(
        `purchase from ${p.supplier}: foreign must be true or false, got ${JSON.stringify(p.foreign)}`,
        `来自 ${p.supplier} 的采购：foreign 应为 true 或 false，实为 ${JSON.stringify(p.foreign)}`,
      );
  }
  return finiteTotal(
    'purchases',
    purchases.map((p) => amount(`purchase from ${p.supplier}`, p.value)),
  );
}

/** Share of the largest source (repeated suppliers summed); 0 without purchases. */
export function largestSupplierShare(
  purchases: readonly Purchase[],
  options: { threshold?: number } = {},
): { share: number; supplier: string | null; suppliers: number; total: number; rule: RuleResult } {
  const t = options.threshold ?? FIRM_DEFAULTS.singleSourceThreshold;
  const sums = new Map<string, number>();
  const all = purchaseTotal(purchases);
  for (const p of purchases) sums.set(p.supplier, (sums.get(p.supplier) ?? 0) + p.value);
  let supplier: string | null = null;
  let best = 0;
  for (const [s, v] of sums) {
    if (v > best || (v === best && supplier !== null && s < supplier)) {
      best = v;
      supplier = s;
    }
  }
  const share = all > 0 ? best / all : 0;
  const rule = check('single_source', 'share bought from the largest supplier', share, '>=', t, {
    supplier,
    value: best,
    total: all,
    suppliers: sums.size,
  });
  return { share, supplier: all > 0 ? supplier : null, suppliers: sums.size, total: all, rule };
}

export function foreignShare(
  purchases: readonly Purchase[],
  options: { threshold?: number } = {},
): { share: number; foreign: number; total: number; rule: RuleResult } {
  const t = options.threshold ?? FIRM_DEFAULTS.foreignShareThreshold;
  const all = purchaseTotal(purchases);
  let foreign = 0;
  for (const p of purchases) if (p.foreign) foreign += p.value;
  const share = all > 0 ? foreign / all : 0;
  return {
    share,
    foreign,
    total: all,
    rule: check('foreign_share', 'foreign share of the input', share, '>', t, { foreign, total: all }),
  };
}

export const BACKUP_STANDARDS = ['same', 'lower'] as const;
export const BACKUP_QUALIFICATIONS = ['qualified', 'in_progress', 'none'] as const;

export type Backup = {
  id: string;
  /** 同准备份 (same standard) or 降准备份 (lower standard, keeps production going). */
  standard: (typeof BACKUP_STANDARDS)[number];
  qualification: (typeof BACKUP_QUALIFICATIONS)[number];
  /** Weeks to switch production over to it. */
  switchWeeks?: number;
};

export type BackupStatus = 'same_standard_ready' | 'lower_standard_ready' | 'in_qualification' | 'none';

/**
 * The best registered backup and its flags. Backups rank qualified same-standard, qualified
 * lower-standard, in qualification, none, and within a rank by the shorter switch-over. The switch-over
 * rule reads the best backup's lead time, the one the status names: a firm whose same-standard backup
 * takes 20 weeks is flagged even if a lower-standard one would take 4, since that keeps production
 * going but not at the standard. An unknown lead time cannot fire the rule (its inputs say so).
 */
export function backupStatus(
  backups: readonly Backup[],
  options: { maxSwitchWeeks?: number } = {},
): { status: BackupStatus; best: Backup | null; flagged: boolean; rules: RuleResult[] } {
  const maxWeeks = options.maxSwitchWeeks ?? FIRM_DEFAULTS.maxSwitchWeeks;
  for (const b of backups) {
    // Unchecked, "SAME" ranked as lower-standard and "yes" as no qualification.
    oneOf(`backup ${b.id}: standard`, b.standard, BACKUP_STANDARDS);
    oneOf(`backup ${b.id}: qualification`, b.qualification, BACKUP_QUALIFICATIONS);
    if (b.switchWeeks !== undefined && !(b.switchWeeks >= 0 && Number.isFinite(b.switchWeeks)))
      throw new IndicatorError(
        `backup ${b.id}: switch-over weeks must be a finite number ≥ 0, got ${b.switchWeeks}`,
      );
  }
  const rank = (b: Backup) =>
    b.qualification === 'qualified'
      ? b.standard === 'same'
        ? 0
        : 1
      : b.qualification === 'in_progress'
        ? 2
        : 3;
  const sorted = [...backups].sort(
    (a, b) => rank(a) - rank(b) || (a.switchWeeks ?? Infinity) - (b.switchWeeks ?? Infinity),
  );
  const best = sorted[0] && rank(sorted[0]) < 3 ? sorted[0] : null;
  const status: BackupStatus = !best
    ? 'none'
    : rank(best) === 0
      ? 'same_standard_ready'
      : rank(best) === 1
        ? 'lower_standard_ready'
        : 'in_qualification';
  const qualified = best !== null && best.qualification === 'qualified' ? 1 : 0;
  const weeks = best?.switchWeeks ?? Number.NaN; // unknown lead time: NaN, the rule does not fire
  const rules = [
    check('no_qualified_backup', 'qualified backups registered', qualified, '<', 1, {
      status,
      backup: best?.id ?? null,
    }),
    check('slow_switch_over', 'weeks to switch to the best backup', weeks, '>', maxWeeks, {
      backup: best?.id ?? null,
      weeksKnown: !Number.isNaN(weeks),
    }),
  ];
  return { status, best, flagged: rules.some((r) => r.fired), rules };
}
