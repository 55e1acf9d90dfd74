import {
  addMonths,
  type FirmScope,
  MIN_FIRMS_PER_CELL,
  scopeCoversCell,
  secondCellToHide,
} from '@chainbrain/domain';
import { type Database, listRegions, nodeOutputOfPlan, outputCells } from '@chainbrain/store';

/** The province's code in the cell keys; '*' stands for all chains together. */
export const PROVINCE = '330000';
export const ALL_CHAINS = '*';

/** Which figures of the dashboards are hidden from one caller for one month (ADR 0015). */
export type Suppression = {
  /** A region's (county, city or PROVINCE) output in one chain or ALL_CHAINS. */
  regionHidden(regionCode: string, chainId: string): boolean;
  /** A node's output over the 12 months. */
  nodeHidden(nodeId: string): boolean;
};

export const NOTHING_HIDDEN: Suppression = { regionHidden: () => false, nodeHidden: () => false };

type Cell = { firms: number; value: number; covered: boolean; hidden: boolean };
type Group = { members: Cell[]; total: Cell };

/** The month's figures that disclosure control looks at; the same for every caller. */
export type DisclosureFigures = {
  rows: Awaited<ReturnType<typeof outputCells>>;
  regions: Awaited<ReturnType<typeof listRegions>>;
  nodes: Awaited<ReturnType<typeof nodeOutputOfPlan>>;
};

/** Reads the cells' figures: a year earlier from January (同比's base) to the month, and nodes over 12 months. */
export async function loadDisclosureFigures(
  database: Database,
  planId: string,
  month: string,
): Promise<DisclosureFigures> {
  // The months any view shows: the 12 months and the year to date lie inside.
  const from = `${Number(month.slice(0, 4)) - 1}-01`;
  const [rows, regions, nodes] = await Promise.all([
    outputCells(database.query, planId, from, month),
    listRegions(database.query),
    nodeOutputOfPlan(database.query, planId, addMonths(month, -11), month),
  ]);
  return { rows, regions, nodes };
}

/**
 * Decides every hidden figure of a month at once, so that all views agree. The cells are the output of
 * each county, city and the province in each chain and in all chains, and each node's; every total the
 * views show is an equation between cells (a city = its counties, the province = its cities, a region =
 * its chains, a chain = its nodes). A cell of 1–2 firms outside the caller's scope is hidden; then, as
 * long as some equation has exactly one unknown, another of its cells is hidden (the smallest the caller
 * does not see anyway, else its total), until none has. Hiding views one by one left leaks: a city
 * hidden in one chain could be had from the city's all-chain total minus its other chains.
 */
export function decideSuppression(figures: DisclosureFigures, scope: FirmScope): Suppression {
  if (scope.all) return NOTHING_HIDDEN;
  const { rows, regions, nodes } = figures;
  const byKey = new Map(
    rows.map((r) => [`${r.countyCode ?? r.cityCode ?? PROVINCE}|${r.chainId ?? ALL_CHAINS}`, r]),
  );
  const chains = [...new Set(nodes.map((n) => n.chainId))];
  const cities = regions.filter((r) => r.level === 'city');
  const counties = regions.filter((r) => r.level === 'county');
  const cells = new Map<string, Cell>();
  const regionCell = (region: string, parent: string | null, chain: string): Cell => {
    const key = `${region}|${chain}`;
    let cell = cells.get(key);
    if (!cell) {
      const row = byKey.get(key);
      const firms = row?.firms ?? 0;
      const covered = scopeCoversCell(scope, {
        regionCode: region === PROVINCE ? null : region,
        cityCode: parent,
        chainId: chain === ALL_CHAINS ? null : chain,
      });
      cell = {
        firms,
        value: row?.valueYuan ?? 0,
        covered,
        hidden: !covered && firms > 0 && firms < MIN_FIRMS_PER_CELL,
      };
      cells.set(key, cell);
    }
    return cell;
  };
  const nodeCells = new Map<string, Cell>();
  for (const n of nodes) {
    const covered = scopeCoversCell(scope, { chainId: n.chainId });
    const hidden = !covered && n.reportingFirms > 0 && n.reportingFirms < MIN_FIRMS_PER_CELL;
    nodeCells.set(n.nodeId, { firms: n.reportingFirms, value: n.outputYuan, covered, hidden });
  }

  const groups: Group[] = [];
  for (const chain of [...chains, ALL_CHAINS]) {
    for (const city of cities) {
      groups.push({
        members: counties
          .filter((k) => k.parent === city.code)
          .map((k) => regionCell(k.code, city.code, chain)),
        total: regionCell(city.code, null, chain),
      });
    }
    groups.push({
      members: cities.map((c) => regionCell(c.code, null, chain)),
      total: regionCell(PROVINCE, null, chain),
    });
  }
  for (const region of [...counties, ...cities, { code: PROVINCE, parent: null }]) {
    const parent = region.code === PROVINCE ? null : region.parent;
    groups.push({
      members: chains.map((chain) => regionCell(region.code, parent, chain)),
      total: regionCell(region.code, parent, ALL_CHAINS),
    });
  }
  for (const chain of chains) {
    groups.push({
      members: nodes.filter((n) => n.chainId === chain).map((n) => nodeCells.get(n.nodeId)!),
      total: regionCell(PROVINCE, null, chain),
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
