import type { Region } from '@chainbrain/domain';
import {
  countyChainHistories,
  type Database,
  type FirmCountHistory,
  listedFirmMonths,
  type MonthlyTop,
  listRegions,
  nodeCountyHistories,
  nodeHistories,
} from '@chainbrain/store';
import type { CellMonths } from './cell-months.js';

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

/**
 * Firms a chain leader reads in other chains' cells (listed under the leader's chain), month by month: how
 * many, and their output (what the leader can subtract).
 */
export type ListedMonths = { firms: Int32Array; values: Float64Array };
export type ListedFirms = { cells: Map<string, ListedMonths>; nodes: Map<string, ListedMonths> };

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
   * A node's firms in a county month by month (counts, output, two largest), keyed `${node}|${county}`, for
   * every pair with firms: what an official reads of a node, and what it leaves unread.
   */
  nodeCounty: Map<string, CellMonths>;
  /** The pairs of each node (`nodeCounty` keys' counties). */
  countiesOfNode: Map<string, string[]>;
  /** Per listing chain. */
  listed: Map<string, ListedFirms>;
};

export async function loadDisclosureFigures(database: Database, planId: string): Promise<DisclosureFigures> {
  const [cells, nodes, regions, pairs, listedRows] = await Promise.all([
    countyChainHistories(database.query, planId),
    nodeHistories(database.query, planId),
    listRegions(database.query),
    nodeCountyHistories(database.query, planId),
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
        if (m !== undefined) onMonths[m] = Number(column[k] ?? 0);
      }
      return onMonths;
    }) as [Float64Array, Float64Array, Float64Array];
    // A month with output but no largest firm was written without the two largest (a rollup from before
    // migration 0008 that nothing refilled): it counts as one firm's, so the rule hides rather than
    // passing it unseen.
    for (let m = 0; m < periods.length; m++) if (values[m]! > 0 && top1[m]! <= 0) top1[m] = values[m]!;
    return { firms: onAxis(h), valueYuan: h.valueYuan, values, top1, top2 };
  };
  const counties = regions.filter((r) => r.level === 'county');
  const cities = regions.filter((r) => r.level === 'city');
  const countiesOf = new Map(
    cities.map((c) => [c.code, counties.filter((k) => k.parent === c.code).map((k) => k.code)]),
  );
  const nodeMap = new Map(nodes.map((n) => [n.nodeId, { ...monthly(n), chainId: n.chainId }]));
  // A pair's firms over all months (each firm reports under one county and node).
  const nodeCountyFirms = new Map(
    pairs.map((r) => [`${r.nodeId}|${r.countyCode}`, Math.max(0, ...r.firms.map(Number))]),
  );

  const nodeCounty = new Map<string, CellMonths>();
  const countiesOfNode = new Map<string, string[]>();
  for (const pair of pairs) {
    nodeCounty.set(`${pair.nodeId}|${pair.countyCode}`, monthly({ ...pair, valueYuan: 0 }));
    countiesOfNode.set(pair.nodeId, [...(countiesOfNode.get(pair.nodeId) ?? []), pair.countyCode]);
  }

  const listed = new Map<string, ListedFirms>();
  for (const row of listedRows) {
    const entry = listed.get(row.listingChainId) ?? { cells: new Map(), nodes: new Map() };
    listed.set(row.listingChainId, entry);
    const { firms, values } = monthly({ ...row, valueYuan: 0, top1: [], top2: [] });
    for (const [map, key] of [
      [entry.cells, `${row.countyCode}|${row.chainId}`],
      [entry.nodes, row.nodeId],
    ] as const) {
      const sum = map.get(key) ?? {
        firms: new Int32Array(periods.length),
        values: new Float64Array(periods.length),
      };
      for (let m = 0; m < periods.length; m++) {
        sum.firms[m]! += firms[m]!;
        sum.values[m]! += values[m]!;
      }
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
    nodeCounty,
    countiesOfNode,
    listed,
  };
}
