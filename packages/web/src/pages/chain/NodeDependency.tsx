import { Alert, Table, Tag, Typography } from 'antd';
import type { NodeDependency as Screen } from '../../api/chains.js';
import { useNodeDependency } from '../../api/chains.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { ScrollRegion } from '../../components/ScrollRegion.js';
import { formatPct, formatYi } from '../../format.js';
import { useI18n } from '../../i18n/i18n.js';
import type { MessageKey } from '../../i18n/messages.zh.js';
import { ruleText, ruleValue } from './dependency-rule-text.js';

type Year = Screen['years'][number];
type Row = { year: string; data: Year | null };

const RULE_LABEL: Record<string, MessageKey> = {
  hhi: 'dependency.hhi',
  top_origin_share: 'dependency.topOrigin',
  import_dependence: 'dependency.importDependence',
  imports_exports: 'dependency.ratio',
};

/**
 * A node's import-dependency screen (the engine's product indicators over the last complete years): the
 * verdict, the rule and the values behind it, so that an official can check the flag and argue with it.
 */
export function NodeDependency({ nodeId, month }: { nodeId: string; month: string | null }) {
  const { t, pick, lang } = useI18n();
  const screen = useNodeDependency(nodeId, month);
  if (screen.error) return <ErrorNotice error={screen.error} />;
  const s = screen.data;
  if (!s) return null;
  const list = (years: string[]) => years.join(lang === 'zh' ? '、' : ', ');
  // Brackets as each language writes them: full-width in Chinese.
  const inBrackets = (text: string) => (lang === 'zh' ? `（${text}）` : ` (${text})`);
  const fired = (y: Year, rule: string) => y.rules.find((r) => r.rule === rule)?.fired === true;
  const mark = (text: string, on: boolean) =>
    on ? (
      <Typography.Text type="danger" strong>
        {text}
      </Typography.Text>
    ) : (
      text
    );
  const ratioText = (y: Year) =>
    y.import_export_capped
      ? y.exports === 0
        ? t('dependency.noExports')
        : `≥ ${ruleText('imports_exports', y.import_export_ratio)}`
      : ruleValue('imports_exports', y.import_export_ratio, s.thresholds.import_export);
  const rows: Row[] = s.window.map((year) => ({ year, data: s.years.find((y) => y.year === year) ?? null }));
  const criteria = s.fired.filter((r) => r.rule !== 'persistence');
  const lastFlagged = s.held_in.at(-1);
  const lastYear = s.years.find((y) => y.year === lastFlagged);

  return (
    <div data-testid="node-dependency">
      <Typography.Title level={5}>
        {t('dependency.title', { from: s.window[0] ?? '', to: s.window.at(-1) ?? '' })}{' '}
        {s.flagged === true ? (
          <Tag color="red" data-testid="node-dependency-verdict">
            {t('dependency.flagged')}
          </Tag>
        ) : s.flagged === false ? (
          <Tag color="green" data-testid="node-dependency-verdict">
            {t('dependency.notFlagged')}
          </Tag>
        ) : (
          <Tag data-testid="node-dependency-verdict">{t('dependency.undecided')}</Tag>
        )}
      </Typography.Title>
      {s.undecided === 'no_hs_codes' ? (
        <Typography.Text type="secondary">{t('dependency.noHsCodes')}</Typography.Text>
      ) : s.undecided === 'no_full_year' ? (
        <Typography.Text type="secondary">{t('dependency.noFullYear')}</Typography.Text>
      ) : (
        <>
          {s.flagged && lastFlagged && (
            <Typography.Paragraph data-testid="node-dependency-fired">
              {t('dependency.firedIntro', { year: lastFlagged })}
              {criteria
                .map((r) =>
                  t('dependency.firedValue', {
                    name: t(RULE_LABEL[r.rule] ?? 'dependency.ratio'),
                    // "no exports" rather than the 9999 that stands for it.
                    value:
                      r.rule === 'imports_exports' && lastYear?.import_export_capped
                        ? `${ruleText(r.rule, r.value)}${lastYear.exports === 0 ? inBrackets(t('dependency.noExports')) : ''}`
                        : ruleValue(r.rule, r.value, r.threshold),
                    comparison: r.comparison,
                    threshold: ruleText(r.rule, r.threshold),
                  }),
                )
                .concat(
                  t('dependency.persistenceFired', {
                    held: s.held_in.length,
                    n: s.persistence.n,
                    k: s.persistence.k,
                    years: list(s.held_in),
                  }),
                )
                .join(lang === 'zh' ? '；' : '; ')}
            </Typography.Paragraph>
          )}
          {s.flagged === false && (
            <Typography.Paragraph data-testid="node-dependency-held">
              {t('dependency.heldIn', {
                held: s.held_in.length,
                n: s.persistence.n,
                years: s.held_in.length ? inBrackets(list(s.held_in)) : '',
              })}
            </Typography.Paragraph>
          )}
          {s.years.some((y) => y.local_production === null) && (
            <Typography.Paragraph type="secondary" data-testid="node-dependency-withheld">
              {t(s.undecided === 'withheld' ? 'dependency.withheld' : 'dependency.withheldDecided')}
            </Typography.Paragraph>
          )}
          {s.shared_hs_codes.length > 0 && (
            // An alert, not warning-coloured text: antd's warning yellow is about 2:1 on white.
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 8 }}
              data-testid="node-dependency-shared"
              title={t('dependency.sharedHsCodes', {
                codes: list(s.shared_hs_codes.map((c) => c.code)),
                count: new Set(s.shared_hs_codes.flatMap((c) => c.node_ids)).size,
              })}
            />
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('overview.unit')}
          </Typography.Text>
          <ScrollRegion label={t('dependency.title', { from: s.window[0] ?? '', to: s.window.at(-1) ?? '' })}>
            <Table<Row>
              size="small"
              pagination={false}
              rowKey="year"
              dataSource={rows}
              columns={[
                { title: t('dependency.year'), dataIndex: 'year' },
                {
                  title: t('dependency.imports'),
                  align: 'right',
                  render: (_, r) => (r.data ? formatYi(r.data.imports) : t('dependency.noData')),
                  onCell: (r) => ({ colSpan: r.data ? 1 : 8 }),
                },
                ...(
                  [
                    ['exports', (y: Year) => formatYi(y.exports)],
                    // The dependence's other input, so that it can be checked: imports ÷ (imports + this).
                    [
                      'localProduction',
                      (y: Year) =>
                        y.local_production === null
                          ? t('dependency.withheldCell')
                          : formatYi(y.local_production),
                    ],
                    ['hhi', (y: Year) => mark(ruleValue('hhi', y.hhi, s.thresholds.hhi), fired(y, 'hhi'))],
                    [
                      'topOrigin',
                      (y: Year) =>
                        y.top_origin
                          ? `${pick(y.top_origin_name_zh ?? '', y.top_origin_name_en ?? '')}${inBrackets(formatPct(y.top_share * 100))}`
                          : '—',
                    ],
                    [
                      'importDependence',
                      (y: Year) =>
                        y.import_dependence === null
                          ? t('dependency.withheldCell')
                          : mark(
                              ruleValue('import_dependence', y.import_dependence, s.thresholds.dependence),
                              fired(y, 'import_dependence'),
                            ),
                    ],
                    ['ratio', (y: Year) => mark(ratioText(y), fired(y, 'imports_exports'))],
                    [
                      'yearFlagged',
                      (y: Year) =>
                        y.flagged === null ? '—' : y.flagged ? t('dependency.yes') : t('dependency.no'),
                    ],
                  ] as const
                ).map(([key, cell]) => ({
                  title: t(`dependency.${key}` as MessageKey),
                  align:
                    key === 'topOrigin' || key === 'yearFlagged' ? ('left' as const) : ('right' as const),
                  // Figures on one line: a narrow drawer broke "0.82" over two.
                  render: (_: unknown, r: Row) =>
                    r.data ? <span style={{ whiteSpace: 'nowrap' }}>{cell(r.data)}</span> : null,
                  onCell: (r: Row) => ({ colSpan: r.data ? 1 : 0 }),
                })),
              ]}
            />
          </ScrollRegion>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8 }}>
            {t('dependency.rule', {
              hhi: ruleText('hhi', s.thresholds.hhi),
              dependence: ruleText('import_dependence', s.thresholds.dependence),
              ratio: ruleText('imports_exports', s.thresholds.import_export),
              n: s.persistence.n,
              k: s.persistence.k,
            })}
          </Typography.Paragraph>
        </>
      )}
    </div>
  );
}
