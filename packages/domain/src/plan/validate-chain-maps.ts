import { hsCodes, isKnownHs6 } from '../reference/hs-codes.js';
import { type ChainEdge, type ChainMap, type ChainNode, nodeIdPrefix } from './chain-map.schema.js';

/** One chain map to validate, with where it came from (for messages). */
export type ChainMapEntry = {
  /** The chain id in the plan pack the map is attached to. */
  chainId: string;
  /** The file holding the map: the map file, or the pack file for an inline map. */
  file: string;
  /** Prefix for field paths: '' for a map file, 'chains[2].map.' for an inline map. */
  fieldPrefix: string;
  map: ChainMap;
  /** Items the plan names for this chain; each must be covered by some node's plan_items_zh. */
  planItems?: ReadonlyArray<{ file: string; field: string; item: string }>;
};

export type ChainMapIssue = { file: string; field: string; detail: string };

/** A source node is a root of the model (raw material or knowledge input); it has no input edges. */
export function isSourceNode(node: ChainNode): boolean {
  return node.source === true;
}

type Located = { entry: ChainMapEntry; node: ChainNode; index: number };

/**
 * Checks the rules that span nodes, edges and maps:
 *  - map.chain equals the chain it is attached to; node ids share the map's prefix; prefixes differ by map;
 *  - node ids are unique across all maps (so each node belongs to exactly one chain);
 *  - HS codes are level-6 rows of the HS 2017 list, each with a rationale, no code twice on a node;
 *  - edge `from` is a node of some map, edge `to` a node of this map, no duplicate edge;
 *  - a rating of 2 and a feedback edge carry a rationale;
 *  - a source node has no input edges; every other node has at least one non-feedback input edge;
 *  - the edges inside each map, feedback edges excepted, form no cycle;
 *  - every item the plan names for the chain is covered by a node's plan_items_zh.
 * Returns every issue found, in a stable order (empty when the maps are valid).
 */
export function findChainMapIssues(entries: ReadonlyArray<ChainMapEntry>): ChainMapIssue[] {
  const issues: ChainMapIssue[] = [];
  const at = (entry: ChainMapEntry, field: string, detail: string) =>
    issues.push({ file: entry.file, field: `${entry.fieldPrefix}${field}`, detail });

  const nodes = new Map<string, Located>();
  const prefixes = new Map<string, ChainMapEntry>();
  for (const entry of entries) {
    const { map } = entry;
    if (map.chain !== entry.chainId) {
      at(entry, 'chain', `map is for chain ${map.chain} but is attached to chain ${entry.chainId}`);
    }
    const prefix = map.id_prefix ?? (map.nodes[0] ? nodeIdPrefix(map.nodes[0].id) : '');
    const other = prefixes.get(prefix);
    if (other) {
      at(
        entry,
        map.id_prefix ? 'id_prefix' : 'nodes[0].id',
        `id prefix ${prefix} is also used by ${other.file}`,
      );
    } else prefixes.set(prefix, entry);

    map.nodes.forEach((node, i) => {
      if (nodeIdPrefix(node.id) !== prefix) {
        at(entry, `nodes[${i}].id`, `node id ${node.id} does not start with the map's prefix ${prefix}.`);
      }
      const seen = nodes.get(node.id);
      if (seen) {
        at(
          entry,
          `nodes[${i}].id`,
          `duplicate node id ${node.id} (also ${seen.entry.file} ${seen.entry.fieldPrefix}nodes[${seen.index}]); a node belongs to exactly one chain`,
        );
      } else nodes.set(node.id, { entry, node, index: i });

      const codes = new Set<string>();
      node.hs_codes.forEach((hs, k) => {
        const field = `nodes[${i}].hs_codes[${k}]`;
        if (!isKnownHs6(hs.code))
          at(entry, `${field}.code`, `${hs.code} is not a 6-digit subheading of the HS list`);
        else if (hsCodes().get(hs.code)?.section === 'TOTAL') {
          at(entry, `${field}.code`, `${hs.code} is a statistical catch-all, not a product subheading`);
        } else if (codes.has(hs.code)) at(entry, `${field}.code`, `${hs.code} is listed twice on ${node.id}`);
        codes.add(hs.code);
        if (!hs.rationale?.trim())
          at(entry, `${field}.rationale`, 'every HS mapping needs a one-line rationale');
      });
    });
  }

  for (const entry of entries) checkEdges(entry, nodes, at);

  for (const entry of entries) {
    if (!entry.planItems) continue;
    const covered = new Set(entry.map.nodes.flatMap((node) => node.plan_items_zh));
    for (const { file, field, item } of entry.planItems) {
      if (!covered.has(item)) {
        issues.push({
          file,
          field,
          detail: `plan item ${item} is not covered by any node's plan_items_zh in ${entry.file}`,
        });
      }
    }
  }
  return issues;
}

function checkEdges(
  entry: ChainMapEntry,
  nodes: ReadonlyMap<string, Located>,
  at: (entry: ChainMapEntry, field: string, detail: string) => void,
): void {
  const { map } = entry;
  const own = new Set(map.nodes.map((n) => n.id));
  const inputs = new Map<string, number>();
  const pairs = new Set<string>();

  map.edges.forEach((edge, k) => {
    const field = `edges[${k}]`;
    const from = nodes.get(edge.from);
    if (!from) at(entry, `${field}.from`, `unknown node ${edge.from}`);
    if (!own.has(edge.to)) {
      const owner = nodes.get(edge.to);
      at(
        entry,
        `${field}.to`,
        owner
          ? `${edge.to} belongs to chain ${owner.entry.map.chain}; an input edge belongs to the map of the node it feeds`
          : `unknown node ${edge.to}`,
      );
    }
    const pair = `${edge.from}\u0000${edge.to}`;
    if (pairs.has(pair)) at(entry, field, `duplicate edge ${edge.from} → ${edge.to}`);
    pairs.add(pair);
    if (edge.essentiality === 2 && !edge.rationale?.trim()) {
      at(entry, `${field}.rationale`, `a rating of 2 (${edge.from} → ${edge.to}) needs a rationale`);
    }
    if (edge.feedback && !edge.rationale?.trim()) {
      at(entry, `${field}.rationale`, `a feedback edge (${edge.from} → ${edge.to}) needs a rationale`);
    }
    const target = nodes.get(edge.to);
    if (target && target.entry === entry && isSourceNode(target.node)) {
      at(entry, `${field}.to`, `${edge.to} is a source node (source: true) and cannot have input edges`);
    }
    if (!edge.feedback) inputs.set(edge.to, (inputs.get(edge.to) ?? 0) + 1);
  });

  map.nodes.forEach((node, i) => {
    if (!isSourceNode(node) && !inputs.get(node.id)) {
      at(
        entry,
        `nodes[${i}]`,
        `${node.id} has no input edge; add its inputs or mark it source: true if it is a root of the chain`,
      );
    }
  });

  const cycle = findCycle(map.edges, own);
  if (cycle) {
    const path = cycle.path.join(' → ');
    at(
      entry,
      `edges[${cycle.edgeIndex}]`,
      `cycle ${path}; edges must be acyclic unless marked feedback: true with a rationale`,
    );
  }
}

/** Finds one cycle among the non-feedback edges between nodes of `own`; returns its path and an edge on it. */
function findCycle(
  edges: ReadonlyArray<ChainEdge>,
  own: ReadonlySet<string>,
): { path: string[]; edgeIndex: number } | undefined {
  const out = new Map<string, Array<{ to: string; index: number }>>();
  edges.forEach((edge, index) => {
    if (edge.feedback || !own.has(edge.from) || !own.has(edge.to)) return;
    const list = out.get(edge.from) ?? [];
    list.push({ to: edge.to, index });
    out.set(edge.from, list);
  });
  const state = new Map<string, 1 | 2>(); // 1 on the stack, 2 done
  const stack: string[] = [];
  const visit = (id: string): { path: string[]; edgeIndex: number } | undefined => {
    state.set(id, 1);
    stack.push(id);
    for (const { to, index } of out.get(id) ?? []) {
      const s = state.get(to);
      if (s === 1) return { path: [...stack.slice(stack.indexOf(to)), to], edgeIndex: index };
      if (s === undefined) {
        const found = visit(to);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(id, 2);
    return undefined;
  };
  for (const id of own) {
    if (state.has(id)) continue;
    const found = visit(id);
    if (found) return found;
  }
  return undefined;
}
