// Whether essentiality.csv speaks of this network's industries. A table may cover more industries than
// one network has, so some unknown ones are only worth a warning; but a table of which no row applies
// (a typo, another case: "X" for "x") rates every link 0, and ESRI would be 0 without a word.
import { InputError } from './input-error.js';
import type { Essentiality, Firms } from './load.js';

/** How many names a message lists before "and N more". */
const LISTED = 5;

type Said = { en: string; zh: string };

function listed(names: string[], describe: (name: string) => Said): Said {
  const shown = names.slice(0, LISTED).map(describe);
  const more = names.length - LISTED;
  const en = shown.map((d) => d.en).join(', ');
  const zh = shown.map((d) => d.zh).join('、');
  return {
    en: more > 0 ? `${en} and ${more} more` : en,
    zh: more > 0 ? `${zh} 等（另有 ${more} 个）` : zh,
  };
}

/**
 * Throws when no row of the table rates a pair of industries that firms here have; returns the warning
 * to print when some industries of the table have no firms here, or undefined.
 */
export function essentialityCoverage(
  ess: Essentiality,
  firms: Firms,
): { en: string; zh: string } | undefined {
  const known = [...firms.industryIndex.keys()];
  const lower = new Map(known.map((k) => [k.toLowerCase(), k]));
  const unknown = [...ess.unknown.entries()];
  const names = listed(
    unknown.map(([name]) => name),
    (name) => {
      const line = ess.unknown.get(name);
      // The firms' spelling of an industry the table writes in another case: the likeliest mistake.
      const other = lower.get(name.toLowerCase());
      return other === undefined
        ? { en: `"${name}" (line ${line})`, zh: `“${name}”（第 ${line} 行）` }
        : {
            en: `"${name}" (line ${line}; ${firms.file}: "${other}")`,
            zh: `“${name}”（第 ${line} 行；${firms.file} 中为“${other}”）`,
          };
    },
  );
  if (ess.rows > 0 && ess.usedRows === 0) {
    const theirs = listed(known, (name) => ({ en: `"${name}"`, zh: `“${name}”` }));
    throw new InputError(
      ess.file,
      0,
      0,
      `no row rates two industries that firms in ${firms.file} have, so every link would be rated 0; industries of the table without firms: ${names.en}; industries of the firms: ${theirs.en}`,
      `没有任何一行评级的两个行业都属于 ${firms.file} 中的企业，所有供应关系都会被评为 0；表中没有企业的行业：${names.zh}；企业的行业：${theirs.zh}`,
    );
  }
  if (unknown.length === 0) return undefined;
  const count = unknown.length;
  return {
    en: `${ess.file}: ${count} ${count === 1 ? 'industry has' : 'industries have'} no firm in ${firms.file}, so ${count === 1 ? 'its rows rate' : 'their rows rate'} nothing here: ${names.en}`,
    zh: `${ess.file}：有 ${count} 个行业在 ${firms.file} 中没有企业，相关各行在此不起作用：${names.zh}`,
  };
}
