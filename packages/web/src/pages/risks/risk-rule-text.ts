import type { DependencyRule } from '../../api/chains.js';
import type { FirmInputFindings, NodeImportFindings, RiskRule } from '../../api/risks.js';
import { formatPct } from '../../format.js';
import type { MessageKey } from '../../i18n/messages.zh.js';
import { ruleText, ruleValue } from '../chain/dependency-rule-text.js';

type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** A comparison as printed, with the signs officials write (≥ rather than >=). */
export const comparisonSign = (comparison: RiskRule['comparison']) =>
  comparison === '>=' ? '≥' : comparison === '<=' ? '≤' : comparison;

/** A share (a fraction) in per cent with one decimal, as the firm page prints it. */
const share = (value: number) => formatPct(value * 100);

/**
 * One rule of a firm's input as a sentence with its value and threshold, in the firm page's terms:
 * "最大来源占比 100.0% ≥ 80.0%", "备份切换周期 未登记 > 12 周".
 */
export function firmRuleText(t: Translate, r: RiskRule): string {
  const unknown = t('risks.rule.unknown');
  switch (r.rule) {
    case 'single_source':
    case 'foreign_share':
      return t(r.rule === 'single_source' ? 'risks.rule.singleSource' : 'risks.rule.foreignShare', {
        value: r.value === null ? unknown : share(r.value),
        comparison: comparisonSign(r.comparison),
        threshold: share(r.threshold),
      });
    case 'no_qualified_backup':
      return t('risks.rule.qualifiedBackups', {
        value: r.value ?? unknown,
        comparison: comparisonSign(r.comparison),
        threshold: r.threshold,
      });
    case 'slow_switch_over':
      return t('risks.rule.switchOver', {
        value: r.value === null ? unknown : t('risks.rule.weeks', { weeks: r.value }),
        comparison: comparisonSign(r.comparison),
        threshold: t('risks.rule.weeks', { weeks: r.threshold }),
      });
    case 'restricted_origin':
    case 'restricted_origin_unclear':
      return t(r.rule === 'restricted_origin' ? 'risks.rule.restricted' : 'risks.rule.restrictedUnclear', {
        value: r.value === null ? unknown : share(r.value),
        comparison: comparisonSign(r.comparison),
        threshold: share(r.threshold),
      });
    default:
      return `${r.rule} ${r.value ?? unknown} ${r.comparison} ${r.threshold}`;
  }
}

const NODE_RULE_LABEL: Record<string, MessageKey> = {
  hhi: 'dependency.hhi',
  top_origin_share: 'dependency.topOrigin',
  import_dependence: 'dependency.importDependence',
  imports_exports: 'dependency.ratio',
};

/** The ratio the engine gives when a node has imports and no exports (packages/engine, noExportsRatio). */
const NO_EXPORTS_RATIO = 9999;

/**
 * One rule of a node's import-dependency screen as the chain page's drawer says it: "HHI 0.57 > 0.40",
 * "3 年中 3 年触发（2023、2024、2025），≥ 2 年".
 */
export function nodeRuleText(
  t: Translate,
  lang: 'zh' | 'en',
  r: RiskRule,
  findings: Pick<NodeImportFindings, 'held_in' | 'persistence'>,
): string {
  if (r.rule === 'persistence')
    return t('dependency.persistenceFired', {
      held: findings.held_in.length,
      n: findings.persistence.n,
      k: findings.persistence.k,
      years: findings.held_in.join(lang === 'zh' ? '、' : ', '),
    });
  const rule = r.rule as DependencyRule['rule'];
  const value =
    r.value === null
      ? t('risks.rule.unknown')
      : rule === 'imports_exports' && r.value >= NO_EXPORTS_RATIO
        ? `≥ ${ruleText(rule, NO_EXPORTS_RATIO)}`
        : ruleValue(rule, r.value, r.threshold);
  return t('dependency.firedValue', {
    name: NODE_RULE_LABEL[r.rule] ? t(NODE_RULE_LABEL[r.rule]!) : r.rule,
    value,
    comparison: comparisonSign(r.comparison),
    threshold: ruleText(rule, r.threshold),
  });
}

/** Why the firm is watched by the list: large, or the plan's tags it carries. */
export function listedAsText(
  t: Translate,
  listedAs: FirmInputFindings['listed_as'],
  tagLabel: (tag: string) => string,
  lang: 'zh' | 'en',
): string {
  const reasons = [...(listedAs.size_class ? [t('risks.why.large')] : []), ...listedAs.tags.map(tagLabel)];
  return reasons.join(lang === 'zh' ? '、' : ', ');
}
