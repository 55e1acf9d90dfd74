import type { RegionSummaryRow } from '../../api/chains.js';
import { echarts } from '../../components/EChart.js';
import { readableTextOn } from '../../contrast.js';

export type Metric = 'ytd' | 'yoy';

export function metricValue(row: RegionSummaryRow, metric: Metric): number | null {
  return metric === 'ytd' ? row.ytd_output : row.ytd_yoy_pct;
}

/**
 * Colour stops of each measure. 同比 is coloured around zero, red for growth and green for decline as
 * Chinese readers expect; a scale from the smallest to the largest value put its neutral middle at a few
 * per cent of growth.
 */
export const SCALE_COLORS: Record<Metric, string[]> = {
  ytd: ['#e6f4ff', '#1d4ed8'],
  yoy: ['#389e0d', '#fffbe6', '#cf1322'],
};
/** A region without a value (no 同比 without last year's figures) is grey, not drawn as 0. */
export const NO_VALUE_COLOR = '#f0f0f0';

/** The ends of the scale: 0 to the largest output, or ± the largest change (at least 1%). */
export function scaleBounds(metric: Metric, values: number[]): [number, number] {
  if (metric === 'yoy') {
    const bound = Math.max(1, ...values.map(Math.abs));
    return [-bound, bound];
  }
  return [0, Math.max(1, ...values)];
}

/**
 * A value's colour, interpolated as the map's visualMap does (ECharts' own lerp over the same stops), so
 * that county tiles and the city map read alike; the tiles had a scale of their own (0.15 + v/40).
 */
export function scaleColor(value: number | null, metric: Metric, [min, max]: [number, number]): string {
  if (value === null) return NO_VALUE_COLOR;
  const t = Math.min(1, Math.max(0, (value - min) / (max - min || 1)));
  return echarts.color.lerp(t, SCALE_COLORS[metric]) as string;
}

/**
 * Black or white, whichever contrasts more with a tile's or city's colour (at least 4.5:1). ECharts' `lum`
 * with a cut at 0.5 put white on middle blues at 2.6:1.
 */
export function textOn(background: string): string {
  return readableTextOn(background);
}
