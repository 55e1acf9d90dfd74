import { Alert, Card, Col, Flex, Row, Select, Skeleton, Space, Statistic, Tag, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useMe } from '../../api/auth.js';
import { useChainMap, useChainStats, useFirms } from '../../api/chains.js';
import { PLAN_ID, usePlan } from '../../api/plans.js';
import { EChart, type EChartOption } from '../../components/EChart.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { ScopeTag } from '../../components/ScopeTag.js';
import { formatPct, formatYi } from '../../format.js';
import { useI18n } from '../../i18n/i18n.js';
import { ChainMapGraph, COVERAGE_COLORS } from './ChainMapGraph.js';
import { FirmTable, NodeDrawer } from './NodeDrawer.js';

function Legend() {
  const { t } = useI18n();
  const dot = (color: string) => (
    <span
      style={{
        display: 'inline-block',
        width: 10,
        height: 10,
        borderRadius: 5,
        background: color,
        marginRight: 4,
      }}
    />
  );
  return (
    <Space wrap size="middle" style={{ fontSize: 12, marginBottom: 8 }} data-testid="chain-legend">
      <span>{t('chain.coverage')}:</span>
      <span>
        {dot(COVERAGE_COLORS.none)}
        {t('chain.coverageNone')}
      </span>
      <span>
        {dot(COVERAGE_COLORS.few)}
        {t('chain.coverageFew')}
      </span>
      <span>
        {dot(COVERAGE_COLORS.many)}
        {t('chain.coverageMany')}
      </span>
      <span>
        {dot(COVERAGE_COLORS.external)}
        {t('chain.externalNode')}
      </span>
      <span>◆ {t('flag.gap')}</span>
      <span style={{ color: '#d4380d' }}>━ {t('chain.edge2')}</span>
      <span style={{ color: '#8c8c8c' }}>━ {t('chain.edge1')}</span>
      <span style={{ color: '#bfbfbf' }}>┅ {t('chain.edge0')}</span>
    </Space>
  );
}

export default function ChainPage() {
  const { t, pick } = useI18n();
  const { chainId = 'digital-security' } = useParams();
  const navigate = useNavigate();
  const plan = usePlan(PLAN_ID);
  const me = useMe();
  const month = plan.data?.latest_month ?? null;
  const map = useChainMap(chainId);
  const stats = useChainStats(chainId, month);
  const canSeeFirms = me.data?.permissions.includes('firms:read') ?? false;
  // 链主 and 龙头 both: a chain-leading firm need not carry the 龙头 tag as well.
  const leaders = useFirms({ chain: chainId, tag: '链主,龙头', page_size: 20 }, canSeeFirms);
  const [selected, setSelected] = useState<string | null>(null);
  const chain = plan.data?.chains.find((c) => c.id === chainId);
  const chainName = useCallback(
    (id: string) => {
      const c = plan.data?.chains.find((x) => x.id === id);
      return c ? pick(c.name_zh, c.name_en) : id;
    },
    [plan.data, pick],
  );
  // Undefined until the figures arrive (or when they cannot): shown as a dash, never as 0.
  const latest = stats.data?.trailing_12m.at(-1)?.value;

  const trendOption = useMemo<EChartOption>(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${formatYi(v)} ${t('unit.yi')}` },
      grid: { left: 60, right: 30, top: 30, bottom: 30 },
      xAxis: { type: 'category', data: (stats.data?.trailing_12m ?? []).map((p) => p.period) },
      yAxis: { type: 'value', name: t('unit.yi') },
      series: [
        {
          name: t('chain.rolling12'),
          type: 'line',
          data: (stats.data?.trailing_12m ?? []).map((p) => Number(p.value.toFixed(2))),
          markLine: {
            symbol: 'none',
            // Inside the grid, above the line's end: at the default `end` it ran past the chart's edge.
            label: {
              position: 'insideEndTop',
              formatter: `${t('chain.target')} ${formatYi(stats.data?.target_2025 ?? 0)} ${t('unit.yi')}`,
            },
            lineStyle: { color: '#d4380d', type: 'dashed' },
            data: [{ yAxis: stats.data?.target_2025 ?? 0 }],
          },
        },
      ],
    }),
    [stats.data, t],
  );

  if (plan.error) return <ErrorNotice error={plan.error} />;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="chain-title">
          {chain ? pick(chain.name_zh, chain.name_en) : chainId} · {t('chain.title')} <ScopeTag />
        </Typography.Title>
        <Select
          style={{ width: 260 }}
          value={chainId}
          data-testid="chain-select"
          aria-label={t('chain.select')}
          options={(plan.data?.chains ?? []).map((c) => ({ value: c.id, label: pick(c.name_zh, c.name_en) }))}
          onChange={(value) => navigate(`/chains/${value}`)}
        />
      </Flex>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Card>
            <Statistic
              title={t('chain.target')}
              value={formatYi(chain?.target_2025 ?? 0)}
              suffix={t('unit.yi')}
            />
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card>
            <Statistic
              title={`${t('chain.trailing12')} (${month ?? ''})`}
              value={latest === undefined ? '—' : formatYi(latest)}
              suffix={latest === undefined ? undefined : t('unit.yi')}
              loading={stats.isPending && !stats.error && month !== null}
            />
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card>
            <Statistic
              title={t('chain.completion')}
              value={chain && latest !== undefined ? formatPct((latest / chain.target_2025) * 100) : '—'}
              loading={stats.isPending && !stats.error && month !== null}
            />
          </Card>
        </Col>
      </Row>
      {stats.error && <ErrorNotice error={stats.error} onRetry={() => stats.refetch()} />}
      {stats.data?.suppressed && (
        <Alert type="info" showIcon title={t('common.suppressed')} data-testid="chain-suppressed" />
      )}
      {/* The legend in the card's body: as the card's `extra` it squeezed the title to an ellipsis. */}
      <Card title={t('chain.mapTitle')}>
        <Legend />
        {map.error ? (
          <ErrorNotice error={map.error} />
        ) : map.data ? (
          <ChainMapGraph map={map.data} stats={stats.data} chainName={chainName} onSelect={setSelected} />
        ) : (
          <Skeleton active />
        )}
      </Card>
      <Card title={t('chain.outputVsTarget')}>
        <EChart
          option={trendOption}
          label={t('chain.outputVsTarget')}
          testId="chain-trend"
          style={{ height: 300 }}
        />
      </Card>
      <Card title={t('chain.keyFirms')}>
        {canSeeFirms ? (
          <FirmTable firms={leaders.data?.items ?? []} loading={leaders.isPending} />
        ) : (
          <Tag>{t('chain.noFirmAccess')}</Tag>
        )}
      </Card>
      <NodeDrawer
        node={map.data?.nodes.find((n) => n.id === selected) ?? null}
        stats={stats.data}
        month={month}
        onClose={() => setSelected(null)}
      />
    </Space>
  );
}
