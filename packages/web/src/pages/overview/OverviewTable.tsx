import type { ChainOverview, OverviewResponse } from '@chainbrain/domain';
import { Progress, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import { formatChangePct, formatPct, formatYi } from '../../format.js';
import { useI18n } from '../../i18n/i18n.js';

type Row = ChainOverview & { key: string; isTotal?: boolean };

function growthColor(value: number | null): string | undefined {
  if (value === null) return undefined;
  return value >= 0 ? '#cf1322' : '#389e0d'; // Chinese convention: red up, green down.
}

export function OverviewTable({ overview }: { overview: OverviewResponse }) {
  const { t, pick } = useI18n();
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
  const columns: ColumnsType<Row> = [
    {
      title: t('overview.chain'),
      dataIndex: 'name_zh',
      render: (_, row) =>
        row.isTotal ? (
          <strong>{t('overview.total')}</strong>
        ) : (
          <Link to={`/chains/${row.chain_id}`}>{pick(row.name_zh, row.name_en)}</Link>
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
    { title: t('overview.trailing12'), dataIndex: 'trailing_12m_output', align: 'right', render: number },
    { title: t('overview.target'), dataIndex: 'target_2025', align: 'right', render: number },
    {
      title: t('overview.completion'),
      dataIndex: 'completion_pct',
      width: 200,
      render: (value: number | null, row) =>
        value === null ? (
          number(null, row)
        ) : (
          <span title={t('overview.completionHelp')} data-testid="completion">
            <Progress
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
      />
    </>
  );
}
