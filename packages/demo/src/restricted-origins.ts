/**
 * The demo's restricted-origin list (限制来源清单, ADR 0024): a few public export controls, each with the
 * measure it comes from, so that the firm pages and the risk list show the rule on real codes. The
 * first start seeds it before the demo data is loaded, so the first scan applies it; an administrator
 * may change it like any list.
 *
 * Each entry is a fact from a public measure, summarised here; the HS code is the customs line the
 * controlled product is usually declared under, which is wider than the control itself (848620 holds
 * every lithography tool, not only the controlled ones), as an official's list would be.
 */
export type DemoRestrictedOrigin = { country: string; hs: string; source: string; note: string };

export const DEMO_RESTRICTED_ORIGINS: readonly DemoRestrictedOrigin[] = [
  {
    country: 'JP',
    hs: '2811.11',
    source: 'Japan METI export licensing for the Republic of Korea, 2019-07 (hydrogen fluoride)',
    note: 'Example: the 2019 measure concerned exports to Korea; listed to show an origin × product control.',
  },
  {
    country: 'JP',
    hs: '3920.99',
    source: 'Japan METI export licensing for the Republic of Korea, 2019-07 (fluorinated polyimide)',
    note: 'Example: the 2019 measure concerned exports to Korea; polyimide film is declared under 3920.99.',
  },
  {
    country: 'JP',
    hs: '3707.90',
    source: 'Japan METI export licensing for the Republic of Korea, 2019-07 (resists)',
    note: 'Example: the 2019 measure concerned exports to Korea; photoresists are declared under 3707.90.',
  },
  {
    country: 'US',
    hs: '8542.31',
    source: 'US EAR ECCN 3A090, 2022-10',
    note: 'Advanced-computing integrated circuits; 8542.31 also holds processors the rule does not control.',
  },
  {
    country: 'NL',
    hs: '8486.20',
    source: 'Netherlands export licensing of advanced semiconductor manufacturing equipment, 2023-09',
    note: 'Advanced lithography tools; 8486.20 also holds equipment the measure does not control.',
  },
];
