import { useMemo } from 'react';
import type { ChainStats } from '../../api/chains.js';
import type { ChartTable } from '../../components/ChartDataTable.js';
import { EChart, type EChartOption } from '../../components/EChart.js';
import { formatYi } from '../../format.js';
import { useI18n } from '../../i18n/i18n.js';

/** Rolling 12-month output with the 2025 target as a line; no target line until the target is known. */
export function ChainTrend({ stats }: { stats: ChainStats | undefined }) {
  const { t } = useI18n();
  const option = useMemo<EChartOption>(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${formatYi(v)} ${t('unit.yi')}` },
      grid: { left: 60, right: 30, top: 30, bottom: 30 },
      xAxis: { type: 'category', data: (stats?.trailing_12m ?? []).map((p) => p.period) },
      yAxis: { type: 'value', name: t('unit.yi') },
      series: [
        {
          name: t('chain.rolling12'),
          type: 'line',
          data: (stats?.trailing_12m ?? []).map((p) => Number(p.value.toFixed(2))),
          // A line at 0 while the figures load (or when they fail) read as a target of nothing.
          ...(stats
            ? {
                markLine: {
                  symbol: 'none',
                  // Inside the grid, above the line's end: at the default `end` it ran past the chart's edge.
                  label: {
                    position: 'insideEndTop',
                    formatter: `${t('chain.target')} ${formatYi(stats.target_2025)} ${t('unit.yi')}`,
                    // On a light ground: where the output line runs at the target, it crossed the text.
                    backgroundColor: 'rgba(255,255,255,0.9)',
                    padding: [2, 4],
                    borderRadius: 2,
                  },
                  lineStyle: { color: '#d4380d', type: 'dashed' },
                  data: [{ yAxis: stats.target_2025 }],
                },
              }
            : {}),
        },
      ],
    }),
    [stats, t],
  );
  // The target is on the page already (the first figure card); the months are only here.
  const table: ChartTable = {
    columns: [
      { title: t('chart.month') },
      { title: t('chart.inUnit', { what: t('chain.rolling12'), unit: t('unit.yi') }), numeric: true },
    ],
    rows: (stats?.trailing_12m ?? []).map((p) => ({ key: p.period, cells: [p.period, formatYi(p.value)] })),
  };
  return (
    <EChart
      option={option}
      label={t('chain.outputVsTarget')}
      table={table}
      testId="chain-trend"
      style={{ height: 300 }}
    />
  );
}
