import { type FirmScope, scopeCoversCell } from '@chainbrain/domain';
import { type Database, firmMonthCounts, readableFirms } from '@chainbrain/store';
import { type CellMonths, sumMonths } from './cell-months.js';
import type { DisclosureFigures } from './disclosure-figures.js';

/**
 * How many of a cell's firms a reader reads in each month: all of them ('all', its grants cover the
 * cell), or a count per month. Absent: none.
 */
export type Reads = Int32Array | 'all';

/**
 * What one reader knows: per county × chain cell (`${county}|${chain}`) and per node. Where it reads some
 * of a cell's firms, `unread` holds what it cannot read (keyed as the cell, nodes `node:${id}`), for the
 * dominance test (ADR 0015, fourth amendment): exact for an official in a node (the other counties' firms);
 * for firms read one by one, their output taken off and the cell's own two largest kept, which can only
 * find more cells dominated than there are.
 */
export type Knowledge = {
  cells: Map<string, Reads>;
  nodes: Map<string, Reads>;
  unread: Map<string, CellMonths>;
};

/** Per node, each month's three counties with the largest firms, best first (a node's pairs, once). */
const leaderCache = new WeakMap<DisclosureFigures, Map<string, string[][]>>();
function leadersOf(figures: DisclosureFigures, nodeId: string): string[][] {
  let byNode = leaderCache.get(figures);
  if (!byNode) {
    byNode = new Map();
    leaderCache.set(figures, byNode);
  }
  let leaders = byNode.get(nodeId);
  if (!leaders) {
    const counties = figures.countiesOfNode.get(nodeId) ?? [];
    leaders = figures.periods.map((_, m) =>
      counties
        .map((k) => [k, figures.nodeCounty.get(`${nodeId}|${k}`)!.top1[m]!] as const)
        .filter(([, top]) => top > 0)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3)
        .map(([k]) => k),
    );
    byNode.set(nodeId, leaders);
  }
  return leaders;
}

/**
 * The two largest firms of a node outside an official's counties, month by month: among the counties
 * holding the node's largest firms when two of them lie outside, else from every other county's.
 */
function unreadTopTwo(
  counties: readonly string[],
  own: ReadonlySet<string>,
  pair: (county: string) => CellMonths,
  leaders: string[][],
): { top1: Float64Array; top2: Float64Array } {
  const months = leaders.length;
  const top1 = new Float64Array(months);
  const top2 = new Float64Array(months);
  const take = (k: string, m: number) => {
    const a = pair(k).top1[m]!;
    if (a > top1[m]!) {
      top2[m] = Math.max(top1[m]!, pair(k).top2[m]!);
      top1[m] = a;
    } else if (a > top2[m]!) top2[m] = a;
  };
  for (let m = 0; m < months; m++) {
    // The first county outside holds the largest unread firm; the second largest is its runner-up or the
    // next county's largest. With fewer than two of the three leaders outside, look at every county.
    let outside = 0;
    for (const k of leaders[m]!) if (!own.has(k)) outside++;
    if (outside >= 2) {
      let taken = 0;
      for (const k of leaders[m]!) {
        if (own.has(k) || taken === 2) continue;
        take(k, m);
        taken++;
      }
    } else for (const k of counties) if (!own.has(k)) take(k, m);
  }
  return { top1, top2 };
}

/** A cell's months less some of its firms read one by one: their count and output; the two largest kept. */
export function lessRead(cell: CellMonths, read: { firms: Int32Array; values: Float64Array }): CellMonths {
  return {
    firms: cell.firms.map((n, m) => n - read.firms[m]!),
    values: cell.values.map((v, m) => v - read.values[m]!),
    top1: cell.top1,
    top2: cell.top2,
  };
}

/** A scope's identity for caches and for the set of readers a decision must withstand. */
export function scopeKey(scope: FirmScope): string {
  // Sorted, so grants listed in another order are one reader.
  const sorted = (xs: readonly (string | number)[]) => [...xs].map(String).sort().join(',');
  return [scope.cityCodes, scope.countyCodes, scope.chainIds, scope.firmIds].map(sorted).join('|');
}

/** The reads of a viewer, one county, one city or one chain, from the figures alone. */
export function singleGrantKnowledge(figures: DisclosureFigures, scope: FirmScope): Knowledge {
  const knowledge: Knowledge = { cells: new Map(), nodes: new Map(), unread: new Map() };
  const months = figures.periods.length;
  const chain = scope.chainIds[0];
  if (chain) {
    for (const key of figures.countyCells.keys())
      if (key.endsWith(`|${chain}`)) knowledge.cells.set(key, 'all');
    for (const [nodeId, node] of figures.nodes)
      if (node.chainId === chain) knowledge.nodes.set(nodeId, 'all');
    const listed = figures.listed.get(chain);
    for (const [key, read] of listed?.cells ?? []) {
      knowledge.cells.set(key, read.firms);
      const cell = figures.countyCells.get(key);
      if (cell) knowledge.unread.set(key, lessRead(cell, read));
    }
    for (const [nodeId, read] of listed?.nodes ?? []) {
      if (knowledge.nodes.has(nodeId)) continue;
      knowledge.nodes.set(nodeId, read.firms);
      const node = figures.nodes.get(nodeId);
      if (node) knowledge.unread.set(`node:${nodeId}`, lessRead(node, read));
    }
    return knowledge;
  }
  const city = scope.cityCodes[0];
  const counties = city ? (figures.countiesOf.get(city) ?? []) : scope.countyCodes;
  if (counties.length === 0) return knowledge;
  for (const key of figures.countyCells.keys()) {
    if (counties.includes(key.slice(0, key.indexOf('|')))) knowledge.cells.set(key, 'all');
  }
  const own = new Set(counties);
  for (const [nodeId, pairCounties] of figures.countiesOfNode) {
    if (!pairCounties.some((k) => own.has(k))) continue;
    // What the official reads of the node: its counties' firms; what it cannot: the other counties'.
    const pair = (k: string) => figures.nodeCounty.get(`${nodeId}|${k}`)!;
    const read = sumMonths(pairCounties.filter((k) => own.has(k)).map(pair), months);
    knowledge.nodes.set(nodeId, read.firms);
    const node = figures.nodes.get(nodeId)!;
    knowledge.unread.set(`node:${nodeId}`, {
      firms: node.firms.map((n, m) => n - read.firms[m]!),
      values: node.values.map((v, m) => v - read.values[m]!),
      ...unreadTopTwo(pairCounties, own, pair, leadersOf(figures, nodeId)),
    });
  }
  return knowledge;
}

/**
 * The reads of any other scope (several grants, or a firm of its own beside them), counted firm by firm:
 * firms of its own, firms listed under a node of its chains but counted in another chain, and in the
 * nodes of other chains the firms of its cities and counties; with their output, for the dominance test.
 */
export async function countedKnowledge(
  database: Database,
  planId: string,
  figures: DisclosureFigures,
  scope: FirmScope,
): Promise<Knowledge> {
  const knowledge: Knowledge = { cells: new Map(), nodes: new Map(), unread: new Map() };
  const months = figures.periods.length;
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
  const toCount: number[] = [];
  for (const f of await readableFirms(database.query, planId, scope)) {
    // A firm of a granted chain: its cell and its node are covered whole.
    if (!scope.chainIds.includes(f.chainId)) toCount.push(f.id);
  }
  const monthIndex = new Map(figures.periods.map((p, i) => [p, i]));
  const cellReads = new Map<string, { firms: Int32Array; values: Float64Array }>();
  const nodeReads = new Map<string, { firms: Int32Array; values: Float64Array }>();
  const add = (map: typeof cellReads, key: string, month: number, firms: number, value: number) => {
    const read = map.get(key) ?? { firms: new Int32Array(months), values: new Float64Array(months) };
    read.firms[month]! += firms;
    read.values[month]! += value;
    map.set(key, read);
  };
  for (const row of await firmMonthCounts(database.query, toCount)) {
    const month = monthIndex.get(row.period);
    if (month === undefined) continue;
    if (!byGrantedRegion(row.countyCode))
      add(cellReads, `${row.countyCode}|${row.chainId}`, month, row.firms, row.value);
    add(nodeReads, row.nodeId, month, row.firms, row.value);
  }
  for (const [key, read] of cellReads) {
    if (knowledge.cells.get(key) === 'all') continue;
    knowledge.cells.set(key, read.firms);
    const cell = figures.countyCells.get(key);
    if (cell) knowledge.unread.set(key, lessRead(cell, read));
  }
  for (const [nodeId, read] of nodeReads) {
    if (knowledge.nodes.get(nodeId) === 'all') continue;
    knowledge.nodes.set(nodeId, read.firms);
    const node = figures.nodes.get(nodeId);
    if (node) knowledge.unread.set(`node:${nodeId}`, lessRead(node, read));
  }
  return knowledge;
}
