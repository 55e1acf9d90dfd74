import { type Database, listRestrictedOrigins, type RestrictedOriginRow } from '@chainbrain/store';
import type { Actor } from '../access/actor.js';
import { requirePermission } from '../access/require-permission.js';

/**
 * The restricted-origin list (限制来源清单, ADR 0024), for every official who reads firms: it is what
 * the firm pages and the risk list are measured against, so whoever reads those may read why. It holds
 * public controls, no firm's data, so it is not scoped by region or chain.
 */
export async function listRestrictedOriginEntries(
  database: Database,
  actor: Actor,
): Promise<RestrictedOriginRow[]> {
  requirePermission(actor, 'firms:read');
  return listRestrictedOrigins(database.query);
}
