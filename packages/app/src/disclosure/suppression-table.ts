import { MIN_FIRMS_PER_CELL } from '@chainbrain/domain';
import type { DisclosureFigures } from './disclosure-figures.js';
import type { Knowledge, Reads } from './scope-knowledge.js';

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

/** One decision for every reader: the hidden cells, and what each reader knows anyway. */
export type PublicDecision = {
  /** The view of the reader with this knowledge key; undefined for a reader the decision did not weigh. */
  forReader(key: string): Suppression | undefined;
  hiddenCount: number;
  /** The keys of the hidden cells (`${region}|${chain}`, `node:${id}`), for the floor of the next decision. */
  hiddenKeys: string[];
};

type Cell = { key: string; firms: Int32Array; value: number; everFirms: boolean; base: string[] };

/**
 * Decides which figures are hidden, once for every reader, so that no reader can give back one or two
 * firms' output from what any reader is shown (ADR 0015, second amendment). Readers: a viewer (reads no
 * firm), and every other scope weighed (each county, city and chain, and the scopes of actual users); a
 * reader reads some firms, so in a cell it does not cover it can subtract them.
 *
 * - Primary: a cell is hidden when, for some reader, in some stored month 1–2 of its firms are firms
 *   that reader cannot read. Hiding it only from that reader let it take the figure from a viewer's
 *   screen and subtract its own firms (a review derived single firms so).
 * - Secondary: the cells are the output of each county, city and the province in each chain and in all
 *   chains, and each node's; every total shown is an equation between them. As long as, for some reader,
 *   an equation has exactly one hidden cell that reader does not know, another cell of it that reader
 *   does not know is hidden (the smallest over all months), else its total; until no reader has such an
 *   equation.
 * - Each reader is shown every cell not hidden, and the hidden ones it knows (all their firms are its).
 */
export function decidePublicSuppression(
  figures: DisclosureFigures,
  readers: ReadonlyArray<{ key: string; knowledge: Knowledge }>,
  /** Cells an earlier decision on the same data hid: they stay hidden (ADR 0015, third amendment). */
  floor: readonly string[] = [],
): PublicDecision {
  const months = figures.periods.length;
  const cells: Cell[] = [];
  const index = new Map<string, number>();
  const addCell = (key: string, base: string[], firms: Int32Array, value: number) => {
    index.set(key, cells.length);
    cells.push({ key, firms, value, everFirms: firms.some((n) => n > 0), base });
  };
  // Region cells from their county × chain cells.
  const regionCell = (region: string, counties: string[], chains: string[]) => {
    for (const chain of [...chains.map((c) => [c]), chains]) {
      const base: string[] = [];
      const firms = new Int32Array(months);
      let value = 0;
      for (const county of counties) {
        for (const c of chain) {
          const cell = figures.countyCells.get(`${county}|${c}`);
          if (!cell) continue;
          base.push(`${county}|${c}`);
          value += cell.valueYuan;
          for (let m = 0; m < months; m++) firms[m]! += cell.firms[m]!;
        }
      }
      addCell(`${region}|${chain.length === 1 ? chain[0] : ALL_CHAINS}`, base, firms, value);
    }
  };
  for (const county of figures.counties) regionCell(county.code, [county.code], figures.chains);
  for (const city of figures.cities)
    regionCell(city.code, figures.countiesOf.get(city.code) ?? [], figures.chains);
  regionCell(
    PROVINCE,
    figures.counties.map((k) => k.code),
    figures.chains,
  );
  for (const [nodeId, node] of figures.nodes) addCell(`node:${nodeId}`, [], node.firms, node.valueYuan);

  // Equations, as lists of cell indices: the last is the total.
  const at = (key: string) => index.get(key)!;
  const groups: number[][] = [];
  for (const chain of [...figures.chains, ALL_CHAINS]) {
    for (const city of figures.cities) {
      groups.push([
        ...(figures.countiesOf.get(city.code) ?? []).map((k) => at(`${k}|${chain}`)),
        at(`${city.code}|${chain}`),
      ]);
    }
    groups.push([...figures.cities.map((c) => at(`${c.code}|${chain}`)), at(`${PROVINCE}|${chain}`)]);
  }
  for (const region of [...figures.counties, ...figures.cities, { code: PROVINCE }]) {
    groups.push([
      ...figures.chains.map((c) => at(`${region.code}|${c}`)),
      at(`${region.code}|${ALL_CHAINS}`),
    ]);
  }
  for (const chain of figures.chains) {
    const nodes = [...figures.nodes].filter(([, n]) => n.chainId === chain).map(([id]) => at(`node:${id}`));
    groups.push([...nodes, at(`${PROVINCE}|${chain}`)]);
  }

  // For each reader: the cells it knows whole, and the primary cells its reads make.
  const hidden = new Uint8Array(cells.length);
  const knownBy = readers.map(({ knowledge }) => {
    const known = new Uint8Array(cells.length);
    for (const [c, cell] of cells.entries()) {
      const reads = readsOf(cell, knowledge, figures);
      let allRead = true;
      for (let m = 0; m < months; m++) {
        const n = cell.firms[m]!;
        const unread = reads === 'all' ? 0 : reads === 'safe' ? MIN_FIRMS_PER_CELL : n - (reads?.[m] ?? 0);
        if (n > 0 && unread > 0) allRead = false;
        if (n > 0 && unread > 0 && unread < MIN_FIRMS_PER_CELL) hidden[c] = 1;
      }
      if (allRead) known[c] = 1;
    }
    return known;
  });

  for (const key of floor) {
    const c = index.get(key);
    if (c !== undefined) hidden[c] = 1;
  }

  // Secondary suppression, for every reader at once, until no equation leaves any reader one unknown.
  for (let changed = true; changed; ) {
    changed = false;
    for (const known of knownBy) {
      for (const group of groups) {
        let unknown = 0;
        for (const c of group) if (hidden[c] && !known[c]) unknown++;
        if (unknown !== 1) continue;
        let next = -1;
        for (const c of group.slice(0, -1)) {
          if (hidden[c] || known[c] || !cells[c]!.everFirms) continue;
          if (next < 0 || cells[c]!.value < cells[next]!.value) next = c;
        }
        const total = group.at(-1)!;
        if (next < 0 && !hidden[total] && !known[total]) next = total;
        if (next < 0) continue;
        hidden[next] = 1;
        changed = true;
      }
    }
  }

  const views = new Map(
    readers.map(({ key }, r) => {
      const known = knownBy[r]!;
      const isHidden = (k: string | undefined) => {
        const c = k === undefined ? undefined : index.get(k);
        return c !== undefined && hidden[c] === 1 && known[c] === 0;
      };
      const view: Suppression = {
        regionHidden: (region, chain) => isHidden(`${region}|${chain}`),
        nodeHidden: (nodeId) => isHidden(`node:${nodeId}`),
      };
      return [key, view] as const;
    }),
  );
  const hiddenKeys = cells.filter((_, c) => hidden[c] === 1).map((cell) => cell.key);
  return { forReader: (key) => views.get(key), hiddenCount: hiddenKeys.length, hiddenKeys };
}

/** A reader's reads of a cell, per month: summed over its county × chain cells, or a node's own. */
function readsOf(cell: Cell, knowledge: Knowledge, figures: DisclosureFigures): Reads | undefined {
  if (cell.key.startsWith('node:')) return knowledge.nodes.get(cell.key.slice(5));
  if (knowledge.cells.size === 0) return undefined;
  const months = figures.periods.length;
  let sum: Int32Array | undefined;
  let all = cell.base.length > 0;
  for (const key of cell.base) {
    const reads = knowledge.cells.get(key);
    if (reads === 'all') {
      sum ??= new Int32Array(months);
      const firms = figures.countyCells.get(key)?.firms;
      if (firms) for (let m = 0; m < months; m++) sum[m]! += firms[m]!;
      continue;
    }
    all = false;
    if (reads instanceof Int32Array) {
      sum ??= new Int32Array(months);
      for (let m = 0; m < months; m++) sum[m]! += reads[m]!;
    }
  }
  return all ? 'all' : sum;
}
