import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Empty, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { type FirmRow, useFirms } from '../../api/chains.js';
import { getJson } from '../../api/client.js';
import type { ChartTable } from '../../components/ChartDataTable.js';
import { EChart, type EChartOption } from '../../components/EChart.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { formatYi } from '../../format.js';
import { tagLabel } from '../../i18n/data-labels.js';
import { useI18n } from '../../i18n/i18n.js';
import { usePageTitle } from '../../navigation/usePageTitle.js';
import { FirmSupply } from './FirmSupply.js';

type FirmDetail = FirmRow & {
  memberships: Array<{
    node_id: string;
    name_zh: string;
    name_en: string;
    chain_id: string;
    is_primary: boolean;
  }>;
  output: Array<{ period: string; value_yi: number }>;
};

/** Home of users who see firms but no aggregates (firm users): the firms in their scope and their output. */
export default function MyFirmPage() {
  const { t, pick } = useI18n();
  usePageTitle(t('firm.myTitle'));
  const firms = useFirms({ page_size: 50 });
  const [chosen, setChosen] = useState<number | null>(null);
  const firmId = chosen ?? firms.data?.items[0]?.id ?? null;
  const detail = useQuery({
    queryKey: ['firm', firmId],
    queryFn: () => getJson<FirmDetail>(`/api/v1/firms/${firmId}`),
    enabled: firmId !== null,
  });
  const option = useMemo<EChartOption>(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${formatYi(v)} ${t('unit.yi')}` },
      grid: { left: 60, right: 20, top: 20, bottom: 30 },
      xAxis: { type: 'category', data: (detail.data?.output ?? []).map((o) => o.period) },
      yAxis: { type: 'value', name: t('unit.yi') },
      series: [{ type: 'bar', data: (detail.data?.output ?? []).map((o) => Number(o.value_yi.toFixed(4))) }],
    }),
    [detail.data, t],
  );
  // The months' figures, which only the chart gives (see EChart).
  const outputTable: ChartTable = {
    columns: [
      { title: t('chart.month') },
      { title: t('chart.inUnit', { what: t('node.output'), unit: t('unit.yi') }), numeric: true },
    ],
    rows: (detail.data?.output ?? []).map((o) => ({
      key: o.period,
      cells: [o.period, formatYi(o.value_yi)],
    })),
  };
  if (firms.error) return <ErrorNotice error={firms.error} onRetry={() => firms.refetch()} />;
  if (firms.data && firms.data.items.length === 0) return <Empty description={t('common.noData')} />;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('firm.myTitle')}
      </Typography.Title>
      {(firms.data?.items.length ?? 0) > 1 && (
        <Table<FirmRow>
          rowKey="id"
          size="small"
          dataSource={firms.data?.items ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          onRow={(row) => ({ onClick: () => setChosen(row.id), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('firm.name'), dataIndex: 'name' },
            { title: t('firm.county'), render: (_, f) => pick(f.county_name_zh, f.county_name_en) },
          ]}
        />
      )}
      {detail.error && <ErrorNotice error={detail.error} />}
      {detail.data && (
        <Card title={<span data-testid="firm-name">{detail.data.name}</span>}>
          <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
            <Descriptions.Item label={t('firm.uscc')}>{detail.data.uscc}</Descriptions.Item>
            <Descriptions.Item label={t('firm.county')}>
              {pick(detail.data.county_name_zh, detail.data.county_name_en)}
            </Descriptions.Item>
            <Descriptions.Item label={t('firm.node')}>
              {detail.data.memberships.map((m) => (
                <Tag key={m.node_id} color={m.is_primary ? 'blue' : undefined}>
                  {pick(m.name_zh, m.name_en)}
                </Tag>
              ))}
            </Descriptions.Item>
            <Descriptions.Item label={t('firm.tags')}>
              {detail.data.tags.length === 0
                ? '—'
                : detail.data.tags.map((tag) => <Tag key={tag}>{tagLabel(t, tag)}</Tag>)}
            </Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('node.output')}
          </Typography.Title>
          <EChart option={option} label={t('node.output')} table={outputTable} style={{ height: 260 }} />
          <FirmSupply firmId={detail.data.id} />
        </Card>
      )}
    </Space>
  );
}
