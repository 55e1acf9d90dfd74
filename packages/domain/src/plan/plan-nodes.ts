import type { PlanPack } from './plan-pack.schema.js';

export type Segment = 'upstream' | 'midstream' | 'downstream';

/** A chain-map node reduced to what every layer needs. */
export type PlanNode = {
  id: string;
  chainId: string;
  nameZh: string;
  nameEn: string;
  segment: Segment;
  hsCodes: string[];
  flags: string[];
  description: string | null;
};
export type PlanEdge = { from: string; to: string; essentiality: 0 | 1 | 2 };

type MapNodeLike = {
  id: string;
  name_zh: string;
  name_en: string;
  segment: Segment;
  description_zh?: string;
  hs_codes?: Array<{ code: string } | string>;
  flags?: string[];
};
type ChainMapLike = { nodes: MapNodeLike[]; edges: PlanEdge[] };

/**
 * The nodes and input edges of a plan pack's chain maps. A chain without a map still works: it gets one
 * node standing for the whole chain (id `<chain>.whole`), so output can be tracked before a map exists.
 */
export function planNodesAndEdges(pack: PlanPack): { nodes: PlanNode[]; edges: PlanEdge[] } {
  const maps = ((pack as { chainMaps?: Record<string, ChainMapLike> }).chainMaps ?? {}) as Record<
    string,
    ChainMapLike
  >;
  const nodes: PlanNode[] = [];
  const edges: PlanEdge[] = [];
  for (const chain of pack.chains) {
    const map = maps[chain.id];
    if (!map) {
      nodes.push({
        id: `${chain.id}.whole`,
        chainId: chain.id,
        nameZh: chain.zh,
        nameEn: chain.en,
        segment: 'midstream',
        hsCodes: [],
        flags: [],
        description: null,
      });
      continue;
    }
    for (const node of map.nodes) {
      nodes.push({
        id: node.id,
        chainId: chain.id,
        nameZh: node.name_zh,
        nameEn: node.name_en,
        segment: node.segment,
        hsCodes: (node.hs_codes ?? []).map((hs) => (typeof hs === 'string' ? hs : hs.code)),
        flags: node.flags ?? [],
        description: node.description_zh ?? null,
      });
    }
    for (const edge of map.edges)
      edges.push({ from: edge.from, to: edge.to, essentiality: edge.essentiality });
  }
  return { nodes, edges };
}
