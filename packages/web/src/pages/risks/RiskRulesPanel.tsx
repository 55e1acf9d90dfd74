import { Collapse, Typography } from 'antd';
import { useRiskRules } from '../../api/risks.js';
import { formatPct } from '../../format.js';
import { tagLabel } from '../../i18n/data-labels.js';
import { useI18n } from '../../i18n/i18n.js';

/**
 * How the list is made and handled, in the server's own figures (GET /api/v1/risks/rules): which firms
 * and inputs are watched, what makes an entry, and each level's deadlines. Folded: it is read once.
 */
export function RiskRulesPanel() {
  const { t, lang } = useI18n();
  const rules = useRiskRules();
  const r = rules.data;
  if (!r) return null;
  const list = (items: string[]) => items.join(lang === 'zh' ? '、' : ', ');
  const lines = [
    t('risks.rules.firms', {
      tags: list(r.firms.key_tags.map((tag) => tagLabel(t, tag))),
      rating: r.firms.min_essentiality,
    }),
    t('risks.rules.firmInput', {
      single: formatPct(r.firm_input.single_source * 100),
      foreign: formatPct(r.firm_input.foreign_share * 100),
      weeks: r.firm_input.max_switch_weeks,
    }),
    t('risks.rules.restricted', {
      rating: r.firms.min_essentiality,
      min: formatPct(r.restricted_origin.min_share * 100),
      high: formatPct(r.restricted_origin.high_share * 100),
    }),
    t('risks.rules.nodeImport', {
      k: r.node_import.k,
      n: r.node_import.n,
      hhi: r.node_import.hhi.toFixed(2),
      dependence: formatPct(r.node_import.dependence * 100),
      ratio: r.node_import.import_export,
    }),
    t('risks.rules.deadlines', {
      county: r.deadlines.respond.county,
      city: r.deadlines.respond.city,
      province: r.deadlines.respond.province,
      resolve: r.deadlines.resolve,
      confirm: r.deadlines.confirm,
      minutes: r.deadlines.check_minutes,
    }),
    t('risks.rules.workingDays', { years: r.deadlines.schedule_years.join(t('risks.rules.yearSeparator')) }),
  ];
  return (
    <Collapse
      size="small"
      data-testid="risk-rules"
      items={[
        {
          key: 'rules',
          label: t('risks.rules.title'),
          children: (
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {lines.map((line) => (
                <li key={line}>
                  <Typography.Text>{line}</Typography.Text>
                </li>
              ))}
            </ul>
          ),
        },
      ]}
    />
  );
}
