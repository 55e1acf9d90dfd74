import { Alert, Descriptions, List, Table, Tag, Typography } from 'antd';
import type { FirmInputFindings, NodeImportFindings, RiskCase, RiskRule } from '../../api/risks.js';
import { ScrollRegion } from '../../components/ScrollRegion.js';
import { formatPct, formatYi } from '../../format.js';
import { tagLabel } from '../../i18n/data-labels.js';
import { useI18n } from '../../i18n/i18n.js';
import type { MessageKey } from '../../i18n/messages.zh.js';
import { ruleText, ruleValue } from '../chain/dependency-rule-text.js';
import { BACKUP_LABEL } from './risk-labels.js';
import { RiskRestrictedWhy } from './RiskRestrictedWhy.js';
import { firmRuleText, listedAsText, nodeRuleText } from './risk-rule-text.js';

const ESSENTIALITY: Record<number, MessageKey> = { 2: 'chain.edge2', 1: 'chain.edge1', 0: 'chain.edge0' };
const STATE: Record<string, MessageKey> = {
  qualified: 'supply.stateQualified',
  qualifying: 'supply.stateQualifying',
  registered: 'supply.stateRegistered',
};

/** The rules as sentences, each marked fired (red) or not, so that an official can check the verdict. */
function RuleList({ rules, text }: { rules: RiskRule[]; text(r: RiskRule): string }) {
  const { t } = useI18n();
  return (
    <List
      size="small"
      data-testid="risk-rules"
      dataSource={rules}
      renderItem={(r) => (
        <List.Item>
          <span>
            {r.fired ? (
              <Typography.Text type="danger" strong>
                {text(r)}
              </Typography.Text>
            ) : (
              text(r)
            )}{' '}
            {r.fired ? <Tag color="red">{t('risks.rule.fired')}</Tag> : <Tag>{t('risks.rule.notFired')}</Tag>}
          </span>
        </List.Item>
      )}
    />
  );
}

/** A firm's input: why the firm is watched, the rules, and the purchases behind them. */
function FirmInputWhy({ f }: { f: FirmInputFindings }) {
  const { t, pick, lang } = useI18n();
  const largest =
    f.largest_kind === 'foreign'
      ? pick(f.largest_country_name_zh ?? '', f.largest_country_name_en ?? '')
      : f.largest_kind === 'out_of_province'
        ? t('risks.largest.outOfProvince')
        : f.largest_kind === 'firm'
          ? t('risks.largest.firm')
          : '—';
  const best = f.best_backup;
  return (
    <>
      <Typography.Paragraph>
        {t('risks.why.listedAs', {
          reasons: listedAsText(t, f.listed_as, (tag) => tagLabel(t, tag), lang),
          essentiality: t(ESSENTIALITY[f.essentiality] ?? 'chain.edge0'),
        })}
      </Typography.Paragraph>
      <RuleList rules={f.rules} text={(r) => firmRuleText(t, r)} />
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('risks.why.firmLogic')}
      </Typography.Paragraph>
      <RiskRestrictedWhy f={f} />
      <Descriptions size="small" bordered column={1} title={t('risks.fig.title')} data-testid="risk-figures">
        <Descriptions.Item label={t('risks.fig.total', { year: f.year })}>
          {formatYi(f.total)}
        </Descriptions.Item>
        <Descriptions.Item label={t('risks.fig.suppliers')}>{f.suppliers}</Descriptions.Item>
        <Descriptions.Item label={t('risks.fig.largest')}>
          {`${largest} ${formatPct(f.largest_share * 100)}`}
        </Descriptions.Item>
        <Descriptions.Item label={t('risks.fig.foreign')}>
          {formatPct(f.foreign_share * 100)}
        </Descriptions.Item>
        <Descriptions.Item label={t('risks.fig.backup')}>
          {t(BACKUP_LABEL[f.backup_status])}
        </Descriptions.Item>
        <Descriptions.Item label={t('risks.fig.registered')}>
          {t('risks.fig.registeredCount', { count: f.registered_backups })}
        </Descriptions.Item>
        <Descriptions.Item label={t('risks.fig.best')}>
          {best
            ? `${t(best.standard === 'same' ? 'supply.backupSame' : 'supply.backupLower')} · ${t(STATE[best.state] ?? 'supply.stateRegistered')} · ${t('supply.weeks', { weeks: best.lead_time_weeks })}`
            : t('risks.fig.none')}
        </Descriptions.Item>
      </Descriptions>
    </>
  );
}

/** A node's import dependency: the screen's rules for the latest year, and every year's values. */
function NodeImportWhy({ f }: { f: NodeImportFindings }) {
  const { t, lang } = useI18n();
  type Year = NodeImportFindings['years'][number];
  const inBrackets = (text: string) => (lang === 'zh' ? `（${text}）` : ` (${text})`);
  const threshold = (rule: string) => f.rules.find((r) => r.rule === rule)?.threshold;
  const value = (rule: 'hhi' | 'import_dependence' | 'imports_exports', v: number) => {
    const th = threshold(rule);
    return th === undefined ? ruleText(rule, v) : ruleValue(rule, v, th);
  };
  return (
    <>
      <Typography.Paragraph>
        {t('risks.why.nodeIntro', { month: f.month, from: f.window[0] ?? '', to: f.window.at(-1) ?? '' })}
      </Typography.Paragraph>
      <RuleList rules={f.rules} text={(r) => nodeRuleText(t, lang, r, f)} />
      {f.shared_hs_codes.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          title={t('risks.fig.hsShared', {
            codes: f.shared_hs_codes.map((c) => c.code).join(lang === 'zh' ? '、' : ', '),
          })}
        />
      )}
      <ScrollRegion label={t('risks.fig.title')}>
        <Table<Year>
          size="small"
          pagination={false}
          rowKey="year"
          data-testid="risk-figures"
          dataSource={f.years}
          columns={[
            { title: t('dependency.year'), dataIndex: 'year' },
            { title: t('dependency.hhi'), align: 'right', render: (_, y) => value('hhi', y.hhi) },
            {
              title: t('risks.fig.topOrigin'),
              render: (_, y) =>
                y.top_origin
                  ? `${(lang === 'zh' ? y.top_origin_name_zh : y.top_origin_name_en) ?? y.top_origin}${inBrackets(formatPct(y.top_share * 100))}`
                  : '—',
            },
            {
              title: t('dependency.importDependence'),
              align: 'right',
              render: (_, y) =>
                y.import_dependence === null
                  ? t('dependency.withheldCell')
                  : value('import_dependence', y.import_dependence),
            },
            {
              title: t('dependency.ratio'),
              align: 'right',
              render: (_, y) =>
                y.import_export_ratio >= 9999 ? '≥ 9,999' : value('imports_exports', y.import_export_ratio),
            },
            {
              title: t('dependency.yearFlagged'),
              render: (_, y) =>
                y.flagged === null ? '—' : y.flagged ? t('dependency.yes') : t('dependency.no'),
            },
          ]}
        />
      </ScrollRegion>
    </>
  );
}

/** Why the case is on the list: the findings of the scan that listed it (or last found it). */
export function RiskWhy({ c }: { c: RiskCase }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="risk-why" data-testid="risk-why">
      <Typography.Title level={5} id="risk-why">
        {t('risks.why.title')}
      </Typography.Title>
      {!c.condition_holds && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 8 }}
          title={t('risks.why.conditionCleared', { scan: c.last_seen_scan_id })}
        />
      )}
      {c.findings.kind === 'firm_input' ? <FirmInputWhy f={c.findings} /> : <NodeImportWhy f={c.findings} />}
    </section>
  );
}
