import type { ChainOverview, OverviewResponse } from '@chainbrain/domain';
import { Progress, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import { formatChangePct, formatPct, formatYi } from '../../format.js';
import { useI18n } from '../../i18n/i18n.js';
import { useMonthLink } from '../../navigation/useMonthLink.js';

type Row = ChainOverview & { key: string; isTotal?: boolean };

function growthColor(value: number | null): string | undefined {
  if (value === null) return undefined;
  // Chinese convention: red up, green down; both dark enough to read on white (5.6:1).
  return value >= 0 ? '#cf1322' : '#237804';
}

export function OverviewTable({ overview }: { overview: OverviewResponse }) {
  const { t, pick } = useI18n();
  const monthLink = useMonthLink();
  // The totals row is the API's, target included: the plan's headline target for the ten chains (60,000
  // 亿元) is not the sum of the chain targets (64,500), so adding them up here would contradict the plan.
  const rows: Row[] = overview.chains.map((c) => ({ ...c, key: c.chain_id }));
  const totals: Row = {
    key: 'total',
    isTotal: true,
    chain_id: 'total',
    name_zh: t('overview.total'),
    name_en: t('overview.total'),
    ...overview.totals,
  };
  // A hidden figure (statistical confidentiality) is a dash that says why.
  const number = (value: number | null, row: Row) =>
    value === null && row.suppressed ? (
      <span className="num" title={t('common.suppressed')} data-testid="suppressed">
        —
      </span>
    ) : (
      <span className="num">{formatYi(value)}</span>
    );
  // The 12-month sum is absent when the 12 months reach before the data: the dash says so.
  const trailing = (value: number | null, row: Row) =>
    value === null && !row.suppressed ? (
      <Tooltip title={t('overview.partialYear')}>
        <span className="num" data-testid="trailing-none">
          —
        </span>
      </Tooltip>
    ) : (
      number(value, row)
    );
  const columns: ColumnsType<Row> = [
    {
      title: t('overview.chain'),
      dataIndex: 'name_zh',
      render: (_, row) =>
        row.isTotal ? (
          <strong>{t('overview.total')}</strong>
        ) : (
          <Link to={monthLink(`/chains/${row.chain_id}`)}>{pick(row.name_zh, row.name_en)}</Link>
        ),
    },
    { title: t('overview.monthOutput'), dataIndex: 'month_output', align: 'right', render: number },
    { title: t('overview.ytdOutput'), dataIndex: 'ytd_output', align: 'right', render: number },
    {
      title: t('overview.ytdYoy'),
      dataIndex: 'ytd_yoy_pct',
      align: 'right',
      render: (value: number | null) => (
        <span style={{ color: growthColor(value) }} title={t('overview.yoyHelp')}>
          {formatChangePct(value, t('overview.noYoy'))}
        </span>
      ),
    },
    { title: t('overview.trailing12'), dataIndex: 'trailing_12m_output', align: 'right', render: trailing },
    { title: t('overview.target'), dataIndex: 'target_2025', align: 'right', render: number },
    {
      title: t('overview.completion'),
      dataIndex: 'completion_pct',
      width: 200,
      render: (value: number | null, row) =>
        value === null ? (
          row.suppressed ? (
            number(null, row)
          ) : (
            // No completion without a full year of data, nor without a target of the same scope: the plan's
            // targets are province-wide, and a region's output against them would mean nothing.
            <Tooltip
              title={t(
                row.trailing_12m_output === null ? 'overview.partialYear' : 'overview.noRegionalTarget',
              )}
            >
              <span className="num" data-testid="completion-none">
                —
              </span>
            </Tooltip>
          )
        ) : (
          <span title={t('overview.completionHelp')} data-testid="completion">
            <Progress
              // A bar is named by its chain; past 100% the bar stops but the words say how far.
              aria-label={t('overview.completionOf', {
                chain: row.isTotal ? t('overview.total') : pick(row.name_zh, row.name_en),
              })}
              aria-valuetext={formatPct(value)}
              percent={Math.min(100, Number(value.toFixed(1)))}
              format={() => formatPct(value)}
              size="small"
              status={value >= 100 ? 'success' : 'normal'}
            />
          </span>
        ),
    },
  ];
  return (
    <>
      <Typography.Text type="secondary">{t('overview.unit')}</Typography.Text>
      <Table<Row>
        data-testid="overview-table"
        rowKey="key"
        size="middle"
        columns={columns}
        dataSource={[...rows, totals]}
        pagination={false}
        rowClassName={(row) => (row.isTotal ? 'row-total' : '')}
        // Below 900 px (a phone) the table scrolls sideways; squeezed, the chain names broke after every
        // character. Above it, long English names wrap.
        scroll={{ x: 900 }}
      />
      {[...rows, totals].some((r) => r.suppressed) && (
        <Typography.Text type="secondary" data-testid="suppressed-note">
          {t('common.suppressedShort')}
        </Typography.Text>
      )}
    </>
  );
}
