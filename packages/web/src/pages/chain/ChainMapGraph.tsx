import { useMemo } from 'react';
import type { ChainMap, ChainStats, MapNode, NodeDependency } from '../../api/chains.js';
import { EChart, type EChartOption } from '../../components/EChart.js';
import { formatYi } from '../../format.js';
import { useI18n } from '../../i18n/i18n.js';
import { HEADING_PREFIX, HEADING_Y, type Lane, labelWidth, mapLanes, ROW_HEIGHT } from './chain-map-lanes.js';
import { chainNodeTable } from './chain-node-table.js';
import { DEPENDENCY_COLORS, DEPENDENCY_LABELS, dependencyClass } from './dependency-colors.js';

/**
 * Colours of local coverage: how many Zhejiang firms have the node as their primary node. Each at 3:1 or
 * more on white, as marks that carry meaning must be (WCAG 1.4.11; orange #fa8c16 was 2.4:1); the grey of
 * figures not yet known is no such mark.
 */
export const COVERAGE_COLORS = {
  none: '#cf1322',
  few: '#d46b08',
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

/** Room above the headings and below the last row for the edges' bends, in pixels. */
const TOP = 16;
const BOTTOM = 24;
const HEADING_FONT = 13;
/** The least room between two lanes, in pixels. */
const MIN_LANE_PX = 260;

/**
 * A lane's heading as a graph node without a symbol, at the lane's x: ECharts places it with the nodes, so
 * it stays over its column at any width and when the map is dragged or zoomed (headings placed as titles at
 * fixed percentages drifted up to 115 px from their columns).
 */
function headingNode(lane: Lane, text: string) {
  return {
    id: `${HEADING_PREFIX}${lane.key}`,
    name: text,
    x: lane.x,
    y: HEADING_Y,
    symbolSize: 1,
    itemStyle: { color: 'transparent' },
    cursor: 'default',
    tooltip: { show: false },
    emphasis: { disabled: true },
    // Left-aligned with the column's dots (offsets from the 1-px symbol's corner), as a table heading is.
    label: {
      show: true,
      position: [-6, -9],
      fontSize: HEADING_FONT,
      fontWeight: 'bold',
      color: '#595959',
    },
  };
}

/**
 * The chain map as lanes: nodes of other chains feeding this one on the left, then upstream, midstream and
 * downstream. Node colour = local coverage, or each node's import-dependency screen when `dependency` is
 * given; size = output of the last 12 months, diamond = a named gap; edge colour and width = essentiality.
 */
export function ChainMapGraph({
  map,
  stats,
  dependency,
  chainName,
  onSelect,
}: {
  map: ChainMap;
  stats: ChainStats | undefined;
  /** The nodes' screens by node id: colour by them (an empty map while they load: all neutral). */
  dependency?: ReadonlyMap<string, NodeDependency>;
  /** The name of a chain in the reader's language, for the nodes fed from other chains. */
  chainName: (chainId: string) => string;
  onSelect: (nodeId: string) => void;
}) {
  const i18n = useI18n();
  const { t, pick, lang } = i18n;
  const { option, height, minWidth } = useMemo(() => {
    const nodeStats = new Map((stats?.nodes ?? []).map((n) => [n.node_id, n]));
    const maxOutput = Math.max(1, ...(stats?.nodes ?? []).map((n) => n.output_12m ?? 0));
    const lanes = mapLanes(map.nodes);
    const tallest = Math.max(1, ...lanes.map((l) => l.nodes.length));
    const rowOf = new Map<string, number>();
    for (const lane of lanes) {
      for (const [row, node] of lane.nodes.entries()) rowOf.set(node.id, row);
    }
    // The last lane's labels (and heading) need room on the right, or the longest are cut at the chart's edge.
    const lastLane = lanes.at(-1);
    const rightRoom = Math.min(
      280,
      32 +
        Math.max(
          0,
          labelWidth(lastLane ? t(lastLane.label) : '', HEADING_FONT),
          ...(lastLane?.nodes ?? []).map((n) => labelWidth(pick(n.name_zh, n.name_en))),
        ),
    );
    const nodeData = lanes.flatMap((lane) =>
      lane.nodes.map((node, row) => {
        const s = nodeStats.get(node.id);
        const screen = dependency?.get(node.id);
        const color = dependency
          ? DEPENDENCY_COLORS[dependencyClass(screen)]
          : coverageColor(node, s?.firm_count, stats !== undefined);
        const size = node.external ? 10 : 10 + 20 * Math.sqrt((s?.output_12m ?? 0) / maxOutput);
        return {
          id: node.id,
          name: pick(node.name_zh, node.name_en),
          x: lane.x,
          y: row * ROW_HEIGHT,
          symbol: node.flags.includes('gap') ? 'diamond' : 'circle',
          // A node whose output is withheld is a hollow mark of middle size: drawn by its (unknown) output
          // it looked like a node with almost none.
          symbolSize: s?.suppressed ? 16 : size,
          itemStyle: s?.suppressed
            ? {
                color: '#fff',
                borderColor: dependency ? color : coverageColor(node, s.firm_count, true),
                borderWidth: 2,
              }
            : { color },
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
              dependency
                ? `${pick(node.name_zh, node.name_en)}<br/>${t('dependency.colorDependency')}: ${t(DEPENDENCY_LABELS[dependencyClass(screen)])}${screen?.held_in.length ? (lang === 'zh' ? `（${screen.held_in.join('、')}）` : ` (${screen.held_in.join(', ')})`) : ''}`
                : node.external
                  ? `${pick(node.name_zh, node.name_en)}<br/>${t('chain.externalNode')}: ${chainName(node.chain)}`
                  : stats === undefined
                    ? pick(node.name_zh, node.name_en)
                    : `${pick(node.name_zh, node.name_en)}<br/>${t('node.primaryFirms')}: ${s ? s.firm_count : '—'}<br/>${t('node.output12m')}: ${s?.suppressed ? t('common.suppressed') : `${formatYi(s?.output_12m ?? null)} ${t('unit.yi')}`}`,
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
          data: [...lanes.map((lane) => headingNode(lane, t(lane.label))), ...nodeData],
          links,
        },
      ],
    };
    // About one row height per row, the headings' row included: ECharts stretches the rows to fill it.
    const rows = tallest - 1 - HEADING_Y / ROW_HEIGHT;
    return {
      option: graphOption,
      height: Math.max(360, rows * ROW_HEIGHT + TOP + BOTTOM + 20),
      // Narrower than this (a phone) the lanes ran into each other: the map scrolls sideways instead.
      minWidth: (lanes.length - 1) * MIN_LANE_PX + rightRoom + 40,
    };
  }, [map, stats, dependency, chainName, t, pick, lang]);

  const table = useMemo(
    () => chainNodeTable(map, stats, chainName, onSelect, i18n),
    [map, stats, chainName, onSelect, i18n],
  );

  return (
    <div style={{ overflowX: 'auto' }}>
      <EChart
        option={option}
        label={t('chain.mapTitle')}
        description={t('chain.mapDescription')}
        table={table}
        testId="chain-graph"
        style={{ height, minWidth }}
        onClick={(event) => {
          if (
            event.dataType !== 'node' ||
            !event.data ||
            typeof event.data !== 'object' ||
            !('id' in event.data)
          )
            return;
          const id = String((event.data as { id: string }).id);
          if (!id.startsWith(HEADING_PREFIX)) onSelect(id);
        }}
      />
    </div>
  );
}
