import { MIN_FIRMS_PER_CELL, type Region } from '@chainbrain/domain';
import {
  countyChainHistories,
  type Database,
  type FirmCountHistory,
  listedFirmMonths,
  type MonthlyTop,
  listRegions,
  nodeCountyFirmCounts,
  nodeCountyMonths,
  nodeHistories,
} from '@chainbrain/store';

/**
 * Firms that reported in each month of the common month axis, and the output over all months; with the
 * output of each month and its two largest firms' (the dominance rule, ADR 0015, fourth amendment).
 */
export type History = {
  firms: Int32Array;
  valueYuan: number;
  values: Float64Array;
  top1: Float64Array;
  top2: Float64Array;
};

/** Monthly counts of firms a chain leader reads in other chains' cells (listed under the leader's chain). */
export type ListedFirms = { cells: Map<string, Int32Array>; nodes: Map<string, Int32Array> };

/**
 * What every decision starts from, the same for every caller: the stored history of each county × chain
 * cell and node, and what officials and chain leaders read inside the cells their grants do not cover
 * (a county's firms in a node; a chain's listed firms in other chains' cells).
 */
export type DisclosureFigures = {
  periods: string[];
  cities: Region[];
  counties: Region[];
  /** The counties of each city. */
  countiesOf: Map<string, string[]>;
  chains: string[];
  /** Keyed `${county}|${chain}`; cells without any firm are absent. */
  countyCells: Map<string, History>;
  nodes: Map<string, History & { chainId: string }>;
  /** Firms of a node in a county over all months, keyed `${node}|${county}`. */
  nodeCountyFirms: Map<string, number>;
  /**
   * Monthly counts of a node's firms in a county, keyed `${node}|${county}`, only where a county's or a
   * city's official might read all but one or two of the node's firms in some month (elsewhere the firm
   * totals above show it cannot happen).
   */
  nodeCountyMonths: Map<string, Int32Array>;
  /** Per listing chain. */
  listed: Map<string, ListedFirms>;
};

export async function loadDisclosureFigures(database: Database, planId: string): Promise<DisclosureFigures> {
  const [cells, nodes, regions, nodeCounty, listedRows] = await Promise.all([
    countyChainHistories(database.query, planId),
    nodeHistories(database.query, planId),
    listRegions(database.query),
    nodeCountyFirmCounts(database.query, planId),
    listedFirmMonths(database.query, planId),
  ]);
  const periods = [...new Set([...cells, ...nodes].flatMap((h) => h.periods))].sort();
  const monthIndex = new Map(periods.map((p, i) => [p, i]));
  const onAxis = (h: Pick<FirmCountHistory, 'periods' | 'firms'>): Int32Array => {
    const firms = new Int32Array(periods.length);
    for (const [k, period] of h.periods.entries()) {
      const m = monthIndex.get(period);
      if (m !== undefined) firms[m]! += Number(h.firms[k]);
    }
    return firms;
  };
  const monthly = (h: MonthlyTop & Pick<FirmCountHistory, 'periods' | 'firms' | 'valueYuan'>): History => {
    const [values, top1, top2] = [h.values, h.top1, h.top2].map((column) => {
      const onMonths = new Float64Array(periods.length);
      for (const [k, period] of h.periods.entries()) {
        const m = monthIndex.get(period);
        if (m !== undefined) onMonths[m] = Number(column[k]);
      }
      return onMonths;
    }) as [Float64Array, Float64Array, Float64Array];
    return { firms: onAxis(h), valueYuan: h.valueYuan, values, top1, top2 };
  };
  const counties = regions.filter((r) => r.level === 'county');
  const cities = regions.filter((r) => r.level === 'city');
  const countiesOf = new Map(
    cities.map((c) => [c.code, counties.filter((k) => k.parent === c.code).map((k) => k.code)]),
  );
  const nodeMap = new Map(nodes.map((n) => [n.nodeId, { ...monthly(n), chainId: n.chainId }]));
  const nodeCountyFirms = new Map(nodeCounty.map((r) => [`${r.nodeId}|${r.countyCode}`, r.firms]));

  // Node × county pairs whose monthly counts an official's decision needs: the node's firms in some month
  // less all its firms in the county (or the county's city) are fewer than MIN_FIRMS_PER_CELL.
  const small = (nodeId: string, read: number) =>
    read > 0 && Boolean(nodeMap.get(nodeId)?.firms.some((n) => n > 0 && n - read < MIN_FIRMS_PER_CELL));
  const wanted = new Set<string>();
  for (const [key, firms] of nodeCountyFirms) if (small(key.split('|')[0]!, firms)) wanted.add(key);
  for (const nodeId of nodeMap.keys()) {
    for (const city of countiesOf.values()) {
      const read = city.reduce((s, k) => s + (nodeCountyFirms.get(`${nodeId}|${k}`) ?? 0), 0);
      if (small(nodeId, read))
        for (const k of city) if (nodeCountyFirms.has(`${nodeId}|${k}`)) wanted.add(`${nodeId}|${k}`);
    }
  }
  const pairs = [...wanted].map((key) => {
    const [nodeId, countyCode] = key.split('|') as [string, string];
    return { nodeId, countyCode };
  });
  const nodeCountyMonthMap = new Map(
    (await nodeCountyMonths(database.query, planId, pairs)).map((r) => [
      `${r.nodeId}|${r.countyCode}`,
      onAxis(r),
    ]),
  );

  const listed = new Map<string, ListedFirms>();
  for (const row of listedRows) {
    const entry = listed.get(row.listingChainId) ?? { cells: new Map(), nodes: new Map() };
    listed.set(row.listingChainId, entry);
    const months = onAxis(row);
    for (const [map, key] of [
      [entry.cells, `${row.countyCode}|${row.chainId}`],
      [entry.nodes, row.nodeId],
    ] as const) {
      const sum = map.get(key) ?? new Int32Array(periods.length);
      for (let m = 0; m < periods.length; m++) sum[m]! += months[m]!;
      map.set(key, sum);
    }
  }
  return {
    periods,
    cities,
    counties,
    countiesOf,
    chains: [...new Set(nodes.map((n) => n.chainId))],
    countyCells: new Map(cells.map((c) => [`${c.countyCode}|${c.chainId}`, monthly(c)])),
    nodes: nodeMap,
    nodeCountyFirms,
    nodeCountyMonths: nodeCountyMonthMap,
    listed,
  };
}
