import { Space } from 'antd';
import { useI18n } from '../../i18n/i18n.js';
import { COVERAGE_COLORS } from './ChainMapGraph.js';
import { DEPENDENCY_COLORS, DEPENDENCY_LABELS, type DependencyClass } from './dependency-colors.js';

/** The key to the map's colours (local coverage or import dependency), shapes and edges. */
export function ChainLegend({ colorBy = 'coverage' }: { colorBy?: 'coverage' | 'dependency' }) {
  const { t } = useI18n();
  const dot = (color: string) => (
    <span
      style={{
        display: 'inline-block',
        width: 10,
        height: 10,
        borderRadius: 5,
        background: color,
        marginRight: 4,
      }}
    />
  );
  return (
    <Space wrap size="middle" style={{ fontSize: 12, marginBottom: 8 }} data-testid="chain-legend">
      {colorBy === 'dependency' ? (
        <>
          <span>{t('dependency.legend')}:</span>
          {(Object.keys(DEPENDENCY_COLORS) as DependencyClass[]).map((c) => (
            <span key={c}>
              {dot(DEPENDENCY_COLORS[c])}
              {t(DEPENDENCY_LABELS[c])}
            </span>
          ))}
        </>
      ) : (
        <>
          <span>{t('chain.coverage')}:</span>
          <span>
            {dot(COVERAGE_COLORS.none)}
            {t('chain.coverageNone')}
          </span>
          <span>
            {dot(COVERAGE_COLORS.few)}
            {t('chain.coverageFew')}
          </span>
          <span>
            {dot(COVERAGE_COLORS.many)}
            {t('chain.coverageMany')}
          </span>
          <span>
            {dot(COVERAGE_COLORS.external)}
            {t('chain.externalNode')}
          </span>
        </>
      )}
      <span>◆ {t('flag.gap')}</span>
      {/* The line in the edge's colour, the words in the text colour: written in the edges' light greys
          (#bfbfbf is 1.8:1 on white) the words failed the 4.5:1 contrast text needs. */}
      <span>
        <span style={{ color: '#d4380d' }}>━</span> {t('chain.edge2')}
      </span>
      <span>
        <span style={{ color: '#8c8c8c' }}>━</span> {t('chain.edge1')}
      </span>
      <span>
        <span style={{ color: '#a6a6a6' }}>┅</span> {t('chain.edge0')}
      </span>
    </Space>
  );
}
