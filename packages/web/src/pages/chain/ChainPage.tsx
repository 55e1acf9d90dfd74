import { Alert, Card, Col, Flex, Row, Segmented, Select, Skeleton, Space, Statistic, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useMe } from '../../api/auth.js';
import { useChainDependency, useChainMap, useChainStats } from '../../api/chains.js';
import { PLAN_ID } from '../../api/plans.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { ExportButton } from '../../components/ExportButton.js';
import { MonthPicker } from '../../components/MonthPicker.js';
import { ScopeTag } from '../../components/ScopeTag.js';
import { formatPct, formatYi } from '../../format.js';
import { useI18n } from '../../i18n/i18n.js';
import { useMonth } from '../../navigation/useMonth.js';
import { useMonthLink } from '../../navigation/useMonthLink.js';
import { usePageTitle } from '../../navigation/usePageTitle.js';
import { ChainLegend } from './ChainLegend.js';
import { ChainMapGraph } from './ChainMapGraph.js';
import { ChainNotFound } from './ChainNotFound.js';
import { ChainServices } from './ChainServices.js';
import { ChainTrend } from './ChainTrend.js';
import { KeyFirms } from './KeyFirms.js';
import { NodeDrawer } from './NodeDrawer.js';

export default function ChainPage() {
  const { t, pick } = useI18n();
  const { chainId = 'digital-security' } = useParams();
  const navigate = useNavigate();
  const monthLink = useMonthLink();
  const { month, plan } = useMonth();
  const me = useMe();
  const chain = plan.data?.chains.find((c) => c.id === chainId);
  usePageTitle(
    chain
      ? `${pick(chain.name_zh, chain.name_en)} · ${t('chain.title')}`
      : plan.data
        ? t('chain.notFound')
        : undefined,
  );
  // Nothing is asked about a chain the plan does not have: its answers were two error boxes.
  const map = useChainMap(chainId, chain !== undefined);
  const stats = useChainStats(chainId, chain ? month : null);
  const canSeeFirms = me.data?.permissions.includes('firms:read') ?? false;
  const canSeeAggregates = me.data?.permissions.includes('aggregates:read') ?? false;
  // ?node= opens a node's drawer: the overview's list of import-dependent nodes links here.
  const [params, setParams] = useSearchParams();
  const [selected, setSelected] = useState<string | null>(params.get('node'));
  const [colorBy, setColorBy] = useState<'coverage' | 'dependency'>('coverage');
  const dependency = useChainDependency(chainId, month, chain !== undefined && colorBy === 'dependency');
  const screens = useMemo(
    () =>
      colorBy === 'dependency'
        ? new Map((dependency.data?.nodes ?? []).map((n) => [n.node_id, n]))
        : undefined,
    [colorBy, dependency.data],
  );
  const chainName = useCallback(
    (id: string) => {
      const c = plan.data?.chains.find((x) => x.id === id);
      return c ? pick(c.name_zh, c.name_en) : id;
    },
    [plan.data, pick],
  );
  // Undefined until the figures arrive (or when they cannot): shown as a dash, never as 0.
  const latest = stats.data?.trailing_12m.at(-1)?.value;
  const figuresLoading = stats.isPending && !stats.error && month !== null;

  if (plan.error) return <ErrorNotice error={plan.error} onRetry={() => plan.refetch()} />;
  // Until the plan says which chains there are, nothing is shown or asked for.
  if (!chain) return plan.data ? <ChainNotFound chainId={chainId} /> : <Skeleton active />;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="chain-title">
          {pick(chain.name_zh, chain.name_en)} · {t('chain.title')} <ScopeTag />
        </Typography.Title>
        <Space wrap>
          <MonthPicker />
          <Select
            style={{ width: 240, maxWidth: '100%' }}
            value={chainId}
            data-testid="chain-select"
            aria-label={t('chain.select')}
            options={(plan.data?.chains ?? []).map((c) => ({
              value: c.id,
              label: pick(c.name_zh, c.name_en),
            }))}
            onChange={(value) => navigate(monthLink(`/chains/${value}`))}
          />
        </Space>
      </Flex>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8}>
          <Card>
            <Statistic title={t('chain.target')} value={formatYi(chain.target_2025)} suffix={t('unit.yi')} />
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card>
            <Statistic
              title={`${t('chain.trailing12')} (${month ?? ''})`}
              value={latest === undefined ? '—' : formatYi(latest)}
              suffix={latest === undefined ? undefined : t('unit.yi')}
              loading={figuresLoading}
            />
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card>
            <Statistic
              title={t('chain.completion')}
              value={latest !== undefined ? formatPct((latest / chain.target_2025) * 100) : '—'}
              loading={figuresLoading}
            />
          </Card>
        </Col>
      </Row>
      {stats.error && <ErrorNotice error={stats.error} onRetry={() => stats.refetch()} />}
      {stats.data?.suppressed && (
        <Alert type="info" showIcon title={t('common.suppressed')} data-testid="chain-suppressed" />
      )}
      {stats.data && !stats.data.suppressed && stats.data.trailing_12m.length === 0 && (
        // The API gives no 12-month sum whose months reach before the data.
        <Alert type="info" showIcon title={t('overview.partialYear')} data-testid="chain-partial-year" />
      )}
      {/* The legend in the card's body: as the card's `extra` it squeezed the title to an ellipsis. */}
      <Card
        title={t('chain.mapTitle')}
        extra={
          // The graph's nodes take a pointer; this opens any of them from the keyboard (or by name).
          map.data && (
            <Select
              showSearch
              optionFilterProp="label"
              value={null}
              style={{ width: 220 }}
              placeholder={t('chain.findNode')}
              aria-label={t('chain.findNode')}
              data-testid="node-select"
              options={map.data.nodes
                .filter((n) => !n.external)
                .map((n) => ({ value: n.id, label: pick(n.name_zh, n.name_en) }))}
              onChange={(nodeId: string) => setSelected(nodeId)}
            />
          )
        }
      >
        <Space wrap style={{ marginBottom: 8 }}>
          <span>{t('dependency.colorBy')}:</span>
          <Segmented
            size="small"
            value={colorBy}
            data-testid="chain-color-by"
            aria-label={t('dependency.colorBy')}
            options={[
              { value: 'coverage', label: t('dependency.colorCoverage') },
              { value: 'dependency', label: t('dependency.colorDependency') },
            ]}
            onChange={(value) => setColorBy(value as 'coverage' | 'dependency')}
          />
          {colorBy === 'dependency' && month && (
            <ExportButton
              path={`/api/v1/plans/${PLAN_ID}/chains/${chainId}/dependency.xlsx?month=${month}`}
              testId="export-dependency"
            />
          )}
        </Space>
        <ChainLegend colorBy={colorBy} />
        {dependency.error && <ErrorNotice error={dependency.error} onRetry={() => dependency.refetch()} />}
        {map.error ? (
          <ErrorNotice error={map.error} />
        ) : map.data ? (
          <ChainMapGraph
            map={map.data}
            stats={stats.data}
            dependency={screens}
            chainName={chainName}
            onSelect={setSelected}
          />
        ) : (
          <Skeleton active />
        )}
      </Card>
      <Card title={t('chain.outputVsTarget')}>
        <ChainTrend stats={stats.data} />
      </Card>
      <KeyFirms chainId={chainId} canSeeFirms={canSeeFirms} />
      {me.data && (
        <ChainServices
          chainId={chainId}
          month={month}
          canSeeFirms={canSeeFirms}
          canSeeAggregates={canSeeAggregates}
          nodeName={(id) => {
            const n = map.data?.nodes.find((x) => x.id === id);
            return n ? pick(n.name_zh, n.name_en) : id;
          }}
          onOpenNode={setSelected}
        />
      )}
      <NodeDrawer
        node={map.data?.nodes.find((n) => n.id === selected) ?? null}
        stats={stats.data}
        month={month}
        onClose={() => {
          setSelected(null);
          // Closed, it stays closed on reload and when the link is shared.
          if (params.has('node'))
            setParams(
              (p) => {
                p.delete('node');
                return p;
              },
              { replace: true },
            );
        }}
      />
    </Space>
  );
}
