import { MIN_FIRMS_PER_CELL } from '@chainbrain/domain';
import { type CellMonths, dominatedInSomeMonth, sumGivesFirmsAway, sumMonths } from './cell-months.js';
import type { DisclosureFigures, History } from './disclosure-figures.js';
import type { Knowledge, Reads } from './scope-knowledge.js';
import { hideSecondaryCells } from './secondary-suppression.js';

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

type Cell = {
  key: string;
  months: CellMonths;
  value: number;
  everFirms: boolean;
  base: string[];
};

/**
 * Decides which figures are hidden, once for every reader, so that no reader can give back one or two
 * firms' output, or the output of a firm that dominates a figure, from what any reader is shown (ADR
 * 0015, second and fourth amendments). Readers: a viewer (reads no firm), and every other scope weighed
 * (each county, city and chain, and the scopes of actual users); a reader reads some firms, so in a cell
 * it does not cover it can subtract them.
 *
 * - Primary: a cell is hidden when, for some reader, in some stored month 1–2 of its firms are firms
 *   that reader cannot read. Hiding it only from that reader let it take the figure from a viewer's
 *   screen and subtract its own firms (a review derived single firms so). So is a cell whose largest
 *   firm dominates it in some month (p% rule), whole or in what a reader who reads some of its firms
 *   one by one cannot read (an official in a node).
 * - Secondary: the cells are the output of each county, city and the province in each chain and in all
 *   chains, and each node's; every total shown is an equation between them, and gives a reader the sum
 *   of its hidden parts that reader does not know. While for some reader that sum is one cell, or rests
 *   on 1–2 firms it cannot read in some month, or is dominated by its largest firm, another part that
 *   reader does not know is hidden (the smallest over all months), else the total; until no reader has
 *   such an equation.
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
  const addCell = (key: string, base: string[], cellMonths: CellMonths, value: number) => {
    index.set(key, cells.length);
    cells.push({ key, months: cellMonths, value, everFirms: cellMonths.firms.some((n) => n > 0), base });
  };
  // Region cells from their county × chain cells.
  const regionCell = (region: string, counties: string[], chains: string[]) => {
    // Keyed apart from the chains' own cells even in a plan of one chain.
    const sets = [...chains.map((c) => ({ key: c, chain: [c] })), { key: ALL_CHAINS, chain: chains }];
    for (const { key, chain } of sets) {
      const base: string[] = [];
      const parts: History[] = [];
      let value = 0;
      for (const county of counties) {
        for (const c of chain) {
          const cell = figures.countyCells.get(`${county}|${c}`);
          if (!cell) continue;
          base.push(`${county}|${c}`);
          parts.push(cell);
          value += cell.valueYuan;
        }
      }
      addCell(`${region}|${key}`, base, sumMonths(parts, months), value);
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
  for (const [nodeId, node] of figures.nodes) addCell(`node:${nodeId}`, [], node, node.valueYuan);

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

  // A cell dominated by its largest firm is hidden whoever reads: a viewer's screen is not secret.
  const hidden = new Uint8Array(cells.length);
  for (const [c, cell] of cells.entries()) if (dominatedInSomeMonth(cell.months)) hidden[c] = 1;
  // For each reader: its reads of every cell, the cells it knows whole, and the primary cells its reads
  // make.
  const readsBy = readers.map(({ knowledge }) => cells.map((cell) => readsOf(cell, knowledge, figures)));
  // What each reader cannot read of a cell, where it reads part of it; made when first needed.
  const unreadMemo = readers.map(() => new Map<number, CellMonths | undefined>());
  const unreadOf = (r: number, c: number): CellMonths | undefined => {
    const memo = unreadMemo[r]!;
    if (!memo.has(c)) memo.set(c, unreadMonths(cells[c]!, readers[r]!.knowledge, figures));
    return memo.get(c);
  };
  const knownBy = readers.map((_, r) => {
    const known = new Uint8Array(cells.length);
    for (const [c, cell] of cells.entries()) {
      const reads = readsBy[r]![c];
      let allRead = true;
      for (let m = 0; m < months; m++) {
        const n = cell.months.firms[m]!;
        const unread = reads === 'all' ? 0 : n - (reads?.[m] ?? 0);
        if (n > 0 && unread > 0) allRead = false;
        if (n > 0 && unread > 0 && unread < MIN_FIRMS_PER_CELL) hidden[c] = 1;
      }
      if (allRead) known[c] = 1;
      else if (!hidden[c] && partlyRead(cell, readers[r]!.knowledge)) {
        // What this reader cannot read of the cell may be dominated though the whole is not: an official
        // less their own firms in a node (a review read a firm to 9% so).
        const unread = unreadOf(r, c);
        if (unread && dominatedInSomeMonth(unread)) hidden[c] = 1;
      }
    }
    return known;
  });

  for (const key of floor) {
    const c = index.get(key);
    if (c !== undefined) hidden[c] = 1;
  }

  // Secondary suppression, for every reader at once (secondary-suppression.ts).
  hideSecondaryCells({
    groups,
    hidden,
    knownBy,
    readsSome: (r, c) => readsBy[r]![c] !== undefined,
    sumGivesAway: (r, unknown) =>
      sumGivesFirmsAway(
        unknown.map((c) => {
          const unread = unreadOf(r, c);
          return unread
            ? { months: unread, reads: undefined }
            : { months: cells[c]!.months, reads: readsBy[r]![c] };
        }),
        months,
      ),
    everFirms: (c) => cells[c]!.everFirms,
    value: (c) => cells[c]!.value,
  });

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

/** Whether a reader reads some firms inside a cell one by one (an official in a node, a chain's listings). */
function partlyRead(cell: Cell, knowledge: Knowledge): boolean {
  if (cell.key.startsWith('node:')) return knowledge.unread.has(cell.key);
  return cell.base.some((key) => knowledge.unread.has(key));
}

/**
 * What a reader cannot read of a cell, where it reads part of it: a node's unread firms, or a region
 * cell's county × chain cells less those it reads whole and less its firms read one by one. Undefined
 * where it reads nothing of the cell (the whole cell stands).
 */
function unreadMonths(cell: Cell, knowledge: Knowledge, figures: DisclosureFigures): CellMonths | undefined {
  if (cell.key.startsWith('node:')) return knowledge.unread.get(cell.key);
  const touched = cell.base.some((key) => knowledge.unread.has(key) || knowledge.cells.get(key) === 'all');
  if (!touched) return undefined;
  const parts: CellMonths[] = [];
  for (const key of cell.base) {
    if (knowledge.cells.get(key) === 'all') continue;
    parts.push(knowledge.unread.get(key) ?? figures.countyCells.get(key)!);
  }
  return sumMonths(parts, figures.periods.length);
}
