import { BarChart, GraphChart, LineChart, MapChart, PieChart } from 'echarts/charts';
import {
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
import { type CSSProperties, useEffect, useRef } from 'react';

// Only the parts of ECharts we use are bundled.
echarts.use([
  BarChart,
  LineChart,
  GraphChart,
  MapChart,
  PieChart,
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

/**
 * A chart that follows its container's size and re-renders when the option changes. A canvas says nothing
 * to a screen reader, so every chart names what it shows (`label`); the figures themselves are in the
 * tables beside the charts.
 */
export function EChart({
  option,
  label,
  style,
  testId,
  onClick,
}: {
  option: EChartOption;
  label: string;
  style?: CSSProperties;
  testId?: string;
  onClick?: (event: EChartClick) => void;
}) {
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
    chart.current?.setOption(option, true);
  }, [option]);
  return (
    <div
      ref={element}
      role="img"
      aria-label={label}
      data-testid={testId}
      style={{ width: '100%', height: 360, ...style }}
    />
  );
}
