import type { FirmScope } from '@chainbrain/domain';
import { type Database, dataVersion } from '@chainbrain/store';
import {
  type DisclosureFigures,
  decideSuppression,
  loadDisclosureFigures,
  loadReadFirms,
  NOTHING_HIDDEN,
  type Suppression,
} from './suppression-table.js';

/** Plans × data versions kept per database (a reload makes a new version; the old one is not read again). */
const VERSIONS_KEPT = 4;
/** Caller scopes kept per version (each a few kilobytes). */
const SCOPES_KEPT = 256;

type Entry = { figures: Promise<DisclosureFigures>; byScope: Map<string, Promise<Suppression>> };

/**
 * Per database: the stored history of every cell of each plan (keyed with the data version, so a reload,
 * even by another process, is read anew) and the decision made from it for each scope. On the full demo
 * the history took about 0.25 s to read and a scope's own reads 0.05–0.3 s; the decision itself a few
 * milliseconds. Maps keep insertion order, so the first key is the least recently used.
 */
const caches = new WeakMap<Database, Map<string, Entry>>();

function scopeKey(scope: FirmScope): string {
  // Sorted, so grants listed in another order share an entry.
  const sorted = (xs: readonly (string | number)[]) => [...xs].map(String).sort().join(',');
  return [scope.cityCodes, scope.countyCodes, scope.chainIds, scope.firmIds].map(sorted).join('|');
}

function touch<V>(map: Map<string, V>, key: string, make: () => V, limit: number): V {
  const value = map.get(key) ?? make();
  map.delete(key);
  map.set(key, value);
  if (map.size > limit) map.delete(map.keys().next().value!);
  return value;
}

/** Forgets a promise that failed, so that the next request tries again. */
function forgetOnFailure<V>(map: Map<string, Promise<V>>, key: string, promise: Promise<V>): Promise<V> {
  promise.catch(() => {
    if (map.get(key) === promise) map.delete(key);
  });
  return promise;
}

/** Which figures are hidden from this caller (ADR 0015): the same for every month, decided once per data version. */
export async function suppressionFor(
  database: Database,
  planId: string,
  scope: FirmScope,
): Promise<Suppression> {
  if (scope.all) return NOTHING_HIDDEN;
  const versions = caches.get(database) ?? new Map<string, Entry>();
  caches.set(database, versions);
  const key = `${planId}|${await dataVersion(database.query)}`;
  const entry = touch(
    versions,
    key,
    () => ({ figures: loadDisclosureFigures(database, planId), byScope: new Map() }),
    VERSIONS_KEPT,
  );
  entry.figures.catch(() => {
    if (versions.get(key) === entry) versions.delete(key);
  });
  const k = scopeKey(scope);
  return touch(
    entry.byScope,
    k,
    () =>
      forgetOnFailure(
        entry.byScope,
        k,
        entry.figures.then(async (figures) =>
          decideSuppression(figures, await loadReadFirms(database, planId, figures, scope), scope),
        ),
      ),
    SCOPES_KEPT,
  );
}
