import type { RegionSummaryRow } from '../../api/chains.js';
import { formatChangePct, formatYi } from '../../format.js';
import { useI18n } from '../../i18n/i18n.js';
import { type Metric, metricValue, scaleColor, textOn } from './region-scale.js';

/**
 * Counties as tiles coloured like the map (there are no current county boundaries to draw): 同比 on the
 * map's own ± scale; output from 0 to the largest county's, counties being a tenth of a city or less.
 */
export function CountyTiles({
  rows,
  metric,
  yoyBounds,
}: {
  rows: RegionSummaryRow[];
  metric: Metric;
  yoyBounds: [number, number];
}) {
  const { t, pick } = useI18n();
  const bounds: [number, number] =
    metric === 'yoy' ? yoyBounds : [0, Math.max(1e-9, ...rows.map((r) => r.ytd_output ?? 0))];
  return (
    <div
      data-testid="county-tiles"
      style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(130px, 1fr))', gap: 8 }}
    >
      {rows.map((row) => {
        const background = scaleColor(metricValue(row, metric), metric, bounds);
        return (
          <div
            key={row.code}
            style={{ background, color: textOn(background), borderRadius: 6, padding: 8, minHeight: 56 }}
            title={row.suppressed ? `${row.code} · ${t('common.suppressed')}` : row.code}
          >
            <div style={{ fontWeight: 600 }}>{pick(row.name_zh, row.name_en)}</div>
            <div className="num">
              {row.suppressed
                ? // A hidden figure is a dash without a unit, and says why (also for touch and keyboard).
                  `— ${t('region.withheld')}`
                : metric === 'ytd'
                  ? `${formatYi(row.ytd_output)} ${t('unit.yi')}`
                  : formatChangePct(row.ytd_yoy_pct)}
            </div>
          </div>
        );
      })}
    </div>
  );
}
