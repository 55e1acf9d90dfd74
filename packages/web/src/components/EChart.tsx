import { BarChart, GraphChart, LineChart, MapChart, PieChart } from 'echarts/charts';
import {
  AriaComponent,
  DatasetComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { type CSSProperties, useEffect, useId, useRef } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { ChartDataTable, type ChartTable } from './ChartDataTable.js';

// Only the parts of ECharts we use are bundled.
echarts.use([
  BarChart,
  LineChart,
  GraphChart,
  MapChart,
  PieChart,
  AriaComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  TitleComponent,
  DatasetComponent,
  MarkLineComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

export type EChartOption = echarts.EChartsCoreOption;
export type EChartClick = { name?: string; data?: unknown; dataType?: string; seriesType?: string };
export { echarts };

/** The option with ECharts' aria on, naming the chart by `label` (see EChart). */
export function withAria(option: EChartOption, label: string): EChartOption {
  const aria = (option.aria ?? {}) as Record<string, unknown>;
  const ariaLabel = (aria.label ?? {}) as Record<string, unknown>;
  return { ...option, aria: { ...aria, enabled: true, label: { ...ariaLabel, description: label } } };
}

/**
 * A chart that follows its container's size and re-renders when the option changes.
 *
 * A canvas says nothing to a screen reader, so every chart is an image with a name (`label`), set through
 * ECharts' own aria option (which keeps role and name on its element as it redraws) and by React before
 * the first draw. ECharts' generated description is not used: at most ten points, raw numbers without
 * units, in one long string. Instead each chart says where its figures are: `description`, when they are
 * already on the page (a table beside it), or `table`, its figures as a table under it (docs/accessibility.md).
 */
export function EChart({
  option,
  label,
  description,
  table,
  style,
  testId,
  onClick,
}: {
  option: EChartOption;
  label: string;
  description?: string;
  table?: ChartTable;
  style?: CSSProperties;
  testId?: string;
  onClick?: (event: EChartClick) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickHandler = useRef(onClick);
  clickHandler.current = onClick;
  useEffect(() => {
    if (!element.current) return;
    const instance = echarts.init(element.current);
    chart.current = instance;
    // Lets browser tests find where a data point is drawn (convertToPixel); harmless in production.
    (element.current as HTMLDivElement & { __chart?: echarts.ECharts }).__chart = instance;
    instance.on('click', (event) => clickHandler.current?.(event as EChartClick));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(withAria(option, label), true);
  }, [option, label]);
  const said = description ?? (table ? t('chart.tableBelow') : undefined);
  return (
    <>
      <div
        ref={element}
        role="img"
        aria-label={label}
        aria-describedby={said ? `${id}-description` : undefined}
        data-testid={testId}
        style={{ width: '100%', height: 360, ...style }}
      />
      {said && (
        <span id={`${id}-description`} hidden>
          {said}
        </span>
      )}
      {table && <ChartDataTable id={`${id}-table`} caption={label} table={table} />}
    </>
  );
}
