import type { RestrictedEntry } from '@chainbrain/engine';
import { listRestrictedOrigins, type RawQuery } from '@chainbrain/store';

/** The stored list as the engine takes it (ADR 0024); its codes were checked when they were added. */
export async function loadRestrictedList(query: RawQuery): Promise<RestrictedEntry[]> {
  return (await listRestrictedOrigins(query)).map((r) => ({
    country: r.country,
    hs: r.hs,
    source: r.source,
  }));
}
