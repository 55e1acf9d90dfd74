import type { FirmScope } from '@chainbrain/domain';
import { type Database, dataVersion } from '@chainbrain/store';
import {
  type DisclosureFigures,
  decideSuppression,
  loadDisclosureFigures,
  NOTHING_HIDDEN,
  type Suppression,
} from './suppression-table.js';

/** Months kept per database: a dashboard session moves among a handful; older ones are read again. */
const MONTHS_KEPT = 24;
/** Caller scopes kept per month (each a few kilobytes). */
const SCOPES_KEPT = 256;

type MonthEntry = { figures: Promise<DisclosureFigures>; byScope: Map<string, Suppression> };

/**
 * Per database: the figures of each plan and month (keyed with the data version, so a reload, even by
 * another process, is read anew) and the decisions made from them for each scope. Reading the figures
 * took about 0.2 s of each dashboard request of a non-province caller on the 30,000-firm demo; the
 * decision itself a few milliseconds. Maps keep insertion order, so the first key is the oldest.
 */
const caches = new WeakMap<Database, Map<string, MonthEntry>>();

function scopeKey(scope: FirmScope): string {
  // Only what scopeCoversCell reads; sorted, so grants listed in another order share an entry.
  const sorted = (xs: readonly string[]) => [...xs].sort().join(',');
  return `${sorted(scope.cityCodes)}|${sorted(scope.countyCodes)}|${sorted(scope.chainIds)}`;
}

function remember<V>(map: Map<string, V>, key: string, value: V, limit: number): V {
  map.set(key, value);
  if (map.size > limit) map.delete(map.keys().next().value!);
  return value;
}

/** Which figures are hidden from this caller this month (ADR 0015); decided once per data version. */
export async function suppressionFor(
  database: Database,
  planId: string,
  month: string,
  scope: FirmScope,
): Promise<Suppression> {
  if (scope.all) return NOTHING_HIDDEN;
  const months = caches.get(database) ?? new Map<string, MonthEntry>();
  caches.set(database, months);
  const key = `${planId}|${month}|${await dataVersion(database.query)}`;
  let entry = months.get(key);
  if (entry) {
    months.delete(key); // most recently used goes last
    months.set(key, entry);
  } else {
    const figures = loadDisclosureFigures(database, planId, month);
    entry = remember(months, key, { figures, byScope: new Map() }, MONTHS_KEPT);
    // A failed read is not kept: the next request tries again.
    figures.catch(() => {
      if (months.get(key) === entry) months.delete(key);
    });
  }
  const figures = await entry.figures;
  const k = scopeKey(scope);
  return entry.byScope.get(k) ?? remember(entry.byScope, k, decideSuppression(figures, scope), SCOPES_KEPT);
}
