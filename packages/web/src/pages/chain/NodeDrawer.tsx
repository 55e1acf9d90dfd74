import { Descriptions, Drawer, Empty, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useMemo } from 'react';
import { useMe } from '../../api/auth.js';
import { type ChainStats, type FirmRow, type MapNode, useFirms, useNodeStats } from '../../api/chains.js';
import { EChart, type EChartOption } from '../../components/EChart.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { formatPct, formatYi } from '../../format.js';
import { sizeLabel, tagLabel } from '../../i18n/data-labels.js';
import { useI18n } from '../../i18n/i18n.js';
import type { MessageKey } from '../../i18n/messages.zh.js';

export function FirmTable({ firms, loading }: { firms: FirmRow[]; loading: boolean }) {
  const { t, pick } = useI18n();
  return (
    <Table<FirmRow>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={firms}
      pagination={false}
      columns={[
        { title: t('firm.name'), dataIndex: 'name' },
        { title: t('firm.county'), render: (_, f) => pick(f.county_name_zh, f.county_name_en) },
        {
          title: t('firm.size'),
          dataIndex: 'size_class',
          render: (size: string) => sizeLabel(t, size),
        },
        {
          title: t('firm.tags'),
          dataIndex: 'tags',
          render: (tags: string[]) => tags.map((tag) => <Tag key={tag}>{tagLabel(t, tag)}</Tag>),
        },
      ]}
    />
  );
}

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
  const nodeStats = useNodeStats(node?.id ?? null, month);
  const firms = useFirms({ node: node?.id, page_size: 50 }, node !== null && canSeeFirms);
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

  return (
    <Drawer
      open={node !== null}
      onClose={onClose}
      width={640}
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
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('node.segment')}>
              {t(`chain.${node.segment}` as MessageKey)}
            </Descriptions.Item>
            <Descriptions.Item label={t('node.flags')}>
              {node.flags.map((flag) => (
                <Tag key={flag} color={flag === 'gap' ? 'red' : 'blue'}>
                  {t(`flag.${flag}` as MessageKey)}
                </Tag>
              ))}
            </Descriptions.Item>
            <Descriptions.Item label={t('node.hs')}>
              {node.hs_mappings.map((h) => (
                <Tooltip key={h.code} title={pick(h.rationale_zh, h.rationale)}>
                  <Tag>{h.code}</Tag>
                </Tooltip>
              ))}
            </Descriptions.Item>
            {node.plan_items_zh.length > 0 && (
              <Descriptions.Item label={t('node.planItems')}>
                <span lang="zh-CN">{node.plan_items_zh.join('、')}</span>
              </Descriptions.Item>
            )}
            {!node.external && (
              <>
                <Descriptions.Item label={t('node.firms')}>
                  <span data-testid="node-firm-count">{local?.firm_count ?? 0}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('node.output12m')}>
                  {local?.suppressed ? (
                    <span data-testid="node-output-suppressed">{t('common.suppressed')}</span>
                  ) : (
                    `${formatYi(local?.output_12m ?? 0)} ${t('unit.yi')}`
                  )}
                </Descriptions.Item>
              </>
            )}
            <Descriptions.Item
              label={<Tooltip title={t('node.importDependenceHelp')}>{t('node.importDependence')}</Tooltip>}
            >
              {nodeStats.data?.import_dependence == null
                ? '—'
                : formatPct(nodeStats.data.import_dependence * 100)}
            </Descriptions.Item>
          </Descriptions>
          {nodeStats.error && <ErrorNotice error={nodeStats.error} />}
          <Typography.Title level={5}>{t('node.imports')}</Typography.Title>
          {nodeStats.data && nodeStats.data.imports_12m.length === 0 ? (
            <Empty description={t('node.noImports')} />
          ) : (
            <EChart
              option={importsOption}
              label={t('node.imports')}
              style={{ height: 200 }}
              testId="node-imports"
            />
          )}
          {!node.external && (
            <>
              <Typography.Title level={5}>{t('node.output')}</Typography.Title>
              {nodeStats.data?.output_suppressed ? (
                <Typography.Text type="secondary">{t('common.suppressed')}</Typography.Text>
              ) : (
                <EChart option={outputOption} label={t('node.output')} style={{ height: 200 }} />
              )}
              <Typography.Title level={5}>{t('node.firmList')}</Typography.Title>
              {canSeeFirms ? (
                <FirmTable firms={firms.data?.items ?? []} loading={firms.isPending} />
              ) : (
                <Typography.Text type="secondary">{t('chain.noFirmAccess')}</Typography.Text>
              )}
            </>
          )}
        </Space>
      )}
    </Drawer>
  );
}
