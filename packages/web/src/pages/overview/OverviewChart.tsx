import type { OverviewResponse } from '@chainbrain/domain';
import { Grid } from 'antd';
import { useMemo } from 'react';
import { EChart, type EChartOption } from '../../components/EChart.js';
import { formatPct, formatYi } from '../../format.js';
import { useI18n } from '../../i18n/i18n.js';

const LABEL_CHARS = 18;

/** A category label cut to LABEL_CHARS characters with an ellipsis. */
export function shortLabel(name: string): string {
  return name.length > LABEL_CHARS ? `${name.slice(0, LABEL_CHARS - 1).trimEnd()}…` : name;
}

/**
 * Output of the last 12 months against the 2025 target, per chain, with completion on a second axis.
 * On a phone (below antd's `sm`, 576 px) the bars lie down: ten rotated names under 390 px of columns ran
 * into each other, while names beside horizontal bars read in a line each.
 */
export function OverviewChart({ overview }: { overview: OverviewResponse }) {
  const { t, pick } = useI18n();
  const narrow = !Grid.useBreakpoint().sm;
  const option = useMemo<EChartOption>(() => {
    const money = (v: unknown) => (typeof v === 'number' ? `${formatYi(v)} ${t('unit.yi')}` : '—');
    const names = overview.chains.map((c) => pick(c.name_zh, c.name_en));
    const chainAxis = narrow
      ? {
          type: 'category',
          data: names,
          // The first chain on top, as in the table below.
          inverse: true,
          axisLabel: { interval: 0, width: 110, overflow: 'truncate' },
        }
      : {
          type: 'category',
          data: names,
          // Long English names, rotated, ran into the legend: cut at 18 characters; the tooltip (the axis
          // value) keeps the full name.
          axisLabel: { interval: 0, rotate: 30, formatter: shortLabel },
        };
    const valueAxes = [
      { type: 'value', name: t('unit.yi') },
      { type: 'value', name: '%', splitLine: { show: false } },
    ];
    // On the lying layout the money axis runs along the bottom and the percentage along the top.
    const valueAxisKey = narrow ? 'xAxisIndex' : 'yAxisIndex';
    return {
      // On a phone the English title is wider than the screen: it breaks into lines instead.
      title: {
        text: t('overview.chartTitle'),
        left: 'center',
        textStyle: narrow
          ? { fontSize: 14, lineHeight: 20, width: 300, overflow: 'break' }
          : { fontSize: 14 },
      },
      tooltip: { trigger: 'axis', confine: true },
      legend: { bottom: 0 },
      grid: narrow
        ? { top: 96, left: 8, right: 16, bottom: 72, containLabel: true }
        : { top: 60, left: 60, right: 60, bottom: 100 },
      // The axes' names sit beside their labels rather than past the end, where the phone cut them.
      xAxis: narrow
        ? valueAxes.map((axis) => ({
            ...axis,
            nameLocation: 'middle',
            nameGap: 24,
            axisLabel: { hideOverlap: true },
          }))
        : chainAxis,
      yAxis: narrow ? chainAxis : valueAxes,
      series: [
        // Each series formats its own values in the tooltip: money in 亿元, completion in per cent.
        {
          name: t('overview.chartOutput'),
          type: 'bar',
          tooltip: { valueFormatter: money },
          // A hidden figure ('-') leaves a gap rather than a bar at zero.
          data: overview.chains.map((c) =>
            c.trailing_12m_output === null ? '-' : Number(c.trailing_12m_output.toFixed(2)),
          ),
        },
        {
          name: t('overview.chartTarget'),
          type: 'bar',
          tooltip: { valueFormatter: money },
          data: overview.chains.map((c) => c.target_2025),
        },
        {
          name: t('overview.chartCompletion'),
          type: 'line',
          [valueAxisKey]: 1,
          // No completion (a hidden figure, or no target for the region) is a dash, not "NaN%".
          tooltip: { valueFormatter: (v: unknown) => (typeof v === 'number' ? formatPct(v) : '—') },
          data: overview.chains.map((c) =>
            c.completion_pct === null ? '-' : Number(c.completion_pct.toFixed(1)),
          ),
        },
      ],
    };
  }, [overview, t, pick, narrow]);
  return (
    <EChart
      option={option}
      label={t('overview.chartTitle')}
      description={t('overview.chartDescription')}
      testId="overview-chart"
      // Ten rows of two bars need more height than ten columns.
      style={{ height: narrow ? 560 : 420 }}
    />
  );
}
