import {
  type FirmScope,
  MIN_FIRMS_PER_CELL,
  type Region,
  scopeCoversCell,
  secondCellToHide,
} from '@chainbrain/domain';
import {
  countyChainHistories,
  type Database,
  type FirmCountHistory,
  firmMonthCounts,
  listRegions,
  nodeHistories,
  readableFirms,
} from '@chainbrain/store';

/** The province's code in the cell keys; '*' stands for all chains together. */
export const PROVINCE = '330000';
export const ALL_CHAINS = '*';

/** Which figures of the dashboards are hidden from one caller, whatever the month asked (ADR 0015). */
export type Suppression = {
  /** A region's (county, city or PROVINCE) output in one chain or ALL_CHAINS. */
  regionHidden(regionCode: string, chainId: string): boolean;
  /** A node's output. */
  nodeHidden(nodeId: string): boolean;
};

export const NOTHING_HIDDEN: Suppression = { regionHidden: () => false, nodeHidden: () => false };

/** Firms that reported in each month of the common month axis, and the output over all months. */
type History = { firms: Int32Array; valueYuan: number };

/** What every caller's decision starts from: the stored history of each county × chain cell and node. */
export type DisclosureFigures = {
  periods: string[];
  cities: Region[];
  counties: Region[];
  /** The city of each county. */
  cityOf: Map<string, string>;
  chains: string[];
  /** Keyed `${county}|${chain}`; cells without any firm are absent. */
  countyCells: Map<string, History>;
  nodes: Map<string, History & { chainId: string }>;
};

export async function loadDisclosureFigures(database: Database, planId: string): Promise<DisclosureFigures> {
  const [cells, nodes, regions] = await Promise.all([
    countyChainHistories(database.query, planId),
    nodeHistories(database.query, planId),
    listRegions(database.query),
  ]);
  const periods = [...new Set([...cells, ...nodes].flatMap((h) => h.periods))].sort();
  const monthIndex = new Map(periods.map((p, i) => [p, i]));
  const onAxis = (h: FirmCountHistory): History => {
    const firms = new Int32Array(periods.length);
    for (const [k, period] of h.periods.entries()) firms[monthIndex.get(period)!] = Number(h.firms[k]);
    return { firms, valueYuan: h.valueYuan };
  };
  const counties = regions.filter((r) => r.level === 'county');
  return {
    periods,
    cities: regions.filter((r) => r.level === 'city'),
    counties,
    cityOf: new Map(counties.map((k) => [k.code, k.parent ?? ''])),
    chains: [...new Set(nodes.map((n) => n.chainId))],
    countyCells: new Map(cells.map((c) => [`${c.countyCode}|${c.chainId}`, onAxis(c)])),
    nodes: new Map(nodes.map((n) => [n.nodeId, { ...onAxis(n), chainId: n.chainId }])),
  };
}

/**
 * Firms the caller reads inside cells that its grants do not cover whole, counted per month: its own firm
 * (a firm user), firms listed under a node of its chain but counted in another chain (a chain leader), and
 * in the nodes of other chains the firms of its cities and counties (an official). A node is `safe`,
 * without counting, when no month can rest on 1–2 firms the caller does not read: in every month with
 * firms, they are at least 3 more than all the node's firms the caller reads.
 */
export type ReadFirms = { cells: Map<string, Int32Array>; nodes: Map<string, Int32Array | 'safe'> };

export async function loadReadFirms(
  database: Database,
  planId: string,
  figures: DisclosureFigures,
  scope: FirmScope,
): Promise<ReadFirms> {
  const read: ReadFirms = { cells: new Map(), nodes: new Map() };
  const byGrantedRegion = (county: string) =>
    scope.countyCodes.includes(county) || scope.cityCodes.includes(figures.cityOf.get(county) ?? '');
  const ofNode = new Map<string, number[]>();
  const toCount = new Set<number>();
  for (const f of await readableFirms(database.query, planId, scope)) {
    if (scope.chainIds.includes(f.chainId)) continue; // its cell and its node are covered whole
    if (!byGrantedRegion(f.countyCode)) toCount.add(f.id);
    ofNode.set(f.nodeId, [...(ofNode.get(f.nodeId) ?? []), f.id]);
  }
  for (const [nodeId, ids] of ofNode) {
    const unseenAtLeast = (n: number) => n - ids.length;
    if (figures.nodes.get(nodeId)?.firms.some((n) => n > 0 && unseenAtLeast(n) < MIN_FIRMS_PER_CELL)) {
      for (const id of ids) toCount.add(id);
    } else read.nodes.set(nodeId, 'safe');
  }
  const monthIndex = new Map(figures.periods.map((p, i) => [p, i]));
  const add = (map: Map<string, Int32Array | 'safe'>, key: string, month: number, firms: number) => {
    const series = map.get(key);
    if (series === 'safe') return;
    const counts = series ?? new Int32Array(figures.periods.length);
    counts[month]! += firms;
    map.set(key, counts);
  };
  for (const row of await firmMonthCounts(database.query, [...toCount])) {
    const month = monthIndex.get(row.period);
    if (month === undefined) continue;
    if (!byGrantedRegion(row.countyCode))
      add(read.cells, `${row.countyCode}|${row.chainId}`, month, row.firms);
    add(read.nodes, row.nodeId, month, row.firms);
  }
  return read;
}

/** A cell of the equations: `unseen` are the firms the caller does not read, per month. */
type Cell = { firms: number; value: number; covered: boolean; hidden: boolean };
type Group = { members: Cell[]; total: Cell };

/** Primary suppression on a cell's history: hidden when any month rests on 1–2 firms the caller cannot read. */
function cellOf(firms: Int32Array, read: Int32Array | 'all' | 'safe' | undefined, value: number): Cell {
  let most = 0;
  let hidden = false;
  let known = true;
  for (let m = 0; m < firms.length; m++) {
    const n = firms[m]!;
    most = Math.max(most, n);
    const unseen = read === 'all' ? 0 : read === 'safe' ? MIN_FIRMS_PER_CELL : n - (read?.[m] ?? 0);
    if (n > 0 && unseen > 0) known = false;
    if (n > 0 && unseen > 0 && unseen < MIN_FIRMS_PER_CELL) hidden = true;
  }
  return { firms: most, value, covered: known, hidden };
}

/**
 * Decides every hidden figure at once, so that all views agree, and for the whole stored history, so that
 * every month agrees: a decision per month let a cell shown in one month give back the one hidden beside
 * it in the month before (a review derived a county's year to date that way). The cells are the output of
 * each county, city and the province in each chain and in all chains, and each node's; every total the
 * views show is an equation between cells (a city = its counties, the province = its cities, a region =
 * its chains, a chain = its nodes). A cell is hidden when in any month 1–2 of its firms are firms the
 * caller cannot read (firms it reads do not protect the others: it could subtract them); then, as long
 * as some equation has exactly one unknown, another of its cells is hidden (the smallest over all months
 * that the caller does not know anyway, else its total), until none has.
 */
export function decideSuppression(
  figures: DisclosureFigures,
  read: ReadFirms,
  scope: FirmScope,
): Suppression {
  if (scope.all) return NOTHING_HIDDEN;
  const months = figures.periods.length;
  const cells = new Map<string, Cell>();
  /** Firms and firms read per month of a region in a chain (or all chains), summed from its counties. */
  const sums = (counties: Region[], chains: string[]) => {
    const firms = new Int32Array(months);
    const seen = new Int32Array(months);
    let value = 0;
    for (const county of counties) {
      for (const chain of chains) {
        const cell = figures.countyCells.get(`${county.code}|${chain}`);
        if (!cell) continue;
        value += cell.valueYuan;
        const covered = scopeCoversCell(scope, {
          regionCode: county.code,
          cityCode: county.parent,
          chainId: chain,
        });
        const reads = read.cells.get(`${county.code}|${chain}`);
        for (let m = 0; m < months; m++) {
          firms[m]! += cell.firms[m]!;
          seen[m]! += covered ? cell.firms[m]! : (reads?.[m] ?? 0);
        }
      }
    }
    return cellOf(firms, seen, value);
  };
  const countiesOf = (region: string) =>
    region === PROVINCE
      ? figures.counties
      : figures.counties.filter((k) => k.code === region || k.parent === region);
  const regionCell = (region: string, chain: string): Cell => {
    const key = `${region}|${chain}`;
    let cell = cells.get(key);
    if (!cell) {
      cell = sums(countiesOf(region), chain === ALL_CHAINS ? figures.chains : [chain]);
      cells.set(key, cell);
    }
    return cell;
  };
  const nodeCells = new Map<string, Cell>();
  for (const [nodeId, node] of figures.nodes) {
    const covered = scopeCoversCell(scope, { chainId: node.chainId });
    nodeCells.set(nodeId, cellOf(node.firms, covered ? 'all' : read.nodes.get(nodeId), node.valueYuan));
  }

  const groups: Group[] = [];
  for (const chain of [...figures.chains, ALL_CHAINS]) {
    for (const city of figures.cities) {
      groups.push({
        members: figures.counties.filter((k) => k.parent === city.code).map((k) => regionCell(k.code, chain)),
        total: regionCell(city.code, chain),
      });
    }
    groups.push({
      members: figures.cities.map((c) => regionCell(c.code, chain)),
      total: regionCell(PROVINCE, chain),
    });
  }
  for (const region of [...figures.counties, ...figures.cities, { code: PROVINCE }]) {
    groups.push({
      members: figures.chains.map((chain) => regionCell(region.code, chain)),
      total: regionCell(region.code, ALL_CHAINS),
    });
  }
  for (const chain of figures.chains) {
    groups.push({
      members: [...figures.nodes].filter(([, n]) => n.chainId === chain).map(([id]) => nodeCells.get(id)!),
      total: regionCell(PROVINCE, chain),
    });
  }

  // Until no equation has exactly one unknown. Each round hides at least one more cell, so it ends.
  for (let changed = true; changed; ) {
    changed = false;
    for (const { members, total } of groups) {
      const unknowns = members.filter((m) => m.hidden).length + (total.hidden ? 1 : 0);
      if (unknowns !== 1) continue;
      const next = secondCellToHide(members);
      if (next >= 0) members[next]!.hidden = true;
      else if (!total.hidden && !total.covered) total.hidden = true;
      else continue;
      changed = true;
    }
  }
  return {
    regionHidden: (region, chain) => cells.get(`${region}|${chain}`)?.hidden ?? false,
    nodeHidden: (nodeId) => nodeCells.get(nodeId)?.hidden ?? false,
  };
}
