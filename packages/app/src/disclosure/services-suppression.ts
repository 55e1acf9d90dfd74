import { EMPTY_SCOPE, type FirmScope } from '@chainbrain/domain';
import { chainProjectContributors, type Database, dataVersion, listChainProjects } from '@chainbrain/store';
import { type CellMonths, dominatedInSomeMonth, sumGivesFirmsAway } from './cell-months.js';
import { scopeKey } from './scope-knowledge.js';
import { hideSecondaryCells } from './secondary-suppression.js';
import { isRegionOrChainScope, usersScopes } from './suppression-for.js';

/** A project as the rule weighs it: its investment and whose it is (a firm, or none). */
export type WeighedProject = {
  id: number;
  nodeId: string;
  stage: string;
  investmentYi: number;
  firmId: number | null;
};

/** Which investment sums of a chain's services are withheld from one caller (ADR 0022, amendment). */
export type ServicesSuppression = {
  /** A node's investment at one stage. */
  stageHidden(nodeId: string, stage: string): boolean;
  /** A node's investment over all stages. */
  nodeHidden(nodeId: string): boolean;
};

export const NOTHING_WITHHELD: ServicesSuppression = { stageHidden: () => false, nodeHidden: () => false };

export type ServicesDecision = {
  /** The view of the reader with this scope key; undefined for a reader the decision did not weigh. */
  forReader(key: string): ServicesSuppression | undefined;
  /** `${node}|${stage}` and `${node}` of the withheld sums. */
  hiddenKeys: string[];
};

/** A contributor: a firm (all its projects in a cell together), or a firmless project on its own. */
const contributorOf = (p: WeighedProject) => (p.firmId !== null ? `firm:${p.firmId}` : `project:${p.id}`);

/** A set of contributors' investment as one month of a cell, for the rule's tests. */
function asMonths(sums: Iterable<number>): CellMonths {
  let firms = 0;
  let total = 0;
  let top1 = 0;
  let top2 = 0;
  for (const v of sums) {
    firms++;
    total += v;
    if (v > top1) {
      top2 = top1;
      top1 = v;
    } else if (v > top2) top2 = v;
  }
  return {
    firms: Int32Array.of(firms),
    values: Float64Array.of(total),
    top1: Float64Array.of(top1),
    top2: Float64Array.of(top2),
  };
}

/**
 * Decides which investment sums of a chain's project library are withheld, once for every reader, with
 * the small-cell rule of the dashboards (ADR 0015): the cells are each node's investment per stage, and
 * the node's over all stages, which the gap view shows as their total. A contributor is a firm, whose
 * projects in a cell count together, or a firmless project (a county's or the chain's own), which counts
 * on its own; a reader reads the contributors whose projects the project lists give it.
 *
 * - Primary: a cell is withheld when its largest contributor dominates it (p% rule), or when for some
 *   reader what it cannot read of the cell rests on one or two contributors or is so dominated.
 * - Secondary (secondary-suppression.ts): while a node's total and the stage cells some reader sees give
 *   that reader one withheld cell it does not know, or a sum of them that gives a contributor away,
 *   another stage cell (the smallest) is withheld, else the total.
 * - Each reader is shown every cell not withheld, and the withheld ones whose contributors it reads all.
 */
export function decideServicesSuppression(
  projects: readonly WeighedProject[],
  readers: ReadonlyArray<{ key: string; reads: ReadonlySet<number> | 'all' }>,
): ServicesDecision {
  // Each cell: its contributors with their investment in it, and which projects make each contributor.
  type Cell = { key: string; sums: Map<string, number>; projects: Map<string, number[]>; value: number };
  const cells: Cell[] = [];
  const index = new Map<string, number>();
  const cellAt = (key: string) => {
    let c = index.get(key);
    if (c === undefined) {
      c = cells.length;
      index.set(key, c);
      cells.push({ key, sums: new Map(), projects: new Map(), value: 0 });
    }
    return cells[c]!;
  };
  for (const p of projects) {
    for (const key of [`${p.nodeId}|${p.stage}`, p.nodeId]) {
      const cell = cellAt(key);
      const who = contributorOf(p);
      cell.sums.set(who, (cell.sums.get(who) ?? 0) + p.investmentYi);
      cell.projects.set(who, [...(cell.projects.get(who) ?? []), p.id]);
      cell.value += p.investmentYi;
    }
  }
  // Equations: a node's stage cells, then its total.
  const groups = [...new Set(projects.map((p) => p.nodeId))].map((node) => [
    ...cells.flatMap((cell, c) => (cell.key.startsWith(`${node}|`) ? [c] : [])),
    index.get(node)!,
  ]);
  // A reader reads a contributor when it reads its projects (a firm's are read together, by firm scope).
  const reads = (r: number, projectIds: readonly number[]) => {
    const set = readers[r]!.reads;
    return set === 'all' || projectIds.some((id) => set.has(id));
  };
  const unreadOf = (r: number, c: number) =>
    [...cells[c]!.sums].filter(([who]) => !reads(r, cells[c]!.projects.get(who)!));

  const hidden = new Uint8Array(cells.length);
  for (const [c, cell] of cells.entries())
    if (dominatedInSomeMonth(asMonths(cell.sums.values()))) hidden[c] = 1;
  const knownBy = readers.map((_, r) => {
    const known = new Uint8Array(cells.length);
    for (const c of cells.keys()) {
      const unread = unreadOf(r, c);
      if (unread.length === 0) known[c] = 1;
      // What the reader cannot read rests on one or two contributors, or is dominated by its largest.
      else if (sumGivesFirmsAway([{ months: asMonths(unread.map(([, v]) => v)), reads: undefined }], 1))
        hidden[c] = 1;
    }
    return known;
  });
  hideSecondaryCells({
    groups,
    hidden,
    knownBy,
    readsSome: (r, c) => unreadOf(r, c).length < cells[c]!.sums.size,
    sumGivesAway: (r, unknown) => {
      // The withheld cells' sum, contributor by contributor: a firm in two stages is one contributor.
      const sum = new Map<string, number>();
      for (const c of unknown) for (const [who, v] of unreadOf(r, c)) sum.set(who, (sum.get(who) ?? 0) + v);
      return sumGivesFirmsAway([{ months: asMonths(sum.values()), reads: undefined }], 1);
    },
    everFirms: () => true,
    value: (c) => cells[c]!.value,
  });

  const views = new Map(
    readers.map(({ key }, r) => {
      const isHidden = (k: string) => {
        const c = index.get(k);
        return c !== undefined && hidden[c] === 1 && knownBy[r]![c] === 0;
      };
      const view: ServicesSuppression = {
        stageHidden: (nodeId, stage) => isHidden(`${nodeId}|${stage}`),
        nodeHidden: (nodeId) => isHidden(nodeId),
      };
      return [key, view] as const;
    }),
  );
  return {
    forReader: (key) => views.get(key),
    hiddenKeys: cells.filter((_, c) => hidden[c] === 1).map((cell) => cell.key),
  };
}

/** Decisions kept per database: one per plan, chain, data version and set of users' scopes. */
const DECISIONS_KEPT = 32;
const caches = new WeakMap<Database, Map<string, Promise<ServicesDecision>>>();

/**
 * Which of a chain's investment sums are withheld from this caller (ADR 0022, amendment): one decision
 * for every reader (a viewer, each county, city and chain whose grant reads some of the chain's projects,
 * and every user's scope), made once per data version and set of users' scopes; a caller sees what is
 * not withheld and what it reads whole anyway. Province-wide callers read every project.
 */
export async function servicesSuppressionFor(
  database: Database,
  planId: string,
  chainId: string,
  scope: FirmScope,
): Promise<ServicesSuppression> {
  if (scope.all) return NOTHING_WITHHELD;
  const reader = isRegionOrChainScope(scope) ? scope : EMPTY_SCOPE;
  const [projects, users, version] = await Promise.all([
    chainProjectContributors(database.query, planId, chainId),
    usersScopes(database),
    dataVersion(database.query),
  ]);
  // The single grants that read some project (the others read as a viewer does), users and the caller.
  const scopes = new Map<string, FirmScope>([[scopeKey(EMPTY_SCOPE), EMPTY_SCOPE]]);
  for (const p of projects) {
    for (const code of p.countyCodes) scopes.set(`county:${code}`, { ...EMPTY_SCOPE, countyCodes: [code] });
    for (const code of p.cityCodes) scopes.set(`city:${code}`, { ...EMPTY_SCOPE, cityCodes: [code] });
    for (const chain of p.chainIds) scopes.set(`chain:${chain}`, { ...EMPTY_SCOPE, chainIds: [chain] });
  }
  for (const s of [...users, reader]) scopes.set(scopeKey(s), s);
  const byKey = new Map([...scopes.values()].map((s) => [scopeKey(s), s]));
  const cacheKey = `${planId}|${chainId}|${version}|${[...byKey.keys()].sort().join(';')}`;
  const cache = caches.get(database) ?? new Map<string, Promise<ServicesDecision>>();
  caches.set(database, cache);
  let decision = cache.get(cacheKey);
  if (!decision) {
    decision = (async () => {
      const readers: Array<{ key: string; reads: ReadonlySet<number> }> = [];
      for (const [key, s] of byKey) {
        const read =
          key === scopeKey(EMPTY_SCOPE)
            ? []
            : await listChainProjects(database.query, s, { planId, chainId });
        readers.push({ key, reads: new Set(read.map((p) => p.id)) });
      }
      return decideServicesSuppression(projects, readers);
    })();
    cache.set(cacheKey, decision);
    decision.catch(() => cache.delete(cacheKey));
    if (cache.size > DECISIONS_KEPT) cache.delete(cache.keys().next().value!);
  }
  const view = (await decision).forReader(scopeKey(reader));
  if (!view) throw new Error(`services decision made without the caller's scope ${scopeKey(scope)}`);
  return view;
}
