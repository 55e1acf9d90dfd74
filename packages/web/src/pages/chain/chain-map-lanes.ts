import type { MapNode } from '../../api/chains.js';
import type { MessageKey } from '../../i18n/messages.zh.js';

export type LaneKey = 'external' | MapNode['segment'];

const LANES: Array<{ key: LaneKey; label: MessageKey }> = [
  { key: 'external', label: 'chain.external' },
  { key: 'upstream', label: 'chain.upstream' },
  { key: 'midstream', label: 'chain.midstream' },
  { key: 'downstream', label: 'chain.downstream' },
];

/** Graph units between two lanes and two rows; ECharts stretches them to the chart's size. */
export const LANE_WIDTH = 300;
export const ROW_HEIGHT = 30;
/** The lane headings sit this far above the first row, in graph units. */
export const HEADING_Y = -1.2 * ROW_HEIGHT;
/** Ids of the heading nodes: no map node id starts with it, so a click on a heading is told apart. */
export const HEADING_PREFIX = 'lane-heading:';

export type Lane = { key: LaneKey; label: MessageKey; x: number; nodes: MapNode[] };

/**
 * The non-empty lanes left to right with their x positions. An empty lane gets no column and no heading:
 * a chain fed by no other chain used to keep an empty first column position under "from other chains",
 * which its upstream nodes then sat under.
 */
export function mapLanes(nodes: readonly MapNode[]): Lane[] {
  const byKey = new Map<LaneKey, MapNode[]>(LANES.map((l) => [l.key, []]));
  for (const node of nodes) byKey.get(node.external ? 'external' : node.segment)?.push(node);
  return LANES.filter((l) => (byKey.get(l.key) ?? []).length > 0).map((l, i) => ({
    ...l,
    x: i * LANE_WIDTH,
    nodes: byKey.get(l.key) ?? [],
  }));
}

/** About how wide a label is drawn at 11 px: CJK and full-width signs about 11 px, others about 6.5 px. */
export function labelWidth(text: string, fontSize = 11): number {
  let width = 0;
  for (const ch of text) width += /[\u2E80-\uFFEF]/.test(ch) ? 11 : 6.5;
  return Math.ceil((width * fontSize) / 11);
}
