/**
 * Restricted-origin exposure (per firm and essential input industry)
 * ===================================================================
 *
 *     restricted-origin share  = Σ v over purchases whose (origin country, HS code) is on the
 *                                user-maintained restriction list / Σ v                       (flag: > 0;
 *                                an entry without HS code covers the country's uncoded purchases too)
 *     unclear restricted share = Σ v over purchases from a listed country whose HS code is a shorter
 *                                prefix of a listed code (8542 against 854231), or missing, / Σ v
 *                                (flag: > 0, for review: the record cannot tell whether it is the
 *                                listed product)
 *
 * Kept apart from firm.ts, whose purchases and total it shares, since the list, its matching and its
 * two rules are most of the code. These are the project's own definitions; the threshold is an option.
 *
 * [Reference]: shared/specs/risk-indicators.md, "Firm- and network-level signals".
 */

import { countryCode, listHsCode, normalizeHs } from './codes.js';
import { FIRM_DEFAULTS, type Purchase, purchaseTotal } from './firm.js';
import { check, type RuleResult } from './rules.js';

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
  const all = purchaseTotal(purchases);
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
