import { Card, Col, Flex, Radio, Row, Select, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { useMe } from '../../api/auth.js';
import { useRegionSummary } from '../../api/chains.js';
import { PLAN_ID } from '../../api/plans.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { ExportButton } from '../../components/ExportButton.js';
import { MonthPicker } from '../../components/MonthPicker.js';
import { ScopeTag } from '../../components/ScopeTag.js';
import { useI18n } from '../../i18n/i18n.js';
import { useMonth } from '../../navigation/useMonth.js';
import { usePageTitle } from '../../navigation/usePageTitle.js';
import { CityMap } from './CityMap.js';
import { CityTable } from './CityTable.js';
import { CountyTiles } from './CountyTiles.js';
import { defaultCity } from './default-city.js';
import { type Metric, metricValue, scaleBounds } from './region-scale.js';

export default function RegionPage() {
  const { t, pick } = useI18n();
  usePageTitle(t('region.title'));
  const { month, plan } = useMonth();
  const me = useMe();
  const [chainId, setChainId] = useState<string | null>(null);
  const [metric, setMetric] = useState<Metric>('ytd');
  /** The city the reader chose; until then the default, worked out once from the first figures. */
  const [chosen, setChosen] = useState<string | null>(null);
  const [initial, setInitial] = useState<string | null>(null);
  const summary = useRegionSummary(month, chainId);

  const cities = summary.data?.cities ?? [];
  if (initial === null && summary.data) {
    const city = defaultCity(me.data?.grants ?? [], summary.data.cities, summary.data.counties);
    if (city) setInitial(city);
  }
  const city = chosen ?? initial;
  const counties = (summary.data?.counties ?? []).filter((c) => c.parent === city);
  const cityRow = cities.find((c) => c.code === city);
  const bounds = scaleBounds(
    metric,
    cities.map((c) => metricValue(c, metric)).filter((v): v is number => v !== null),
  );

  if (plan.error) return <ErrorNotice error={plan.error} />;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('region.title')} <ScopeTag />
        </Typography.Title>
        <Space wrap>
          <MonthPicker />
          <Select
            style={{ width: 240, maxWidth: '100%' }}
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
          {month && (
            <ExportButton
              path={`/api/v1/plans/${PLAN_ID}/regions/summary.xlsx?month=${month}${chainId ? `&chain=${chainId}` : ''}`}
              testId="export-regions"
            />
          )}
        </Space>
      </Flex>
      {summary.error && <ErrorNotice error={summary.error} onRetry={() => summary.refetch()} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card>
            {summary.data ? (
              <CityMap cities={cities} metric={metric} bounds={bounds} selected={city} onSelect={setChosen} />
            ) : (
              <Skeleton active />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('region.cityTable')}>
            <CityTable cities={cities} selected={city} onSelect={setChosen} />
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
        <CountyTiles rows={counties} metric={metric} yoyBounds={bounds} />
      </Card>
    </Space>
  );
}
