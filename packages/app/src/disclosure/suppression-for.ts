import { EMPTY_SCOPE, type FirmScope, firmScopeOf, type Grant } from '@chainbrain/domain';
import {
  activeUserGrants,
  type Database,
  dataVersion,
  disclosureFloor,
  disclosureFloorSize,
  extendDisclosureFloor,
} from '@chainbrain/store';
import { type DisclosureFigures, loadDisclosureFigures } from './disclosure-figures.js';
import { countedKnowledge, type Knowledge, scopeKey, singleGrantKnowledge } from './scope-knowledge.js';
import {
  decidePublicSuppression,
  NOTHING_HIDDEN,
  type PublicDecision,
  type Suppression,
} from './suppression-table.js';

/** Data versions kept per database and plan (a reload makes a new one; the old one is not read again). */
const VERSIONS_KEPT = 4;
/** Decisions kept per data version: one per set of users' scopes (it changes when grants change). */
const DECISIONS_KEPT = 8;

type Entry = { figures: Promise<DisclosureFigures>; decisions: Map<string, Promise<PublicDecision>> };

/**
 * Per database: the figures of each plan and data version (a reload, even by another process, is read
 * anew), and the decision for each set of readers. Maps keep insertion order: the first key is the least
 * recently used.
 */
const caches = new WeakMap<Database, Map<string, Entry>>();

function touch<V>(map: Map<string, V>, key: string, make: () => V, limit: number): V {
  const value = map.get(key) ?? make();
  map.delete(key);
  map.set(key, value);
  if (map.size > limit) map.delete(map.keys().next().value!);
  return value;
}

/** Forgets a promise that failed, so that the next request tries again. */
function keepUnlessFailed<V>(map: Map<string, V>, key: string, value: V, promise: Promise<unknown>): V {
  promise.catch(() => {
    if (map.get(key) === value) map.delete(key);
  });
  return value;
}

/** Whether a scope reads firms by region or chain: the readers a decision weighs beside the viewer. */
export function isRegionOrChainScope(scope: FirmScope): boolean {
  return scope.cityCodes.length + scope.countyCodes.length + scope.chainIds.length > 0;
}

/** The scopes of active users who read aggregates beyond a viewer's (a firm user reads none). */
export async function usersScopes(database: Database): Promise<FirmScope[]> {
  const scopes: FirmScope[] = [];
  for (const grants of (await activeUserGrants(database.query)).values()) {
    const scope = firmScopeOf(grants as Grant[]);
    if (scope.all || scope.cityCodes.length + scope.countyCodes.length + scope.chainIds.length === 0)
      continue;
    scopes.push(scope);
  }
  return scopes;
}

/** Every single county, city and chain, and a viewer: readers whose knowledge the figures give. */
function singleGrantScopes(figures: DisclosureFigures): FirmScope[] {
  return [
    EMPTY_SCOPE,
    ...figures.counties.map((k) => ({ ...EMPTY_SCOPE, countyCodes: [k.code] })),
    ...figures.cities.map((c) => ({ ...EMPTY_SCOPE, cityCodes: [c.code] })),
    ...figures.chains.map((c) => ({ ...EMPTY_SCOPE, chainIds: [c] })),
  ];
}

/**
 * Which figures are hidden from this caller (ADR 0015): one decision for every reader and every month,
 * made once per data version and set of users' scopes; a caller sees what is not hidden and what it
 * reads whole anyway.
 */
export async function suppressionFor(
  database: Database,
  planId: string,
  scope: FirmScope,
): Promise<Suppression> {
  if (scope.all) return NOTHING_HIDDEN;
  const versions = caches.get(database) ?? new Map<string, Entry>();
  caches.set(database, versions);
  const versionKey = `${planId}|${await dataVersion(database.query)}`;
  const entry = touch(
    versions,
    versionKey,
    () => {
      const figures = loadDisclosureFigures(database, planId);
      return keepUnlessFailed(versions, versionKey, { figures, decisions: new Map() }, figures);
    },
    VERSIONS_KEPT,
  );
  const figures = await entry.figures;
  // Readers beyond the single grants: users with several grants, and the caller (always a user outside
  // tests). Keyed by their scopes, so a change of grants makes a new decision.
  const single = singleGrantScopes(figures);
  const singleKeys = new Set(single.map(scopeKey));
  // A caller with no city, county or chain (a viewer, or a viewer who is also a firm user) gets the
  // viewer's view: firm users are not weighed (ADR 0015), and a decision of its own would pick other
  // secondary cells, which two screens together would undo (a review found such pairs).
  const reader = isRegionOrChainScope(scope) ? scope : EMPTY_SCOPE;
  const others = new Map<string, FirmScope>();
  for (const s of [...(await usersScopes(database)), reader]) {
    if (!singleKeys.has(scopeKey(s))) others.set(scopeKey(s), s);
  }
  // The floor only grows within a data version, so its size tells its state: a decision made before it
  // grew (the same users' scopes as now, before a grant change and back) is not reused.
  const readersKey = [...others.keys()].sort().join(';');
  const decisionKey = `${readersKey}#${await disclosureFloorSize(database.query, planId)}`;
  const decision = touch(
    entry.decisions,
    decisionKey,
    () => {
      let grownFloor = 0;
      const made = (async () => {
        const readers: Array<{ key: string; knowledge: Knowledge }> = single.map((s) => ({
          key: scopeKey(s),
          knowledge: singleGrantKnowledge(figures, s),
        }));
        for (const [key, s] of others) {
          readers.push({ key, knowledge: await countedKnowledge(database, planId, figures, s) });
        }
        const floor = await disclosureFloor(database.query, planId);
        const decided = decidePublicSuppression(figures, readers, floor);
        await extendDisclosureFloor(database.query, planId, decided.hiddenKeys);
        grownFloor = new Set([...floor, ...decided.hiddenKeys]).size;
        return decided;
      })();
      // The floor now holds this decision's cells: the next request's key names the grown floor, and
      // finds this decision there instead of making it again.
      void made.then(
        () => entry.decisions.set(`${readersKey}#${grownFloor}`, made),
        () => {},
      );
      return keepUnlessFailed(entry.decisions, decisionKey, made, made);
    },
    DECISIONS_KEPT,
  );
  const view = (await decision).forReader(scopeKey(reader));
  // A caller's scope is always among the readers (single grant, or added above).
  if (!view) throw new Error(`disclosure decision made without the caller's scope ${scopeKey(scope)}`);
  return view;
}
