import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Skeleton, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import type { FirmRow } from '../../api/chains.js';
import { getJson } from '../../api/client.js';
import type { ChartTable } from '../../components/ChartDataTable.js';
import { EChart, type EChartOption } from '../../components/EChart.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { formatYi } from '../../format.js';
import { tagLabel } from '../../i18n/data-labels.js';
import { useI18n } from '../../i18n/i18n.js';
import { FirmSupply } from './FirmSupply.js';

export type FirmDetail = FirmRow & {
  memberships: Array<{
    node_id: string;
    name_zh: string;
    name_en: string;
    chain_id: string;
    is_primary: boolean;
  }>;
  output: Array<{ period: string; value_yi: number }>;
};

export function useFirmDetail(firmId: number | null) {
  return useQuery({
    queryKey: ['firm', firmId],
    queryFn: () => getJson<FirmDetail>(`/api/v1/firms/${firmId}`),
    enabled: firmId !== null,
  });
}

/**
 * One firm as those who may read it see it: its registration facts, its monthly output and its supply
 * risk by input. The firm's own page and an official's firm page show the same card.
 */
export function FirmDetailCard({ firmId }: { firmId: number }) {
  const { t, pick } = useI18n();
  const detail = useFirmDetail(firmId);
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
  if (detail.error) return <ErrorNotice error={detail.error} onRetry={() => detail.refetch()} />;
  if (!detail.data) return <Skeleton active />;
  return (
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
  );
}
