/**
 * Firm-level supply indicators (per firm and essential input industry)
 * ====================================================================
 *
 *     largest-supplier share   = max_s v_s / Σ_s v_s over the firm's purchases of the input   (flag: ≥ 0.8;
 *                                1.0 = single-sourced); domestic suppliers and foreign origins both count
 *                                as sources
 *     foreign share            = Σ_{foreign} v / Σ v                                          (flag: > 0.5)
 *     restricted-origin share  = Σ v over purchases whose (origin country, HS code) is on the
 *                                user-maintained restriction list / Σ v                       (flag: > 0;
 *                                an entry without HS code covers the country's uncoded purchases too)
 *     unclear restricted share = Σ v over purchases from a listed country whose HS code is a shorter
 *                                prefix of a listed code (8542 against 854231), or missing, / Σ v
 *                                (flag: > 0, for review: the record cannot tell whether it is the
 *                                listed product)
 *     backup status            = best registered backup: a qualified same-standard backup (同准备份),
 *                                else a qualified lower-standard one (降准备份), else one in qualification,
 *                                else none; flag when none is qualified, or when the switch-over lead time
 *                                exceeds the limit (default 12 weeks)
 *
 * These are the project's own definitions (no single standard exists); thresholds are options.
 *
 * [Reference]: shared/specs/risk-indicators.md, "Firm- and network-level signals".
 */

import { amount, finiteTotal } from './amounts.js';
import { countryCode, listHsCode, normalizeCountry, normalizeHs } from './codes.js';
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
   * when unknown (a CSV column left empty); such a purchase is not screened against the list.
   */
  country?: string;
  /** HS code of the purchased product. */
  hs?: string;
};

export type RestrictedEntry = {
  /** ISO 3166 alpha-2 code, in any case. */
  country: string;
  /**
   * HS code or prefix of 2, 4, 6, 8 or 10 digits, dots or spaces allowed ("2805" covers "280530");
   * absent or empty for every product of the country (an embargo).
   */
  hs?: string;
  /** Where the entry comes from (e.g. "EU 2021/821 Annex I"). */
  source?: string;
};

/**
 * All purchases of the input: each a finite amount ≥ 0 with `foreign` true, false or absent (a string
 * "false" would count as foreign), and their sum finite (every share divides by it).
 */
function total(purchases: readonly Purchase[]): number {
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
  const all = total(purchases);
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
  const all = total(purchases);
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

/** A list entry as compared: its country code checked and normalised, its HS code as digits ('' = all). */
type ListEntry = { country: string; hs: string; entry: RestrictedEntry };

/** The list checked entry by entry; a malformed entry is an error naming it (position and contents). */
function checkedList(list: readonly RestrictedEntry[]): ListEntry[] {
  return list.map((entry, i) => {
    const what = `restriction list entry ${i + 1} (${JSON.stringify(entry.country)}, ${JSON.stringify(entry.hs ?? '')}${entry.source ? `, ${entry.source}` : ''})`;
    return {
      country: countryCode(`${what}: country`, entry.country),
      hs: listHsCode(what, entry.hs),
      entry,
    };
  });
}

/** The entry covers the code: same country, and its code is a prefix of the purchase's ('' of any). */
const covers = (e: ListEntry, country: string, hs: string) => e.country === country && hs.startsWith(e.hs);

/** The entry is a finer code the purchase's coarser one may hide (854231 under 8542, or under no code). */
const hides = (e: ListEntry, country: string, hs: string) =>
  e.country === country && e.hs.length > hs.length && e.hs.startsWith(hs);

/**
 * Whether (country, hs) is on the list. Countries compare as ISO alpha-2 codes in upper case, HS codes
 * by their digits; an entry's HS code matches itself and every longer code it prefixes, and an entry
 * without one covers every product from its country (an embargo). A purchase coded more coarsely than an
 * entry (8542 against 854231) does not match: the list names only the finer product, which the purchase
 * may or may not be (coarselyCoded finds those).
 */
export function isRestricted(
  country: string,
  hs: string,
  list: readonly RestrictedEntry[],
): RestrictedEntry | undefined {
  const c = countryCode('country', country);
  const h = normalizeHs(hs);
  return checkedList(list).find((e) => covers(e, c, h))?.entry;
}

/**
 * The entries a purchase coded more coarsely may hide: same country, and the entry's code is longer than
 * the purchase's and starts with it (a purchase of 8542 from KR against an entry KR 854231). Customs and
 * tax records often carry only 4 or 6 digits, so these are for review, not proof of exposure.
 */
export function coarselyCoded(
  country: string,
  hs: string,
  list: readonly RestrictedEntry[],
): RestrictedEntry[] {
  const c = countryCode('country', country);
  const h = normalizeHs(hs);
  return checkedList(list)
    .filter((e) => hides(e, c, h))
    .map((e) => e.entry);
}

/** Each match as "KR 8542.31 (source): 10" or "KP (no HS code): 10", joined, for a rule's inputs. */
function describeMatches(matches: ReadonlyArray<Purchase & { entry: RestrictedEntry }>): string {
  return matches
    .map((m) => {
      const hs = normalizeHs(m.hs ?? '') === '' ? '(no HS code)' : m.hs;
      return `${m.country} ${hs}${m.entry.source ? ` (${m.entry.source})` : ''}: ${m.value}`;
    })
    .join('; ');
}

export function restrictedOriginExposure(
  purchases: readonly Purchase[],
  list: readonly RestrictedEntry[],
  options: { threshold?: number } = {},
): {
  share: number;
  restricted: number;
  total: number;
  matches: Array<Purchase & { entry: RestrictedEntry }>;
  rule: RuleResult;
  /** Purchases from a listed country coded too coarsely to tell whether they are the listed product. */
  unclear: {
    share: number;
    amount: number;
    matches: Array<Purchase & { entry: RestrictedEntry }>;
    rule: RuleResult;
  };
} {
  const t = options.threshold ?? FIRM_DEFAULTS.restrictedShareThreshold;
  const all = total(purchases);
  let restricted = 0;
  let unclearAmount = 0;
  const matches: Array<Purchase & { entry: RestrictedEntry }> = [];
  const unclearMatches: Array<Purchase & { entry: RestrictedEntry }> = [];
  const entries = checkedList(list);
  for (const p of purchases) {
    const unknownOrigin =
      p.country === undefined || (typeof p.country === 'string' && p.country.trim() === '');
    if (!p.foreign || unknownOrigin) continue;
    const country = countryCode(`purchase from ${p.supplier}: country`, p.country);
    // An uncoded purchase ('' once its digits are taken: absent, blank, "n/a") is every product of its
    // country: a country-wide entry covers it, and product entries of its country are what it may be.
    const hs = normalizeHs(p.hs ?? '');
    const entry = entries.find((e) => covers(e, country, hs));
    if (entry) {
      restricted += p.value;
      matches.push({ ...p, country, entry: entry.entry });
      continue;
    }
    const hidden = entries.filter((e) => hides(e, country, hs));
    if (hidden.length > 0) {
      unclearAmount += p.value;
      // The first entry it may hide names it; the rule's inputs count them all.
      unclearMatches.push({ ...p, country, entry: hidden[0]!.entry });
    }
  }
  const share = all > 0 ? restricted / all : 0;
  const unclearShare = all > 0 ? unclearAmount / all : 0;
  const first = matches[0];
  // Every match, so that the flag names all of them, not only the first.
  const matched = describeMatches(matches);
  return {
    share,
    restricted,
    total: all,
    matches,
    unclear: {
      share: unclearShare,
      amount: unclearAmount,
      matches: unclearMatches,
      rule: check(
        'restricted_origin_unclear',
        'share bought from listed countries under an HS code too coarse to tell whether it is a listed product',
        unclearShare,
        '>',
        t,
        {
          amount: unclearAmount,
          total: all,
          matches: unclearMatches.length,
          matched: describeMatches(unclearMatches),
        },
      ),
    },
    rule: check(
      'restricted_origin',
      'share bought from restricted origins (country × HS list)',
      share,
      '>',
      t,
      {
        restricted,
        total: all,
        country: first?.country ?? null,
        hs: first?.hs ?? null,
        listSource: first?.entry.source ?? null,
        matches: matches.length,
        matched,
      },
    ),
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
