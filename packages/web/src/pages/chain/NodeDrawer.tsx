import { Drawer, Empty, Space, Typography } from 'antd';
import { useMemo } from 'react';
import { useMe } from '../../api/auth.js';
import { type ChainStats, type MapNode, useNodeStats } from '../../api/chains.js';
import type { ChartTable } from '../../components/ChartDataTable.js';
import { EChart, type EChartOption } from '../../components/EChart.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { formatYi } from '../../format.js';
import { useI18n } from '../../i18n/i18n.js';
import { NodeDependency } from './NodeDependency.js';
import { NodeFacts } from './NodeFacts.js';
import { NodeFirmList } from './NodeFirmList.js';
import { NodeServices } from './NodeServices.js';

/** Details of one node: what it is, local coverage and output, imports by origin, and its firms. */
export function NodeDrawer({
  node,
  stats,
  month,
  onClose,
}: {
  node: MapNode | null;
  stats: ChainStats | undefined;
  month: string | null;
  onClose: () => void;
}) {
  const { t, pick } = useI18n();
  const me = useMe();
  const canSeeFirms = me.data?.permissions.includes('firms:read') ?? false;
  const canSeeAggregates = me.data?.permissions.includes('aggregates:read') ?? false;
  const nodeStats = useNodeStats(node?.id ?? null, month);
  const local = stats?.nodes.find((n) => n.node_id === node?.id);

  const importsOption = useMemo<EChartOption>(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${formatYi(v)} ${t('unit.yi')}` },
      grid: { left: 50, right: 20, top: 10, bottom: 30 },
      xAxis: {
        type: 'category',
        data: (nodeStats.data?.imports_12m ?? []).map((r) => pick(r.country_name_zh, r.country_name_en)),
      },
      yAxis: { type: 'value', name: t('unit.yi') },
      series: [
        { type: 'bar', data: (nodeStats.data?.imports_12m ?? []).map((r) => Number(r.value.toFixed(4))) },
      ],
    }),
    [nodeStats.data, t, pick],
  );
  const outputOption = useMemo<EChartOption>(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${formatYi(v)} ${t('unit.yi')}` },
      grid: { left: 50, right: 20, top: 10, bottom: 30 },
      xAxis: { type: 'category', data: (nodeStats.data?.output ?? []).map((r) => r.period) },
      yAxis: { type: 'value', name: t('unit.yi') },
      series: [{ type: 'line', data: (nodeStats.data?.output ?? []).map((r) => Number(r.value.toFixed(4))) }],
    }),
    [nodeStats.data, t],
  );
  // The two charts' figures, which nothing else on the page gives (see EChart).
  const importsTable: ChartTable = {
    columns: [
      { title: t('chart.origin') },
      { title: t('chart.inUnit', { what: t('node.imports'), unit: t('unit.yi') }), numeric: true },
    ],
    rows: (nodeStats.data?.imports_12m ?? []).map((r) => ({
      key: r.country,
      cells: [pick(r.country_name_zh, r.country_name_en), formatYi(r.value)],
    })),
  };
  const outputTable: ChartTable = {
    columns: [
      { title: t('chart.month') },
      { title: t('chart.inUnit', { what: t('node.output'), unit: t('unit.yi') }), numeric: true },
    ],
    rows: (nodeStats.data?.output ?? []).map((r) => ({
      key: r.period,
      cells: [r.period, formatYi(r.value)],
    })),
  };

  return (
    <Drawer
      open={node !== null}
      onClose={onClose}
      // Never wider than the screen: on a phone a 640 px drawer hid its close button.
      width="min(640px, 100vw)"
      title={node ? pick(node.name_zh, node.name_en) : ''}
      destroyOnHidden
    >
      {node && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="node-drawer">
          {(node.description_zh || node.description_en) && (
            <Typography.Paragraph data-testid="node-description">
              {pick(node.description_zh ?? '', node.description_en ?? node.description_zh ?? '')}
            </Typography.Paragraph>
          )}
          <NodeFacts node={node} local={local} nodeStats={nodeStats.data} />
          {nodeStats.error && <ErrorNotice error={nodeStats.error} />}
          <Typography.Title level={5}>{t('node.imports')}</Typography.Title>
          {node.hs_mappings.length === 0 ? (
            <Typography.Text type="secondary" data-testid="node-imports-unmeasured">
              {t('node.noHsCodes')}
            </Typography.Text>
          ) : nodeStats.data && nodeStats.data.imports_12m.length === 0 ? (
            <Empty description={t('node.noImports')} />
          ) : (
            <EChart
              option={importsOption}
              label={t('node.imports')}
              table={importsTable}
              style={{ height: 200 }}
              testId="node-imports"
            />
          )}
          <NodeDependency nodeId={node.id} month={month} />
          {!node.external && (
            <>
              <Typography.Title level={5}>{t('node.output')}</Typography.Title>
              {nodeStats.data?.output_suppressed ? (
                <Typography.Text type="secondary">{t('common.suppressed')}</Typography.Text>
              ) : (
                <EChart
                  option={outputOption}
                  label={t('node.output')}
                  table={outputTable}
                  style={{ height: 200 }}
                />
              )}
              {canSeeFirms ? (
                <NodeFirmList nodeId={node.id} />
              ) : (
                <>
                  <Typography.Title level={5}>{t('node.firmList')}</Typography.Title>
                  <Typography.Text type="secondary">{t('chain.noFirmAccess')}</Typography.Text>
                </>
              )}
              <NodeServices node={node} canSeeFirms={canSeeFirms} canSeeAggregates={canSeeAggregates} />
            </>
          )}
        </Space>
      )}
    </Drawer>
  );
}
