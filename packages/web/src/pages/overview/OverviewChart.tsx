import type { OverviewResponse } from '@chainbrain/domain';
import { useMemo } from 'react';
import { EChart, type EChartOption } from '../../components/EChart.js';
import { formatPct, formatYi } from '../../format.js';
import { useI18n } from '../../i18n/i18n.js';

const LABEL_CHARS = 18;

/** A category label cut to LABEL_CHARS characters with an ellipsis. */
export function shortLabel(name: string): string {
  return name.length > LABEL_CHARS ? `${name.slice(0, LABEL_CHARS - 1).trimEnd()}…` : name;
}

/** Output of the last 12 months against the 2025 target, per chain, with completion on a second axis. */
export function OverviewChart({ overview }: { overview: OverviewResponse }) {
  const { t, pick } = useI18n();
  const option = useMemo<EChartOption>(() => {
    const money = (v: unknown) => (typeof v === 'number' ? `${formatYi(v)} ${t('unit.yi')}` : '—');
    return {
      title: { text: t('overview.chartTitle'), left: 'center', textStyle: { fontSize: 14 } },
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { top: 60, left: 60, right: 60, bottom: 100 },
      xAxis: {
        type: 'category',
        data: overview.chains.map((c) => pick(c.name_zh, c.name_en)),
        // Long English names, rotated, ran into the legend: cut at 18 characters; the tooltip (the axis
        // value) keeps the full name.
        axisLabel: { interval: 0, rotate: 30, formatter: shortLabel },
      },
      yAxis: [
        { type: 'value', name: t('unit.yi') },
        { type: 'value', name: '%', splitLine: { show: false } },
      ],
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
          yAxisIndex: 1,
          // No completion (a hidden figure, or no target for the region) is a dash, not "NaN%".
          tooltip: { valueFormatter: (v: unknown) => (typeof v === 'number' ? formatPct(v) : '—') },
          data: overview.chains.map((c) =>
            c.completion_pct === null ? '-' : Number(c.completion_pct.toFixed(1)),
          ),
        },
      ],
    };
  }, [overview, t, pick]);
  return (
    <EChart
      option={option}
      label={t('overview.chartTitle')}
      testId="overview-chart"
      style={{ height: 420 }}
    />
  );
}
