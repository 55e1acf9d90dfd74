import zhejiangGeoJson from 'echarts-zhejiang-map/map/json/province/zhejiang.json';
import { useMemo } from 'react';
import type { RegionSummaryRow } from '../../api/chains.js';
import { EChart, type EChartOption, echarts } from '../../components/EChart.js';
import { formatChangePct, formatYi } from '../../format.js';
import { useI18n } from '../../i18n/i18n.js';
import {
  type Metric,
  metricValue,
  NO_VALUE_COLOR,
  SCALE_COLORS,
  scaleColor,
  textOn,
} from './region-scale.js';

// City boundaries: echarts@4.9.0 map/json/province/zhejiang.json (Apache-2.0), 11 features keyed by code.
echarts.registerMap('zhejiang', zhejiangGeoJson as never);

/** The selected city's outline: a border, so that its fill keeps showing its value. */
const SELECTED_BORDER = { borderColor: '#0b1f4d', borderWidth: 3 };

/**
 * Zhejiang's cities coloured by the measure. The selection is the page's (React state) and drawn as a
 * border: ECharts' own selection painted the city yellow, hiding its value, and a second click cleared it
 * on the map only, leaving the table and the county tiles on the city.
 */
export function CityMap({
  cities,
  metric,
  bounds,
  selected,
  onSelect,
}: {
  cities: RegionSummaryRow[];
  metric: Metric;
  bounds: [number, number];
  selected: string | null;
  onSelect: (code: string) => void;
}) {
  const { t, pick } = useI18n();
  const option = useMemo<EChartOption>(() => {
    const byName = new Map(cities.map((c) => [c.name_zh, c]));
    return {
      tooltip: {
        trigger: 'item',
        formatter: (p: { name: string }) => {
          const row = byName.get(p.name);
          if (!row) return p.name;
          if (row.suppressed) return `${pick(row.name_zh, row.name_en)}<br/>${t('common.suppressed')}`;
          return `${pick(row.name_zh, row.name_en)}<br/>${t('region.ytd')}: ${formatYi(row.ytd_output)} ${t('unit.yi')}<br/>${t('region.yoy')}: ${formatChangePct(row.ytd_yoy_pct)}`;
        },
      },
      visualMap: {
        min: bounds[0],
        max: bounds[1],
        left: 10,
        bottom: 10,
        // The ends of the scale in numbers (the bar alone had only its unit).
        text: [
          metric === 'ytd' ? `${formatYi(bounds[1])} ${t('unit.yi')}` : formatChangePct(bounds[1]),
          metric === 'ytd' ? formatYi(bounds[0]) : formatChangePct(bounds[0]),
        ],
        inRange: { color: SCALE_COLORS[metric] },
      },
      series: [
        {
          type: 'map',
          map: 'zhejiang',
          roam: false,
          selectedMode: false,
          // The boundaries are keyed by Chinese name; the labels follow the reader's language.
          label: {
            show: true,
            fontSize: 11,
            formatter: (p: { name: string }) => {
              const row = byName.get(p.name);
              return row ? pick(row.name_zh, row.name_en) : p.name;
            },
          },
          itemStyle: { areaColor: NO_VALUE_COLOR },
          data: cities.map((c) => {
            const value = metricValue(c, metric);
            const fill = scaleColor(value, metric, bounds);
            const border = c.code === selected ? SELECTED_BORDER : {};
            return {
              name: c.name_zh,
              value: value === null ? '-' : Number(value.toFixed(2)),
              itemStyle: border,
              // A name on the darkest blues was dark on dark.
              label: { color: textOn(fill) },
              // Hovering outlines the city instead of painting it yellow over its value.
              emphasis: { itemStyle: { areaColor: fill, borderColor: '#0b1f4d', borderWidth: 2, ...border } },
            };
          }),
        },
      ],
    };
  }, [cities, metric, bounds, selected, pick, t]);
  return (
    <EChart
      option={option}
      label={t('region.mapLabel')}
      description={t('region.mapDescription', { table: t('region.cityTable') })}
      testId="zhejiang-map"
      style={{ height: 520 }}
      onClick={(event) => {
        const row = cities.find((c) => c.name_zh === event.name);
        if (row) onSelect(row.code);
      }}
    />
  );
}
