import {
  listZhejiangRegions,
  type PlanEdge,
  type PlanNode,
  type PlanPack,
  planNodesAndEdges,
} from '@chainbrain/domain';

/** A chain-map node as the generator sees it: its inputs, its firms and its import profile. */
export type GenNode = PlanNode & {
  index: number;
  chainIndex: number;
  /** A root of the chain map (raw material or knowledge input). */
  isSource: boolean;
  profile: 'gap' | 'key' | 'ordinary';
  /** Input edges (this node buys), with the supplying node's index. */
  inputs: Array<PlanEdge & { fromIndex: number }>;
  /** Indexes of the firms whose primary node this is. */
  firms: number[];
};

/** What every generation step shares: nodes, chains, months, full years, counties. */
export type GenContext = {
  pack: PlanPack;
  nodes: GenNode[];
  nodeIndex: Map<string, number>;
  edges: PlanEdge[];
  months: string[];
  /** Years whose twelve months are all in `months` (one supply-link row per link and such year). */
  years: number[];
  /** The latest full year (links, sizes and tags refer to it); undefined when no year is complete. */
  refYear: number | undefined;
  countiesByCity: Map<string, string[]>;
  countyName: Map<string, string>;
};

const KEY_FLAGS = ['key_material', 'core_component', 'electronic_component', 'basic_software'];

export function buildContext(pack: PlanPack, months: string[]): GenContext {
  const { nodes: planNodes, edges } = planNodesAndEdges(pack);
  const maps = ((pack as { chainMaps?: Record<string, { nodes: Array<{ id: string; source?: boolean }> }> })
    .chainMaps ?? {}) as Record<string, { nodes: Array<{ id: string; source?: boolean }> }>;
  const sourceIds = new Set(
    Object.values(maps).flatMap((m) => m.nodes.filter((n) => n.source === true).map((n) => n.id)),
  );
  const chainIndex = new Map(pack.chains.map((c, i) => [c.id, i]));
  const nodes: GenNode[] = planNodes.map((node, index) => ({
    ...node,
    index,
    chainIndex: chainIndex.get(node.chainId) ?? 0,
    isSource: sourceIds.has(node.id),
    profile: node.flags.includes('gap')
      ? 'gap'
      : node.flags.some((f) => KEY_FLAGS.includes(f))
        ? 'key'
        : 'ordinary',
    inputs: [],
    firms: [],
  }));
  const nodeIndex = new Map(nodes.map((n) => [n.id, n.index]));
  for (const edge of edges) {
    const to = nodeIndex.get(edge.to);
    const from = nodeIndex.get(edge.from);
    if (to === undefined || from === undefined) continue;
    nodes[to]?.inputs.push({ ...edge, fromIndex: from });
  }
  const monthSet = new Set(months);
  const years = [...new Set(months.map((m) => Number(m.slice(0, 4))))].filter(
    (y) => monthSet.has(`${y}-01`) && monthSet.has(`${y}-12`),
  );
  const regions = listZhejiangRegions();
  const countiesByCity = new Map<string, string[]>();
  for (const r of regions) {
    if (r.level !== 'county') continue;
    const city = r.parent ?? '';
    countiesByCity.set(city, [...(countiesByCity.get(city) ?? []), r.code]);
  }
  return {
    pack,
    nodes,
    nodeIndex,
    edges,
    months,
    years,
    refYear: years.at(-1),
    countiesByCity,
    countyName: new Map(regions.map((r) => [r.code, r.name_zh])),
  };
}

/** A county's short name for firm and project names (西湖区 → 西湖, 长兴县 → 长兴). */
export function shortPlaceName(countyZh: string): string {
  return countyZh.length > 2 ? countyZh.replace(/(自治县|区|县|市)$/, '') : countyZh;
}

/** A node's name without parenthesised qualifiers, cut to `max` characters, as an industry word. */
export function industryWord(nameZh: string, max = 4): string {
  return nameZh.replace(/（[^）]*）|\([^)]*\)/g, '').slice(0, max);
}
