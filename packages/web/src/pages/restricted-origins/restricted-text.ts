import type { MessageKey } from '../../i18n/messages.zh.js';

type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** An HS code as listed: its digits, or "whole country" for an entry without one (an embargo). */
export const hsLabel = (t: Translate, hs: string) => (hs === '' ? t('restricted.wholeCountry') : hs);

/** An entry as "US 854231 (US EAR ECCN 3A090, 2022-10)": what matched, and the measure it comes from. */
export function entryText(
  t: Translate,
  lang: 'zh' | 'en',
  e: { country: string; hs: string; source: string | null },
): string {
  const what = `${e.country} ${hsLabel(t, e.hs)}`;
  if (!e.source) return what;
  return lang === 'zh' ? `${what}（${e.source}）` : `${what} (${e.source})`;
}

/**
 * Purchases matched to entries as "美国 8542: 2.00 亿元, may be US 854231 (…)": the origin (or "origin
 * unknown"), the code they were compared under, the amount, and the entries.
 */
export function matchText(
  t: Translate,
  lang: 'zh' | 'en',
  m: {
    origin: string | null;
    hs: string;
    amount: string;
    entries: Array<{ country: string; hs: string; source: string | null }>;
  },
): string {
  const entries = m.entries.map((e) => entryText(t, lang, e)).join(lang === 'zh' ? '；' : '; ');
  return t('restricted.match', {
    origin: m.origin ?? t('restricted.originUnknown'),
    hs: m.hs === '' ? t('restricted.noHs') : m.hs,
    amount: m.amount,
    entries,
  });
}
