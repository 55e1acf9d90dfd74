import { Card, Col, Flex, Radio, Row, Select, Skeleton, Space, Table, Typography } from 'antd';
import zhejiangGeoJson from 'echarts-zhejiang-map/map/json/province/zhejiang.json';
import { useMemo, useState } from 'react';
import { type RegionSummaryRow, useRegionSummary } from '../../api/chains.js';
import { PLAN_ID, usePlan } from '../../api/plans.js';
import { EChart, type EChartOption, echarts } from '../../components/EChart.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { ScopeTag } from '../../components/ScopeTag.js';
import { formatChangePct, formatYi } from '../../format.js';
import { useI18n } from '../../i18n/i18n.js';

// City boundaries: echarts@4.9.0 map/json/province/zhejiang.json (Apache-2.0), 11 features keyed by code.
echarts.registerMap('zhejiang', zhejiangGeoJson as never);

type Metric = 'ytd' | 'yoy';

function metricValue(row: RegionSummaryRow, metric: Metric): number | null {
  return metric === 'ytd' ? row.ytd_output : row.ytd_yoy_pct;
}

/** A figure, or for a hidden row its dash with the reason on hover. */
function Hidden({ row, children }: { row: RegionSummaryRow; children: string }) {
  const { t } = useI18n();
  return <span title={row.suppressed ? t('common.suppressed') : undefined}>{children}</span>;
}

/** Counties as tiles coloured like the map: there are no current county boundaries to draw. */
function CountyTiles({ rows, metric, max }: { rows: RegionSummaryRow[]; metric: Metric; max: number }) {
  const { t, pick } = useI18n();
  const color = (value: number | null) => {
    if (value === null) return '#f0f0f0';
    if (metric === 'yoy')
      return value >= 0
        ? `rgba(207, 19, 34, ${Math.min(0.85, 0.15 + value / 40)})`
        : `rgba(56, 158, 13, ${Math.min(0.85, 0.15 - value / 40)})`;
    return `rgba(29, 78, 216, ${Math.min(0.9, 0.08 + (0.82 * value) / Math.max(max, 1e-9))})`;
  };
  return (
    <div
      data-testid="county-tiles"
      style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(130px, 1fr))', gap: 8 }}
    >
      {rows.map((row) => {
        const value = metricValue(row, metric);
        return (
          <div
            key={row.code}
            style={{ background: color(value), borderRadius: 6, padding: 8, minHeight: 56 }}
            title={row.suppressed ? `${row.code} · ${t('common.suppressed')}` : row.code}
          >
            <div style={{ fontWeight: 600 }}>{pick(row.name_zh, row.name_en)}</div>
            <div className="num">
              {metric === 'ytd'
                ? `${formatYi(row.ytd_output)} ${t('unit.yi')}`
                : formatChangePct(row.ytd_yoy_pct)}
            </div>
          </div>
        );
      })}
    </div>
  );
}

export default function RegionPage() {
  const { t, pick } = useI18n();
  const plan = usePlan(PLAN_ID);
  const month = plan.data?.latest_month ?? null;
  const [chainId, setChainId] = useState<string | null>(null);
  const [metric, setMetric] = useState<Metric>('ytd');
  const [city, setCity] = useState<string | null>('330100');
  const summary = useRegionSummary(month, chainId);

  const mapOption = useMemo<EChartOption>(() => {
    const cities = summary.data?.cities ?? [];
    const values = cities.map((c) => metricValue(c, metric)).filter((v): v is number => v !== null);
    // 同比 is coloured around zero, red for growth and green for decline as Chinese readers expect; a scale
    // from the smallest to the largest value put its neutral middle at a few per cent of growth.
    const yoyBound = Math.max(1, ...values.map(Math.abs));
    const byName = new Map(cities.map((c) => [c.name_zh, c]));
    return {
      tooltip: {
        trigger: 'item',
        formatter: (p: { name: string; value: number }) => {
          const row = byName.get(p.name);
          if (!row) return p.name;
          return `${pick(row.name_zh, row.name_en)}<br/>${t('region.ytd')}: ${formatYi(row.ytd_output)} ${t('unit.yi')}<br/>${t('region.yoy')}: ${formatChangePct(row.ytd_yoy_pct)}`;
        },
      },
      visualMap: {
        min: metric === 'yoy' ? -yoyBound : 0,
        max: metric === 'yoy' ? yoyBound : Math.max(1, ...values),
        left: 10,
        bottom: 10,
        text: [metric === 'ytd' ? t('unit.yi') : '%', ''],
        calculable: true,
        inRange: { color: metric === 'ytd' ? ['#e6f4ff', '#1d4ed8'] : ['#389e0d', '#fffbe6', '#cf1322'] },
      },
      series: [
        {
          type: 'map',
          map: 'zhejiang',
          roam: false,
          // The boundaries are keyed by Chinese name; the labels follow the reader's language.
          label: {
            show: true,
            fontSize: 11,
            formatter: (p: { name: string }) => {
              const row = byName.get(p.name);
              return row ? pick(row.name_zh, row.name_en) : p.name;
            },
          },
          // A city without a value (no 同比 without last year's figures) is grey, not drawn as 0.
          itemStyle: { areaColor: '#f0f0f0' },
          selectedMode: 'single',
          data: cities.map((c) => {
            const value = metricValue(c, metric);
            return {
              name: c.name_zh,
              value: value === null ? '-' : Number(value.toFixed(2)),
              selected: c.code === city,
            };
          }),
        },
      ],
    };
  }, [summary.data, metric, city, pick, t]);

  const counties = (summary.data?.counties ?? []).filter((c) => c.parent === city);
  const cityRow = summary.data?.cities.find((c) => c.code === city);
  const maxCounty = Math.max(0, ...counties.map((c) => c.ytd_output ?? 0));

  if (plan.error) return <ErrorNotice error={plan.error} />;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('region.title')} <ScopeTag />{' '}
          {month && <Typography.Text type="secondary">({month})</Typography.Text>}
        </Typography.Title>
        <Space wrap>
          <Select
            style={{ width: 240 }}
            data-testid="region-chain"
            aria-label={t('region.chain')}
            value={chainId ?? 'all'}
            options={[
              { value: 'all', label: t('region.allChains') },
              ...(plan.data?.chains ?? []).map((c) => ({ value: c.id, label: pick(c.name_zh, c.name_en) })),
            ]}
            onChange={(value) => setChainId(value === 'all' ? null : value)}
          />
          <Radio.Group value={metric} onChange={(e) => setMetric(e.target.value)} optionType="button">
            <Radio.Button value="ytd">{t('region.ytd')}</Radio.Button>
            <Radio.Button value="yoy">{t('region.yoy')}</Radio.Button>
          </Radio.Group>
        </Space>
      </Flex>
      {summary.error && <ErrorNotice error={summary.error} />}
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card>
            {summary.data ? (
              <EChart
                option={mapOption}
                label={t('region.mapLabel')}
                testId="zhejiang-map"
                style={{ height: 520 }}
                onClick={(event) => {
                  const row = summary.data?.cities.find((c) => c.name_zh === event.name);
                  if (row) setCity(row.code);
                }}
              />
            ) : (
              <Skeleton active />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('region.cityTable')}>
            <Table<RegionSummaryRow>
              rowKey="code"
              size="small"
              data-testid="city-table"
              pagination={false}
              dataSource={summary.data?.cities ?? []}
              onRow={(row) => ({ onClick: () => setCity(row.code), style: { cursor: 'pointer' } })}
              rowClassName={(row) => (row.code === city ? 'ant-table-row-selected' : '')}
              columns={[
                { title: t('region.name'), render: (_, r) => pick(r.name_zh, r.name_en) },
                {
                  title: t('region.monthOutput'),
                  dataIndex: 'month_output',
                  align: 'right',
                  render: (v: number | null, r) => <Hidden row={r}>{formatYi(v)}</Hidden>,
                },
                {
                  title: t('region.ytd'),
                  dataIndex: 'ytd_output',
                  align: 'right',
                  render: (v: number | null, r) => <Hidden row={r}>{formatYi(v)}</Hidden>,
                },
                {
                  title: t('region.yoy'),
                  dataIndex: 'ytd_yoy_pct',
                  align: 'right',
                  render: (v: number | null) => formatChangePct(v),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Card
        title={
          cityRow
            ? t('region.counties', { city: pick(cityRow.name_zh, cityRow.name_en) })
            : t('region.clickCity')
        }
      >
        <Typography.Paragraph type="secondary">{t('region.noBoundaryNote')}</Typography.Paragraph>
        <CountyTiles rows={counties} metric={metric} max={maxCounty} />
      </Card>
    </Space>
  );
}
