import type { ChainEdge, ChainMaps, ChainNode } from './chain-map.schema.js';

/** A node of a chain map as the map API shows it: its home chain, and whether it is external. */
export type ChainMapViewNode = ChainNode & { chain: string; external: boolean };

/** One chain's map with the nodes of other chains that feed it (external: true). */
export type ChainMapView = { chain: string; nodes: ChainMapViewNode[]; edges: ChainEdge[] };

/** Every node of every map keyed by id, with its home chain. */
export function indexChainNodes(maps: ChainMaps): Map<string, { chain: string; node: ChainNode }> {
  const index = new Map<string, { chain: string; node: ChainNode }>();
  for (const [chain, map] of Object.entries(maps)) {
    for (const node of map.nodes) index.set(node.id, { chain, node });
  }
  return index;
}

/**
 * The map of one chain as served by GET /api/v1/plans/{planId}/chains/{chainId}/map: its own nodes
 * (external: false), then the nodes of other chains that feed it (external: true), and its edges.
 * Undefined when the chain has no map.
 */
export function chainMapView(maps: ChainMaps, chainId: string): ChainMapView | undefined {
  // Own keys only: an id such as "constructor" or "__proto__" must not reach the object's prototype.
  if (!Object.hasOwn(maps, chainId)) return undefined;
  const map = maps[chainId];
  if (!map) return undefined;
  const index = indexChainNodes(maps);
  const own = new Set(map.nodes.map((n) => n.id));
  const nodes: ChainMapViewNode[] = map.nodes.map((node) => ({ ...node, chain: chainId, external: false }));
  const added = new Set<string>();
  for (const edge of map.edges) {
    if (own.has(edge.from) || added.has(edge.from)) continue;
    const found = index.get(edge.from);
    if (!found) continue;
    added.add(edge.from);
    nodes.push({ ...found.node, chain: found.chain, external: true });
  }
  return { chain: chainId, nodes, edges: map.edges };
}
