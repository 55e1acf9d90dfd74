import { useMemo } from 'react';
import type { ChainMap, ChainStats, MapNode } from '../../api/chains.js';
import { EChart, type EChartOption } from '../../components/EChart.js';
import { formatYi } from '../../format.js';
import { useI18n } from '../../i18n/i18n.js';
import type { MessageKey } from '../../i18n/messages.zh.js';

/** Colours of local coverage: how many Zhejiang firms have the node as their primary node. */
export const COVERAGE_COLORS = {
  none: '#cf1322',
  few: '#fa8c16',
  many: '#389e0d',
  external: '#8c8c8c',
  unknown: '#d9d9d9',
};

/** Firm counts unknown (the figures failed or are loading) are drawn neutral, not as "no local firm". */
export function coverageColor(node: MapNode, firmCount: number | undefined, known = true): string {
  if (node.external) return COVERAGE_COLORS.external;
  if (!known) return COVERAGE_COLORS.unknown;
  if (!firmCount) return COVERAGE_COLORS.none;
  return firmCount < 5 ? COVERAGE_COLORS.few : COVERAGE_COLORS.many;
}

const LANES: Array<{ key: 'external' | MapNode['segment']; label: MessageKey }> = [
  { key: 'external', label: 'chain.external' },
  { key: 'upstream', label: 'chain.upstream' },
  { key: 'midstream', label: 'chain.midstream' },
  { key: 'downstream', label: 'chain.downstream' },
];
const LANE_WIDTH = 300;
const ROW_HEIGHT = 30;
/** Room above the first row and below the last for the lane titles and the edges' bends. */
const TOP = 48;
const BOTTOM = 24;

/** About how wide a label is drawn at 11 px: CJK and full-width signs about 11 px, others about 6.5 px. */
export function labelWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u2E80-\uFFEF]/.test(ch) ? 11 : 6.5;
  return Math.ceil(width);
}

/**
 * The chain map as lanes: nodes of other chains feeding this one on the left, then upstream, midstream and
 * downstream. Node colour = local coverage, size = output of the last 12 months, diamond = a named gap;
 * edge colour and width = essentiality.
 */
export function ChainMapGraph({
  map,
  stats,
  chainName,
  onSelect,
}: {
  map: ChainMap;
  stats: ChainStats | undefined;
  /** The name of a chain in the reader's language, for the nodes fed from other chains. */
  chainName: (chainId: string) => string;
  onSelect: (nodeId: string) => void;
}) {
  const { t, pick } = useI18n();
  const { option, height } = useMemo(() => {
    const nodeStats = new Map((stats?.nodes ?? []).map((n) => [n.node_id, n]));
    const maxOutput = Math.max(1, ...(stats?.nodes ?? []).map((n) => n.output_12m ?? 0));
    const lanes = new Map<string, MapNode[]>(LANES.map((l) => [l.key, []]));
    for (const node of map.nodes) lanes.get(node.external ? 'external' : node.segment)?.push(node);
    const tallest = Math.max(...[...lanes.values()].map((l) => l.length));
    const rowOf = new Map<string, number>();
    for (const lane of lanes.values()) {
      for (const [row, node] of lane.entries()) rowOf.set(node.id, row);
    }
    // The last lane's labels need room on the right, or the longest are cut at the chart's edge.
    const lastLane = [...LANES].reverse().find((l) => (lanes.get(l.key) ?? []).length > 0)?.key;
    const rightRoom = Math.min(
      280,
      32 +
        Math.max(
          0,
          ...(lanes.get(lastLane ?? 'downstream') ?? []).map((n) => labelWidth(pick(n.name_zh, n.name_en))),
        ),
    );
    const data = LANES.flatMap((lane, laneIndex) =>
      (lanes.get(lane.key) ?? []).map((node, row) => {
        const s = nodeStats.get(node.id);
        const size = node.external ? 10 : 10 + 20 * Math.sqrt((s?.output_12m ?? 0) / maxOutput);
        return {
          id: node.id,
          name: pick(node.name_zh, node.name_en),
          x: laneIndex * LANE_WIDTH,
          y: row * ROW_HEIGHT,
          symbol: node.flags.includes('gap') ? 'diamond' : 'circle',
          symbolSize: size,
          itemStyle: { color: coverageColor(node, s?.firm_count, stats !== undefined) },
          // A light background keeps a label readable where edges cross it.
          label: {
            show: true,
            position: 'right',
            fontSize: 11,
            backgroundColor: 'rgba(255,255,255,0.85)',
            padding: [1, 2],
            borderRadius: 2,
          },
          tooltip: {
            formatter: () =>
              node.external
                ? `${pick(node.name_zh, node.name_en)}<br/>${t('chain.externalNode')}: ${chainName(node.chain)}`
                : stats === undefined
                  ? pick(node.name_zh, node.name_en)
                  : `${pick(node.name_zh, node.name_en)}<br/>${t('node.firms')}: ${s?.firm_count ?? 0}<br/>${t('node.output12m')}: ${s?.suppressed ? t('common.suppressed') : `${formatYi(s?.output_12m ?? 0)} ${t('unit.yi')}`}`,
          },
        };
      }),
    );
    const middle = (tallest - 1) / 2;
    const links = map.edges.map((edge) => ({
      source: edge.from,
      target: edge.to,
      lineStyle: {
        color: edge.essentiality === 2 ? '#d4380d' : edge.essentiality === 1 ? '#8c8c8c' : '#d9d9d9',
        width: edge.essentiality === 2 ? 1.8 : 1,
        type: edge.essentiality === 0 ? 'dashed' : 'solid',
        opacity: edge.essentiality === 2 ? 0.75 : 0.45,
        // Edges in the upper half bend down and those in the lower half up, so that a long edge between
        // top rows does not arc above the chart, where it was cut off.
        curveness: ((rowOf.get(edge.from) ?? 0) + (rowOf.get(edge.to) ?? 0)) / 2 < middle ? -0.15 : 0.15,
      },
    }));
    const graphOption: EChartOption = {
      tooltip: {},
      title: LANES.map((lane, i) => ({
        text: t(lane.label),
        left: `${4 + i * 24.5}%`,
        top: 0,
        textStyle: { fontSize: 13, color: '#595959' },
      })),
      series: [
        {
          type: 'graph',
          layout: 'none',
          top: TOP,
          bottom: BOTTOM,
          left: 20,
          right: rightRoom,
          roam: true,
          edgeSymbol: ['none', 'arrow'],
          edgeSymbolSize: 6,
          emphasis: { focus: 'adjacency', lineStyle: { width: 3 } },
          data,
          links,
        },
      ],
    };
    return { option: graphOption, height: Math.max(360, tallest * ROW_HEIGHT + TOP + BOTTOM + 20) };
  }, [map, stats, chainName, t, pick]);

  return (
    <EChart
      option={option}
      label={t('chain.mapTitle')}
      testId="chain-graph"
      style={{ height }}
      onClick={(event) => {
        if (event.dataType === 'node' && event.data && typeof event.data === 'object' && 'id' in event.data) {
          onSelect(String((event.data as { id: string }).id));
        }
      }}
    />
  );
}
