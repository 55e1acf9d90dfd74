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
 *                                listed product); also foreign purchases whose country is unknown, when
 *                                an entry of any country may match their HS code
 *
 * Kept apart from firm.ts, whose purchases and total it shares, since the list, its matching and its
 * two rules are most of the code. These are the project's own definitions; the threshold is an option.
 *
 * [Reference]: shared/specs/risk-indicators.md, "Firm- and network-level signals".
 */

import { countryCode, listHsCode, normalizeCountry, normalizeHs } from './codes.js';
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
 * The entry may match a purchase of this code from a country not known: the codes agree as far as the
 * shorter goes. That is a country-wide entry, one whose code prefixes the purchase's, one the purchase's
 * coarser code may hide, and, for a purchase without a code, every entry.
 */
const mayMatch = (e: ListEntry, hs: string) => hs.startsWith(e.hs) || e.hs.startsWith(hs);

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

/**
 * The entries a foreign purchase whose country is unknown may match, by its HS code alone (mayMatch). Any
 * of them may be its origin's, so these are for review, as coarselyCoded's are.
 */
export function mayMatchUnknownOrigin(hs: string, list: readonly RestrictedEntry[]): RestrictedEntry[] {
  const h = normalizeHs(hs);
  return checkedList(list)
    .filter((e) => mayMatch(e, h))
    .map((e) => e.entry);
}

/** A purchase with the entry that covers it (or, when unclear, the first it may be). */
export type RestrictedMatch = Purchase & { entry: RestrictedEntry };

/** Purchase the screen cannot place: `candidates` are the entries it may be (entry is the first). */
export type UnclearMatch = RestrictedMatch & { candidates: RestrictedEntry[] };

/** An entry as "KR 8542.31 (source)" or "KP (whole country)". */
function describeEntry(e: RestrictedEntry): string {
  const hs = normalizeHs(e.hs ?? '') === '' ? '(whole country)' : (e.hs ?? '').trim();
  return `${normalizeCountry(e.country)} ${hs}${e.source ? ` (${e.source})` : ''}`;
}

/**
 * Each match as "KR 8542.31 (source): 10" or "KP (no HS code): 10", joined, for a rule's inputs. A purchase
 * whose country is unknown names every entry it may be ("(country unknown) 8542, may be KP (whole country)
 * or KR 854231: 10"), since no one entry stands for the rest.
 */
function describeMatches(
  matches: ReadonlyArray<RestrictedMatch & { candidates?: RestrictedEntry[] }>,
): string {
  return matches
    .map((m) => {
      const hs = normalizeHs(m.hs ?? '') === '' ? '(no HS code)' : m.hs;
      if (m.country === undefined)
        return `(country unknown) ${hs}, may be ${(m.candidates ?? [m.entry]).map(describeEntry).join(' or ')}: ${m.value}`;
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
  matches: RestrictedMatch[];
  rule: RuleResult;
  /**
   * Purchases from a listed country coded too coarsely to tell whether they are the listed product, and
   * foreign purchases whose country is unknown that an entry may match (their `country` is undefined).
   */
  unclear: {
    share: number;
    amount: number;
    matches: UnclearMatch[];
    rule: RuleResult;
  };
} {
  const t = options.threshold ?? FIRM_DEFAULTS.restrictedShareThreshold;
  const all = purchaseTotal(purchases);
  let restricted = 0;
  let unclearAmount = 0;
  const matches: RestrictedMatch[] = [];
  const unclearMatches: UnclearMatch[] = [];
  const entries = checkedList(list);
  let countryUnknown = 0;
  for (const p of purchases) {
    if (!p.foreign) continue;
    // An uncoded purchase ('' once its digits are taken: absent, blank, "n/a") is every product of its
    // country: a country-wide entry covers it, and product entries of its country are what it may be.
    const hs = normalizeHs(p.hs ?? '');
    if (p.country === undefined || (typeof p.country === 'string' && p.country.trim() === '')) {
      // Unknown, the origin may be any listed country, so passing it over would let a listed origin
      // through; counting it as exposed would call every such purchase restricted. It is for review.
      const candidates = entries.filter((e) => mayMatch(e, hs)).map((e) => e.entry);
      if (candidates.length > 0) {
        unclearAmount += p.value;
        countryUnknown++;
        unclearMatches.push({ ...p, country: undefined, entry: candidates[0]!, candidates });
      }
      continue;
    }
    const country = countryCode(`purchase from ${p.supplier}: country`, p.country);
    const entry = entries.find((e) => covers(e, country, hs));
    if (entry) {
      restricted += p.value;
      matches.push({ ...p, country, entry: entry.entry });
      continue;
    }
    const hidden = entries.filter((e) => hides(e, country, hs)).map((e) => e.entry);
    if (hidden.length > 0) {
      unclearAmount += p.value;
      // The first entry it may hide names it in the inputs; candidates keeps them all.
      unclearMatches.push({ ...p, country, entry: hidden[0]!, candidates: hidden });
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
        'share bought from listed countries under an HS code too coarse to tell whether it is a listed product, or from an unknown foreign origin a list entry may match',
        unclearShare,
        '>',
        t,
        {
          amount: unclearAmount,
          total: all,
          matches: unclearMatches.length,
          countryUnknown,
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
