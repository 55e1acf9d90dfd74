import { type FirmScope, MIN_FIRMS_PER_CELL, scopeCoversCell } from '@chainbrain/domain';
import { type Database, firmMonthCounts, readableFirms } from '@chainbrain/store';
import type { DisclosureFigures } from './disclosure-figures.js';

/**
 * How many of a cell's firms a reader reads in each month: all of them ('all', its grants cover the
 * cell), a count per month, or 'safe' (a node where the reader's firms leave at least three unread in
 * every month, shown by the firm totals without counting months). Absent: none.
 */
export type Reads = Int32Array | 'all' | 'safe';

/** What one reader knows: per county × chain cell (`${county}|${chain}`) and per node. */
export type Knowledge = { cells: Map<string, Reads>; nodes: Map<string, Reads> };

/** A scope's identity for caches and for the set of readers a decision must withstand. */
export function scopeKey(scope: FirmScope): string {
  // Sorted, so grants listed in another order are one reader.
  const sorted = (xs: readonly (string | number)[]) => [...xs].map(String).sort().join(',');
  return [scope.cityCodes, scope.countyCodes, scope.chainIds, scope.firmIds].map(sorted).join('|');
}

/** The reads of a viewer, one county, one city or one chain, from the figures alone. */
export function singleGrantKnowledge(figures: DisclosureFigures, scope: FirmScope): Knowledge {
  const knowledge: Knowledge = { cells: new Map(), nodes: new Map() };
  const chain = scope.chainIds[0];
  if (chain) {
    for (const key of figures.countyCells.keys())
      if (key.endsWith(`|${chain}`)) knowledge.cells.set(key, 'all');
    for (const [nodeId, node] of figures.nodes)
      if (node.chainId === chain) knowledge.nodes.set(nodeId, 'all');
    const listed = figures.listed.get(chain);
    for (const [key, months] of listed?.cells ?? []) knowledge.cells.set(key, months);
    for (const [nodeId, months] of listed?.nodes ?? [])
      if (!knowledge.nodes.has(nodeId)) knowledge.nodes.set(nodeId, months);
    return knowledge;
  }
  const city = scope.cityCodes[0];
  const counties = city ? (figures.countiesOf.get(city) ?? []) : scope.countyCodes;
  if (counties.length === 0) return knowledge;
  for (const key of figures.countyCells.keys()) {
    if (counties.includes(key.slice(0, key.indexOf('|')))) knowledge.cells.set(key, 'all');
  }
  for (const [nodeId, node] of figures.nodes) {
    const read = counties.reduce((s, k) => s + (figures.nodeCountyFirms.get(`${nodeId}|${k}`) ?? 0), 0);
    if (read === 0) continue;
    if (!node.firms.some((n) => n > 0 && n - read < MIN_FIRMS_PER_CELL)) {
      knowledge.nodes.set(nodeId, 'safe');
      continue;
    }
    const months = new Int32Array(figures.periods.length);
    for (const k of counties) {
      const counts = figures.nodeCountyMonths.get(`${nodeId}|${k}`);
      if (counts) for (let m = 0; m < months.length; m++) months[m]! += counts[m]!;
    }
    knowledge.nodes.set(nodeId, months);
  }
  return knowledge;
}

/**
 * The reads of any other scope (several grants, or a firm of its own beside them), counted firm by firm:
 * firms of its own, firms listed under a node of its chains but counted in another chain, and in the
 * nodes of other chains the firms of its cities and counties. Nodes whose firm totals leave at least
 * three unread in every month are 'safe' without counting.
 */
export async function countedKnowledge(
  database: Database,
  planId: string,
  figures: DisclosureFigures,
  scope: FirmScope,
): Promise<Knowledge> {
  const knowledge: Knowledge = { cells: new Map(), nodes: new Map() };
  const cityOf = (county: string) => figures.counties.find((k) => k.code === county)?.parent ?? null;
  const byGrantedRegion = (county: string) =>
    scope.countyCodes.includes(county) || scope.cityCodes.includes(cityOf(county) ?? '');
  for (const key of figures.countyCells.keys()) {
    const [county, chain] = key.split('|') as [string, string];
    if (scopeCoversCell(scope, { regionCode: county, cityCode: cityOf(county), chainId: chain })) {
      knowledge.cells.set(key, 'all');
    }
  }
  for (const [nodeId, node] of figures.nodes)
    if (scope.chainIds.includes(node.chainId)) knowledge.nodes.set(nodeId, 'all');
  const ofNode = new Map<string, number[]>();
  const toCount = new Set<number>();
  for (const f of await readableFirms(database.query, planId, scope)) {
    if (scope.chainIds.includes(f.chainId)) continue; // its cell and its node are covered whole
    if (!byGrantedRegion(f.countyCode)) toCount.add(f.id);
    ofNode.set(f.nodeId, [...(ofNode.get(f.nodeId) ?? []), f.id]);
  }
  const countedNodes = new Set<string>();
  for (const [nodeId, ids] of ofNode) {
    if (figures.nodes.get(nodeId)?.firms.some((n) => n > 0 && n - ids.length < MIN_FIRMS_PER_CELL)) {
      for (const id of ids) toCount.add(id);
      countedNodes.add(nodeId);
    } else knowledge.nodes.set(nodeId, 'safe');
  }
  const monthIndex = new Map(figures.periods.map((p, i) => [p, i]));
  const add = (map: Map<string, Reads>, key: string, month: number, firms: number) => {
    const counts = map.get(key);
    if (typeof counts === 'string') return;
    const series = counts ?? new Int32Array(figures.periods.length);
    series[month]! += firms;
    map.set(key, series);
  };
  for (const row of await firmMonthCounts(database.query, [...toCount])) {
    const month = monthIndex.get(row.period);
    if (month === undefined) continue;
    if (!byGrantedRegion(row.countyCode))
      add(knowledge.cells, `${row.countyCode}|${row.chainId}`, month, row.firms);
    if (countedNodes.has(row.nodeId)) add(knowledge.nodes, row.nodeId, month, row.firms);
  }
  return knowledge;
}
